"""A meeting from what the meeting form holds: dates and times as typed, guests as one line.

What comes back is the meeting to save or the problems in German under their fields (a
date that does not exist, an end before the start, a second meeting of the committee at an
overlapping time). The holiday warning is asked separately (``meetings.holiday_warning``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from herford_tui.domain.labels import parse_date, parse_time
from herford_tui.domain.models import AgendaItem, Meeting, MeetingStatus
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import single_line
from herford_tui.domain.validation import Problem


@dataclasses.dataclass(frozen=True)
class MeetingInput:
    original: Meeting | None
    committee_id: int = 0
    date: str = ""
    start_time: str = ""
    end_time: str = ""
    invitation_sent: str = ""
    location: str = ""
    room: str = ""
    status: MeetingStatus = MeetingStatus.GEPLANT
    guests: str = ""
    """Names separated by commas."""
    notes: str = ""
    agenda: str = ""
    """One item per line (only for a new meeting; later each item has its own form)."""
    days_from: dt.date | None = None
    """The meeting's date typed without its year ("15.12.") is the next such day from this one on
    (``labels.parse_date``, as a task's due date and the CLI's meeting lookup; the form gives
    ``days_from(today, year)``); None: the date needs its year."""


def days_from(today: dt.date, year: int | None = None) -> dt.date:
    """Where a meeting's day typed without its year counts from: today, or the first day of the
    year the form was opened for (the year overview's) when that lies later, so "15.3." typed
    while planning next year is next year's."""
    return max(today, dt.date(year, 1, 1)) if year else today


def build_meeting(snapshot: Snapshot, values: MeetingInput) -> Meeting | list[Problem]:
    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    parsers: tuple[tuple[str, Callable[[str], Any]], ...] = (
        ("date", lambda text: parse_date(text, coming_from=values.days_from)),  # as a task's due date
        ("start_time", parse_time),
        ("end_time", parse_time),
        ("invitation_sent", parse_date),  # a day in the past: needs its year
    )
    for name, parse in parsers:
        text = str(getattr(values, name)).strip()
        try:
            parsed[name] = parse(text) if text else None
        except ValueError as exc:
            problems.append(Problem(name, str(exc)))
            parsed[name] = None
    changes: dict[str, Any] = dict(
        committee_id=values.committee_id,
        location=single_line(values.location.strip())[0],
        room=single_line(values.room.strip())[0],
        status=values.status,
        guests=[g.strip() for g in values.guests.split(",") if g.strip()],
        notes=values.notes.strip(),
        **parsed,
    )
    if values.original is None:
        lines = [line.strip() for line in values.agenda.splitlines() if line.strip()]
        changes["agenda"] = [AgendaItem(number=str(i), title=title) for i, title in enumerate(lines, start=1)]
    meeting = dataclasses.replace(values.original or Meeting(), **changes)
    checked = snapshot.check(meeting)
    problems += [p for p in checked if not any(q.field == p.field for q in problems)]
    return problems or meeting
