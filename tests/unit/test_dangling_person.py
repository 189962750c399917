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
