"""Lists across the whole snapshot: open tasks of every meeting, the next meetings (``termine``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from herford_tui.domain.labels import MEETING_STATUS, format_date
from herford_tui.domain.meetings import time_range
from herford_tui.domain.models import AgendaItem, Meeting, MeetingStatus, Task
from herford_tui.domain.snapshot import Snapshot


# -- open tasks ------------------------------------------------------------------------------
@dataclass(frozen=True)
class OpenTask:
    meeting: Meeting
    item: AgendaItem
    task: Task
    overdue: bool


def open_tasks(
    snapshot: Snapshot, today: date, committee_id: int | None = None, *, person_id: int | None = None
) -> list[OpenTask]:
    """Tasks not done from every meeting (or one committee's; or those of one person: the person
    screen), earliest due first; overdue marked. Reads every meeting: at x10 (20,000) some 60 ms,
    and the meetings may still be pending decode after the start, so a screen asks in a worker."""
    found = []
    for meeting in snapshot.meetings.values():
        if committee_id is not None and meeting.committee_id != committee_id:
            continue
        for item in meeting.agenda:
            for task in item.tasks:
                if not task.done and (person_id is None or task.person_id == person_id):
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


def still_planned(snapshot: Snapshot, committee_id: int, today: date) -> list[Meeting]:
    """The committee's meetings from ``today`` on that are not cancelled, the next first (what
    archiving it leaves standing in the calendar, ``termine`` and the year overview)."""
    return [
        m
        for m in snapshot.meetings_of(committee_id)
        if m.date is not None and m.date >= today and m.status is not MeetingStatus.ABGESAGT
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
