"""Save plans of the roster actions: which records one action writes (domain, no UI)."""

from __future__ import annotations

import dataclasses
from datetime import date

from herford_tui.domain import Committee, Membership, Person, Role, Seat, Snapshot
from herford_tui.domain.models import TABLE_OF
from herford_tui.domain.plans import end_membership, ending_deputies, member_with_new_person, move_member
from herford_tui.domain.snapshot import TABLE_NAMES
from herford_tui.store.codec import TABLES

TODAY = date(2026, 11, 28)
SEATS = [Seat("buergermeister", "Bürgermeister", count=2), Seat("landrat", "Landrat")]


def world() -> Snapshot:
    """A committee with a member, her current deputy, a former deputy and one starting later."""
    lk = Committee(id=1, name="Lenkungskreis", seats=SEATS)
    persons = {i: Person(id=i, family_name=f"P{i}") for i in range(1, 6)}
    member = Membership(id=10, person_id=1, committee_id=1, seat_key="buergermeister", start=date(2025, 1, 1))
    deputy = dataclasses.replace(member, id=11, person_id=2, role=Role.STELLVERTRETUNG, deputy_of=10)
    former = dataclasses.replace(deputy, id=12, person_id=3, end=date(2025, 6, 30))
    later = dataclasses.replace(deputy, id=13, person_id=4, start=date(2027, 1, 1))
    memberships = {m.id: m for m in (member, deputy, former, later)}
    return Snapshot(committees={1: lk}, persons=persons, memberships=memberships)


def test_deputies_serving_on_the_end_day_leave_with_the_member():
    snap = world()
    member = snap.memberships[10]
    assert [d.id for d in ending_deputies(snap, member, TODAY)] == [11]
    assert [d.id for d in ending_deputies(snap, member, date(2025, 3, 1))] == [11, 12]


def test_end_membership_ends_the_deputies_on_the_same_day():
    snap = world()
    ended = dataclasses.replace(snap.memberships[10], end=TODAY)
    plan = end_membership(snap, ended)
    assert plan[0] is ended
    assert [(m.id, m.end) for m in plan[1:]] == [(11, TODAY)]


def test_move_sends_todays_deputies_to_the_new_membership():
    snap = world()
    old = snap.memberships[10]
    ended = dataclasses.replace(old, end=date(2026, 11, 30))
    new = dataclasses.replace(old, id=0, rev=0, seat_key="landrat", start=date(2026, 12, 1), end=None)
    plan = move_member(snap, ended, new, TODAY)
    assert plan[:2] == [ended, new]
    saved_new = dataclasses.replace(new, id=99)
    followed = [item([ended, saved_new]) for item in plan[2:] if callable(item)]
    assert [(m.id, m.deputy_of, m.seat_key) for m in followed] == [(11, 99, "landrat")]


def test_new_person_is_saved_before_the_membership_that_points_at_her():
    person = Person(family_name="Neu")
    membership = Membership(committee_id=1, seat_key="landrat", start=TODAY)
    first, then = member_with_new_person(person, membership)
    assert first is person and callable(then)
    assert then([dataclasses.replace(person, id=7)]).person_id == 7


def test_removing_a_seat_that_has_memberships_is_refused():
    snap = world()
    shrunk = dataclasses.replace(snap.committees[1], seats=[SEATS[1]])
    problems = snap.check(shrunk)
    assert [p.message for p in problems] == ["Sitz „Bürgermeister“ hat Mitgliedschaften (auch frühere) und bleibt."]
    assert snap.check(dataclasses.replace(snap.committees[1], seats=[SEATS[0]])) == []


def test_one_map_from_record_type_to_table():
    assert TABLES is TABLE_OF
    assert tuple(TABLE_OF.values()) == TABLE_NAMES
    assert all(hasattr(Snapshot(), table) for table in TABLE_NAMES)
