"""Minutes holding terminal escapes: the meeting screen, the minutes form, the agenda-item form
and the invitation show them as visible stand-ins; saving without an edit keeps them as stored.

Before, ``ESC]0;…BEL`` in the minutes went raw into the TextArea and retitled the terminal.
"""

from __future__ import annotations

from datetime import date, time

from meeting_helpers import grid_focused, meeting_ready
from pilot_helpers import form_ready, screen_text, settle, shown, wait_for

from herford_tui.domain import AgendaItem, Meeting
from herford_tui.ui.meetings.invitation import InvitationScreen
from herford_tui.ui.meetings.item_forms import AgendaItemForm, MinutesForm
from herford_tui.ui.meetings.screen import MeetingScreen

HOSTILE = "Start \x1b]0;gekapert\x07 Mitte \x00 \x9b31m Ende"
SHOWN = "Start \\x1b]0;gekapert\\x07 Mitte \\x00 \\x9b31m Ende"
RAW = ("\x1b", "\x07", "\x00", "\x9b")


async def assert_escaped(pilot, app, where: str) -> None:
    """The minutes drawn (a screen is composed and filled a moment after it is pushed), escaped."""
    assert await wait_for(pilot, lambda: SHOWN in screen_text(app)), f"{where}: the minutes are not shown"
    text = screen_text(app)
    assert SHOWN in text, f"{where}: the minutes are not shown\n{text}"
    leaked = [repr(c) for c in RAW if c in text]
    assert not leaked, f"{where}: raw {leaked} on screen"


async def test_hostile_minutes_are_shown_escaped_and_kept_as_stored(world):
    store = world.store()
    meeting = store.save(
        Meeting(
            committee_id=world.lenkungskreis,
            date=date(2026, 12, 9),
            start_time=time(14),
            location="Kreishaus",
            minutes=HOSTILE,
            agenda=[AgendaItem("1", "Haushalt", minutes=HOSTILE)],
        )
    )
    app = world.app(open_view="jahr")
    async with app.run_test(size=(120, 40)) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("down", "right", "enter")
        assert await wait_for(pilot, lambda: meeting_ready(app))
        await assert_escaped(pilot, app, "meeting screen")

        await pilot.press("p")
        await form_ready(pilot, MinutesForm)
        await assert_escaped(pilot, app, "minutes form")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        await settle(app, pilot)

        app.screen.action_edit_item()
        await form_ready(pilot, AgendaItemForm)
        await assert_escaped(pilot, app, "agenda-item form")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        await settle(app, pilot)

        await pilot.press("i")
        await shown(pilot, InvitationScreen)
        # the dialog drawn (its letter is filled in as it mounts, before its first layout)
        assert await wait_for(pilot, lambda: "Stellvertretungen auch einladen" in screen_text(app)), screen_text(app)
        text = screen_text(app)
        assert not [c for c in RAW if c in text], "invitation"
        await pilot.press("escape")
        await settle(app, pilot)

    saved = world.read().meetings[meeting.id]
    assert saved.minutes == HOSTILE and saved.agenda[0].minutes == HOSTILE  # unchanged: stored as it was


async def test_an_edited_minutes_text_is_saved_as_it_was_seen(world):
    store = world.store()
    meeting = store.save(
        Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14), minutes=HOSTILE)
    )
    app = world.app(open_view="jahr")
    async with app.run_test(size=(120, 40)) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("down", "right", "enter")
        assert await wait_for(pilot, lambda: meeting_ready(app))
        await pilot.press("p")
        await form_ready(pilot, MinutesForm)  # the keys below go to its text: composed and focused first
        await pilot.press("end", "ctrl+end")
        await pilot.press("!")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: world.read().meetings[meeting.id].minutes != HOSTILE)
    assert world.read().meetings[meeting.id].minutes == SHOWN + "!"
