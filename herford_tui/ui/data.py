"""How the app talks to the store: polling for colleagues' changes, saving in workers.

Screens never touch the store directly; they call ``app.save_record`` /
``app.delete_record`` and react to ``app.snapshot`` changing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from textual import work
from textual.message import Message

from herford_tui.domain import Committee, Meeting, Membership, Organisation, Person, Record, Snapshot, ValidationError
from herford_tui.domain.snapshot import TABLE_NAMES
from herford_tui.store import ConflictError, InUseError, StoreError
from herford_tui.store.store import Follow

TYPE_INDEX = {Committee: 0, Organisation: 1, Person: 2, Membership: 3, Meeting: 4}
Done = Callable[[Record], None]
DoneAll = Callable[[list[Record]], None]


class RecordSaved(Message):
    """Posted after a save or delete went through (tests await it; views may react)."""

    def __init__(self, record: Record, deleted: bool = False):
        super().__init__()
        self.record = record
        self.deleted = deleted


class SaveFailed(Message):
    def __init__(self, record: Record, error: Exception):
        super().__init__()
        self.record = record
        self.error = error


class DataMixin:
    """Mixed into the App: owns the snapshot, the poller and the save workers."""

    def base_of(self, record: Record) -> Record | None:
        """The version ``record`` was edited from, if a recent snapshot still holds it."""
        table = TABLE_NAMES[TYPE_INDEX[type(record)]]
        for snapshot in (self.snapshot, *reversed(self._recent)):
            found = getattr(snapshot, table).get(record.id) if snapshot else None
            if found is not None and found.rev == record.rev:
                return found
        return None

    @property
    def _recent(self) -> deque[Snapshot]:
        """The last few snapshots shown, to find the base of an edit when a conflict needs a merge."""
        if not hasattr(self, "_recent_snapshots"):
            self._recent_snapshots: deque[Snapshot] = deque(maxlen=3)
        return self._recent_snapshots

    def start_polling(self) -> None:
        self.set_interval(self.poll_interval, self._poll, name="store-poll")

    def _poll(self) -> None:
        if self.store.changed():
            self.reload()

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def reload(self) -> None:
        try:
            snapshot = self.store.snapshot()
        except StoreError as exc:
            self.call_from_thread(self.notify, str(exc), title="Datenbank", severity="error", timeout=30)
            return
        self.call_from_thread(self._set_snapshot, snapshot)

    def _set_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot is self.snapshot:
            return
        old = self.snapshot
        if old is not None:
            self._recent.append(old)
        self.snapshot = snapshot  # the main screen's tabs and every shown view follow it

    def save_record(self, record: Record, done: Done | None = None) -> None:
        self._write([record], delete=False, done=(lambda saved: done(saved[0])) if done else None)

    def save_records(self, items: list[Record | Follow], done: DoneAll | None = None) -> None:
        """Several records in one write, all or nothing (a move, a member with a new person)."""
        self._write(items, delete=False, done=done)

    def delete_record(self, record: Record, done: Done | None = None) -> None:
        self._write([record], delete=True, done=(lambda saved: done(saved[0])) if done else None)

    @work(thread=True, group="write", exit_on_error=False)
    def _write(self, items: list[Record | Follow], *, delete: bool, done: DoneAll | None) -> None:
        try:
            if delete:
                self.store.delete(items[0])
                saved = list(items)
            else:
                saved = self.store.save_all(items)
        except (ValidationError, ConflictError, InUseError, StoreError) as exc:
            self.call_from_thread(self._write_failed, items, exc)
            return
        snapshot = self.store.snapshot()
        self.call_from_thread(self._write_done, saved, snapshot, delete, done)

    def _write_done(self, saved: list[Record], snapshot: Snapshot, deleted: bool, done: DoneAll | None) -> None:
        self._set_snapshot(snapshot)
        self.notify("Gelöscht." if deleted else "Gespeichert.", timeout=3)
        if done is not None:
            done(saved)
        for record in saved:
            self.post_message(RecordSaved(record, deleted))

    def _write_failed(self, items: list[Record | Follow], error: Exception) -> None:
        from herford_tui.ui.common.conflict import ConflictScreen

        record = next((item for item in items if not callable(item)), None)
        if isinstance(error, ConflictError) and len(items) == 1:
            self.push_screen(ConflictScreen(error, base=self.base_of(error.mine)), callback=self._resolve_conflict)
        elif isinstance(error, ConflictError):
            self.notify(
                f"{error} Die Ansicht zeigt jetzt den aktuellen Stand; bitte noch einmal.",
                title="Nicht gespeichert",
                severity="error",
                timeout=15,
            )
        else:
            self.notify(str(error), title="Nicht gespeichert", severity="error", timeout=15)
        self.post_message(SaveFailed(record, error))
        self.reload()

    def _resolve_conflict(self, keep_mine: Record | None) -> None:
        if keep_mine is not None:
            self.save_record(keep_mine)
