"""A meeting's forms keep stored text they did not touch (new-user walk: a place imported as
"\\x1b[31mRot Saal" showed as its visible escape in "Sitzung bearbeiten"; changing only the end
time saved the place, and the notes, as the four letters "\\x1b" instead of the ESC stored)."""

from __future__ import annotations

from datetime import date, time

from meeting_helpers import meeting_ready
from pilot_helpers import SIZE, focus_field, form_ready, replace_text, wait_for

from herford_tui.domain import AgendaItem, Meeting
from herford_tui.ui.meetings.item_forms import AgendaItemForm
from herford_tui.ui.meetings.meeting_form import MeetingForm

PLACE = "\x1b[31mRot Saal"
NOTES = "Zeile 1\nZeile 2"
TITLE = "Haushalt\x1b]0;Titel\x07"


async def test_changing_the_end_keeps_place_notes_and_titles_as_stored(world):
    meeting = Meeting(
        committee_id=world.lenkungskreis,
        date=date(2026, 12, 9),
        start_time=time(14),
        location=PLACE,
        room="=1+1",
        notes=NOTES,
        agenda=[AgendaItem("1", TITLE, notes="\x1b[2J")],
    )
    meeting_id = world.store().save(meeting).id
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.focused is not None)
        app.call_later(app.open_meeting, meeting_id)
        assert await wait_for(pilot, lambda: meeting_ready(app))
        await pilot.press("b")
        await form_ready(pilot, MeetingForm)
        await focus_field(pilot, "#end_time")
        await replace_text(pilot, "16:00")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: world.read().meetings[meeting_id].end_time == time(16))
        assert await wait_for(pilot, lambda: meeting_ready(app))
        await pilot.press("e")  # the TOP: only its responsible person would change here; nothing typed
        form = await form_ready(pilot, AgendaItemForm)
        assert not form.is_dirty()
        await focus_field(pilot, "#minutes")
        await pilot.press("x")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: world.read().meetings[meeting_id].agenda[0].minutes == "x")
    stored = world.read().meetings[meeting_id]
    assert (stored.location, stored.room, stored.notes) == (PLACE, "=1+1", NOTES)
    assert (stored.agenda[0].title, stored.agenda[0].notes) == (TITLE, "\x1b[2J")
