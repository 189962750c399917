"""Reading only the part of the file a look-up needs (``termine``, ``suche``): never writes.

At x10 the meetings table is 50 of the file's 78 MB, and decoding every record costs seconds;
``herford-tui termine`` needs the committees and the meetings of a few weeks. Here the file is
cut into its tables without decoding them (msgspec skips over the bytes), only the needed
tables are decoded, and of the meetings first only their dates (a struct of two fields: the
rest of each record is skipped in C), then the chosen meetings whole.

Taken only for a compact file of the current schema, as the store's own fast path
(``store.py:_fast_load``); anything else returns None and the caller opens the store as
always, which reads every record and says in German what is wrong. A damaged record in a
table the look-up does not read is not reported here (the app and ``check`` do).

With ``HERFORD_TUI_VERIFY=1`` (the tests) every partial read is compared with the records the
whole store reads.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from herford_tui.domain import Committee, Meeting, Snapshot
from herford_tui.domain.models import DecisionResult
from herford_tui.store import migrations
from herford_tui.store.files import KNOWN_TABLES, DatabaseFile, gc_paused, structure_problem
from herford_tui.store.image import FileImage, load
from herford_tui.store.migrations import META
from herford_tui.store.typed import GeneralPath, decode_record, decode_table


class _Dated(msgspec.Struct):
    """What choosing meetings by date needs of a stored meeting; its other fields are skipped."""

    committee_id: int = 0
    date: date | None = None


_DATES = msgspec.json.Decoder(dict[int, _Dated])


def upcoming_meetings(path: Path, first: date, last: date) -> Snapshot | None:
    """Every committee and the meetings dated ``first``..``last`` of a committee, or None (see above)."""
    cut = _image(path, ("committees", "meetings"))
    if cut is None:
        return None
    image = cut[0]
    try:
        with gc_paused():
            committees: dict[int, Committee] = decode_table("committees", image.tables["committees"])
            dates = _DATES.decode(image.tables["meetings"])
            slices = image.records("meetings")
            meetings: dict[int, Meeting] = {}
            for doc_id, head in dates.items():
                if head.date is not None and first <= head.date <= last and head.committee_id in committees:
                    meetings[doc_id] = decode_record("meetings", doc_id, slices[str(doc_id)])  # type: ignore[assignment]
    except (GeneralPath, msgspec.DecodeError, RecursionError, KeyError):
        return None
    found = Snapshot(committees=committees, meetings=meetings)
    if os.environ.get("HERFORD_TUI_VERIFY") == "1":
        whole = _whole(path)
        assert found.committees == whole.committees, "a partial read decoded other committees"
        expected = {
            i: m
            for i, m in whole.meetings.items()
            if m.date and first <= m.date <= last and m.committee_id in whole.committees
        }
        assert found.meetings == expected, "a partial read chose other meetings"
    return found


def _image(path: Path, needed: tuple[str, ...]) -> tuple[FileImage, bytes] | None:
    """The file cut into tables, with ``needed`` checked as the store's fast path checks every
    table; None for anything that must take the general way."""
    raw, _ = DatabaseFile(path, backups=0).read_bytes()
    # the same refusals as ``FileImage.read`` and ``store._fast_load``, for the tables read here
    if b"\\" in raw and (b"\\ud" in raw or b"\\uD" in raw):
        return None
    try:
        tables = msgspec.json.decode(raw, type=dict[str, msgspec.Raw])
    except (msgspec.DecodeError, RecursionError):
        return None
    if META not in tables or set(tables) - KNOWN_TABLES - {META, "_default"}:
        return None
    if bytes(tables.get("_default", b"{}")) != b"{}":
        return None
    image = FileImage(dict(tables))
    try:
        meta: dict[str, Any] = {META: load(tables[META])}
        if not isinstance(meta[META], dict) or structure_problem(meta):
            return None
        if migrations.version_of(meta) != migrations.SCHEMA_VERSION:
            return None
        for name in needed:
            if name in tables and not image.compact(name):
                return None
            image.tables.setdefault(name, b"{}")
    except (msgspec.DecodeError, RecursionError, ValueError, TypeError, AttributeError):
        return None
    return image, raw


def _whole(path: Path) -> Snapshot:
    from herford_tui.store.store import Store

    return Store(path, backups=0, read_only=True).open().snapshot()


# -- suche ------------------------------------------------------------------------------------
class _TaskHead(msgspec.Struct):
    person_id: int | None = None


class _ItemHead(msgspec.Struct):
    tasks: list[_TaskHead] = []


class _MeetingHead(msgspec.Struct):
    """What choosing meetings for a search needs: the committee and the persons of its tasks."""

    committee_id: int = 0
    agenda: list[_ItemHead] = []


class _CommitteeHead(msgspec.Struct):
    committee_id: int = 0


class _PersonHead(msgspec.Struct):
    organisation_id: int | None = None


class _Link(msgspec.Struct):
    """A membership as far as choosing records needs it (``search_raw.Linked``)."""

    person_id: int = 0
    committee_id: int = 0
    represents_id: int | None = None


class _DecisionText(msgspec.Struct):
    text: str = ""
    result: DecisionResult = DecisionResult.EINSTIMMIG


class _TaskText(msgspec.Struct):
    what: str = ""
    person_id: int | None = None
    due: date | None = None
    done: bool = False


class _ItemText(msgspec.Struct):
    title: str = ""
    minutes: str = ""
    decisions: list[_DecisionText] = []
    tasks: list[_TaskText] = []


class _MeetingText(msgspec.Struct):
    """A meeting's searched texts and what the index makes up words from (``search_raw.MeetingText``);
    the defaults are the model's."""

    committee_id: int = 0
    date: date | None = None
    location: str = ""
    minutes: str = ""
    agenda: list[_ItemText] = []


class _PersonText(msgspec.Struct):
    title: str = ""
    given_name: str = ""
    family_name: str = ""
    function: str = ""


_LETTER_ESCAPE = re.compile(rb"\\u(?!00[01][0-9a-fA-F])")
"""An escape of anything but a control character (orjson writes "ä" as it is, another writer
may not); a quote or backslash is escaped without ``u``."""
_COMMITTEES = msgspec.json.Decoder(dict[int, _CommitteeHead])
_PERSONS = msgspec.json.Decoder(dict[int, _PersonHead])
_LINKS = msgspec.json.Decoder(dict[int, _Link])
_HEADS = msgspec.json.Decoder(dict[int, _MeetingHead])
_HEAD = msgspec.json.Decoder(_MeetingHead)
_MEETING_TEXTS = msgspec.json.Decoder(dict[int, _MeetingText])
_PERSON_TEXTS = msgspec.json.Decoder(dict[int, _PersonText])
SEARCHED = ("committees", "organisations", "persons", "meetings")
"""The tables a search reads (a membership's own text is not searched)."""


class SearchFile:
    """The file for one search: the small tables decoded, the meetings as bytes until chosen."""

    def __init__(self, path: Path, image: FileImage, raw: bytes):
        self.path = path
        self._image = image
        if b"\\" in raw and _LETTER_ESCAPE.search(raw):  # one byte: memchr; a backslash is rare
            raise GeneralPath("a letter written as an escape: not in the bytes as the patterns expect it")
        starts = _table_starts(raw, image.tables)
        if starts is None:
            raise GeneralPath("the file's top level is not compact")
        # the small tables whole; of persons and memberships first only how they link
        self.snapshot = Snapshot(
            committees=decode_table("committees", image.tables["committees"]),
            organisations=decode_table("organisations", image.tables["organisations"]),
        )
        self.person_org = {i: p.organisation_id for i, p in _PERSONS.decode(image.tables["persons"]).items()}
        self.links: dict[int, _Link] = _LINKS.decode(image.tables["memberships"])
        # Only the meetings are looked for in their bytes (the small tables by their decoded texts):
        # their table lowered in one pass in C, when a word is first looked for (``_lowered``).
        self._raw, self._start = raw, starts["meetings"]
        ids, bounds = _bounds(image.records("meetings"))
        self._ids, self._bounds = {"meetings": ids}, {"meetings": bounds}
        self._meetings = image.tables["meetings"]
        self._texts: dict[int, _MeetingText] | None = None
        self._persons: dict[int, _PersonText] | None = None

    @functools.cached_property
    def _lowered(self) -> bytes:
        """The meetings table with ASCII letters lowered (x10: 50 MB, 0.1 s; a search of words
        without two plain letters looks for none)."""
        return self._raw[self._start : self._start + len(self._meetings)].lower()

    @functools.cached_property
    def chars(self) -> set[str]:
        """The non-ASCII characters of the meetings table."""
        return _non_ascii(self._lowered)

    @classmethod
    def open(cls, path: Path) -> SearchFile | None:
        """The file cut for a search, or None: then it takes the whole way (see the module)."""
        found = _image(path, ("committees", "organisations", "persons", "memberships", "meetings"))
        if found is None:
            return None
        try:
            with gc_paused():
                return cls(path, *found)
        except (GeneralPath, UnicodeDecodeError, msgspec.DecodeError, RecursionError):
            return None

    def hits(self, anchor: bytes, pattern: re.Pattern[bytes]) -> set[int]:
        """The ids of the meetings whose bytes (ASCII lowered) match ``pattern``.

        Each record that holds ``anchor`` is tried once (then the search goes on after it): a
        common anchor costs a pass per record, a rare one a few ``find``s in C.
        """
        lowered, bounds, ids = self._lowered, self._bounds["meetings"], self._ids["meetings"]
        matched: set[int] = set()
        last = bounds[-1]
        at = lowered.find(anchor, bounds[0], last)
        while at >= 0:
            number = bisect.bisect_right(bounds, at) - 1
            end = bounds[number + 1]
            if pattern.search(lowered, bounds[number], end) is not None:
                matched.add(ids[number])
            at = lowered.find(anchor, end, last)
        return matched

    def hidden_bytes(self) -> set[str | bytes]:
        """Which of ``search_raw.HIDDEN_BYTES`` the meetings table holds (two passes in C: a
        backslash, DEL)."""
        from herford_tui.domain.search_raw import HIDDEN_BYTES

        lowered = self._lowered
        escaped = b"\\" in lowered
        return {b for b in HIDDEN_BYTES if (escaped if b.startswith(b"\\") else True) and b in lowered}

    def holding(self, chars: set[str | bytes]) -> dict[str, set[int]] | None:
        """Per searched table the ids of the records holding any of ``chars`` (characters, or bytes
        as written; of the meetings: the small tables are read by their decoded texts); None if
        there are so many that looking at each costs more than reading the file whole."""
        found: dict[str, set[int]] = {name: set() for name in SEARCHED}
        for name in self._bounds:
            lowered, bounds, ids = self._lowered, self._bounds[name], self._ids[name]
            last = bounds[-1]
            for char in chars:
                needle, seen = char if isinstance(char, bytes) else char.encode(), 0
                at = lowered.find(needle, bounds[0], last)
                while at >= 0:
                    seen += 1
                    if seen > 10_000:
                        return None
                    number = bisect.bisect_right(bounds, at) - 1
                    found[name].add(ids[number])
                    at = lowered.find(needle, bounds[number + 1], last)
        return found

    def heads(self, tasks: bool, ids: set[int] | None = None) -> dict[int, tuple[int, frozenset[int]]]:
        """Per meeting (of ``ids``, None for all) its committee and, with ``tasks``, the persons of
        its tasks (else none); the rest of each meeting skipped."""
        nobody: frozenset[int] = frozenset()
        with gc_paused():
            if self._texts is not None:  # decoded for a typo or a made-up word
                texts = self._texts
                chosen = texts.keys() if ids is None else ids
                return {i: (texts[i].committee_id, _task_persons(texts[i]) if tasks else nobody) for i in chosen}
            if ids is not None:
                slices = self._image.records("meetings")
                heads = {i: _HEAD.decode(slices[str(i)]) for i in ids}
                return {i: (h.committee_id, _task_persons(h) if tasks else nobody) for i, h in heads.items()}
            if not tasks:
                return {i: (h.committee_id, nobody) for i, h in _COMMITTEES.decode(self._meetings).items()}
            decoded = _HEADS.decode(self._meetings)
            return {i: (h.committee_id, _task_persons(h) if h.agenda else nobody) for i, h in decoded.items()}

    def person_texts(self) -> dict[int, _PersonText]:
        """Every person's searched texts, decoded once; the rest of each record skipped."""
        if self._persons is None:
            with gc_paused():
                self._persons = _PERSON_TEXTS.decode(self._image.tables["persons"])
        return self._persons

    def meeting_ids(self) -> list[int]:
        """Every meeting's id, in file order (none decoded)."""
        return self._ids["meetings"]

    def decoded_texts(self) -> bool:
        return self._texts is not None

    def meeting_texts(self) -> dict[int, _MeetingText]:
        """Every meeting's searched texts and what made-up words come from, decoded once; the rest
        of each record skipped."""
        if self._texts is None:
            with gc_paused():
                self._texts = _MEETING_TEXTS.decode(self._meetings)
        return self._texts

    def meetings(self, ids: set[int]) -> dict[int, Meeting]:
        """The meetings ``ids``, decoded whole, in file order."""
        return self.records("meetings", ids)

    def records(self, table: str, ids: set[int]) -> dict[int, Any]:
        """The records ``ids`` of ``table``, decoded whole, in file order."""
        if not ids:
            return {}
        slices = self._image.records(table)
        order: Iterable[int] = {"persons": self.person_org.keys(), "memberships": self.links.keys()}.get(
            table, self._ids.get(table, [])
        )
        with gc_paused():
            return {i: decode_record(table, i, slices[str(i)]) for i in order if i in ids}


def _task_persons(head: _MeetingHead | _MeetingText) -> frozenset[int]:
    return frozenset(t.person_id for item in head.agenda for t in item.tasks if t.person_id is not None)


def _bounds(records: dict[str, Any]) -> tuple[list[int], list[int]]:
    """The ids of the records of a compact table ``{"id":{…},…}`` and where each begins (at its
    id), with the table's end last: the bytes of record i are ``bounds[i]:bounds[i + 1]``."""
    sizes = [len(key) + len(raw) + 4 for key, raw in records.items()]  # "key": record ,
    return list(map(int, records)), list(itertools.accumulate(sizes, initial=1))


def _non_ascii(raw: bytes) -> set[str]:
    """Every non-ASCII character in ``raw`` (UTF-8): the ASCII bytes dropped first, in C."""
    return set(raw.translate(None, bytes(range(128))).decode("utf-8"))


def _table_starts(raw: bytes, tables: dict[str, Any]) -> dict[str, int] | None:
    """Where each table begins in a file ``{"name":{…},…}`` without a byte between; None if the
    top level is laid out otherwise (then the offsets are not known)."""
    starts, at = {}, 1
    for name, table in tables.items():
        at += len(name.encode()) + 3  # "name":
        starts[name] = at
        at += len(table) + 1
    return starts if at == len(raw) and raw[:1] == b"{" else None
