"""A task entered by mistake can be corrected or removed in the meeting's task list (walkthrough,
session 8): a task given to the wrong one of two „Thomas Müller“ could only be ticked off, never
given to the right one, and a double could only go with its whole TOP."""

from __future__ import annotations

import dataclasses
from datetime import date, time

from meeting_helpers import meeting_ready
from pilot_helpers import SIZE, form_ready, screen_text, wait_for
from textual.widgets import DataTable

from herford_tui.domain import AgendaItem, Meeting, Membership, Organisation, Person, Task
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.select import Select
from herford_tui.ui.meetings.item_forms import TaskForm


def _world_with_namesakes(world) -> tuple[int, int, int]:
    """Two Thomas Müller on the Lenkungskreis; a meeting whose TOP 1 has a task for the first
    and a double of another task."""
    store = world.store()
    seat = next(
        s.key for s in store.snapshot().committees[world.lenkungskreis].seats if s.count is None or s.count >= 2
    )
    ids = []
    for org in ("Kita Sonnenschein", "Gymnasium Löhne"):
        o = store.save(Organisation(name=org))
        p = store.save(Person(given_name="Thomas", family_name="Müller", organisation_id=o.id))
        store.save(Membership(person_id=p.id, committee_id=world.lenkungskreis, seat_key=seat, start=date(2026, 1, 1)))
        ids.append(p.id)
    tasks = [Task("Bericht schreiben", ids[0]), Task("Raum buchen"), Task("Raum buchen")]
    meeting = store.save(
        Meeting(
            committee_id=world.lenkungskreis,
            date=date(2026, 12, 9),
            start_time=time(14),
            agenda=[AgendaItem("1", "Haushalt", tasks=tasks)],
        )
    )
    return meeting.id, ids[0], ids[1]


async def _task_list(pilot, app, meeting_id: int) -> DataTable:
    assert await wait_for(pilot, lambda: app.focused is not None)
    app.call_later(app.open_meeting, meeting_id)
    assert await wait_for(pilot, lambda: meeting_ready(app))
    await pilot.press("3")
    table = app.screen.query_one("#task-table", DataTable)
    assert await wait_for(pilot, lambda: table.has_focus and table.row_count == 3)
    return table


async def test_a_task_given_to_the_wrong_namesake_is_given_to_the_right_one(world):
    meeting_id, first, second = _world_with_namesakes(world)
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await _task_list(pilot, app, meeting_id)
        assert await wait_for(
            pilot, lambda: "e Ändern" in screen_text(app).splitlines()[-1]
        )  # the key is in the footer
        await pilot.press("e")
        form = await form_ready(pilot, TaskForm)
        assert "Aufgabe ändern" in screen_text(app)
        who = form.query_one("#person", Select)
        assert who.value == first
        who.value = second  # what picking the other Thomas Müller in the list does
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: world.read().meetings[meeting_id].agenda[0].tasks[0].person_id == second)
    [task, *_] = world.read().meetings[meeting_id].agenda[0].tasks
    assert task == Task("Bericht schreiben", second)


async def test_a_double_task_is_removed_after_asking(world):
    meeting_id, _first, _second = _world_with_namesakes(world)
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        table = await _task_list(pilot, app, meeting_id)
        table.move_cursor(row=2)
        assert await wait_for(pilot, lambda: table.cursor_row == 2)
        await pilot.press("delete")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = "Aufgabe „Raum buchen“ von TOP 1 entfernen?"  # drawn after the dialog's first layout
        assert await wait_for(pilot, lambda: question in " ".join(screen_text(app).split())), screen_text(app)
        await pilot.press("j")
        assert await wait_for(pilot, lambda: len(world.read().meetings[meeting_id].agenda[0].tasks) == 2)
        assert await wait_for(pilot, lambda: table.row_count == 2)
    tasks = world.read().meetings[meeting_id].agenda[0].tasks
    assert [t.what for t in tasks] == ["Bericht schreiben", "Raum buchen"]


async def test_a_task_a_colleague_changed_meanwhile_is_not_overwritten(world):
    meeting_id, first, second = _world_with_namesakes(world)
    app = world.app(poll_interval=3600.0)
    async with app.run_test(size=SIZE) as pilot:
        await _task_list(pilot, app, meeting_id)
        await pilot.press("e")
        form = await form_ready(pilot, TaskForm)
        store = world.store()
        stored = store.snapshot().meetings[meeting_id]
        done = dataclasses.replace(stored.agenda[0].tasks[0], done=True)
        item = dataclasses.replace(stored.agenda[0], tasks=[done, *stored.agenda[0].tasks[1:]])
        store.save(dataclasses.replace(stored, agenda=[item]))  # a colleague ticked it off
        form.query_one("#person", Select).value = second
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: "inzwischen" in screen_text(app)), screen_text(app)
        assert app.screen is form
    assert world.read().meetings[meeting_id].agenda[0].tasks[0] == Task("Bericht schreiben", first, done=True)
