"""The first hits of a common word without indexing every meeting it is in (``herford-tui suche``).

The search ranks hits by points, then by kind (committees, persons, organisations, meetings, then
agenda items, minutes, decisions, tasks), then in display order (meetings newest first). If no
entry anywhere can earn more than ``top`` points (told from the words that name entries:
``search_raw.name_words``) and there are ``limit`` hits of ``top`` points, those are the answer:
first the hits of ``top`` points of the four first kinds, then of the agenda items, newest
meeting first. So the agenda items are indexed a batch of meetings at a time, newest first, until
enough are found: at x10 "protokoll" chooses every meeting with minutes (20,000, with 56,000
agenda items), and the ten hits shown are "Protokoll der letzten Sitzung" in the newest meetings;
"aus" chooses every meeting, and "Bericht aus …" in the newest ones are shown.

Likewise, when the last of the first ``limit`` hits of the kinds before meetings (or up to the
meetings) has as many points as any entry of a later kind can have, those hits are the answer:
"Kreis Herfrod" chooses 10,000 meetings at "Kreishaus Herford", and the ten organisations
"… Kreis Herford" shown have more points than any of them can.

Whatever this cannot tell returns None, and the caller indexes every chosen meeting as before.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from herford_tui.commands.quick_look import Look
    from herford_tui.domain import Snapshot
    from herford_tui.domain.search import Match
    from herford_tui.domain.search_index import Kind, KindIndex
    from herford_tui.domain.search_raw import Chosen, MeetingText, Rule


def most_earned(
    word: str, close: Sequence[str] | None, first: KindIndex, named: KindIndex, every: Callable[[], KindIndex] | None
) -> int:
    """The most points ``word`` can earn in an entry of a kind (``search_index``: a whole word beats
    a word start beats a close word, a match where a name begins beats one inside a name beats one
    elsewhere).

    ``close``: for a typo, the file's words close to it (the search's fuzzy rule: it matches only
    those), None for a literal word; ``first``, ``named``: the first words and every word of the
    texts that name the kind's entries (``search_raw.name_words``); ``every``: every word of the
    file (asked only if needed; None: taken to hold the word, for a bound that may be too high)."""
    from herford_tui.domain.search_index import AT_START, EXACT, FUZZY, IN_NAME, PREFIX

    if close is not None:
        if any(_holds(first, token) for token in close):
            return FUZZY + AT_START
        return FUZZY + IN_NAME if any(_holds(named, token) for token in close) else FUZZY
    if _holds(first, word):
        return EXACT + AT_START
    if _holds(named, word):
        return EXACT + IN_NAME
    if every is None or _holds(every(), word):
        return EXACT
    if first.has_start(word):
        return PREFIX + AT_START
    if named.has_start(word):
        return PREFIX + IN_NAME
    return PREFIX


def _holds(words: KindIndex, word: str) -> bool:
    return words.starting_with(word)[:1] == [word]


def first_hits(
    look: Look, picked: Chosen, rules: Sequence[Rule], texts: Mapping[int, MeetingText], query: str,
    words: list[str], fuzzy: set[str], limit: int,
) -> list[Match] | None:  # fmt: skip
    """The answer if the first kinds' hits are the whole answer, or its ``limit`` hits all have the
    most points any entry can have (see above), from the chosen records (``picked``) with the
    entries of as few of the newest chosen meetings as give them; else None. ``rules``: the typed
    words' (``search_raw.Rule``); ``texts``: the searched texts of every meeting."""
    from herford_tui.domain.search_index import Kind, KindIndex

    names = look.names()
    if any(w not in fuzzy and not look.named(w) and not look.words().has_start(w) for w in words):
        return None  # a typo after all (its bytes matched inside words): the caller tells it
    close = {w: look.words().close_to(w) for w in fuzzy}

    def bounds(every: Callable[[], KindIndex] | None) -> dict[Kind, int]:
        return {kind: sum(most_earned(w, close.get(w), *names[kind], every) for w in words) for kind in Kind}

    # Every word of the file (x10: 0.15 s to cut) only if a whole word outside names decides it.
    most, low = bounds(None), bounds(KindIndex)
    if any(most[kind] != low[kind] for kind in Kind if most[kind] == max(most.values())):
        most = bounds(look.words)
    top = max(most.values())
    # The first hits of the kinds up to meetings, one kind at a time, the one whose entries can
    # have the most points first: the answer when no entry of a kind not searched can rank before
    # the last of ``limit`` (it can have fewer points, or as many and come later by kind).
    # "Kreis Herfrod": ten organisations "… Kreis Herford" with 8 points; a person, a meeting at
    # "Kreishaus Herford" or an agenda item can have 6 (the organisations' persons not indexed).
    hits: list[Match] = []
    left = list(Kind)
    for kind in sorted((kind for kind in Kind if kind <= Kind.MEETING), key=lambda kind: -most[kind]):
        heads = _heads(look, picked, rules, texts, (kind,), words, fuzzy)
        hits = sorted([*hits, *_hits(heads, query, (kind,), words, fuzzy, limit)], key=lambda m: (-m.points, m.kind))
        del hits[limit:]
        if any(m.points > top for m in hits):
            return None  # more than ``most_earned`` says any entry can have: never so
        left = [other for other in left if other != kind]
        if len(hits) == limit and all(_after(most[other], other, hits[-1]) for other in left):
            return hits
    # Else the hits of ``top`` points (the other kinds have none), then of the first later kind
    # that can have them, from the newest meetings.
    hits = [m for m in hits if m.points == top]
    later = [kind for kind in Kind if kind > Kind.MEETING and most[kind] == top]
    if not later:
        return None
    return _newest(look, later[0], picked.meetings, rules, texts, query, words, fuzzy, limit, top, hits)


def _after(most: int, kind: Kind, last: Match) -> bool:
    """Whether every hit of ``kind``, which can have ``most`` points, ranks after ``last``."""
    return most < last.points or (most == last.points and kind > last.kind)


def _hits(
    heads: Snapshot, query: str, kinds: Sequence[Kind], words: list[str], fuzzy: set[str], limit: int
) -> list[Match]:
    """The first ``limit`` hits of ``kinds`` in ``heads`` (the chosen records of those kinds), as the
    whole search ranks them. A word that is no typo (not in ``fuzzy``) but starts no token of
    theirs is in none of them: no hit (the search of these kinds alone would take it for a typo)."""
    from herford_tui.domain.search import search
    from herford_tui.domain.search_index import index_of

    index = index_of(heads)
    if any(w not in fuzzy and not any(index.kind(kind).has_start(w) for kind in kinds) for w in words):
        return []
    return search(heads, query, kinds, limit=limit)


def _heads(
    look: Look, picked: Chosen, rules: Sequence[Rule], texts: Mapping[int, MeetingText], kinds: Sequence[Kind],
    words: list[str], fuzzy: set[str],
) -> Snapshot:  # fmt: skip
    """The chosen records of the first ``kinds``, indexed: a meeting as its own entry (committee,
    date, place), of those where it may hold every word."""
    from herford_tui.domain.search_index import Kind, index_of
    from herford_tui.domain.search_raw import own_entry, own_may_match, part

    file = look.file
    persons = picked.persons & file.person_org.keys() if Kind.PERSON in kinds else set()
    links = {i for i, link in file.links.items() if link.person_id in persons}  # their committees
    own = {}
    if Kind.MEETING in kinds:
        own = {i: own_entry(i, texts[i]) for i in picked.meetings if own_may_match(texts[i], rules)}
    organisations = picked.organisations if Kind.ORGANISATION in kinds else set()
    heads = part(
        file.snapshot, organisations, file.records("persons", persons), file.records("memberships", links), own
    )
    index_of(heads, look.keep(words, fuzzy))  # only the tokens these words can match
    return heads


def _newest(
    look: Look, kind: Kind, chosen: Iterable[int], rules: Sequence[Rule], texts: Mapping[int, MeetingText],
    query: str, words: list[str], fuzzy: set[str], limit: int, top: int, hits: list[Match],
) -> list[Match] | None:  # fmt: skip
    """``hits`` and the entries of ``kind`` of ``top`` points, newest meeting first, up to ``limit``;
    None if the newest ``BUDGET`` meetings do not have enough (the kinds before ``kind`` have none,
    so they come right after ``hits``). Of a meeting none of whose entries may hold every word
    (``agenda_may_match``) nothing is indexed."""
    from herford_tui.domain.search import search
    from herford_tui.domain.search_index import Kind, index_of
    from herford_tui.domain.search_raw import agenda_may_match, part, searched_part

    file = look.file
    keep = look.keep(words, fuzzy)
    newest = sorted(chosen, key=lambda i: (texts[i].date or date.min, i), reverse=True)
    at, size = 0, BATCH
    while at < min(len(newest), BUDGET):
        batch = {i: searched_part(i, texts[i]) for i in newest[at : at + size] if agenda_may_match(texts[i], rules)}
        at, size = at + size, size * 2
        persons: set[int] = set()
        if kind is Kind.TASK:  # a task is found by its person's name
            persons = {
                t.person_id for m in batch.values() for item in m.agenda for t in item.tasks if t.person_id is not None
            }
        entries = part(file.snapshot, set(), file.records("persons", persons), {}, batch)
        index_of(entries, keep)
        more = _at(search(entries, query, (kind,), limit=limit - len(hits)), top)
        if more is None:
            return None
        hits = [*hits, *more]
        if len(hits) >= limit:
            return hits
    return None  # fewer such hits in the newest meetings: every chosen meeting is indexed


def _at(found: Iterable[Match], top: int) -> list[Match] | None:
    """The hits of ``top`` points (the first ones: the search ranks by points); None if one has more,
    which ``most_earned`` says no entry can have (so this way never answers otherwise than the whole)."""
    found = list(found)
    if any(m.points > top for m in found):
        return None
    return [m for m in found if m.points == top]


BATCH = 32
"""Meetings in the first batch whose agenda items are indexed; each next batch is twice as big."""
BUDGET = 500
"""After how many of the newest chosen meetings without ``limit`` such hits the way is given up
(x10: a fortieth of the meetings, about 0.05 s of indexing; "protokoll" and "aus" take 32)."""
