"""The in-memory search index of one snapshot: folded word keys, built once, looked up per keystroke.

Every record is cut into *tokens*: the words of its searchable fields, folded with
``match_key`` (Müller = Mueller = muller, Straße = strasse) and split at anything that is
not a letter or digit ("Demo-Grundschule" gives "demo" and "grundschule"). A meeting's
date becomes one token ``12.3.2026`` plus its month name and year, so "12.3." and
"März" find it. Per kind of record the index keeps the sorted vocabulary and, per token,
the positions of the records that contain it, split into the *primary* field (the name)
and the rest. A typed word then costs a binary search in the vocabulary and a union of
position lists, never a pass that folds every record again.

The index of a snapshot is built on first use and kept as long as the snapshot lives
(snapshots are immutable by convention: a change makes a new one).
"""

from __future__ import annotations

import bisect
import enum
import heapq
import re
import threading
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice
from typing import Protocol

from herford_tui.domain.directory import person_sort_key
from herford_tui.domain.fold import match_key, sort_key
from herford_tui.domain.labels import DECISION_RESULT, MONTHS, ORG_TYPE, date_parts
from herford_tui.domain.models import (
    AgendaItem,
    Committee,
    Decision,
    DecisionResult,
    Meeting,
    Organisation,
    Person,
    Task,
)
from herford_tui.domain.pacing import collector_paused, pace, taken
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import searchable


class Kind(enum.IntEnum):
    """What a hit is; the order is the order of equally good hits."""

    COMMITTEE = 0
    PERSON = 1
    ORGANISATION = 2
    MEETING = 3
    AGENDA_ITEM = 4
    MINUTES = 5
    """A meeting's minutes or an agenda item's (``Entry.item``)."""
    DECISION = 6
    TASK = 7


# Points a typed word earns in a record: whole word > word start > close fuzzy; a bonus (less
# than the gap between those) for a match in the name, a bigger one where the name begins.
EXACT, PREFIX, FUZZY, IN_NAME, AT_START = 6, 3, 0, 1, 2


def most_points(fuzzy: bool) -> int:
    """The most points one typed word can earn in an entry (a whole word where the name begins)."""
    return (FUZZY if fuzzy else EXACT) + AT_START


PACE_EVERY = 64
"""Entries (about a millisecond of work) between two looks at the other threads in a paced build."""

_SPLIT = re.compile(r"[^\w.]+|(?<!\d)\.|\.(?!\d)")
"""Cut at everything but letters, digits and dots between digits (dates stay one token)."""


def date_token(day: date) -> str:
    """The one token that stands for a day: 12.3.2026 (no leading zeros)."""
    return f"{day.day}.{day.month}.{day.year}"


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """The folded words of a stored text (cached: names, titles and places repeat a lot); escape
    sequences and other hidden characters taken out first (``text.searchable``), so a name is
    found by the letters it reads with."""
    return tuple(t for t in _SPLIT.split(match_key(searchable(text))) if t)


def query_words(text: str) -> list[str]:
    """The folded words of what was typed; a typed date (``date_parts``: 12.3., 12.03, 12.3.26,
    12.03.2026) becomes the prefix of a date token: without a year, that day in any year."""
    words: list[str] = []
    for chunk in text.split():
        found = date_parts(chunk)
        if found:
            day, month, year = found
            words.append(f"{day}.{month}.{year or ''}")
        else:
            words.extend(tokens(chunk))
    return words


def date_tokens(day: date | None) -> list[str]:
    return list(_date_words(day))


@lru_cache(maxsize=4096)
def _date_words(day: date | None) -> tuple[str, ...]:
    if day is None:
        return ()
    return (date_token(day), match_key(MONTHS[day.month - 1]), str(day.year))


KIND_WORDS = {Kind.MINUTES: "Protokoll", Kind.DECISION: "Beschluss", Kind.TASK: "Aufgabe"}
"""The word that finds every entry of a kind besides its text ("Protokoll": all minutes)."""
TASK_STATES = {True: "erledigt", False: "offen"}
"""The word that finds a task by whether it is done."""


class _DecisionLike(Protocol):
    @property
    def result(self) -> DecisionResult: ...


class _TaskLike(Protocol):
    @property
    def due(self) -> date | None: ...
    @property
    def done(self) -> bool: ...


class _ItemLike(Protocol):
    @property
    def minutes(self) -> str: ...
    @property
    def decisions(self) -> Sequence[_DecisionLike]: ...
    @property
    def tasks(self) -> Sequence[_TaskLike]: ...


class MeetingLike(Protocol):
    """What the tokens a meeting's entries are given are made from (a ``Meeting`` or a light struct)."""

    @property
    def date(self) -> date | None: ...
    @property
    def minutes(self) -> str: ...
    @property
    def agenda(self) -> Sequence[_ItemLike]: ...


def has_minutes(text: str) -> bool:
    """Whether a minutes text makes an entry of its own."""
    return bool(text.strip())


def result_token(decision: _DecisionLike) -> str:
    return match_key(DECISION_RESULT[decision.result])


def state_token(task: _TaskLike) -> str:
    return match_key(TASK_STATES[task.done])


def made_up_words(m: MeetingLike) -> set[str]:
    """Every token the builders below give the entries of meeting ``m`` that is not stored text
    (its date's and its tasks' due dates' tokens, the kind words, results and task states), for
    the quick ``suche``, which finds stored text in the file's bytes but these only here."""
    found = set(_date_words(m.date))
    minutes = has_minutes(m.minutes)
    for item in m.agenda:  # one loop, no generators: this runs over every agenda item at x10
        if not minutes and has_minutes(item.minutes):
            minutes = True
        if item.decisions:
            found.add(match_key(KIND_WORDS[Kind.DECISION]))
            for decision in item.decisions:
                found.add(result_token(decision))
        if item.tasks:
            found.add(match_key(KIND_WORDS[Kind.TASK]))
            for task in item.tasks:
                found.add(state_token(task))
                found.update(_date_words(task.due))
    if minutes:
        found.add(match_key(KIND_WORDS[Kind.MINUTES]))
    return found


def max_typos(word: str) -> int:
    """How many typos a typed word may have and still match: none for short words."""
    if len(word) < 4 or word[0].isdigit():
        return 0
    return 1 if len(word) < 7 else 2


@dataclass(frozen=True)
class Entry:
    """One searchable thing: a record (and for an agenda item, the item within its meeting)."""

    kind: Kind
    record: Committee | Person | Organisation | Meeting
    item: AgendaItem | None = None
    detail: Decision | Task | None = None
    """For a decision or a task: which one of the item's."""


@dataclass
class KindIndex:
    """Tokens of all records of one kind, in display order (ties keep this order)."""

    entries: list[Entry] = field(default_factory=list)
    lead: defaultdict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    primary: defaultdict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    secondary: defaultdict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    terms: list[tuple[tuple[str, int], ...]] = field(default_factory=list)
    """Per entry: its (token, bonus) pairs, for checking one more word against few candidates."""
    vocabulary: list[str] = field(default_factory=list)
    _truncated: dict[int, list[str]] = field(default_factory=dict)
    _pairs: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)
    keep: Callable[[str], object] | None = None
    """Only the tokens it keeps are indexed, and an entry with none is left out (the quick ``suche``:
    the tokens its typed words can match). What a search of those words finds is the same: an
    entry left out matches none of them, the others keep their order and their tokens' bonus."""

    def add(self, entry: Entry, names: Iterable[str], other_tokens: Iterable[str]) -> None:
        """``names``: the texts that name the entry (their first words rank highest); then the rest."""
        name_tokens = [tokens(name) for name in names]
        bonus: dict[str, int] = {}  # token -> its best bonus in this entry (first one set wins)
        keep = self.keep
        if keep is None:
            for words in name_tokens:
                if words:
                    bonus.setdefault(words[0], AT_START)
            for words in name_tokens:
                for token in words:
                    bonus.setdefault(token, IN_NAME)
            for token in other_tokens:
                bonus.setdefault(token, 0)
        else:  # the same bonus for each token kept (a name's first word is its first, kept or not)
            for words in name_tokens:
                if words and keep(words[0]):
                    bonus.setdefault(words[0], AT_START)
            for words in name_tokens:
                for token in filter(keep, words):
                    bonus.setdefault(token, IN_NAME)
            for token in filter(keep, other_tokens):
                bonus.setdefault(token, 0)
            if not bonus:
                return
        position = len(self.entries)
        self.entries.append(entry)
        by_bonus = {AT_START: self.lead, IN_NAME: self.primary, 0: self.secondary}
        for token, value in bonus.items():
            by_bonus[value][token].append(position)
        pairs = self._pairs  # shared tuples: a hundred thousand agenda items repeat a few titles
        self.terms.append(tuple(pairs.setdefault(pair, pair) for pair in bonus.items()))
        if not position % PACE_EVERY:
            pace()  # the warm-up thread steps back while the event loop needs the interpreter

    def finish(self) -> None:
        self._pairs = {}
        self.vocabulary = sorted(self.lead.keys() | self.primary.keys() | self.secondary.keys())

    # -- look-ups ------------------------------------------------------------------------
    def starting_with(self, word: str) -> list[str]:
        """Tokens that start with ``word`` (a binary search in the sorted vocabulary)."""
        low = bisect.bisect_left(self.vocabulary, word)
        high = bisect.bisect_left(self.vocabulary, word + "\U0010ffff", low)
        return self.vocabulary[low:high]

    @classmethod
    def of_words(cls, words: Iterable[str]) -> KindIndex:
        """An index of words without entries: ``has_start`` and ``close_to`` over them (the quick
        ``suche`` asks the search's own questions of every word of a file)."""
        return cls(vocabulary=sorted(set(words)))

    def close_to(self, word: str) -> list[str]:
        """Tokens within a typo or two of ``word``, as a whole word or as the start of a longer one."""
        typos = max_typos(word)
        if not typos:
            return []
        # Imported here, not at the top: rapidfuzz costs ~15 ms and the app imports this module
        # at every start. The index build imports it ahead (see ``SearchIndex.kind``), so a
        # keystroke only looks the module up.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        close = process.extract(word, self.vocabulary, scorer=OSA.distance, score_cutoff=typos, limit=None)
        found = {token for token, _, _ in close}
        if len(word) >= 5:  # a typo in a word not typed to its end
            starts = self._truncated.get(len(word))
            if starts is None:
                starts = self._truncated.setdefault(len(word), [t[: len(word)] for t in self.vocabulary])
            for _, _, i in process.extract(word, starts, scorer=OSA.distance, score_cutoff=1, limit=None):
                found.add(self.vocabulary[i])
        return sorted(found)

    def matching(self, word: str, fuzzy: bool) -> tuple[str | None, list[str], set[str]]:
        """(the exact token or None, tokens the word starts, fuzzy tokens) for one typed word."""
        prefixed = self.starting_with(word)
        if prefixed:
            exact = prefixed[0] if prefixed[0] == word else None
            return exact, prefixed[1:] if exact else prefixed, set()
        return None, [], set(self.close_to(word)) if fuzzy else set()

    def tiers(self, word: str, fuzzy: bool) -> list[tuple[int, list[list[int]]]]:
        """(points, position lists) for one word, best points first; lists are in display order."""
        exact, prefixed, close = self.matching(word, fuzzy)
        found: list[tuple[int, list[list[int]]]] = []
        for base, words in ((EXACT, [exact] if exact else []), (PREFIX, prefixed), (FUZZY, sorted(close))):
            for bonus, postings in ((AT_START, self.lead), (IN_NAME, self.primary), (0, self.secondary)):
                lists = [postings[t] for t in words if t in postings]
                if lists:
                    found.append((base + bonus, lists))
        return found

    def points(self, word: str, fuzzy: bool) -> dict[int, int]:
        """Position → points for one typed word (records without the word are missing)."""
        scores: dict[int, int] = {}
        for value, lists in self.tiers(word, fuzzy):  # best first: a position keeps its first points
            for positions in lists:
                for position in positions:
                    if position not in scores:
                        scores[position] = value
        return scores

    def word_points(self, position: int, word: str, close: set[str]) -> int:
        """Points of one more word for one entry; -1 if the entry lacks it."""
        best = -1
        for token, bonus in self.terms[position]:
            if token.startswith(word):
                value = (EXACT if token == word else PREFIX) + bonus
            elif token in close:
                value = FUZZY + bonus
            else:
                continue
            if value > best:
                best = value
        return best

    def size(self, word: str, fuzzy: bool) -> int:
        """How many positions the word's tokens list (a cheap estimate of its cost)."""
        return sum(len(p) for _, lists in self.tiers(word, fuzzy) for p in lists)

    def has_start(self, word: str) -> bool:
        return bool(self.starting_with(word))


class SearchIndex:
    """The folded tokens of every searchable record of one snapshot, built per kind on first use."""

    def __init__(self, snapshot: Snapshot, keep: Callable[[str], object] | None = None):
        """``keep``: only the tokens it keeps (``KindIndex.keep``)."""
        self._snapshot = weakref.ref(snapshot)  # the cache must not keep a snapshot alive
        self._kinds: dict[Kind, KindIndex] = {}
        self._lock = threading.Lock()
        self._keep = keep

    def kind(self, kind: Kind) -> KindIndex:
        index = self._kinds.get(kind)
        if index is not None:
            return index
        with taken(self._lock):  # held by the warm-up thread's paced build: hurried
            if kind not in self._kinds:
                snapshot = self._snapshot()
                assert snapshot is not None, "index of a snapshot that is gone"
                kept = _kept_from_origin(snapshot, kind)
                if kept is not None:
                    self._kinds[kind] = kept
                    return kept
                built = KindIndex(keep=self._keep)
                # rapidfuzz for ``close_to``, imported with the build (the app's warm-up thread)
                # rather than on the first keystroke that needs it.
                import rapidfuzz.process  # noqa: F401

                with collector_paused():
                    _BUILDERS[kind](built, snapshot)
                    built.finish()
                self._kinds[kind] = built
            return self._kinds[kind]

    # -- searching ---------------------------------------------------------------------------
    def best(self, words: list[str], kinds: Iterable[Kind], limit: int | None) -> list[tuple[int, Kind, int]]:
        """(points, kind, position) of the entries of ``kinds`` matching all ``words``, best first.

        A word that starts a token in any of the searched kinds is taken literally; only a
        word found nowhere (a typo) falls back to close fuzzy matches. Ties keep the order
        of ``kinds`` and the display order within a kind.
        """
        kinds = tuple(kinds)
        chosen = [self.kind(k) for k in kinds]
        fuzzy = [not any(index.has_start(w) for index in chosen) for w in words]
        if not words:
            every = ((0, kind, p) for kind, index in zip(kinds, chosen, strict=True) for p in range(len(index.entries)))
            return list(islice(every, limit))
        if len(words) == 1 and limit is not None:
            return self._best_of_one(words[0], fuzzy[0], kinds, limit)
        found: list[tuple[int, Kind, int]] = []
        for kind, index in zip(kinds, chosen, strict=True):
            found += self._all_matches(index, kind, words, fuzzy)
        found.sort(key=lambda hit: (-hit[0], hit[1], hit[2]))
        return found if limit is None else found[:limit]

    def _best_of_one(self, word: str, fuzzy: bool, kinds: tuple[Kind, ...], limit: int) -> list[tuple[int, Kind, int]]:
        """The first ``limit`` hits of one word without scoring every match (a first letter matches
        a hundred thousand agenda items at x10): walk the tiers best first, the position lists of
        a tier merged lazily in display order."""
        tiers = {kind: dict(self.kind(kind).tiers(word, fuzzy)) for kind in kinds}
        levels = sorted({value for per_kind in tiers.values() for value in per_kind}, reverse=True)
        seen: dict[Kind, set[int]] = {kind: set() for kind in kinds}
        found: list[tuple[int, Kind, int]] = []
        for value in levels:
            for kind in kinds:
                lists = tiers[kind].get(value)
                if not lists:
                    continue
                for position in heapq.merge(*lists):
                    if position in seen[kind]:
                        continue
                    seen[kind].add(position)
                    found.append((value, kind, position))
                    if len(found) == limit:
                        return found
        return found

    def _all_matches(
        self, index: KindIndex, kind: Kind, words: list[str], fuzzy: list[bool]
    ) -> list[tuple[int, Kind, int]]:
        """Every entry matching all words: the rarest word lists candidates, the others are checked
        on each candidate's own tokens (cheaper than listing a common word's hundred thousand)."""
        order = sorted(range(len(words)), key=lambda i: index.size(words[i], fuzzy[i]))
        driver = order[0]
        candidates = index.points(words[driver], fuzzy[driver])
        others = [(words[i], index.matching(words[i], fuzzy[i])[2]) for i in order[1:]]
        found = []
        for position, points in candidates.items():
            total = points
            for word, close in others:
                more = index.word_points(position, word, close)
                if more < 0:
                    break
                total += more
            else:
                found.append((total, kind, position))
        return found


# -- what is searchable per kind ------------------------------------------------------------
def _add_committees(index: KindIndex, snapshot: Snapshot) -> None:
    for c in snapshot.active_committees():
        index.add(Entry(Kind.COMMITTEE, c), [c.name, c.short_name], tokens(c.purpose))


def _add_persons(index: KindIndex, snapshot: Snapshot) -> None:
    committees_of: dict[int, set[str]] = {}
    for m in snapshot.memberships.values():
        committee = snapshot.committees.get(m.committee_id)
        if m.end is None and committee is not None and not committee.archived:
            committees_of.setdefault(m.person_id, set()).add(committee.name)
    for p in sorted(snapshot.persons.values(), key=person_sort_key):
        org = snapshot.organisations.get(p.organisation_id) if p.organisation_id else None
        others = [*tokens(p.title), *tokens(p.function), *(tokens(org.name) if org else ())]
        for name in committees_of.get(p.id, ()):
            others += tokens(name)
        index.add(Entry(Kind.PERSON, p), [p.family_name, p.given_name], others)


def _add_organisations(index: KindIndex, snapshot: Snapshot) -> None:
    for o in sorted(snapshot.organisations.values(), key=lambda o: (sort_key(o.name), o.id)):
        others = [*tokens(ORG_TYPE[o.type]), match_key(o.type.value), *tokens(o.municipality)]
        index.add(Entry(Kind.ORGANISATION, o), [o.name], others)


def _ordered_meetings(snapshot: Snapshot) -> list[Meeting]:
    # Newest first: the next and the last meetings are the ones asked about.
    return sorted(snapshot.meetings.values(), key=lambda m: (m.date or date.min, m.id), reverse=True)


def _committee_names(snapshot: Snapshot) -> dict[int, list[str]]:
    return {c.id: [c.name, c.short_name] for c in snapshot.committees.values()}


def _add_meetings(index: KindIndex, snapshot: Snapshot) -> None:
    names = _committee_names(snapshot)
    keep = index.keep
    for m in _ordered_meetings(snapshot):
        named = [*names.get(m.committee_id, ()), *date_tokens(m.date)]
        others = tokens(m.location)
        if keep is not None and not any(map(keep, [*(t for name in named for t in tokens(name)), *others])):
            continue  # narrowed: left out before it is made, as ``add`` would leave it out
        index.add(Entry(Kind.MEETING, m), named, others)


def _add_agenda_items(index: KindIndex, snapshot: Snapshot) -> None:
    names = _committee_names(snapshot)
    keep = index.keep
    for m in _ordered_meetings(snapshot):
        if not m.agenda:
            continue  # its context is not made: the quick suche indexes many meetings without agenda
        context = [t for name in names.get(m.committee_id, ()) for t in tokens(name)] + date_tokens(m.date)
        # Narrowed (``KindIndex.keep``): an item is left out before it is made when neither its
        # title nor the meeting's context has a token kept, as ``add`` would leave it out
        # (x10: 56,000 items, most of which a typed word is not in).
        titles_only = keep is not None and not any(map(keep, context))
        for item in m.agenda:
            if titles_only and keep is not None and not any(map(keep, tokens(item.title))):
                continue
            index.add(Entry(Kind.AGENDA_ITEM, m, item), [item.title], context)


def _meeting_context(m: Meeting, names: dict[int, list[str]], word: str) -> list[str]:
    """What finds a minutes, decision or task entry besides its own text: the kind's word
    ("protokoll"), the meeting's committee and its date."""
    return [match_key(word), *(t for name in names.get(m.committee_id, ()) for t in tokens(name)), *date_tokens(m.date)]


def _add_minutes(index: KindIndex, snapshot: Snapshot) -> None:
    names = _committee_names(snapshot)
    for m in _ordered_meetings(snapshot):
        if not m.agenda and not has_minutes(m.minutes):
            continue
        context = _meeting_context(m, names, KIND_WORDS[Kind.MINUTES])
        if has_minutes(m.minutes):
            index.add(Entry(Kind.MINUTES, m), [], [*tokens(m.minutes), *context])
        for item in m.agenda:
            if has_minutes(item.minutes):
                index.add(Entry(Kind.MINUTES, m, item), [item.title], [*tokens(item.minutes), *context])


def _add_decisions(index: KindIndex, snapshot: Snapshot) -> None:
    names = _committee_names(snapshot)
    for m in _ordered_meetings(snapshot):
        if not any(item.decisions for item in m.agenda):
            continue
        context = _meeting_context(m, names, KIND_WORDS[Kind.DECISION])
        for item in m.agenda:
            for decision in item.decisions:
                result = result_token(decision)
                index.add(
                    Entry(Kind.DECISION, m, item, decision), [decision.text], [*tokens(item.title), result, *context]
                )


def _add_tasks(index: KindIndex, snapshot: Snapshot) -> None:
    names = _committee_names(snapshot)
    for m in _ordered_meetings(snapshot):
        if not any(item.tasks for item in m.agenda):
            continue
        context = _meeting_context(m, names, KIND_WORDS[Kind.TASK])
        for item in m.agenda:
            for task in item.tasks:
                person = snapshot.persons.get(task.person_id) if task.person_id is not None else None
                who = [*tokens(person.family_name), *tokens(person.given_name)] if person else []
                extra = [*who, *tokens(item.title), state_token(task), *date_tokens(task.due), *context]
                index.add(Entry(Kind.TASK, m, item, task), [task.what], extra)


_SOURCES: dict[Kind, frozenset[str]] = {
    Kind.COMMITTEE: frozenset({"committees"}),
    Kind.PERSON: frozenset({"persons", "memberships", "committees", "organisations"}),
    Kind.ORGANISATION: frozenset({"organisations"}),
    Kind.MEETING: frozenset({"meetings", "committees"}),
    Kind.AGENDA_ITEM: frozenset({"meetings", "committees"}),
    Kind.MINUTES: frozenset({"meetings", "committees"}),
    Kind.DECISION: frozenset({"meetings", "committees"}),
    Kind.TASK: frozenset({"meetings", "committees", "persons"}),
}
"""The tables each kind's index is built from: a change elsewhere leaves it as it was."""


def _kept_from_origin(snapshot: Snapshot, kind: Kind) -> KindIndex | None:
    """The index of ``kind`` already built for the snapshot this one was made from, if none of
    its tables changed: after a save at x10 that spares seconds of CPU in the warm-up thread."""
    origin = snapshot.origin()
    if origin is None:
        return None
    changed = origin[1] & _SOURCES[kind]
    if changed and not (kind is Kind.PERSON and changed == {"memberships"} and _same_seats(origin[0], snapshot)):
        return None
    with _lock:
        cached = _indexes.get(id(origin[0]))
    if cached is None or cached[0]() is not origin[0]:
        return None
    return cached[1]._kinds.get(kind)


def _same_seats(older: Snapshot, newer: Snapshot) -> bool:
    """True if every person sits in the same open memberships' committees in both: all the person
    index reads of the memberships (``_add_persons``). A save of a member's "vertritt", seat, role,
    start or note keeps it; at x10 rebuilding it took a second of the warm-up thread after each
    save, beside the next one. The records of unchanged memberships are the very same objects."""
    old, new = older.memberships, newer.memberships
    if len(old) != len(new):
        return False  # one added or deleted: built again
    for key, m in new.items():
        o = old.get(key)
        if o is m:
            continue
        if o is None or (o.person_id, o.committee_id, o.end is None) != (m.person_id, m.committee_id, m.end is None):
            return False
    return True


_BUILDERS = {
    Kind.COMMITTEE: _add_committees,
    Kind.PERSON: _add_persons,
    Kind.ORGANISATION: _add_organisations,
    Kind.MEETING: _add_meetings,
    Kind.AGENDA_ITEM: _add_agenda_items,
    Kind.MINUTES: _add_minutes,
    Kind.DECISION: _add_decisions,
    Kind.TASK: _add_tasks,
}


# -- one index per snapshot ---------------------------------------------------------------
_indexes: dict[int, tuple[weakref.ref[Snapshot], SearchIndex]] = {}
_lock = threading.RLock()  # reentrant: a finalizer may run during a build in this thread


def keeping(starts: Iterable[str], words: Iterable[str] = ()) -> Callable[[str], object]:
    """A ``KindIndex.keep`` for the tokens that start with one of ``starts`` or are one of ``words``:
    a compiled pattern's ``match``, which ``filter`` calls without a Python frame (a lambda per
    token took a third of a narrowed build)."""
    import re

    choices = [*(re.escape(start) for start in starts), *(re.escape(word) + r"\Z" for word in words)]
    if not choices:
        return lambda token: False
    return re.compile("|".join(sorted(choices, key=len, reverse=True))).match


def index_of(snapshot: Snapshot, keep: Callable[[str], object] | None = None) -> SearchIndex:
    """The index of ``snapshot``, built on first use (thread-safe; searches run in workers).

    ``keep``: if the index is made now, only the tokens it keeps (``KindIndex.keep``; a snapshot
    made for one search, whose searches all ask for words ``keep`` keeps)."""
    key = id(snapshot)
    with _lock:
        cached = _indexes.get(key)
        if cached is not None and cached[0]() is snapshot:
            return cached[1]
        index = SearchIndex(snapshot, keep)
        _indexes[key] = (weakref.ref(snapshot), index)
        weakref.finalize(snapshot, _forget, key)
        return index


def _forget(key: int) -> None:
    with _lock:
        entry = _indexes.get(key)
        if entry is not None and entry[0]() is None:
            del _indexes[key]
