"""Two colleagues' edits of the same record are combined field by field."""

from __future__ import annotations

import dataclasses
from datetime import date

from herford_tui.domain import Membership, Person
from herford_tui.domain.merge import merge


def test_changes_to_different_fields_are_both_kept():
    base = Person(id=3, rev=1, family_name="Muster", phone="1", email="a@example.org")
    mine = dataclasses.replace(base, phone="2")
    theirs = dataclasses.replace(base, rev=2, email="b@example.org")
    merged, clashes = merge(base, mine, theirs)
    assert (merged.phone, merged.email, merged.rev, merged.id) == ("2", "b@example.org", 2, 3)
    assert clashes == []


def test_both_changed_the_same_field_mine_wins_and_it_is_named():
    base = Membership(id=1, rev=1, notes="alt", start=date(2026, 1, 1))
    mine = dataclasses.replace(base, notes="meins", end=date(2026, 12, 31))
    theirs = dataclasses.replace(base, rev=2, notes="deren")
    merged, clashes = merge(base, mine, theirs)
    assert (merged.notes, merged.end, merged.rev) == ("meins", date(2026, 12, 31), 2)
    assert clashes == ["notes"]


def test_same_change_on_both_sides_is_no_clash():
    base = Person(id=1, rev=1, family_name="A")
    mine = dataclasses.replace(base, family_name="B")
    theirs = dataclasses.replace(base, rev=2, family_name="B")
    assert merge(base, mine, theirs) == (dataclasses.replace(theirs), [])
