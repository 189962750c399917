"""The App: top-level tabs, global bindings, the link to the store. Nothing else."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.compose import compose
from textual.reactive import var
from textual.widgets import DataTable, Footer, Header, TabbedContent, TabPane

from herford_tui.domain import Committee, Record, Snapshot
from herford_tui.store import Store
from herford_tui.ui.committees.archive import ArchiveScreen
from herford_tui.ui.committees.pane import ArbeitskreisePane, CommitteePane
from herford_tui.ui.committees.view import CommitteeView
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.common.help import HelpScreen
from herford_tui.ui.data import DataMixin
from herford_tui.ui.directory.pane import DirectoryPane
from herford_tui.ui.navigation import View, resolve_view, tab_layout
from herford_tui.ui.search import SearchProvider
from herford_tui.ui.year.pane import YearPane


class HerfordApp(DataMixin, App[None]):
    TITLE = "herford-tui"
    SUB_TITLE = "Bildungsregion Kreis Herford"
    CSS_PATH = ["ui/styles/app.tcss", "ui/styles/forms.tcss"]
    COMMANDS: ClassVar = {SearchProvider}  # no English system commands in the palette
    COMMAND_PALETTE_BINDING = "ctrl+f"
    BINDINGS = [
        Binding("ctrl+f", "command_palette", "Suche", id="app.search"),
        Binding("f1,question_mark", "help", "Hilfe", id="app.help"),
        Binding("q", "quit", "Beenden", id="app.quit"),
        Binding("o", "show_view('organisationen')", "Organisationen", show=False, id="app.organisations"),
        Binding("j", "show_view('jahr')", "Jahr", show=False, id="app.year"),
        Binding("G", "archive", "Archivierte Gremien", show=False, id="app.archive"),
        *(
            Binding(str(n), f"show_committee({n})", "Gremium", show=False, id=f"app.committee_{n}")
            for n in range(1, 10)
        ),
    ]

    snapshot: var[Snapshot | None] = var(None, init=False)

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], date] = date.today,
        open_view: View | None = None,
        poll_interval: float = 1.0,
    ):
        super().__init__()
        self.store = store
        self._today = today
        self._open_view = open_view
        self.poll_interval = poll_interval
        self.snapshot = store.snapshot()
        # What compose shows first: the --open view, later the view kept across a rebuild.
        self._start_tab = open_view.pane_id if open_view else ""
        self._start_committee = open_view.committee_id if open_view else None

    @property
    def today(self) -> date:
        return self._today()

    def compose(self) -> ComposeResult:
        yield Header()
        layout = tab_layout(self.snapshot)
        start = self._start_tab if any(tab.pane_id == self._start_tab for tab in layout) else ""
        with TabbedContent(id="tabs", initial=start):
            for tab in layout:
                with TabPane(tab.label, id=tab.pane_id):
                    if tab.committee_ids is None:
                        yield DirectoryPane() if tab.pane_id == "organisationen" else YearPane()
                    elif len(tab.committee_ids) == 1 and not tab.grouped:
                        yield CommitteePane(tab.committee_ids[0])
                    else:
                        yield ArbeitskreisePane(tab.committee_ids, shown=self._start_committee)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.start_polling()

    # -- navigation --------------------------------------------------------------
    def show(self, view: View) -> None:
        tabs = self.query_one("#tabs", TabbedContent)
        tabs.active = view.pane_id
        if view.committee_id is not None:
            for pane in self.query(ArbeitskreisePane):
                if view.committee_id in pane.committee_ids:
                    pane.select(view.committee_id)

    def show_id(self, committee_id: int, attempts: int = 20) -> None:
        """Show a committee by id once its tab exists (the tabs may still be rebuilding)."""
        if not self.query(f"#committee-{committee_id}"):
            if attempts:
                self.call_after_refresh(self.show_id, committee_id, attempts - 1)
            return
        self.show(resolve_view(self.snapshot, str(committee_id)))

    def show_person(self, person_id: int) -> None:
        """Open the committee of the person's current membership with the cursor on them."""
        memberships = self.snapshot.memberships_of_person(person_id, self.today)
        person = self.snapshot.persons.get(person_id)
        if not memberships:
            name = person.full_name if person else "Die Person"
            self.notify(f"{name} hat keine aktuelle Mitgliedschaft.", severity="warning")
            self.show(resolve_view(self.snapshot, "organisationen"))  # a contact: the directory's person list
            self.call_after_refresh(self.query_one(DirectoryPane).select_person, person_id)
            return
        membership = memberships[0]
        self.show(resolve_view(self.snapshot, str(membership.committee_id)))
        view = self.query_one(f"#committee-{membership.committee_id}", CommitteeView)
        self.call_after_refresh(view.select_membership, membership)

    def show_organisation(self, organisation_id: int) -> None:
        self.show(resolve_view(self.snapshot, "organisationen"))
        self.call_after_refresh(self.query_one(DirectoryPane).select_organisation, organisation_id)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # Focus the pane's main table so its keys work (and show in the footer) at once.
        tables = event.pane.query(DataTable)
        focusable = [t for t in tables if t.display and t.parent and t.parent.display]
        if focusable:
            focusable[0].focus()

    def action_show_view(self, name: str) -> None:
        self.show(resolve_view(self.snapshot, name))

    def action_show_committee(self, number: int) -> None:
        committees = self.snapshot.active_committees()
        if number > len(committees):
            self.notify(f"Es gibt nur {len(committees)} Gremien.", severity="warning")
            return
        self.show(resolve_view(self.snapshot, str(committees[number - 1].id)))

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="Suchen: Person, Organisation, Gremium …"))

    async def action_quit(self) -> None:
        """q and Ctrl+Q: ask first if a form holds unsaved input."""
        if not any(isinstance(s, FormScreen) and s.is_dirty() for s in self.screen_stack):
            self.exit()
            return

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmScreen("Ein Formular enthält ungespeicherte Eingaben. Trotzdem beenden?", yes="Beenden"), answered
        )

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_archive(self) -> None:
        def restore(committee: Committee | None) -> None:
            if committee is not None:
                self.save_record(committee)

        self.push_screen(ArchiveScreen(), callback=restore)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Jumps between tabs make no sense while a form or dialog is open.
        return not (action.startswith("show_") and len(self.screen_stack) > 1)

    def rebuild_tabs(self) -> None:
        """Committees were added, renamed or archived: the tab set itself changes."""
        self.call_later(self._rebuild_tabs)

    async def _rebuild_tabs(self) -> None:
        # Not App.recompose(): that rebuilds the *current* screen, i.e. an open form.
        main = self.default_screen
        self._start_tab = self.query_one("#tabs", TabbedContent).active
        shown = [pane.shown_committee for pane in self.query(ArbeitskreisePane)]
        self._start_committee = shown[0] if shown else None
        async with main.batch():
            await main.query("*").exclude(".-textual-system").remove()
            await main.mount_all(compose(self))


def create_app(
    db_path: Path | str,
    *,
    today: Callable[[], date] = date.today,
    open_view: str | None = None,
    poll_interval: float = 1.0,
    backups: int = 5,
) -> HerfordApp:
    """The one way to build the app, used by the CLI and by the tests."""
    store = Store(db_path, backups=backups).open()
    view = resolve_view(store.snapshot(), open_view) if open_view else None
    return HerfordApp(store, today=today, open_view=view, poll_interval=poll_interval)


__all__ = ["HerfordApp", "Record", "create_app"]
