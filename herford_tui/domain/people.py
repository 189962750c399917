"""What the person and organisation screens show, as plain data (no Textual).

Memberships: current ones first (by committee), then upcoming, then ended (latest end first).
Seats of an organisation: who represents it in which committee now; the earlier ones on request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from herford_tui.domain.directory import person_sort_key, type_label
from herford_tui.domain.fold import sort_key
from herford_tui.domain.labels import ROLE, format_date
from herford_tui.domain.models import KREISWEIT, Membership, Organisation, Person
from herford_tui.domain.snapshot import Snapshot

CURRENT, UPCOMING, ENDED = "aktuell", "künftig", "beendet"


def membership_counts(statuses: list[str]) -> str:
    """ "2 aktuell, 1 künftig, 0 beendet": a role from a later date is not held yet."""
    upcoming = statuses.count(UPCOMING)
    parts = [f"{statuses.count(CURRENT)} aktuell"] + ([f"{upcoming} künftig"] if upcoming else [])
    return ", ".join([*parts, f"{statuses.count(ENDED)} beendet"])


@dataclass(frozen=True)
class MembershipRow:
    membership: Membership
    committee: str
    seat: str
    role: str
    person: str
    represents: str
    start: str
    end: str
    status: str
    person_key: tuple[str, str, int] = field(default=("", "", 0), compare=False)
    """The person's place in the one German order (``directory.person_sort_key``)."""

    @property
    def period(self) -> str:
        """ "seit 01.01.2025", "01.02.2019 bis 31.07.2024", "ab 01.02.2027" (upcoming)."""
        if self.status == UPCOMING:
            return f"ab {self.start}" + (f" bis {self.end}" if self.end else "")
        if self.end:  # "bis" in words: an ended membership must not read like a current one
            return f"{self.start or '?'} bis {self.end}"
        return f"seit {self.start}" if self.start else "ohne Beginn"

    @property
    def cells(self) -> tuple[str, ...]:
        """For a person: Gremium, Sitz, Rolle, vertritt, Zeitraum."""
        return (self.committee, self.seat, self.role, self.represents, self.period)

    @property
    def seat_cells(self) -> tuple[str, ...]:
        """For an organisation: Gremium, Sitz, Person, Rolle, Zeitraum."""
        return (self.committee, self.seat, self.person, self.role, self.period)


def seats_held(rows: list[MembershipRow]) -> int:
    """How many of ``rows`` hold a seat today: a deputy or a guest sits beside a seat, not on one
    (``Role.takes_seat``, as the rosters and the Auswertung count), and a membership still to
    come or ended holds none."""
    return sum(1 for r in rows if r.status == CURRENT and r.membership.role.takes_seat)


def status_of(m: Membership, today: date) -> str:
    if m.end is not None and m.end < today:
        return ENDED
    if m.start is not None and m.start > today:
        return UPCOMING
    return CURRENT


def membership_row(snapshot: Snapshot, m: Membership, today: date) -> MembershipRow:
    committee = snapshot.committees.get(m.committee_id)
    seat = committee.seat(m.seat_key) if committee else None
    person = snapshot.persons.get(m.person_id)
    represents = snapshot.organisations.get(m.represents_id) if m.represents_id else None
    role = ROLE[m.role]
    if m.deputy_of and (owner := snapshot.memberships.get(m.deputy_of)):
        role = f"{role} für {snapshot.person_name(owner.person_id)}"
    name = committee.name + (" (archiviert)" if committee.archived else "") if committee else "?"
    return MembershipRow(
        membership=m,
        committee=name,
        seat=seat.label if seat else m.seat_key,
        role=role,
        person=snapshot.person_name(m.person_id),
        represents=represents.name if represents else "",
        start=format_date(m.start),
        end=format_date(m.end),
        status=status_of(m, today),
        person_key=person_sort_key(person) if person else ("", "", m.person_id),
    )


_ORDER = {CURRENT: 0, UPCOMING: 1, ENDED: 2}


def _sorted(rows: list[MembershipRow]) -> list[MembershipRow]:
    def key(r: MembershipRow) -> tuple:
        m = r.membership
        ended = -(m.end.toordinal()) if r.status == ENDED and m.end else 0
        return (_ORDER[r.status], ended, sort_key(r.committee), sort_key(r.seat), r.person_key, m.id)

    return sorted(rows, key=key)


def person_memberships(snapshot: Snapshot, person_id: int, today: date) -> list[MembershipRow]:
    return _sorted([membership_row(snapshot, m, today) for m in snapshot.memberships_of_person(person_id)])


def person_facts(snapshot: Snapshot, person: Person) -> list[tuple[str, str]]:
    org = snapshot.organisations.get(person.organisation_id) if person.organisation_id else None
    facts = [
        ("Titel", person.title),
        ("Vorname", person.given_name),
        ("Nachname", person.family_name),
        ("Funktion", person.function),
        ("Organisation", f"{org.name} ({place(org)})" if org else ""),
        ("E-Mail", person.email),
        ("Telefon", person.phone),
        ("Notizen", person.notes),
        ("Nummer", str(person.id)),
    ]
    if person.erased_on:
        facts.append(("DSGVO", f"Personenbezogene Daten gelöscht am {format_date(person.erased_on)}"))
    return facts


def place(org: Organisation) -> str:
    return "kreisweit" if org.municipality == KREISWEIT else org.municipality


def organisation_facts(org: Organisation) -> list[tuple[str, str]]:
    return [
        ("Art", type_label(org)),
        ("Kommune", place(org)),
        ("Anschrift", address_text(org)),
        ("Telefon", org.phone),
        ("E-Mail", org.email),
        ("Website", org.website),
        ("Notizen", org.notes),
    ]


def address_text(org: Organisation) -> str:
    """Street, then postal code and town: "Amtshausstraße 3, 32051 Herford"."""
    parts = [p for p in org.address.split(", ") if p]
    if not org.postal_code or org.postal_code in org.address:  # older entries hold it in the address
        return ", ".join(parts)
    town = "" if org.municipality == KREISWEIT else org.municipality
    if town and town in parts[1:]:
        parts.remove(town)
    elif not town and len(parts) > 1:  # district-wide: the town is the address's last part
        town = parts.pop()
    return ", ".join([*parts, f"{org.postal_code} {town}".strip()])


def organisation_people(snapshot: Snapshot, organisation_id: int) -> list[Person]:
    people = [p for p in snapshot.persons.values() if p.organisation_id == organisation_id]
    return sorted(people, key=person_sort_key)


def organisation_seats(
    snapshot: Snapshot, organisation_id: int, today: date, *, history: bool = False
) -> list[MembershipRow]:
    """Memberships that represent the organisation, and those of its people that represent no
    other one; without ``history`` only the current and upcoming ones."""
    rows = []
    for m in snapshot.memberships.values():
        person = snapshot.persons.get(m.person_id)
        own = m.represents_id == organisation_id
        via_person = m.represents_id is None and person is not None and person.organisation_id == organisation_id
        if not (own or via_person):
            continue
        row = membership_row(snapshot, m, today)
        if history or row.status != ENDED:
            rows.append(row)
    return _sorted(rows)
