"""``herford-tui suche`` without reading the whole file: only the records a search may find.

The file's bytes tell which records can hold the typed words (``domain/search_raw.py``); only
those meetings are decoded, and the index is built over them and the records their entries take
words from. Words the index makes up (months, dates, labels) are found from a few decoded
fields of every meeting; a typo (a word that starts no token anywhere) is matched by the
search's fuzzy rule against every word of the file (its searched fields decoded, nothing else),
and the records holding the close words are looked for as above. Whatever this cannot answer
the same way as the whole search (a word every record may hold; an unusual file) returns None
and the command searches the whole snapshot as before.

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
    from herford_tui.domain.search_index import KindIndex
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
        found = _quick_search(path, query, limit)
    except (GeneralPath, msgspec.DecodeError, RecursionError, KeyError, UnicodeDecodeError):
        return None
    if found is not None and os.environ.get("HERFORD_TUI_VERIFY") == "1":
        _verify(path, query, limit, *found)
    return found


def _quick_search(path: Path, query: str, limit: int) -> tuple[list[Match], Snapshot] | None:
    from herford_tui.domain.search_index import query_words
    from herford_tui.domain.search_raw import unsure
    from herford_tui.store.partial import SEARCHED, SearchFile

    words = query_words(query)
    if not words:
        return None
    file = SearchFile.open(path)
    if file is None:
        return None
    odd = unsure(file.chars)
    always = file.holding(odd) if odd else {name: set() for name in SEARCHED}
    if always is None:
        return None
    look = _Look(file, always)
    typos: set[str] = set()
    while True:
        found = _answer(look, query, words, typos, limit)
        if found is None or isinstance(found, tuple):
            return found
        typos.add(found)  # a typo after all: once more, with it fuzzy


def _answer(
    look: _Look, query: str, words: list[str], typos: set[str], limit: int
) -> tuple[list[Match], Snapshot] | str | None:
    """The answer, None, or a word that turned out to be a typo (``_quick_search`` asks again)."""
    from herford_tui.domain import Committee
    from herford_tui.domain.search import search
    from herford_tui.domain.search_index import Kind, index_of
    from herford_tui.domain.search_raw import Hits, card_persons, chosen, index_persons, part

    file, small = look.file, look.file.snapshot  # every committee and organisation
    own: dict[str, Hits] = {}
    fuzzy = set(typos)
    for word in dict.fromkeys(words):
        found = look.fuzzy(word) if word in typos else look.literal(word)
        if found is _TYPO:
            fuzzy.add(word)
            found = look.fuzzy(word)
        if found is _NOTHING:
            return [], part(small, set(), {}, {}, {})  # a typo close to no word: no entry holds it
        if found is not None:
            assert isinstance(found, Hits)
            own[word] = found
    if not own:
        return None  # no word narrows the search: the whole one is as fast
    picked = chosen(list(own.values()), file.person_org, file.links, file.heads)
    meetings = file.meetings(picked.meetings)
    persons = index_persons(picked, meetings) & file.person_org.keys()
    links = {i for i, link in file.links.items() if link.person_id in persons}  # their committees
    searched = part(
        small, picked.organisations, file.records("persons", persons), file.records("memberships", links), meetings
    )
    index = index_of(searched)
    missing = [w for w in words if w not in fuzzy and not any(index.kind(kind).has_start(w) for kind in Kind)]
    for word in missing:
        # A word that starts a token somewhere but in no chosen record leaves nothing that holds
        # every word; one that starts no token anywhere is a typo after all (its pattern matched
        # only inside words or in fields the search does not read).
        if word in own and _starts_a_token(file, small, word, own[word]):
            continue
        return None if look.words().has_start(word) else word
    matches = [] if missing else search(searched, query, limit=limit)
    shown = {m.record.id for m in matches if isinstance(m.record, Committee)}  # a card names the next meeting
    more = {i for i, (committee, _) in file.heads(False, None).items() if committee in shown} if shown else set()
    more -= set(meetings)
    people, read = card_persons([m.record for m in matches], file.links)
    cards = part(
        small, None, file.records("persons", people), file.records("memberships", read),
        {**meetings, **file.meetings(more)},
    )  # fmt: skip
    return matches, cards


_TYPO = object()
"""The word starts no token of the whole file: the whole search takes it for a typo."""
_NOTHING = object()
"""A typo close to no word of the file: the whole search finds nothing."""


class _Look:
    """The records each typed word may be found in, from the file's bytes and a few decoded fields."""

    def __init__(self, file: SearchFile, always: dict[str, set[int]]):
        self.file = file
        self.always = always
        self._words: KindIndex | None = None

    def literal(self, word: str) -> Hits | object | None:
        """The records ``word`` may start a token of, ``_TYPO`` if it starts none, None if it is open
        (it filters nothing)."""
        from herford_tui.domain.search_raw import types_named, word_hits

        found = self._found(word)
        if found is None:  # open: unless it is a typo, whose close words may be looked for
            return None if self.words().has_start(word) else _TYPO
        if not any(found.values()) and not types_named(word) and not self.words().has_start(word):
            return _TYPO
        return word_hits([word], found, self.always, self.file.snapshot.organisations)

    def fuzzy(self, word: str) -> Hits | object | None:
        """The records holding a word close to the typo ``word`` (the search's own fuzzy rule over
        every word of the file), ``_NOTHING`` if there is none, None if one cannot be looked for."""
        from herford_tui.domain.search_raw import word_hits

        close = self.words().close_to(word)
        if not close:
            return _NOTHING
        union: dict[str, set[int]] = {}
        for token in close:
            found = self._found(token)
            if found is None:
                return None
            for table, ids in found.items():
                union.setdefault(table, set()).update(ids)
        return word_hits(close, union, self.always, self.file.snapshot.organisations)

    def words(self) -> KindIndex:
        """Every word of the file (its searched fields decoded once, nothing else)."""
        from herford_tui.domain.search_raw import file_words

        if self._words is None:
            people, meetings = self.file.texts()
            self._words = file_words(self.file.snapshot, people, meetings.values())
        return self._words

    def _found(self, word: str) -> dict[str, set[int]] | None:
        """Per table the records whose bytes or made-up words hold ``word`` somewhere; None if the
        bytes cannot be searched for it."""
        from herford_tui.domain.search_raw import made_up_meetings, made_up_start, raw_pattern

        pattern = raw_pattern(word, self.file.chars)
        if pattern is None:
            return None
        found = self.file.hits(pattern.anchor, pattern.pattern)
        if made_up_start(word):
            found["meetings"] |= made_up_meetings(word, self.file.texts()[1])
        return found


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
