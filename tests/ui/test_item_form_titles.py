"""The decision and task forms name their agenda item in the title (new-user test: "Beschluss
festhalten" opened for another TOP than the user thought). The title is user text: literal."""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import SIZE, shown, wait_for
from textual.widgets import DataTable, Label

from herford_tui.domain import AgendaItem, Meeting
from herford_tui.ui.meetings.item_forms import DecisionForm, TaskForm
from herford_tui.ui.meetings.screen import MeetingScreen

HOSTILE = "[b]Haus[/b]halt \x1b[31m2027"


@pytest.mark.parametrize(("key", "form", "what"), [("d", DecisionForm, "Beschluss"), ("t", TaskForm, "Aufgabe")])
async def test_the_form_names_the_item_under_the_cursor(world, key, form, what):
    meeting = world.store().save(
        Meeting(
            committee_id=world.lenkungskreis,
            date=date(2026, 12, 3),
            agenda=[AgendaItem(number="1", title="Begrüßung"), AgendaItem(number="2", title=HOSTILE)],
        )
    )
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_meeting(meeting.id)
        assert await wait_for(
            pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.query("#agenda-table")
        )
        agenda = app.screen.query_one("#agenda-table", DataTable)
        assert await wait_for(pilot, lambda: agenda.has_focus)
        await pilot.press("down")
        assert await wait_for(pilot, lambda: agenda.cursor_row == 1)
        await pilot.press(key)
        title = str((await shown(pilot, form)).query_one(".dialog-title", Label).render())
        assert title == f"{what} festhalten – TOP 2 „[b]Haus[/b]halt \\x1b[31m2027“", title
