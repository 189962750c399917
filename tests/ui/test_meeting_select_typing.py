"""Letters typed right behind a Tab onto a list in the meeting's forms pick from it (new-user walk:
"t", "Aufgabe zwei", Tab, "Tie", Enter, Tab, "20.12.", Ctrl+S in one burst saved the task with
nobody responsible: the closed list "Wer" dropped the letters without a word)."""

from __future__ import annotations

from datetime import date, time

from meeting_helpers import meeting_ready
from pilot_helpers import SIZE, wait_for
from typing_order import burst, keys

from herford_tui.domain import AgendaItem, Meeting


async def test_a_task_typed_in_one_burst_gets_the_person_typed_behind_the_tab(world):
    meeting = Meeting(
        committee_id=world.lenkungskreis,
        date=date(2026, 12, 9),
        start_time=time(14),
        agenda=[AgendaItem("1", "Haushalt")],
    )
    meeting_id = world.store().save(meeting).id
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.focused is not None)
        app.call_later(app.open_meeting, meeting_id)
        assert await wait_for(pilot, lambda: meeting_ready(app))
        await burst(pilot, keys("t", "Zahlen nachreichen", "<tab>", "Muster", "<enter>", "<tab>", "20.12.", "<ctrl+s>"))

        def stored() -> list:
            return world.read().meetings[meeting_id].agenda[0].tasks

        assert await wait_for(pilot, lambda: bool(stored()))
    [task] = stored()
    assert (task.what, task.person_id, task.due) == (
        "Zahlen nachreichen",
        world.person["mustermann"],
        date(2026, 12, 20),
    )
