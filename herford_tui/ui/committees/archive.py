"""Archived committees have no tab: this list shows their rosters read-only and brings one back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Label, OptionList
from textual.widgets.option_list import Option

from herford_tui.domain import Committee
from herford_tui.domain.fold import sort_key
from herford_tui.domain.labels import format_date
from herford_tui.ui.committees.view import CommitteeView
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.footer import SteadyFooter
from herford_tui.ui.common.format import plain


class ArchiveScreen(HerfordAccess, ModalScreen[Committee | None]):
    """Enter shows the highlighted committee's roster read-only; ``w`` dismisses with the
    committee to restore (already marked not archived); Esc with None. Without an archived
    committee neither key is offered (the footer shows Esc alone)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Schließen", id="archive.close"),
        Binding("w", "restore", "Wiederherstellen", id="archive.restore"),
    ]

    def compose(self) -> ComposeResult:
        committees = self.herford.snapshot.committees.values()
        archived = sorted((c for c in committees if c.archived), key=lambda c: sort_key(c.name))
        with Vertical(classes="dialog"):
            yield Label("Archivierte Gremien", classes="dialog-title")
            if archived:
                yield Label(
                    "Enter zeigt die Besetzung und den Verlauf (nur lesen), w stellt das Gremium wieder her.",
                    classes="dialog-text",
                )
                yield OptionList(*(Option(archive_entry(c), id=str(c.id)) for c in archived), id="archived")
            else:
                yield Label("Es gibt keine archivierten Gremien.", classes="dialog-text")
        yield Footer()

    def _highlighted(self) -> Committee | None:
        lists = self.query("#archived").results(OptionList)
        option_list = next(iter(lists), None)
        if option_list is None or option_list.highlighted is None:
            return None
        option = option_list.get_option_at_index(option_list.highlighted)
        return self.herford.snapshot.committees.get(int(option.id or 0))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return self._highlighted() is not None  # nothing to restore: the key is not offered
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()  # the highlight decides whether "w" has something to restore

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        committee = self.herford.snapshot.committees.get(int(event.option.id or 0))
        if committee is not None:
            self.herford.open_archived_roster(committee.id)

    def action_restore(self) -> None:
        if self.herford.refuse_edit("Wiederherstellen"):
            return
        committee = self._highlighted()
        if committee is not None and committee.archived:
            self.dismiss(committee.restored())


def archive_entry(c: Committee) -> Content:
    """The committee's name and, if kept, the day it was archived."""
    if c.archived_on is None:
        return plain(c.name)
    return Content("").join([plain(c.name), plain(f"  archiviert am {format_date(c.archived_on)}", "dim")])


class ArchivedRosterView(CommitteeView, inherit_bindings=False):
    """An archived committee's roster with its history, only to read: none of the roster's
    write keys (they are not inherited); Enter opens the person's page."""

    BINDINGS = [
        Binding("h", "toggle_history", "Verlauf", id="committee.history"),
        Binding("i", "open_person", "Personenseite", id="committee.open_person"),
    ]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        line = self.current_line
        if line is not None and line.membership is not None:
            self.herford.open_person(line.membership.person_id)


class ArchivedRosterScreen(HerfordAccess, Screen[None]):
    """The roster of an archived committee (members and ended memberships), read-only."""

    BINDINGS = [Binding("escape", "close", "Zurück", id="archive.roster_close")]

    def __init__(self, committee_id: int):
        super().__init__(classes="record-screen")
        self.committee_id = committee_id

    def compose(self) -> ComposeResult:
        committee = self.herford.snapshot.committees.get(self.committee_id)
        name = committee.name if committee is not None else "?"
        yield Label(plain(f"{name} (archiviert) – nur lesen", "bold"), id="archived-title", classes="record-title")
        view = ArchivedRosterView(self.committee_id, id="archived-roster", focus=True)
        view.set_reactive(CommitteeView.show_history, True)  # an archived committee is mostly history
        yield view
        yield SteadyFooter(compact=True, show_command_palette=False)

    def action_close(self) -> None:
        self.dismiss(None)
