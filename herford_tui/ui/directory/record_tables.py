"""The tables and fact lines of the record screens (a person, an organisation).

Columns are chosen by priority for the width (``ui/common/fit.py``): a period, a phone number
or an e-mail address is shown whole or left out, and what is left out of the highlighted row
is spelled out in the screen's detail line. Ended memberships carry a glyph, not only grey.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import DataTable

from herford_tui.domain.people import ENDED, UPCOMING, MembershipRow
from herford_tui.ui.common.fit import Column, Plan, pick, plan_columns
from herford_tui.ui.common.format import plain_cell
from herford_tui.ui.common.glyphs import glyphs
from herford_tui.ui.common.layout import FITTED

Rows = list[tuple[tuple[str, ...], str]]
"""Each row's cells (all columns) and its style."""


def facts_text(facts: list[tuple[str, str]]) -> Text:
    """Label: value lines; user values through ``plain_cell`` (control characters made visible)."""
    text = Text()
    width = max((len(label) for label, _ in facts), default=0)
    for i, (label, value) in enumerate(facts):
        if i:
            text.append("\n")
        text.append(f"{label:<{width}}  ", style="bold")
        text.append_text(plain_cell(value) if value else Text("–", style="dim"))
    return text


def row_style(row: MembershipRow) -> str:
    return "dim strike" if row.status == ENDED else ("italic" if row.status == UPCOMING else "")


def marked(row: MembershipRow, cells: tuple[str, ...]) -> tuple[str, ...]:
    """An ended membership's first cell with the glyph: ended is a sign, not only grey."""
    if row.status != ENDED or not cells:
        return cells
    return (f"{glyphs().ended} {cells[0]}", *cells[1:])


def fill_table(table: DataTable, columns: tuple[Column, ...], rows: Rows, width: int) -> Plan:
    """The columns that fit ``width`` (by priority), then every row; the table is as high as
    its rows, the screen scrolls. Returns the plan, for the detail line."""
    # Room for the table's own scrollbar too: a long table is capped in height (app.tcss) and
    # scrolls itself, and a plan without that room cut the last column's date.
    plan = plan_columns(columns, [cells for cells, _ in rows], width)
    table.add_class(FITTED)
    table.clear(columns=True)
    for i, w in zip(plan.shown, plan.widths, strict=True):
        table.add_column(columns[i].label, width=w)
    for i, (cells, style) in enumerate(rows):
        table.add_row(*(plain_cell(c, style) for c in pick(cells, plan)), key=str(i))
    table.styles.height = len(rows) + 1 if rows else 2
    return plan


def table_width(body: VerticalScroll, screen_width: int) -> int:
    """The room a table has in the scrolling body (its padding and scrollbar taken off).

    The scrollbar is taken off even before it is there: the body gets it once the tables are
    filled, and a plan for the width without it cut the last column's date by a cell."""
    width = body.scrollable_content_region.width
    if not width:
        return max(screen_width - 4, 20)
    if not body.show_vertical_scrollbar:
        width -= body.styles.scrollbar_size_vertical
    return width


def follow_cursor(body: VerticalScroll, event: DataTable.RowHighlighted) -> None:
    """The tables show all their rows and the page scrolls: keep the highlighted row in sight."""
    region = event.data_table.virtual_region
    row = Region(region.x, region.y + event.cursor_row + 1, region.width, 1)  # + 1: the header
    body.scroll_to_region(row, animate=False, immediate=True)
