"""The look of the role-change forms (c, w) at 80x24 and 120x40, "today" frozen at 28.11.2026.

Update with ``pytest tests/ui/test_role_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

import pytest
from pilot_helpers import roster_ready, steady
from textual.pilot import Pilot

SIZES = [(80, 24), (120, 40)]


async def _hand_over(pilot: Pilot) -> None:
    await roster_ready(pilot)
    await pilot.press("down", "down", "c")  # Bernd Beispiel, then "Vorsitz übergeben"
    await steady(pilot)


async def _change_role(pilot: Pilot) -> None:
    await roster_ready(pilot)
    await pilot.press("down", "down", "w")
    await steady(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_hand_over_chair_form(world, snap_compare, size):
    app = world.app(open_view="lenkungskreis")
    assert snap_compare(app, terminal_size=size, run_before=_hand_over)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_change_role_form(world, snap_compare, size):
    app = world.app(open_view="lenkungskreis")
    assert snap_compare(app, terminal_size=size, run_before=_change_role)
