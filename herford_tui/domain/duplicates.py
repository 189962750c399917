"""Likely duplicates, found before saving: the same person under a second spelling, the same
e-mail address, the same organisation in the same municipality ("Müller" = "Mueller")."""

from __future__ import annotations

from herford_tui.domain.fold import match_key
from herford_tui.domain.models import Organisation, Person
from herford_tui.domain.snapshot import Snapshot


def person_duplicates(snapshot: Snapshot, person: Person) -> list[Person]:
    """Other persons with the same name (folded) or the same e-mail address."""
    name = (match_key(person.given_name.strip()), match_key(person.family_name.strip()))
    email = person.email.strip().casefold()
    found = []
    for other in snapshot.persons.values():
        if other.id == person.id or other.erased_on is not None:
            continue
        same_name = (match_key(other.given_name.strip()), match_key(other.family_name.strip())) == name
        if same_name or (email and other.email.strip().casefold() == email):
            found.append(other)
    return sorted(found, key=lambda p: p.id)


def organisation_duplicates(snapshot: Snapshot, organisation: Organisation) -> list[Organisation]:
    """Other organisations with the same name (folded) in the same municipality."""
    name = match_key(organisation.name.strip())
    return sorted(
        (
            o
            for o in snapshot.organisations.values()
            if o.id != organisation.id
            and o.municipality == organisation.municipality
            and match_key(o.name.strip()) == name
        ),
        key=lambda o: o.id,
    )


def person_warning(snapshot: Snapshot, person: Person) -> str | None:
    twins = person_duplicates(snapshot, person)
    if not twins:
        return None
    names = "; ".join(_describe(snapshot, p, person) for p in twins)
    return f"Möglicherweise doppelt: {names}. Nochmals Strg+S speichert trotzdem."


def organisation_warning(snapshot: Snapshot, organisation: Organisation) -> str | None:
    twins = organisation_duplicates(snapshot, organisation)
    if not twins:
        return None
    names = "; ".join(f"„{o.name}“ ({o.municipality}, Nr. {o.id})" for o in twins)
    return f"Möglicherweise doppelt: {names}. Nochmals Strg+S speichert trotzdem."


def _describe(snapshot: Snapshot, p: Person, new: Person) -> str:
    org = snapshot.organisations.get(p.organisation_id) if p.organisation_id else None
    why = "gleiche E-Mail" if new.email and p.email.casefold() == new.email.casefold() else "gleicher Name"
    return f"„{p.full_name}“ ({why}{', ' + org.name if org else ''}, Nr. {p.id})"
