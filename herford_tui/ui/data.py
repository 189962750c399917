"""How the app talks to the store: polling for colleagues' changes, writing in workers.

Screens never touch the store directly. Forms and dialogs that write (``Saving`` in
``ui/common/saving.py``) run ``app.write`` in a worker and stay open until the write is
on disk; everything else uses ``save_record``/``delete_record``, which report the
outcome as a notification. Views refresh from ``app.snapshot``: every write ends with
the new snapshot being set there, so no further message is needed.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import deque
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from herford_tui.domain import Committee, Meeting, Membership, Organisation, Person, Record, Snapshot
from herford_tui.domain.duplicates import NOTHING, Confirmed
from herford_tui.domain.plans import Follow
from herford_tui.domain.snapshot import TABLE_NAMES
from herford_tui.store import ReadOnlyError, Store, StoreError
from herford_tui.ui.common.failures import describe_failure

if TYPE_CHECKING:
    from textual.app import App

    from herford_tui.domain.dsgvo import Disclosure

    _AppBase = App[None]
else:
    _AppBase = object

TYPE_INDEX = {Committee: 0, Organisation: 1, Person: 2, Membership: 3, Meeting: 4}
Done = Callable[[Record], None]
DoneAll = Callable[[list[Record]], None]


@dataclasses.dataclass(frozen=True)
class WriteJob:
    """What one save (or delete) writes, all or nothing."""

    items: list[Record | Follow]
    delete: bool = False
    force: bool = False
    """Delete even though a colleague changed the record since it was shown."""
    confirmed: Confirmed = NOTHING
    """The likely duplicates the user was warned about and saves anyway (``Store.save_all``)."""
    removed: tuple[Record, ...] = ()
    """Records deleted in the same write as ``items`` are saved (``Store.save_all``'s ``deleted``)."""
    imported: tuple[tuple[Record, ...], Snapshot] | None = None
    """An import: (the changed records, the snapshot it was checked against); ``items`` are the
    new records (``Store.save_import``)."""
    change: tuple[type[Any], int, Callable[[Any], Any]] | None = None
    """An operation on one record as stored, under the lock: (type, id, change), ``items``
    empty (``Store.save_change``; a meeting's agenda item, decision, task or minutes)."""


class DataMixin(_AppBase):
    """Mixed into the App: owns the snapshot, the poller and the writes."""

    if TYPE_CHECKING:
        store: Store
        snapshot: Snapshot | None
        poll_interval: float

        @property
        def today(self) -> date: ...

    read_only_reason: str | None = None
    """Why the app only reads (``--read-only``, no write permission), or None."""

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def db_path(self) -> Path:
        return self.store.path

    def disclose(self, person_id: int) -> Disclosure:
        """The DSGVO Auskunft (reads the files: call it in a worker)."""
        from herford_tui.domain.dsgvo import name_audit
        from herford_tui.store.erasure import person_disclosure

        report = person_disclosure(self.store, person_id, self.today)
        return name_audit(report, self.store.snapshot())

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

    # -- reading -----------------------------------------------------------------
    def complete_start(self) -> None:
        """What the start left for after the first frame (``Store.complete``; call it in a worker),
        first what the Auswertung's figures of this year read (``evaluation.warm_up``: most of
        their work, before the rest of the meetings is decoded)."""
        snapshot = self.snapshot
        if snapshot is not None and snapshot.pending:
            from herford_tui.domain.evaluation import warm_up  # not needed for the first frame

            warm_up(snapshot, self.today.year, self.today)
        self.store.complete()

    def start_polling(self) -> None:
        self.set_interval(self.poll_interval, self._poll, name="store-poll")

    def _poll(self) -> None:
        if self.store.changed():
            self.reload()

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def reload(self) -> None:
        try:
            snapshot = self.store.snapshot()
        except (StoreError, OSError) as exc:
            self.call_from_thread(self.notify, str(exc), title="Datenbank", severity="error", timeout=30, markup=False)
            return
        self.call_from_thread(self.set_snapshot, snapshot)

    def set_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot is self.snapshot:
            return
        old = self.snapshot
        if old is not None:
            self._recent.append(old)
        self.snapshot = snapshot  # the main screen's tabs and every shown view follow it
        # Once the views have shown it (and built the indexes they use), out of the collector.
        self.call_after_refresh(_freeze_built, snapshot)

    # -- read-only -------------------------------------------------------------------
    def refuse_edit(self, what: str = "Bearbeiten") -> bool:
        """In read-only mode say why ``what`` is not possible and return True."""
        if self.read_only_reason is None:
            return False
        self.notify(
            f"{what} ist ausgeschaltet (weil {self.read_only_reason}).",
            markup=False,
            title="Nur lesen",
            severity="warning",
            timeout=6,
        )
        return True

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        # The one place every form and write dialog passes: in read-only mode none opens.
        if getattr(screen, "EDITS", False) and self.refuse_edit(getattr(screen, "EDIT_WHAT", "Bearbeiten")):
            from textual.await_complete import AwaitComplete

            if kwargs.get("wait_for_dismiss"):
                import asyncio

                refused: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
                refused.set_result(None)
                return refused
            return AwaitComplete.nothing()
        return super().push_screen(screen, *args, **kwargs)

    # -- writing -----------------------------------------------------------------
    def write(
        self,
        job: WriteJob,
        *,
        cancel: threading.Event | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> tuple[list[Record], Snapshot]:
        """Write ``job`` and return what was saved and the new snapshot. Blocks: call it in a
        worker thread. Raises whatever went wrong; nothing is written then."""
        if self.read_only_reason is not None:
            raise ReadOnlyError(self.store.path, self.read_only_reason)
        if job.delete:  # the first item; the others go with it (a membership's deputies)
            record, *along = job.items
            assert not callable(record) and not any(callable(item) for item in along)
            deleted = self.store.delete(
                record, along=[a for a in along if not callable(a)], force=job.force, cancel=cancel, on_wait=on_wait
            )
            saved: list[Record] = [deleted]
        elif job.change is not None:
            cls, record_id, change = job.change
            saved = [self.store.save_change(cls, record_id, change, cancel=cancel, on_wait=on_wait)]
        elif job.imported is not None:
            inserts = [item for item in job.items if not callable(item)]
            updates, base = job.imported
            saved = self.store.save_import(inserts, updates, base, cancel=cancel, on_wait=on_wait)
        else:
            saved = self.store.save_all(
                job.items, confirmed=job.confirmed, deleted=job.removed, cancel=cancel, on_wait=on_wait
            )
        return saved, self.store.snapshot()

    def save_record(self, record: Record, done: Done | None = None) -> None:
        """Save without a form (restore from the archive): the outcome is a notification."""
        self.save_records([record], (lambda saved: done(saved[0])) if done else None)

    def save_records(self, items: list[Record | Follow], done: DoneAll | None = None) -> None:
        """Several records in one write, all or nothing."""
        if self._already_stored(items):
            # A form saved these itself and closed with them: a caller written for forms that
            # handed their result back to be saved must not write them a second time.
            if done is not None:
                done([item for item in items if not callable(item)])
            return
        self._write_in_background(WriteJob(items), done)

    def save_import(self, inserts: list[Record], updates: list[Record], base: Snapshot, done: DoneAll) -> None:
        """A checked import in one short write (``Store.save_import``); the outcome is a notification."""
        self._write_in_background(WriteJob(list(inserts), imported=(tuple(updates), base)), done)

    def _already_stored(self, items: list[Record | Follow]) -> bool:
        if self.snapshot is None or any(callable(item) or not item.id for item in items):
            return False
        for item in items:
            assert not callable(item)
            table = TABLE_NAMES[TYPE_INDEX[type(item)]]
            if getattr(self.snapshot, table).get(item.id) != item:
                return False
        return True

    def delete_record(self, record: Record, done: Done | None = None) -> None:
        self._write_in_background(WriteJob([record], delete=True), (lambda saved: done(saved[0])) if done else None)

    @work(thread=True, group="write", exit_on_error=False)
    def _write_in_background(self, job: WriteJob, done: DoneAll | None) -> None:
        try:
            saved, snapshot = self.write(job)
        except Exception as exc:  # every failure is reported, none is lost
            self.call_from_thread(self._background_failed, job, exc)
            return
        self.call_from_thread(self._background_done, job, saved, snapshot, done)

    def _background_done(self, job: WriteJob, saved: list[Record], snapshot: Snapshot, done: DoneAll | None) -> None:
        self.set_snapshot(snapshot)
        self.notify("Gelöscht." if job.delete else "Gespeichert.", timeout=3)
        if done is not None:
            done(saved)

    def _background_failed(self, job: WriteJob, error: Exception) -> None:
        message = describe_failure(error, self.store.path).replace(" Ihre Eingaben stehen noch im Formular.", "")
        title = "Nicht gelöscht" if job.delete else "Nicht gespeichert"
        self.notify(message, title=title, severity="error", timeout=15, markup=False)
        self.reload()

    def change_record(
        self,
        cls: type[Any],
        record_id: int,
        change: Callable[[Any], Any],
        done: Done | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Apply ``change`` to the record as stored when it is written (``Store.save_change``):
        an operation such as one person's attendance, so a colleague's change meanwhile stays.
        ``failed`` presents a failure (nothing was written) and the newest data is shown."""
        self._change_record_in_background(cls, record_id, change, done, failed)

    @work(thread=True, group="write", exit_on_error=False)
    def _change_record_in_background(
        self,
        cls: type[Any],
        record_id: int,
        change: Callable[[Any], Any],
        done: Done | None,
        failed: Callable[[Exception], None] | None,
    ) -> None:
        try:
            if self.read_only_reason is not None:
                raise ReadOnlyError(self.store.path, self.read_only_reason)
            saved = self.store.save_change(cls, record_id, change)
            snapshot = self.store.snapshot()
        except Exception as exc:  # every failure is reported, none is lost
            try:
                newest: Snapshot | None = self.store.snapshot()  # as read under the lock: no second read
            except (StoreError, OSError):
                newest = None
            self.call_from_thread(self._change_record_failed, exc, newest, failed)
            return
        self.call_from_thread(self._background_done, WriteJob([saved]), [saved], snapshot, _one(done))

    def _change_record_failed(
        self, error: Exception, newest: Snapshot | None, failed: Callable[[Exception], None] | None
    ) -> None:
        if failed is None:
            self._background_failed(WriteJob([]), error)
            return
        if newest is None:
            self.reload()
        else:
            self.set_snapshot(newest)  # first the newest data, then the screen says what was not saved
        failed(error)

    # -- erasure and merge: written in the same worker group as saves -------------------
    def erase_person(self, person_id: int, done: Callable[[], None] | None = None) -> None:
        """DSGVO erasure (Art. 17); the outcome is a notification."""
        from herford_tui.store.erasure import erase_person

        def erase() -> str:
            result = erase_person(self.store, person_id, self.today)
            if left := result.left_files():  # the user must act: shown apart, until closed
                self.call_from_thread(self._files_left, left)
            return result.summary(with_files=False)

        self._change_in_background(erase, done, title="DSGVO", failed_title="DSGVO", failed_lead="Nicht gelöscht: ")

    def _files_left(self, text: str) -> None:
        """The files an erasure left to delete by hand, in a dialog closed with Esc or Enter: as a
        notice of ten minutes it covered the top right of every view and form meanwhile (the
        titles of the dialogs, the list's count) and no key took it away."""
        from herford_tui.ui.common.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(text, yes=None, title="DSGVO: Dateien von Hand löschen"))

    def merge_persons(self, keep_id: int, drop_id: int, done: Callable[[], None] | None = None) -> None:
        """Fold the person ``drop_id`` into ``keep_id``; the outcome is a notification."""
        from herford_tui.store.person_merge import merge_persons

        def merge() -> str:
            merge_persons(self.store, keep_id, drop_id)
            return "Zusammengeführt."

        self._change_in_background(merge, done, failed_title="Nicht zusammengeführt")

    @work(thread=True, group="write", exit_on_error=False)
    def _change_in_background(
        self,
        change: Callable[[], str],
        done: Callable[[], None] | None,
        *,
        title: str = "",
        failed_title: str,
        failed_lead: str = "",
    ) -> None:
        """Run a store operation that writes on its own (erasure, merge), then show its outcome."""
        from herford_tui.domain import ValidationError

        try:
            if self.read_only_reason is not None:
                raise ReadOnlyError(self.store.path, self.read_only_reason)
            summary = change()
            snapshot = self.store.snapshot()
        except (StoreError, ValidationError, ValueError, OSError) as exc:
            message = f"{failed_lead}{exc}"
            self.call_from_thread(self.notify, message, title=failed_title, severity="error", timeout=15, markup=False)
            self.call_from_thread(self.reload)
            return
        self.call_from_thread(self._change_done, summary, title, snapshot, done)

    def _change_done(self, summary: str, title: str, snapshot: Snapshot, done: Callable[[], None] | None) -> None:
        self.set_snapshot(snapshot)
        self.notify(summary, title=title, timeout=8, markup=False)
        if done is not None:
            done()


def _one(done: Done | None) -> DoneAll | None:
    return (lambda saved: done(saved[0])) if done else None


def _freeze_built(snapshot: Snapshot) -> None:
    from herford_tui.ui.collector import freeze_built

    freeze_built(snapshot)
