"""``herford-tui suche`` without reading the whole file: only the records a search may find.

The file's bytes tell which records can hold the typed words (``domain/search_raw.py``); only
those meetings are decoded, and the index is built over them and the records their entries take
words from. Words the index makes up (months, dates, labels) are found from a few decoded
fields of every meeting; a typo (a word that starts no token anywhere) is matched by the
search's fuzzy rule against every word of the file (its searched fields decoded, nothing else),
and the records holding the close words are looked for as above. Only the tokens the typed words
can match are indexed (``search_index.KindIndex.keep``); with many chosen meetings they are indexed
from their decoded texts, and only the shown ones decoded whole. Whatever this cannot answer
the same way as the whole search (a word every record may hold; an unusual file) returns None
and the command searches the whole snapshot as before.

With ``HERFORD_TUI_VERIFY=1`` (the tests) every answer is compared with the whole search's.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from typing import TypeVar

    from herford_tui.domain import Meeting, Snapshot
    from herford_tui.domain.search import Match
    from herford_tui.domain.search_index import Kind, KindIndex
    from herford_tui.domain.search_raw import Hits, Holds, MeetingText, Rule, Tokens
    from herford_tui.store.partial import SearchFile

    _Text = TypeVar("_Text", bound=MeetingText)


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
    from herford_tui.store.partial import SearchFile

    words = query_words(query)
    if not words:
        return None
    file = SearchFile.open(path)
    if file is None:
        return None
    look = _Look(file)
    typos: set[str] = set()
    while True:
        try:
            found = _answer(look, query, words, typos, limit)
        except _WholeWay:
            return None
        if found is None or isinstance(found, tuple):
            return found
        typos.add(found)  # a typo after all: once more, with it fuzzy


def _answer(
    look: _Look, query: str, words: list[str], typos: set[str], limit: int
) -> tuple[list[Match], Snapshot] | str | None:
    """The answer, None, or a word that turned out to be a typo (``_quick_search`` asks again)."""
    from herford_tui.domain.search import search
    from herford_tui.domain.search_index import Kind, index_of
    from herford_tui.domain.search_raw import Hits, chosen, index_persons, part

    file, small = look.file, look.file.snapshot  # every committee and organisation
    own: dict[str, Hits] = {}
    fuzzy = set(typos)
    open_words = []
    for word in dict.fromkeys(words):
        found = look.fuzzy(word) if word in typos else look.literal(word)
        if found is _TYPO:
            fuzzy.add(word)
            found = look.fuzzy(word)
        if found is _NOTHING:
            return [], part(small, set(), {}, {}, {})  # a typo close to no word: no entry holds it
        if found is None:
            open_words.append(word)
        else:
            assert isinstance(found, Hits)
            own[word] = found
    if not own and fuzzy:
        return None  # typos whose close words cannot be looked for: the whole way
    # A word without two plain letters to look for ("aus", "Nov") chooses every meeting, and the
    # small tables' records by their texts; the first hits may still be in the newest meetings
    # (``quick_first``). Beside a word that narrows ("aus schule") it still tells which entries
    # may hold both (``agenda_may_match``).
    own |= {word: look.everywhere(word) for word in open_words if word not in fuzzy}
    picked = chosen(list(own.values()), file.person_org, file.links, file.heads)
    # Of a meeting chosen for its own entry alone (its place, say) the agenda is not indexed: at x10
    # "Kreis Herford" chooses 10,000 meetings, whose 56,000 agenda items and task persons hold no
    # match. Many such meetings are told from their decoded texts and decoded whole only if shown.
    rules = [look.rule(word, word in fuzzy, hits) for word, hits in own.items()]
    if len(picked.meetings) > MANY:
        # The first hits may be in the newest of them: "protokoll" (every meeting with minutes)
        # shows ten agenda items "Protokoll der letzten Sitzung" (``quick_first``).
        from herford_tui.commands.quick_first import first_hits

        first = first_hits(look, picked, rules, file.meeting_texts(), query, words, fuzzy, limit)
        if first is not None:
            return _cards(file, first, {})
    if len(picked.meetings) > MANY or file.decoded_texts():
        # Indexed from their decoded texts (what the index reads of a meeting), not decoded whole:
        # "protokoll" chooses every meeting with minutes (x10: 0.6 s of decoding). The meetings
        # shown are decoded whole below, their matched item and detail taken from there.
        texts = file.meeting_texts()
        meetings = {}
        indexed = _may_match(texts, picked.meetings, rules, _searched_part, _own_entry)
    else:
        meetings = file.meetings(picked.meetings)
        indexed = _may_match(meetings, meetings, rules, lambda _, m: m, lambda _, m: _without_agenda(m))
    persons = index_persons(picked, indexed) & file.person_org.keys()
    links = {i for i, link in file.links.items() if link.person_id in persons}  # their committees
    searched = part(
        small, picked.organisations, file.records("persons", persons), file.records("memberships", links), indexed
    )
    index = index_of(searched, look.keep(words, fuzzy))  # only the tokens these words can match
    missing = [w for w in words if w not in fuzzy and not any(index.kind(kind).has_start(w) for kind in Kind)]
    for word in missing:
        # A word that starts a token somewhere but in no chosen record leaves nothing that holds
        # every word; one that starts no token anywhere is a typo after all (its pattern matched
        # only inside words or in fields the search does not read).
        if word in own and _starts_a_token(file, small, word, own[word]):
            continue
        return None if look.words().has_start(word) else word
    matches = (
        [] if missing else _first_kinds(searched, query, words, fuzzy, limit) or search(searched, query, limit=limit)
    )
    return _cards(file, matches, meetings)


def _may_match(
    texts: Mapping[int, _Text], chosen: Iterable[int], rules: list[Rule], whole: Callable[[int, _Text], Meeting],
    own: Callable[[int, _Text], Meeting],
) -> dict[int, Meeting]:  # fmt: skip
    """The ``chosen`` meetings an entry of which may hold every word: ``whole`` where one of their
    agenda's or minutes' may (``agenda_may_match``), else ``own`` (its own entry alone); the others
    are left out."""
    from herford_tui.domain.search_raw import agenda_may_match, own_may_match

    found = {}
    for i in chosen:
        m = texts[i]
        if agenda_may_match(m, rules):
            found[i] = whole(i, m)
        elif own_may_match(m, rules):
            found[i] = own(i, m)
    return found


def _cards(file: SearchFile, matches: list[Match], meetings: dict[int, Meeting]) -> tuple[list[Match], Snapshot]:
    """``matches`` on their meetings decoded whole (``meetings``: those decoded already), and a
    snapshot with what their cards show."""
    from herford_tui.domain import Committee, Meeting
    from herford_tui.domain.search_raw import card_persons, part

    small = file.snapshot
    meetings |= file.meetings({m.record.id for m in matches if isinstance(m.record, Meeting)} - meetings.keys())
    matches = [_whole_match(m, meetings[m.record.id]) if isinstance(m.record, Meeting) else m for m in matches]
    shown = {m.record.id for m in matches if isinstance(m.record, Committee)}  # a card names the next meeting
    more = {i for i, (committee, _) in file.heads(False, None).items() if committee in shown} if shown else set()
    more -= set(meetings)
    people, read = card_persons([m.record for m in matches], file.links)
    cards = part(
        small, None, file.records("persons", people), file.records("memberships", read),
        {**meetings, **file.meetings(more)},
    )  # fmt: skip
    return matches, cards


def _first_kinds(searched: Snapshot, query: str, words: list[str], fuzzy: set[str], limit: int) -> list[Match] | None:
    """The answer from the kinds up to meetings alone, if it is the whole answer: when their first
    ``limit`` hits all have the most points a hit can have, no agenda item, minutes, decision or
    task can come before them (an equal hit of a later kind comes after), and those kinds' entries
    are not indexed ("November": the newest November meetings, not 9,000 agenda items). Each word
    must start a token in these kinds, or the search would take it for a typo here."""
    from herford_tui.domain.search import search
    from herford_tui.domain.search_index import Kind, index_of, most_points

    first = (Kind.COMMITTEE, Kind.PERSON, Kind.ORGANISATION, Kind.MEETING)
    index = index_of(searched)
    if not all(word in fuzzy or any(index.kind(kind).has_start(word) for kind in first) for word in words):
        return None
    found = search(searched, query, first, limit=limit)
    best = sum(most_points(word in fuzzy) for word in words)
    return found if len(found) == limit and found[-1].points == best else None


def _own_entry(i: int, texts: MeetingText) -> Meeting:
    """The meeting as far as its own entry needs it (committee, date, place): no agenda, no minutes."""
    from herford_tui.domain import Meeting

    return Meeting(id=i, committee_id=texts.committee_id, date=texts.date, location=texts.location)


def _searched_part(i: int, texts: MeetingText) -> Meeting:
    """The meeting as far as the index reads it (``search_raw.MeetingText``): its own entry, the
    agenda items' titles and minutes, decisions and tasks, the minutes."""
    from herford_tui.domain import AgendaItem, Decision, Meeting, Task

    agenda = [
        AgendaItem(
            title=item.title,
            minutes=item.minutes,
            decisions=[Decision(text=d.text, result=d.result) for d in item.decisions],
            tasks=[Task(what=t.what, person_id=t.person_id, due=t.due, done=t.done) for t in item.tasks],
        )
        for item in texts.agenda
    ]
    return Meeting(
        id=i,
        committee_id=texts.committee_id,
        date=texts.date,
        location=texts.location,
        minutes=texts.minutes,
        agenda=agenda,
    )


def _whole_match(match: Match, whole: Meeting) -> Match:
    """``match`` on the meeting decoded whole: its item and detail are the whole meeting's at the
    same places (the index may have held a part of it, ``_searched_part``)."""
    from herford_tui.domain import Decision, Meeting, Task

    part = match.record
    if part is whole or match.item is None or not isinstance(part, Meeting):
        return replace(match, record=whole)
    number = next(n for n, it in enumerate(part.agenda) if it is match.item)
    item = whole.agenda[number]
    detail: Decision | Task | None = None
    if match.detail is not None:
        mine: list[Decision | Task] = [*match.item.decisions, *match.item.tasks]
        theirs: list[Decision | Task] = [*item.decisions, *item.tasks]
        detail = theirs[next(n for n, d in enumerate(mine) if d is match.detail)]
    return replace(match, record=whole, item=item, detail=detail)


def _without_agenda(m: Meeting) -> Meeting:
    return replace(m, agenda=[], minutes="")


MANY = 1000
"""From how many chosen meetings on their texts are decoded (all at once) to tell which need their
agenda, rather than deciding after decoding each whole."""


class _WholeWay(Exception):
    """The file is one the bytes cannot be looked for in (``_Look.always``): the whole way."""


_TYPO = object()
"""The word starts no token of the whole file: the whole search takes it for a typo."""
_NOTHING = object()
"""A typo close to no word of the file: the whole search finds nothing."""


class _Look:
    """The records each typed word may be found in, from the file's bytes and a few decoded fields."""

    def __init__(self, file: SearchFile):
        self.file = file
        self._always: dict[str, set[int]] | None = None
        self._words: KindIndex | None = None
        self._small: dict[str, Tokens] | None = None
        self._names: dict[Kind, tuple[KindIndex, KindIndex]] | None = None

    @property
    def always(self) -> dict[str, set[int]]:
        """Per table the records holding a character the patterns do not stand for (always taken
        when bytes are looked for); ``_WholeWay`` if there are too many to look at each."""
        from herford_tui.domain.search_raw import unsure
        from herford_tui.store.partial import SEARCHED

        if self._always is None:
            odd = unsure(self.file.chars)
            found = self.file.holding(odd) if odd else {name: set() for name in SEARCHED}
            if found is None:
                raise _WholeWay
            self._always = found
        return self._always

    def literal(self, word: str) -> Hits | object | None:
        """The records ``word`` may start a token of, ``_TYPO`` if it starts none, None if it is open
        (it filters nothing)."""
        from herford_tui.domain.search_raw import types_named, word_hits

        found = self._found([word], self.holds(word, False))
        if found is None:  # open: unless it is a typo, whose close words may be looked for
            # the words that name entries first (fewer to cut than the file's, and a part of them)
            return None if self.named(word) or self.words().has_start(word) else _TYPO
        if not any(found.values()) and not types_named(word) and not self.words().has_start(word):
            return _TYPO
        return word_hits([word], found, self.always, self.file.snapshot.organisations)

    def everywhere(self, word: str) -> Hits:
        """The records of the small tables whose texts hold a token ``word`` starts, and every
        meeting (a word without two plain letters, whose bytes are not looked for)."""
        from herford_tui.domain.search_raw import word_hits
        from herford_tui.store.partial import SEARCHED

        found = {**self._small_holding(self.holds(word, False)), "meetings": set(self.file.meeting_ids())}
        none: dict[str, set[int]] = {name: set() for name in SEARCHED}  # the small tables by their texts
        return word_hits([word], found, none, self.file.snapshot.organisations)

    def fuzzy(self, word: str) -> Hits | object | None:
        """The records holding a word close to the typo ``word`` (the search's own fuzzy rule over
        every word of the file), ``_NOTHING`` if there is none, None if one cannot be looked for."""
        from herford_tui.domain.search_raw import word_hits

        close = self.words().close_to(word)
        if not close:
            return _NOTHING
        # A close word that starts with another adds no meeting: its bytes match the shorter one's.
        starts = [token for token in close if not any(token.startswith(other) for other in close if other != token)]
        found = self._found(starts, self.holds(word, True))
        if found is None:
            return None
        return word_hits(close, found, self.always, self.file.snapshot.organisations)

    def rule(self, word: str, fuzzy: bool, hits: Hits) -> Rule:
        from herford_tui.domain.search_raw import Rule, made_up_start

        if not fuzzy:
            return Rule(self.holds(word, False), hits, made_up_start(word))
        close = self.words().close_to(word)
        return Rule(self.holds(word, True), hits, any(made_up_start(token) for token in close))

    def keep(self, words: list[str], fuzzy: set[str]) -> Callable[[str], object]:
        """The tokens a search of ``words`` can match (``fuzzy``: the typos among them): those a
        literal word starts, the file's words close to a typo (the search's own rule over every
        word, so the close words of any part of the file are among them)."""
        from herford_tui.domain.search_index import keeping

        close = {token for word in fuzzy for token in self.words().close_to(word)}
        return keeping([word for word in words if word not in fuzzy], close)

    def holds(self, word: str, fuzzy: bool) -> Holds:
        """The rule of one typed word for a token: the search's, literal or fuzzy."""
        if not fuzzy:
            return lambda token: token.startswith(word)
        return set(self.words().close_to(word)).__contains__

    def names(self) -> dict[Kind, tuple[KindIndex, KindIndex]]:
        """Per kind the first words and every word of what names its entries (``search_raw.name_words``)."""
        from herford_tui.domain.search_raw import name_words

        if self._names is None:
            persons, meetings = self.file.person_texts(), self.file.meeting_texts()
            self._names = name_words(self.file.snapshot, persons.values(), meetings.values())
        return self._names

    def named(self, word: str) -> bool:
        """Whether ``word`` starts a word that names an entry (so it is no typo)."""
        return any(named.has_start(word) for _, named in self.names().values())

    def words(self) -> KindIndex:
        """Every word of the file (its searched fields decoded once, nothing else)."""
        from herford_tui.domain.search_raw import file_words

        if self._words is None:
            persons, meetings = self.file.person_texts(), self.file.meeting_texts()
            self._words = file_words(self.file.snapshot, persons.values(), meetings.values())
        return self._words

    def _found(self, starts: list[str], holds: Holds) -> dict[str, set[int]] | None:
        """Per table the records that may hold a token ``holds``: of the small tables those whose
        decoded texts do, of the meetings those whose bytes or made-up words hold one of ``starts``
        somewhere (the tokens ``holds`` matches start with one of them); None if the bytes cannot
        be searched for one."""
        from herford_tui.domain.search_raw import made_up_meetings, made_up_start, raw_pattern

        meetings: set[int] = set()
        for start in starts:
            # open in any file first (more characters only cut the plain runs shorter): the table
            # is not lowered for a word whose bytes are not looked for
            pattern = raw_pattern(start, set()) and raw_pattern(start, self.file.chars)
            if pattern is None:
                return None
            meetings |= self.file.hits(pattern.anchor, pattern.pattern)
            if made_up_start(start):
                meetings |= made_up_meetings(start, self.file.meeting_texts())
        return {**self._small_holding(holds), "meetings": meetings}

    def _small_holding(self, holds: Holds) -> dict[str, set[int]]:
        """Per small table the records whose decoded texts hold a token ``holds``."""
        from herford_tui.domain.search_raw import small_tokens

        if self._small is None:
            self._small = small_tokens(self.file.snapshot, self.file.person_texts())
        return {name: texts.holding(holds) for name, texts in self._small.items()}


def _starts_a_token(file: SearchFile, small: Snapshot, word: str, hits: Hits) -> bool:
    """Whether ``word`` starts a token of a record its pattern matched (some of them: a match in a
    field the search does not read, such as the notes, is no start). The meetings from their
    searched texts where those are decoded, and only the tokens the word starts indexed."""
    from itertools import islice

    from herford_tui.domain.search_index import Kind, index_of, keeping
    from herford_tui.domain.search_raw import part

    persons = file.records("persons", set(islice(hits.persons, PROBE)))
    ids = set(islice(sorted(hits.meetings), PROBE))
    if file.decoded_texts():
        texts = file.meeting_texts()
        meetings = {i: _searched_part(i, texts[i]) for i in ids}
    else:
        meetings = file.meetings(ids)
    probe = part(small, set(hits.organisations), persons, {}, meetings)  # kept: the index holds it weakly
    index = index_of(probe, keeping([word]))
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
