"""Rules for meetings: rhythm per year, overlaps, invitation deadline, open tasks, upcoming list."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from herford_tui.domain.calendar import day_off
from herford_tui.domain.labels import MEETING_STATUS, format_date, format_time
from herford_tui.domain.models import AgendaItem, Attendance, Committee, Meeting, MeetingStatus, Task
from herford_tui.domain.validation import Problem

if TYPE_CHECKING:
    from herford_tui.domain.snapshot import Snapshot


# -- rhythm ----------------------------------------------------------------------------------
class RhythmState(enum.Enum):
    OK = "ok"
    TOO_FEW = "too_few"
    TOO_MANY = "too_many"
    UNSET = "unset"


@dataclass(frozen=True)
class RhythmCheck:
    count: int
    low: int
    high: int
    state: RhythmState

    @property
    def target(self) -> str:
        return str(self.high) if self.low == self.high else f"{self.low}–{self.high}"

    @property
    def text(self) -> str:
        """E.g. „3 (Soll 1) zu viele“; without a rhythm just the count."""
        if self.state is RhythmState.UNSET:
            return str(self.count)
        suffix = {RhythmState.TOO_FEW: " zu wenige", RhythmState.TOO_MANY: " zu viele"}.get(self.state, "")
        return f"{self.count} (Soll {self.target}){suffix}"

    @property
    def mark(self) -> str:
        """A sign that reads without colour: ↓ too few, ↑ too many (ASCII: - / +)."""
        return {RhythmState.TOO_FEW: "-", RhythmState.TOO_MANY: "+"}.get(self.state, "")


def counts(meeting: Meeting) -> bool:
    """Cancelled meetings do not count toward the rhythm and never block a time slot."""
    return meeting.status is not MeetingStatus.ABGESAGT


def rhythm_check(committee: Committee, meetings: Iterable[Meeting], year: int) -> RhythmCheck:
    """The committee's meetings in ``year`` (not cancelled) against rhythm_min … rhythm_max."""
    n = sum(1 for m in meetings if m.committee_id == committee.id and m.date and m.date.year == year and counts(m))
    low, high = committee.rhythm_min, committee.rhythm_max
    if high == 0:
        state = RhythmState.UNSET
    elif n < low:
        state = RhythmState.TOO_FEW
    elif n > high:
        state = RhythmState.TOO_MANY
    else:
        state = RhythmState.OK
    return RhythmCheck(n, low, high, state)


# -- times and overlaps ----------------------------------------------------------------------
def time_range(meeting: Meeting) -> str:
    """„14:00–16:00“, „14:00“ or „“."""
    return "–".join(t for t in (format_time(meeting.start_time), format_time(meeting.end_time)) if t)


def _span(m: Meeting) -> tuple[datetime, datetime]:
    assert m.date is not None
    start = datetime.combine(m.date, m.start_time or time.min)
    if m.end_time:
        end = datetime.combine(m.date, m.end_time)
    elif m.start_time:
        end = start + timedelta(hours=2)  # an open end blocks the usual two hours
    else:
        end = datetime.combine(m.date, time.max)  # no times: the whole day
    return start, end


def overlapping(meeting: Meeting, others: Iterable[Meeting]) -> list[Meeting]:
    """Meetings of the same committee whose time overlaps ``meeting`` (cancelled ones never do)."""
    if meeting.date is None or not counts(meeting):
        return []
    start, end = _span(meeting)
    found = []
    for other in others:
        if other.id == meeting.id or other.committee_id != meeting.committee_id or not counts(other):
            continue
        if other.date != meeting.date:
            continue
        o_start, o_end = _span(other)
        if start < o_end and o_start < end:
            found.append(other)
    return found


def meeting_problems(snapshot: Snapshot, meeting: Meeting) -> list[Problem]:
    """Rules that need the other meetings: two meetings of one committee at one time are refused."""
    problems = []
    for other in overlapping(meeting, snapshot.meetings_of(meeting.committee_id)):
        when = time_range(other) or "ganztägig"
        problems.append(Problem("date", f"Das Gremium hat am {format_date(other.date)} schon eine Sitzung ({when})."))
    for entry in meeting.attendance:
        if entry.deputy_id is not None and entry.deputy_id not in snapshot.persons:
            problems.append(Problem("attendance", "Eine vertretende Person fehlt im Verzeichnis."))
        if entry.status is Attendance.VERTRETEN and entry.deputy_id is None:
            problems.append(Problem("attendance", "Bei „vertreten“ fehlt, wer vertreten hat."))
    for item in meeting.agenda:
        for task in item.tasks:
            if not task.what.strip():
                problems.append(Problem("tasks", f"TOP {item.number}: Eine Aufgabe braucht eine Beschreibung."))
            if task.person_id is not None and task.person_id not in snapshot.persons:
                problems.append(Problem("tasks", f"TOP {item.number}: Die zuständige Person fehlt im Verzeichnis."))
        for decision in item.decisions:
            if not decision.text.strip():
                problems.append(Problem("decisions", f"TOP {item.number}: Ein Beschluss braucht einen Text."))
    return problems


def committee_problems(committee: Committee) -> list[Problem]:
    problems = []
    if committee.quorum is not None and committee.quorum < 1:
        problems.append(Problem("quorum", "Die Beschlussfähigkeit braucht mindestens 1 Anwesende."))
    if not 0 <= committee.invitation_days <= 365:
        problems.append(Problem("invitation_days", "Die Einladungsfrist muss zwischen 0 und 365 Tagen liegen."))
    return problems


def holiday_warning(meeting: Meeting) -> str | None:
    """A German warning when the meeting falls on a public holiday or in NRW school holidays."""
    if meeting.date is None:
        return None
    off = day_off(meeting.date)
    if not off:
        return None
    what = "ein Feiertag" if off.public and not off.school else "in den Schulferien"
    if off.public and off.school:
        what = "ein Feiertag in den Schulferien"
    return f"Der {format_date(meeting.date)} ist {what} in NRW ({off.text})."


# -- invitation deadline ---------------------------------------------------------------------
def invitation_due(meeting: Meeting, committee: Committee) -> date | None:
    """The last day to send the invitation."""
    return meeting.date - timedelta(days=committee.invitation_days) if meeting.date else None


def invitation_late(meeting: Meeting, committee: Committee, today: date) -> bool:
    """A planned meeting, still ahead, whose invitation deadline has passed without an invitation."""
    due = invitation_due(meeting, committee)
    return (
        meeting.status is MeetingStatus.GEPLANT
        and meeting.invitation_sent is None
        and due is not None
        and meeting.date is not None
        and due < today <= meeting.date
    )


def names_person(meeting: Meeting, person_id: int) -> bool:
    """The meeting's attendance, agenda or tasks name the person (blocks deleting them)."""
    if any(person_id in (e.person_id, e.deputy_id) for e in meeting.attendance):
        return True
    return any(
        item.responsible_person_id == person_id or any(t.person_id == person_id for t in item.tasks)
        for item in meeting.agenda
    )


# -- open tasks ------------------------------------------------------------------------------
@dataclass(frozen=True)
class OpenTask:
    meeting: Meeting
    item: AgendaItem
    task: Task
    overdue: bool


def open_tasks(snapshot: Snapshot, today: date, committee_id: int | None = None) -> list[OpenTask]:
    """Tasks not done from every meeting (or one committee's), earliest due first; overdue marked."""
    found = []
    for meeting in snapshot.meetings.values():
        if committee_id is not None and meeting.committee_id != committee_id:
            continue
        for item in meeting.agenda:
            for task in item.tasks:
                if not task.done:
                    found.append(OpenTask(meeting, item, task, task.due is not None and task.due < today))
    return sorted(found, key=lambda t: (t.task.due or date.max, t.meeting.date or date.max, t.task.what))


# -- the next meetings (the ``termine`` command) --------------------------------------------
def upcoming(snapshot: Snapshot, today: date, days: int, committee_id: int | None = None) -> list[Meeting]:
    last = today + timedelta(days=days)
    return [
        m
        for m in snapshot.meetings.values()
        if m.date
        and today <= m.date <= last
        and (committee_id is None or m.committee_id == committee_id)
        and m.committee_id in snapshot.committees
    ]


def upcoming_lines(snapshot: Snapshot, today: date, days: int, committee_id: int | None = None) -> list[str]:
    """Plain text like ``khal list``: a heading per day, one line per meeting."""
    meetings = sorted(upcoming(snapshot, today, days, committee_id), key=_sort_key)
    if not meetings:
        span = {0: "heute", 1: "heute oder morgen"}.get(days, f"in den nächsten {days} Tagen")
        return [f"Keine Sitzungen {span}."]
    lines: list[str] = []
    day: date | None = None
    for m in meetings:
        if m.date != day:
            day = m.date
            heading = "Heute, " if day == today else ("Morgen, " if day == today + timedelta(days=1) else "")
            lines.append(f"{heading}{format_date(day, weekday=True)}")
        committee = snapshot.committees[m.committee_id]
        place = ", ".join(p for p in (m.location, m.room) if p)
        parts = [time_range(m) or "ganztägig", committee.name]
        if place:
            parts.append(place)
        if m.status is not MeetingStatus.GEPLANT:
            parts.append(f"[{MEETING_STATUS[m.status]}]")
        lines.append("  " + "  ".join(parts))
    return lines


def _sort_key(m: Meeting) -> tuple[date, time, int]:
    return (m.date or date.max, m.start_time or time.min, m.id)
