"""Use the space: table columns widen when the terminal is wider than the views were laid out for.

The views give their DataTable columns fixed widths that fit 80 columns. On a wider terminal
the room left over goes to the text columns (names, seats, places), in proportion to their
width; at 80 columns (or narrower) every column keeps its width. Heights are CSS
(app.tcss, the screen's ``-tall`` class from ``VERTICAL_BREAKPOINTS``).

DataTable has no public call to resize a column: ``Column.width`` is public, but the
table's render caches must be dropped after changing it (``_clear_caches``) and its virtual
size recomputed. Both are contained here.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable

FLEXIBLE = 10
"""Columns at least this wide take a share of the extra room; short ones (dates, counts) do not."""

_base_widths: WeakKeyDictionary[DataTable, tuple[int, ...]] = WeakKeyDictionary()
_fitted_at: WeakKeyDictionary[DataTable, int] = WeakKeyDictionary()


def preset_breakpoints(screen: Screen[Any], app: App[Any]) -> None:
    """Give ``screen`` the classes its first Resize would give it (``-narrow``/``-wide``,
    ``-short``/``-tall``: ``HORIZONTAL_BREAKPOINTS``, ``VERTICAL_BREAKPOINTS``) before it is
    mounted and styled.

    Textual sets them at that Resize, and a change of a screen's classes restyles every widget
    on it: the main screen at every start and each form as it opened were styled twice (a fifth
    of the CPU of a start and a form). Set before, the Resize finds them set and changes
    nothing; a later change of the terminal's size still sets them at its Resize."""
    size = app.size
    for dimension, own, default in (
        (size.width, screen.HORIZONTAL_BREAKPOINTS, app.HORIZONTAL_BREAKPOINTS),
        (size.height, screen.VERTICAL_BREAKPOINTS, app.VERTICAL_BREAKPOINTS),
    ):
        for at, name in sorted((own if own is not None else default) or [], reverse=True):  # as Screen._on_resize
            if dimension >= at:
                screen.set_class(True, name, update=False)
                break


def shares(extra: int, widths: list[int]) -> list[int]:
    """``extra`` cells split in proportion to ``widths`` (whole cells, the rest to the first)."""
    if extra <= 0 or not widths:
        return [0] * len(widths)
    total = sum(widths)
    parts = [extra * w // total for w in widths]
    parts[0] += extra - sum(parts)
    return parts


WHOLE = frozenset({"seit", "Zeitraum", "Datum", "Zeit", "Telefon", "E-Mail", "Fällig", "fällig"})
"""Column labels of facts that must not be cut by the table's right edge (dates, phone numbers)."""


def keep_whole(widths: list[int], whole: set[int], room: int, padding: int) -> list[int]:
    """Widths where no column in ``whole`` is cut by the right edge at ``room``: the first one
    that would be is brought into view by shortening the text columns before it (not below
    ``FLEXIBLE``), or else pushed out of view by widening the column before it. A date is
    then shown whole or (scrolled to) not at all, never as "seit 15.02.2"."""
    widths = list(widths)
    x = 0
    for i, width in enumerate(widths):
        end = x + width + 2 * padding
        if i in whole and x < room < end:
            over = end - room
            texts = [j for j in range(i) if j not in whole and widths[j] > FLEXIBLE]
            if sum(widths[j] - FLEXIBLE for j in texts) >= over:
                while over > 0:
                    widest = max(texts, key=lambda j: widths[j])
                    step = min(over, widths[widest] - FLEXIBLE)
                    widths[widest] -= step
                    over -= step
            elif i > 0:
                widths[i - 1] += room - x
            break
        x = end
    return widths


def widen_columns(table: DataTable) -> None:
    width = table.scrollable_content_region.width
    columns = list(table.columns.values())
    if not width or not columns or any(c.auto_width for c in columns) or _fitted_at.get(table) == width:
        return
    base = _base_widths.get(table)
    if base is None or len(base) != len(columns):
        base = _base_widths[table] = tuple(c.width for c in columns)
    extra = width - sum(base) - 2 * table.cell_padding * len(columns)
    flexible = [i for i, w in enumerate(base) if w >= FLEXIBLE] or list(range(len(base)))
    added = dict(zip(flexible, shares(extra, [base[i] for i in flexible]), strict=True))
    whole = {i for i, c in enumerate(columns) if str(c.label) in WHOLE}
    widths = keep_whole([base[i] + added.get(i, 0) for i in range(len(columns))], whole, width, table.cell_padding)
    for column, fitted in zip(columns, widths, strict=True):
        column.width = fitted
    _fitted_at[table] = width
    table._clear_caches()
    table._require_update_dimensions = True
    table.refresh()


FITTED = "-fitted"
"""The class of a table that plans its own columns by priority (``ui/common/fit.py``: the
roster, the record pages' tables): widening it from the widths it had first would cut a date."""


def fit_tables(screen: Screen) -> None:
    for table in screen.query(DataTable):
        if not table.has_class(FITTED) and table.display and table.region.area:
            widen_columns(table)


def keep_tables_fitted(app: App[Any]) -> None:
    """After every layout of the main screen: tables that changed width get their columns fitted."""
    screen = app.screen
    screen.screen_layout_refresh_signal.subscribe(app, fit_tables)
