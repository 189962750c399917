"""A table that renders only the lines on screen (Textual's line API), for the large lists.

DataTable measures every cell of every row before its first paint (the year grid at x10:
14,146 cells, 1.5 s) and keeps a ``Text`` per cell. Here the caller gives the column widths
(from plain strings, ``ui/common/fit.py``) and a function that makes one row's cells; a row
is made when it scrolls into view, and kept until the rows change.

The keys, messages and the few calls the views use mirror DataTable's: a cursor on a row
(``cursor_type="row"``) or a cell (``"cell"``), Enter (or a click on the cursor) selects,
``get_row``/``get_row_at``/``row_count``/``cursor_row``/``move_cursor``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

CellMaker = Callable[[int], Sequence[Text]]
PADDING = (1, 1)
"""Blank columns before and after a cell (as DataTable's ``cell_padding``)."""


class LineTable(ScrollView, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-table--header",
        "line-table--cursor",
        "line-table--even-row",
    }
    DEFAULT_CSS = """
    LineTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        width: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .line-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .line-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .line-table--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .line-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .line-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Auswählen", show=False),
        Binding("up", "cursor(-1, 0)", "Hoch", show=False),
        Binding("down", "cursor(1, 0)", "Runter", show=False),
        Binding("left", "cursor(0, -1)", "Links", show=False),
        Binding("right", "cursor(0, 1)", "Rechts", show=False),
        Binding("pageup", "page(-1)", "Seite hoch", show=False),
        Binding("pagedown", "page(1)", "Seite runter", show=False),
        Binding("home,ctrl+home", "edge(-1)", "Anfang", show=False),
        Binding("end,ctrl+end", "edge(1)", "Ende", show=False),
    ]

    class Highlighted(Message):
        """The cursor moved to another row or cell."""

        def __init__(self, table: LineTable, row: int, column: int) -> None:
            super().__init__()
            self.table, self.cursor_row, self.column = table, row, column

        @property
        def control(self) -> LineTable:
            return self.table

    class Selected(Highlighted):
        """Enter on the cursor, or a click on it."""

    def __init__(
        self,
        *,
        cursor_type: str = "row",
        padding: tuple[int, int] = PADDING,
        fixed_columns: int = 0,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.cursor_type = cursor_type
        self.padding = padding
        self.fixed_columns = fixed_columns
        """The first columns stay put when the table is scrolled sideways (what a row is about)."""
        self.labels: tuple[str, ...] = ()
        self.widths: tuple[int, ...] = ()
        self.keys: list[str] = []
        self._make: CellMaker = lambda _row: ()
        self._made: dict[int, Sequence[Text]] = {}
        self._cursor = Coordinate(0, 0)
        self._styles: tuple[Style, Style, Style, Style] | None = None

    # -- what is shown ---------------------------------------------------------------
    def set_columns(self, labels: Sequence[str], widths: Sequence[int]) -> None:
        self.labels, self.widths = tuple(labels), tuple(widths)
        self._update_size()

    def set_rows(self, keys: Sequence[str], make: CellMaker) -> None:
        """New rows: ``make(i)`` gives row ``i``'s cells when it is first drawn."""
        self.keys, self._make, self._made = list(keys), make, {}
        self._cursor = self._clamped(self._cursor)
        self._update_size()

    def _update_size(self) -> None:
        width = sum(self.widths) + sum(self.padding) * len(self.widths)
        self.virtual_size = Size(width, len(self.keys) + 1)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.keys)

    def get_row_at(self, row: int) -> Sequence[Text]:
        made = self._made.get(row)
        if made is None:
            made = self._made[row] = self._make(row)
        return made

    def get_row(self, key: str) -> Sequence[Text]:
        return self.get_row_at(self.keys.index(key))

    # -- the cursor ------------------------------------------------------------------
    @property
    def cursor_row(self) -> int:
        return self._cursor.row if self.keys else -1

    @property
    def cursor_column(self) -> int:
        return self._cursor.column

    @property
    def cursor_coordinate(self) -> Coordinate:
        return self._cursor

    @cursor_coordinate.setter
    def cursor_coordinate(self, where: Coordinate) -> None:
        self.move_cursor(row=where.row, column=where.column)

    def _clamped(self, where: Coordinate) -> Coordinate:
        row = min(max(where.row, 0), max(len(self.keys) - 1, 0))
        column = min(max(where.column, 0), max(len(self.widths) - 1, 0))
        return Coordinate(row, column)

    def move_cursor(self, *, row: int | None = None, column: int | None = None) -> None:
        where = self._clamped(
            Coordinate(self._cursor.row if row is None else row, self._cursor.column if column is None else column)
        )
        moved = where != self._cursor
        self._cursor = where
        self._scroll_to_cursor()
        self.refresh()
        if moved or row is not None:
            self.post_message(self.Highlighted(self, where.row, where.column))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.scrollable_content_region.height - 1, 1)  # - 1: the header
        row, top = self._cursor.row, round(self.scroll_offset.y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + visible:
            self.scroll_to(y=row - visible + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._scroll_to_cursor()

    def action_cursor(self, rows: int, columns: int) -> None:
        if columns and self.cursor_type != "cell":
            self.scroll_relative(x=columns * 4, animate=False)
            return
        if self.keys:
            self.move_cursor(row=self._cursor.row + rows, column=self._cursor.column + columns)

    def action_page(self, pages: int) -> None:
        step = max(self.scrollable_content_region.height - 2, 1)
        if self.keys:
            self.move_cursor(row=self._cursor.row + pages * step)

    def action_edge(self, direction: int) -> None:
        if self.keys:
            self.move_cursor(row=0 if direction < 0 else len(self.keys) - 1)

    def action_select_cursor(self) -> None:
        if self.keys:
            self.post_message(self.Selected(self, self._cursor.row, self._cursor.column))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1 or not self.keys:
            return
        row = round(self.scroll_offset.y) + offset.y - 1
        if row >= len(self.keys):
            return
        column, x = self._cursor.column, offset.x + round(self.scroll_offset.x)
        if self.cursor_type == "cell":
            edge = 0
            for i, width in enumerate(self.widths):
                edge += width + sum(self.padding)
                if x < edge:
                    column = i
                    break
        if (row, column) == (self._cursor.row, self._cursor.column):
            self.action_select_cursor()
        else:
            self.move_cursor(row=row, column=column)

    # -- drawing ---------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def on_focus(self) -> None:
        self._styles = None  # the cursor's colour follows the focus
        self.refresh()

    def on_blur(self) -> None:
        self._styles = None
        self.refresh()

    def _row_styles(self) -> tuple[Style, Style, Style, Style]:
        """The base, header, even-row and cursor styles, worked out once per style change
        (each costs a walk up the DOM; a frame draws some 40 lines)."""
        if self._styles is None:
            base = self.rich_style
            self._styles = (
                base,
                base + self.get_component_rich_style("line-table--header"),
                base + self.get_component_rich_style("line-table--even-row"),
                self.get_component_rich_style("line-table--cursor"),
            )
        return self._styles

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base, header, even, cursor = self._row_styles()
        if y == 0:
            return self._strip([Text(label) for label in self.labels], header, None, width)
        row = round(self.scroll_offset.y) + y - 1
        if not 0 <= row < len(self.keys):
            return Strip.blank(width, base)
        style = even if row % 2 else base
        on_cursor = row == self._cursor.row
        if on_cursor and self.cursor_type == "row":
            style += cursor
        cell = self._cursor.column if on_cursor and self.cursor_type == "cell" else None
        return self._strip(self.get_row_at(row), style, (cell, style + cursor), width)

    def _strip(self, cells: Sequence[Text], style: Style, cursor: tuple[int | None, Style] | None, width: int) -> Strip:
        line = Text(style=style, no_wrap=True, end="")
        before, after = " " * self.padding[0], " " * self.padding[1]
        for i, cell_width in enumerate(self.widths):
            cell = cells[i].copy() if i < len(cells) else Text()
            cell.no_wrap = True
            cell.truncate(cell_width, overflow="ellipsis", pad=True)
            part = Text(before, end="")
            part.append_text(cell)
            part.append(after)
            if cursor is not None and cursor[0] == i:
                part.stylize_before(cursor[1])
            line.append_text(part)
        # Rich renders a line without spans (the header's plain labels, or no columns yet) as
        # one segment without a style, which Textual's NO_COLOR filter cannot take: such a
        # segment gets the line's style.
        segments = [Segment(s.text, s.style or style) for s in line.render(self.app.console) if s.text]
        strip = Strip(segments, line.cell_len)
        x = round(self.scroll_offset.x)
        fixed = sum(self.widths[: self.fixed_columns]) + sum(self.padding) * min(self.fixed_columns, len(self.widths))
        if x and 0 < fixed < width:
            return Strip.join([strip.crop(0, fixed), strip.crop_extend(fixed + x, x + width, style)])
        return strip.crop_extend(x, x + width, style)
