"""Deleting a person or an organisation: refused while something still points at it.

The dialog names what refers to the record and offers two ways on: end the memberships as
of a date (they stay as history), or hand everything over to a replacement.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta

from herford_tui.domain.labels import format_date
from herford_tui.domain.models import Membership, Organisation, Person, Record
from herford_tui.domain.snapshot import Snapshot


@dataclass(frozen=True)
class References:
    lines: list[str]
    """German: what still refers to the record."""
    active: list[Membership]
    """Memberships that can be ended as of a date (the person's, or those representing the org)."""

    @property
    def blocked(self) -> bool:
        return bool(self.lines)


def references(snapshot: Snapshot, record: Person | Organisation, today: date) -> References:
    lines: list[str] = []
    if isinstance(record, Person):
        mine = snapshot.memberships_of_person(record.id)
        active = [m for m in mine if m.end is None or m.end >= today]
        for m in sorted(mine, key=lambda m: m.end or date.max, reverse=True):
            committee = snapshot.committees.get(m.committee_id)
            when = f"bis {format_date(m.end)}" if m.end else "offen"
            lines.append(f"Mitgliedschaft in „{committee.name if committee else '?'}“ ({when})")
        meetings = sum(1 for mt in snapshot.meetings.values() if any(a.person_id == record.id for a in mt.attendance))
        if meetings:
            lines.append(f"Anwesenheit in {meetings} Sitzung(en)")
    else:
        people = [p for p in snapshot.persons.values() if p.organisation_id == record.id]
        reps = [m for m in snapshot.memberships.values() if m.represents_id == record.id]
        active = [m for m in reps if m.end is None or m.end >= today]
        if people:
            names = ", ".join(p.full_name for p in people[:3]) + (" …" if len(people) > 3 else "")
            lines.append(f"{len(people)} Person(en) gehören dazu: {names}")
        if reps:
            lines.append(f"{len(reps)} Mitgliedschaft(en) vertreten sie, davon {len(active)} aktuell")
    return References(lines, active)


def end_plan(snapshot: Snapshot, refs: References, as_of: date) -> list[Membership]:
    """The active memberships ended on ``as_of``; their deputies leave with them."""
    ended: dict[int, Membership] = {}
    for m in refs.active:
        ended[m.id] = dataclasses.replace(m, end=as_of if m.start is None or m.start <= as_of else m.start)
        for d in snapshot.memberships.values():
            if d.deputy_of == m.id and (d.end is None or d.end > as_of) and d.id not in ended:
                ended[d.id] = dataclasses.replace(d, end=as_of if d.start is None or d.start <= as_of else d.start)
    return list(ended.values())


def replacement_plan(
    snapshot: Snapshot, record: Person | Organisation, refs: References, replacement_id: int, as_of: date
) -> list[Record]:
    """Hand over to ``replacement_id``.

    A person: the active memberships end on ``as_of`` and the replacement takes the same
    seats, roles and represented organisations from the next day (deputies follow later
    through the roster). An organisation: its people and the memberships representing it
    point at the replacement (nothing personal is ended).
    """
    if isinstance(record, Organisation):
        out: list[Record] = [
            dataclasses.replace(p, organisation_id=replacement_id)
            for p in snapshot.persons.values()
            if p.organisation_id == record.id
        ]
        out += [
            dataclasses.replace(m, represents_id=replacement_id)
            for m in snapshot.memberships.values()
            if m.represents_id == record.id
        ]
        return out
    out = list(end_plan(snapshot, refs, as_of))
    for m in refs.active:
        if m.deputy_of:
            continue  # a deputy stands in for one member; the replacement gets no deputy seat
        out.append(
            Membership(
                person_id=replacement_id,
                committee_id=m.committee_id,
                seat_key=m.seat_key,
                role=m.role,
                represents_id=m.represents_id,
                start=max(as_of + timedelta(days=1), m.start or date.min),
                end=m.end if m.end and m.end > as_of else None,
            )
        )
    return out
