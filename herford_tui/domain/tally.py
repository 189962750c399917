"""What the evaluation counts of every meeting, without its attendance (``Snapshot.meeting_tallies``).

The Auswertung counts decisions per year and open tasks per committee over all meetings, but
reads attendance only of the year it shows. Right after the start the meetings are pending
(x10: half a second to decode all 20,000); the store reads these few fields of every record
straight from the file's bytes (the rest skipped in C, a sixth of that), so the tab's first
figures wait only for the year's records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from herford_tui.domain.models import Meeting, MeetingStatus


def took_place(status: MeetingStatus, day: dt.date | None, today: dt.date) -> bool:
    """A meeting took place: marked so, or not cancelled and its day has passed."""
    if status is MeetingStatus.ABGESAGT or day is None:
        return False
    return status is MeetingStatus.DURCHGEFUEHRT or day < today


@dataclass(frozen=True, slots=True)
class MeetingTally:
    """What the Auswertung counts of a meeting, read once from its record."""

    committee_id: int
    date: dt.date | None
    status: MeetingStatus
    decisions: int
    """Decisions recorded, over all agenda items (taken only once the meeting took place)."""
    open_dues: tuple[dt.date | None, ...]
    """The due day of each task not done (None: none set)."""

    @property
    def cancelled(self) -> bool:
        return self.status is MeetingStatus.ABGESAGT

    def took_place(self, today: dt.date) -> bool:
        return took_place(self.status, self.date, today)


def tally(meeting: Meeting) -> MeetingTally:
    return MeetingTally(
        meeting.committee_id,
        meeting.date,
        meeting.status,
        sum(len(item.decisions) for item in meeting.agenda),
        tuple(task.due for item in meeting.agenda for task in item.tasks if not task.done),
    )
