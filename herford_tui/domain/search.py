"""Finding persons and organisations by part of a name (pickers, filters, global search)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from herford_tui.domain.models import Organisation, Person
from herford_tui.domain.snapshot import Snapshot

T = TypeVar("T", Person, Organisation)


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


def _find(
    items: Iterable[T], text: str, haystack: Callable[[T], str], name: Callable[[T], str], limit: int | None
) -> list[T]:
    words = _words(text)
    ranked = []
    for item in items:
        rank = _rank(haystack(item), words)
        if rank is not None:
            ranked.append((rank, name(item).casefold(), item.id, item))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked][:limit]


def find_persons(snapshot: Snapshot, text: str, limit: int | None = 20) -> list[Person]:
    """Persons whose name (or function) contains every typed word; word starts rank first."""
    return _find(
        snapshot.persons.values(),
        text,
        lambda p: f"{p.family_name} {p.given_name} {p.title} {p.function}",
        lambda p: p.sort_name,
        limit,
    )


def find_organisations(snapshot: Snapshot, text: str, limit: int | None = 20) -> list[Organisation]:
    """Organisations whose name or municipality contains every typed word; word starts rank first."""
    return _find(snapshot.organisations.values(), text, lambda o: f"{o.name} {o.municipality}", lambda o: o.name, limit)
