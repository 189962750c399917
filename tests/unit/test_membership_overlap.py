"""When two memberships run at once is one rule (``Membership.overlaps``): the seat check,
a merge's clash and a role change's clash each had their own copy."""

from __future__ import annotations

from datetime import date

from herford_tui.domain import Committee, Membership, Person, Snapshot, person_merge, roles
from herford_tui.domain import snapshot as snapshot_module
from herford_tui.domain.models import Seat

D = date


def test_overlap_counts_a_shared_day_and_open_ends():
    a = Membership(start=D(2026, 1, 1), end=D(2026, 6, 30))
    assert a.overlaps(Membership(start=D(2026, 6, 30)))  # the last day of one, the first of the other
    assert not a.overlaps(Membership(start=D(2026, 7, 1)))
    assert a.overlaps(Membership())  # no start, no end: always
    assert Membership(end=D(2025, 12, 31)).overlaps(Membership(end=D(2020, 1, 1)))
    assert a.overlaps(Membership(start=D(2025, 1, 1), end=D(2026, 1, 1))) == Membership(
        start=D(2025, 1, 1), end=D(2026, 1, 1)
    ).overlaps(a)


def test_the_seat_check_uses_the_rule():
    seat = Seat(key="s", label="Landrat", count=1)
    committee = Committee(id=1, name="Lenkungskreis", seats=[seat])
    persons = {1: Person(id=1, family_name="A"), 2: Person(id=2, family_name="B")}
    old = Membership(id=1, person_id=1, committee_id=1, seat_key="s", start=D(2026, 1, 1), end=D(2026, 6, 30))
    snap = Snapshot(committees={1: committee}, persons=persons, memberships={1: old})
    same_day = Membership(person_id=2, committee_id=1, seat_key="s", start=D(2026, 6, 30))
    next_day = Membership(person_id=2, committee_id=1, seat_key="s", start=D(2026, 7, 1))
    assert old.overlaps(same_day) and any("voll besetzt" in p.message for p in snap.check(same_day))
    assert not old.overlaps(next_day) and not any("voll besetzt" in p.message for p in snap.check(next_day))


def test_no_module_keeps_its_own_copy():
    for module in (person_merge, roles, snapshot_module):
        assert not hasattr(module, "_overlap") and not hasattr(module, "_overlaps"), module.__name__
