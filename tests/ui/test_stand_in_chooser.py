"""The stand-in chooser ("Wer vertritt …?") names Enter in its footer and says why other members
are offered when the member has no deputy (new-user walkthrough)."""

from __future__ import annotations

from datetime import date, time

from meeting_helpers import grid_focused, meeting_ready
from pilot_helpers import SIZE, screen_text, settle, wait_for
from textual.widgets import DataTable

from herford_tui.domain import Attendance, Meeting
from herford_tui.ui.year.choose import ChooseMeeting


async def test_the_stand_in_chooser_says_why_and_takes_enter(world):
    world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14)))
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("down", "right", "enter")
        assert await wait_for(pilot, lambda: meeting_ready(app))  # "2" asks the screen's tabs: built first
        meeting_screen = app.screen
        await pilot.press("2")
        table = meeting_screen.query_one("#attendance-table", DataTable)
        assert await wait_for(pilot, lambda: table.has_focus and table.row_count == 3)
        names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        table.move_cursor(row=names.index("Tobias Test"))
        await pilot.press("v")
        assert await wait_for(
            pilot, lambda: isinstance(app.screen, ChooseMeeting) and bool(app.screen.query("#choices"))
        )
        # its footer keys are drawn a refresh after the list (the footer's own refresh)
        assert await wait_for(pilot, lambda: "Enter Übernehmen" in screen_text(app).splitlines()[-1]), screen_text(app)
        shown = " ".join(screen_text(app).split())
        note = str(app.screen.query_one(".dialog-text").render())
        assert (
            note
            == "Tobias Test hat keine eingetragene Vertretung: zur Wahl stehen die anderen Mitglieder und Vertretungen."
        )
        assert "Enter Übernehmen" in shown and "Esc Abbrechen" in shown
        await pilot.press("enter")  # the first one offered
        assert await wait_for(pilot, lambda: app.screen is meeting_screen)
        await settle(app, pilot)
        [entry] = [e for e in meeting_screen.meeting.attendance if e.person_id == world.person["test"]]
        assert entry.status is Attendance.VERTRETEN and entry.deputy_id is not None
