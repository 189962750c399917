"""Created/modified stamps of every record, read from the database file with its snapshot.

The store writes ``created`` and ``modified`` into each document but the domain records do not
carry them (the codec ignores them). Exports that need them (OParl) read both from one read of
the file, so the stamps belong to exactly the records of the snapshot.
"""

from __future__ import annotations

from pathlib import Path

from herford_tui.domain.snapshot import Snapshot
from herford_tui.store import migrations
from herford_tui.store.codec import TYPES
from herford_tui.store.files import DatabaseFile
from herford_tui.store.store import _build_snapshot

Stamps = dict[tuple[str, int], tuple[str, str]]


def snapshot_with_stamps(path: Path) -> tuple[Snapshot, Stamps]:
    """The snapshot of ``path`` and (table, id) → (created, modified). Call after ``Store.open``."""
    file = DatabaseFile(Path(path))
    data, _ = file.read()
    migrations.check_supported(data, file.path)
    migrations.upgrade(data)  # in memory only, as a read-only store does
    stamps: Stamps = {}
    for table in TYPES:
        for doc_id, doc in data.get(table, {}).items():
            stamps[(table, int(doc_id))] = (str(doc.get("created", "")), str(doc.get("modified", "")))
    return _build_snapshot(data, file), stamps
