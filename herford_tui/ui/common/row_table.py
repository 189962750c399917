"""A DataTable of rows whose Pos1 and Ende go to the first and last row.

Textual's DataTable scrolls to the left and right edge on Home and End (its keys for cell
tables); in a list of rows that does nothing a user can see. The help promises "Pos1 Ende: zum
Anfang / Ende", as LineTable does it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.binding import Binding
from textual.widgets import DataTable

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
