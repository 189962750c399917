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

Whatever this cannot tell returns None, and the caller indexes every chosen meeting as before.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from herford_tui.commands.quick_search import _Look
    from herford_tui.domain.search import Match
    from herford_tui.domain.search_index import KindIndex
    from herford_tui.domain.search_raw import Chosen, MeetingText, Rule


def most_earned(word: str, fuzzy: bool, first: KindIndex, named: KindIndex, every: Callable[[], KindIndex]) -> int:
    """The most points ``word`` can earn in any entry (``search_index``: a whole word beats a word
    start, a match where a name begins beats one inside a name beats one elsewhere).

    ``first``, ``named``: the first words and every word of the texts that name entries
    (``search_raw.name_words``); ``every``: every word of the file (asked only if needed)."""
    from herford_tui.domain.search_index import AT_START, EXACT, IN_NAME, PREFIX, most_points

    if fuzzy:
        return most_points(True)
    if _holds(first, word):
        return EXACT + AT_START
    if _holds(named, word):
        return EXACT + IN_NAME
    if _holds(every(), word):
        return EXACT
    if first.has_start(word):
        return PREFIX + AT_START
    if named.has_start(word):
        return PREFIX + IN_NAME
    return PREFIX


def _holds(words: KindIndex, word: str) -> bool:
    return words.starting_with(word)[:1] == [word]


def first_hits(
    look: _Look, picked: Chosen, rules: Sequence[Rule], texts: Mapping[int, MeetingText], query: str,
    words: list[str], fuzzy: set[str], limit: int,
) -> list[Match] | None:  # fmt: skip
    """The answer if its ``limit`` hits all have the most points any entry can have (see above),
    from the chosen records (``picked``) with the agenda items of as few of the newest chosen
    meetings as give them; else None. ``texts``: the searched texts of every meeting."""
    from herford_tui.commands.quick_search import _own_entry, _searched_part
    from herford_tui.domain.search import search
    from herford_tui.domain.search_index import Kind, index_of
    from herford_tui.domain.search_raw import own_may_match, part

    first, named = look.names()
    if any(w not in fuzzy and not named.has_start(w) and not look.words().has_start(w) for w in words):
        return None  # a typo after all (its bytes matched inside words): the caller tells it
    top = sum(most_earned(word, word in fuzzy, first, named, look.words) for word in words)
    file, small = look.file, look.file.snapshot
    keep = look.keep(words, fuzzy)  # only the tokens these words can match
    persons = picked.persons & file.person_org.keys()
    links = {i for i, link in file.links.items() if link.person_id in persons}  # their committees
    # a meeting's own entry (committee, date, place), of those where it may hold every word
    own = {i: _own_entry(i, texts[i]) for i in picked.meetings if own_may_match(texts[i], rules)}
    heads = part(small, picked.organisations, file.records("persons", persons), file.records("memberships", links), own)
    index_of(heads, keep)
    kinds = (Kind.COMMITTEE, Kind.PERSON, Kind.ORGANISATION, Kind.MEETING)
    hits = _at(search(heads, query, kinds, limit=limit), top)
    if hits is None or len(hits) >= limit:
        return hits
    newest = sorted(picked.meetings, key=lambda i: (texts[i].date or date.min, i), reverse=True)
    at, size = 0, BATCH
    while at < min(len(newest), BUDGET):
        batch = {i: _searched_part(i, texts[i]) for i in newest[at : at + size]}
        at, size = at + size, size * 2
        items = part(small, set(), {}, {}, batch)  # an agenda item's entry reads no person
        index_of(items, keep)
        more = _at(search(items, query, (Kind.AGENDA_ITEM,), limit=limit - len(hits)), top)
        if more is None:
            return None
        hits += more
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
BUDGET = 2000
"""After how many of the newest chosen meetings without ``limit`` such hits the way is given up
(x10: a tenth of the meetings, about 0.15 s of indexing)."""
