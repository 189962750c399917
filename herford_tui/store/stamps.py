"""Created/modified stamps of every record, read from the database file with its snapshot.

The store writes ``created`` and ``modified`` into each document but the domain records do not
carry them (the codec ignores them). Exports that need them (OParl) read both from one read of
the file, so the stamps belong to exactly the records of the snapshot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import orjson

from herford_tui.domain.snapshot import Snapshot
from herford_tui.store import migrations
from herford_tui.store.codec import TYPES
from herford_tui.store.files import DatabaseFile, StatKey, gc_paused
from herford_tui.store.store import Store, _build_snapshot

Stamps = dict[tuple[str, int], tuple[str, str]]


class _Stamp(msgspec.Struct):
    created: str = ""
    modified: str = ""


_TABLES = msgspec.json.Decoder(dict[str, msgspec.Raw])
_STAMPS = msgspec.json.Decoder(dict[int, _Stamp])


def snapshot_with_stamps(path: Path) -> tuple[Snapshot, Stamps]:
    """The snapshot of ``path`` and (table, id) → (created, modified). Call after ``Store.open``."""
    file = DatabaseFile(Path(path))
    data, _ = file.read()
    migrations.check_supported(data, file.path)
    migrations.upgrade(data)  # in memory only, as a read-only store does
    return _build_snapshot(data, file), _stamps_of_data(data)


def current(store: Store) -> tuple[Snapshot, Stamps, int, StatKey]:
    """Snapshot, stamps and audit version of one and the same version of ``store``'s file.

    The snapshot comes from the store (its cheap change detection and fast path); the stamps
    from the bytes of that version, decoded in C. A colleague's save between the two reads
    means trying again.
    """
    while True:
        raw, key = store.file.read_bytes()
        snapshot = store.snapshot()
        if store.file.stat_key() == key and not store.changed():
            stamps, version = stamps_of(raw)
            return snapshot, stamps, version, key


def stamps_of(raw: bytes) -> tuple[Stamps, int]:
    """(table, id) → (created, modified), and the audit version in the meta table."""
    with gc_paused(freeze=True):  # 10^5 small objects, no cycles: the collector's passes cost more
        return _stamps_of(raw)


def _stamps_of(raw: bytes) -> tuple[Stamps, int]:
    try:
        tables = _TABLES.decode(raw)
        stamps: Stamps = {}
        for table in TYPES:
            if table in tables:
                for doc_id, stamp in _STAMPS.decode(tables[table]).items():
                    stamps[(table, doc_id)] = (stamp.created, stamp.modified)
        meta = msgspec.json.decode(tables[migrations.META]) if migrations.META in tables else {}
    except (msgspec.DecodeError, orjson.JSONDecodeError):  # an odd but readable file: the general way
        data = orjson.loads(raw)
        return _stamps_of_data(data), _version(data)
    return stamps, _version({migrations.META: meta})


def _version(data: dict[str, Any]) -> int:
    from herford_tui.store.audit import version_of

    return version_of(data)


def _stamps_of_data(data: dict[str, Any]) -> Stamps:
    stamps: Stamps = {}
    for table in TYPES:
        for doc_id, doc in data.get(table, {}).items():
            if isinstance(doc, dict):
                stamps[(table, int(doc_id))] = (str(doc.get("created", "")), str(doc.get("modified", "")))
    return stamps
