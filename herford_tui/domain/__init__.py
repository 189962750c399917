"""The domain layer: plain records and rules. Never imports Textual or TinyDB."""

from herford_tui.domain.models import (
    KREISWEIT,
    MUNICIPALITIES,
    AgendaItem,
    Attendance,
    Committee,
    CommitteeKind,
    Meeting,
    MeetingAttendance,
    MeetingStatus,
    Membership,
    Organisation,
    OrgType,
    Person,
    Record,
    Role,
    Seat,
)
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.validation import Problem, ValidationError, validate

__all__ = [
    "KREISWEIT",
    "MUNICIPALITIES",
    "AgendaItem",
    "Attendance",
    "Committee",
    "CommitteeKind",
    "Meeting",
    "MeetingAttendance",
    "MeetingStatus",
    "Membership",
    "OrgType",
    "Organisation",
    "Person",
    "Problem",
    "Record",
    "Role",
    "Seat",
    "Snapshot",
    "ValidationError",
    "validate",
]
