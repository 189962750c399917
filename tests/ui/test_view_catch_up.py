"""A view shows the current data when it comes into view, whether or not Textual sends a Show.

Textual sends no Show to a widget first laid out by a scroll's partial layout when the full map,
rebuilt lazily in between (a ``region`` asked for), already holds it at the next full layout. Under
load the directory then opened empty: no rows, no count (seen in the snapshot tests at a load of
5-7 on 2 cores). Here no view gets a Show at all: the first Resize and the tab's opening catch up.
"""

from __future__ import annotations

import re

from pilot_helpers import SIZE, roster_ready, wait_for
from textual.widgets import Label

from herford_tui.domain import Organisation
from herford_tui.ui.common.view import SnapshotView


def _count(app) -> int:
    text = str(app.query_one("#directory-count", Label).render())
    found = re.search(r"(\d+) Organisation", text)
    return int(found.group(1)) if found else -1


async def test_views_without_a_show_catch_up_when_shown_and_after_a_colleagues_change(world, monkeypatch):
    monkeypatch.setattr(SnapshotView, "on_show", lambda self: None)  # as if Textual sent none
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await roster_ready(pilot)
        await pilot.press("o")
        assert await wait_for(pilot, lambda: _count(app) > 0), "the directory's first showing filled it"
        before = _count(app)

        await pilot.press("1")  # the directory hidden: a colleague's new organisation makes it stale
        assert await wait_for(pilot, lambda: app.query_one("#directory-count", Label).region.area == 0)
        revision = app.snapshot
        world.store().save(Organisation(name="Kita Sonnenschein [Bünde]"))
        assert await wait_for(pilot, lambda: app.snapshot is not revision)
        assert _count(app) == before, "a hidden view waits until it is shown"

        await pilot.press("o")
        assert await wait_for(pilot, lambda: _count(app) == before + 1)
