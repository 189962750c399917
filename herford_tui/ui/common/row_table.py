"""A DataTable of rows whose Pos1 and Ende go to the first and last row.

Textual's DataTable scrolls to the left and right edge on Home and End (its keys for cell
tables); in a list of rows that does nothing a user can see. The help promises "Pos1 Ende: zum
Anfang / Ende", as LineTable does it.

Its columns have the widths of a ``fit.Plan``: the new rows' cells are not measured (DataTable
measures each cell through Rich for the widths of auto-width columns: the start's roster of 83
rows, 415 cells, some 8 ms of CPU before the first frame).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

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
                self.add_column(columns[i].label, width=cell_width, key=str(i))
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
