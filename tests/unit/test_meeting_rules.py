"""Meeting rules: rhythm, holidays, overlaps, attendance roster and quorum, series, invitation, tasks."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest

from herford_tui.domain import (
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    DecisionResult,
    Meeting,
    MeetingAttendance,
    MeetingStatus,
    Membership,
    Person,
    Role,
    Seat,
    Snapshot,
    Task,
)
from herford_tui.domain.attendance import attendance_lines, quorum, set_attendance
from herford_tui.domain.calendar import day_off, holiday_name
from herford_tui.domain.deletion import referring
from herford_tui.domain.invitation import addresses, invitation_filename, invitation_text
from herford_tui.domain.meetings import (
    RhythmState,
    holiday_warning,
    invitation_late,
    overlapping,
    rhythm_check,
    status_warning,
)
from herford_tui.domain.schedule import open_tasks, upcoming_lines
from herford_tui.domain.series import OnHoliday, SeriesRule, plan_series, rule_dates
from herford_tui.store.codec import decode, encode

TODAY = date(2026, 11, 28)


def committee(**kw) -> Committee:
    base = dict(
        id=1, name="Lenkungskreis", rhythm_min=1, rhythm_max=2, quorum=2,
        seats=[Seat("landrat", "Landrat"), Seat("bm", "Bürgermeister", count=2),
               Seat("gast", "Beratend", advisory=True)],
    )  # fmt: skip
    base.update(kw)
    return Committee(**base)


def meeting(day: date, mid: int = 0, **kw) -> Meeting:
    kw.setdefault("start_time", time(14))
    kw.setdefault("end_time", time(16))
    return Meeting(id=mid, committee_id=kw.pop("committee_id", 1), date=day, **kw)


@pytest.fixture
def snap() -> Snapshot:
    persons = {
        1: Person(id=1, given_name="Erika", family_name="Mustermann", email="e@example.org"),
        2: Person(id=2, given_name="Bernd", family_name="Beispiel", email="b@example.org"),
        3: Person(id=3, given_name="Paula", family_name="Probe"),
        4: Person(id=4, given_name="Otto", family_name="Ehemalig", email="o@example.org"),
        5: Person(id=5, given_name="Rita", family_name="Rat", email="r@example.org"),
    }
    start = date(2025, 1, 1)
    memberships = {
        10: Membership(id=10, person_id=1, committee_id=1, seat_key="landrat", role=Role.VORSITZ, start=start),
        11: Membership(id=11, person_id=2, committee_id=1, seat_key="bm", start=start),
        12: Membership(
            id=12, person_id=3, committee_id=1, seat_key="bm", role=Role.STELLVERTRETUNG, deputy_of=11, start=start
        ),
        13: Membership(id=13, person_id=4, committee_id=1, seat_key="bm", start=start, end=date(2026, 6, 30)),
        14: Membership(id=14, person_id=5, committee_id=1, seat_key="gast", start=start),
    }
    return Snapshot(committees={1: committee()}, persons=persons, memberships=memberships)


# -- rhythm ----------------------------------------------------------------------------------
def test_rhythm_too_few_ok_too_many_and_cancelled_do_not_count():
    c = committee(rhythm_min=1, rhythm_max=2)
    assert rhythm_check(c, [], 2026).state is RhythmState.TOO_FEW
    one = [meeting(date(2026, 3, 4), 1)]
    assert rhythm_check(c, one, 2026).state is RhythmState.OK
    three = [meeting(date(2026, m, 4), m) for m in (3, 5, 9)]
    check = rhythm_check(c, three, 2026)
    assert (check.state, check.text) == (RhythmState.TOO_MANY, "3 (Soll 1–2) zu viele")
    cancelled = [*three[:2], dataclasses.replace(three[2], status=MeetingStatus.ABGESAGT)]
    assert rhythm_check(c, cancelled, 2026).state is RhythmState.OK
    assert rhythm_check(c, three, 2027).text == "0 (Soll 1–2) zu wenige"
    assert rhythm_check(committee(rhythm_min=0, rhythm_max=0), three, 2026).state is RhythmState.UNSET


# -- holidays ----------------------------------------------------------------------------------
def test_public_holiday_and_nrw_school_holidays_are_flagged():
    assert day_off(date(2026, 10, 3)).public == "Tag der Deutschen Einheit"
    assert day_off(date(2026, 8, 3)).school == "Sommerferien"
    assert day_off(date(2026, 8, 3)).public is None
    assert not day_off(date(2026, 11, 25))
    assert holiday_name(date(2026, 12, 23)) == "Weihnachtsferien"
    assert "Feiertag" in (holiday_warning(meeting(date(2026, 10, 3))) or "")
    assert "Schulferien" in (holiday_warning(meeting(date(2026, 8, 3))) or "")
    assert holiday_warning(meeting(date(2026, 11, 25))) is None


def test_durchgefuehrt_on_a_day_still_to_come_is_warned_about():
    """New-user test: "durchgeführt" for 14.01.2027 on 03.12.2026 was taken without a word."""
    today = date(2026, 12, 3)
    later = meeting(date(2027, 1, 14), status=MeetingStatus.DURCHGEFUEHRT)
    assert status_warning(later, today) == (
        "Die Sitzung am 14.01.2027 liegt in der Zukunft (heute ist der 03.12.2026), "
        "ist aber als „durchgeführt“ eingetragen."
    )
    assert status_warning(meeting(today, status=MeetingStatus.DURCHGEFUEHRT), today) is None  # held today
    assert status_warning(meeting(date(2026, 12, 2), status=MeetingStatus.DURCHGEFUEHRT), today) is None
    for status in (MeetingStatus.GEPLANT, MeetingStatus.EINGELADEN, MeetingStatus.ABGESAGT):
        assert status_warning(meeting(date(2027, 1, 14), status=status), today) is None
    assert status_warning(Meeting(status=MeetingStatus.DURCHGEFUEHRT), today) is None  # no date yet


# -- overlaps and end after start ----------------------------------------------------------------
def test_overlap_is_refused_for_one_committee_only(snap):
    first = meeting(date(2026, 3, 4), 1, start_time=time(14), end_time=time(16))
    snap = snap.with_changes([first])
    clash = meeting(date(2026, 3, 4), start_time=time(15), end_time=time(17))
    assert overlapping(clash, snap.meetings.values()) == [first]
    problems = snap.check(clash)
    assert any("schon eine Sitzung (14:00–16:00)" in p.message for p in problems)
    after = meeting(date(2026, 3, 4), start_time=time(16), end_time=time(18))
    assert not overlapping(after, snap.meetings.values())
    other_committee = dataclasses.replace(clash, committee_id=2)
    assert not overlapping(other_committee, snap.meetings.values())
    cancelled = dataclasses.replace(clash, status=MeetingStatus.ABGESAGT)
    assert not overlapping(cancelled, snap.meetings.values())
    assert not overlapping(first, snap.meetings.values())  # itself, when edited


def test_end_before_start_is_refused(snap):
    bad = meeting(date(2026, 3, 4), start_time=time(16), end_time=time(14))
    assert [p.message for p in snap.check(bad) if p.field == "end_time"] == ["Das Ende liegt vor dem Beginn."]


# -- attendance ----------------------------------------------------------------------------------
def test_roster_as_of_the_date_lists_who_was_there_then(snap):
    before = meeting(date(2026, 3, 4))
    after = meeting(date(2026, 11, 4))
    assert 4 in [line.person_id for line in attendance_lines(snap, before)]
    lines = attendance_lines(snap, after)
    ids = [line.person_id for line in lines]
    assert 4 not in ids  # left on 30.06.2026
    assert ids == [1, 2, 5]  # chair first, the advisory seat last
    assert lines[1].deputies == (3,)
    assert [line.voting for line in lines] == [True, True, False]


def test_a_deputy_who_stood_in_is_shown_and_counts_for_the_quorum(snap):
    m = meeting(date(2026, 11, 4))
    m = set_attendance(m, 1, Attendance.ANWESEND)
    m = set_attendance(m, 2, Attendance.VERTRETEN, deputy_id=3)
    lines = attendance_lines(snap, m)
    bm = next(line for line in lines if line.person_id == 2)
    assert (bm.status, bm.deputy_id) == (Attendance.VERTRETEN, 3)
    q = quorum(snap, m)
    assert q.text == "2 von 2 anwesend, beschlussfähig (ab 2)"
    m = set_attendance(m, 2, Attendance.ENTSCHULDIGT)
    assert quorum(snap, m).text == "1 von 2 anwesend, nicht beschlussfähig (ab 2)"
    assert [p.field for p in snap.check(set_attendance(m, 2, Attendance.VERTRETEN))] == ["attendance"]


def test_a_recorded_person_no_longer_on_the_roster_is_kept(snap):
    m = meeting(date(2026, 11, 4), attendance=[MeetingAttendance(4, Attendance.ANWESEND)])
    [line] = [line for line in attendance_lines(snap, m) if line.person_id == 4]
    assert line.listed_by_record and not line.voting


def test_quorum_without_rule(snap):
    snap = snap.with_changes([committee(quorum=None)])
    assert quorum(snap, meeting(date(2026, 11, 4))).text == "0 von 2 anwesend (keine Regel zur Beschlussfähigkeit)"


def test_old_attendance_values_still_load_and_absent_reads_abwesend():
    from herford_tui.domain.labels import ATTENDANCE

    old = {"committee_id": 1, "date": "2026-03-04", "attendance": [{"person_id": 1, "status": "fehlend"}],
           "agenda": [{"number": "1", "title": "Begrüßung", "public": True}]}  # fmt: skip
    m = decode(Meeting, old)
    assert ATTENDANCE[m.attendance[0].status] == "abwesend"
    assert (m.room, m.invitation_sent, m.guests, m.agenda[0].tasks) == ("", None, [], [])
    assert decode(Committee, {"name": "X"}).invitation_days == 14


def test_minutes_decisions_and_tasks_round_trip():
    item = AgendaItem("1", "Haushalt", minutes="besprochen", responsible_person_id=2,
                      decisions=[Decision("Mittel freigeben", DecisionResult.MEHRHEITLICH)],
                      tasks=[Task("Antrag stellen", 2, date(2026, 12, 1))])  # fmt: skip
    m = meeting(date(2026, 3, 4), agenda=[item], guests=["Gast"], room="R 1", invitation_sent=date(2026, 2, 1))
    assert decode(Meeting, encode(m)) == dataclasses.replace(m, id=0)


# -- series ----------------------------------------------------------------------------------
def test_series_rule_text_and_dates():
    rule = SeriesRule(weekday=2, nth=2, interval=2)
    assert rule.describe() == "jeden 2. Mittwoch in jedem zweiten Monat, 14:00–16:00"
    assert rule_dates(rule, 2026)[:3] == [date(2026, 1, 14), date(2026, 3, 11), date(2026, 5, 13)]


@pytest.mark.parametrize(
    ("policy", "april"),
    [(OnHoliday.MOVE, date(2026, 4, 15)), (OnHoliday.SKIP, None), (OnHoliday.KEEP, date(2026, 4, 8))],
)
def test_series_around_school_holidays(snap, policy, april):
    # the 2nd Wednesday of April 2026 (08.04.) lies in the Osterferien
    rule = SeriesRule(weekday=2, nth=2, interval=1, first_month=4)
    plan = plan_series(snap, committee(rhythm_max=6), rule, 2026, policy)
    first = plan.dates[0]
    assert first.rule_day == date(2026, 4, 8) and first.day == april
    assert "Oster" in first.note
    assert len(plan.meetings) == sum(1 for d in plan.dates if d.day)
    assert plan.rhythm is not None
    assert plan.rhythm.state is RhythmState.TOO_MANY
    assert any("Oster" in line for line in plan.preview_lines())


def test_series_skips_a_day_the_committee_already_meets(snap):
    snap = snap.with_changes([meeting(date(2026, 3, 11), 7)])
    plan = plan_series(snap, committee(), SeriesRule(interval=2), 2026, OnHoliday.KEEP)
    skipped = [d for d in plan.dates if d.day is None]
    assert [d.rule_day for d in skipped] == [date(2026, 3, 11)]
    assert plan.rhythm is not None and plan.rhythm.count == 6  # five new, one existing


def test_series_in_a_year_under_way_plans_from_today_on(snap):
    """In the year under way the dates already past are not planned, only counted in the preview;
    a holiday is not moved back before today either."""
    rule = SeriesRule(weekday=2, nth=2, interval=1)  # 2nd Wednesday of every month
    plan = plan_series(snap, committee(rhythm_max=12), rule, 2026, OnHoliday.MOVE, date(2026, 12, 4))
    assert [m.date for m in plan.meetings] == [date(2026, 12, 9)]
    assert plan.past == 11
    assert plan.preview_lines()[0] == "(11 Termine liegen vor dem 04.12.2026 und werden nicht geplant)"
    on_the_day = plan_series(snap, committee(rhythm_max=12), rule, 2026, OnHoliday.MOVE, date(2026, 12, 9))
    assert [m.date for m in on_the_day.meetings] == [date(2026, 12, 9)]
    assert plan_series(snap, committee(), rule, 2027, OnHoliday.MOVE, date(2026, 12, 4)).past == 0


# -- invitation ------------------------------------------------------------------------------
def test_invitation_lists_members_addresses_and_the_agenda(snap):
    m = meeting(date(2026, 12, 9), location="Kreishaus", room="Raum 1",
                agenda=[AgendaItem("1", "Begrüßung"), AgendaItem("2", "Personal", public=False)])  # fmt: skip
    text = invitation_text(snap, m)
    assert "Erika Mustermann <e@example.org>" in text
    assert "Bernd Beispiel <b@example.org>" in text
    assert "o@example.org" not in text  # left before the date
    assert "Paula Probe" not in text  # deputies only by choice
    assert "Mi, 09.12.2026" in text and "14:00–16:00 Uhr" in text and "Kreishaus, Raum 1" in text
    assert "TOP 1  Begrüßung" in text and "TOP 2  Personal (nicht öffentlich)" in text
    with_deputies = addresses(snap, m, deputies=True)
    assert with_deputies.without_email == ["Paula Probe"]
    assert "Ohne E-Mail-Adresse" in invitation_text(snap, m, deputies=True)
    assert invitation_filename(m, "Regionales Leitungsteam (RLT)") == (
        "herford-einladung-2026-12-09-regionales-leitungsteam--rlt.txt".replace("--", "-")
    )


def test_invitation_deadline():
    c = committee(invitation_days=14)
    m = meeting(date(2026, 12, 9))
    assert not invitation_late(m, c, date(2026, 11, 25))
    assert invitation_late(m, c, date(2026, 11, 26))
    assert not invitation_late(dataclasses.replace(m, invitation_sent=date(2026, 11, 20)), c, date(2026, 11, 28))
    assert not invitation_late(dataclasses.replace(m, status=MeetingStatus.EINGELADEN), c, date(2026, 11, 28))


# -- tasks and the upcoming list ---------------------------------------------------------------
def test_open_tasks_across_committees_overdue_marked(snap):
    a = meeting(date(2026, 10, 1), 1, agenda=[AgendaItem("1", "A", tasks=[
        Task("Protokoll verschicken", 1, date(2026, 11, 1)), Task("erledigt", done=True)])])  # fmt: skip
    b = meeting(
        date(2026, 10, 2),
        2,
        committee_id=2,
        agenda=[AgendaItem("1", "B", tasks=[Task("Raum buchen", 2, date(2026, 12, 1))])],
    )
    found = open_tasks(snap.with_changes([a, b]), TODAY)
    assert [(t.task.what, t.overdue) for t in found] == [("Protokoll verschicken", True), ("Raum buchen", False)]
    assert [t.task.what for t in open_tasks(snap.with_changes([a, b]), TODAY, committee_id=2)] == ["Raum buchen"]
    assert [t.task.what for t in open_tasks(snap.with_changes([a, b]), TODAY, person_id=1)] == [
        "Protokoll verschicken"
    ]  # the person screen's: one person's, not done
    assert open_tasks(snap.with_changes([a, b]), TODAY, person_id=3) == []


def test_upcoming_lines(snap):
    snap = snap.with_changes([
        meeting(TODAY, 1, location="Kreishaus"),
        meeting(date(2026, 12, 9), 2, status=MeetingStatus.ABGESAGT),
        meeting(date(2027, 3, 1), 3),
    ])  # fmt: skip
    assert upcoming_lines(snap, TODAY, 30) == [
        "Heute, Sa 28.11.2026",
        "  14:00–16:00  Lenkungskreis  Kreishaus",
        "Mi 09.12.2026",
        "  14:00–16:00  Lenkungskreis  [abgesagt]",
    ]
    assert upcoming_lines(snap, TODAY, 30, committee_id=9) == ["Keine Sitzungen in den nächsten 30 Tagen."]


# -- agenda changes ----------------------------------------------------------------------------
def test_agenda_add_move_remove_keeps_numbers():
    from herford_tui.domain.agenda import add_decision, add_task, move_item, put_item, remove_item, set_task_done

    m = meeting(date(2026, 3, 4))
    for title in ("Begrüßung", "Haushalt", "Verschiedenes"):
        m = put_item(m, AgendaItem(title=title))
    assert [(i.number, i.title) for i in m.agenda] == [("1", "Begrüßung"), ("2", "Haushalt"), ("3", "Verschiedenes")]
    m = move_item(m, 2, -1)
    assert [(i.number, i.title) for i in m.agenda][1:] == [("2", "Verschiedenes"), ("3", "Haushalt")]
    assert move_item(m, 0, -1) is m and move_item(m, 2, 1) is m
    m = remove_item(m, 0)
    assert [(i.number, i.title) for i in m.agenda] == [("1", "Verschiedenes"), ("2", "Haushalt")]
    m = add_decision(m, 1, Decision("Mittel freigeben", DecisionResult.EINSTIMMIG))
    m = add_task(m, 1, Task("Antrag stellen", 1, date(2026, 4, 1)))
    m = set_task_done(m, 1, 0, True)
    assert m.agenda[1].decisions[0].text == "Mittel freigeben" and m.agenda[1].tasks[0].done


def test_a_person_named_in_a_meeting_cannot_be_deleted_silently(snap):
    task_only = meeting(date(2026, 3, 4), 1, agenda=[AgendaItem("1", "A", tasks=[Task("x", 5)])])
    snap = snap.with_changes([task_only])
    assert "Aufgabe „x“ (TOP 1)" in " ".join(referring(snap, snap.persons[5]))
    stood_in = meeting(date(2026, 3, 5), 2, attendance=[MeetingAttendance(2, Attendance.VERTRETEN, 3)])
    snap = snap.with_changes([stood_in])
    assert any("als Vertretung" in r for r in referring(snap, snap.persons[3]))


def test_who_attends_in_their_own_right_cannot_stand_in(snap):
    from herford_tui.domain.attendance import stand_ins, unavailable

    m = meeting(date(2026, 11, 4))
    lines = attendance_lines(snap, m)
    bm = next(line for line in lines if line.person_id == 2)
    chair = next(line for line in lines if line.person_id == 1)
    assert stand_ins(m, bm, lines) == [3]  # the named deputy
    assert stand_ins(m, chair, lines) == [2, 3, 5]  # no deputy named: anyone on the list but her
    present = set_attendance(m, 3, Attendance.ANWESEND)
    assert unavailable(present, 3, 2) == "ist selbst anwesend"
    assert stand_ins(present, bm, lines) == [1, 5]  # the deputy is here herself: the others
    both = set_attendance(set_attendance(present, 1, Attendance.ANWESEND), 5, Attendance.ANWESEND)
    assert stand_ins(both, bm, lines) == []
    standing = set_attendance(m, 2, Attendance.VERTRETEN, deputy_id=3)
    assert unavailable(standing, 3, 1) == "vertritt schon ein anderes Mitglied"
    assert 3 not in stand_ins(standing, chair, lines)
    assert stand_ins(standing, bm, lines) == [3]  # chosen again for the same member: still offered
