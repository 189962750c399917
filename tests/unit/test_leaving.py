"""An Austritt of a member with a role entered for later (``plans.leave``): the later entry ends
with the member, or is deleted when it would only begin afterwards, in the same save
(``Store.save_all(deleted=…)``); deputies are never dropped silently."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from herford_tui.domain import Membership, Person, Role, plans
from herford_tui.domain.roles import hand_over_chair
from herford_tui.store import Store
from herford_tui.store.errors import DeleteConflictError

TODAY = date(2026, 11, 28)
START = date(2025, 1, 1)
HANDOVER = date(2027, 1, 1)


def _world(store: Store):
    """Chair Erika, mayor Bernd with deputy Paula; Bernd takes the chair from 2027 (entered ahead)."""
    snap = store.snapshot()
    lk = next(c.id for c in snap.committees.values() if c.name == "Lenkungskreis")
    erika, bernd, paula = store.save_many(
        [Person(given_name=g, family_name="Leave") for g in ("Erika", "Bernd", "Paula")]
    )
    chair = store.save(
        Membership(person_id=erika.id, committee_id=lk, seat_key="landrat", role=Role.VORSITZ, start=START)
    )
    mayor = store.save(Membership(person_id=bernd.id, committee_id=lk, seat_key="buergermeister", start=START))
    store.save(
        Membership(
            person_id=paula.id,
            committee_id=lk,
            seat_key="buergermeister",
            role=Role.STELLVERTRETUNG,
            deputy_of=mayor.id,
            start=START,
        )
    )
    snap = store.snapshot()
    store.save_all(hand_over_chair(snap, lk, snap.memberships[mayor.id], HANDOVER))
    return store.snapshot(), chair.id, mayor.id, bernd.id, paula.id


def test_a_role_entered_for_later_is_deleted_and_its_serving_deputy_ends_with_the_member(store: Store):
    snap, _, mayor_id, bernd_id, paula_id = _world(store)
    [later] = plans.entered_ahead(snap, snap.memberships[mayor_id], TODAY)
    assert (later.role, later.start) == (Role.VORSITZ, HANDOVER)
    [deputy] = [m for m in snap.memberships.values() if m.person_id == paula_id]
    assert deputy.deputy_of == later.id  # the hand-over moved her to the chair to come

    ended = dataclasses.replace(snap.memberships[mayor_id], end=date(2026, 11, 30))
    leaving = plans.leave(snap, ended, TODAY)
    assert leaving.removed == [later] and leaving.closed == []
    assert leaving.items == [ended, dataclasses.replace(deputy, deputy_of=mayor_id, end=date(2026, 11, 30))]

    store.save_all(leaving.items, deleted=leaving.removed)
    after = store.snapshot()
    assert later.id not in after.memberships
    assert after.memberships[mayor_id].end == date(2026, 11, 30)
    kept = after.memberships[deputy.id]  # history: her stand-in for the mayor until he left
    assert (kept.deputy_of, kept.end) == (mayor_id, date(2026, 11, 30))
    assert not [m for m in after.memberships_of_person(bernd_id) if m.end is None or m.end > date(2026, 11, 30)]


def test_a_later_entry_that_begins_by_the_end_is_closed_not_deleted(store: Store):
    """Max sits on the Landrat seat and is entered as Gast from 2027; he leaves on 31.03.2027:
    the Gast entry began by then, so it is kept as history and ends that day."""
    snap = store.snapshot()
    lk = next(c.id for c in snap.committees.values() if c.name == "Lenkungskreis")
    max_ = store.save(Person(given_name="Max", family_name="Leave"))
    seat = store.save(Membership(person_id=max_.id, committee_id=lk, seat_key="landrat", start=START))
    guest = store.save(
        Membership(person_id=max_.id, committee_id=lk, seat_key="buergermeister", role=Role.GAST, start=HANDOVER)
    )
    snap = store.snapshot()
    ended = dataclasses.replace(seat, end=date(2027, 3, 31))
    leaving = plans.leave(snap, ended, TODAY)
    assert leaving.removed == [] and leaving.closed == [guest]
    assert leaving.items == [ended, dataclasses.replace(guest, end=date(2027, 3, 31))]
    store.save_all(leaving.items, deleted=leaving.removed)
    assert store.snapshot().memberships[guest.id].end == date(2027, 3, 31)


def test_nothing_is_deleted_when_a_colleague_changed_the_later_entry_meanwhile(store: Store):
    snap, _, mayor_id, _, _ = _world(store)
    ended = dataclasses.replace(snap.memberships[mayor_id], end=date(2026, 11, 30))
    leaving = plans.leave(snap, ended, TODAY)
    [later] = leaving.removed
    store.save(dataclasses.replace(later, notes="vom Kollegen"))  # a colleague's save meanwhile
    before = store.path.read_bytes()
    with pytest.raises(DeleteConflictError):
        store.save_all(leaving.items, deleted=leaving.removed)
    assert store.path.read_bytes() == before


def test_a_deputy_moved_ahead_with_a_seat_change_goes_back_to_the_old_seat(store: Store):
    """Bernd's move to the Landrat seat from 2027 is entered ahead and Paula, his deputy, follows
    him there; he leaves before: the move is deleted and Paula ends as his deputy on his seat."""
    from herford_tui.domain.membership_input import build_move

    snap = store.snapshot()
    lk = next(c.id for c in snap.committees.values() if c.name == "Lenkungskreis")
    bernd, paula = store.save_many([Person(given_name=g, family_name="Zieht") for g in ("Bernd", "Paula")])
    mayor = store.save(Membership(person_id=bernd.id, committee_id=lk, seat_key="buergermeister", start=START))
    deputy = store.save(
        Membership(person_id=paula.id, committee_id=lk, seat_key="buergermeister", role=Role.STELLVERTRETUNG,
                   deputy_of=mayor.id, start=START)
    )  # fmt: skip
    snap = store.snapshot()
    move = build_move(snap, mayor, "landrat", "01.01.2027")
    assert not isinstance(move, list), move
    store.save_all(plans.move_member(snap, move.ended, move.new, TODAY))
    snap = store.snapshot()
    moved = snap.memberships[deputy.id]
    assert moved.seat_key == "landrat"  # followed him to the seat he takes from 2027

    leaving = plans.leave(snap, dataclasses.replace(snap.memberships[mayor.id], end=date(2026, 11, 30)), TODAY)
    store.save_all(leaving.items, deleted=leaving.removed)
    kept = store.snapshot().memberships[deputy.id]
    assert (kept.deputy_of, kept.seat_key, kept.end) == (mayor.id, "buergermeister", date(2026, 11, 30))
