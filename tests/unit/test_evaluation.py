"""The evaluation's figures on hand-made snapshots (no store): meetings against the rhythm,
attendance with stand-ins, vacant and long-held seats, tasks and decisions, and their text."""

from __future__ import annotations

from datetime import date

from herford_tui.documents.evaluation_text import csv_rows, summary, text_lines
from herford_tui.domain import (
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    Meeting,
    MeetingAttendance,
    MeetingStatus,
    Membership,
    Organisation,
    Person,
    Role,
    Seat,
    Snapshot,
    Task,
)
from herford_tui.domain.evaluation import (
    evaluate,
    meeting_figures,
    organisations_without_seat,
    task_figures,
    tenures,
    vacancies,
)
from herford_tui.domain.evaluation_attendance import Presence, committee_rates, organisation_rates, seat_presence
from herford_tui.domain.meetings import RhythmState

TODAY = date(2026, 11, 28)


def world() -> Snapshot:
    """One committee (rhythm 2–3, seats a ×2, b ×1, c ×1 advisory), three members and a deputy."""
    committee = Committee(
        1,
        1,
        name="Lenkungskreis",
        rhythm_min=2,
        rhythm_max=3,
        invitation_days=14,
        seats=[Seat("a", "Schulen", count=2), Seat("b", "Kitas"), Seat("c", "Beratend", advisory=True)],
    )
    orgs = {i: Organisation(i, 1, name=name) for i, name in ((1, "Schule A"), (2, "Kita B"), (3, "Verein C"))}
    persons = {
        1: Person(1, 1, given_name="Anna", family_name="Alt", organisation_id=1),
        2: Person(2, 1, given_name="Bert", family_name="Bau", organisation_id=2),
        3: Person(3, 1, given_name="Clara", family_name="Chor", organisation_id=1),
        4: Person(4, 1, given_name="Dora", family_name="Dach"),
        5: Person(5, 1, given_name="Emil", family_name="Eck"),
    }
    memberships = {
        # Anna holds a Schulen seat since 2010, first as member, then as chair: one unbroken run.
        1: Membership(1, 1, 1, 1, "a", Role.MITGLIED, start=date(2010, 1, 1), end=date(2019, 12, 31)),
        2: Membership(2, 1, 1, 1, "a", Role.VORSITZ, start=date(2020, 1, 1)),
        # The second Schulen place: Clara left at the end of June 2025, nobody since.
        3: Membership(3, 1, 3, 1, "a", Role.MITGLIED, start=date(2018, 1, 1), end=date(2025, 6, 30)),
        # Kitas: Bert since 2022, representing the Kita B; Dora is his deputy.
        4: Membership(4, 1, 2, 1, "b", Role.MITGLIED, represents_id=2, start=date(2022, 1, 1)),
        5: Membership(5, 1, 4, 1, "b", Role.STELLVERTRETUNG, deputy_of=4, start=date(2022, 1, 1)),
        # Advisory seat: never counted for attendance or vacancy.
        6: Membership(6, 1, 5, 1, "c", Role.MITGLIED, start=date(2022, 1, 1)),
    }
    meetings = {
        # 2026: held with Anna present, Bert absent and Dora listed present (fills his seat).
        1: Meeting(
            1,
            1,
            1,
            date(2026, 3, 4),
            status=MeetingStatus.DURCHGEFUEHRT,
            invitation_sent=date(2026, 2, 25),  # 7 days before: late (14 are due)
            attendance=[
                MeetingAttendance(1, Attendance.ANWESEND),
                MeetingAttendance(2, Attendance.ENTSCHULDIGT),
                MeetingAttendance(4, Attendance.ANWESEND),
            ],
            agenda=[
                AgendaItem(
                    "1",
                    "Bericht",
                    decisions=[Decision("A"), Decision("B")],
                    tasks=[Task("Brief", 1, date(2026, 4, 1)), Task("Mail", 1, date(2027, 1, 1)), Task("x", done=True)],
                )
            ],
        ),
        # 2026: held, Anna absent, Bert recorded as stood in for by Dora.
        2: Meeting(
            2,
            1,
            1,
            date(2026, 9, 9),
            status=MeetingStatus.DURCHGEFUEHRT,
            invitation_sent=date(2026, 8, 1),
            attendance=[MeetingAttendance(1, Attendance.FEHLEND), MeetingAttendance(2, Attendance.VERTRETEN, 4)],
        ),
        3: Meeting(
            3, 1, 1, date(2026, 10, 1), status=MeetingStatus.ABGESAGT, agenda=[AgendaItem(decisions=[Decision("Z")])]
        ),
        4: Meeting(4, 1, 1, date(2026, 12, 10), status=MeetingStatus.GEPLANT),
        # 2025: one held meeting, everyone there (Clara still on her seat then).
        5: Meeting(
            5,
            1,
            1,
            date(2025, 5, 5),
            status=MeetingStatus.DURCHGEFUEHRT,
            attendance=[MeetingAttendance(p, Attendance.ANWESEND) for p in (1, 2, 3)],
            agenda=[AgendaItem(decisions=[Decision("C")])],
        ),
    }
    return Snapshot({1: committee}, orgs, persons, memberships, meetings)


def test_meetings_against_rhythm_cancelled_and_late_invitations():
    snapshot = world()
    figures = meeting_figures(snapshot, snapshot.committees[1], 2026, TODAY)
    assert (figures.held, figures.planned, figures.cancelled) == (2, 1, 1)
    assert figures.late_invitations == 1
    assert figures.rhythm.count == 3 and figures.rhythm.state is RhythmState.OK


def test_a_deputy_listed_present_fills_the_absent_members_seat():
    snapshot = world()
    lines = {p.membership.person_id: p for p in seat_presence(snapshot, snapshot.meetings[1])}
    assert lines[1].presence is Presence.SELBST
    assert lines[2].presence is Presence.VERTRETEN and lines[2].deputy_id == 4
    assert 5 not in lines  # advisory seat
    assert 4 not in lines  # the deputy fills Bert's seat, no seat of her own


def test_attendance_rate_per_committee_and_year():
    rates = committee_rates(world(), 2025, 2026, TODAY)
    rate_2026 = rates[(1, 2026)]
    assert (rate_2026.present, rate_2026.stood_in, rate_2026.expected) == (1, 2, 4)
    assert rate_2026.value == 0.75
    assert rates[(1, 2025)].value == 1.0


def test_attendance_rate_per_organisation_counts_the_represented_one():
    rates = organisation_rates(world(), 2026, TODAY)
    assert rates[2].stood_in == 2 and rates[2].expected == 2  # Bert represents Kita B
    assert rates[1].present == 1 and rates[1].expected == 2  # Anna's Schule A


def test_vacant_seat_since_the_last_holder_left():
    found = vacancies(world(), TODAY)
    assert [(v.seat, v.open_places, v.since) for v in found] == [("Schulen", 1, date(2025, 7, 1))]
    assert found[0].days == (TODAY - date(2025, 7, 1)).days


def test_longest_held_seat_runs_across_a_role_change():
    found = tenures(world(), TODAY)
    assert found[0].name == "Anna Alt" and found[0].since == date(2010, 1, 1)
    assert [t.name for t in found] == ["Anna Alt", "Bert Bau"]


def test_organisations_without_a_seat():
    assert [o.name for o in organisations_without_seat(world(), TODAY)] == ["Verein C"]


def test_open_and_overdue_tasks_per_committee():
    [figures] = task_figures(world(), TODAY)
    assert (figures.open, figures.overdue) == (2, 1)


def test_decisions_per_year_leave_out_cancelled_meetings():
    evaluation = evaluate(world(), 2026, TODAY)
    assert evaluation.decisions == {2025: 1, 2026: 2}
    assert evaluation.decisions_by_committee == {1: 2}
    assert [r.value if r else None for r in evaluation.attendance[1]] == [None, None, None, 1.0, 0.75]


def test_decisions_count_once_the_meeting_took_place():
    """A decision drafted into a meeting still ahead is not taken yet; a meeting whose day has
    passed took place even when nobody marked it so (the one rule: ``tally.took_place``)."""
    snapshot = world()
    drafted = [AgendaItem(decisions=[Decision("Entwurf")])]
    snapshot.meetings[4].agenda = drafted  # planned for 10.12.2026, after TODAY
    snapshot.meetings[6] = Meeting(6, 1, 1, date(2026, 11, 27), status=MeetingStatus.EINGELADEN, agenda=drafted)
    evaluation = evaluate(snapshot, 2026, TODAY)
    assert evaluation.decisions == {2025: 1, 2026: 3}
    assert evaluation.decisions_by_committee == {1: 3}
    assert evaluate(snapshot, 2026, date(2026, 12, 11)).decisions == {2025: 1, 2026: 4}


def test_empty_snapshot_evaluates_to_nothing_without_error():
    evaluation = evaluate(Snapshot(), 2026, TODAY)
    assert evaluation.meetings == [] and evaluation.vacancies == []
    assert "Auswertung 2026" in text_lines(evaluation)[0]


def test_text_and_summary_in_german():
    evaluation = evaluate(world(), 2026, TODAY)
    text = "\n".join(text_lines(evaluation))
    assert "Lenkungskreis" in text and "75 %" in text and "01.07.2025" in text
    sentences = " ".join(summary(evaluation))
    assert "1 Gremium in 2 Sitzungen; 1 Sitzung wurde abgesagt." in sentences
    assert "zu 75 % besetzt (2-mal durch eine Stellvertretung)" in sentences
    assert "1 Einladung ging nach der Frist hinaus." in sentences
    assert "2 Aufgaben sind offen, davon 1 überfällig." in sentences


def test_csv_rows_name_their_section_and_never_start_a_formula():
    snapshot = world()
    snapshot.organisations[3].name = '=HYPERLINK("x")'
    rows = csv_rows(evaluate(snapshot, 2026, TODAY))
    assert rows[1][0] == "Sitzungen 2026"
    assert not any(cell.startswith("=") for row in rows for cell in row)
    assert any("'=HYPERLINK" in cell for row in rows for cell in row)


def test_a_committee_archived_since_still_counts_in_the_years_it_met():
    """Archive meets Auswertung and year overview: archiving a committee today took its meetings
    of this year and the years before out of the Auswertung and the year grid, as if it had never
    met. It counts where it met; its seats do not (no vacancies, no seat-holders today)."""
    from dataclasses import replace

    from herford_tui.ui.year.presentation import grid_rows

    snapshot = world()
    snapshot.committees[1] = replace(snapshot.committees[1], archived=True)
    ev = evaluate(snapshot, 2026, TODAY)
    [figures] = ev.meetings
    assert (figures.held, figures.cancelled) == (2, 1)
    assert ev.attendance[1][-1] is not None and ev.names == {1: "Lenkungskreis (archiviert)"}
    assert figures.name == "Lenkungskreis (archiviert)"
    assert ev.vacancies == [] and ev.tenures == []
    assert [row.name for row in grid_rows(snapshot, 2026, TODAY)][2:] == ["Lenkungskreis"]
    assert evaluate(snapshot, 2024, TODAY).meetings == []  # a year it did not meet
    assert [row.name for row in grid_rows(snapshot, 2024, TODAY)][2:] == []
