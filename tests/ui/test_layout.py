"""Use the space: wider columns at 120+, taller detail panes at 32+ lines, nothing changes at 80x24."""

from __future__ import annotations

import pytest
from pilot_helpers import screen_text, wait_for
from textual.widgets import DataTable, Static

from herford_tui.ui.common.layout import shares
from herford_tui.ui.directory.pane import COLUMNS as DIRECTORY_COLUMNS


def _widths(table: DataTable) -> list[int]:
    return [c.width for c in table.columns.values()]


@pytest.mark.parametrize(("size", "wider"), [((80, 24), False), ((120, 40), True), ((160, 50), True)])
async def test_directory_columns_take_the_room(world, size, wider):
    app = world.app(open_view="organisationen")
    base = [w for _, w in DIRECTORY_COLUMNS]
    async with app.run_test(size=size) as pilot:
        table = app.query_one("#org-table", DataTable)
        assert await wait_for(pilot, lambda: table.row_count > 0)
        if wider:
            assert await wait_for(pilot, lambda: sum(_widths(table)) > sum(base))
            widths = _widths(table)
            assert widths[-1] == base[-1]  # the short count column keeps its width
            assert sum(widths) + 2 * len(widths) <= size[0]  # and nothing is pushed out of sight
            assert "Bildungsbüro des Kreises Herford" in screen_text(app)
        else:
            await pilot.pause()
            assert _widths(table) == base


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
