"""The TinyDB storages of a write: imported with the first write, not at the app's start.

Reading the file (the start, a colleague's change) needs no TinyDB: the snapshot is decoded
from the file image. TinyDB (with ``json``) costs 5-7 ms of CPU to import, so ``store.py``
imports it and this module inside the write paths only.
"""

from __future__ import annotations

from typing import Any

from tinydb.storages import Storage

from herford_tui.store.image import FileImage
from herford_tui.store.migrations import META


class SnapshotStorage(Storage):
    """TinyDB storage over data already read under the lock; written once at commit."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.dirty = False

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data
        self.dirty = True

    def close(self) -> None:
        """Nothing to release: the store writes the file itself when the transaction ends."""


class TouchedStorage(SnapshotStorage):
    """TinyDB storage over only the records a transaction touches, taken from the file image.

    The store loads each record before TinyDB reads, updates or removes it; at the commit
    the image re-encodes just those and splices them in (a save costs its own records plus
    writing the file, not encoding all of it).
    """

    def __init__(self, image: FileImage):
        self.image = image
        self.loaded: dict[str, set[str]] = {}
        super().__init__({})
        self.load(META, "1")

    def load(self, table: str, doc_id: int | str) -> None:
        key = str(doc_id)
        loaded = self.loaded.setdefault(table, set())
        if key in loaded:
            return
        loaded.add(key)
        doc = self.image.doc(table, key)
        if doc is not None:
            self.data.setdefault(table, {})[key] = doc

    def highest_id(self, table: str) -> int:
        """The highest id in the whole table, not only among the records loaded."""
        in_file = max(map(int, self.image.ids(table)), default=0)
        return max([in_file, *map(int, self.data.get(table, {}))])

    def changes(self) -> dict[str, dict[str, dict[str, Any] | None]]:
        """Per table the records TinyDB left after the transaction; None for the ones it removed."""
        out: dict[str, dict[str, dict[str, Any] | None]] = {}
        for table, docs in self.data.items():
            changed: dict[str, dict[str, Any] | None] = {key: None for key in self.loaded.get(table, ())}
            changed.update(docs)
            out[table] = changed
        return out
