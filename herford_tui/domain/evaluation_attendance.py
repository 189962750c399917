"""Who attended a meeting as whom: each voting seat holder of the day, present in person, through a
deputy, excused or absent; the attendance rates built on it (per committee, per organisation)."""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from herford_tui.domain.models import Attendance, Meeting, MeetingStatus, Membership, Role
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


def seat_presence(snapshot: Snapshot, meeting: Meeting, advisory: frozenset[str] | None = None) -> list[SeatPresence]:
    """Every voting seat holder on the meeting's day and how the seat was filled.

    A deputy recorded present for an absent member fills the member's seat, whether the record
    says „vertreten“ or lists the deputy on their own line. ``advisory``: the committee's advisory
    seat keys, when the caller has them already.
    """
    if advisory is None:
        advisory = advisory_seats(snapshot, meeting.committee_id)
    return [SeatPresence(*line) for line in _fill(snapshot, meeting, advisory)]


_NO_SEAT = frozenset({Role.STELLVERTRETUNG, Role.GAST})
"""``Role.takes_seat`` as a set: the evaluation asks it half a million times at x10."""


Roster = tuple[list[Membership], dict[int, list[Membership]]]
"""A committee's voting seat memberships (all time) and its deputy memberships by the member they
stand for: built once per committee, filtered by each meeting's day."""


def roster(snapshot: Snapshot, committee_id: int, advisory: frozenset[str]) -> Roster:
    holders: list[Membership] = []
    deputies: dict[int, list[Membership]] = {}
    for m in snapshot.memberships_of(committee_id):
        if m.deputy_of is not None:
            deputies.setdefault(m.deputy_of, []).append(m)
        if m.role not in _NO_SEAT and m.seat_key not in advisory:
            holders.append(m)
    return holders, deputies


def _fill(
    snapshot: Snapshot, meeting: Meeting, advisory: frozenset[str], seats: Roster | None = None
) -> list[tuple[Membership, Presence, int | None]]:
    """``seat_presence`` as plain tuples (the rates over thousands of meetings build no objects)."""
    day = meeting.date
    if day is None:
        return []
    holders, deputies = seats if seats is not None else roster(snapshot, meeting.committee_id, advisory)
    # Inlined ``Membership.is_active``: this runs a million times at x10.
    active = [m for m in holders if (m.start is None or m.start <= day) and (m.end is None or m.end >= day)]
    recorded = {entry.person_id: entry.status for entry in meeting.attendance}
    used: set[int] = set()
    seen: set[int] = set()
    found: list[tuple[Membership, Presence, int | None]] = []
    for m in active:
        person = m.person_id
        if person in seen:
            continue
        seen.add(person)
        status = recorded.get(person)
        if status is Attendance.ANWESEND:
            found.append((m, Presence.SELBST, None))
            continue
        if status is Attendance.VERTRETEN:
            deputy = next((e.deputy_id for e in meeting.attendance if e.person_id == person), None)
            found.append((m, Presence.VERTRETEN, deputy))
            continue
        stand_in = None
        for d in deputies.get(m.id, ()):
            if (
                (d.start is None or d.start <= day)
                and (d.end is None or d.end >= day)
                and d.person_id not in used
                and recorded.get(d.person_id) is Attendance.ANWESEND
            ):
                stand_in = d.person_id
                break
        if stand_in is not None:
            used.add(stand_in)
            found.append((m, Presence.VERTRETEN, stand_in))
        elif status is None:
            found.append((m, Presence.OFFEN, None))
        elif status is Attendance.ENTSCHULDIGT:
            found.append((m, Presence.ENTSCHULDIGT, None))
        else:
            found.append((m, Presence.FEHLT, None))
    return found


def advisory_seats(snapshot: Snapshot, committee_id: int) -> frozenset[str]:
    committee = snapshot.committees.get(committee_id)
    return frozenset(seat.key for seat in committee.seats if seat.advisory) if committee else frozenset()


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


Rates = tuple[dict[tuple[int, int], Rate], dict[int, Rate]]
"""(committee id, year) → rate, and organisation id → rate of its seats in the last year."""


def attendance_rates(snapshot: Snapshot, first_year: int, last_year: int, today: date) -> Rates:
    """(committee id, year) → rate over ``first_year``…``last_year``, and organisation id → rate of its
    seats in ``last_year``; over the held meetings with a recorded attendance, in one pass."""
    rates: Rates = (defaultdict(Rate), defaultdict(Rate))
    advisory: dict[int, frozenset[str]] = {}
    for meeting in snapshot.meetings.values():
        if meeting.committee_id not in advisory:
            advisory[meeting.committee_id] = advisory_seats(snapshot, meeting.committee_id)
        add_meeting(snapshot, meeting, first_year, last_year, today, advisory[meeting.committee_id], rates)
    return dict(rates[0]), dict(rates[1])


def add_meeting(
    snapshot: Snapshot,
    meeting: Meeting,
    first_year: int,
    last_year: int,
    today: date,
    advisory: frozenset[str],
    rates: Rates,
    seats: Roster | None = None,
) -> None:
    """Count one meeting into ``rates`` (dicts that create missing entries) if it is in the years,
    was held and has a recorded attendance."""
    if meeting.date is None or not first_year <= meeting.date.year <= last_year:
        return
    if not held(meeting, today) or not _recorded(meeting):
        return
    lines = _fill(snapshot, meeting, advisory, seats)
    rate = rates[0][(meeting.committee_id, meeting.date.year)]
    rate.expected += len(lines)
    for _, presence, _ in lines:
        if presence is Presence.SELBST:
            rate.present += 1
        elif presence is Presence.VERTRETEN:
            rate.stood_in += 1
    if meeting.date.year == last_year:
        for membership, presence, _ in lines:
            if (org := organisation_of(snapshot, membership)) is not None:
                rates[1][org].add(presence)


def committee_rates(snapshot: Snapshot, first_year: int, last_year: int, today: date) -> dict[tuple[int, int], Rate]:
    return attendance_rates(snapshot, first_year, last_year, today)[0]


def organisation_of(snapshot: Snapshot, membership: Membership) -> int | None:
    """The organisation a seat stands for: the one represented, else the holder's own."""
    if membership.represents_id is not None:
        return membership.represents_id
    person = snapshot.persons.get(membership.person_id)
    return person.organisation_id if person else None


def organisation_rates(snapshot: Snapshot, year: int, today: date) -> dict[int, Rate]:
    """Organisation id → rate of its seats at the held meetings of ``year``."""
    return attendance_rates(snapshot, year, year, today)[1]
