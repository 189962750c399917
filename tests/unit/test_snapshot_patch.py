"""A save patches the snapshot's indexes: after any change they equal a fresh build's."""

from __future__ import annotations

import dataclasses
from datetime import date, time

from hypothesis import given, settings
from hypothesis import strategies as st

from herford_tui.domain import Committee, Meeting, Membership, Organisation, Person, Role, Seat, Snapshot
from herford_tui.domain.snapshot import _INDEX_SOURCES
from herford_tui.domain.snapshot_patch import MAX_PATCHED

NAMES = ("Müller", "Mueller", "Meier", "Özdemir", "Ahrens", "Zander")
"""Few names, so namesakes (Müller = Mueller) and equal sort keys come up."""
IDS = st.integers(1, 6)


def build_all(snapshot: Snapshot) -> Snapshot:
    """Build every index of ``snapshot`` (as the app has by the time it saves)."""
    for index in _INDEX_SOURCES:
        getattr(snapshot, index)
    return snapshot


def indexes(snapshot: Snapshot) -> dict[str, object]:
    return {index: _plain(getattr(snapshot, index)) for index in _INDEX_SOURCES}


def _plain(value: object) -> object:
    return dict(value) if isinstance(value, dict) else value


def fresh(snapshot: Snapshot) -> Snapshot:
    return Snapshot(**{f.name: dict(getattr(snapshot, f.name)) for f in dataclasses.fields(Snapshot)})


persons = st.builds(
    Person,
    id=IDS,
    given_name=st.sampled_from(("Anna", "Änne", "Jürgen", "Juergen")),
    family_name=st.sampled_from(NAMES),
    organisation_id=st.one_of(st.none(), IDS),
    erased_on=st.one_of(st.none(), st.just(date(2026, 1, 5))),
)
organisations = st.builds(Organisation, id=IDS, name=st.sampled_from(NAMES))
committees = st.builds(Committee, id=IDS, name=st.sampled_from(("LK", "AK Schule", "Beirat")))
memberships = st.builds(Membership, id=IDS, person_id=IDS, committee_id=IDS)
meetings = st.builds(
    Meeting,
    id=IDS,
    committee_id=IDS,
    date=st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2026, 1, 9))),
    start_time=st.one_of(st.none(), st.sampled_from((time(9), time(14, 30)))),
)
records = st.one_of(persons, organisations, committees, memberships, meetings)


def table_of(records_: list) -> dict[int, object]:
    return {r.id: r for r in records_}


snapshots = st.builds(
    lambda c, o, p, ms, mt: Snapshot(
        committees=table_of(c), organisations=table_of(o), persons=table_of(p), memberships=table_of(ms),
        meetings=table_of(mt),
    ),
    st.lists(committees), st.lists(organisations), st.lists(persons), st.lists(memberships), st.lists(meetings),
)  # fmt: skip
steps = st.lists(st.tuples(st.lists(records, max_size=4), st.lists(records, max_size=3)), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(snapshots, steps)
def test_patched_indexes_equal_a_fresh_build_after_any_saves_and_deletes(start: Snapshot, changes):
    snapshot = build_all(start)
    for saved, deleted in changes:
        snapshot = snapshot.with_changes(saved, deleted)
        assert indexes(snapshot) == indexes(fresh(snapshot))


def test_a_save_patches_the_membership_indexes_instead_of_dropping_them():
    before = build_all(
        Snapshot(
            committees={1: Committee(id=1, name="LK"), 2: Committee(id=2, name="AK")},
            persons={1: Person(id=1, given_name="Erika", family_name="Muster")},
            memberships={i: Membership(id=i, person_id=1, committee_id=1 + i % 2) for i in range(1, 5)},
        )
    )
    moved = dataclasses.replace(before.memberships[2], committee_id=2)
    after = before.with_changes([moved, Membership(id=5, person_id=1, committee_id=1)])
    assert "_memberships_by_committee" in after.__dict__, "patched, not left to be built again"
    assert [m.id for m in after.memberships_of(1)] == [4, 5]
    assert [m.id for m in after.memberships_of(2)] == [1, 2, 3], "table order, not the order of the saves"
    assert [m.id for m in before.memberships_of(1)] == [2, 4], "the older snapshot is as it was"
    assert indexes(after) == indexes(fresh(after))


def test_a_deleted_last_membership_leaves_no_empty_key():
    before = build_all(Snapshot(memberships={1: Membership(id=1, person_id=1, committee_id=1)}))
    after = before.with_changes(deleted=[before.memberships[1]])
    assert dict(after.__dict__["_memberships_by_committee"]) == {}
    assert dict(after.__dict__["_memberships_by_person"]) == {}


def test_an_erased_person_leaves_the_name_index_and_a_namesake_is_found():
    before = build_all(
        Snapshot(
            persons={
                1: Person(id=1, given_name="Jürgen", family_name="Müller"),
                2: Person(id=2, given_name="Juergen", family_name="Mueller"),
            }
        )
    )
    assert before.same_name(before.persons[1]) == before.persons[2]
    after = before.with_changes([dataclasses.replace(before.persons[2], erased_on=date(2026, 3, 1))])
    assert after.same_name(after.persons[1]) is None
    assert indexes(after) == indexes(fresh(after))


def test_a_large_step_is_built_again_on_first_use():
    before = build_all(Snapshot())
    saved = [Person(id=i, family_name="Muster") for i in range(1, MAX_PATCHED + 2)]
    after = before.with_changes(saved)
    assert "persons_in_order" not in after.__dict__
    assert len(after.persons_in_order) == MAX_PATCHED + 1


def test_the_stores_snapshot_after_saves_has_the_indexes_of_a_fresh_open(tmp_path):
    """Through the store: a new member, a member moved to another committee, a renamed person, a
    deleted membership; the patched indexes equal those of the file opened anew."""
    from herford_tui.store import Store
    from herford_tui.store.demo import write_demo

    path = tmp_path / "db.json"
    store = Store(path).open()
    write_demo(store, size="small", seed=2, today=date(2026, 11, 28))
    build_all(store.snapshot())
    snapshot = store.snapshot()
    member = next(m for m in snapshot.memberships.values() if m.deputy_of is None)
    other = store.save(Committee(name="Neuer Kreis", seats=[Seat("gast", "Gast", count=None)]))
    store.save(dataclasses.replace(member, committee_id=other.id, seat_key="gast", role=Role.GAST))
    person = next(iter(snapshot.persons.values()))
    store.save(dataclasses.replace(person, family_name="Zzz-Neu"))
    store.save(
        Membership(person_id=person.id, committee_id=other.id, seat_key="gast", role=Role.GAST, start=date(2026, 1, 1))
    )
    after = store.snapshot()
    assert "_memberships_by_committee" in after.__dict__, "patched, not dropped"
    assert indexes(after) == indexes(Store(path).open().snapshot())


def test_a_colleagues_saves_are_patched_into_the_indexes_too(tmp_path):
    """Another process saves (a moved member, a new one, a renamed person, a deleted membership);
    this store reads the changed records and patches its indexes: equal to a fresh open's."""
    from herford_tui.store import Store
    from herford_tui.store.demo import write_demo

    path = tmp_path / "db.json"
    mine = Store(path).open()
    write_demo(mine, size="small", seed=3, today=date(2026, 11, 28))
    build_all(mine.snapshot())
    colleague = Store(path).open()
    theirs = colleague.snapshot()
    member = next(m for m in theirs.memberships.values() if m.deputy_of is None)
    other = colleague.save(Committee(name="Neuer Kreis", seats=[Seat("gast", "Gast", count=None)]))
    colleague.save(dataclasses.replace(member, committee_id=other.id, seat_key="gast", role=Role.GAST))
    person = next(iter(theirs.persons.values()))
    colleague.save(dataclasses.replace(person, family_name="Zzz-Neu", organisation_id=None))
    colleague.save(
        Membership(person_id=person.id, committee_id=other.id, seat_key="gast", role=Role.GAST, start=date(2026, 1, 1))
    )
    gone = next(m for m in colleague.snapshot().memberships.values() if m.role is Role.GAST and m.id != member.id)
    colleague.delete(gone)
    after = mine.snapshot()  # reads the colleague's version, record by record
    assert after.persons[person.id].family_name == "Zzz-Neu"
    assert "_memberships_by_committee" in after.__dict__ and "persons_in_order" in after.__dict__, "patched"
    assert indexes(after) == indexes(Store(path).open().snapshot())


def test_a_table_in_another_order_is_not_patched():
    from herford_tui.domain.snapshot_patch import changes_between

    a, b, c = (Person(id=i, family_name=n) for i, n in ((1, "A"), (2, "B"), (3, "C")))
    assert changes_between({1: a, 2: b}, {1: a, 2: b, 3: c}) == [(None, c)]
    assert changes_between({1: a, 2: b}, {2: b, 1: a}) is None, "reordered: built again on first use"
    assert changes_between({1: a, 2: b}, {3: c, 1: a}) is None, "a new record not last"
    renamed = dataclasses.replace(b, family_name="D")
    assert changes_between({1: a, 2: b}, {2: renamed}) == [(a, None), (b, renamed)]
