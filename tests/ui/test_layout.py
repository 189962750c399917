"""Use the space: taller detail panes at 32+ lines, nothing changes at 80x24.

The directory fits its columns itself (tests/ui/test_people*.py).
"""

from __future__ import annotations

import pytest
from pilot_helpers import wait_for
from textual.widgets import DataTable, Static

from herford_tui.ui.common.layout import shares


def _widths(table: DataTable) -> list[int]:
    return [c.width for c in table.columns.values()]


@pytest.mark.parametrize(("size", "height"), [((80, 24), 5), ((120, 40), 10)])
async def test_roster_detail_grows_on_a_tall_terminal(world, size, height):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=size) as pilot:
        detail = app.query_one(f"#committee-{world.lenkungskreis} #member-detail", Static)
        assert await wait_for(pilot, lambda: detail.outer_size.height == height), detail.outer_size


def test_extra_room_is_shared_in_proportion():
    assert shares(10, [20, 10]) == [7, 3]
    assert shares(0, [20, 10]) == [0, 0]
    assert shares(-5, [20]) == [0]
