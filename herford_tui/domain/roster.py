"""A committee's composition as lines to show: seats, their holders, deputies, open places."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from herford_tui.domain.directory import person_sort_key
from herford_tui.domain.models import Membership, Role, Seat
from herford_tui.domain.snapshot import Snapshot


@dataclass(frozen=True)
class RosterLine:
    """A line of a committee's roster: a seat and who holds it (or nobody)."""

    seat: Seat | None
    membership: Membership | None
    """None for an open place ("unbesetzt")."""
    deputy: bool = False
    ended: bool = False
    upcoming: bool = False
    """Starts after today (e.g. a move to another seat from a later date)."""


def roster_lines(snapshot: Snapshot, committee_id: int, today: date, *, history: bool = False) -> list[RosterLine]:
    """Every seat with its holders (deputies right after their member), open places, then guests.

    Memberships that start later follow their seat's current holders, marked ``upcoming``.
    With ``history`` the ended memberships follow at the end.
    """
    committee = snapshot.committees[committee_id]
    active = snapshot.memberships_of(committee_id, today)
    upcoming = [m for m in snapshot.memberships_of(committee_id) if m.start and m.start > today]
    lines: list[RosterLine] = []
    placed: set[int] = set()

    def add_deputies(seat: Seat, owner: Membership) -> None:
        deputies = [d for d in active + upcoming if d.deputy_of == owner.id and d.id not in placed]
        for deputy in sorted(deputies, key=lambda m: _name(snapshot, m)):
            lines.append(RosterLine(seat, deputy, deputy=True, upcoming=deputy in upcoming))
            placed.add(deputy.id)

    for seat in committee.seats:
        holders = sorted(
            (m for m in active if m.seat_key == seat.key and m.role.takes_seat),
            key=lambda m: (m.role not in (Role.VORSITZ, Role.CO_VORSITZ), _name(snapshot, m)),
        )
        for holder in holders:
            lines.append(RosterLine(seat, holder))
            placed.add(holder.id)
            add_deputies(seat, holder)
            # The holder's own later membership on this seat (a role from a date on) right
            # below: an open place of the seat read as if it came between the two.
            own = (m for m in upcoming if m.person_id == holder.person_id and m.seat_key == seat.key)
            for m in sorted(own, key=lambda m: m.start or date.min):
                if m.role.takes_seat and m.id not in placed:
                    lines.append(RosterLine(seat, m, upcoming=True))
                    placed.add(m.id)
                    add_deputies(seat, m)
        open_places = (seat.count - len(holders)) if seat.count is not None else (0 if holders else 1)
        lines.extend(RosterLine(seat, None) for _ in range(max(open_places, 0)))
        later = (m for m in upcoming if m.seat_key == seat.key and m.role.takes_seat and m.id not in placed)
        for m in sorted(later, key=lambda m: (m.start, _name(snapshot, m))):
            lines.append(RosterLine(seat, m, upcoming=True))
            placed.add(m.id)
            add_deputies(seat, m)
    for m in sorted(active + upcoming, key=lambda m: _name(snapshot, m)):
        if m.id not in placed:
            is_deputy = m.role is Role.STELLVERTRETUNG
            lines.append(RosterLine(committee.seat(m.seat_key), m, deputy=is_deputy, upcoming=m in upcoming))
    if history:
        ended = [m for m in snapshot.memberships_of(committee_id) if m.end is not None and m.end < today]
        for m in sorted(ended, key=lambda m: m.end or date.min, reverse=True):
            lines.append(RosterLine(committee.seat(m.seat_key), m, ended=True))
    return lines


def _name(snapshot: Snapshot, m: Membership) -> tuple[str, str, int]:
    """The persons' one order (family name, then given name, German rules)."""
    person = snapshot.person(m.person_id)
    return person_sort_key(person) if person else ("", "", m.person_id)
