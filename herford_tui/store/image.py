"""The database file kept as bytes: one slice per table and per record.

A save then encodes only the records it changed and splices them between the unchanged
bytes, and a colleague's save is decoded only where its bytes differ. The file stays the
TinyDB layout ``{"table": {"<id>": {...}}}`` in compact JSON, byte for byte what encoding
the whole data with orjson gives (a test holds the two paths equal).

Only files in that compact layout are read here; anything else (pretty-printed by hand,
an old schema, a damaged or foreign file) returns ``None`` from ``FileImage.read`` and
takes the general path in ``files.parse``, which has the German words for every problem.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, cast

import msgspec
import orjson

from herford_tui.store.codec import MAX_STORED_TEXT
from herford_tui.store.files import encode_json
from herford_tui.store.migrations import META

Slice = bytes | msgspec.Raw
"""A part of the file: a ``Raw`` points into the bytes read (no copy), ``bytes`` were written here."""

_TABLES = msgspec.json.Decoder(dict[str, msgspec.Raw])
_SURROGATE_ESCAPE = b"\\ud"
"""orjson refuses lone surrogates that ``msgspec`` would take; any ``\\uD…`` sends the file the
general way, which refuses it in German (files.py). orjson itself never writes such an escape."""


class FileImage:
    """The bytes of each table and, on first use, of each record of a table."""

    def __init__(self, tables: dict[str, Slice], records: dict[str, dict[str, Slice]] | None = None):
        self.tables = tables
        self._records: dict[str, dict[str, Slice]] = dict(records or {})
        self.unchecked: frozenset[str] = frozenset()
        """Tables ``read`` was asked to leave unchecked (``later``) until ``check_rest``."""

    # -- reading ---------------------------------------------------------------------------
    @classmethod
    def read(
        cls, raw: bytes, previous: FileImage | None = None, later: frozenset[str] = frozenset()
    ) -> FileImage | None:
        """The image of a compact herford-tui file, or None if it must take the general path.

        ``previous``: the image of the version before (a colleague's save): tables whose bytes
        did not change were checked then. Their record slices are not taken over: they would
        keep the old file's bytes alive beside the new ones. ``later``: tables checked only by
        ``check_rest`` (the app's start: after the first frame, and before any write).
        """
        # One byte is searched with memchr; the two-byte patterns only if there is an escape at all.
        if b"\\" in raw and (_SURROGATE_ESCAPE in raw or b"\\uD" in raw):
            return None
        try:
            tables = cast(dict[str, Slice], _TABLES.decode(raw))
        except (msgspec.DecodeError, RecursionError):
            return None
        if META not in tables:
            return None
        image = cls(tables)
        image.unchecked = later & tables.keys()
        try:
            for name in tables:
                if previous is not None and name not in previous.unchecked and image.unchanged(previous, name):
                    continue  # checked before; its records are sliced from these bytes when needed
                if name not in image.unchecked and not image.compact(name):
                    return None
        except (msgspec.DecodeError, RecursionError):
            return None  # a table that is not an object of records
        return image

    def check_rest(self) -> bool:
        """True if the tables ``read`` left unchecked are compact too (then none is left)."""
        try:
            if not all(self.compact(name) for name in self.unchecked):
                return False
        except (msgspec.DecodeError, RecursionError):
            return False
        self.unchecked = frozenset()
        return True

    @classmethod
    def of_data(cls, data: Mapping[str, Any]) -> FileImage:
        """The image of data read the general way (it is written compact from then on)."""
        # Checked by the general path already; orjson's output is compact and has no duplicate id.
        return cls(cast(dict[str, Slice], _TABLES.decode(encode_json(dict(data)))))

    def records(self, table: str) -> dict[str, Slice]:
        """The record slices of ``table`` by id (as in the file), in file order."""
        found = self._records.get(table)
        if found is None:
            raw = self.tables.get(table)
            found = cast(dict[str, Slice], _TABLES.decode(raw)) if raw is not None else {}
            self._records[table] = found
        return found

    def compact(self, table: str) -> bool:
        """True if ``table`` is ``{"<id>":{…},…}`` with canonical ids and no byte between them.

        Then no id can occur twice (a duplicate would leave bytes that no record accounts for;
        JSON keeps only the last one silently), and no text can be over the stored limit
        without a record that long.
        """
        records = self.records(table)
        if not records:
            return len(self.tables[table]) == 2
        # Built from C loops (join, map): this runs over every record of the file on each open.
        ids = ",".join(records)
        if not (ids.isascii() and ids.replace(",", "").isdigit()) or ("," + ids).find(",0") >= 0:
            return False  # only 1, 2, … : no sign, no leading zero, nothing but digits
        lengths = list(map(len, records.values()))
        if max(lengths) >= MAX_STORED_TEXT and any(
            _longest_text(load(doc)) > MAX_STORED_TEXT for doc in records.values() if len(doc) >= MAX_STORED_TEXT
        ):
            return False  # a text over the limit: the general path says so in German
        commas = len(records) - 1
        key_bytes = len(ids) - commas
        expected = 2 + commas + key_bytes + 3 * len(records) + sum(lengths)  # {} , "id": record
        return expected == len(self.tables[table])

    def doc(self, table: str, doc_id: str) -> dict[str, Any] | None:
        raw = self.records(table).get(doc_id)
        return None if raw is None else load(raw)

    def ids(self, table: str) -> Iterable[str]:
        return self.records(table).keys()

    def unchanged(self, other: FileImage, table: str) -> bool:
        mine, theirs = self.tables.get(table), other.tables.get(table)
        return mine is not None and theirs is not None and memoryview(mine) == memoryview(theirs)

    # -- writing ---------------------------------------------------------------------------
    def with_changes(self, changes: Mapping[str, Mapping[str, dict[str, Any] | None]]) -> FileImage:
        """A new image with, per table, these records replaced, added (at the end) or removed (None)."""
        tables = dict(self.tables)
        records = dict(self._records)
        for table, docs in changes.items():
            old = self.records(table)
            merged: dict[str, Slice] = dict(old)
            for doc_id, doc in docs.items():
                if doc is None:
                    merged.pop(doc_id, None)
                else:
                    merged[doc_id] = encode_json(doc)
            records[table] = merged
            spliced = _splice(self.tables[table], old, merged, docs) if table in self.tables else None
            tables[table] = spliced if spliced is not None else _join(merged)
        return FileImage(tables, records)

    def payload(self) -> bytes:
        return _join(self.tables)

    def pieces(self) -> list[bytes | memoryview]:
        """The file's bytes in pieces, to be written without joining them first."""
        return [memoryview(piece) for piece in _pieces(self.tables)]

    def names(self) -> Iterator[str]:
        return iter(self.tables)


def load(part: Slice) -> Any:
    """A slice as data (orjson reads a memoryview of it without a copy)."""
    return orjson.loads(memoryview(part))


def _longest_text(value: Any) -> int:
    """The most characters of any text in ``value`` (a record as data, sub-records included)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return max(map(_longest_text, value.values()), default=0)
    if isinstance(value, list):
        return max(map(_longest_text, value), default=0)
    return 0


SPLICED = 32
"""Changed records of one table up to which ``with_changes`` splices them into the table's bytes;
more (an import) and the table is joined from its records again."""


def _splice(table: Slice, old: dict[str, Slice], new: dict[str, Slice], changed: Iterable[str]) -> bytes | None:
    """``table`` (the bytes of ``old``) with the records of ``changed`` as they are in ``new``:
    the unchanged bytes between them are copied in a few pieces. At x10 a save changes one
    membership of 60,000: joining them all again took a tenth of a second, this a few ms.

    None when the splice does not apply (many changes, a record removed) or the bytes are not
    where the record lengths put them: then the caller joins the records as before."""
    changed = list(changed)
    if len(changed) > SPLICED or any(doc_id not in new for doc_id in changed):
        return None
    ids = list(old)
    updated = sorted((ids.index(doc_id), doc_id) for doc_id in changed if doc_id in old)
    added = [doc_id for doc_id in changed if doc_id not in old]
    if added and list(new)[len(ids) :] != added:
        return None  # new records are the table's last, in this order
    view = memoryview(table)
    pieces: list[Slice | memoryview] = []
    at = 0  # the next byte of ``table`` not taken yet
    lengths = list(map(len, old.values()))
    keys = list(map(len, ids))
    for index, doc_id in updated:
        # {"<id>":<record>,"<id>":<record>,…}: each entry before this one is its id, 4 bytes, its record
        start = 1 + sum(keys[:index]) + sum(lengths[:index]) + 4 * index + keys[index] + 3
        end = start + lengths[index]
        if view[start:end] != memoryview(old[doc_id]):
            return None
        pieces += (view[at:start], new[doc_id])
        at = end
    if added:
        if view[len(view) - 1 :] != b"}":
            return None
        pieces.append(view[at : len(view) - 1])
        for n, doc_id in enumerate(added):
            pieces += (b"," if ids or n else b"", b'"', doc_id.encode(), b'":', new[doc_id])
        pieces.append(b"}")
    else:
        pieces.append(view[at:])
    return b"".join(pieces)


def _join(parts: Mapping[str, Slice]) -> bytes:
    return b"".join(_pieces(parts))  # join takes any buffer, msgspec.Raw too


def _pieces(parts: Mapping[str, Slice]) -> list[Slice]:
    """``{"key":part,…}`` in pieces: keys are table names or record ids, which JSON never escapes.

    Joined or written one after the other, each byte is copied once (a table of 50 MB is not
    copied into a bigger string first).
    """
    pieces: list[Slice] = []
    separator = b'{"'
    for key, part in parts.items():
        pieces += (separator, key.encode(), b'":', part)
        separator = b',"'
    if not pieces:
        return [b"{}"]
    pieces.append(b"}")
    return pieces
