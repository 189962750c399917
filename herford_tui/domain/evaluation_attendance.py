"""Who attended a meeting as whom: each voting seat holder of the day, present in person, through a
deputy, excused or absent; the attendance rates built on it (per committee, per organisation)."""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from herford_tui.domain.models import Attendance, Meeting, MeetingStatus, Membership
from herford_tui.domain.snapshot import Snapshot


class Presence(enum.StrEnum):
    SELBST = "selbst"
    VERTRETEN = "vertreten"
    ENTSCHULDIGT = "entschuldigt"
    FEHLT = "fehlt"
    OFFEN = "offen"
    """Nothing recorded for this seat holder."""


@dataclass(frozen=True)
class SeatPresence:
    membership: Membership
    presence: Presence
    deputy_id: int | None = None
    """The person who stood in (recorded as „vertreten“, or a deputy of this member recorded present)."""


def held(meeting: Meeting, today: date) -> bool:
    """Took place: marked so, or not cancelled and its day has passed."""
    if meeting.status is MeetingStatus.ABGESAGT or meeting.date is None:
        return False
    return meeting.status is MeetingStatus.DURCHGEFUEHRT or meeting.date < today


def seat_presence(snapshot: Snapshot, meeting: Meeting) -> list[SeatPresence]:
    """Every voting seat holder on the meeting's day and how the seat was filled.

    A deputy recorded present for an absent member fills the member's seat, whether the record
    says „vertreten“ or lists the deputy on their own line.
    """
    if meeting.date is None:
        return []
    committee = snapshot.committees.get(meeting.committee_id)
    active = snapshot.memberships_of(meeting.committee_id, meeting.date)
    recorded = {entry.person_id: entry for entry in meeting.attendance}
    deputies: dict[int, list[int]] = defaultdict(list)
    for m in active:
        if m.deputy_of is not None:
            deputies[m.deputy_of].append(m.person_id)
    used: set[int] = set()
    found: list[SeatPresence] = []
    seen: set[int] = set()
    for m in active:
        seat = committee.seat(m.seat_key) if committee else None
        if not m.role.takes_seat or (seat is not None and seat.advisory) or m.person_id in seen:
            continue
        seen.add(m.person_id)
        entry = recorded.get(m.person_id)
        if entry is not None and entry.status is Attendance.ANWESEND:
            found.append(SeatPresence(m, Presence.SELBST))
            continue
        if entry is not None and entry.status is Attendance.VERTRETEN:
            found.append(SeatPresence(m, Presence.VERTRETEN, entry.deputy_id))
            continue
        stand_in = next(
            (
                d
                for d in deputies.get(m.id, ())
                if d not in used and (e := recorded.get(d)) is not None and e.status is Attendance.ANWESEND
            ),
            None,
        )
        if stand_in is not None:
            used.add(stand_in)
            found.append(SeatPresence(m, Presence.VERTRETEN, stand_in))
        elif entry is None:
            found.append(SeatPresence(m, Presence.OFFEN))
        elif entry.status is Attendance.ENTSCHULDIGT:
            found.append(SeatPresence(m, Presence.ENTSCHULDIGT))
        else:
            found.append(SeatPresence(m, Presence.FEHLT))
    return found


@dataclass
class Rate:
    """Seats filled at held meetings: in person, by a deputy, of all seats expected."""

    present: int = 0
    stood_in: int = 0
    expected: int = 0

    @property
    def value(self) -> float | None:
        return None if self.expected == 0 else (self.present + self.stood_in) / self.expected

    def add(self, presence: Presence) -> None:
        self.expected += 1
        if presence is Presence.SELBST:
            self.present += 1
        elif presence is Presence.VERTRETEN:
            self.stood_in += 1


def _recorded(meeting: Meeting) -> bool:
    """Only meetings with a recorded attendance count: an empty record says nothing about who came."""
    return bool(meeting.attendance)


def committee_rates(snapshot: Snapshot, first_year: int, last_year: int, today: date) -> dict[tuple[int, int], Rate]:
    """(committee id, year) → rate, over the held meetings with a recorded attendance."""
    rates: dict[tuple[int, int], Rate] = defaultdict(Rate)
    for meeting in snapshot.meetings.values():
        if meeting.date is None or not first_year <= meeting.date.year <= last_year:
            continue
        if not held(meeting, today) or not _recorded(meeting):
            continue
        rate = rates[(meeting.committee_id, meeting.date.year)]
        for line in seat_presence(snapshot, meeting):
            rate.add(line.presence)
    return dict(rates)


def organisation_of(snapshot: Snapshot, membership: Membership) -> int | None:
    """The organisation a seat stands for: the one represented, else the holder's own."""
    if membership.represents_id is not None:
        return membership.represents_id
    person = snapshot.persons.get(membership.person_id)
    return person.organisation_id if person else None


def organisation_rates(snapshot: Snapshot, year: int, today: date) -> dict[int, Rate]:
    """Organisation id → rate of its seats at the held meetings of ``year``."""
    rates: dict[int, Rate] = defaultdict(Rate)
    for meeting in snapshot.meetings_in_year(year):
        if not held(meeting, today) or not _recorded(meeting):
            continue
        for line in seat_presence(snapshot, meeting):
            org = organisation_of(snapshot, line.membership)
            if org is not None:
                rates[org].add(line.presence)
    return dict(rates)
