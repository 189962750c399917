"""A person id that no longer resolves (a colleague deleted the person, an import left the id) is
named the same everywhere (``labels.person_label`` via ``Snapshot.person_name``): the meeting
screen said "Person 9 (gelöscht)", the attendance list "Person 9", the roster "?"."""

from __future__ import annotations

from datetime import date

from herford_tui.documents.content import person_name as document_name
from herford_tui.domain import AgendaItem, Committee, Meeting, Membership, Person, Role, Seat, Snapshot, Task
from herford_tui.domain.directory import person_choices
from herford_tui.domain.labels import person_label
from herford_tui.domain.people import membership_row
from herford_tui.domain.roster import roster_lines
from herford_tui.ui.committees.presentation import member_detail, membership_summary, roster_rows
from herford_tui.ui.meetings.presentation import person_name as meeting_name

TODAY = date(2026, 11, 28)
GONE = "Person 9 (gelöscht)"


def _snapshot() -> Snapshot:
    lk = Committee(id=1, name="Lenkungskreis", seats=[Seat("landrat", "Landrat")])
    paul = Person(id=2, given_name="Paul", family_name="Vertreter")
    gone = Membership(id=10, person_id=9, committee_id=1, seat_key="landrat", role=Role.VORSITZ, start=date(2025, 1, 1))
    deputy = Membership(id=11, person_id=2, committee_id=1, seat_key="landrat", role=Role.STELLVERTRETUNG,
                        deputy_of=10, start=date(2025, 1, 1))  # fmt: skip
    task = Task(what="Antrag stellen", person_id=9)
    meeting = Meeting(id=1, committee_id=1, date=date(2026, 12, 3), agenda=[AgendaItem(number="1", title="Haushalt",
                                                                                      tasks=[task])])  # fmt: skip
    return Snapshot(committees={1: lk}, persons={2: paul}, memberships={10: gone, 11: deputy}, meetings={1: meeting})


def test_one_wording_for_a_person_that_no_longer_resolves():
    snapshot = _snapshot()
    assert snapshot.person_name(9) == person_label(None, 9) == GONE
    assert meeting_name(snapshot, 9) == GONE  # the meeting screen's task "Wer"
    assert person_choices(snapshot, [9]) == [GONE]  # its choice list
    assert document_name(snapshot, 9) == GONE  # invitation and minutes
    assert membership_row(snapshot, snapshot.memberships[10], TODAY).person == GONE  # the person screens
    assert membership_row(snapshot, snapshot.memberships[11], TODAY).role == f"Stellvertretung für {GONE}"
    lines = roster_lines(snapshot, 1, TODAY)
    [chair] = [line for line in lines if line.membership and line.membership.id == 10]
    [deputy] = [line for line in lines if line.membership and line.membership.id == 11]
    names = [str(row[1]) for row in roster_rows(snapshot, lines)]
    assert GONE in names  # the roster said "?"
    assert f"für {GONE}" in membership_summary(snapshot, deputy)
    assert member_detail(snapshot, chair, 1, TODAY).plain.startswith(GONE)  # said "Person nicht gefunden."


def test_a_person_without_a_name_is_named_by_its_number():
    assert person_label(Person(id=4), 4) == "Person 4"
    assert person_label(Person(id=4, given_name="Anna", family_name="Ahrens"), 4) == "Anna Ahrens"


def test_the_export_names_a_deputy_s_dangling_owner_and_the_import_maps_it_by_number_only(tmp_path):
    """The roster sheet's "Stellvertretung für" stayed empty for an owner whose person no longer
    resolves. It carries the one label now; reading it back, the import takes the owner from the
    "Stellvertretung für Nr." column (the label never decides), and without that column no person
    bears the label: the row is refused and named, never put on another member."""
    import json

    from herford_tui.exchange import exports
    from herford_tui.exchange.importing import plan_import
    from herford_tui.exchange.tabular import csv_bytes, decode_text, parse_csv
    from herford_tui.store import Store

    store = Store(tmp_path / "db.json", backups=0).open(seed={})
    lk, anna, paul = store.save_many(
        [
            Committee(name="Lenkungskreis", seats=[Seat("landrat", "Landrat")]),
            Person(given_name="Anna", family_name="Weg"),
            Person(given_name="Paul", family_name="Vertreter"),
        ]
    )
    owner = store.save(Membership(person_id=anna.id, committee_id=lk.id, seat_key="landrat", start=date(2025, 1, 1)))
    store.save(
        Membership(person_id=paul.id, committee_id=lk.id, seat_key="landrat", role=Role.STELLVERTRETUNG,
                   deputy_of=owner.id, start=date(2025, 1, 1))
    )  # fmt: skip
    data = json.loads(store.path.read_text(encoding="utf-8"))
    del data["persons"][str(anna.id)]  # as a colleague's delete or an import left it
    store.path.write_text(json.dumps(data), encoding="utf-8")
    snapshot = Store(store.path).snapshot()

    sheet = exports.roster_sheet(snapshot, snapshot.committees[lk.id], None)
    header = sheet.header
    [row] = [r for r in sheet.rows if r[header.index("Rolle")] == "Stellvertretung"]
    label = f"Person {anna.id} (gelöscht)"
    assert row[header.index("Stellvertretung für")] == label
    assert row[header.index("Stellvertretung für Nr.")] == owner.id

    def read_back(columns: list[str]):
        keep = [header.index(c) for c in columns]
        text = csv_bytes(columns, [[row[i] for i in keep]])
        return plan_import("mitgliedschaften", [parse_csv(decode_text(text))], snapshot)

    every = read_back(header)
    assert every.ok and every.nothing_to_do, [str(p) for p in every.problems]  # the owner by number: unchanged
    without_number = read_back([h for h in header if h not in ("Nr.", "Stellvertretung für Nr.")])
    assert not without_number.ok
    assert any(label in str(p) for p in without_number.problems), [str(p) for p in without_number.problems]
