"""The cold-start baseline: a bare Textual app with herford-tui's tab skeleton and no data.

Same interpreter, same Textual, same widgets on the start screen (header, the six tabs of
the shipped seed, an info line, an empty roster table, a detail box, footer), nothing read
from a file. ``benchmarks/run.py`` starts it on a pty and waits for ``MARKER`` on screen,
as it waits for the start screen's data of herford-tui.
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

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent():
            for n, label in enumerate(TABS):
                with TabPane(label, id=f"tab-{n}"):
                    if n == 0:
                        yield Static(f"{MARKER}  ·  Konferenz")
                        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
                        table.add_columns(*COLUMNS)
                        yield table
                        yield Static("Noch keine Mitglieder.")
        yield Footer(compact=True, show_command_palette=False)


if __name__ == "__main__":
    BareApp().run()
