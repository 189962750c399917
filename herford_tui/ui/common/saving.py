"""Screens that write: the save runs in a worker and the screen stays open until it is on disk.

A form or dialog calls ``start_write``; the status line says "Speichert …" once the save
takes longer than a moment, or that it waits for a colleague's lock (Esc gives up). Success calls ``write_succeeded``,
any failure ``write_failed`` with the exception: the screen and its input stay.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from textual import on, work
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from herford_tui.domain import Record, Snapshot
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.failures import describe_failure
from herford_tui.ui.common.format import plain
from herford_tui.ui.data import WriteJob

R = TypeVar("R")

SAVING = "Speichert …"
WAITING = "Wartet auf die Datenbank (von einem anderen Vorgang gesperrt) … Esc bricht ab."
CANCELLING = "Bricht ab …"
BUSY_AFTER = 1.0
"""Seconds a save runs before the status line says "Speichert …". Most saves are on disk by then
(x10: about half a second on a loaded server) and the form closes: showing the line laid the
form out while the file was written (at x10 up to 0.18 s under load), and the layout holds the
interpreter that the writing thread needs between its system calls. A longer save (a slow disk)
says so; a colleague's lock says so at once."""


@dataclass
class SaveWaiting(Message):
    """Another process holds the file lock; the save waits for it."""

    screen: SavingScreen[Any]

    @property
    def control(self) -> SavingScreen[Any]:
        return self.screen


@dataclass
class SaveDone(Message):
    """The write is on disk; ``snapshot`` is the file as it is now."""

    screen: SavingScreen[Any]
    job: WriteJob
    saved: list[Record]
    snapshot: Snapshot

    @property
    def control(self) -> SavingScreen[Any]:
        return self.screen


@dataclass
class SaveFailed(Message):
    """Nothing was written; ``error`` says why."""

    screen: SavingScreen[Any]
    job: WriteJob
    error: Exception

    @property
    def control(self) -> SavingScreen[Any]:
        return self.screen


class SavingScreen(HerfordAccess, ModalScreen[R]):
    """Base of the forms and dialogs that write. Subclasses compose ``status_line()``."""

    EDITS: ClassVar[bool] = True
    """Refused in read-only mode before it opens (see ``DataMixin.push_screen``)."""
    EDIT_WHAT: ClassVar[str] = "Bearbeiten"
    """What the refusal names: "<EDIT_WHAT> ist ausgeschaltet (weil …)"."""

    _cancel: threading.Event | None = None
    _status: tuple[str, str] = ("", "")

    @property
    def snapshot(self) -> Snapshot:
        """The data as shown now (set before any screen opens)."""
        snapshot = self.herford.snapshot
        assert snapshot is not None
        return snapshot

    @staticmethod
    def status_line() -> Static:
        return Static("", id="save-status", classes="save-status -empty")

    @property
    def saving(self) -> bool:
        return self._cancel is not None

    def set_status(self, text: str, kind: str = "") -> None:
        """``kind``: "busy" while writing, "error" after a failure, "" to hide the line."""
        if (text, kind) == self._status:  # an update lays the form out again
            return
        self._status = (text, kind)
        for status in self.query("#save-status").results(Static):
            status.update(plain(text, keep_newlines=True))
            status.set_class(not text, "-empty")
            status.set_class(kind == "busy", "-busy")
            status.set_class(kind == "error", "-error")

    def start_write(self, job: WriteJob) -> None:
        if self.saving:
            return
        self._cancel = cancel = threading.Event()
        if self._status[1] == "error":  # the failure before is not this save's
            self.set_status("")
        self.set_timer(BUSY_AFTER, lambda: self._show_busy(cancel))
        self._write(job, cancel)

    def _show_busy(self, cancel: threading.Event) -> None:
        if self._cancel is cancel and self._status == ("", ""):  # still this save, and nothing else said
            self.set_status(SAVING, "busy")

    @work(thread=True, group="save", exit_on_error=False)
    def _write(self, job: WriteJob, cancel: threading.Event) -> None:
        try:
            saved, snapshot = self.herford.write(job, cancel=cancel, on_wait=self._post_waiting)
        except Exception as exc:  # every failure is shown in the screen, none is lost
            self.post_message(SaveFailed(self, job, exc))
            return
        self.post_message(SaveDone(self, job, saved, snapshot))

    def _post_waiting(self) -> None:
        self.post_message(SaveWaiting(self))

    def cancel_write(self) -> bool:
        """Esc while saving gives up waiting for the lock; True if a save was running."""
        if self._cancel is None:
            return False
        self._cancel.set()
        self.set_status(CANCELLING, "busy")
        return True

    def on_unmount(self) -> None:
        # Quitting (or closing) must not wait until a colleague releases the lock.
        if self._cancel is not None:
            self._cancel.set()

    @on(SaveWaiting)
    def _waiting(self, event: SaveWaiting) -> None:
        event.stop()
        if self._cancel is not None and not self._cancel.is_set():
            self.set_status(WAITING, "busy")

    @on(SaveDone)
    def _done(self, event: SaveDone) -> None:
        event.stop()
        self._cancel = None
        self.herford.set_snapshot(event.snapshot)
        self.write_succeeded(event.job, event.saved)
        # After the screen closed (most do): the note goes to the screen below only, and the
        # status line of a closed screen is not laid out once more to hide "Speichert …".
        self.app.notify("Gelöscht." if event.job.delete else "Gespeichert.", timeout=3)
        if self.app.screen is self:
            self.set_status("")

    @on(SaveFailed)
    def _failed(self, event: SaveFailed) -> None:
        event.stop()
        self._cancel = None
        self.write_failed(event.job, event.error)
        self.herford.reload()  # the failure may come from a newer file: show what is there now

    def write_succeeded(self, job: WriteJob, saved: list[Record]) -> None:
        """The write is on disk: subclasses close the screen with their result."""

    def write_failed(self, job: WriteJob, error: Exception) -> None:
        self.set_status(describe_failure(error, self.herford.db_path), "error")
