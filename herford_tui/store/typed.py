"""Records decoded straight from the file's bytes by msgspec, in C.

Only what the Python codec (``codec.decode``) would decode the same way is taken here: msgspec is
stricter (RFC 3339 dates and times only, JSON types as declared), so anything it refuses goes the
general way, where ``codec.decode`` either reads it or says in German what is wrong. The tests
decode the demo data both ways and compare.
"""

from __future__ import annotations

from typing import Any

import msgspec

from herford_tui.domain import Record, Snapshot
from herford_tui.store.codec import TABLES, TYPES
from herford_tui.store.files import gc_paused
from herford_tui.store.image import FileImage, Slice

_TABLE_DECODERS = {table: msgspec.json.Decoder(dict[int, cls]) for table, cls in TYPES.items()}  # type: ignore[valid-type]
_RECORD_DECODERS: dict[str, msgspec.json.Decoder[Any]] = {
    table: msgspec.json.Decoder(cls) for table, cls in TYPES.items()
}


class GeneralPath(Exception):
    """msgspec did not take a part of the file: read it the general way (``codec.decode``)."""


def snapshot_of(image: FileImage, previous: tuple[FileImage, Snapshot] | None = None) -> Snapshot:
    """Every record of ``image``; with ``previous`` (the last image and its snapshot) only the changed
    ones are decoded: a table whose bytes are equal is taken over whole, else record by record."""
    tables: dict[str, dict[int, Any]] = {}
    changed: set[str] = set()
    with gc_paused():
        for table in TYPES:
            raw = image.tables.get(table)
            if raw is None:
                absent_before = previous is not None and table not in previous[0].tables
                tables[table] = getattr(previous[1], TABLES[TYPES[table]]) if previous and absent_before else {}
            elif previous is not None and table in previous[0].tables:
                tables[table] = _changed_only(image, table, previous)
            else:
                tables[table] = decode_table(table, raw)
            if previous is None or tables[table] is not getattr(previous[1], TABLES[TYPES[table]]):
                changed.add(TABLES[TYPES[table]])
    snapshot = Snapshot(**{TABLES[TYPES[table]]: records for table, records in tables.items()})
    if previous is not None:
        snapshot.keep_indexes(previous[1], changed)
    return snapshot


def decode_table(table: str, raw: Slice) -> dict[int, Any]:
    try:
        records: dict[int, Any] = _TABLE_DECODERS[table].decode(raw)
    except (msgspec.DecodeError, RecursionError):  # msgspec.ValidationError is one too
        raise GeneralPath(table) from None
    for doc_id, record in records.items():
        record.id = doc_id  # the id is the document's key, not a field of the document
    return records


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
