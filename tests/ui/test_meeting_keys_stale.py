"""The meeting screen's keys that save at once (move or remove a TOP, tick a task, mark the
meeting invited) while a colleague's save has made the screen's version out of date.

Before, these keys wrote the whole meeting as the screen showed it: the revision check refused
it ("Nicht gespeichert") and the user had to press the key again. Now each key is an operation
applied under the lock to the meeting as stored (``Store.save_change``, as the part forms do):
it lands and the colleague's change stays; what no longer fits (the TOP removed meanwhile) is
said in German and nothing is written.
"""

from __future__ import annotations

import dataclasses
from datetime import date, time

from meeting_helpers import meeting_ready
from pilot_helpers import SIZE, TODAY, new_notice, screen_text, shown, shown_notices, wait_for
from textual.pilot import Pilot
from textual.widgets import DataTable

from herford_tui.app import HerfordApp
from herford_tui.domain import AgendaItem, Meeting, MeetingStatus, Task
from herford_tui.domain.agenda import renumbered
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.meetings.invitation import InvitationScreen
from herford_tui.ui.meetings.screen import MeetingScreen

NEVER = 3600.0
"""Poll interval: the app does not pick the colleague's change up by itself."""

NOTE = "Beamer mitbringen (Kollegin)"


def _meeting(world) -> int:
    meeting = Meeting(
        committee_id=world.lenkungskreis,
        date=date(2026, 12, 9),
        start_time=time(14),
        agenda=[
            AgendaItem("1", "Begrüßung"),
            AgendaItem("2", "Haushalt", tasks=[Task("Zahlen nachreichen")]),
            AgendaItem("3", "Verschiedenes"),
        ],
    )
    return world.store().save(meeting).id


def _colleague(world, meeting_id: int, change=None) -> None:
    """A colleague's app (another Store on the same file) saves ``change`` of the meeting;
    by default a note, unrelated to what this user's key does."""
    store = world.store()
    meeting = store.snapshot().meetings[meeting_id]
    store.save(change(meeting) if change else dataclasses.replace(meeting, notes=NOTE))


async def _open(pilot: Pilot, app: HerfordApp, meeting_id: int) -> MeetingScreen:
    assert await wait_for(pilot, lambda: app.focused is not None)
    app.call_later(app.open_meeting, meeting_id)
    assert await wait_for(pilot, lambda: meeting_ready(app))
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


def _titles(world, meeting_id: int) -> list[str]:
    return [item.title for item in world.read().meetings[meeting_id].agenda]


async def test_a_top_moved_from_an_old_view_lands_and_the_colleagues_change_stays(world):
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, meeting_id)
        agenda = screen.query_one("#agenda-table", DataTable)
        await pilot.press("down")
        assert await wait_for(pilot, lambda: agenda.cursor_row == 1)
        _colleague(world, meeting_id)  # the screen still shows the version before
        assert app.snapshot.meetings[meeting_id].notes == ""
        await pilot.press("u")
        assert await wait_for(pilot, lambda: _titles(world, meeting_id)[0] == "Haushalt")
        assert await wait_for(pilot, lambda: "Haushalt" in str(agenda.get_row_at(0)))
        assert await wait_for(pilot, lambda: agenda.cursor_row == 0)  # the cursor went with it
        assert not any("Nicht gespeichert" in str(n.message) for n in app._notifications)
    stored = world.read().meetings[meeting_id]
    assert [(i.number, i.title) for i in stored.agenda] == [
        ("1", "Haushalt"), ("2", "Begrüßung"), ("3", "Verschiedenes"),
    ]  # fmt: skip
    assert stored.notes == NOTE


async def test_a_top_moves_even_when_a_colleague_put_one_above_it(world):
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, meeting_id)
        agenda = screen.query_one("#agenda-table", DataTable)
        await pilot.press("down")
        assert await wait_for(pilot, lambda: agenda.cursor_row == 1)

        def first_a_new_one(meeting: Meeting) -> Meeting:
            return dataclasses.replace(meeting, agenda=[AgendaItem("1", "Protokollkontrolle"), *meeting.agenda])

        _colleague(world, meeting_id, first_a_new_one)
        await pilot.press("n")  # "Haushalt" down, below "Verschiedenes": not the item now at row 1
        assert await wait_for(pilot, lambda: _titles(world, meeting_id)[-1] == "Haushalt")
        # the colleague's TOP arrives with the save: four rows only then
        assert await wait_for(pilot, lambda: agenda.row_count == 4 and "Haushalt" in str(agenda.get_row_at(3)))
        assert await wait_for(pilot, lambda: agenda.cursor_row == 3)
    assert _titles(world, meeting_id) == ["Protokollkontrolle", "Begrüßung", "Verschiedenes", "Haushalt"]


async def test_a_top_removed_from_an_old_view_goes_and_the_colleagues_change_stays(world):
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, meeting_id)
        agenda = screen.query_one("#agenda-table", DataTable)
        await pilot.press("end")
        assert await wait_for(pilot, lambda: agenda.cursor_row == 2)
        _colleague(world, meeting_id)
        await pilot.press("delete")
        await shown(pilot, ConfirmScreen)
        await pilot.press("j")
        assert await wait_for(pilot, lambda: _titles(world, meeting_id) == ["Begrüßung", "Haushalt"])
        assert await wait_for(pilot, lambda: agenda.row_count == 2)
        assert "Verschiedenes" not in screen_text(app)
    assert world.read().meetings[meeting_id].notes == NOTE


async def test_a_top_a_colleague_removed_meanwhile_is_said_and_nothing_is_lost(world):
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, meeting_id)
        agenda = screen.query_one("#agenda-table", DataTable)
        await pilot.press("down")
        assert await wait_for(pilot, lambda: agenda.cursor_row == 1)

        def without_haushalt(meeting: Meeting) -> Meeting:
            kept = [item for item in meeting.agenda if item.title != "Haushalt"]
            return dataclasses.replace(meeting, agenda=renumbered(kept), notes=NOTE)

        _colleague(world, meeting_id, without_haushalt)
        before = world.bytes()
        notices = shown_notices(app)
        await pilot.press("u")
        said = await new_notice(pilot, notices, "Haushalt")
        assert "wurde inzwischen von jemand anderem umbenannt oder entfernt" in said, said
        # the screen shows the newest version at once: the colleague's agenda without the TOP
        assert await wait_for(pilot, lambda: agenda.row_count == 2)
        assert app.screen is screen
    assert world.bytes() == before  # nothing written over the colleague's version
    stored = world.read().meetings[meeting_id]
    assert [i.title for i in stored.agenda] == ["Begrüßung", "Verschiedenes"] and stored.notes == NOTE


async def test_a_task_ticked_from_an_old_view_lands_and_the_colleagues_change_stays(world):
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, meeting_id)
        await pilot.press("3")
        tasks = screen.query_one("#task-table", DataTable)
        assert await wait_for(pilot, lambda: tasks.has_focus)
        _colleague(world, meeting_id)
        await pilot.press("space")
        assert await wait_for(pilot, lambda: world.read().meetings[meeting_id].agenda[1].tasks[0].done)
        assert await wait_for(pilot, lambda: "[x] Zahlen nachreichen" in screen_text(app)), screen_text(app)
    assert world.read().meetings[meeting_id].notes == NOTE


async def test_a_task_ticked_in_the_open_tasks_from_an_old_view_lands(world):
    from herford_tui.ui.meetings.tasks import TasksScreen

    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.focused is not None)
        app.call_later(app.open_tasks)
        screen = await shown(pilot, TasksScreen)
        table = screen.query_one("#open-tasks", DataTable)
        assert await wait_for(pilot, lambda: table.has_focus and table.row_count == 1)
        _colleague(world, meeting_id)
        await pilot.press("space")
        assert await wait_for(pilot, lambda: world.read().meetings[meeting_id].agenda[1].tasks[0].done)
        assert await wait_for(pilot, lambda: table.row_count == 0)
    assert world.read().meetings[meeting_id].notes == NOTE


async def test_the_invitation_marks_the_meeting_invited_from_an_old_view(world, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # the invitation goes to the home folder
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, meeting_id)
        await pilot.press("i")
        await shown(pilot, InvitationScreen)
        _colleague(world, meeting_id)
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: world.read().meetings[meeting_id].status is MeetingStatus.EINGELADEN)
        assert await wait_for(pilot, lambda: "eingeladen am 28.11.2026" in screen_text(app)), screen_text(app)
    stored = world.read().meetings[meeting_id]
    assert (stored.invitation_sent, stored.notes) == (TODAY, NOTE)
    assert list(tmp_path.glob("herford-einladung-2026-12-09-*.txt"))


async def test_a_meeting_called_off_meanwhile_is_not_marked_invited(world, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app, meeting_id)
        await pilot.press("i")
        await shown(pilot, InvitationScreen)
        _colleague(world, meeting_id, lambda m: dataclasses.replace(m, status=MeetingStatus.ABGESAGT))
        notices = shown_notices(app)
        await pilot.press("ctrl+s")
        said = await new_notice(pilot, notices, "nicht als eingeladen markiert")
        assert "„abgesagt“" in said, said
    stored = world.read().meetings[meeting_id]
    assert (stored.status, stored.invitation_sent) == (MeetingStatus.ABGESAGT, None)
    assert list(tmp_path.glob("herford-einladung-2026-12-09-*.txt"))  # the letter is written all the same
