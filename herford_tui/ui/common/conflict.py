"""Shown when a colleague saved the same record first: both versions side by side."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Label, Static

from herford_tui.domain import Committee, Membership, Organisation, Person, Record
from herford_tui.domain.labels import FIELD
from herford_tui.store import ConflictError
from herford_tui.ui.common.format import display_value


class ConflictScreen(ModalScreen[Record | None]):
    """Dismisses with the record to save over the colleague's version, or None to keep theirs."""

    BINDINGS = [
        Binding("escape", "keep_theirs", "Andere Fassung behalten", id="conflict.keep_theirs"),
        Binding("ctrl+s", "keep_mine", "Meine Fassung speichern", id="conflict.keep_mine"),
    ]

    def __init__(self, error: ConflictError):
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog conflict"):
            yield Label("Änderung eines anderen Benutzers", classes="dialog-title")
            yield Static(self._what(), id="conflict-record", classes="section-title")
            # A Static, not a Label: the message is longer than a line and must wrap.
            yield Static(str(self.error), id="conflict-message", classes="dialog-text")
            if self.error.theirs is not None:
                yield DataTable(id="versions", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="dialog-buttons"):
                if self.error.theirs is not None:
                    yield Button("Meine speichern (Strg+S)", id="mine", variant="warning")
                yield Button("Andere behalten (Esc)", id="theirs", variant="primary")
        yield Footer()

    def _what(self) -> str:
        """Which record this is about, in the user's words."""
        record = self.error.mine
        snapshot = self.app.snapshot
        if isinstance(record, Membership):
            person = snapshot.persons.get(record.person_id)
            committee = snapshot.committees.get(record.committee_id)
            return (
                f"Mitgliedschaft von {person.full_name if person else '?'}"
                f" – {committee.name if committee else '?'}"
            )
        if isinstance(record, Person):
            return f"Person {record.full_name}"
        if isinstance(record, Committee | Organisation):
            return f"{'Gremium' if isinstance(record, Committee) else 'Organisation'} {record.name}"
        return "Sitzung"

    def on_mount(self) -> None:
        if self.error.theirs is None:
            return
        table = self.query_one("#versions", DataTable)
        table.add_columns("Feld", "Ihre Fassung", "Gespeicherte Fassung")
        for name in self.error.changed:
            table.add_row(
                FIELD.get(name, name),
                display_value(getattr(self.error.mine, name)),
                display_value(getattr(self.error.theirs, name)),
            )

    def action_keep_mine(self) -> None:
        if self.error.theirs is not None:
            self.dismiss(dataclasses.replace(self.error.mine, rev=self.error.theirs.rev))

    def action_keep_theirs(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "mine":
            self.action_keep_mine()
        else:
            self.action_keep_theirs()
