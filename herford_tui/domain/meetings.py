"""Rules for meetings: rhythm per year, overlaps, invitation deadline.

They take records, not the Snapshot: the Snapshot checks meetings with them (its ``check``),
so this module must not need it. Lists across the snapshot are in ``schedule.py``."""

from __future__ import annotations

import enum
from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from herford_tui.domain.calendar import day_off
from herford_tui.domain.labels import format_date, format_time
from herford_tui.domain.models import Attendance, Committee, Meeting, MeetingStatus
from herford_tui.domain.validation import Problem


# -- rhythm ----------------------------------------------------------------------------------
class RhythmState(enum.Enum):
    OK = "ok"
    TOO_FEW = "too_few"
    TOO_MANY = "too_many"
    UNSET = "unset"


@dataclass(frozen=True)
class RhythmCheck:
    """How many meetings a year has against the committee's rhythm (from ``low`` to ``high``)."""

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
    def short(self) -> str:
        """„3/1 +“ (too many), „0/6–8 -“ (too few), „2/1–2“; without a rhythm just the count.
        The year grid and the evaluation show this one text, so their figures cannot differ."""
        if self.state is RhythmState.UNSET:
            return str(self.count)
        return f"{self.count}/{self.target}{' ' + self.mark if self.mark else ''}"

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


def meeting_problems(meeting: Meeting, others: Iterable[Meeting], persons: Container[int]) -> list[Problem]:
    """Rules that need the other meetings (``others``: the committee's) and the ids of the known
    persons: two meetings of one committee at one time are refused."""
    problems = []
    for other in overlapping(meeting, others):
        when = time_range(other) or "ganztägig"
        problems.append(Problem("date", f"Das Gremium hat am {format_date(other.date)} schon eine Sitzung ({when})."))
    for entry in meeting.attendance:
        if entry.deputy_id is not None and entry.deputy_id not in persons:
            problems.append(Problem("attendance", "Eine vertretende Person fehlt im Verzeichnis."))
        if entry.status is Attendance.VERTRETEN and entry.deputy_id is None:
            problems.append(Problem("attendance", "Bei „vertreten“ fehlt, wer vertreten hat."))
    for item in meeting.agenda:
        if item.responsible_person_id is not None and item.responsible_person_id not in persons:
            # a file's TOP naming a person that is not there (the import checked only the tasks)
            problems.append(Problem("agenda", f"TOP {item.number}: Die Person bei „Zuständig“ fehlt im Verzeichnis."))
        for task in item.tasks:
            if not task.what.strip():
                problems.append(Problem("tasks", f"TOP {item.number}: Eine Aufgabe braucht eine Beschreibung."))
            if task.person_id is not None and task.person_id not in persons:
                problems.append(
                    Problem("tasks", f"TOP {item.number}: Die Person der Aufgabe „{task.what}“ fehlt im Verzeichnis.")
                )
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


def status_warning(meeting: Meeting, today: date) -> str | None:
    """A German warning for "durchgeführt" on a day still to come: likely the wrong meeting or
    a typo in the date. A warning, not a rule: an import or a later correction may need it."""
    if meeting.status is not MeetingStatus.DURCHGEFUEHRT or meeting.date is None or meeting.date <= today:
        return None
    return (
        f"Die Sitzung am {format_date(meeting.date)} liegt in der Zukunft (heute ist der "
        f"{format_date(today)}), ist aber als „durchgeführt“ eingetragen."
    )


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
