"""The row of tabs at 80 columns shows every tab (the longest labels shortened with "…"), at
120 columns the whole labels; a row too narrow even for short labels marks its hidden ends."""

from __future__ import annotations

import dataclasses

from pilot_helpers import SIZE, wait_for
from textual.widgets import TabbedContent
from textual.widgets._tabbed_content import ContentTab

from herford_tui.ui.navigation import tab_layout

WHOLE = ["Konferenz", "Lenkungskreis", "Leitungsteam", "Arbeitskreise", "Organisationen", "Jahr", "Auswertung"]


def _row(app) -> list[tuple[str, int, int]]:
    """Each tab's label with its first and last column on the screen."""
    tabs = app.query_one("#tabs", TabbedContent).query(ContentTab)
    return [(tab.label.plain, tab.region.x, tab.region.right) for tab in tabs]


def _all_visible(app, width: int) -> bool:
    row = _row(app)
    return bool(row) and all(left >= 0 and right <= width and right > left for _, left, right in row)


async def test_every_tab_is_visible_at_80_columns_and_whole_at_120(world):
    assert [t.label for t in tab_layout(world.read())] == WHOLE
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: _all_visible(app, SIZE[0]))
        labels = [label for label, _, _ in _row(app)]
        assert len(labels) == len(WHOLE)
        for label, whole in zip(labels, WHOLE, strict=True):
            assert label == whole or (label.endswith("…") and whole.startswith(label[:-1]) and len(label) >= 5)
        assert not app.query_one("#tabs-hidden-after").display
        await pilot.resize_terminal(120, 40)
        assert await wait_for(pilot, lambda: [label for label, _, _ in _row(app)] == WHOLE)
        assert _all_visible(app, 120)


async def test_a_row_too_narrow_for_short_labels_marks_the_hidden_side(world):
    app = world.app()
    async with app.run_test(size=(40, 24)) as pilot:
        after = app.query_one("#tabs-hidden-after")
        before = app.query_one("#tabs-hidden-before")
        assert await wait_for(pilot, lambda: after.display and not before.display)
        await pilot.press("A")  # the last tab: the row scrolls to it, and the first ones are hidden
        assert await wait_for(pilot, lambda: before.display and not after.display)
        active = app.query_one("#tabs", TabbedContent).query_one("ContentTab.-active", ContentTab)
        assert active.label.plain.startswith("Ausw") and active.region.right <= 40
        await pilot.resize_terminal(120, 40)
        assert await wait_for(pilot, lambda: not before.display and not after.display)


async def test_a_tab_renamed_by_a_colleague_is_fitted_too(world):
    app = world.app(poll_interval=0.05)
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: _all_visible(app, SIZE[0]))
        colleague = world.store()
        lk = colleague.snapshot().committees[world.lenkungskreis]
        colleague.save(dataclasses.replace(lk, short_name="Steuerungsgruppe Bildungsregion Herford"))
        tab = app.query_one("#tabs", TabbedContent).get_tab(f"gremium-{world.lenkungskreis}")
        assert await wait_for(pilot, lambda: tab.label.plain.startswith("Steuer") and _all_visible(app, 80))
        assert tab.label.plain.endswith("…")
