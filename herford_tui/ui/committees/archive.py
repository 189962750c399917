"""Archived committees have no tab; this list brings one back."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from herford_tui.domain import Committee
from herford_tui.domain.fold import sort_key
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.format import plain


class ArchiveScreen(HerfordAccess, ModalScreen[Committee | None]):
    """Dismisses with the committee to restore (already marked not archived), or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Schließen", id="archive.close")]

    def compose(self) -> ComposeResult:
        committees = self.herford.snapshot.committees.values()
        archived = sorted((c for c in committees if c.archived), key=lambda c: sort_key(c.name))
        with Vertical(classes="dialog"):
            yield Label("Archivierte Gremien", classes="dialog-title")
            if archived:
                yield Label("Enter stellt das gewählte Gremium wieder her.", classes="dialog-text")
                yield OptionList(*(Option(plain(c.name), id=str(c.id)) for c in archived), id="archived")
            else:
                yield Label("Es gibt keine archivierten Gremien.", classes="dialog-text")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        committee = self.herford.snapshot.committees[int(event.option.id or 0)]
        self.dismiss(dataclasses.replace(committee, archived=False))
