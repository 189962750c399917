"""Deleting a record: refused while something still points at it (``referring``: the one rule).

The store refuses a delete on it, ``check`` and the delete dialog use the same lines. The
dialog names what refers to a person or an organisation and offers the ways on: end the
memberships as of a date (they stay as history), hand everything over to a replacement, or,
for a person kept only by history, keep the record or erase the personal data (DSGVO).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta

from herford_tui.domain.directory import count_text, person_sort_key
from herford_tui.domain.labels import ROLE, format_date, person_label
from herford_tui.domain.mentions import Mention, named_in
from herford_tui.domain.models import Committee, Meeting, Membership, Organisation, Person, Record
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import shorten

SHOWN = 12
"""At most this many references are listed one by one; the rest are counted in one line."""


def referring(snapshot: Snapshot, record: Record) -> list[str]:
    """German lines naming every record that still points at ``record``: the one rule that
    blocks deleting it (the store refuses on it, the dialog names it before asking)."""
    if isinstance(record, Person):
        return _cap(_person_references(snapshot, record.id), "weitere Verweise")
    if isinstance(record, Organisation):
        people = sorted((p for p in snapshot.persons.values() if p.organisation_id == record.id), key=_person_order)
        reps = [m for m in snapshot.memberships.values() if m.represents_id == record.id]
        lines = []
        if people:
            names = ", ".join(_person_name(p) for p in people[:3]) + (" …" if len(people) > 3 else "")
            belong = "gehört" if len(people) == 1 else "gehören"
            lines.append(f"{count_text(len(people), 'Person', 'Personen')} {belong} dazu: {names}")
        if reps:
            current = sum(1 for m in reps if m.end is None)
            represent = "vertritt" if len(reps) == 1 else "vertreten"
            memberships = count_text(len(reps), "Mitgliedschaft", "Mitgliedschaften")
            lines.append(f"{memberships} {represent} sie, davon {current} ohne Ende")
        return lines
    if isinstance(record, Membership):
        return [f"Stellvertretung von {_person_label(snapshot, m.person_id)}" for m in deputies_of(snapshot, record)]
    if isinstance(record, Committee):
        n_members, n_meetings = len(snapshot.memberships_of(record.id)), len(snapshot.meetings_of(record.id))
        lines = []
        if n_members:
            lines.append(f"{count_text(n_members, 'Mitgliedschaft', 'Mitgliedschaften')} in diesem Gremium")
        if n_meetings:
            lines.append(f"{count_text(n_meetings, 'Sitzung', 'Sitzungen')} dieses Gremiums")
        return lines
    return []


def deputies_of(snapshot: Snapshot, membership: Membership) -> list[Membership]:
    """Every deputyship, current or ended, that names ``membership``: what blocks deleting it,
    and what a delete of it together with its deputies takes along."""
    return [m for m in snapshot.memberships.values() if m.deputy_of == membership.id]


def _person_references(snapshot: Snapshot, person_id: int) -> list[str]:
    lines = []
    for m in sorted(snapshot.memberships_of_person(person_id), key=lambda m: m.end or date.max, reverse=True):
        when = f"bis {format_date(m.end)}" if m.end else "offen"
        lines.append(f"Mitgliedschaft in „{_committee_name(snapshot, m.committee_id)}“ ({when})")
    for meeting in sorted(snapshot.meetings.values(), key=lambda m: (m.date or date.max, m.id)):
        named = _named_in(meeting, person_id)
        if named:
            when = f" am {format_date(meeting.date)}" if meeting.date else ""
            lines.append(f"Sitzung „{_committee_name(snapshot, meeting.committee_id)}“{when}: {', '.join(named)}")
    return lines


def _named_in(meeting: Meeting, person_id: int) -> list[str]:
    """What in ``meeting`` names the person (``mentions.named_in``), in German."""
    words = []
    for named in named_in(meeting, person_id):
        item, task = named.item, named.task
        if named.how is Mention.ATTENDANCE:
            words.append("Anwesenheitsliste")
        elif named.how is Mention.STAND_IN:
            words.append("als Vertretung")
        elif named.how is Mention.RESPONSIBLE and item is not None:
            words.append(f"zuständig für TOP {item.number}")
        elif item is not None and task is not None:
            words.append(f"Aufgabe „{_short(task.what)}“ (TOP {item.number})")
    return words


def _cap(lines: list[str], rest: str) -> list[str]:
    if len(lines) <= SHOWN:
        return lines
    return [*lines[: SHOWN - 1], f"… und {len(lines) - SHOWN + 1} {rest}"]


def _committee_name(snapshot: Snapshot, committee_id: int) -> str:
    committee = snapshot.committees.get(committee_id)
    return committee.name if committee else "?"


def _person_label(snapshot: Snapshot, person_id: int) -> str:
    return snapshot.person_name(person_id)


def _person_name(person: Person) -> str:
    return person_label(person, person.id)


def _person_order(person: Person) -> tuple[str, str, int]:
    return person_sort_key(person)  # the one German order: family name, then given name


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return shorten(text, limit)


@dataclass(frozen=True)
class References:
    """What the delete dialog needs to know about a person or an organisation."""

    lines: list[str]
    """German: what still refers to the record (``referring``)."""
    active: list[Membership]
    """Memberships that can be ended as of a date (the person's, or those representing the org)."""
    history_only: bool = False
    """A person kept only by history (ended memberships, past meetings): nothing to end or hand
    over; the ways on are to keep the record or to erase the personal data (DSGVO)."""

    @property
    def blocked(self) -> bool:
        return bool(self.lines)


def references(snapshot: Snapshot, record: Person | Organisation, today: date) -> References:
    lines = referring(snapshot, record)
    if isinstance(record, Person):
        active = [m for m in snapshot.memberships_of_person(record.id) if m.end is None or m.end >= today]
        return References(lines, active, history_only=bool(lines) and not active)
    reps = [m for m in snapshot.memberships.values() if m.represents_id == record.id]
    return References(lines, [m for m in reps if m.end is None or m.end >= today])


def begins_later(snapshot: Snapshot, refs: References, as_of: date) -> str | None:
    """German, why ending (or handing over) as of ``as_of`` is refused: a membership that begins
    only after that day (a hand-over or role change entered ahead) cannot end on it; ended, it
    became a membership of its first day alone (a chair for one day), handed over, a second."""
    later = sorted((m for m in refs.active if m.start is not None and m.start > as_of), key=lambda m: m.start or as_of)
    if not later:
        return None
    parts = []
    for m in later:
        committee = snapshot.committees.get(m.committee_id)
        parts.append(f"ab {format_date(m.start)} als {ROLE[m.role]} in „{committee.name if committee else '?'}“")
    return (
        f"Eingetragen ist auch {', '.join(parts)}; das beginnt erst nach dem {format_date(as_of)}. "
        "Bitte diese künftige Mitgliedschaft zuerst im Gremium mit Entf löschen oder ein späteres Datum wählen."
    )


def ending_after(refs: References, as_of: date) -> list[Membership]:
    """The active memberships that run past ``as_of``: only those have something to end or hand
    over on that day. One that ends on it or before stays as it is (ended "as of" a later day, its
    end was moved to that day: a membership until 31.12. ended as of 31.03. ran three months longer)."""
    return [m for m in refs.active if m.end is None or m.end > as_of]


def nothing_to_end(refs: References, as_of: date) -> str | None:
    """German, why ending as of ``as_of`` changes nothing (the dialog said nothing and closed)."""
    if not refs.active or ending_after(refs, as_of):
        return None
    last = format_date(max(m.end for m in refs.active if m.end is not None))
    if len(refs.active) == 1:
        return f"Zu beenden ist nichts: die Mitgliedschaft endet schon am {last}."
    return f"Zu beenden ist nichts: alle Mitgliedschaften enden schon bis zum {last}."


def end_plan(snapshot: Snapshot, refs: References, as_of: date) -> list[Membership]:
    """The active memberships that run past ``as_of`` ended on it; their deputies leave with them."""
    ended: dict[int, Membership] = {}
    for m in ending_after(refs, as_of):
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
    for m in ending_after(refs, as_of):
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
