"""Finding persons and organisations by part of a name (pickers, filters, global search)."""

from __future__ import annotations

from herford_tui.domain.models import Organisation, Person
from herford_tui.domain.snapshot import Snapshot


def _words(text: str) -> list[str]:
    return text.casefold().split()


def find_persons(snapshot: Snapshot, text: str, limit: int | None = 20) -> list[Person]:
    """Persons whose name (or function) contains every typed word; best: family name starts with it."""
    words = _words(text)
    found = [
        p
        for p in snapshot.persons.values()
        if all(w in f"{p.full_name} {p.function}".casefold() for w in words)
    ]
    found.sort(key=lambda p: (not p.family_name.casefold().startswith(words[0]) if words else False, p.sort_name))
    return found[:limit]


def find_organisations(snapshot: Snapshot, text: str, limit: int | None = 20) -> list[Organisation]:
    words = _words(text)
    found = [
        o
        for o in snapshot.organisations.values()
        if all(w in f"{o.name} {o.municipality}".casefold() for w in words)
    ]
    found.sort(key=lambda o: (not o.name.casefold().startswith(words[0]) if words else False, o.name))
    return found[:limit]
