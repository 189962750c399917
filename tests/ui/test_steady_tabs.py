"""The tabs change only when asked: a focus that lands in a tab not shown (Textual hands the
focus of a hidden list to its sibling) neither switches back nor keeps the keys."""

from __future__ import annotations

from datetime import date

from meeting_helpers import grid_focused
from pilot_helpers import SIZE, wait_for
from textual.widgets import TabbedContent

from herford_tui.domain import AgendaItem, Meeting
from herford_tui.ui.meetings.screen import MeetingScreen


async def test_a_focus_in_the_tab_just_left_leaves_the_tabs_and_comes_back(world):
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.query_one("#tabs", TabbedContent)
        await pilot.press("o")
        shown = tabs.get_pane("organisationen")
        assert await wait_for(pilot, lambda: app.focused is not None and shown in app.focused.ancestors)
        left_behind = tabs.get_pane("jahr").query_one("#year-filter")
        app.screen.set_focus(left_behind)  # what the hidden year grid's blur does under load
        assert await wait_for(pilot, lambda: app.focused is not None and shown in app.focused.ancestors)
        assert tabs.active == "organisationen"


async def test_the_meeting_screen_keeps_its_tab_too(world):
    meeting = world.store().save(
        Meeting(committee_id=world.lenkungskreis, date=date(2026, 3, 4), agenda=[AgendaItem("1", "Begrüßung")])
    )
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        app.push_screen(MeetingScreen(meeting.id))
        assert await wait_for(
            pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.query("#agenda-table")
        )
        tabs = app.screen.query_one("#meeting-tabs", TabbedContent)
        await pilot.press("2")
        assert await wait_for(pilot, lambda: tabs.active == "anwesenheit")
        app.screen.set_focus(app.screen.query_one("#agenda-table"))
        shown = tabs.get_pane("anwesenheit")
        assert await wait_for(pilot, lambda: app.focused is not None and shown in app.focused.ancestors)
        assert tabs.active == "anwesenheit"
