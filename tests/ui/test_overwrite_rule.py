"""A file the user did not agree to replace is never overwritten, whichever dialog writes it:
the year's calendar and the invitation asked "Überschreiben?" but then wrote over a file that
appeared meanwhile (the export and document dialogs refused it); now all four write alike."""

from __future__ import annotations

from datetime import date, time

import pytest
from meeting_helpers import grid_focused
from pilot_helpers import SIZE, form_ready, wait_for

from herford_tui.domain import Meeting
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.year.pane import YearPane


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def _said(app, text: str) -> bool:
    return any(text in str(n.message) for n in app._notifications)


async def test_the_calendar_asks_and_never_writes_over_a_file_nobody_agreed_to(world, home):
    world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14)))
    target = home / "herford-sitzungen-2026.ics"
    target.write_text("vorher")
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("k")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert f"{target} gibt es schon. Überschreiben?" in app.screen.question
        await pilot.press("n")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        # the file appeared after the program looked (a colleague, a second window): refused
        app.query_one(YearPane)._write_calendar(target, overwrite=False)
        assert await wait_for(pilot, lambda: _said(app, f"{target} ist inzwischen entstanden und bleibt unverändert."))
        assert target.read_text() == "vorher"
        await pilot.press("k")
        await form_ready(pilot, ConfirmScreen)  # pushed at once, composed and focused a moment later
        await pilot.press("j")
        assert await wait_for(pilot, lambda: target.read_text().startswith("BEGIN:VCALENDAR"))
