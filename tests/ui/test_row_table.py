"""``RowTable`` (``ui/common/row_table.py``): fixed-width columns, the new rows' cells not measured,
the table laid out and painted as Textual's own DataTable paints it."""

from __future__ import annotations

import inspect
import itertools

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from herford_tui.ui.common.format import plain_cell
from herford_tui.ui.common.row_table import RowTable

ROWS = 30


def rows() -> list[list[Text]]:
    return [[Text(f"Name {n}"), Text("Mitglied"), Text(f"{n}.3.2026")] for n in range(ROWS)]


class Tables(App[None]):
    def compose(self) -> ComposeResult:
        yield RowTable(id="ours", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="textuals", cursor_type="row", zebra_stripes=True)

    def __init__(self) -> None:
        super().__init__()
        self.cells = {"ours": rows(), "textuals": rows()}

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            for label, width in (("Name", 12), ("Rolle", 8), ("seit", 10)):
                table.add_column(label, width=width)
            for row in self.cells[table.id or ""]:
                table.add_row(*row)


def test_the_override_still_fits_textuals_datatable():
    """A Textual that renamed the step or its parameter would measure again silently: said here."""
    assert list(inspect.signature(DataTable._update_dimensions).parameters) == ["self", "new_rows"]


async def test_fixed_columns_are_not_measured_and_paint_as_datatable(monkeypatch):
    measured: list[object] = []
    import textual.widgets._data_table as data_table

    real = data_table.measure

    def counting(console, renderable, *args):
        measured.append(renderable)
        return real(console, renderable, *args)

    monkeypatch.setattr(data_table, "measure", counting)
    app = Tables()
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        ours, textuals = app.query_one("#ours", RowTable), app.query_one("#textuals", DataTable)
        assert ours.row_count == textuals.row_count == ROWS
        assert ours.virtual_size == textuals.virtual_size
        cells = {name: {id(cell) for row in table for cell in row} for name, table in app.cells.items()}
        assert sum(id(renderable) in cells["textuals"] for renderable in measured) == ROWS * 3  # the test sees it
        assert not any(id(renderable) in cells["ours"] for renderable in measured)
        for y in range(min(ours.size.height, textuals.size.height)):
            assert ours.render_line(y).text == textuals.render_line(y).text


async def test_auto_width_columns_are_still_measured():
    app = Tables()
    async with app.run_test(size=(80, 40)) as pilot:
        ours = app.query_one("#ours", RowTable)
        ours.clear(columns=True)
        ours.add_columns("Name", "Rolle")
        ours.add_row(Text("Ein recht langer Name"), Text("Vorsitz"))
        await pilot.pause()
        assert [column.content_width for column in ours.ordered_columns] == [21, 7]


def test_the_plain_cell_path_still_fits_textuals_datatable():
    """The cells painted without Rich's general path use DataTable's step, its cache key and its styles."""
    assert list(inspect.signature(DataTable._render_cell).parameters) == [
        "self", "row_index", "column_index", "base_style", "width", "cursor", "hover"
    ]  # fmt: skip
    assert list(inspect.signature(DataTable._get_styles_to_render_cell).parameters)[1:] == [
        "is_header_cell", "is_row_label_cell", "is_fixed_style_cell", "hover", "cursor", "show_cursor",
        "show_hover_cursor", "has_css_foreground_priority", "has_css_background_priority",
    ]  # fmt: skip


CELLS = [
    plain_cell("Jan Lange"),
    plain_cell(""),
    plain_cell("Ein sehr langer Name, der nicht passt", "dim strike"),
    plain_cell("↳ Birgit Müller-Lüdenscheidt", "italic"),
    plain_cell("🔎 Suche 漢字 breit"),
    plain_cell("abc      "),
    plain_cell("x" * 9, "italic dim"),
    plain_cell("  vorn frei"),
    plain_cell("a\u200bb"),
    plain_cell("Tab\tdarin"),
    plain_cell("keine", "none"),
    Text("ohne Überlauf"),
    Text(""),
    Text("abgeschnitten hier", overflow="crop"),
    Text("gefaltet hier", overflow="fold"),
    Text("fett", style=Style(bold=True)),
    Text.assemble(("x", "bold"), "y"),
    "ein str mit [b]Markup[/b]",
    12.5,
    None,
]
WIDTHS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 20, 40)


class Cells(App[None]):
    def compose(self) -> ComposeResult:
        yield RowTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(RowTable)
        for n, width in enumerate(WIDTHS):
            table.add_column(Text(f"S{n}"), width=width)
        for r in range(len(CELLS)):
            table.add_row(*(CELLS[(r + c) % len(CELLS)] for c in range(len(WIDTHS))))


async def test_plain_cells_are_painted_as_datatable_paints_them():
    """Every cell in every cursor state, segment by segment (texts, styles, meta): the plain ones cut
    to the width (with "…"), wide and zero-width characters, styled, empty; the others by DataTable."""
    app = Cells()
    compared = 0
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        for cursor_type in ("row", "cell", "none"):
            table.cursor_type = cursor_type
            for show_cursor in (True, False):
                table.show_cursor = show_cursor
                await pilot.pause()
                for row in range(table.row_count):
                    base = table._get_row_style(row, table.rich_style)
                    for column, spec in enumerate(table.ordered_columns):
                        width = spec.get_render_width(table)
                        for cursor, hover in itertools.product((False, True), repeat=2):
                            table._cell_render_cache.clear()
                            ours = table._render_cell(row, column, base, width, cursor, hover)
                            table._cell_render_cache.clear()
                            textuals = DataTable._render_cell(table, row, column, base, width, cursor, hover)
                            assert ours == textuals, (row, column, width, cursor, hover)
                            compared += 1
    assert compared == 3 * 2 * len(CELLS) * len(WIDTHS) * 4


async def test_plain_cells_take_the_short_path(monkeypatch):
    """The cells ``format.plain_cell`` makes (the rosters' and lists') do not go through Rich's layout."""
    textuals: list[tuple[int, int]] = []
    real = DataTable._render_cell

    def counting(self, row_index, column_index, *args, **kwargs):
        textuals.append((row_index, column_index))
        return real(self, row_index, column_index, *args, **kwargs)

    monkeypatch.setattr(DataTable, "_render_cell", counting)
    app = Cells()
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        base = table._get_row_style(0, table.rich_style)
        textuals.clear()
        for column, cell in enumerate(CELLS[: len(WIDTHS)]):
            table._render_cell(0, column, base, WIDTHS[column] + 2)
            plain = isinstance(cell, Text) and cell.overflow == "ellipsis" and "\t" not in cell.plain
            assert ((0, column) in textuals) != plain, cell
