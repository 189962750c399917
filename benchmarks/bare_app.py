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


class ShapedApp(App[None]):
    """The baseline of each tab's first visit: one tab per shape (rows × columns), built on its
    first visit as the app builds its tabs: a heading, a DataTable of that shape (plain cells),
    a detail line. On a pty, ``keys[n]`` opens tab ``n + 1`` and ``markers[n]`` is in its heading,
    as the app's tab shows its marker once it has painted."""

    TITLE = "herford-tui"

    def __init__(self, shapes: list[tuple[int, int]], markers: list[str] | None = None, keys: list[str] | None = None):
        super().__init__()
        self.shapes = shapes
        self.markers = markers or [f"Tab {n}" for n in range(len(shapes))]
        self.pane_ids = ["start", *(f"tab-{n}" for n in range(len(shapes)))]
        self.tab_keys = dict(zip(keys or [], self.pane_ids[1:], strict=False))

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent():
            with TabPane("Start", id="start"):
                yield Static(MARKER)
            for n in range(len(self.shapes)):
                yield TabPane(f"Tab {n}", id=f"tab-{n}")
        yield Footer(compact=True, show_command_palette=False)

    def on_key(self, event) -> None:
        if (pane := self.tab_keys.get(event.key)) is not None:
            self.query_one(TabbedContent).active = pane

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane
        if pane.id == "start" or pane.children:
            return
        n = self.pane_ids.index(pane.id or "") - 1
        rows, columns = self.shapes[n]
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns(*(f"Spalte {c}" for c in range(columns)))
        table.add_rows([[f"Zelle {row}/{c}" for c in range(columns)] for row in range(rows)])
        await pane.mount_all([Static(f"{self.markers[n]}  ·  {rows} × {columns}"), table, Static("Zeile 0")])
        table.focus()


if __name__ == "__main__":
    import json
    import sys

    if len(sys.argv) > 1:  # shapes, markers, keys as JSON: the tabs' baseline on a pty
        shapes, markers, keys = json.loads(sys.argv[1])
        ShapedApp([tuple(s) for s in shapes], markers, keys).run()
    else:
        BareApp().run()
