"""A DataTable of rows whose Pos1 and Ende go to the first and last row.

Textual's DataTable scrolls to the left and right edge on Home and End (its keys for cell
tables); in a list of rows that does nothing a user can see. The help promises "Pos1 Ende: zum
Anfang / Ende", as LineTable does it.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class RowTable(DataTable[object]):
    BINDINGS = [
        Binding("home", "scroll_top", "Anfang", show=False),
        Binding("end", "scroll_bottom", "Ende", show=False),
    ]
