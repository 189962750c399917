"""Namesakes read apart in every person choice (``domain/directory.person_choices``): the
meeting screen's Zuständig/Wer lists and the membership form's person search. The form showed
the organisation only, so two "Thomas Müller" of one school read the same there."""

from __future__ import annotations

from types import SimpleNamespace

from herford_tui.domain import Organisation, Person, Snapshot
from herford_tui.domain.directory import person_choices
from herford_tui.ui.committees.membership_form import MembershipForm
from herford_tui.ui.meetings.presentation import choice_names


def _snapshot() -> Snapshot:
    schule = Organisation(id=1, name="Realschule Enger", municipality="Enger")
    persons = [
        Person(id=5, given_name="Thomas", family_name="Müller", organisation_id=1),
        Person(id=6, given_name="Thomas", family_name="Mueller", organisation_id=1),
        Person(id=7, given_name="Thomas", family_name="Müller"),
        Person(id=8, given_name="Anna", family_name="Schmidt", organisation_id=1),
    ]
    return Snapshot(organisations={1: schule}, persons={p.id: p for p in persons})


def test_namesakes_carry_organisation_and_number():
    snapshot = _snapshot()
    assert person_choices(snapshot, [5, 6, 7, 8]) == [
        "Thomas Müller (Realschule Enger, Nr. 5)",
        "Thomas Mueller (Realschule Enger, Nr. 6)",
        "Thomas Müller (Nr. 7)",
        "Anna Schmidt",
    ]
    assert person_choices(snapshot, [8, 5], organisation=True) == [
        "Anna Schmidt (Realschule Enger)",
        "Thomas Müller (Realschule Enger)",
    ]
    assert person_choices(snapshot, [9]) == ["Person 9 (gelöscht)"]


def test_the_meeting_screen_and_the_membership_form_tell_namesakes_apart_alike():
    snapshot = _snapshot()
    form = dict(MembershipForm._search_persons(SimpleNamespace(snapshot=snapshot), "Thomas"))  # type: ignore[arg-type]
    assert sorted(form) == [5, 6, 7]
    meeting = dict(zip([5, 6, 7], choice_names(snapshot, [5, 6, 7]), strict=True))
    assert form == meeting
    assert len(set(form.values())) == 3


def test_the_attendance_list_tells_namesakes_apart():
    """Namesakes meet the meeting's attendance: two "Thomas Müller" of one committee were two
    identical rows to mark during the meeting; they read as in a choice, the others by name."""
    from datetime import date

    from herford_tui.domain import Committee, Meeting, Membership, Seat
    from herford_tui.domain.attendance import attendance_lines
    from herford_tui.ui.meetings.presentation import attendance_rows

    snapshot = _snapshot()
    snapshot.committees[1] = Committee(1, 1, name="Lenkungskreis", seats=[Seat("a", "Schulen", count=None)])
    for pid in (5, 7, 8):
        snapshot.memberships[pid] = Membership(pid, 1, pid, 1, "a", start=date(2025, 1, 1))
    meeting = Meeting(1, 1, 1, date(2026, 3, 4))
    names = sorted(row[1].plain for row in attendance_rows(snapshot, attendance_lines(snapshot, meeting)))
    assert names == ["Anna Schmidt", "Thomas Müller (Nr. 7)", "Thomas Müller (Realschule Enger, Nr. 5)"]


def test_a_reference_outside_a_choice_is_named_as_among_everybody():
    """An agenda item's "Zuständig", a task's "Wer": one name, told apart from the namesakes in
    the whole directory by the same rule (``person_named``, from the name index)."""
    from datetime import date

    from herford_tui.domain import AgendaItem, Meeting, Task
    from herford_tui.domain.directory import person_named
    from herford_tui.ui.meetings.presentation import agenda_row, task_line

    snapshot = _snapshot()
    snapshot.persons[10] = Person(id=10, title="Dr.", given_name="Anna", family_name="Schmidt")  # not the same name
    assert person_named(snapshot, 5) == "Thomas Müller (Realschule Enger, Nr. 5)"
    assert person_named(snapshot, 7) == "Thomas Müller (Nr. 7)"
    assert person_named(snapshot, 8) == "Anna Schmidt" and person_named(snapshot, 10) == "Dr. Anna Schmidt"
    assert person_named(snapshot, 99) == "Person 99 (gelöscht)" and person_named(snapshot, None) == ""
    item = AgendaItem("1", "Haushalt", responsible_person_id=7, tasks=[Task(what="Prüfen", person_id=5)])
    meeting = Meeting(id=1, committee_id=1, date=date(2026, 12, 7), agenda=[item])
    assert agenda_row(snapshot, meeting, 0)[3].plain == "Thomas Müller (Nr. 7)"
    line = task_line(snapshot, "Prüfen", 5, None, False, date(2026, 12, 1)).plain
    assert line == "[ ] Prüfen – Thomas Müller (Realschule Enger, Nr. 5)"
