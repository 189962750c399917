"""A task's "Bis" takes a day without its year, as the search does (new-user walkthrough: "31.1."
was refused while the search took "12.3."): the next such day (``labels.parse_date``)."""

from __future__ import annotations

from datetime import date

from pilot_helpers import SIZE, settle, wait_for
from textual.widgets import DataTable, Input

from herford_tui.domain import AgendaItem, Meeting
from herford_tui.ui.meetings.item_forms import TaskForm
from herford_tui.ui.meetings.screen import MeetingScreen


async def test_a_due_date_without_a_year_is_the_next_such_day(world):
    meeting = world.store().save(
        Meeting(
            committee_id=world.lenkungskreis, date=date(2026, 12, 3), agenda=[AgendaItem(number="1", title="Haushalt")]
        )
    )
    app = world.app()  # today: 28.11.2026
    async with app.run_test(size=SIZE) as pilot:
        app.open_meeting(meeting.id)
        assert await wait_for(
            pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.query("#agenda-table")
        )
        assert await wait_for(pilot, lambda: app.screen.query_one("#agenda-table", DataTable).has_focus)
        await pilot.press("t")
        assert await wait_for(pilot, lambda: isinstance(app.screen, TaskForm))
        app.screen.query_one("#what", Input).value = "Antrag stellen"
        app.screen.query_one("#due", Input).value = "31.1."
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, TaskForm))
    [task] = world.read().meetings[meeting.id].agenda[0].tasks
    assert task.due == date(2027, 1, 31)
