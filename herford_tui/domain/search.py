"""The one search of herford-tui: global search, directory filter, pickers and ``herford-tui suche``.

What is typed is folded like the stored text (case, accents, umlauts: ä = ae = a, ß = ss).
Every typed word must match the start of a word of the record; a word that starts no word
anywhere (a typo) may instead be a close fuzzy match (rapidfuzz, a typo or two). Hits rank
by points: a whole word beats a word start beats a fuzzy match, and a match in the name
beats one in another field; ties keep the display order (German alphabetical order for
names, newest first for meetings).

Searched: persons (name, function, organisation, current committees), organisations (name,
type, municipality), committees (name, short name, purpose), meetings (committee, date as
"12.3." or "März", place), agenda items (title, with the meeting's committee and date), and the
minutes, decisions and tasks of the meetings (their text, with the meeting's committee and date;
a task also by who does it and whether it is done).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from herford_tui.domain.models import AgendaItem, Committee, Decision, Meeting, Organisation, Person, Task
from herford_tui.domain.search_index import Kind, SearchIndex, index_of, keeping, query_words
from herford_tui.domain.snapshot import Snapshot

ALL_KINDS: tuple[Kind, ...] = tuple(Kind)


@dataclass(frozen=True)
class Match:
    kind: Kind
    record: Committee | Person | Organisation | Meeting
    item: AgendaItem | None
    """For an agenda item: the item (``record`` is its meeting)."""
    points: int
    detail: Decision | Task | None = None
    """For a decision or a task: which one (``item`` is its agenda item)."""


def search(
    snapshot: Snapshot,
    text: str,
    kinds: Iterable[Kind] = ALL_KINDS,
    limit: int | None = 30,
    index: SearchIndex | None = None,
) -> list[Match]:
    """The best matches of ``text`` among ``kinds``, best first (all records if ``text`` is empty).

    ``index``: another index of ``snapshot`` than its cached one (``narrowed_search``)."""
    index = index or index_of(snapshot)
    matches = []
    for points, kind, position in index.best(query_words(text), kinds, limit):
        entry = index.kind(kind).entries[position]
        matches.append(Match(kind, entry.record, entry.item, points, entry.detail))
    return matches


def narrowed_search(snapshot: Snapshot, text: str, limit: int | None = 30) -> list[Match] | None:
    """``search`` of every kind over an index of only the tokens the typed words start (a look-up
    that indexes the whole snapshot for one search: ``herford-tui suche``, x10 "aus": about half
    the index build). None if a word starts no token (a typo: its close words need every token).

    The same answer: a word that starts a token in the whole index starts one in this one, so no
    word is taken for a typo here; every token a word can match is kept with its bonus; an entry
    left out matches no word, and the others keep their order."""
    words = query_words(text)
    if not words:
        return None
    index = SearchIndex(snapshot, keep=keeping(words))
    if not all(any(index.kind(kind).has_start(word) for kind in ALL_KINDS) for word in words):
        return None
    return search(snapshot, text, ALL_KINDS, limit, index)


def find_persons(snapshot: Snapshot, text: str, limit: int | None = 20) -> list[Person]:
    """Persons matching every typed word (name, function, organisation), best first."""
    return [m.record for m in search(snapshot, text, (Kind.PERSON,), limit) if isinstance(m.record, Person)]


def find_organisations(snapshot: Snapshot, text: str, limit: int | None = 20) -> list[Organisation]:
    """Organisations matching every typed word (name, type, municipality), best first."""
    return [m.record for m in search(snapshot, text, (Kind.ORGANISATION,), limit) if isinstance(m.record, Organisation)]


__all__ = ["ALL_KINDS", "Kind", "Match", "find_organisations", "find_persons", "search"]
