"""Where a meeting names a person: the attendance list, standing in, agenda responsibility, tasks.

One walk for the two rules that ask it: what still points at a person (``deletion.referring``,
which the store refuses a delete on) and what the DSGVO Auskunft lists (``dsgvo``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from herford_tui.domain.models import AgendaItem, Meeting, MeetingAttendance, Task


class Mention(enum.Enum):
    ATTENDANCE = "attendance"
    STAND_IN = "stand_in"
    RESPONSIBLE = "responsible"
    TASK = "task"


@dataclass(frozen=True)
class Named:
    """One place in ``meeting`` that names the person."""

    how: Mention
    meeting: Meeting
    entry: MeetingAttendance | None = None
    """For ATTENDANCE (the person's own line) and STAND_IN (the line of the one stood in for)."""
    item: AgendaItem | None = None
    """For RESPONSIBLE and TASK."""
    task: Task | None = None


def named_in(meeting: Meeting, person_id: int) -> list[Named]:
    """Every place in ``meeting`` that names ``person_id``, in the meeting's order."""
    found: list[Named] = []
    for entry in meeting.attendance:
        if entry.person_id == person_id:
            found.append(Named(Mention.ATTENDANCE, meeting, entry=entry))
        if entry.deputy_id == person_id:
            found.append(Named(Mention.STAND_IN, meeting, entry=entry))
    for item in meeting.agenda:
        if item.responsible_person_id == person_id:
            found.append(Named(Mention.RESPONSIBLE, meeting, item=item))
        for task in item.tasks:
            if task.person_id == person_id:
                found.append(Named(Mention.TASK, meeting, item=item, task=task))
    return found
