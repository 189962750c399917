"""The baseline app: a bare Textual app with herford-tui's tab skeleton and no data.

Same interpreter, same Textual, same widgets on the start screen (header, the six tabs of
the shipped seed, an info line, a roster table, a detail line, footer), nothing read from a
file. ``benchmarks/run.py`` starts it on a pty and waits for ``MARKER`` on screen, as it
waits for the start screen's data of herford-tui (cold start: no rows). The UI baselines
(``child.py bare_ui``) give every tab a table of as many rows as the app's first roster and
build a tab on its first visit, as the app does; the detail line follows the cursor.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

MARKER = "Bildungskonferenz"
TABS = ("Konferenz", "Lenkungskreis", "Leitungsteam", "Arbeitskreise", "Organisationen", "Jahr")
COLUMNS = ("Sitz", "Name", "Rolle", "vertritt", "seit", "Funktion", "Organisation")


class BareApp(App[None]):
    TITLE = "herford-tui"
    SUB_TITLE = "Bildungsregion Kreis Herford"

    def __init__(self, rows: int = 0, *, lazy: bool = False):
        super().__init__()
        self.rows = rows
        self.lazy = lazy
        self.pane_ids = [f"tab-{n}" for n in range(len(TABS))]

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent():
            for n, label in enumerate(TABS):
                with TabPane(label, id=self.pane_ids[n]):
                    if n == 0 or not self.lazy:
                        yield from self.tab_content(n)
        yield Footer(compact=True, show_command_palette=False)

    def tab_content(self, n: int) -> ComposeResult:
        if n and not self.rows:  # the cold start: the other tabs stay empty
            return
        yield Static(f"{MARKER}  ·  {TABS[n]}")
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns(*COLUMNS)
        for row in range(self.rows):
            table.add_row(*(f"{column} {row}" for column in COLUMNS))
        yield table
        yield Static("Noch keine Mitglieder." if not self.rows else "Sitz 0", classes="detail")

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane
        if self.lazy and not pane.children:
            await pane.mount_all(list(self.tab_content(self.pane_ids.index(pane.id or ""))))
        for table in pane.query(DataTable):
            table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        for detail in event.data_table.parent.query(".detail").results(Static) if event.data_table.parent else ():
            detail.update(f"Sitz {event.cursor_row}")


if __name__ == "__main__":
    BareApp().run()
