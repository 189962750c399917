"""The open tasks (t) fit 80 columns: every column whole, the meeting's date in view without a
horizontal scroll (new-user walkthrough: the last column read "Sitzu")."""

from __future__ import annotations

from datetime import date

from pilot_helpers import SIZE, screen_text, wait_for
from textual.widgets import DataTable

from herford_tui.domain import AgendaItem, Meeting, MeetingStatus, Task
from herford_tui.ui.meetings.tasks import TasksScreen


async def test_the_open_tasks_fit_80_columns(world):
    task = Task("Protokoll an alle Mitglieder verschicken", world.person["test"], date(2026, 11, 1))
    world.store().save(
        Meeting(
            committee_id=world.lenkungskreis,
            date=date(2026, 10, 7),
            status=MeetingStatus.DURCHGEFUEHRT,
            agenda=[AgendaItem("12", "Bericht", tasks=[task])],
        )
    )
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_tasks()
        assert await wait_for(
            pilot, lambda: isinstance(app.screen, TasksScreen) and bool(app.screen.query("#open-tasks"))
        )
        table = app.screen.query_one("#open-tasks", DataTable)
        assert await wait_for(pilot, lambda: table.row_count == 1 and table.size.width > 0)
        # the columns are planned for the laid-out width, then drawn: a pause was no proof of either
        assert await wait_for(pilot, lambda: 0 < table.virtual_size.width <= table.size.width), (
            table.virtual_size,
            table.size,
        )
        assert [str(c.label) for c in table.columns.values()] == ["", "Fällig", "Aufgabe", "Wer", "Gremium", "Sitzung"]
        assert await wait_for(pilot, lambda: "07.10.2026 TOP 12" in screen_text(app)), screen_text(app)
        shown = screen_text(app)
        assert "Sitzung" in shown and "07.10.2026 TOP 12" in shown and "01.11.2026" in shown
