"""The App: global keys, the link to the store, navigation. The layout is the MainScreen's."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Coroutine
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker, WorkerFailed, WorkerState
from textual.worker_manager import WorkerManager

from herford_tui.domain import Committee, Record, Snapshot
from herford_tui.domain.calendar import computed, days_off, remember
from herford_tui.domain.pacing import collect_again, later, quiet
from herford_tui.store import Store
from herford_tui.store.errors import READ_ONLY_OPTION
from herford_tui.ui.common.failures import RESTART, UPDATED
from herford_tui.ui.common.key_order import KeysInOrder
from herford_tui.ui.common.keys import key_label
from herford_tui.ui.common.layout import keep_tables_fitted, preset_breakpoints
from herford_tui.ui.common.stylesheet import STYLES, read_pushed, shared_stylesheet
from herford_tui.ui.common.terminal import adapt_to_terminal
from herford_tui.ui.data import DataMixin
from herford_tui.ui.main_screen import MainScreen
from herford_tui.ui.navigation import Place, resolve_place
from herford_tui.ui.preload import pending, preload
from herford_tui.ui.search_warm import keep_index_warm

if TYPE_CHECKING:
    from textual.command import Provider

    from herford_tui.ui.common.access import Herford


def _search_provider() -> type[Provider]:
    """The palette's one provider, imported when the palette first opens (Textual asks then)."""
    from herford_tui.ui.search import SearchProvider

    return SearchProvider


class _Workers(WorkerManager):
    """The app's workers; one that failed quietly (``exit_on_error=False``) on an import is
    reported (``HerfordApp.quiet_worker_failed``)."""

    def _remove_worker(self, worker: Worker[Any]) -> None:  # called in the event loop when it ends
        super()._remove_worker(worker)
        if worker.state is WorkerState.ERROR and not worker.exit_on_error:
            app = self._app
            assert isinstance(app, HerfordApp)
            app.quiet_worker_failed(worker)


class HerfordApp(KeysInOrder, DataMixin, App[None]):
    TITLE = "herford-tui"
    SUB_TITLE = "Bildungsregion Kreis Herford"
    CSS_PATH: ClassVar = [STYLES / "app.tcss"]  # and after the first frame ``stylesheet.PUSHED``
    COMMANDS: ClassVar = {_search_provider}  # no English system commands in the palette
    COMMAND_PALETTE_BINDING = "ctrl+f"
    # Screen classes for the layout in app.tcss: columns widen at 120+, panes grow at 32+ lines.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    BINDINGS: ClassVar = [
        Binding("slash,ctrl+f,ctrl+p", "command_palette", "Suche", id="app.search"),
        Binding("f1,question_mark", "help", "Hilfe", id="app.help"),
        Binding("q", "quit", "Beenden", id="app.quit"),
    ]

    snapshot: var[Snapshot] = var(Snapshot(), init=False)
    """The data every view shows; replaced (never changed) after a save or a colleague's write."""

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        open_view: Place | None = None,
        poll_interval: float = 1.0,
        resume_collector: bool = False,
    ):
        super().__init__()
        self._workers = _Workers(self)
        self._resume_collector = resume_collector
        # The CSS parsed once per process, not per app (the tests start hundreds): see the module.
        self.stylesheet = shared_stylesheet(self.theme_variables)
        self.store = store
        self._today = today
        self._open_view = open_view
        self.poll_interval = poll_interval
        self.snapshot = store.snapshot()

    @property
    def today(self) -> date:
        return self._today()

    @property
    def main(self) -> MainScreen:
        """The screen with the tabs (always at the bottom of the screen stack)."""
        return self._main

    def get_default_screen(self) -> MainScreen:
        self._main = MainScreen(self._open_view)
        preset_breakpoints(self._main, self)
        return self._main

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        # A widget not yet mounted gets its styles when it is (App._register applies the CSS to
        # each new widget with the classes it has then). Textual also styles it, without its
        # parents, each time its constructor sets a class (Input's compact, Button's variant):
        # a tenth of the CPU of opening a form, all of it thrown away.
        # Once the app has stopped running (it is closing: nothing is laid out or painted again),
        # the focus taken from the roster as its widgets are removed restyled the table and its
        # scrollbars: thrown away too, at every exit (every Pilot test).
        if self._stopped():
            return
        if node is self or node.is_attached:
            super().update_styles(node, animate)

    _mounted = False
    ended_because: str | None = None
    """Why the app ended by itself (printed when the terminal is back)."""

    def _stopped(self) -> bool:
        return self._mounted and not self.is_running

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        self._read_pushed_styles()  # a screen pushed before the first frame's idle moment
        if isinstance(screen, Screen) and not screen.is_attached:
            preset_breakpoints(screen, self)
        return super().push_screen(screen, *args, **kwargs)

    def on_mount(self) -> None:
        self._mounted = True
        if self._resume_collector:  # the CLI paused the collector for the start: on after the first frame
            self.call_after_refresh(collect_again)
        self.start_polling()
        keep_index_warm(self)
        # This year's holidays (the year overview's first rows) cost 60-150 ms on first use, the
        # ``holidays`` import with them: computed in a thread at the first quiet moment after the
        # start screen is up, not at the first "j" (asked a second after the start, at x10 they
        # were computed as "j" came on a pty, and the Jahr tab waited for the import: 2.6x a bare
        # tab). Not again in a process that has them (a second app: the tests, whose waits for
        # the app's workers would wait for them each time).
        if not computed(self.today.year):  # after the first frame: its thread reads a file at once
            self.call_after_refresh(self._warm_calendar)
        adapt_to_terminal(self)
        keep_tables_fitted(self)
        self.call_after_refresh(self._read_pushed_styles)  # not part of the first frame
        if pending():  # after the first frame: not part of the start (tests/unit/test_import_cost.py)
            self.call_after_refresh(self._preload)

    def _read_pushed_styles(self) -> None:
        read_pushed(self.stylesheet)

    def _preload(self) -> None:
        self.run_worker(preload, name="preload", description="modules", thread=True, exit_on_error=False)

    def _handle_exception(self, error: Exception) -> None:
        """A module imported late that does not fit (the package was updated while the app ran,
        see ``ui/preload.py``): end with a German message, not a traceback. A failed handler
        leaves its screen or the app unable to take more messages, so the app ends; a save hit
        by it is shown in its form instead (``describe_failure``), the input kept."""
        cause = error.error if isinstance(error, WorkerFailed) else error  # a worker's, as Textual wraps it
        if not isinstance(cause, ImportError):
            super()._handle_exception(error)
            return
        note = " Ungespeicherte Eingaben eines offenen Formulars sind nicht gespeichert." if self._unsaved() else ""
        # As Textual's own handler ends the app (``exit`` would post a message to a pump that
        # may be the one that just stopped): the message is printed once the terminal is back.
        self.ended_because = f"{UPDATED}{note} {RESTART}"
        self._return_code = 1
        self._exit_renderables.append(self.ended_because)
        self._close_messages_no_wait()

    def quiet_worker_failed(self, worker: Worker[Any]) -> None:
        """A worker whose errors the app does not end for (``exit_on_error=False``: each presents
        the failures it expects) failed on an import: said, never kept quiet. The app ends, unless a
        form holds unsaved input: then the message stays on screen and the input in its form."""
        if not isinstance(worker.error, ImportError) or not self.is_running:
            return
        if self._unsaved():
            kept = "Ungespeicherte Eingaben stehen noch im Formular; bitte notieren und herford-tui neu starten."
            self.notify(f"{UPDATED} {kept}", title="Neu starten", severity="error", timeout=600, markup=False)
            return
        self.ended_because = f"{UPDATED} {RESTART}"
        self.exit(return_code=1, message=self.ended_because)

    def _warm_calendar(self) -> None:
        year = self.today.year

        def warm() -> None:
            # As an earlier process computed them, if it could keep them (a file of 1 KB read at
            # once: the Jahr tab may come within the first second); else computed and kept.
            from herford_tui.store import holiday_cache

            kept = holiday_cache.load(year)
            if kept is not None:
                remember(year, kept)
                return
            # Not in line behind the start's background work (``paced``: one block at a time):
            # behind the search index it began after the first seconds of use, and a Jahr tab
            # opened meanwhile computed the holidays itself, or waited for the import under way
            # (x1 on a pty: 2.5× a bare tab). As what a screen shows next (``later``): in a quiet
            # moment, before the background blocks, which step back for it.
            with later():
                quiet()
                holiday_cache.save(year, days_off(year))

        self.run_worker(warm, name="calendar", description="holidays", thread=True, exit_on_error=False)

    # -- navigation: asked from anywhere (search, saves), shown by the main screen ----
    def action_show_view(self, name: str) -> None:
        """Show a place by name: a committee's id, name or short name, ``organisationen``, ``jahr``."""
        try:
            place = resolve_place(self.snapshot, name)
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self._navigate(self.main.show(place))

    def show_id(self, committee_id: int, membership_id: int | None = None) -> None:
        """Show a committee by id, e.g. one just created (its tab comes with the new snapshot),
        the cursor on ``membership_id`` if given."""
        self._navigate(self.main.show_committee_id(committee_id, membership_id))

    def show_meeting(self, meeting_id: int) -> None:
        """The year overview at the meeting's year, the cursor on the meeting."""
        from herford_tui.ui.navigation import YEAR
        from herford_tui.ui.year.pane import YearPane

        meeting = self.snapshot.meetings.get(meeting_id)
        if meeting is None or meeting.date is None:
            self.notify("Die Sitzung gibt es nicht mehr.", severity="warning")
            return

        async def show() -> None:
            await self.main.show(Place(YEAR))  # builds the year tab on its first showing
            pane = self.main.query_one(YearPane)
            pane.select_meeting(meeting)  # switches year and filter as needed, grid or list
            pane.focus_table()

        self._navigate(show())

    def show_meetings_of(self, committee_id: int) -> None:
        """The year overview with only this committee's row, the cursor on its next meeting
        (else its last one): from a roster to its meetings in one key."""
        from herford_tui.ui.navigation import YEAR
        from herford_tui.ui.year.pane import YearPane

        meeting = self.snapshot.next_or_last_meeting(committee_id, self.today)

        async def show() -> None:
            await self.main.show(Place(YEAR))
            pane = self.main.query_one(YearPane)
            pane.show_committee(committee_id, meeting)
            pane.focus_table()

        self._navigate(show())

    def _navigate(self, going: Coroutine[Any, Any, object]) -> None:
        """Run a jump of the main screen (it may first add a tab for a new committee)."""
        self.run_worker(going, group="navigation", exit_on_error=False)

    def open_archive(self) -> None:
        """Archived committees; the one picked is restored and shown."""
        from herford_tui.ui.committees.archive import ArchiveScreen

        def restore(committee: Committee | None) -> None:
            if committee is not None:
                self.save_record(committee, done=lambda saved: self.show_id(saved.id))

        self.push_screen(ArchiveScreen(), callback=restore)

    def open_archived_roster(self, committee_id: int) -> None:
        from herford_tui.ui.committees.archive import ArchivedRosterScreen

        self.push_screen(ArchivedRosterScreen(committee_id))

    def open_person(self, person_id: int) -> None:
        from herford_tui.ui.directory.person_screen import PersonScreen

        self.push_screen(PersonScreen(person_id))

    def open_organisation(self, organisation_id: int) -> None:
        from herford_tui.ui.directory.organisation_screen import OrganisationScreen

        self.push_screen(OrganisationScreen(organisation_id))

    def open_meeting(self, meeting_id: int) -> None:
        from herford_tui.ui.meetings.screen import MeetingScreen

        self.push_screen(MeetingScreen(meeting_id))

    def open_tasks(self) -> None:
        from herford_tui.ui.meetings.tasks import TasksScreen

        self.push_screen(TasksScreen())

    # -- global keys ---------------------------------------------------------------
    # Screens not needed for the start screen are imported when first used: a shorter start.
    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from herford_tui.ui.search import SearchPalette

        if not isinstance(self.screen, CommandPalette):
            self.push_screen(SearchPalette())

    async def action_quit(self) -> None:
        """q and Ctrl+Q: ask first if a form holds unsaved input."""
        from herford_tui.ui.common.confirm import ConfirmScreen

        if not self._unsaved():
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmScreen("Ein Formular enthält ungespeicherte Eingaben. Trotzdem beenden?", yes="Beenden"), answered
        )

    def _unsaved(self) -> bool:
        """A form holds unsaved input. Imports nothing (the handler of a failed import asks):
        without the form module loaded no form was ever open."""
        form = sys.modules.get("herford_tui.ui.common.form")
        return form is not None and any(isinstance(s, form.FormScreen) and s.is_dirty() for s in self.screen_stack)

    def get_key_display(self, binding: Binding) -> str:
        """Footer and key panel name keys as a German keyboard does (Esc, Entf, Leertaste, Strg+S)."""
        return binding.key_display or key_label(binding.key)

    def action_help_quit(self) -> None:
        """Ctrl+C outside a text field: say in German how to quit (Textual's hint is English)."""
        keys = [key_label(key) for key, active in self.active_bindings.items() if active.binding.action == "quit"]
        self.notify(f"Beenden mit {' oder '.join(keys) or 'Strg+Q'}.", title="Beenden?")

    def action_help(self) -> None:
        from herford_tui.ui.common.help import HelpScreen

        # the keys of the screen asked about; when only reading, the edit keys marked as off
        self.push_screen(HelpScreen(self.screen.active_bindings, self.read_only_reason))


if TYPE_CHECKING:
    _implements: type[Herford] = HerfordApp  # mypy checks that the app offers what screens need


def create_app(
    db_path: Path | str,
    *,
    today: Callable[[], date] = date.today,
    open_view: str | None = None,
    poll_interval: float = 1.0,
    backups: int = 5,
    read_only: bool = False,
    read_only_reason: str | None = None,
    resume_collector: bool = False,
) -> HerfordApp:
    """The one way to build the app, used by the CLI and by the tests.

    ``read_only`` (or a file or folder this user may not write) opens the file without
    ever writing it: no lock file, no backup, no migration on disk. ``read_only_reason`` says
    why, when it is not the option (a browser colleague who may only read).
    ``resume_collector``: the caller turned the garbage collector off for the start (the CLI);
    the app turns it on again once its first frame is painted.
    """
    store = Store(db_path, backups=backups, read_only=read_only, defer=True).open()
    _freeze_once()
    reason = (read_only_reason or READ_ONLY_OPTION) if read_only else (store.read_only_reason() or None)
    view = resolve_place(store.snapshot(), open_view) if open_view else None
    app = HerfordApp(store, today=today, open_view=view, poll_interval=poll_interval, resume_collector=resume_collector)
    if reason is not None:
        app.read_only_reason = reason
        app.sub_title = f"{app.sub_title} · NUR LESEN"
    return app


_frozen = False


def _freeze_once() -> None:
    """Leave the objects alive now (modules, the decoded file) out of garbage collection.

    The decoded file is millions of long-lived objects: otherwise each full collection walks
    them all, and collections run often while the UI is built (x10: ~1.3 s of the start, and
    pauses in every tab's first visit). Frozen objects are still freed by reference counting
    when a newer version replaces them. Once per process: the first app is the one that runs
    (tests build many; freezing again would keep their garbage for good).
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()


__all__ = ["HerfordApp", "Record", "create_app"]


if __name__ == "__main__":  # the README's key table: python -m herford_tui.app
    from herford_tui.ui.common.help import readme_section

    print(readme_section(HerfordApp))
