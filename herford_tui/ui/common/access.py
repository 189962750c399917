"""The one way from a widget or screen to the app: ``self.herford``, typed by ``Herford``.

Textual types ``self.app`` as a bare ``App``. Views and screens mix ``HerfordAccess`` in
front of their Textual base class and use ``self.herford`` for what only this app offers
(the snapshot, "today", the writes, navigation); Textual's own methods (``push_screen``,
``notify``, ``call_from_thread`` …) stay on ``self.app``. ``Herford`` names that surface,
``HerfordApp`` implements it (app.py checks it for mypy); nothing in ``ui/`` imports app.py,
so the app sits above the screens and not in a circle with them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    import threading

    from textual.app import App

    from herford_tui.domain import Record, Snapshot
    from herford_tui.domain.dsgvo import Disclosure
    from herford_tui.ui.data import WriteJob

Done = Callable[["Record"], None]
DoneAll = Callable[[list["Record"]], None]


class Herford(Protocol):
    """What screens and views need of the app."""

    # -- the data as shown --------------------------------------------------------------
    @property
    def snapshot(self) -> Snapshot:
        """The data every view shows; replaced (never changed) after any write."""

    @property
    def today(self) -> date: ...

    @property
    def db_path(self) -> Path:
        """The database file (named in messages, the log beside it)."""

    @property
    def read_only(self) -> bool: ...

    def refuse_edit(self, what: str = "Bearbeiten") -> bool:
        """In read-only mode say why ``what`` is not possible and return True."""

    def base_of(self, record: Record) -> Record | None:
        """The version ``record`` was edited from, if a recent snapshot still holds it."""

    def disclose(self, person_id: int) -> Disclosure:
        """The DSGVO Auskunft of a person (reads the files: call it in a worker)."""

    def complete_start(self) -> None:
        """What the start left for after the first frame: the meetings, some checks (in a worker)."""

    # -- writing: every change goes through the app's workers ------------------------
    def write(
        self, job: WriteJob, *, cancel: threading.Event | None = None, on_wait: Callable[[], None] | None = None
    ) -> tuple[list[Record], Snapshot]:
        """Write ``job`` and return what was saved and the new snapshot (blocks: a worker's)."""

    def set_snapshot(self, snapshot: Snapshot) -> None: ...

    def reload(self) -> object: ...

    def save_record(self, record: Record, done: Done | None = None) -> None: ...

    def save_records(self, items: list[Any], done: DoneAll | None = None) -> None: ...

    def change_record(
        self,
        cls: type[Any],
        record_id: int,
        change: Callable[[Any], Any],
        done: Done | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Apply ``change`` to the record as stored when it is written (one person's attendance)."""

    def save_import(self, inserts: list[Record], updates: list[Record], base: Snapshot, done: DoneAll) -> None: ...

    def delete_record(self, record: Record, done: Done | None = None) -> None: ...

    def erase_person(self, person_id: int, done: Callable[[], None] | None = None) -> None:
        """DSGVO erasure (Art. 17) in the write worker; the outcome is a notification."""

    def merge_persons(self, keep_id: int, drop_id: int, done: Callable[[], None] | None = None) -> None:
        """Fold the record ``drop_id`` into ``keep_id`` in the write worker."""

    # -- navigation ------------------------------------------------------------------
    def action_show_view(self, name: str) -> None: ...

    def show_id(self, committee_id: int, membership_id: int | None = None) -> None: ...

    def show_meeting(self, meeting_id: int) -> None: ...

    def show_meetings_of(self, committee_id: int) -> None: ...

    def open_archive(self) -> None: ...

    # Pages pushed over the tabs; opened by the app so that pages opening each other
    # (a person and their organisation, a meeting and the open tasks) do not import each other.
    def open_person(self, person_id: int) -> None: ...

    def open_organisation(self, organisation_id: int) -> None: ...

    def open_meeting(self, meeting_id: int) -> None: ...

    def open_tasks(self) -> None: ...

    def open_archived_roster(self, committee_id: int) -> None:
        """An archived committee's roster and history, read-only."""


class HerfordAccess:
    """Mixed into widgets and screens: ``self.herford`` is the app as ``Herford``."""

    if TYPE_CHECKING:
        app: App[Any]  # given by the Textual class this is mixed into

    @property
    def herford(self) -> Herford:
        return herford_of(self.app)


def herford_of(app: App[Any]) -> Herford:
    """The running app as ``Herford`` (for code that holds an ``App``, such as a command provider)."""
    return cast("Herford", app)
