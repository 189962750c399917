"""A save that keeps every person's committees keeps the person index; any other is built anew."""

from __future__ import annotations

import dataclasses
from datetime import date

from herford_tui.domain import Committee, Membership, Organisation, OrgType, Person, Snapshot
from herford_tui.domain.search import Kind, find_persons
from herford_tui.domain.search_index import index_of


def _snapshot() -> Snapshot:
    persons = [
        Person(id=1, given_name="Anna", family_name="Bergmann"),
        Person(id=2, given_name="Jens", family_name="Fischer"),
    ]
    committees = [Committee(id=1, name="Lenkungskreis"), Committee(id=2, name="Regionales Leitungsteam")]
    memberships = [
        Membership(id=1, person_id=1, committee_id=1, seat_key="x", start=date(2025, 1, 1)),
        Membership(id=2, person_id=2, committee_id=2, seat_key="y", start=date(2025, 1, 1)),
    ]
    orgs = [Organisation(id=1, name="Stadt Enger", type=OrgType.VERWALTUNG)]
    return Snapshot(
        committees={c.id: c for c in committees},
        organisations={o.id: o for o in orgs},
        persons={p.id: p for p in persons},
        memberships={m.id: m for m in memberships},
        meetings={},
    )


def test_a_new_vertritt_keeps_the_person_index():
    snapshot = _snapshot()
    before = index_of(snapshot).kind(Kind.PERSON)
    m = snapshot.memberships[1]
    changed = snapshot.with_changes([dataclasses.replace(m, represents_id=1, notes="neu", rev=m.rev + 1)])
    assert index_of(changed).kind(Kind.PERSON) is before
    assert [p.id for p in find_persons(changed, "Lenkungskreis")] == [1]


def test_a_member_who_leaves_or_moves_builds_it_again():
    snapshot = _snapshot()
    before = index_of(snapshot).kind(Kind.PERSON)
    m = snapshot.memberships[1]
    ended = snapshot.with_changes([dataclasses.replace(m, end=date(2026, 1, 31))])
    assert index_of(ended).kind(Kind.PERSON) is not before
    assert find_persons(ended, "Lenkungskreis") == []
    moved = snapshot.with_changes([dataclasses.replace(m, committee_id=2)])
    assert [p.id for p in find_persons(moved, "Leitungsteam")] == [1, 2]
    added = snapshot.with_changes([Membership(id=3, person_id=2, committee_id=1, seat_key="x", start=date(2026, 1, 1))])
    assert [p.id for p in find_persons(added, "Lenkungskreis")] == [1, 2]
