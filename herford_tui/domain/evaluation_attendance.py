"""Who attended a meeting as whom: each voting seat holder of the day, present in person, through a
deputy, excused or absent; the attendance rates built on it (per committee, per organisation)."""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from herford_tui.domain.models import Attendance, Meeting, Membership, Person, Role
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.tally import took_place


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
    return took_place(meeting.status, meeting.date, today)


def seat_presence(snapshot: Snapshot, meeting: Meeting, advisory: frozenset[str] | None = None) -> list[SeatPresence]:
    """Every voting seat holder on the meeting's day and how the seat was filled.

    A deputy recorded present for an absent member fills the member's seat, whether the record
    says „vertreten“ or lists the deputy on their own line. ``advisory``: the committee's advisory
    seat keys, when the caller has them already.
    """
    if advisory is None:
        advisory = advisory_seats(snapshot, meeting.committee_id)
    return [SeatPresence(*line) for line in _fill(snapshot, meeting, advisory)]


NO_SEAT = frozenset({Role.STELLVERTRETUNG, Role.GAST})
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
        if m.role not in NO_SEAT and m.seat_key not in advisory:
            holders.append(m)
    return holders, deputies


def _fill(
    snapshot: Snapshot, meeting: Meeting, advisory: frozenset[str]
) -> list[tuple[Membership, Presence, int | None]]:
    """``seat_presence`` as plain tuples. The rates count the same without building the lines
    (``SeatHolders``, ``add_meeting``); a test holds the two together."""
    day = meeting.date
    if day is None:
        return []
    holders, deputies = roster(snapshot, meeting.committee_id, advisory)
    active = [m for m in holders if m.is_active(day)]
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
            if d.is_active(day) and d.person_id not in used and recorded.get(d.person_id) is Attendance.ANWESEND:
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
    seats: dict[int, SeatHolders] = {}
    for meeting in snapshot.meetings.values():
        periods = seats.get(meeting.committee_id)
        if periods is None:
            periods = seats[meeting.committee_id] = SeatHolders(snapshot, meeting.committee_id)
        add_meeting(meeting, first_year, last_year, today, periods, rates)
    return dict(rates[0]), dict(rates[1])


Span = tuple[date, date, int]
"""A membership as the rates need it: first day, last day (``date.min``/``date.max`` when open), person."""
Holder = tuple[date, date, int, tuple[Span, ...], int | None]
"""A voting seat membership: its span, its deputies' spans (in the roster's order), the
organisation the seat stands for."""


class SeatHolders:
    """A committee's voting seat memberships as plain tuples, in the roster's order: what
    ``seat_presence`` asks of them, read once per committee instead of once per meeting (at x10 the
    rates go through half a million seat lines). ``within``: only the memberships that touch these
    days (first, last), the years an evaluation counts."""

    def __init__(
        self,
        snapshot: Snapshot,
        committee_id: int,
        advisory: frozenset[str] | None = None,
        within: tuple[date, date] = (date.min, date.max),
    ):
        if advisory is None:
            advisory = advisory_seats(snapshot, committee_id)
        holders, deputies = roster(snapshot, committee_id, advisory)
        persons = snapshot.persons  # once, not per holder (a descriptor: pending tables)
        first, last = within
        counted: list[Counted] = []
        for m in holders:
            start, end = m.start or date.min, m.end or date.max  # span(), without a call per holder
            if start <= last and end >= first:
                counted.append((m, start, end, _organisation(persons, m)))
        self.holders = _holders(counted, deputies, within)
        self.once = _one_membership_a_day(self.holders)
        """No person holds two voting memberships on one day: no line to leave out."""

    @classmethod
    def read(
        cls, counted: list[Counted], deputies: dict[int, list[Membership]], within: tuple[date, date]
    ) -> SeatHolders:
        """``SeatHolders`` of the voting seat memberships on the days ``within``, read already with
        their spans and organisations (``evaluation._read_seats``, in its one pass over the
        committee's memberships; ``test_evaluation_counts`` holds it to the plain ones), and the
        committee's deputies by the membership they stand for."""
        seats = cls.__new__(cls)
        seats.holders = _holders(counted, deputies, within)
        seats.once = _one_membership_a_day(seats.holders)
        return seats

    def lines(self, day: date) -> list[Line]:
        """One line per person holding a voting seat on ``day`` (their first membership in the
        roster's order): the organisation it stands for, the deputies' spans, the person."""
        if self.once:
            return [(h[4], h[3], h[2]) for h in self.holders if h[0] <= day <= h[1]]
        seen: set[int] = set()
        found: list[Line] = []
        for start, end, person, deputies, organisation in self.holders:
            if start <= day <= end and person not in seen:
                seen.add(person)
                found.append((organisation, deputies, person))
        return found


Line = tuple[int | None, tuple["Span", ...], int]
Counted = tuple[Membership, date, date, int | None]
"""A voting seat membership on a counted day: itself, its first and last day (``Span``), the
organisation the seat stands for."""


def _holders(counted: list[Counted], deputies: dict[int, list[Membership]], within: tuple[date, date]) -> list[Holder]:
    first, last = within
    found: list[Holder] = []
    for m, start, end, organisation in counted:
        mine = deputies.get(m.id)
        spans = tuple(s for d in mine if (s := span(d))[0] <= last and s[1] >= first) if mine else ()
        found.append((start, end, m.person_id, spans, organisation))
    return found


def _one_membership_a_day(holders: list[Holder]) -> bool:
    if len({holder[2] for holder in holders}) == len(holders):  # one membership a person (the most)
        return True
    spans: dict[int, list[tuple[date, date]]] = {}
    for start, end, person, _, _ in holders:
        mine = spans.setdefault(person, [])
        if any(start <= other_end and other_start <= end for other_start, other_end in mine):
            return False
        mine.append((start, end))
    return True


def span(m: Membership) -> Span:
    """A membership's ``Span``."""
    return (m.start or date.min, m.end or date.max, m.person_id)


def add_meeting(
    meeting: Meeting, first_year: int, last_year: int, today: date, seats: SeatHolders, rates: Rates
) -> None:
    """Count one meeting into ``rates`` (dicts that create missing entries) if it is in the years,
    was held and has a recorded attendance: the counts of ``seat_presence`` without its lines.
    A holder recorded present counts in person; one recorded „vertreten“, or with a deputy of the
    day recorded present (each deputy fills one seat), as stood in; everyone else as expected."""
    day = meeting.date
    if day is None or not first_year <= day.year <= last_year:
        return
    if not held(meeting, today) or not _recorded(meeting):
        return
    recorded = {entry.person_id: entry.status for entry in meeting.attendance}
    lines = seats.lines(day)
    used: set[int] = set()
    present = stood_in = 0
    # Each organisation's rate counted in the same pass (x10: 100,000 seat lines in a year).
    organisations = rates[1] if day.year == last_year else None
    for organisation, deputies, person in lines:
        status = recorded.get(person)
        seat = organisations[organisation] if organisations is not None and organisation is not None else None
        if seat is not None:
            seat.expected += 1
        if status is Attendance.ANWESEND:
            present += 1
            if seat is not None:
                seat.present += 1
        elif status is Attendance.VERTRETEN or (deputies and _stand_in(deputies, day, used, recorded)):
            stood_in += 1
            if seat is not None:
                seat.stood_in += 1
        # else: excused, absent or nothing recorded: the rates count all three alike
    rate = rates[0][(meeting.committee_id, day.year)]
    rate.expected += len(lines)
    rate.present += present
    rate.stood_in += stood_in


def _stand_in(deputies: tuple[Span, ...], day: date, used: set[int], recorded: dict[int, Attendance]) -> bool:
    """A deputy of the day recorded present and not yet counted for another seat: taken (``used``)."""
    for start, end, deputy in deputies:
        if start <= day <= end and deputy not in used and recorded.get(deputy) is Attendance.ANWESEND:
            used.add(deputy)
            return True
    return False


def committee_rates(snapshot: Snapshot, first_year: int, last_year: int, today: date) -> dict[tuple[int, int], Rate]:
    return attendance_rates(snapshot, first_year, last_year, today)[0]


def organisation_of(snapshot: Snapshot, membership: Membership) -> int | None:
    """The organisation a seat stands for: the one represented, else the holder's own."""
    return _organisation(snapshot.persons, membership)


def _organisation(persons: dict[int, Person], membership: Membership) -> int | None:
    if membership.represents_id is not None:
        return membership.represents_id
    person = persons.get(membership.person_id)
    return person.organisation_id if person else None


def organisation_rates(snapshot: Snapshot, year: int, today: date) -> dict[int, Rate]:
    """Organisation id → rate of its seats at the held meetings of ``year``."""
    return attendance_rates(snapshot, year, year, today)[1]
