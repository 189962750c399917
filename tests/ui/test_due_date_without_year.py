"""A task's "Bis" and a meeting's date take a day without its year, as the search does (new-user
walkthrough: "31.1." was refused while the search took "12.3."): the next such day
(``labels.parse_date``)."""

from __future__ import annotations

from datetime import date

from meeting_helpers import grid_focused
from pilot_helpers import SIZE, replace_text, settle, shown, type_text, wait_for
from textual.widgets import DataTable, Input, Static

from herford_tui.domain import AgendaItem, Meeting
from herford_tui.ui.meetings.item_forms import TaskForm
from herford_tui.ui.meetings.meeting_form import MeetingForm
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
        form = await shown(pilot, TaskForm)
        form.query_one("#what", Input).value = "Antrag stellen"
        form.query_one("#due", Input).value = "31.1."
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, TaskForm))
    [task] = world.read().meetings[meeting.id].agenda[0].tasks
    assert task.due == date(2027, 1, 31)


async def test_a_meeting_date_without_a_year_is_the_next_such_day(world):
    """The meeting form reads its date as the task's due date does ("15.12." was refused there)."""
    lk = world.lenkungskreis
    app = world.app(open_view="jahr")  # today: 28.11.2026
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))  # the tab is built on its first show
        await pilot.press("a")
        form = await shown(pilot, MeetingForm)
        assert await wait_for(pilot, lambda: form.query_one("#date", Input).has_focus)
        assert "TT.MM." in form.query_one("#date", Input).placeholder.replace("TT.MM.JJJJ", "")  # says so
        form.query_one("#committee_id").value = lk
        await type_text(pilot, "25.12.")  # the cursor starts in the date
        warning = form.query_one("#holiday-warning", Static)
        assert await wait_for(pilot, lambda: "Achtung" in str(warning.render()))  # Christmas 2026, while typing
        await replace_text(pilot, "15.12.")
        assert await wait_for(pilot, lambda: "Achtung" not in str(warning.render()))
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MeetingForm))
    [meeting] = world.read().meetings_of(lk)
    assert meeting.date == date(2026, 12, 15)
