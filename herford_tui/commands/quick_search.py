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

from herford_tui.commands.quick_look import NOTHING, TYPO, Look, WholeWay

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from typing import TypeVar

    from herford_tui.domain import Meeting, Snapshot
    from herford_tui.domain.search import Match
    from herford_tui.domain.search_raw import Hits, MeetingText, Rule
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
    look = Look(file)
    typos: set[str] = set()
    while True:
        try:
            found = _answer(look, query, words, typos, limit)
        except WholeWay:
            return None
        if found is None or isinstance(found, tuple):
            return found
        typos.add(found)  # a typo after all: once more, with it fuzzy


def _answer(
    look: Look, query: str, words: list[str], typos: set[str], limit: int
) -> tuple[list[Match], Snapshot] | str | None:
    """The answer, None, or a word that turned out to be a typo (``_quick_search`` asks again)."""
    from herford_tui.domain.search import search
    from herford_tui.domain.search_index import Kind, index_of
    from herford_tui.domain.search_raw import Hits, chosen, index_persons, own_entry, part, searched_part

    file, small = look.file, look.file.snapshot  # every committee and organisation
    own: dict[str, Hits] = {}
    fuzzy = set(typos)
    open_words = []
    for word in dict.fromkeys(words):
        found = look.fuzzy(word) if word in typos else look.literal(word)
        if found is TYPO:
            fuzzy.add(word)
            found = look.fuzzy(word)
        if found is NOTHING:
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
        indexed = _may_match(texts, picked.meetings, rules, searched_part, own_entry)
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
    from herford_tui.domain.search_raw import card_persons, part, task_card_persons

    small = file.snapshot
    meetings |= file.meetings({m.record.id for m in matches if isinstance(m.record, Meeting)} - meetings.keys())
    matches = [_whole_match(m, meetings[m.record.id]) if isinstance(m.record, Meeting) else m for m in matches]
    shown = {m.record.id for m in matches if isinstance(m.record, Committee)}  # a card names the next meeting
    more = {i for i, (committee, _) in file.heads(False, None).items() if committee in shown} if shown else set()
    more -= set(meetings)
    people, read = card_persons([m.record for m in matches], file.links)
    people |= task_card_persons([m.detail for m in matches], lambda: _person_labels(file))  # whose task
    cards = part(
        small, None, file.records("persons", people), file.records("memberships", read),
        {**meetings, **file.meetings(more)},
    )  # fmt: skip
    return matches, cards


def _person_labels(file: SearchFile) -> dict[int, str]:
    """Every person's name as the app shows it (``labels.person_label``), from their searched texts."""
    from herford_tui.domain import Person
    from herford_tui.domain.labels import person_label

    return {
        i: person_label(Person(id=i, title=t.title, given_name=t.given_name, family_name=t.family_name), i)
        for i, t in file.person_texts().items()
    }


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


def _whole_match(match: Match, whole: Meeting) -> Match:
    """``match`` on the meeting decoded whole: its item and detail are the whole meeting's at the
    same places (the index may have held a part of it, ``search_raw.searched_part``)."""
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


def _starts_a_token(file: SearchFile, small: Snapshot, word: str, hits: Hits) -> bool:
    """Whether ``word`` starts a token of a record its pattern matched (some of them: a match in a
    field the search does not read, such as the notes, is no start). The meetings from their
    searched texts where those are decoded, and only the tokens the word starts indexed."""
    from itertools import islice

    from herford_tui.domain.search_index import Kind, index_of, keeping
    from herford_tui.domain.search_raw import part, searched_part

    persons = file.records("persons", set(islice(hits.persons, PROBE)))
    ids = set(islice(sorted(hits.meetings), PROBE))
    if file.decoded_texts():
        texts = file.meeting_texts()
        meetings = {i: searched_part(i, texts[i]) for i in ids}
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
