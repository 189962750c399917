"""The repository: the one place that touches TinyDB and the database file.

Reads are served from an in-memory snapshot that is rebuilt only when one
``stat`` shows another version of the file. Every write is a read-modify-write
under the file lock on a *fresh* TinyDB instance, so TinyDB's query cache and
next-id cache never carry over from an older version of the file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from herford_tui.domain import Record, Snapshot, ValidationError
from herford_tui.domain.validation import text_length_problems
from herford_tui.store import migrations
from herford_tui.store.codec import TABLES, TYPES, DecodeError, decode, encode, table_of
from herford_tui.store.errors import (
    ConflictError,
    CorruptFileError,
    DeleteConflictError,
    FileVanishedError,
    InUseError,
    NotFoundError,
    ReadOnlyError,
    StoreError,
)
from herford_tui.store.files import DatabaseFile, StatKey, create_folder
from herford_tui.store.migrations import META

R = TypeVar("R", bound=Record)
Follow = Callable[[list[Record]], Record]
"""A record built from the ones saved before it in the same ``save_all``."""


class _SnapshotStorage(Storage):
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


class Store:
    """The database at ``path``.

    ``read_only=True`` opens it for reading only; a file (or folder) this user may
    not write is opened read-only by itself. A read-only store never creates the
    file, the lock file or a backup, never migrates, and raises ``ReadOnlyError``
    on every write.
    """

    def __init__(self, path: Path | str, *, backups: int = 5, read_only: bool = False):
        self.file = DatabaseFile(Path(path), backups=backups)
        self._asked_read_only = read_only
        self._mutex = threading.RLock()
        self._raw: dict[str, Any] | None = None
        self._raw_key: StatKey | None = None
        self._snapshot: Snapshot | None = None
        self._unreachable = False
        self._previous: tuple[dict[str, Any], Snapshot] | None = None

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def read_only(self) -> bool:
        """True if asked for, or if this user may not write the file or its folder (checked each time)."""
        return self._asked_read_only or self.file.write_problem() is not None

    def read_only_reason(self) -> str:
        """Why the store is read-only, in German ("" when it is writable)."""
        if self._asked_read_only:
            return "nur lesend geöffnet"
        return self.file.write_problem() or ""

    def _ensure_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(self.path, self.read_only_reason())

    # -- opening -----------------------------------------------------------------
    def open(self, seed: dict[str, list[dict[str, Any]]] | None = None) -> Store:
        """Create the file from ``seed`` if it is missing, migrate an old one, check it reads.

        Only a missing file is created. Anything else at the path must be a herford-tui
        database (``NotADatabaseError``, ``CorruptFileError`` otherwise, nothing written).
        """
        if not self.file.exists():
            if self._asked_read_only:
                raise FileVanishedError(
                    f"Die Datenbank {self.path} gibt es nicht; nur lesend kann sie nicht angelegt werden."
                )
            if seed is None:
                from herford_tui.store.seed import load_seed

                seed = load_seed()
            self._create(seed)
        self._migrate_if_needed()
        self.snapshot()
        return self

    def _create(self, seed: dict[str, list[dict[str, Any]]]) -> None:
        create_folder(self.file.path.parent)
        with self.file.locked():
            if self.file.exists():  # a colleague created it first: never replace it
                return
            db = TinyDB(migrations.empty(), storage=_SnapshotStorage)
            _insert(db, [decode(TYPES[table], row) for table, rows in seed.items() for row in rows])
            self.file.write(_storage(db).data)

    def _migrate_if_needed(self) -> None:
        data, key = self.file.read()
        if migrations.version_of(data) == migrations.SCHEMA_VERSION:
            with self._mutex:  # kept: the snapshot that follows need not parse the file again
                self._raw, self._raw_key, self._snapshot = data, key, None
            return
        migrations.check_supported(data, self.path)
        if self.read_only:
            return  # upgraded in memory on every read instead, see _refresh_raw
        with self.file.locked():
            data, _ = self.file.read()
            if migrations.upgrade(data):
                self.file.write(data)
        self._raw = None

    # -- reading -----------------------------------------------------------------
    def changed(self) -> bool:
        """True when the file is another version than the last snapshot (one ``stat``).

        When the file cannot be looked at (no permission, disk gone) it is True once, so
        the reload that follows says in German what is wrong, and False while it stays so.
        """
        try:
            key = self.file.stat_key()
        except StoreError:
            first, self._unreachable = not self._unreachable, True
            return first
        self._unreachable = False
        return key != self._raw_key

    def snapshot(self) -> Snapshot:
        with self._mutex:
            self._refresh_raw()
            if self._snapshot is None:
                assert self._raw is not None
                self._snapshot = _build_snapshot(self._raw, self.file, self._previous)
                self._previous = None
            return self._snapshot

    def _refresh_raw(self) -> None:
        if self._raw is not None and self.file.stat_key() == self._raw_key:
            return
        data, key = self.file.read()
        migrations.check_supported(data, self.path)
        migrations.upgrade(data)  # only an old file opened read-only still needs it here
        if self._raw is not None and self._snapshot is not None:
            # A consistent pair: records whose document did not change are taken over, not decoded.
            self._previous = (self._raw, self._snapshot)
        self._raw, self._raw_key, self._snapshot = data, key, None

    def get(self, cls: type[R], record_id: int) -> R:
        found = getattr(self.snapshot(), table_of(cls)).get(record_id)
        if found is None:
            raise NotFoundError(f"Eintrag {record_id} gibt es nicht (mehr).")
        return found

    # -- writing -----------------------------------------------------------------
    @contextlib.contextmanager
    def _transaction(self) -> Iterator[tuple[TinyDB, Snapshot, _Changes]]:
        self._ensure_writable()
        with self._mutex, self.file.locked():
            snapshot = self.snapshot()  # re-reads the file if another process wrote
            assert self._raw is not None
            # A fresh TinyDB per transaction: no query or next-id cache survives
            # from a version of the file that another process has since replaced.
            db = TinyDB(self._raw, storage=_SnapshotStorage)
            storage = _storage(db)
            changes = _Changes()
            try:
                yield db, snapshot, changes
            except BaseException:
                self._raw = None  # TinyDB may have changed the cached dict in place
                raise
            if storage.dirty:
                try:
                    key = self.file.write(storage.data)
                except BaseException:
                    self._raw = None
                    raise
                # The snapshot was current when the lock was taken, so patching in what this
                # transaction changed saves decoding the whole file again (seconds at x10).
                self._raw, self._raw_key = storage.data, key
                self._snapshot = snapshot.with_changes(changes.saved, changes.deleted)

    def save(self, record: R) -> R:
        """Insert (``id == 0``) or update ``record``; return it with its new id and revision.

        Raises ``ValidationError`` for bad values and ``ConflictError`` when the stored
        revision is not the one the edit started from. Nothing is written then.
        """
        return cast(R, self.save_all([record])[0])

    def save_all(self, items: list[Record | Follow]) -> list[Record]:
        """Save several records in one write: all of them, or none.

        An item may be a function of the records saved before it, for a record that
        points at one inserted in the same step (a membership of a person created now).
        Each record is checked against the data as it stands after the ones before it.
        """
        with self._transaction() as (db, snapshot, changes):
            saved: list[Record] = []
            view = snapshot
            for item in items:
                record = item(saved) if callable(item) else item
                problems = view.check(record)
                if problems:
                    raise ValidationError(problems)
                result = self._write_one(db, record)
                saved.append(result)
                changes.saved.append(dataclasses.replace(result))
                if len(items) > 1:
                    view = view.with_changes([result])
            return saved

    def _write_one(self, db: TinyDB, record: R) -> R:
        if not record.id:
            return _insert(db, [dataclasses.replace(record)])[0]
        table = db.table(table_of(record))
        current = _current(table, record)
        saved = dataclasses.replace(record, rev=record.rev + 1)
        doc = encode(saved) | {"created": current.get("created", ""), "modified": _now()}
        table.update(doc, doc_ids=[record.id])
        return saved

    def delete(self, record: R, *, force: bool = False) -> R:
        """Remove a record entered in error; return the version that was deleted.

        Refuses while others still point at it (``InUseError``). If a colleague saved
        the record since ``record`` was read, raises ``DeleteConflictError`` carrying
        their version and the changed fields, and deletes nothing; asked again with
        ``force=True`` it deletes that current version. A record that is gone already
        raises ``DeleteConflictError`` with ``theirs=None`` either way. A colleague's
        change is never written back.
        """
        with self._transaction() as (db, snapshot, changes):
            table = db.table(table_of(record))
            current = table.get(doc_id=record.id)
            if current is None:
                raise DeleteConflictError(record, None)
            doomed = record
            if current.get("rev", 0) != record.rev:
                theirs = decode(type(record), current, doc_id=record.id)
                if not force:
                    raise DeleteConflictError(record, theirs)
                doomed = theirs
            references = snapshot.references_to(doomed)
            if references:
                raise InUseError(references)
            table.remove(doc_ids=[record.id])
            changes.deleted.append(doomed)
            return doomed

    def save_many(self, records: Sequence[Record]) -> list[Record]:
        """Insert many new records in one write (demo data, imports); ids are assigned here.

        The caller keeps the rules across records; the field length limits are checked
        here (cheap), so no import can bring in a text no form would accept.
        """
        for record in records:
            problems = text_length_problems(record)
            if problems:
                raise ValidationError(problems)
        with self._transaction() as (db, _, changes):
            saved = _insert(db, records)
            changes.saved.extend(dataclasses.replace(r) for r in saved)
            return saved


@dataclasses.dataclass
class _Changes:
    """What a transaction saved or deleted, to patch the cached snapshot after the write."""

    saved: list[Record] = dataclasses.field(default_factory=list)
    deleted: list[Record] = dataclasses.field(default_factory=list)


# -- helpers on the TinyDB layout ------------------------------------------------
def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _current(table, record: Record) -> Document:
    current = table.get(doc_id=record.id)
    if current is None:
        raise ConflictError(record, None)
    if current.get("rev", 0) != record.rev:
        raise ConflictError(record, decode(type(record), current, doc_id=record.id))
    return current


def _storage(db: TinyDB) -> _SnapshotStorage:
    return cast(_SnapshotStorage, db.storage)


def _insert(db: TinyDB, records: Sequence[R]) -> list[R]:
    """Give each record the next id of its table and insert it, in one pending write.

    Ids come from our own high-water mark in the meta table, not TinyDB's
    max(id)+1, so the id of a deleted record is never handed out again (a stale
    edit of the deleted record could otherwise land on a stranger).
    """
    meta = db.table(META)
    head = meta.get(doc_id=1)
    assert isinstance(head, dict), "the meta table is checked when the file is read"
    counters = dict(head.get("counters", {}))
    data = _storage(db).data
    for table in {table_of(r) for r in records}:
        # Never below an id in the file, even if a hand-edited counter lags behind.
        highest = max((int(k) for k in data.get(table, {})), default=0)
        counters[table] = max(counters.get(table, 0), highest)
    now = _now()
    by_table: dict[str, list[Document]] = {}
    for record in records:
        table = table_of(record)
        record.id = counters[table] + 1
        record.rev = 1
        counters[table] = record.id
        doc = encode(record) | {"created": now, "modified": now}
        by_table.setdefault(table, []).append(Document(doc, doc_id=record.id))
    for table, docs in by_table.items():
        db.table(table).insert_multiple(docs)
    meta.update({"counters": counters}, doc_ids=[1])
    return list(records)


def _build_snapshot(
    data: dict[str, Any], file: DatabaseFile, previous: tuple[dict[str, Any], Snapshot] | None = None
) -> Snapshot:
    # Decoding makes many small objects and no cycles; the collector would only slow it down.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _decode_all(data, file, previous)
    finally:
        if was_enabled:
            gc.enable()


def _decode_all(data: dict[str, Any], file: DatabaseFile, previous: tuple[dict[str, Any], Snapshot] | None) -> Snapshot:
    """Decode every record; with ``previous`` (the last file and its snapshot) only the changed ones.

    After a colleague's save most documents are equal to the ones already decoded; comparing
    two dicts is C code, decoding one is Python, so that is the cost of a colleague's save.
    """
    snapshot = Snapshot()
    for table, cls in TYPES.items():
        target = getattr(snapshot, TABLES[cls])
        old_docs: dict[str, Any] = previous[0].get(table, {}) if previous else {}
        old_records: dict[int, Record] = getattr(previous[1], TABLES[cls]) if previous else {}
        for doc_id, doc in data.get(table, {}).items():
            if old_docs.get(doc_id) == doc:
                kept = old_records.get(int(doc_id))
                if kept is not None:
                    target[int(doc_id)] = kept
                    continue
            try:
                target[int(doc_id)] = decode(cls, doc, doc_id=int(doc_id))
            except (DecodeError, ValueError, TypeError) as exc:
                raise CorruptFileError(
                    file.path, f"Tabelle „{table}“, Eintrag {doc_id}: {exc}", file.readable_backups()
                ) from None
    return snapshot
