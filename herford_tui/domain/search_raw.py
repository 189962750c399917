"""Which stored records can hold a typed word, told from the file's bytes without decoding them.

``herford-tui suche`` at x10 would decode 78 MB and index 170,000 entries for one look-up. Here
each typed word becomes a byte pattern that matches every way the word can be written in the
file (the search folds case, umlauts and ae/oe/ue: "muller" is found in "Müller", "MUELLER",
"mueller"), so only records whose bytes match are decoded and indexed. The pattern may match
more than the search does (inside a word, in a field that is not searched): those records are
indexed and do not match; it never misses one, which is what keeps the results the same.

How the search folds (``fold.match_key``): casefold, NFKD, combining marks dropped, then every
"ae", "oe", "ue" becomes "a", "o", "u". So a folded word's letter can stand in the file for
itself in either case, for any character that folds to it (ä, Ä, é, …), and a, o, u for that
followed by one letter that folds to e; "ss" for ß. Characters that fold to nothing, to several
letters or to anything but a-z are *unsure*: a record holding one is always taken. So is one
holding a character the search takes out of the text (``text.searchable``: escape sequences,
soft hyphens, zero-width spaces), whose letters around it join in the index but not in the
bytes (``HIDDEN_BYTES`` for those written as JSON escapes). Other JSON escapes stand for quotes
and backslashes, which end a word anyway.

Tokens the search makes up (month names, dates, labels: not in the file as written) are found
from a few decoded fields instead (``made_up_meetings``). A word is *open* (it filters nothing)
when it has no two plain characters in a row to look for quickly.

A typo (a word that starts no token anywhere) is matched by the search's own fuzzy rule against
every word of the file (``file_words``); the close words are then looked for as above.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Protocol

from herford_tui.domain.fold import match_key
from herford_tui.domain.labels import DECISION_RESULT, MONTHS, ORG_TYPE, person_label
from herford_tui.domain.models import (
    AgendaItem,
    Committee,
    Decision,
    DecisionResult,
    Meeting,
    Membership,
    Organisation,
    OrgType,
    Person,
    Record,
    Task,
)
from herford_tui.domain.search_index import (
    KIND_WORDS,
    TASK_STATES,
    Kind,
    KindIndex,
    date_tokens,
    has_minutes,
    made_up_words,
    result_token,
    state_token,
    tokens,
)
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import searchable

_PLAIN = re.compile(r"[a-z0-9._]+")
"""What a pattern is made of: folded letters, digits, dots (inside a date) and underscores."""


@dataclass(frozen=True)
class RawPattern:
    anchor: bytes
    """Plain letters every match holds (a cheap ``in`` test before the pattern)."""
    pattern: re.Pattern[bytes]
    """Over the file's bytes with ASCII letters lowered (``bytes.lower``)."""


class _DecisionText(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def result(self) -> DecisionResult: ...


class _TaskText(Protocol):
    @property
    def what(self) -> str: ...
    @property
    def person_id(self) -> int | None: ...
    @property
    def due(self) -> date | None: ...
    @property
    def done(self) -> bool: ...


class _ItemText(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def minutes(self) -> str: ...
    @property
    def decisions(self) -> Sequence[_DecisionText]: ...
    @property
    def tasks(self) -> Sequence[_TaskText]: ...


class MeetingText(Protocol):
    """The searched texts of a meeting and what made-up words come from (a ``Meeting`` or the
    store's light struct)."""

    @property
    def committee_id(self) -> int: ...
    @property
    def date(self) -> date | None: ...
    @property
    def location(self) -> str: ...
    @property
    def minutes(self) -> str: ...
    @property
    def agenda(self) -> Sequence[_ItemText]: ...


@lru_cache(maxsize=1)
def made_up_tokens() -> frozenset[str]:
    """The words the search index adds to meetings' entries that are not in the file as written
    (``search_index.made_up_words``: month names, labels of results, the kind words, a task's
    state; besides dates and years, which start with a digit). The labels of organisation types
    are not among them: ``types_named`` finds the organisations of a type instead."""
    texts = [*MONTHS, *DECISION_RESULT.values(), *KIND_WORDS.values(), *TASK_STATES.values()]
    return frozenset(match_key(text) for text in texts)


def made_up_start(word: str) -> bool:
    """Whether a token the index makes up for a meeting may start with ``word``."""
    return word[:1].isdigit() or any(token.startswith(word) for token in made_up_tokens())


def made_up_meetings(word: str, meetings: Mapping[int, MeetingText]) -> set[int]:
    """The meetings one of whose entries has a made-up token starting with ``word``."""
    if not made_up_start(word):
        return set()
    return {i for i, m in meetings.items() if any(token.startswith(word) for token in made_up_words(m))}


def file_words(small: Snapshot, persons: Iterable[_PersonText], meetings: Iterable[MeetingText]) -> KindIndex:
    """Every word the search index of the whole file can hold, and a few more (an archived
    committee's): a word none of these starts is a typo for the whole search too, and its close
    words (``KindIndex.close_to``, the search's fuzzy rule) are among these.

    ``small``: every committee and organisation; ``persons``: the searched texts of every
    person; ``meetings``: every meeting with its searched texts (``store.partial.SearchFile.texts``).
    The search's builders (``search_index.py``) read no other stored text; a test holds this.
    """
    texts = {text for p in persons for text in (p.title, p.given_name, p.family_name, p.function)}
    for c in small.committees.values():
        texts.update((c.name, c.short_name, c.purpose))
    found: set[str] = set()
    for o in small.organisations.values():
        texts.update((o.name, o.municipality, ORG_TYPE[o.type]))
        found.add(match_key(o.type.value))
    meetings = list(meetings)
    found = found.union(*map(made_up_words, meetings))
    items = [item for m in meetings for item in m.agenda]  # set comprehensions: C loops at x10
    texts |= {m.location for m in meetings} | {m.minutes for m in meetings}
    texts |= {item.title for item in items} | {item.minutes for item in items}
    texts |= {d.text for item in items for d in item.decisions} | {t.what for item in items for t in item.tasks}
    for text in texts:
        found.update(tokens(text))
    return KindIndex.of_words(found)


def name_words(
    small: Snapshot, persons: Iterable[_PersonText], meetings: Iterable[MeetingText]
) -> dict[Kind, tuple[KindIndex, KindIndex]]:
    """Per kind (the first words, every word) of the texts that name its entries (``KindIndex.add``'s
    ``names``): a committee's names, a person's, an organisation's; a meeting's committee's names
    and date words; an agenda item's title (a minutes entry's too), a decision's text, a task's.
    A few more (an archived committee's): a typed word that is the first word of none of them
    earns no entry of the kind the most points (a whole word where a name begins), one in none of
    them no name bonus (``quick_first.most_earned``). Arguments as ``file_words``'."""
    meetings = list(meetings)
    items = [item for m in meetings for item in m.agenda]  # set comprehensions: C loops at x10
    committees = {text for c in small.committees.values() for text in (c.name, c.short_name)}
    titles = {item.title for item in items}
    texts = {
        Kind.COMMITTEE: committees,
        Kind.PERSON: {text for p in persons for text in (p.family_name, p.given_name)},
        Kind.ORGANISATION: {o.name for o in small.organisations.values()},
        Kind.MEETING: committees | {word for day in {m.date for m in meetings} for word in date_tokens(day)},
        Kind.AGENDA_ITEM: titles,
        Kind.MINUTES: titles,
        Kind.DECISION: {d.text for item in items for d in item.decisions},
        Kind.TASK: {t.what for item in items for t in item.tasks},
    }  # a date word is a name of its own (``search_index._add_meetings``): its own first word
    found = {}
    for kind, named in texts.items():
        cut = [words for words in map(tokens, named) if words]
        found[kind] = (KindIndex.of_words(w[0] for w in cut), KindIndex.of_words(t for w in cut for t in w))
    return found


def types_named(word: str) -> set[OrgType]:
    """The organisation types whose German label has a token starting with ``word`` (the index
    finds "Jobcenter" in every organisation of the type „Jobcenter / Arbeitsagentur“)."""
    return {kind for kind, label in ORG_TYPE.items() if any(t.startswith(word) for t in tokens(label))}


def fold_of(char: str) -> str:
    """What one character becomes in ``match_key`` before the ae/oe/ue step."""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


HIDDEN_BYTES = (b"\\u00", b"\\b", b"\x7f")
"""How the store writes a character the search takes out of stored text (``text.searchable``)
that is ASCII: a control character as a JSON escape (\\u001b, \\b) or DEL as it is. The letters
around it join in the index, not in the bytes: a record holding one is always taken."""


def unsure(chars: set[str]) -> set[str]:
    """The characters of ``chars`` (non-ASCII) that the patterns do not stand for."""
    found = set()
    for char in chars:
        if searchable(char) != char:  # taken out by the search (a soft hyphen, a C1 control)
            found.add(char)
            continue
        folded = fold_of(char)
        if len(folded) == 1 and folded.isascii() and folded.isalpha():
            continue  # a variant of one letter
        if folded == "ss":
            continue  # ß
        if folded and not any(c.isalnum() or c == "_" for c in folded):
            continue  # punctuation, quotes, dashes, spaces: they end a word as they are
        found.add(char)
    return found


def raw_pattern(word: str, chars: set[str]) -> RawPattern | None:
    """The pattern of one folded typed word over a file whose non-ASCII characters are ``chars``
    (it finds the word in stored text, not in what the index makes up); None if the word is open
    (it filters nothing)."""
    if not _PLAIN.fullmatch(word) or word.count("s") > 6:
        return None
    variants: dict[str, list[bytes]] = {}
    sharp: list[bytes] = []
    for char in sorted(chars):
        folded = fold_of(char)
        if folded == "ss":
            sharp.append(char.encode())
        elif len(folded) == 1 and folded.isascii() and (folded.isalpha() or folded == "."):
            variants.setdefault(folded, []).append(char.encode())  # "．" is a dot in "12．3"
    anchor = max(_plain_runs(word, variants, bool(sharp)), key=len, default="")
    if len(anchor) < 2:
        return None
    source = _sequence(word, 0, variants, sharp)
    return RawPattern(anchor.encode(), re.compile(source))


def _plain_runs(word: str, variants: dict[str, list[bytes]], sharp: bool) -> list[str]:
    """Runs of letters that stand only for themselves and are never followed by an extra e."""
    runs, run = [], ""
    for char in word:
        if char in variants or char in "aou" or (char == "s" and sharp):
            runs.append(run)
            run = ""
        else:
            run += char
    return [*runs, run]


def _letter(char: str, variants: dict[str, list[bytes]]) -> bytes:
    options = [re.escape(char.encode()), *(re.escape(v) for v in variants.get(char, ()))]
    found = b"(?:" + b"|".join(options) + b")"
    if char in "aou":  # "ae" folds to "a": one more e after it
        found += _letter("e", variants) + b"?"
    return found


def _sequence(word: str, at: int, variants: dict[str, list[bytes]], sharp: list[bytes]) -> bytes:
    if at == len(word):
        return b""
    options = []
    ss = b"(?:" + b"|".join(re.escape(s) for s in sharp) + b")" if sharp else b""
    if sharp and word.startswith("ss", at):
        options.append(ss + _sequence(word, at + 2, variants, sharp))
    if sharp and at == len(word) - 1 and word[at] == "s":
        options.append(ss)  # the word ends in the first half of an ß
    options.append(_letter(word[at], variants) + _sequence(word, at + 1, variants, sharp))
    return options[0] if len(options) == 1 else b"(?:" + b"|".join(options) + b")"


# -- from the records a word's pattern matched to the records its search may find ----------------
@dataclass(frozen=True)
class Hits:
    """Per table the ids of the records whose bytes match one word's pattern (or hold an unsure
    character)."""

    committees: frozenset[int]
    organisations: frozenset[int]
    persons: frozenset[int]
    meetings: frozenset[int]
    named: frozenset[int] = frozenset()
    """The organisations whose name holds the word: a person's entry has its organisation's name."""


@dataclass(frozen=True)
class Chosen:
    """The records a search of all the words may find, by table (the others cannot match)."""

    organisations: set[int]
    persons: set[int]
    meetings: set[int]


class Linked(Protocol):
    """What choosing records needs of a membership (a ``Membership`` or the store's light struct)."""

    person_id: int
    committee_id: int
    represents_id: int | None


def word_hits(
    words: Iterable[str], found: dict[str, set[int]], always: dict[str, set[int]],
    organisations: Mapping[int, Organisation],
) -> Hits:  # fmt: skip
    """The ``Hits`` of one typed word: the records its pattern matched (``found``; for a typo, the
    patterns of its close ``words``), those with a character the patterns do not stand for
    (``always``) and the organisations whose type label one of ``words`` starts."""
    kinds = {kind for word in words for kind in types_named(word)}
    typed = {o.id for o in organisations.values() if o.type in kinds} if kinds else set()
    return Hits(
        committees=frozenset(found["committees"] | always["committees"]),
        organisations=frozenset(found["organisations"] | always["organisations"] | typed),
        persons=frozenset(found["persons"] | always["persons"]),
        meetings=frozenset(found["meetings"] | always["meetings"]),
        named=frozenset(found.get("named", found["organisations"]) | always["organisations"]),
    )


Heads = Callable[[bool, "set[int] | None"], dict[int, tuple[int, frozenset[int]]]]
"""``heads(tasks, ids)``: per meeting (of ``ids``, None for all) its committee and, with ``tasks``,
the persons of its tasks (``SearchFile.heads``)."""


def chosen(
    hits: list[Hits], person_org: Mapping[int, int | None], memberships: Mapping[int, Linked], heads: Heads
) -> Chosen:
    """The records each of whose search entries could hold every word: a word is found in an entry
    through the record's own text or through the records the index takes words from (a person's
    organisation and committees, a meeting's committee and the persons of its tasks).

    ``person_org``: every person's organisation; ``memberships``: every membership. The meetings
    of a word found in no committee or person are the ones it matched itself; only if every word
    is found in one are the committees and task persons of all meetings asked for.
    """
    organisations = set(hits[0].organisations).intersection(*(word.organisations for word in hits[1:]))
    persons: set[int] | None = None
    for word in hits:
        found = set(word.persons)
        if word.named:
            found |= {p for p, org in person_org.items() if org in word.named}
        if word.committees:
            found |= {m.person_id for m in memberships.values() if m.committee_id in word.committees}
        persons = found if persons is None else persons & found
    assert persons is not None, "at least one word"
    plain = [word for word in hits if not (word.committees or word.persons)]
    meetings: set[int] | None = set(plain[0].meetings).intersection(*(w.meetings for w in plain[1:])) if plain else None
    related = [word for word in hits if word.committees or word.persons]
    if related and meetings != set():
        known = heads(any(word.persons for word in related), meetings)
        for word in related:
            found = {i for i, (c, who) in known.items() if c in word.committees or who & word.persons}
            found |= word.meetings if meetings is None else word.meetings & meetings
            meetings = found if meetings is None else meetings & found
    assert meetings is not None
    return Chosen(organisations, persons, meetings)


class _PersonText(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def given_name(self) -> str: ...
    @property
    def family_name(self) -> str: ...
    @property
    def function(self) -> str: ...


class Tokens:
    """Per folded word the records of a small table (decoded) whose searched texts hold it."""

    def __init__(self) -> None:
        self._texts: dict[str, list[int]] = {}
        self._ids: dict[str, set[int]] | None = None

    def add(self, record: int, texts: Iterable[str]) -> None:
        for text in texts:
            if text:
                self._texts.setdefault(text, []).append(record)

    def holding(self, holds: Holds) -> set[int]:
        """The records with a token the rule matches."""
        if self._ids is None:  # each distinct text cut once: names and functions repeat a lot
            self._ids = {}
            for text, records in self._texts.items():
                for token in tokens(text):
                    self._ids.setdefault(token, set()).update(records)
        return set().union(*(ids for token, ids in self._ids.items() if holds(token)))


def small_tokens(small: Snapshot, persons: Mapping[int, _PersonText]) -> dict[str, Tokens]:
    """Per small table (and ``named``: organisations by name alone) the words of what the search
    reads of it (``search_index.py``): a committee's names (what a meeting's and a member's entry
    take), an organisation's entry, a person's own texts. Exact where the bytes are not: a word in
    an e-mail address or inside another word chooses no record here."""
    found = {name: Tokens() for name in ("committees", "organisations", "named", "persons")}
    for c in small.committees.values():
        found["committees"].add(c.id, (c.name, c.short_name))
    for o in small.organisations.values():
        found["organisations"].add(o.id, (o.name, o.municipality, ORG_TYPE[o.type], o.type.value))
        found["named"].add(o.id, (o.name,))
    for i, p in persons.items():
        found["persons"].add(i, (p.title, p.given_name, p.family_name, p.function))
    return found


Holds = Callable[[str], bool]
"""Whether a token matches one typed word: it starts with the word, or (a typo) is a close word."""


@dataclass
class Rule:
    """One typed word as ``agenda_may_match`` asks it of many meetings."""

    holds: Holds
    hits: Hits
    made_up: bool
    """Whether a word the index makes up may match it (else a meeting's are not made)."""
    _texts: dict[str, bool] = field(default_factory=dict)

    def in_text(self, text: str) -> bool:
        """Whether a token of ``text`` matches (once per distinct text: titles repeat a lot)."""
        found = self._texts.get(text)
        if found is None:
            found = self._texts[text] = any(map(self.holds, tokens(text)))
        return found


def agenda_may_match(m: MeetingText, rules: Sequence[Rule]) -> bool:
    """Whether an entry of the meeting's agenda or minutes may hold every word (``rules``); if not,
    only the meeting's own entry can match, and its agenda need not be indexed. Such an entry holds
    texts of the agenda and minutes, the committee's names, made-up words and the names of the
    persons of its task (``search_index.py``): each word must be in one of them (a committee or a
    person through the word's hits).

    First all the meeting's entries together (for one word that is the answer), then each entry
    on its own: at x10 "aus schule" holds both words in 3,000 meetings' agendas, in no one entry."""
    texts = [m.minutes]
    for item in m.agenda:
        texts += (item.title, item.minutes, *(d.text for d in item.decisions), *(t.what for t in item.tasks))
    made: set[str] | None = None
    for rule in rules:
        if m.committee_id in rule.hits.committees or any(map(rule.in_text, texts)):
            continue
        if rule.hits.persons and any(t.person_id in rule.hits.persons for item in m.agenda for t in item.tasks):
            continue
        if rule.made_up:
            made = made_up_words(m) if made is None else made
            if any(map(rule.holds, made)):
                continue
        return False
    return len(rules) < 2 or _an_entry_may_match(m, rules)


def _an_entry_may_match(m: MeetingText, rules: Sequence[Rule]) -> bool:
    """Whether one entry of the meeting's agenda or minutes may hold every word, each entry with
    its own texts and made-up words (``search_index._add_agenda_items`` … ``_add_tasks``) and the
    meeting's committee and date, which every one of them holds (``_meeting_context``)."""
    day = date_tokens(m.date)
    left = [r for r in rules if m.committee_id not in r.hits.committees and not (r.made_up and any(map(r.holds, day)))]
    if not left:
        return bool(m.agenda) or has_minutes(m.minutes)
    if has_minutes(m.minutes) and _holds_every(left, (m.minutes,), (_MINUTES,)):
        return True
    for item in m.agenda:
        if _holds_every(left, (item.title,), ()):
            return True
        if has_minutes(item.minutes) and _holds_every(left, (item.title, item.minutes), (_MINUTES,)):
            return True
        for d in item.decisions:
            if _holds_every(left, (d.text, item.title), (_DECISION, result_token(d))):
                return True
        for t in item.tasks:
            if _holds_every(left, (t.what, item.title), (_TASK, state_token(t), *date_tokens(t.due)), t.person_id):
                return True
    return False


def _holds_every(rules: Sequence[Rule], texts: Sequence[str], made: Sequence[str], person: int | None = None) -> bool:
    """Whether each rule matches a token of ``texts`` or of ``made`` (made-up words) or names ``person``."""
    for rule in rules:
        if any(map(rule.in_text, texts)) or (rule.made_up and any(map(rule.holds, made))):
            continue
        if person is None or person not in rule.hits.persons:
            return False
    return True


_MINUTES, _DECISION, _TASK = (match_key(KIND_WORDS[kind]) for kind in (Kind.MINUTES, Kind.DECISION, Kind.TASK))
"""The kind words an entry of minutes, a decision or a task holds (``search_index._meeting_context``)."""


def own_may_match(m: MeetingText, rules: Sequence[Rule]) -> bool:
    """Whether the meeting's own entry may hold every word (``rules``): its committee's names (through
    the word's hits), its place and its date words (``search_index._add_meetings``)."""
    for rule in rules:
        if m.committee_id in rule.hits.committees or rule.in_text(m.location):
            continue
        if rule.made_up and any(map(rule.holds, date_tokens(m.date))):
            continue
        return False
    return True


def index_persons(chosen_: Chosen, meetings: dict[int, Meeting]) -> set[int]:
    """The persons the index of the chosen records needs: the chosen ones and those of the tasks
    of the chosen meetings (a task is found by its person's name)."""
    persons = set(chosen_.persons)
    for m in meetings.values():
        for item in m.agenda:
            persons.update(t.person_id for t in item.tasks if t.person_id is not None)
    return persons


def card_persons(shown: list[Record], memberships: Mapping[int, Linked]) -> tuple[set[int], set[int]]:
    """(persons, memberships) the cards of ``shown`` read (``search_text.match_card``): a person's
    memberships, the members of a committee, who represents an organisation, and their persons."""
    people = {r.id for r in shown if isinstance(r, Person)}
    orgs = {r.id for r in shown if isinstance(r, Organisation)}
    committees = {r.id for r in shown if isinstance(r, Committee)}
    read = {
        i
        for i, m in memberships.items()
        if m.person_id in people or m.represents_id in orgs or m.committee_id in committees
    }
    return people | {memberships[i].person_id for i in read}, read


def task_card_persons(details: Iterable[object], names: Callable[[], Mapping[int, str]]) -> set[int]:
    """The persons the cards of task hits name (``details``: the hits' details) and everyone named
    like them, by whom ``directory.person_named`` tells namesakes apart on the card. ``names`` (each
    person's ``labels.person_label``) is asked only when a task names somebody."""
    named = {d.person_id for d in details if isinstance(d, Task) and d.person_id is not None}
    if not named:
        return set()
    labels = names()
    keys = {match_key(labels.get(i) or person_label(None, i)) for i in named}
    return named | {i for i, name in labels.items() if match_key(name) in keys}


def part(
    snapshot: Snapshot, organisations: set[int] | None, persons: dict[int, Person], memberships: dict[int, Membership],
    meetings: dict[int, Meeting],
) -> Snapshot:  # fmt: skip
    """A snapshot of some records: every committee of ``snapshot``, its organisations (only
    ``organisations`` and those of ``persons`` if given), and the records given. A record here that
    is not chosen does not match a search (it adds nothing to the hits)."""
    if organisations is not None:
        wanted = organisations | {p.organisation_id for p in persons.values() if p.organisation_id}
        orgs = {i: o for i, o in snapshot.organisations.items() if i in wanted}
    else:
        orgs = snapshot.organisations
    return Snapshot(
        committees=snapshot.committees, organisations=orgs, persons=persons, memberships=memberships, meetings=meetings
    )


def own_entry(i: int, texts: MeetingText) -> Meeting:
    """The meeting as far as its own entry needs it (committee, date, place): no agenda, no minutes."""
    return Meeting(id=i, committee_id=texts.committee_id, date=texts.date, location=texts.location)


def searched_part(i: int, texts: MeetingText) -> Meeting:
    """The meeting as far as the index reads it (``MeetingText``): its own entry, the agenda
    items' titles and minutes, decisions and tasks, the minutes."""
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
