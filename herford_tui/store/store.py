"""The repository: the one place that touches TinyDB and the database file.

Reads are served from an in-memory snapshot that is rebuilt only when one
``stat`` shows another version of the file. Every write is a read-modify-write
under the file lock on a *fresh* TinyDB instance, so TinyDB's query cache and
next-id cache never carry over from an older version of the file. TinyDB and its
storages (``storages.py``) are imported by the first write: a start only reads.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from herford_tui.domain import Record, Snapshot, ValidationError
from herford_tui.domain.duplicates import EVERY, NOTHING, Confirmed, check_confirmed
from herford_tui.domain.merge import Clash
from herford_tui.domain.models import Membership, Organisation, Person
from herford_tui.domain.plans import Follow
from herford_tui.domain.validation import Problem, text_length_problems
from herford_tui.store import migrations, typed
from herford_tui.store.codec import LABELS, TABLES, TYPES, DecodeError, decode, encode, table_of
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
from herford_tui.store.files import (
    KNOWN_TABLES,
    DatabaseFile,
    StatKey,
    create_folder,
    encode_json,
    gc_paused,
    structure_problem,
)
from herford_tui.store.image import FileImage, load
from herford_tui.store.migrations import META
from herford_tui.store.typed import GeneralPath, snapshot_of

if TYPE_CHECKING:  # TinyDB is imported by the writes (``storages``): reading the file needs none of it
    from tinydb import TinyDB
    from tinydb.table import Document

    from herford_tui.store.storages import SnapshotStorage, TouchedStorage

VERIFY_ENV = "HERFORD_TUI_VERIFY"
"""Set to 1 (the tests do): every fast read and every spliced write is checked against the
general path, which decodes the whole file with the Python codec."""

R = TypeVar("R", bound=Record)


class Store:
    """The database at ``path``.

    ``read_only=True`` opens it for reading only; a file (or folder) this user may
    not write is opened read-only by itself. A read-only store never creates the
    file, the lock file or a backup, never migrates, and raises ``ReadOnlyError``
    on every write.
    """

    def __init__(self, path: Path | str, *, backups: int = 5, read_only: bool = False, defer: bool = False):
        """``defer``: the large tables of a large file (meetings, persons, memberships) are decoded
        when first asked for (the app's start, ``typed.PendingMeetings``, ``typed.PendingRecords``);
        any write decodes them first."""
        self.file = DatabaseFile(Path(path), backups=backups)
        self._asked_read_only = read_only
        self._defer = defer
        self._mutex = threading.RLock()
        self._image: FileImage | None = None
        self._image_key: StatKey | None = None
        self._snapshot: Snapshot | None = None
        self._unreachable = False
        self._old_schema = False

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
        with self._mutex:
            self._refresh()  # the one parse of the file; an old schema comes back here unmigrated
            if self._old_schema and not self.read_only:
                self._migrate()
            self._complete_erasures()
            self.snapshot()
        return self

    def _complete_erasures(self) -> None:
        """Before anybody reads the file: finish an erasure a killed program left, and erase again
        persons erased earlier that a restored or copied-back older file holds (two ``stat``s when
        there is nothing to do; see ``store/personal_files.py``)."""
        if self.read_only:
            return
        path = self.file.path
        journal = path.with_name(path.name + ".erasing")
        erased = path.with_name(path.name + ".erased")
        if not (journal.exists() or erased.exists()):
            return
        from herford_tui.store import personal_files

        done = personal_files.finish_pending(self.file)
        known = personal_files.erased_persons(path)
        snapshot = self.snapshot()
        if any((p := snapshot.persons.get(pid)) is not None and p.erased_on is None for pid in known):
            done = bool(personal_files.reapply_erasures(self.file)) or done
        if done:
            self._image = None  # read again: the cleaned file

    def _create(self, seed: dict[str, list[dict[str, Any]]]) -> None:
        create_folder(self.file.path.parent)
        with self.file.locked():
            if self.file.exists():  # a colleague created it first: never replace it
                return
            from tinydb import TinyDB

            from herford_tui.store.storages import SnapshotStorage

            db = TinyDB(migrations.empty(), storage=SnapshotStorage)
            _insert(db, [decode(TYPES[table], row) for table, rows in seed.items() for row in rows])
            self.file.write(_storage(db).data)

    def _migrate(self) -> None:
        with self.file.locked():
            data, _ = self.file.read()
            if migrations.upgrade(data):
                self.file.write(data)
        self._image = None  # read again: the migrated file, or a colleague's newer one

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
        return key != self._image_key

    def snapshot(self) -> Snapshot:
        with self._mutex:
            self._refresh()
            assert self._snapshot is not None
            return self._snapshot

    def _refresh(self) -> None:
        """Read the file if it is another version than the image (one ``stat`` if not)."""
        if self._image is not None and self.file.stat_key() == self._image_key:
            return
        raw, key = self.file.read_bytes()
        previous = (self._image, self._snapshot) if self._image and self._snapshot else None
        self._old_schema = False
        with gc_paused(freeze=previous is None):  # a whole new snapshot: see gc_paused
            general = None
            if self._defer and previous is None and len(raw) >= typed.DEFER_FROM:
                general = functools.cache(lambda: self._general_load(raw)[1])  # once for all pending tables
            loaded = _fast_load(raw, previous, general)
            if loaded is None:
                loaded = self._general_load(raw)
        self._image, self._snapshot = loaded
        self._image_key = key
        self._defer = False  # only the first read of the file: the start
        if os.environ.get(VERIFY_ENV) == "1" and not self._old_schema:
            _verify(raw, self._snapshot, self.file)

    def complete(self) -> None:
        """What ``defer`` left for later: the checks of the tables the start did not check, and the
        pending tables. Raises the German error the start would have raised; a file that is not
        compact after all is read again the general way (the same records, or its error)."""
        with self._mutex:
            image = self._image
            if image is not None and image.unchecked and not image.check_rest():
                self._image = None
                self._refresh()
            snapshot = self.snapshot()
        if snapshot.pending:
            snapshot.decode_pending()
            snapshot.meetings_index()  # their index by committee while here

    def _general_load(self, raw: bytes) -> tuple[FileImage, Snapshot]:
        """Any file ``_fast_load`` did not take: the German words for what is wrong, an old schema."""
        data = self.file.parse(raw)
        migrations.check_supported(data, self.path)
        if migrations.version_of(data) != migrations.SCHEMA_VERSION:
            self._old_schema = True
            migrations.upgrade(data)  # in memory: a read-only store shows an old file this way
        snapshot = _build_snapshot(data, self.file)  # records that do not decode: refused here
        return FileImage.of_data(data), snapshot

    def get(self, cls: type[R], record_id: int) -> R:
        found = getattr(self.snapshot(), table_of(cls)).get(record_id)
        if found is None:
            raise NotFoundError(f"Eintrag {record_id} gibt es nicht (mehr).")
        return found

    # -- writing -----------------------------------------------------------------
    @contextlib.contextmanager
    def _transaction(
        self,
        cancel: threading.Event | None = None,
        on_wait: Callable[[], None] | None = None,
        erasure: tuple[int, frozenset[str]] | None = None,
    ) -> Iterator[tuple[TinyDB, Snapshot, _Changes]]:
        self._ensure_writable()
        with self._mutex, self.file.locked(cancel=cancel, on_wait=on_wait):
            self.complete()  # the whole file checked and decoded (or refused) before any write
            snapshot = self.snapshot()  # re-reads the file if another process wrote
            image = self._image
            assert image is not None
            # A fresh TinyDB per transaction: no query or next-id cache survives
            # from a version of the file that another process has since replaced.
            from tinydb import TinyDB

            from herford_tui.store import audit  # the log: written by writes, not read at the start
            from herford_tui.store.storages import TouchedStorage

            db = TinyDB(image, storage=TouchedStorage)
            storage = _touched(db)
            changes = _Changes()
            try:
                yield db, snapshot, changes
            except ConflictError as exc:  # name the colleague, while the log cannot move on
                exc.named(audit.last_author(self.path, table_of(exc.mine), exc.mine.id))
                raise
            if storage.dirty:
                # The audit log entry is on disk before the file is replaced (see audit.py).
                if erasure is not None:
                    person_id, values = erasure
                    audit.record_erasure(self.file, storage.data, person_id, len(changes.saved), values)
                else:
                    audit.record(self.file, storage.data, snapshot, changes.saved, changes.deleted)
                written = image.with_changes(storage.changes())
                key = self.file.write(written.pieces())
                # The snapshot was current when the lock was taken, so patching in what this
                # transaction changed saves decoding the whole file again.
                self._image, self._image_key = written, key
                self._snapshot = snapshot.with_changes(changes.saved, changes.deleted)
                if os.environ.get(VERIFY_ENV) == "1":
                    _verify(written.payload(), self._snapshot, self.file, written=True)

    def save(self, record: R, *, confirmed: Confirmed = NOTHING) -> R:
        """Insert (``id == 0``) or update ``record``; return it with its new id and revision.

        Raises ``ValidationError`` for bad values and ``ConflictError`` when the stored
        revision is not the one the edit started from. Nothing is written then.
        ``confirmed``: the likely duplicates the user saw and accepted (see ``save_all``).
        """
        return cast(R, self.save_all([record], confirmed=confirmed)[0])

    def save_all(
        self,
        items: list[Record | Follow],
        *,
        confirmed: Confirmed = NOTHING,
        deleted: Sequence[Record] = (),
        cancel: threading.Event | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> list[Record]:
        """Save several records in one write: all of them, or none.

        ``deleted``: records removed in the same write, after the saves (an Austritt takes the
        person's role entered for later with it, ``plans.leave``). Each must be the version read
        (else ``DeleteConflictError``: nothing is written) and nothing may point at it once the
        saves are in (else ``InUseError``); one a colleague deleted meanwhile is gone already.

        An item may be a function of the records saved before it, for a record that
        points at one inserted in the same step (a membership of a person created now).
        Each record is checked against the data as it stands after the ones before it.
        A new person or organisation, or one whose name, organisation or e-mail changed, is
        refused when it is a likely duplicate (``domain/duplicates.py``) the user did not
        confirm: checked here under the lock, so two colleagues adding the same person at once
        get one person and a message. ``cancel``/``on_wait``: see ``DatabaseFile.locked``.
        """
        with self._transaction(cancel, on_wait) as (db, snapshot, changes):
            saved = self._save_items(db, snapshot, changes, items, confirmed)
            if deleted:
                self._remove(db, snapshot.with_changes(saved), changes, deleted)
            return saved

    def _remove(self, db: TinyDB, view: Snapshot, changes: _Changes, deleted: Sequence[Record]) -> None:
        """Remove ``deleted`` (as read) inside a transaction whose saves ``view`` holds."""
        from herford_tui.domain.deletion import referring  # a delete's check: not at every start

        doomed: list[Record] = []
        for one in deleted:
            _touched(db).load(table_of(one), one.id)
            current = db.table(table_of(one)).get(doc_id=one.id)
            if current is None:
                continue  # a colleague deleted it meanwhile: gone either way
            if current.get("rev", 0) != one.rev:
                raise DeleteConflictError(one, decode(type(one), current, doc_id=one.id))
            doomed.append(one)
        after = view.with_changes(deleted=doomed)
        for one in doomed:
            if references := referring(after, one):
                raise InUseError(references)
        for one in doomed:  # only once every check has passed: nothing half deleted
            db.table(table_of(one)).remove(doc_ids=[one.id])
            changes.deleted.append(one)

    def save_change(
        self,
        cls: type[R],
        record_id: int,
        change: Callable[[R], R],
        *,
        cancel: threading.Event | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> R:
        """Apply ``change`` to the record as stored now and save the result, under the lock: a
        read-modify-write for an edit that is an operation (one person's attendance), not a new
        version, so a colleague's change to the same record meanwhile is kept, not refused.

        ``change`` raises a ``domain.merge.Clash`` (named here from the audit log) when it cannot
        be combined with the stored version; nothing is written then, nor when it changes nothing.
        ``NotFoundError`` when the record is gone.
        """
        with self._transaction(cancel, on_wait) as (db, snapshot, changes):
            current = getattr(snapshot, table_of(cls)).get(record_id)
            if current is None:
                raise NotFoundError(f"Der Eintrag {record_id} wurde inzwischen gelöscht. Nichts wurde gespeichert.")
            try:
                updated = change(current)
            except Clash as exc:
                from herford_tui.store import audit

                exc.by = audit.last_author(self.path, table_of(cls), record_id)
                raise
            if updated == current:
                return cast(R, current)
            return cast(R, self._save_items(db, snapshot, changes, [updated], NOTHING)[0])

    def save_erasure(
        self, records: list[Record], person_id: int, values: frozenset[str], deleted: Sequence[Record] = ()
    ) -> list[Record]:
        """Save a DSGVO erasure's records (``store/erasure.py``) and remove ``deleted`` (memberships
        that would only have begun after the erasure), in one write: the audit log gets the
        person's data taken out of every entry and one entry that records only that the erasure
        happened."""
        with self._transaction(erasure=(person_id, values)) as (db, snapshot, changes):
            if deleted:
                from herford_tui.domain.deletion import referring

                view = snapshot.with_changes(deleted=deleted)
                for one in deleted:
                    if references := referring(view, one):
                        raise InUseError(references)
                for one in deleted:
                    _touched(db).load(table_of(one), one.id)
                    if db.table(table_of(one)).get(doc_id=one.id) is not None:  # not gone since
                        db.table(table_of(one)).remove(doc_ids=[one.id])
                        changes.deleted.append(one)
                snapshot = view
            return self._save_items(db, snapshot, changes, list(records), EVERY)

    def _save_items(
        self, db: TinyDB, snapshot: Snapshot, changes: _Changes, items: list[Record | Follow], confirmed: Confirmed
    ) -> list[Record]:
        saved: list[Record] = []
        view = snapshot
        for item in items:
            record = item(saved) if callable(item) else item
            problems = view.check(record)
            if problems:
                raise ValidationError(problems)
            check_confirmed(view, record, confirmed)
            result = self._write_one(db, record)
            saved.append(result)
            changes.saved.append(dataclasses.replace(result))
            if len(items) > 1:
                view = view.with_changes([result])
        return saved

    def _write_one(self, db: TinyDB, record: R) -> R:
        if not record.id:
            return _insert(db, [dataclasses.replace(record)])[0]
        _touched(db).load(table_of(record), record.id)
        table = db.table(table_of(record))
        current = _current(table, record)
        saved = dataclasses.replace(record, rev=record.rev + 1)
        doc = encode(saved) | {"created": current.get("created", ""), "modified": _now()}
        table.update(doc, doc_ids=[record.id])
        return saved

    def delete(
        self,
        record: R,
        *,
        along: Sequence[Record] = (),
        force: bool = False,
        cancel: threading.Event | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> R:
        """Remove a record entered in error; return the version that was deleted.

        Refuses while others still point at it (``InUseError``); ``along`` are deleted in the
        same write and do not count as pointing at it (a membership with its deputies): all of
        them or none. If a colleague saved one of them since it was read, raises
        ``DeleteConflictError`` carrying their version and the changed fields, and deletes
        nothing; asked again with ``force=True`` it deletes the current versions. A record
        that is gone already raises ``DeleteConflictError`` with ``theirs=None`` either way.
        A colleague's change is never written back. ``cancel``/``on_wait``: see
        ``DatabaseFile.locked``.
        """
        with self._transaction(cancel, on_wait) as (db, snapshot, changes):
            doomed: list[Record] = []
            for one in (record, *along):
                _touched(db).load(table_of(one), one.id)
                current = db.table(table_of(one)).get(doc_id=one.id)
                if current is None:
                    raise DeleteConflictError(one, None)
                if current.get("rev", 0) != one.rev:
                    theirs = decode(type(one), current, doc_id=one.id)
                    if not force:
                        raise DeleteConflictError(one, theirs)
                    one = theirs
                doomed.append(one)
            view = snapshot.with_changes(deleted=doomed[1:]) if along else snapshot
            from herford_tui.domain.deletion import referring  # a delete's check: not at every start

            for one in doomed:
                references = referring(view, one)
                if references:
                    raise InUseError(references)
            for one in doomed:  # only once every check has passed: nothing half deleted
                db.table(table_of(one)).remove(doc_ids=[one.id])
                changes.deleted.append(one)
            return cast(R, doomed[0])

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

    def save_import(
        self,
        inserts: Sequence[Record],
        updates: Sequence[Record],
        base: Snapshot | None = None,
        *,
        cancel: threading.Event | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> list[Record]:
        """Write a checked import in one short transaction: all of it, or nothing.

        ``inserts`` are new records: with the id of the file's ``Nr.`` (kept, so an export
        imported into a new database keeps its numbers; refused when the number was ever
        handed out here) or a provisional negative id (a new number; a deputy pointing at a
        provisional id points at the new one). ``updates`` carry the revision they were read
        in (``ConflictError`` when a colleague saved one meanwhile). ``base`` is the snapshot
        the plan was checked against: when the file is still that version nothing is checked
        again; otherwise every planned record is checked against the data as it is now.
        The checking of thousands of rows happens before, without the lock.
        """
        for record in (*inserts, *updates):
            problems = text_length_problems(record)
            if problems:
                raise ValidationError(problems)
        with self._transaction(cancel, on_wait) as (db, snapshot, changes), gc_paused():
            if snapshot is not base:
                view = snapshot.with_changes([*inserts, *updates])
                for record in (*inserts, *updates):
                    problems = view.check(record)
                    if problems:
                        raise ValidationError(problems)
            saved = _insert_numbered(db, inserts)
            new_id = {(type(old), old.id): new.id for old, new in zip(inserts, saved, strict=True) if old.id < 0}
            renumbered = [_follow_ids(r, new_id) for r in saved]
            if renumbered != saved:  # a deputy of a membership numbered just now
                saved = _update_docs(db, renumbered, same_rev=True)
            updated = _update_docs(db, [_follow_ids(r, new_id) for r in updates])
            result = [*saved, *updated]
            changes.saved.extend(dataclasses.replace(r) for r in result)
            return result


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


def _storage(db: TinyDB) -> SnapshotStorage:
    return cast("SnapshotStorage", db.storage)


def _touched(db: TinyDB) -> TouchedStorage:
    return cast("TouchedStorage", db.storage)


def _insert(db: TinyDB, records: Sequence[R]) -> list[R]:
    """Give each record the next id of its table and insert it, in one pending write.

    Ids come from our own high-water mark in the meta table, not TinyDB's
    max(id)+1, so the id of a deleted record is never handed out again (a stale
    edit of the deleted record could otherwise land on a stranger).
    """
    from tinydb.table import Document

    from herford_tui.store.storages import TouchedStorage

    meta = db.table(META)
    head = meta.get(doc_id=1)
    assert isinstance(head, dict), "the meta table is checked when the file is read"
    counters = dict(head.get("counters", {}))
    storage = _storage(db)
    for table in {table_of(r) for r in records}:
        # Never below an id in the file, even if a hand-edited counter lags behind.
        if isinstance(storage, TouchedStorage):
            highest = storage.highest_id(table)
        else:
            highest = max((int(k) for k in storage.data.get(table, {})), default=0)
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


def _insert_numbered(db: TinyDB, records: Sequence[Record]) -> list[Record]:
    """Insert new records: an id above 0 is kept (never one handed out before, see ``_insert``),
    the others get the next free ids."""
    from tinydb.table import Document

    copies = [dataclasses.replace(r) for r in records]
    numbered = [r for r in copies if r.id > 0]
    fresh = [r for r in copies if r.id <= 0]
    meta = db.table(META)
    head = meta.get(doc_id=1)
    assert isinstance(head, dict), "the meta table is checked when the file is read"
    counters = dict(head.get("counters", {}))
    storage = _touched(db)
    for table in {table_of(r) for r in numbered}:
        counters[table] = max(counters.get(table, 0), storage.highest_id(table))
    for record in numbered:
        table = table_of(record)
        label = LABELS[table][0]
        if storage.image.doc(table, str(record.id)) is not None:
            raise ValidationError([Problem("id", f"{label} Nr. {record.id} gibt es hier schon.")])
        if record.id <= counters.get(table, 0):
            message = (
                f"{label} Nr. {record.id} war hier schon vergeben (gelöscht): bitte in dieser Zeile die Nr. "
                "leeren, dann wird sie neu angelegt."
            )
            raise ValidationError([Problem("id", message)])
    now = _now()
    by_table: dict[str, list[Document]] = {}
    for record in numbered:
        table = table_of(record)
        record.rev = 1
        by_table.setdefault(table, []).append(Document(encode(record) | {"created": now, "modified": now}, record.id))
    for table, docs in by_table.items():
        counters[table] = max(counters.get(table, 0), *(int(d.doc_id) for d in docs))
        db.table(table).insert_multiple(docs)
    if numbered:
        meta.update({"counters": counters}, doc_ids=[1])
    if fresh:
        _insert(db, fresh)
    order = {id(r): i for i, r in enumerate(copies)}
    return sorted([*numbered, *fresh], key=lambda r: order[id(r)])


def _follow_ids(record: R, new_id: dict[tuple[type, int], int]) -> R:
    """``record`` pointing at the final ids of records inserted under provisional ones: a deputy
    at the membership it stands in for, a person at the organisation imported with it (each
    kind numbers its provisional ids from -1, so they are told apart by type)."""
    if isinstance(record, Membership) and record.deputy_of is not None and (Membership, record.deputy_of) in new_id:
        return cast(R, dataclasses.replace(record, deputy_of=new_id[(Membership, record.deputy_of)]))
    if isinstance(record, Person) and record.organisation_id is not None:
        org = new_id.get((Organisation, record.organisation_id))
        if org is not None:
            return cast(R, dataclasses.replace(record, organisation_id=org))
    return record


def _update_docs(db: TinyDB, records: Sequence[Record], *, same_rev: bool = False) -> list[Record]:
    """Replace stored records in one go (TinyDB's ``update`` re-reads its table per call).

    ``ConflictError`` when one was saved by a colleague since it was read. ``same_rev``:
    records inserted in this transaction, corrected, not a new revision.
    """
    storage = _touched(db)
    now = _now()
    saved: list[Record] = []
    for record in records:
        table, key = table_of(record), str(record.id)
        storage.load(table, key)
        current = storage.data.get(table, {}).get(key)
        if current is None:
            raise ConflictError(record, None)
        if current.get("rev", 0) != record.rev:
            raise ConflictError(record, decode(type(record), current, doc_id=record.id))
        result = record if same_rev else dataclasses.replace(record, rev=record.rev + 1)
        storage.data[table][key] = encode(result) | {"created": current.get("created", ""), "modified": now}
        saved.append(result)
    if records:
        storage.dirty = True
    return saved


LATER = frozenset({"organisations", "persons", "memberships"})
"""Tables whose check (``FileImage.compact``) the app's start leaves for after the first frame
(``Store.complete``, before any write). The organisations are decoded at once all the same, the
persons and memberships of the first screen alone (``typed.PendingRecords``). The meetings are
checked at once: the first screen reads one committee's meetings by their record slices."""


def _fast_load(
    raw: bytes,
    previous: tuple[FileImage, Snapshot] | None,
    general: Callable[[], Snapshot] | None = None,
) -> tuple[FileImage, Snapshot] | None:
    """The file's image and snapshot by the fast path, or None: then it takes the general one.

    Taken only for a compact file of the current schema with nothing but our tables and a
    valid meta table, whose records msgspec decodes as the Python codec would.
    """
    later = LATER if general is not None else frozenset()
    image = FileImage.read(raw, previous[0] if previous else None, later)
    if image is None:
        return None
    unknown = set(image.names()) - KNOWN_TABLES - {META, "_default"}
    if unknown or bytes(image.tables.get("_default", b"{}")) != b"{}":
        return None
    meta = {META: load(image.tables[META])}
    if structure_problem(meta) or migrations.version_of(meta) != migrations.SCHEMA_VERSION:
        return None
    try:
        return image, snapshot_of(image, previous, general=general)
    except GeneralPath:
        return None


def _verify(raw: bytes, snapshot: Snapshot, file: DatabaseFile, *, written: bool = False) -> None:
    """The fast path's result equals the general path's; what it wrote is compact (see VERIFY_ENV)."""
    data = file.parse(raw)
    if written:
        assert encode_json(data) == raw, "the store wrote other bytes than encoding the data whole gives"
    assert _build_snapshot(data, file) == snapshot, "the fast path decoded other records than the codec"


def _build_snapshot(data: dict[str, Any], file: DatabaseFile) -> Snapshot:
    """Decode every record with the Python codec (the general path: every problem in German)."""
    snapshot = Snapshot()
    with gc_paused():
        for table, cls in TYPES.items():
            target = getattr(snapshot, TABLES[cls])
            for doc_id, doc in data.get(table, {}).items():
                try:
                    target[int(doc_id)] = decode(cls, doc, doc_id=int(doc_id))
                except (DecodeError, ValueError, TypeError) as exc:
                    raise CorruptFileError(
                        file.path, f"Tabelle „{table}“, Eintrag {doc_id}: {exc}", file.readable_backups()
                    ) from None
    return snapshot
