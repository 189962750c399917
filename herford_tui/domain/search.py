"""Finding persons and organisations by part of a name (pickers, filters, global search)."""

from __future__ import annotations

import re

from herford_tui.domain.models import Organisation, Person
from herford_tui.domain.snapshot import Snapshot


def _words(text: str) -> list[str]:
    return text.casefold().split()


def _rank(haystack: str, words: list[str]) -> int | None:
    """None if a word is missing; else 0 = starts with the first word, 1 = a word starts with it, 2 = inside."""
    text = haystack.casefold()
    if not all(w in text for w in words):
        return None
    if not words or text.startswith(words[0]):
        return 0
    if re.search(r"(?<![\w])" + re.escape(words[0]), text):
        return 1
    return 2


def find_persons(snapshot: Snapshot, text: str, limit: int | None = 20) -> list[Person]:
    """Persons whose name (or function) contains every typed word; word starts rank first."""
    words = _words(text)
    ranked = []
    for p in snapshot.persons.values():
        rank = _rank(f"{p.family_name} {p.given_name} {p.title} {p.function}", words)
        if rank is not None:
            ranked.append((rank, p.sort_name.casefold(), p.id, p))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked][:limit]


def find_organisations(snapshot: Snapshot, text: str, limit: int | None = 20) -> list[Organisation]:
    """Organisations whose name or municipality contains every typed word; word starts rank first."""
    words = _words(text)
    ranked = []
    for o in snapshot.organisations.values():
        rank = _rank(f"{o.name} {o.municipality}", words)
        if rank is not None:
            ranked.append((rank, o.name.casefold(), o.id, o))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked][:limit]
