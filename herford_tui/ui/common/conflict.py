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


@dataclasses.dataclass(frozen=True)
class Decision:
    """What the user decided: save ``record`` over the colleague's version, or (None) drop the
    own input and keep the colleague's version."""

    record: Record | None


class ConflictScreen(HerfordAccess, ModalScreen[Decision | None]):
    """Dismisses with a ``Decision``, or None to go back to the form with the input kept.

    With the version the edit started from (``base``) the default is a merge: my changed
    fields plus the colleague's, so neither edit is lost. Dropping the own input takes its own
    key: Esc means "back" everywhere else, and here it threw the input away unasked.
    """

    BINDINGS = [
        Binding("escape", "back", "Zurück zum Formular", id="conflict.back"),
        Binding("ctrl+s", "save", "Speichern", id="conflict.save"),
        Binding("a", "keep_theirs", "Andere Fassung behalten", id="conflict.keep_theirs"),
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
        # Nothing to save over, nor to keep, when the colleague deleted the entry.
        return not (action in ("save", "keep_mine", "keep_theirs") and self.error.theirs is None)

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
                if self.error.theirs is not None:
                    yield Button("Andere behalten (a)", id="theirs")
                yield Button("Zurück (Esc)", id="back", variant="primary")
        yield Footer()

    def _what(self) -> str:
        """Which record this is about, in the user's words."""
        record = self.error.mine
        snapshot = self.herford.snapshot
        assert snapshot is not None
        if isinstance(record, Membership):
            committee = snapshot.committees.get(record.committee_id)
            who = snapshot.person_name(record.person_id)
            return f"Mitgliedschaft von {who} – {committee.name if committee else '?'}"
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
            self.dismiss(Decision(self.merged))
        else:
            self.action_keep_mine()

    def action_keep_mine(self) -> None:
        if self.error.theirs is not None:
            self.dismiss(Decision(dataclasses.replace(self.error.mine, rev=self.error.theirs.rev)))

    def action_keep_theirs(self) -> None:
        if self.error.theirs is not None:
            self.dismiss(Decision(None))

    def action_back(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "merge":
            self.action_save()
        elif event.button.id == "mine":
            self.action_keep_mine()
        elif event.button.id == "theirs":
            self.action_keep_theirs()
        else:
            self.action_back()
