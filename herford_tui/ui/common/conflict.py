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
from herford_tui.domain.merge import merge
from herford_tui.store import ConflictError
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.format import display_value, plain, plain_cell
from herford_tui.ui.common.row_table import RowTable


class ConflictScreen(HerfordAccess, ModalScreen[Record | None]):
    """Dismisses with the record to save over the colleague's version, or None to keep theirs.

    With the version the edit started from (``base``) the default is a merge: my changed
    fields plus the colleague's, so neither edit is lost.
    """

    BINDINGS = [
        Binding("escape", "keep_theirs", "Andere Fassung behalten", id="conflict.keep_theirs"),
        Binding("ctrl+s", "save", "Speichern", id="conflict.save"),
        Binding("ctrl+o", "keep_mine", "Nur meine Fassung", show=False, id="conflict.keep_mine"),
    ]

    def __init__(self, error: ConflictError, *, base: Record | None = None):
        super().__init__()
        self.error = error
        self.merged: Record | None = None
        self.clashes: list[str] = []
        if base is not None and error.theirs is not None:
            self.merged, self.clashes = merge(base, error.mine, error.theirs)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing to save over when the colleague deleted the entry.
        return not (action in ("save", "keep_mine") and self.error.theirs is None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog conflict"):
            yield Label("Änderung eines anderen Benutzers", classes="dialog-title")
            yield Static(plain(self._what()), id="conflict-record", classes="section-title")
            # A Static, not a Label: the message is longer than a line and must wrap.
            yield Static(plain(str(self.error)), id="conflict-message", classes="dialog-text")
            if self.error.theirs is not None:
                yield RowTable(id="versions", cursor_type="row", zebra_stripes=True)
            if self.merged is not None:
                yield Static(plain(self._merge_text()), id="merge-note", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                if self.merged is not None:
                    yield Button("Zusammenführen (Strg+S)", id="merge", variant="warning")
                elif self.error.theirs is not None:
                    yield Button("Meine speichern (Strg+S)", id="mine", variant="warning")
                closing = "Andere behalten (Esc)" if self.error.theirs is not None else "Schließen (Esc)"
                yield Button(closing, id="theirs", variant="primary")
        yield Footer()

    def _what(self) -> str:
        """Which record this is about, in the user's words."""
        record = self.error.mine
        snapshot = self.herford.snapshot
        assert snapshot is not None
        if isinstance(record, Membership):
            person = snapshot.persons.get(record.person_id)
            committee = snapshot.committees.get(record.committee_id)
            return f"Mitgliedschaft von {person.full_name if person else '?'} – {committee.name if committee else '?'}"
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
            table.add_row(  # user data: never parsed as markup
                plain_cell(FIELD.get(name, name)),
                plain_cell(display_value(getattr(self.error.mine, name))),
                plain_cell(display_value(getattr(self.error.theirs, name))),
            )

    def _merge_text(self) -> str:
        text = "Zusammenführen übernimmt Ihre Änderungen und die des anderen Benutzers."
        if self.clashes:
            fields = ", ".join(FIELD.get(n, n) for n in self.clashes)
            text += f" Beide geändert: {fields} – dort gilt Ihre Fassung. Strg+O speichert nur Ihre Fassung."
        return text

    def action_save(self) -> None:
        if self.merged is not None:
            self.dismiss(self.merged)
        else:
            self.action_keep_mine()

    def action_keep_mine(self) -> None:
        if self.error.theirs is not None:
            self.dismiss(dataclasses.replace(self.error.mine, rev=self.error.theirs.rev))

    def action_keep_theirs(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "merge":
            self.action_save()
        elif event.button.id == "mine":
            self.action_keep_mine()
        else:
            self.action_keep_theirs()
