"""A DataTable of rows whose Pos1 and Ende go to the first and last row.

Textual's DataTable scrolls to the left and right edge on Home and End (its keys for cell
tables); in a list of rows that does nothing a user can see. The help promises "Pos1 Ende: zum
Anfang / Ende", as LineTable does it.

Its columns have the widths of a ``fit.Plan``: the new rows' cells are not measured (DataTable
measures each cell through Rich for the widths of auto-width columns: the start's roster of 83
rows, 415 cells, some 8 ms of CPU before the first frame).

A cell of one line that is a ``Text`` without spans (what ``format.plain_cell`` makes) is painted
without Rich's general path (a ``Padding`` in a ``Styled``, each laid out into lines twice: 55 µs a
cell, 6 ms of the start's first frame for the roster's 105 visible cells): the same segments, built
directly (``_plain_cell_lines``). Any other cell takes DataTable's own path;
``tests/ui/test_row_table.py`` holds the two equal, segment by segment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from herford_tui.ui.common.fit import Column, Plan


class RowTable(DataTable[object]):
    BINDINGS = [
        Binding("home", "scroll_top", "Anfang", show=False),
        Binding("end", "scroll_bottom", "Ende", show=False),
    ]

    def fill_planned(self, columns: Sequence[Column], plan: Plan, rows: Sequence[Sequence[Any]], *, same: bool) -> None:
        """``rows`` under the columns ``plan`` shows (keys: the column's and the row's index);
        the columns are made anew only when the plan is not the ``same`` as the table's."""
        if same:
            self.clear()
        else:
            self.clear(columns=True)
            for i, cell_width in zip(plan.shown, plan.widths, strict=True):
                # A label is text, not markup: DataTable reads a ``str`` label as Rich markup, and
                # its emoji replacement imported Rich's emoji table (1.6 ms of the cold start).
                self.add_column(Text(columns[i].label), width=cell_width, key=str(i))
        for n, row in enumerate(rows):
            self.add_row(*(row[column] for column in plan.shown), key=str(n))

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # DataTable's own (private) step after rows were added: it measures every cell of the
        # new rows, which only auto-width columns, row labels and auto-height rows need. The
        # columns here are of fixed width (``fill_planned``); rows that need more are passed on,
        # and the virtual size is computed by DataTable as before.
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
            return
        rows = [(key, self.rows.get(key)) for key in new_rows]
        super()._update_dimensions(
            [key for key, row in rows if row is not None and (row.label is not None or row.auto_height)]
        )

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        # DataTable's own (private) step, its cache and its key kept; only the painting of a plain
        # one-line cell is done here (see the module). Header, labels and fixed cells: DataTable's.
        if row_index < self.fixed_rows or column_index < self.fixed_columns or self.cell_padding != 1 or width < 3:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._cell_render_cache
        if key in cache:
            return cache[key]
        row = self.rows.get(row_key)
        cells = self._get_row_renderables(row_index).cells
        cell = cells[column_index] if column_index < len(cells) else None
        options = self.app.console_options
        overflow = (cell.overflow if isinstance(cell, Text) else None) or options.overflow or "fold"
        if (
            row is None
            or row.height != 1
            or type(cell) is not Text
            or cell.spans
            or not (cell.end == "\n" or (cell.end == "" and not cell.plain and not cell.style))
            or overflow not in ("ellipsis", "crop", "fold")
            or (cell.justify or options.justify or "default") != "default"
            or "\n" in cell.plain
            or "\t" in cell.plain
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        text_style = self.app.console.get_style(cell.style, default=Style.null()) if cell.style else None
        if text_style is not None and text_style.link:  # a link gets a new id each time it is combined
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        lines = [_plain_cell_lines(cell.plain, overflow, width - 2, style, text_style, post_style, empty=not cell.end)]
        cache[key] = lines
        return lines


def _plain_cell_lines(
    plain: str,
    overflow: str,
    width: int,
    style: Style,
    text_style: Style | None,
    post_style: Style,
    *,
    empty: bool = False,
) -> list[Segment]:
    """The segments Rich gives for ``Styled(Padding(Text(plain, style=text_style), (0, 1)), style,
    post_style)`` on one line, ``width`` cells inside the padding (``Text.wrap`` without wrapping:
    cut to the width, with "…" for ``ellipsis``). ``empty``: DataTable's empty cell (no text, no line
    end), for which Rich leaves an empty segment."""
    length = cell_len(plain)
    if length > width:  # Text.truncate
        plain = set_cell_size(plain, width - 1) + "…" if overflow == "ellipsis" else set_cell_size(plain, width)
        length = cell_len(plain)

    def styled(own: Style | None) -> Style | None:  # Segment.apply_style(style, post_style)
        result = (style + own) if style else own
        if post_style:
            result = result + post_style if result else post_style
        return result

    pad = styled(None)
    segments = [Segment(" ", pad)]
    if plain:
        segments.append(Segment(plain, styled(text_style if text_style else None)))
    elif empty:
        segments.append(Segment("", pad))
    if length < width:
        segments.append(Segment(" " * (width - length), pad))
    segments.append(Segment(" ", pad))
    return segments
