"""'durchgeführt' for a meeting still to come (new-user test: 14.01.2027, taken without a word):
the form warns under the status; a second Ctrl+S with the same input saves."""

from __future__ import annotations

from datetime import date

from meeting_helpers import grid_focused
from pilot_helpers import SIZE, error_text, form_ready, settle, wait_for
from textual.widgets import Input

from herford_tui.domain import MeetingStatus
from herford_tui.ui.meetings.meeting_form import MeetingForm


async def test_durchgefuehrt_in_the_future_is_warned_about_once(world):
    lk = world.lenkungskreis
    before = world.bytes()
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))  # "a" is the year grid's key: built first
        await pilot.press("a")
        form = await form_ready(pilot, MeetingForm)
        form.query_one("#committee_id").value = lk
        form.query_one("#date", Input).value = "14.01.2027"
        form.query_one("#status").value = MeetingStatus.DURCHGEFUEHRT
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form
        warning = error_text(app, "status")
        assert "liegt in der Zukunft" in warning and "„durchgeführt“" in warning, warning
        assert "Nochmals Strg+S speichert trotzdem." in warning
        assert form.query_one("#status").has_focus  # the cursor on the field warned about
        assert world.bytes() == before
        await pilot.press("ctrl+s")  # the same input again: saved as typed
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MeetingForm))
    [meeting] = world.read().meetings_of(lk)
    assert (meeting.date, meeting.status) == (date(2027, 1, 14), MeetingStatus.DURCHGEFUEHRT)


async def test_a_past_meeting_marked_durchgefuehrt_saves_at_once(world):
    lk = world.lenkungskreis
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))  # "a" is the year grid's key: built first
        await pilot.press("a")
        form = await form_ready(pilot, MeetingForm)
        form.query_one("#committee_id").value = lk
        form.query_one("#date", Input).value = "18.11.2026"
        form.query_one("#status").value = MeetingStatus.DURCHGEFUEHRT
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MeetingForm))
    [meeting] = world.read().meetings_of(lk)
    assert meeting.status is MeetingStatus.DURCHGEFUEHRT
