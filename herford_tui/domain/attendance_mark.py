"""One attendance key as an operation on one person's entry, not a new version of the meeting.

Two colleagues marking people of the same meeting at the same time both land: each mark is
applied to the meeting as stored when it is written (``Store.save_change``). Only a colleague's
change to the same person's entry since this user saw it is a clash; it is refused, never
overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from herford_tui.domain.attendance import set_attendance, unavailable
from herford_tui.domain.merge import Clash
from herford_tui.domain.models import Attendance, Meeting, MeetingAttendance


def entry_of(meeting: Meeting, person_id: int) -> MeetingAttendance | None:
    """The person's recorded attendance at ``meeting`` (None: nothing recorded)."""
    return next((e for e in meeting.attendance if e.person_id == person_id), None)


class MarkClash(Clash):
    """A colleague changed the same person's entry (or took the chosen stand-in) meanwhile."""

    def __init__(self, person_id: int, theirs: MeetingAttendance | None, deputy_reason: str | None = None):
        self.person_id = person_id
        self.theirs = theirs
        """The person's entry as stored now."""
        self.deputy_reason = deputy_reason
        """Why the chosen stand-in cannot stand in now („ist selbst anwesend“), else None."""
        super().__init__("Die Anwesenheit wurde inzwischen von jemand anderem geändert; nichts wurde überschrieben.")


@dataclass(frozen=True)
class Mark:
    """Set one person's attendance: ``status`` (None: nothing recorded), with the stand-in."""

    person_id: int
    status: Attendance | None
    deputy_id: int | None = None
    seen: MeetingAttendance | None = None
    """The person's entry as this user saw it when pressing the key."""

    @property
    def entry(self) -> MeetingAttendance | None:
        """The entry this mark records."""
        if self.status is None:
            return None
        deputy = self.deputy_id if self.status is Attendance.VERTRETEN else None
        return MeetingAttendance(self.person_id, self.status, deputy)

    def onto(self, meeting: Meeting) -> Meeting:
        """``meeting`` (the newest version) with this mark applied; the other entries stay as
        they are there. ``MarkClash`` when the person's entry there is neither what this user
        saw nor what the mark sets, or when the stand-in is no longer free."""
        now = entry_of(meeting, self.person_id)
        wanted = self.entry
        if now == wanted:
            return meeting  # a colleague recorded the same: nothing to write, nothing lost
        if now != self.seen:
            raise MarkClash(self.person_id, now)
        if wanted is not None and wanted.deputy_id is not None:
            reason = unavailable(meeting, wanted.deputy_id, self.person_id)
            if reason is not None:
                raise MarkClash(self.person_id, now, reason)
        return set_attendance(meeting, self.person_id, self.status, self.deputy_id)
