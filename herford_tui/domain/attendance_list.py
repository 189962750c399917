"""The attendance list of one meeting: who was there, as whom, who was excused, who stood in.

One pure function for every form of the list: the CSV/XLSX export (``exchange/attendance_export``)
and the printable signature list (documents) show the same rows in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from herford_tui.domain.attendance import AttendanceLine, attendance_lines
from herford_tui.domain.directory import person_named
from herford_tui.domain.labels import ATTENDANCE, ROLE
from herford_tui.domain.models import Attendance, Meeting, Role
from herford_tui.domain.snapshot import Snapshot


@dataclass(frozen=True)
class AttendanceRow:
    person_id: int | None
    """``None`` for a guest named only by text on the meeting."""
    name: str
    organisation: str
    """The organisation represented on the committee, else the person's own."""
    seat: str
    role: str
    """German label: Vorsitz, Mitglied, Stellvertretung, Gast …"""
    voting: bool
    status: str
    """German label as recorded (anwesend, entschuldigt, abwesend, vertreten); "" while nothing is."""
    present: bool
    excused: bool
    represented_by: str = ""
    """For a member who was represented: the deputy's name (a namesake's with organisation and number)."""
    stands_in_for: str = ""
    """For a deputy who stood in: the member's name (a namesake's with organisation and number:
    „für Thomas Müller“ did not say which of two)."""


def attendance_list(snapshot: Snapshot, meeting: Meeting) -> list[AttendanceRow]:
    """Every expected person (as ``attendance_lines`` orders them); a deputy who stood in follows
    the member they represented; guests named on the meeting come last."""
    rows: list[AttendanceRow] = []
    for line in attendance_lines(snapshot, meeting):
        member = _name(snapshot, line.person_id)
        deputy = person_named(snapshot, line.deputy_id)
        stood_in = line.status is Attendance.VERTRETEN and line.deputy_id is not None
        rows.append(
            AttendanceRow(
                person_id=line.person_id,
                name=member,
                organisation=_organisation(snapshot, meeting, line.person_id),
                seat=line.seat_label,
                role=ROLE[line.role] if line.role else "",
                voting=line.voting,
                status=ATTENDANCE[line.status] if line.status else "",
                present=line.status is Attendance.ANWESEND,
                excused=line.status in (Attendance.ENTSCHULDIGT, Attendance.VERTRETEN),
                represented_by=deputy if stood_in else "",
            )
        )
        if stood_in and line.deputy_id is not None:
            rows.append(_deputy_row(snapshot, meeting, line, person_named(snapshot, line.person_id)))
    for guest in meeting.guests:
        if guest.strip():
            rows.append(AttendanceRow(None, guest.strip(), "", "", ROLE[Role.GAST], False, "", False, False))
    return rows


def _deputy_row(snapshot: Snapshot, meeting: Meeting, line: AttendanceLine, member: str) -> AttendanceRow:
    assert line.deputy_id is not None
    return AttendanceRow(
        person_id=line.deputy_id,
        name=_name(snapshot, line.deputy_id),
        organisation=_organisation(snapshot, meeting, line.deputy_id),
        seat=line.seat_label,
        role=ROLE[Role.STELLVERTRETUNG],
        voting=line.voting,  # the deputy votes in the member's place
        status=ATTENDANCE[Attendance.ANWESEND],
        present=True,
        excused=False,
        stands_in_for=member,
    )


def present_count(rows: list[AttendanceRow]) -> int:
    """Persons in the room: members present in person and deputies who stood in (the TUI's count)."""
    return sum(1 for row in rows if row.present)


def _name(snapshot: Snapshot, person_id: int | None) -> str:
    return "" if person_id is None else snapshot.person_name(person_id)


def _organisation(snapshot: Snapshot, meeting: Meeting, person_id: int) -> str:
    for m in snapshot.memberships_of_person(person_id, meeting.date):
        if m.committee_id == meeting.committee_id and m.represents_id in snapshot.organisations:
            return snapshot.organisations[m.represents_id].name
    person = snapshot.persons.get(person_id)
    org = snapshot.organisations.get(person.organisation_id) if person and person.organisation_id else None
    return org.name if org else ""
