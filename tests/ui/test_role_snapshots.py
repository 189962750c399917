"""The look of the role-change forms (c, w) at 80x24 and 120x40, "today" frozen at 28.11.2026.

Update with ``pytest tests/ui/test_role_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

import pytest
from pilot_helpers import wait_for
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

SIZES = [(80, 24), (120, 40)]


async def _steady(pilot: Pilot) -> None:
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def _roster_ready(pilot: Pilot) -> None:
    """The start view's roster has the focus and its rows: keys pressed now reach it."""

    def ready() -> bool:
        table = pilot.app.focused
        return isinstance(table, DataTable) and table.row_count > 0

    assert await wait_for(pilot, ready)


async def _hand_over(pilot: Pilot) -> None:
    await _roster_ready(pilot)
    await pilot.press("down", "down", "c")  # Bernd Beispiel, then "Vorsitz übergeben"
    await _steady(pilot)


async def _change_role(pilot: Pilot) -> None:
    await _roster_ready(pilot)
    await pilot.press("down", "down", "w")
    await _steady(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_hand_over_chair_form(world, snap_compare, size):
    app = world.app(open_view="lenkungskreis")
    assert snap_compare(app, terminal_size=size, run_before=_hand_over)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_change_role_form(world, snap_compare, size):
    app = world.app(open_view="lenkungskreis")
    assert snap_compare(app, terminal_size=size, run_before=_change_role)
