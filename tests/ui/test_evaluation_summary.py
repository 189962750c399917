"""The summary above the Auswertung table is read whole at 80x24 (it was cut after four lines:
"… Gefasst wurde 1"); on a lower terminal `z` shows all of it, and `z` again gives the table back
its room."""

from __future__ import annotations

import pytest
from pilot_helpers import screen_text, wait_for
from test_evaluation_snapshots import _meetings

from herford_tui.documents.evaluation_text import summary
from herford_tui.ui.evaluation import presentation as show
from herford_tui.ui.evaluation.pane import EvaluationPane


def shown(app) -> str:
    """The screen's words in reading order (a wrapped sentence joined again)."""
    return " ".join(screen_text(app).split())


async def _opened(app, pilot) -> EvaluationPane:
    await pilot.pause()
    await pilot.press("A")
    assert await wait_for(pilot, lambda: bool(app.query(EvaluationPane)))
    pane = app.query_one(EvaluationPane)
    assert await wait_for(pilot, lambda: pane.evaluation is not None, timeout=30)
    return pane


async def test_the_whole_summary_is_shown_at_80x24(world):
    _meetings(world)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _opened(app, pilot)
        text = " ".join(summary(pane.evaluation))
        assert "Gefasst wurde 1 Beschluss." in text
        assert await wait_for(pilot, lambda: text in shown(app)), shown(app)
        assert "Lenkungskreis" in shown(app)  # and the table below it


@pytest.mark.parametrize("size", [(80, 16)], ids=["80x16"])
async def test_z_shows_the_whole_summary_on_a_low_terminal_and_z_again_the_table(world, size):
    _meetings(world)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=size) as pilot:
        pane = await _opened(app, pilot)
        text = " ".join(summary(pane.evaluation))
        assert await wait_for(pilot, lambda: "Auswertung 2026" in shown(app))
        assert text not in shown(app), "the test needs a summary taller than its share"
        assert "z Zusammenfassung" in shown(app)  # the footer offers the key
        await pilot.press("z")
        assert await wait_for(pilot, lambda: text in shown(app)), shown(app)
        await pilot.press("z")
        assert await wait_for(pilot, lambda: "Gremium Sitzungen Abg." in shown(app) and text not in shown(app))


async def test_z_also_shows_the_whole_detail_of_the_committee_below_the_table(world):
    """The committee's detail below the table keeps 4 lines at 80x24 ("… Sprecherin der unteren"
    was the end of the Lenkungskreis' open seats); `z` shows it whole with the summary."""
    _meetings(world)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _opened(app, pilot)
        assert pane.evaluation is not None
        row = pane.committee_ids.index(world.lenkungskreis)
        table = app.query_one("#evaluation-table")
        table.move_cursor(row=row)
        text = " ".join(show.detail(pane.evaluation, world.lenkungskreis).plain.split())
        assert await wait_for(pilot, lambda: text.split()[0] in shown(app))
        assert text not in shown(app), "the test needs a detail longer than its 4 lines"
        await pilot.press("z")
        assert await wait_for(pilot, lambda: text in shown(app)), shown(app)
        await pilot.press("z")
        assert await wait_for(pilot, lambda: text not in shown(app))


async def test_figures_at_hand_are_in_the_tabs_first_paint_and_the_trend_follows(world):
    """What the start's warm-up has read (``evaluation.warm_up``) is counted before the tab's first
    paint (``EvaluationPane._figures_now``): the table comes without "wird berechnet", the same
    figures as computed in the thread, and the trend years still follow below it."""
    from herford_tui.domain.evaluation import evaluate, warm_up

    _meetings(world)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        warm_up(app.snapshot, app.today.year, app.today)
        await pilot.press("A")
        assert await wait_for(pilot, lambda: bool(app.query(EvaluationPane)))
        pane = app.query_one(EvaluationPane)
        assert pane.evaluation is not None, "counted when the tab was built, not after a paint"
        assert await wait_for(pilot, lambda: "Gremium Sitzungen" in shown(app))
        assert await wait_for(pilot, lambda: pane.complete, timeout=30)
        whole = evaluate(app.snapshot, app.today.year, app.today)
        assert pane.evaluation.meetings == whole.meetings and pane.evaluation.attendance == whole.attendance
        assert show.busy_heading(app.today.year).plain not in shown(app)
