"""``RowTable`` (``ui/common/row_table.py``): fixed-width columns, the new rows' cells not measured,
the table laid out and painted as Textual's own DataTable paints it."""

from __future__ import annotations

import inspect

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

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
