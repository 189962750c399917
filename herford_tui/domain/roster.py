"""A committee's composition as lines to show: seats, their holders, deputies, open places."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from herford_tui.domain.models import Membership, Role, Seat
from herford_tui.domain.snapshot import Snapshot


@dataclass(frozen=True)
class RosterLine:
    seat: Seat | None
    membership: Membership | None
    """None for an open place ("unbesetzt")."""
    deputy: bool = False
    ended: bool = False


def roster_lines(snapshot: Snapshot, committee_id: int, today: date, *, history: bool = False) -> list[RosterLine]:
    """Every seat with its holders (deputies right after their member), open places, then guests.

    With ``history`` the ended memberships follow at the end.
    """
    committee = snapshot.committees[committee_id]
    active = snapshot.memberships_of(committee_id, today)
    lines: list[RosterLine] = []
    placed: set[int] = set()
    for seat in committee.seats:
        holders = sorted(
            (m for m in active if m.seat_key == seat.key and m.role.takes_seat),
            key=lambda m: (m.role is not Role.VORSITZ, _name(snapshot, m)),
        )
        for holder in holders:
            lines.append(RosterLine(seat, holder))
            placed.add(holder.id)
            for deputy in sorted(snapshot.deputies_of(holder.id, today), key=lambda m: _name(snapshot, m)):
                lines.append(RosterLine(seat, deputy, deputy=True))
                placed.add(deputy.id)
        open_places = (seat.count - len(holders)) if seat.count is not None else (0 if holders else 1)
        lines.extend(RosterLine(seat, None) for _ in range(max(open_places, 0)))
    for m in sorted(active, key=lambda m: _name(snapshot, m)):
        if m.id not in placed:
            lines.append(RosterLine(committee.seat(m.seat_key), m, deputy=m.role is Role.STELLVERTRETUNG))
    if history:
        ended = [m for m in snapshot.memberships_of(committee_id) if m.end is not None and m.end < today]
        for m in sorted(ended, key=lambda m: m.end or date.min, reverse=True):
            lines.append(RosterLine(committee.seat(m.seat_key), m, ended=True))
    return lines


def _name(snapshot: Snapshot, m: Membership) -> str:
    person = snapshot.persons.get(m.person_id)
    return person.sort_name.casefold() if person else ""
