"""``herford-tui suche`` without reading the whole file: only the records a search may find.

The file's bytes tell which records can hold the typed words (``domain/search_raw.py``); only
those meetings are decoded, and the index is built over them and the records their entries take
words from. Whatever this cannot answer the same way as the whole search (a typo, which needs
every word of the file for its fuzzy matches; a word every record may hold; an unusual file)
returns None and the command searches the whole snapshot as before.

With ``HERFORD_TUI_VERIFY=1`` (the tests) every answer is compared with the whole search's.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herford_tui.domain import Snapshot
    from herford_tui.domain.search import Match
    from herford_tui.domain.search_raw import Hits
    from herford_tui.store.partial import SearchFile


def quick_search(path: Path, query: str, limit: int) -> tuple[list[Match], Snapshot] | None:
    """The matches of ``query`` and a snapshot with what their cards show, or None (see above).

    A record that does not decode as expected sends the search the whole way, where the store
    says in German what is wrong with it.
    """
    import msgspec

    from herford_tui.store.typed import GeneralPath

    try:
        return _quick_search(path, query, limit)
    except (GeneralPath, msgspec.DecodeError, RecursionError, KeyError, UnicodeDecodeError):
        return None


def _quick_search(path: Path, query: str, limit: int) -> tuple[list[Match], Snapshot] | None:
    from herford_tui.domain import Committee
    from herford_tui.domain.search import search
    from herford_tui.domain.search_index import Kind, index_of, query_words
    from herford_tui.domain.search_raw import card_persons, chosen, index_persons, part, raw_pattern, unsure, word_hits
    from herford_tui.store.partial import SEARCHED, SearchFile

    words = query_words(query)
    if not words:
        return None
    file = SearchFile.open(path)
    if file is None:
        return None
    patterns = [(word, p) for word in words if (p := raw_pattern(word, file.chars)) is not None]
    if not patterns:
        return None  # no word narrows the search: the whole one is as fast
    odd = unsure(file.chars)
    always = file.holding(odd) if odd else {name: set() for name in SEARCHED}
    if always is None:
        return None
    small = file.snapshot  # every committee and organisation
    hits = [word_hits(word, file.hits(p.anchor, p.pattern), always, small.organisations) for word, p in patterns]
    picked = chosen(hits, file.person_org, file.links, file.heads)
    meetings = file.meetings(picked.meetings)
    persons = index_persons(picked, meetings) & file.person_org.keys()
    links = {i for i, link in file.links.items() if link.person_id in persons}  # their committees
    searched = part(
        small, picked.organisations, file.records("persons", persons), file.records("memberships", links), meetings
    )
    index = index_of(searched)
    own = {word: found for (word, _), found in zip(patterns, hits, strict=True)}
    missing = [word for word in words if not any(index.kind(kind).has_start(word) for kind in Kind)]
    for word in missing:
        # The whole search takes a word that starts no token anywhere for a typo (fuzzy); one that
        # starts a token somewhere but in no chosen record leaves nothing that holds every word.
        if word not in own or not _starts_a_token(file, small, word, own[word]):
            return None
    matches = [] if missing else search(searched, query, limit=limit)
    shown = {m.record.id for m in matches if isinstance(m.record, Committee)}  # a card names the next meeting
    more = {i for i, (committee, _) in file.heads(False, None).items() if committee in shown} if shown else set()
    more -= set(meetings)
    people, read = card_persons([m.record for m in matches], file.links)
    cards = part(
        small, None, file.records("persons", people), file.records("memberships", read),
        {**meetings, **file.meetings(more)},
    )  # fmt: skip
    if os.environ.get("HERFORD_TUI_VERIFY") == "1":
        _verify(path, query, limit, matches, cards)
    return matches, cards


def _starts_a_token(file: SearchFile, small: Snapshot, word: str, hits: Hits) -> bool:
    """Whether ``word`` starts a token of a record its pattern matched (some of them: a match in a
    field the search does not read, such as the notes, is no start)."""
    from itertools import islice

    from herford_tui.domain.search_index import Kind, index_of
    from herford_tui.domain.search_raw import part

    persons = file.records("persons", set(islice(hits.persons, PROBE)))
    meetings = file.meetings(set(islice(sorted(hits.meetings), PROBE)))
    probe = part(small, set(hits.organisations), persons, {}, meetings)  # kept: the index holds it weakly
    index = index_of(probe)
    return any(index.kind(kind).has_start(word) for kind in Kind)


PROBE = 200
"""How many persons and meetings of a word's matches are indexed to find a token it starts."""


def _verify(path: Path, query: str, limit: int, matches: list[Match], cards: Snapshot) -> None:
    from herford_tui.domain.search import search
    from herford_tui.domain.search_text import match_card
    from herford_tui.store import Store

    whole = Store(path, backups=0, read_only=True).open().snapshot()
    expected = search(whole, query, limit=limit)
    assert matches == expected, "the quick search found other records than the whole search"
    today = date.today()
    for mine, theirs in zip(matches, expected, strict=True):
        assert match_card(mine, cards, today) == match_card(theirs, whole, today), "another card"
