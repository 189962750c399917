"""Records decoded straight from the file's bytes by msgspec, in C.

Only what the Python codec (``codec.decode``) would decode the same way is taken here: msgspec is
stricter (RFC 3339 dates and times only, JSON types as declared), so anything it refuses goes the
general way, where ``codec.decode`` either reads it or says in German what is wrong. The tests
decode the demo data both ways and compare.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any, cast

import msgspec

from herford_tui.domain import Meeting, MeetingStatus, Membership, Record, Snapshot
from herford_tui.domain.pacing import pace, taken
from herford_tui.domain.tally import MeetingTally, tally
from herford_tui.store.codec import TABLES, TYPES
from herford_tui.store.files import gc_paused
from herford_tui.store.image import FileImage, Slice

_TABLE_DECODERS = {table: msgspec.json.Decoder(dict[int, cls]) for table, cls in TYPES.items()}  # type: ignore[valid-type]
_RECORD_DECODERS: dict[str, msgspec.json.Decoder[Any]] = {
    table: msgspec.json.Decoder(cls) for table, cls in TYPES.items()
}
_LIST_DECODERS = {table: msgspec.json.Decoder(list[cls]) for table, cls in TYPES.items()}  # type: ignore[valid-type]


class GeneralPath(Exception):
    """msgspec did not take a part of the file: read it the general way (``codec.decode``)."""


DEFER_FROM = 1 << 20
"""Bytes of the file from which the store's ``defer`` leaves the meetings pending and checks some
tables later (x1: 7.5 MB, x10: 79 MB, half of it meetings; the tests' files are far smaller)."""


def snapshot_of(
    image: FileImage,
    previous: tuple[FileImage, Snapshot] | None = None,
    *,
    general: Callable[[], Snapshot] | None = None,
) -> Snapshot:
    """Every record of ``image``; with ``previous`` (the last image and its snapshot) only the changed
    ones are decoded: a table whose bytes are equal is taken over whole, else record by record.

    ``general``: the file as the general path decodes it. Given, the large tables (meetings,
    persons, memberships) are left pending (``PendingMeetings``, ``PendingRecords``): decoded when
    first asked for, the first screen's few records alone, the rest after the first frame.
    """
    tables: dict[str, dict[int, Any]] = {}
    changed: set[str] = set()
    indexes: dict[str, Any] = {}
    if general is not None and previous is None:
        with gc_paused():
            others = {TABLES[TYPES[t]]: decode_table(t, image.tables.get(t, b"{}")) for t in TYPES if t not in PENDING}
        pending: dict[str, Callable[[], PendingMeetings | PendingRecords]] = {
            "meetings": lambda: PendingMeetings(image, lambda: general().meetings),
            "persons": lambda: PendingRecords(image, "persons", lambda: general().persons),
            "memberships": lambda: PendingMemberships(image, lambda: general().memberships),
        }
        later = {TABLES[TYPES[t]]: make() for t, make in pending.items() if t in image.tables}
        return Snapshot.with_pending(**others, **later)
    with gc_paused():
        for table in TYPES:
            raw = image.tables.get(table)
            if raw is None:
                absent_before = previous is not None and table not in previous[0].tables
                tables[table] = getattr(previous[1], TABLES[TYPES[table]]) if previous and absent_before else {}
            elif previous is not None and table in previous[0].tables:
                tables[table] = _changed_only(image, table, previous)
            else:
                tables[table] = decode_table(table, raw, indexes)
            if previous is None or tables[table] is not getattr(previous[1], TABLES[TYPES[table]]):
                changed.add(TABLES[TYPES[table]])
    snapshot = Snapshot(**{TABLES[TYPES[table]]: records for table, records in tables.items()})
    if previous is not None:
        snapshot.keep_indexes(previous[1], changed)
        snapshot.patch_changed(previous[1], changed)  # a colleague's few records: patched, not rebuilt
    snapshot.take_indexes(indexes)
    return snapshot


def decode_table(table: str, raw: Slice, indexes: dict[str, Any] | None = None) -> dict[int, Any]:
    """The records of ``table``; with ``indexes``, the memberships' two indexes (by committee, by
    person: the first screen's roster and detail) are put there, built in the same pass."""
    try:
        records: dict[int, Any] = _TABLE_DECODERS[table].decode(raw)
    except (msgspec.DecodeError, RecursionError):  # msgspec.ValidationError is one too
        raise GeneralPath(table) from None
    if table == "memberships" and indexes is not None:
        by_committee: defaultdict[int, list[Membership]] = defaultdict(list)
        by_person: defaultdict[int, list[Membership]] = defaultdict(list)
        for doc_id, record in records.items():
            record.id = doc_id
            by_committee[record.committee_id].append(record)
            by_person[record.person_id].append(record)
        indexes.update(_memberships_by_committee=by_committee, _memberships_by_person=by_person)
        return records
    for doc_id, record in records.items():
        record.id = doc_id  # the id is the document's key, not a field of the document
    return records


def decode_records(table: str, raws: list[Slice]) -> list[Any]:
    """The records of ``raws`` (slices of ``table``, without their ids), in one call."""
    try:
        return _LIST_DECODERS[table].decode(b"[" + b",".join(raws) + b"]")
    except (msgspec.DecodeError, RecursionError):
        raise GeneralPath(table) from None


def decode_record(table: str, doc_id: int, raw: Slice) -> Record:
    try:
        record: Record = _RECORD_DECODERS[table].decode(raw)
    except (msgspec.DecodeError, RecursionError):
        raise GeneralPath(table) from None
    record.id = doc_id
    return record


def _changed_only(image: FileImage, table: str, previous: tuple[FileImage, Snapshot]) -> dict[int, Any]:
    old_image, old_snapshot = previous
    old_records: dict[int, Any] = getattr(old_snapshot, TABLES[TYPES[table]])
    if image.unchanged(old_image, table):
        return old_records  # shared: no one changes a snapshot's table in place
    old_slices = old_image.records(table)
    records: dict[int, Any] = {}
    for key, raw in image.records(table).items():
        doc_id = int(key)
        kept = old_records.get(doc_id)
        old = old_slices.get(key)
        if kept is not None and old is not None and memoryview(old) == memoryview(raw):
            records[doc_id] = kept
        else:
            records[doc_id] = decode_record(table, doc_id, raw)
    return records


PENDING = ("meetings", "persons", "memberships")
"""The tables the app's start leaves pending (``snapshot_of`` with ``general``)."""


ALONE = 2_000
"""Records of a pending table decoded one by one, after which a look-up decodes the whole table
(an export or check that asks for every committee's members would otherwise find and decode
60,000 memberships alone, at twice the cost of one pass). The first screen asks for ~100."""
GROUPS_ALONE = 64
"""Lists of pending memberships picked from their ids (3 ms each at x10) before a look-up decodes
the whole table (one pass, ~0.2 s at x10); the first screen asks for three or four, and one more
per roster line the cursor moves to while the thread after the start has not decoded them yet."""


class PendingRecords:
    """A table (persons, memberships) of a file just opened, decoded when first asked for
    (``domain.snapshot.PendingRecords``).

    The first screen looks up one committee's members: each record is decoded alone from its
    slice of the file. The app decodes the rest in a thread after the first frame (paced, as
    ``PendingMeetings``), a write before it begins. A record msgspec does not take sends the
    whole table the general way (``general``), which decodes it as before or raises the
    German error.
    """

    def __init__(self, image: FileImage, table: str, general: Callable[[], dict[int, Any]]):
        self._name = table
        self._slices: dict[str, Slice] | None = image.records(table)
        self._general: Callable[[], dict[int, Any]] | None = general
        self._count = len(self._slices)
        self._lock = threading.Lock()
        self._decoded: dict[int, Any] = {}
        self._table: dict[int, Any] | None = None

    def __len__(self) -> int:
        return self._count

    @property
    def done(self) -> bool:
        return self._table is not None

    def get(self, doc_id: int) -> Any:
        slices = self._slices
        if self._table is None and slices is not None and len(self._decoded) < ALONE:
            found = slices.get(str(doc_id))
            if found is None:
                return None
            try:
                return self._one(slices, doc_id)
            except GeneralPath:
                pass  # the whole table below reads it the general way (or says what is wrong)
        return self.table().get(doc_id)

    def table(self) -> dict[int, Any]:
        with taken(self._lock):  # held by the thread decoding it after the start, paced: hurried
            if self._table is None:
                table = self._decode_all()
                self._finish(table)
                self._table = table
                self._decoded = table  # a look-up still running finds the same records
                self._release()
            return self._table

    def _finish(self, table: dict[int, Any]) -> None:
        """What else the pass over the whole table builds (``PendingMemberships``: its indexes)."""

    def _release(self) -> None:
        """Let the file's bytes go (a look-up still running holds what it took)."""
        self._slices = self._general = None

    def _one(self, slices: dict[str, Slice], doc_id: int) -> Any:
        found = self._decoded.get(doc_id)
        if found is None:  # two threads may decode one record: the first one's is kept
            found = self._decoded.setdefault(doc_id, decode_record(self._name, doc_id, slices[str(doc_id)]))
        return found

    def _many(self, ids: list[int], raws: list[Slice]) -> list[Any]:
        """``_one`` of each of ``ids`` (their slices ``raws``), ``PAUSE_EVERY`` records a call (one
        msgspec call on a list of their slices; one call per record cost a third more: x10
        memberships 116 against 87 ms), paced between the calls."""
        decoded = self._decoded
        for start in range(0, len(ids), PAUSE_EVERY):
            stop = start + PAUSE_EVERY
            chunk = zip(ids[start:stop], raws[start:stop], strict=True)
            new = [(doc_id, raw) for doc_id, raw in chunk if doc_id not in decoded]
            if new:
                records = decode_records(self._name, [raw for _, raw in new])
                for (doc_id, _), record in zip(new, records, strict=True):
                    record.id = doc_id
                    decoded.setdefault(doc_id, record)  # two threads may decode one: the first one's is kept
            _pause()
        return list(map(decoded.__getitem__, ids))

    def _decode_all(self) -> dict[int, Any]:
        slices, general = self._slices, self._general
        assert slices is not None and general is not None
        # A hundred records at a time, with a look at the other threads between: a paced thread
        # decoding leaves the event loop the interpreter (one call for the whole table would
        # hold it for a second at x10, and a tab shown meanwhile would wait for it).
        try:
            # Only the app's store (``defer``) has a pending table, and it keeps the snapshot
            # frozen: so are these records (a thread that is not the start's may decode them, the
            # Auswertung's, with the collector on).
            with gc_paused(freeze=True, keep=True):
                ids = [int(key) for key in slices]
                table = dict(zip(ids, self._many(ids, list(slices.values())), strict=True))
        except GeneralPath:
            return general()
        return table


class _MembershipKeys(msgspec.Struct):
    person_id: int = 0
    committee_id: int = 0


_MEMBERSHIP_KEYS = msgspec.json.Decoder(dict[int, _MembershipKeys])


class PendingMemberships(PendingRecords):
    """Pending memberships: a committee's or a person's (``group``) are found by the ids of each
    record, read in one pass that skips the other fields (x10: a fifth of decoding the table),
    and decoded alone; decoded whole, the table's two indexes come from the same pass."""

    def __init__(self, image: FileImage, general: Callable[[], dict[int, Any]]):
        super().__init__(image, "memberships", general)
        self._raw: Slice | None = image.tables["memberships"]
        self._keys: dict[int, _MembershipKeys] | None = None
        self._groups: dict[tuple[str, int], list[int]] = {}
        self._groups_lock = threading.Lock()
        self._indexes: dict[str, dict[int, list[Membership]]] = {}

    def group(self, field: str, key: int) -> list[Membership]:
        slices, raw = self._slices, self._raw  # kept here: ``table`` lets them go when done
        alone = len(self._groups) < GROUPS_ALONE and len(self._decoded) < ALONE
        if self._table is None and slices is not None and raw is not None and alone:
            try:
                with self._groups_lock:
                    ids = self._ids_of(raw, field, key)
                found = [cast(Membership, self._one(slices, doc_id)) for doc_id in ids]
                if all(getattr(m, field) == key for m in found):
                    return found
            except GeneralPath:
                pass  # the whole table below reads it the general way
        self.table()
        return self._indexes[INDEX_OF[field]].get(key, [])

    def indexes(self) -> dict[str, dict[int, list[Membership]]]:
        self.table()
        return self._indexes

    def _ids_of(self, raw: Slice, field: str, key: int) -> list[int]:
        """The ids of the memberships whose ``field`` is ``key``, in file order. The keys of every
        record are read once (x10: 30 ms); a list is picked from them when asked (3 ms), as the
        first screen asks for a few (grouping all 60,000 at once took 90 ms)."""
        if self._keys is None:
            try:
                self._keys = _MEMBERSHIP_KEYS.decode(raw)
            except (msgspec.DecodeError, RecursionError):
                raise GeneralPath("memberships") from None
        found = self._groups.get((field, key))
        if found is None:
            if field == "committee_id":
                found = [doc_id for doc_id, keys in self._keys.items() if keys.committee_id == key]
            else:
                found = [doc_id for doc_id, keys in self._keys.items() if keys.person_id == key]
            self._groups[(field, key)] = found
        return found

    def _finish(self, table: dict[int, Any]) -> None:
        by_committee: defaultdict[int, list[Membership]] = defaultdict(list)
        by_person: defaultdict[int, list[Membership]] = defaultdict(list)
        for record in table.values():
            by_committee[record.committee_id].append(record)
            by_person[record.person_id].append(record)
        self._indexes = {INDEX_OF["committee_id"]: by_committee, INDEX_OF["person_id"]: by_person}

    def _release(self) -> None:
        super()._release()
        self._raw = self._keys = None
        self._groups = {}


INDEX_OF = {"committee_id": "_memberships_by_committee", "person_id": "_memberships_by_person"}
"""The snapshot's membership index by each field ``PendingMemberships.group`` groups by."""


class _CommitteeOf(msgspec.Struct):
    committee_id: int = 0


_COMMITTEES_OF = msgspec.json.Decoder(dict[int, _CommitteeOf])
PAUSE_EVERY = 100
"""Records (~4 ms of work) between two looks at the other threads, in a decoding thread whose
work is paced (``domain/pacing.py``: it steps back while the event loop needs the interpreter)."""


def _pause() -> None:
    pace()


class _Nothing(msgspec.Struct):
    """A decision, counted: its fields are skipped."""


class _TaskTally(msgspec.Struct):
    due: date | None = None
    done: bool = False


class _ItemTally(msgspec.Struct):
    decisions: list[_Nothing] = []
    tasks: list[_TaskTally] = []


class _MeetingTally(msgspec.Struct):
    """What ``MeetingTally`` needs of a stored meeting (the defaults are the model's); its
    attendance, texts and the rest are skipped."""

    committee_id: int = 0
    date: date | None = None
    status: MeetingStatus = MeetingStatus.GEPLANT
    agenda: list[_ItemTally] = []


_TALLY_LIST = msgspec.json.Decoder(list[_MeetingTally])
_HEAD = re.compile(rb'\{"rev":[0-9]+,"committee_id":([0-9]+)[,}]')
_YEAR = re.compile(rb'\{"rev":[0-9]+,"committee_id":[0-9]+,"date":(?:"([0-9]{4})-|null[,}])')


def _tallies(raws: list[Slice]) -> list[MeetingTally]:
    """The tallies of the meetings ``raws``, ``PAUSE_EVERY`` records a call (one call for the whole
    table held the interpreter for 60-80 ms at x10: a key pressed then waited for it), paced."""
    found: list[MeetingTally] = []
    for start in range(0, len(raws), PAUSE_EVERY):
        found += map(_tally, _TALLY_LIST.decode(b"[" + b",".join(raws[start : start + PAUSE_EVERY]) + b"]"))
        _pause()
    return found


def _tally(head: _MeetingTally) -> MeetingTally:
    """As ``domain.tally.tally`` of the decoded record."""
    agenda = head.agenda
    return MeetingTally(
        head.committee_id,
        head.date,
        head.status,
        sum(len(item.decisions) for item in agenda),
        tuple(task.due for item in agenda for task in item.tasks if not task.done),
    )


class PendingMeetings(PendingRecords):
    """The meetings table of a file just opened, decoded when first asked for (``domain.Pending``).

    The file's structure was checked when it was read (``FileImage.read``); what is left is
    decoding each record. The first screen asks for one committee's meetings (``group``: each
    record's committee is read from its first bytes, then just those records are decoded);
    the app decodes the rest in a thread after the first frame, and a write decodes it before
    it begins. A record msgspec does not take sends the whole table the general way (the
    store's ``general``), which decodes it as before or raises the German error.
    """

    def __init__(self, image: FileImage, general: Callable[[], dict[int, Meeting]]):
        super().__init__(image, "meetings", general)
        self._raw: Slice | None = image.tables["meetings"]
        self._groups_lock = threading.Lock()
        """``_lock`` is held while the whole table is decoded: ``table`` waits for the one
        decoding; ``group`` does not (a tab shown meanwhile decodes its few records itself)."""
        self._groups: dict[int, list[int]] | None = None
        self._years: dict[int, list[int]] | None = None
        self._years_read = False
        self._tallies: list[MeetingTally] | None = None

    def group(self, committee_id: int) -> list[Meeting]:
        slices = self._slices
        if self._table is None and slices is not None:
            try:
                with self._groups_lock:
                    ids = self._committee_groups().get(committee_id, [])
                found = [self._one(slices, doc_id) for doc_id in ids]
                if all(m.committee_id == committee_id for m in found):
                    return found
            except GeneralPath:
                pass  # a record laid out unlike ours: the whole table below reads it the general way
        return [m for m in self.table().values() if m.committee_id == committee_id]

    def year(self, year: int) -> list[Meeting]:
        """The meetings of ``year`` (the year overview right after the start): each record's date
        is read from its first bytes, then just that year's records are decoded; as ``group``."""
        slices = self._slices
        if self._table is None and slices is not None:
            try:
                with self._groups_lock:
                    years = self._meeting_years()
                if years is not None:
                    with gc_paused(freeze=True, keep=True):  # as ``_decode_all``: a year at x10 is 2,000
                        ids = years.get(year, [])
                        found = self._many(ids, [slices[str(doc_id)] for doc_id in ids])
                    if all(m.date is not None and m.date.year == year for m in found):
                        return found
            except GeneralPath:
                pass  # a record laid out unlike ours: the whole table below reads it the general way
        return [m for m in self.table().values() if m.date and m.date.year == year]

    def tallies(self) -> list[MeetingTally]:
        """Every meeting's tally (the Auswertung right after the start): read from the bytes with
        the attendance and texts skipped (x10: a sixth of decoding the table); a table msgspec
        does not take this way is decoded whole (the general way, or its German error)."""
        slices = self._slices
        if self._table is None and slices is not None:
            if self._tallies is None:
                try:
                    with gc_paused(freeze=True, keep=True):  # kept as long as the pending table
                        self._tallies = _tallies(list(slices.values()))
                except (msgspec.DecodeError, RecursionError):
                    pass  # a record laid out unlike ours: the whole table below
            if self._tallies is not None:
                return self._tallies
        return [tally(m) for m in self.table().values()]

    def _meeting_years(self) -> dict[int, list[int]] | None:
        """Each meeting's year from the first bytes of its record (``{"rev":1,"committee_id":5,
        "date":"2026-…``); None if any record starts otherwise."""
        if not self._years_read:
            years: dict[int, list[int]] | None = {}
            for key, raw in (self._slices or {}).items():
                head = _YEAR.match(raw)
                if head is None:
                    years = None
                    break
                if head[1] is not None and years is not None:
                    years.setdefault(int(head[1]), []).append(int(key))
            self._years, self._years_read = years, True
        return self._years

    def _release(self) -> None:
        super()._release()
        self._raw = None

    def _committee_groups(self) -> dict[int, list[int]]:
        if self._groups is None:
            self._groups = self._groups_by_prefix()
        if self._groups is None:
            try:
                found = _COMMITTEES_OF.decode(self._raw or b"{}")
            except (msgspec.DecodeError, RecursionError):
                raise GeneralPath("meetings") from None
            groups: dict[int, list[int]] = {}
            for doc_id, meeting in found.items():
                groups.setdefault(meeting.committee_id, []).append(doc_id)
            self._groups = groups
        return self._groups

    def _groups_by_prefix(self) -> dict[int, list[int]] | None:
        """The committee of each meeting from the first bytes of its record, as the store writes
        them (``{"rev":1,"committee_id":5,…``): a third of reading the ids with msgspec. None if
        any record starts otherwise; ``group`` checks the records it decodes against it."""
        groups: dict[int, list[int]] = {}
        for key, raw in (self._slices or {}).items():
            head = _HEAD.match(raw)
            if head is None:
                return None
            groups.setdefault(int(head[1]), []).append(int(key))
        return groups
