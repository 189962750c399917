"""Attendance at a meeting: the roster as it stood on the meeting's date, and the quorum."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from herford_tui.domain.directory import person_sort_key
from herford_tui.domain.models import Attendance, Meeting, MeetingAttendance, Membership, Role
from herford_tui.domain.snapshot import Snapshot


@dataclass(frozen=True)
class AttendanceLine:
    person_id: int
    seat_label: str
    role: Role | None
    voting: bool
    """Holds a seat (not advisory, not a guest): counts toward „n von m“ and the quorum."""
    deputies: tuple[int, ...] = ()
    """Person ids of this member's deputies on the day, who may stand in."""
    status: Attendance | None = None
    """As recorded; ``None`` while nothing is recorded."""
    deputy_id: int | None = None
    listed_by_record: bool = False
    """Not on the roster that day, kept because the attendance record names them."""


def attendance_lines(snapshot: Snapshot, meeting: Meeting) -> list[AttendanceLine]:
    """Everyone expected on the meeting's date: seat holders (voting first), then advisory
    holders and guests; a person the record names who is not on that roster follows at the end
    (nothing recorded is hidden)."""
    day = meeting.date or date.today()
    committee = snapshot.committees.get(meeting.committee_id)
    recorded = {entry.person_id: entry for entry in meeting.attendance}
    active = snapshot.memberships_of(meeting.committee_id, day)
    lines: list[AttendanceLine] = []
    seen: set[int] = set()

    def name(m: Membership) -> tuple[str, str, int]:
        person = snapshot.persons.get(m.person_id)
        return person_sort_key(person) if person else ("", "", m.person_id)

    holders = [m for m in active if m.role is not Role.STELLVERTRETUNG]
    for m in sorted(holders, key=lambda m: (not _voting(snapshot, m), m.role is not Role.VORSITZ, name(m))):
        if m.person_id in seen:
            continue
        seen.add(m.person_id)
        seat = committee.seat(m.seat_key) if committee else None
        deputies = tuple(d.person_id for d in active if d.deputy_of == m.id)
        entry = recorded.get(m.person_id)
        lines.append(
            AttendanceLine(
                person_id=m.person_id,
                seat_label=seat.label if seat else m.seat_key,
                role=m.role,
                voting=_voting(snapshot, m),
                deputies=deputies,
                status=entry.status if entry else None,
                deputy_id=entry.deputy_id if entry else None,
            )
        )
    stood_in = {entry.deputy_id for entry in meeting.attendance if entry.deputy_id is not None}
    for entry in meeting.attendance:
        if entry.person_id not in seen and entry.person_id not in stood_in:
            seen.add(entry.person_id)
            lines.append(
                AttendanceLine(
                    entry.person_id, "", None, False, status=entry.status, deputy_id=entry.deputy_id,
                    listed_by_record=True,
                )
            )  # fmt: skip
    return lines


def stand_ins(meeting: Meeting, line: AttendanceLine, lines: list[AttendanceLine]) -> list[int]:
    """Who may stand in for ``line``'s member: their deputies on the day, else anyone on the
    list (members and their deputies); never the member, nor someone who attends in their own
    right or already stands in for another member (``unavailable``)."""
    free = [pid for pid in line.deputies if unavailable(meeting, pid, line.person_id) is None]
    if free:
        return free
    everyone = dict.fromkeys(pid for other in lines for pid in (other.person_id, *other.deputies))
    return [pid for pid in everyone if pid != line.person_id and unavailable(meeting, pid, line.person_id) is None]


def unavailable(meeting: Meeting, person_id: int, member_id: int) -> str | None:
    """Why ``person_id`` cannot stand in for ``member_id`` at ``meeting`` (German), or None."""
    for entry in meeting.attendance:
        if entry.person_id == person_id and entry.status is Attendance.ANWESEND:
            return "ist selbst anwesend"
        if entry.deputy_id == person_id and entry.person_id != member_id and entry.status is Attendance.VERTRETEN:
            return "vertritt schon ein anderes Mitglied"
    return None


def _voting(snapshot: Snapshot, m: Membership) -> bool:
    committee = snapshot.committees.get(m.committee_id)
    seat = committee.seat(m.seat_key) if committee else None
    return m.role.takes_seat and not (seat is not None and seat.advisory)


def set_attendance(
    meeting: Meeting, person_id: int, status: Attendance | None, deputy_id: int | None = None
) -> Meeting:
    """A copy of ``meeting`` with one person's attendance recorded (``None`` removes it)."""
    entries = [e for e in meeting.attendance if e.person_id != person_id]
    if status is not None:
        keep_deputy = deputy_id if status is Attendance.VERTRETEN else None
        entries.append(MeetingAttendance(person_id, status, keep_deputy))
    return dataclasses.replace(meeting, attendance=entries)


@dataclass(frozen=True)
class Quorum:
    present: int
    total: int
    needed: int | None

    @property
    def reached(self) -> bool | None:
        return None if self.needed is None else self.present >= self.needed

    @property
    def text(self) -> str:
        """„9 von 12 anwesend, beschlussfähig (ab 7)“."""
        text = f"{self.present} von {self.total} anwesend"
        if self.needed is None:
            return f"{text} (keine Regel zur Beschlussfähigkeit)"
        verdict = "beschlussfähig" if self.reached else "nicht beschlussfähig"
        return f"{text}, {verdict} (ab {self.needed})"


def quorum(snapshot: Snapshot, meeting: Meeting, lines: list[AttendanceLine] | None = None) -> Quorum:
    """Voting seats present in person or through a deputy, against the committee's quorum."""
    lines = attendance_lines(snapshot, meeting) if lines is None else lines
    voting = [line for line in lines if line.voting]
    present = sum(1 for line in voting if line.status in (Attendance.ANWESEND, Attendance.VERTRETEN))
    committee = snapshot.committees.get(meeting.committee_id)
    return Quorum(present, len(voting), committee.quorum if committee else None)
