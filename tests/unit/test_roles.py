"""Role changes keep history: the chair rule, change_role, hand_over_chair, and their plans in the store."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herford_tui.domain import Committee, Membership, Person, Problem, Role, Seat, Snapshot, ValidationError
from herford_tui.domain.labels import ROLE
from herford_tui.domain.roles import (
    chair_of,
    change_role,
    check_plan,
    hand_over_chair,
    later_concurrent_chairs,
)
from herford_tui.store import Store

START = date(2025, 1, 1)
ON = date(2026, 11, 28)
EVE = ON - timedelta(days=1)


def fields(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems]


def member(id: int, person: int, seat: str = "schulen", role: Role = Role.MITGLIED, **kw) -> Membership:
    kw.setdefault("start", START)
    return Membership(id=id, rev=1, person_id=person, committee_id=1, seat_key=seat, role=role, **kw)


def snapshot(*memberships: Membership) -> Snapshot:
    committee = Committee(
        id=1,
        name="Lenkungskreis",
        seats=[Seat("landrat", "Landrat", count=1), Seat("schulen", "Schulen", count=None)],
    )
    other = Committee(id=2, name="Arbeitskreis 1", seats=[Seat("schulen", "Schulen", count=None)])
    names = {1: "Erika Mustermann", 2: "Bernd Beispiel", 3: "Paula Probe", 4: "Max Muster"}
    return Snapshot(
        committees={1: committee, 2: other},
        persons={i: Person(id=i, given_name=n.split()[0], family_name=n.split()[1]) for i, n in names.items()},
        memberships={m.id: m for m in memberships},
    )


def saved_like_the_store(snap: Snapshot, plan) -> list[Membership]:
    """Resolve a plan as Store.save_all would: new records get the next ids in order."""
    saved: list = []
    next_id = max(snap.memberships, default=0) + 1
    for item in plan:
        record = item(saved) if callable(item) else item
        if not record.id:
            record = dataclasses.replace(record, id=next_id)
            next_id += 1
        saved.append(record)
    return saved


# -- the chair rule (Snapshot.check) ---------------------------------------------------------------
def test_a_second_concurrent_chair_is_refused_naming_the_current_one():
    snap = snapshot(member(1, 1, "landrat", Role.VORSITZ))
    problems = snap.check(member(0, 2, role=Role.VORSITZ, start=ON))
    assert fields(problems) == ["role"]
    message = problems[0].message
    assert "Erika Mustermann" in message and "seit 01.01.2025" in message and "Lenkungskreis" in message
    assert "Co-Vorsitz" in message
    assert str(problems[0]).startswith("Rolle: ")


def test_co_chair_beside_a_chair_is_allowed_and_takes_a_seat():
    snap = snapshot(member(1, 1, "landrat", Role.VORSITZ))
    assert snap.check(member(0, 2, role=Role.CO_VORSITZ)) == []
    assert Role.CO_VORSITZ.takes_seat and ROLE[Role.CO_VORSITZ] == "Co-Vorsitz"
    # it fills a seat like a chair: the one place of the Landrat is taken
    assert fields(snap.check(member(0, 2, "landrat", Role.CO_VORSITZ))) == ["seat_key"]


def test_chairs_that_do_not_overlap_or_sit_elsewhere_are_allowed():
    snap = snapshot(member(1, 1, "landrat", Role.VORSITZ, end=EVE))
    assert snap.check(member(0, 2, role=Role.VORSITZ, start=ON)) == []
    assert fields(snap.check(member(0, 2, role=Role.VORSITZ, start=EVE))) == ["role"]
    other_committee = dataclasses.replace(member(0, 2, role=Role.VORSITZ), committee_id=2)
    assert snapshot(member(1, 1, "landrat", Role.VORSITZ)).check(other_committee) == []


def test_an_ended_chair_is_named_with_its_period():
    snap = snapshot(member(1, 1, "landrat", Role.VORSITZ, end=date(2026, 12, 31)))
    [problem] = snap.check(member(0, 2, role=Role.VORSITZ, start=ON))
    assert "01.01.2025–31.12.2026" in problem.message


def test_editing_the_chair_itself_is_no_second_chair():
    chair = member(1, 1, "landrat", Role.VORSITZ)
    assert snapshot(chair).check(dataclasses.replace(chair, notes="neu")) == []


# -- change_role ---------------------------------------------------------------------------------
def test_change_role_ends_the_old_membership_the_day_before_and_starts_a_new_one():
    old = member(1, 2, "landrat", represents_id=None, notes="gewählt 2024")
    snap = snapshot(old)
    plan = change_role(snap, old, Role.VORSITZ, ON)
    ended, new = plan
    assert isinstance(ended, Membership) and isinstance(new, Membership)
    assert (ended.id, ended.role, ended.start, ended.end) == (1, Role.MITGLIED, START, EVE)
    assert (new.id, new.role, new.start, new.end) == (0, Role.VORSITZ, ON, None)
    assert (new.person_id, new.seat_key, new.represents_id, new.notes) == (2, "landrat", None, "gewählt 2024")
    assert check_plan(snap, plan) == []


def test_change_role_keeps_a_planned_end_on_the_new_membership():
    old = member(1, 2, end=date(2027, 6, 30))
    ended, new = change_role(snapshot(old), old, Role.GESCHAEFTSFUEHRUNG, ON)
    assert (ended.end, new.start, new.end) == (EVE, ON, date(2027, 6, 30))


def test_change_role_on_the_start_day_changes_in_place():
    old = member(1, 2, start=ON)
    [changed] = change_role(snapshot(old), old, Role.VORSITZ, ON)
    assert (changed.id, changed.rev, changed.role, changed.start) == (1, 1, Role.VORSITZ, ON)


def test_change_role_before_the_start_is_refused_in_german():
    old = member(1, 2, start=ON)
    with pytest.raises(ValidationError) as info:
        change_role(snapshot(old), old, Role.VORSITZ, EVE)
    assert fields(info.value.problems) == ["start"]
    assert "vor dem Beginn der Mitgliedschaft (28.11.2026)" in str(info.value)


def test_change_role_of_an_ended_membership_is_refused():
    old = member(1, 2, end=EVE)
    with pytest.raises(ValidationError) as info:
        change_role(snapshot(old), old, Role.VORSITZ, ON)
    assert fields(info.value.problems) == ["start"]
    assert "am 27.11.2026 beendet" in str(info.value)
    # its last day still allows a change (a one-day new role)
    ended, new = change_role(snapshot(old), old, Role.VORSITZ, EVE)
    assert (ended.end, new.start, new.end) == (EVE - timedelta(days=1), EVE, EVE)


def test_change_role_to_the_same_role_or_to_a_deputy_is_refused():
    old = member(1, 2)
    with pytest.raises(ValidationError, match="hat die Rolle „Mitglied“ schon"):
        change_role(snapshot(old), old, Role.MITGLIED, ON)
    with pytest.raises(ValidationError, match="beim vertretenen Mitglied benannt"):
        change_role(snapshot(old), old, Role.STELLVERTRETUNG, ON)


def test_deputies_serving_on_the_day_follow_to_the_new_membership():
    old = member(1, 2, "landrat")
    serving = member(2, 3, "landrat", Role.STELLVERTRETUNG, deputy_of=1)
    gone = member(3, 4, "landrat", Role.STELLVERTRETUNG, deputy_of=1, end=date(2025, 6, 30))
    snap = snapshot(old, serving, gone)
    plan = change_role(snap, old, Role.VORSITZ, ON)
    assert len(plan) == 3 and callable(plan[2])  # the one who left in 2025 stays with the old one
    saved = saved_like_the_store(snap, plan)
    assert (saved[2].id, saved[2].deputy_of, saved[2].start) == (2, saved[1].id, START)
    assert check_plan(snap, plan) == []


def test_a_member_with_deputies_cannot_become_a_guest_without_a_seat():
    old = member(1, 2, "landrat")
    snap = snapshot(old, member(2, 3, "landrat", Role.STELLVERTRETUNG, deputy_of=1))
    with pytest.raises(ValidationError, match="Paula Probe"):
        change_role(snap, old, Role.GAST, ON)


def test_a_deputy_made_a_member_stands_in_for_nobody():
    owner = member(1, 2)
    deputy = member(2, 3, role=Role.STELLVERTRETUNG, deputy_of=1)
    ended, new = change_role(snapshot(owner, deputy), deputy, Role.MITGLIED, ON)
    assert (ended.deputy_of, new.deputy_of, new.role) == (1, None, Role.MITGLIED)


def test_change_to_chair_while_another_chairs_is_caught_by_check_plan():
    chair = member(1, 1, "landrat", Role.VORSITZ)
    other = member(2, 2)
    snap = snapshot(chair, other)
    problems = check_plan(snap, change_role(snap, other, Role.VORSITZ, ON))
    assert fields(problems) == ["role"] and "Erika Mustermann" in problems[0].message
    assert check_plan(snap, change_role(snap, other, Role.CO_VORSITZ, ON)) == []


# -- hand_over_chair -----------------------------------------------------------------------------
def test_hand_over_ends_the_chair_keeps_them_as_member_and_makes_the_other_chair():
    chair = member(1, 1, "landrat", Role.VORSITZ)
    other = member(2, 2)
    snap = snapshot(chair, other)
    plan = hand_over_chair(snap, 1, other, ON)
    assert check_plan(snap, plan) == []
    saved = saved_like_the_store(snap, plan)
    assert [(m.person_id, m.role, m.start, m.end) for m in saved] == [
        (1, Role.VORSITZ, START, EVE),
        (1, Role.MITGLIED, ON, None),
        (2, Role.MITGLIED, START, EVE),
        (2, Role.VORSITZ, ON, None),
    ]
    after = snap.with_changes(saved)
    assert chair_of(after, 1, EVE).person_id == 1
    assert chair_of(after, 1, ON).person_id == 2


def test_hand_over_moves_each_members_deputies_to_their_new_membership():
    chair = member(1, 1, "landrat", Role.VORSITZ)
    other = member(2, 2)
    chair_deputy = member(3, 3, "landrat", Role.STELLVERTRETUNG, deputy_of=1)
    other_deputy = member(4, 4, role=Role.STELLVERTRETUNG, deputy_of=2)
    snap = snapshot(chair, other, chair_deputy, other_deputy)
    plan = hand_over_chair(snap, 1, other, ON)
    assert check_plan(snap, plan) == []
    saved = saved_like_the_store(snap, plan)
    by_id = {m.id: m for m in saved}
    new_member = next(m for m in saved if m.person_id == 1 and m.start == ON)
    new_chair = next(m for m in saved if m.person_id == 2 and m.start == ON)
    assert by_id[3].deputy_of == new_member.id
    assert by_id[4].deputy_of == new_chair.id


def test_hand_over_without_a_current_chair_just_makes_the_chair():
    other = member(2, 2)
    snap = snapshot(other)
    plan = hand_over_chair(snap, 1, other, ON)
    assert [(m.role, m.start) for m in saved_like_the_store(snap, plan)] == [
        (Role.MITGLIED, START),
        (Role.VORSITZ, ON),
    ]


def test_hand_over_on_the_chairs_first_day_corrects_both_in_place():
    chair = member(1, 1, "landrat", Role.VORSITZ, start=ON)
    other = member(2, 2, start=ON)
    snap = snapshot(chair, other)
    plan = hand_over_chair(snap, 1, other, ON)
    assert [(m.id, m.role) for m in plan] == [(1, Role.MITGLIED), (2, Role.VORSITZ)]
    assert check_plan(snap, plan) == []


def test_hand_over_refusals():
    chair = member(1, 1, "landrat", Role.VORSITZ)
    guest = member(2, 2, role=Role.GAST)
    late = member(3, 3, start=ON + timedelta(days=3))
    elsewhere = dataclasses.replace(member(4, 4), committee_id=2)
    snap = snapshot(chair, guest, late, elsewhere)
    with pytest.raises(ValidationError, match="hat den Vorsitz schon"):
        hand_over_chair(snap, 1, chair, ON)
    with pytest.raises(ValidationError, match="wer einen Sitz innehat"):
        hand_over_chair(snap, 1, guest, ON)
    with pytest.raises(ValidationError, match="vor dem Beginn"):
        hand_over_chair(snap, 1, late, ON)
    with pytest.raises(ValidationError, match="gehört nicht zu diesem Gremium"):
        hand_over_chair(snap, 1, elsewhere, ON)
    with pytest.raises(ValidationError, match="vor dem Beginn"):  # the chair started after the day
        hand_over_chair(
            snapshot(member(1, 1, "landrat", Role.VORSITZ, start=START), member(2, 2)),
            1,
            member(2, 2),
            date(2024, 1, 1),
        )


def test_hand_over_plan_saved_through_the_store_in_one_write(tmp_path: Path):
    store = Store(tmp_path / "db.json").open(seed={})
    committee = store.save(
        Committee(name="Lenkungskreis", seats=[Seat("landrat", "Landrat"), Seat("s", "S", count=None)])
    )
    a, b, c = (store.save(Person(family_name=n)) for n in ("Alt", "Neu", "Vertretung"))
    chair = store.save(
        Membership(person_id=a.id, committee_id=committee.id, seat_key="landrat", role=Role.VORSITZ, start=START)
    )
    other = store.save(Membership(person_id=b.id, committee_id=committee.id, seat_key="s", start=START))
    store.save(
        Membership(
            person_id=c.id,
            committee_id=committee.id,
            seat_key="landrat",
            role=Role.STELLVERTRETUNG,
            deputy_of=chair.id,
            start=START,
        )
    )
    snap = store.snapshot()
    store.save_all(hand_over_chair(snap, committee.id, snap.memberships[other.id], ON))
    after = Store(store.path).open().snapshot()
    history = sorted(
        ((m.person_id, m.role, m.start, m.end) for m in after.memberships_of(committee.id) if m.person_id != c.id),
        key=lambda row: (row[0], row[2]),
    )
    assert history == [
        (a.id, Role.VORSITZ, START, EVE),
        (a.id, Role.MITGLIED, ON, None),
        (b.id, Role.MITGLIED, START, EVE),
        (b.id, Role.VORSITZ, ON, None),
    ]
    [deputy] = [m for m in after.memberships.values() if m.person_id == c.id]
    assert after.memberships[deputy.deputy_of].start == ON and after.memberships[deputy.deputy_of].person_id == a.id
    # a second chair straight through the store is refused, nothing written
    before = store.path.read_bytes()
    with pytest.raises(ValidationError, match="Co-Vorsitz"):
        store.save(Membership(person_id=c.id, committee_id=committee.id, seat_key="s", role=Role.VORSITZ, start=ON))
    assert store.path.read_bytes() == before


# -- concurrent chairs in old files ------------------------------------------------------------------
def test_later_concurrent_chairs_names_each_later_one_once():
    first = member(1, 1, "landrat", Role.VORSITZ)
    second = member(2, 2, role=Role.VORSITZ, start=date(2026, 1, 1))
    third = member(3, 3, role=Role.VORSITZ, start=date(2026, 2, 1))
    before = member(4, 4, role=Role.VORSITZ, start=date(2020, 1, 1), end=date(2024, 12, 31))
    other = dataclasses.replace(member(5, 4, role=Role.VORSITZ), committee_id=2)
    pairs = later_concurrent_chairs([third, second, first, before, other, member(6, 4)])
    assert [(later.id, kept.id) for later, kept in pairs] == [(2, 1), (3, 1)]


# -- property: whatever is offered, accepted chairs never share a day ----------------------------------
@given(periods=st.lists(st.tuples(st.integers(0, 30), st.none() | st.integers(0, 15), st.booleans()), max_size=8))
def test_accepted_chairs_never_overlap_and_co_chairs_are_always_accepted(periods):
    accepted: dict[int, Membership] = {}
    for i, (offset, length, co) in enumerate(periods, start=1):
        start = START + timedelta(days=offset)
        end = None if length is None else start + timedelta(days=length)
        role = Role.CO_VORSITZ if co else Role.VORSITZ
        offer = Membership(
            id=i, rev=1, person_id=1 + i % 4, committee_id=1, seat_key=f"s{i}", start=start, end=end, role=role
        )
        snap = snapshot(*accepted.values())
        snap.committees[1].seats.append(Seat(f"s{i}", f"Sitz {i}", count=None))
        chairs = [m for m in accepted.values() if m.role is Role.VORSITZ]
        clash = role is Role.VORSITZ and any(m.is_active(d) and offer.is_active(d) for m in chairs for d in _days())
        problems = snap.check(offer)
        assert ("role" in fields(problems)) == clash
        if not problems:
            accepted[i] = offer
    assert later_concurrent_chairs(accepted.values()) == []


def _days() -> list[date]:
    return [START + timedelta(days=d) for d in range(60)]
