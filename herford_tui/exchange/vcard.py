"""Persons as vCard 4.0 (RFC 6350) for phones and address books, built with vobject.

One card per person: name (with title), organisation, function, the committees they sit on
today (ROLE and CATEGORIES, so an address book can group by committee), work phone and e-mail.
Erased persons (DSGVO placeholders) are never exported. Each card's UID is derived from the
person's id, so a second import updates a contact instead of doubling it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from herford_tui.domain.directory import person_sort_key
from herford_tui.domain.labels import ROLE
from herford_tui.domain.models import Committee, Person
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import printable

NAMESPACE = uuid.UUID("6f1c2d7e-3b0a-4c55-9a39-0d6a8f2b1e42")
PRODID = "-//Bildungsbüro Kreis Herford//herford-tui//DE"


def person_uid(person: Person) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'herford-tui/person/{person.id}')}"


def select_persons(snapshot: Snapshot, committee: Committee | None, on: date) -> list[Person]:
    """The members (deputies too) of ``committee`` on ``on``, or everyone; never an erased placeholder."""
    if committee is None:
        found: Iterable[Person] = snapshot.persons.values()
    else:
        ids = {m.person_id for m in snapshot.memberships_of(committee.id, on)}
        found = (snapshot.persons[i] for i in ids if i in snapshot.persons)
    kept = [p for p in found if p.erased_on is None]
    return sorted(kept, key=person_sort_key)


def card(snapshot: Snapshot, person: Person, on: date) -> str:
    """One vCard 4.0 as text (CRLF line ends, folded as RFC 6350 asks)."""
    import vobject  # only this export needs it

    def clean(text: str) -> str:
        return printable(text.strip())

    vcard = vobject.vCard()
    vcard.add("version").value = "4.0"
    vcard.add("prodid").value = PRODID
    vcard.add("uid").value = person_uid(person)
    vcard.add("fn").value = clean(person.full_name) or clean(person.sort_name) or f"Person {person.id}"
    vcard.add("n").value = vobject.vcard.Name(
        family=clean(person.family_name), given=clean(person.given_name), prefix=clean(person.title)
    )
    organisation = snapshot.organisations.get(person.organisation_id) if person.organisation_id else None
    if organisation is not None:
        vcard.add("org").value = [clean(organisation.name)]
    if person.function.strip():
        vcard.add("title").value = clean(person.function)
    seats = []
    for m in snapshot.memberships_of_person(person.id, on):
        committee = snapshot.committees.get(m.committee_id)
        if committee is not None:
            seats.append((clean(committee.name), ROLE[m.role]))
    seats.sort()
    if seats:
        vcard.add("role").value = ", ".join(f"{name}: {role}" for name, role in seats)
        vcard.add("categories").value = sorted({name for name, _ in seats})
    if person.phone.strip():
        tel = vcard.add("tel")
        tel.value = clean(person.phone)
        tel.params["TYPE"] = ["work", "voice"]
    if person.email.strip():
        email = vcard.add("email")
        email.value = clean(person.email)
        email.type_param = "work"
    return vcard.serialize()


def vcards(snapshot: Snapshot, persons: Iterable[Person], on: date) -> bytes:
    """All cards in one file (``.vcf``), as address books import them."""
    return "".join(card(snapshot, p, on) for p in persons).encode("utf-8")


def card_files(snapshot: Snapshot, persons: Iterable[Person], on: date) -> list[tuple[str, bytes]]:
    """One file per card, named after its UID: the folder layout (vdir) of khard and vdirsyncer."""
    return [(person_uid(p).removeprefix("urn:uuid:") + ".vcf", card(snapshot, p, on).encode("utf-8")) for p in persons]
