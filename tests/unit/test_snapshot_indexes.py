"""A new snapshot keeps the indexes of the tables that did not change, and only those."""

from __future__ import annotations

import dataclasses
from datetime import date

from herford_tui.domain import Committee, Meeting, Membership, Person, Snapshot
from herford_tui.store import Store


def sample() -> Snapshot:
    return Snapshot(
        committees={1: Committee(id=1, name="LK")},
        persons={1: Person(id=1, given_name="Erika", family_name="Muster")},
        memberships={1: Membership(id=1, person_id=1, committee_id=1)},
        meetings={1: Meeting(id=1, committee_id=1, date=date(2026, 11, 28))},
    )


def test_a_saved_person_keeps_the_meeting_and_membership_indexes_and_patches_the_name_index():
    before = sample()
    assert (
        before.memberships_of(1)
        and before.meetings_of(1)
        and before.same_name(Person(given_name="Erika", family_name="Muster"))
    )
    after = before.with_changes([dataclasses.replace(before.persons[1], family_name="Neu")])
    assert after.__dict__["_meetings_by_committee"] is before.__dict__["_meetings_by_committee"]
    assert after.__dict__["_memberships_by_committee"] is before.__dict__["_memberships_by_committee"]
    assert after.__dict__["_persons_by_name"] is not before.__dict__["_persons_by_name"]
    assert before.same_name(Person(given_name="Erika", family_name="Neu")) is None
    assert after.same_name(Person(given_name="Erika", family_name="Neu")) is not None


def test_a_saved_membership_is_in_the_new_index():
    before = sample()
    before.memberships_of(1)
    after = before.with_changes([Membership(id=2, person_id=1, committee_id=1)])
    assert [m.id for m in after.memberships_of(1)] == [1, 2]
    assert [m.id for m in before.memberships_of(1)] == [1]


def test_a_colleagues_save_keeps_the_indexes_of_unchanged_tables(store: Store, db_path):
    store.save(Person(given_name="Erika", family_name="Muster"))
    colleague = Store(db_path).open()
    before = store.snapshot()
    committee = next(iter(before.committees))
    before.meetings_of(committee), before.memberships_of(committee)
    person = next(iter(colleague.snapshot().persons.values()))
    colleague.save(dataclasses.replace(person, notes="neu"))
    after = store.snapshot()
    assert after is not before and after.persons[person.id].notes == "neu"
    assert after.__dict__["_meetings_by_committee"] is before.__dict__["_meetings_by_committee"]
    assert after.__dict__["_memberships_by_committee"] is before.__dict__["_memberships_by_committee"]


def test_the_search_index_of_unchanged_kinds_is_taken_over():
    from herford_tui.domain.search_index import Kind, index_of

    before = sample()
    old = index_of(before)
    meetings, persons = old.kind(Kind.MEETING), old.kind(Kind.PERSON)
    after = before.with_changes([dataclasses.replace(before.persons[1], family_name="Neu")])
    new = index_of(after)
    assert new.kind(Kind.MEETING) is meetings, "no table a meeting is found by changed"
    assert new.kind(Kind.PERSON) is not persons
    assert new.kind(Kind.PERSON).starting_with("neu") == ["neu"]
