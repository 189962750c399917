"""The "Änderungen" screen: the audit log, newest change first (who, when, which record, old → new)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label, Static

from herford_tui.exchange.audit_text import change_rows, entry_lines
from herford_tui.store import StoreError
from herford_tui.store.audit import read_entries
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.format import plain, plain_cell

LIMIT = 1000
"""The newest entries shown; ``herford-tui log`` prints all of them."""


class ChangesScreen(HerfordAccess, ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss(None)", "Schließen", id="changes.close")]
    DEFAULT_CSS = """
    ChangesScreen DataTable { height: 1fr; }
    ChangesScreen #change-detail { height: auto; max-height: 8; margin-top: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.details: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="changes-dialog"):
            yield Label("Änderungen", classes="dialog-title")
            yield Label("", id="changes-summary")
            yield DataTable(id="changes", cursor_type="row", zebra_stripes=True)
            yield Static("", id="change-detail")
        yield Footer()

    def on_mount(self) -> None:
        dialog = self.query_one("#changes-dialog")
        # Inline: the shared .dialog rule (76 wide, auto height) would win over DEFAULT_CSS.
        dialog.styles.width = "95%"
        dialog.styles.height = "95%"
        table = self.query_one("#changes", DataTable)
        table.add_columns("Zeit", "Wer", "Eintrag", "Änderung")
        summary = self.query_one("#changes-summary", Label)
        try:
            entries = read_entries(self.herford.db_path)
        except StoreError as exc:
            summary.update(plain(str(exc)))
            return
        newest = entries[::-1][:LIMIT]
        self.details = ["\n".join(entry_lines(e)) for e in newest]
        for row in change_rows(entries, LIMIT):
            table.add_row(*(plain_cell(cell) for cell in row))
        if not entries:
            summary.update("Noch keine Änderungen protokolliert.")
        elif len(entries) > LIMIT:
            summary.update(f"Die neuesten {LIMIT} von {len(entries)} Änderungen (alle: herford-tui log).")
        else:
            summary.update(f"{len(entries)} Änderungen, die neueste zuerst.")
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole change of the chosen line, wrapped: the table cuts it off at 80 columns."""
        if 0 <= event.cursor_row < len(self.details):
            self.query_one("#change-detail", Static).update(plain(self.details[event.cursor_row], keep_newlines=True))
