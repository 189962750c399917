"""Two colleagues record attendance in the same meeting at the same time (issue: marks lost).

Each key is an operation on one person's entry, written onto the meeting as stored then: marks
of different people by two running apps on one file both land, even from a view that is out of
date. Only a colleague's change of the same person is refused: said in German, the cursor back
on that person, the row showing the colleague's entry.
"""

from __future__ import annotations

from datetime import date, time

from meeting_helpers import meeting_ready
from pilot_helpers import SIZE, settle, shown_notices, wait_for
from textual.widgets import DataTable
from typing_order import burst

from herford_tui.app import HerfordApp
from herford_tui.domain import Attendance, Meeting, MeetingAttendance
from herford_tui.domain.attendance_mark import entry_of

NEVER = 3600.0
"""Poll interval: neither app picks the other's change up by itself (no refresh in between)."""


def _meeting(world) -> int:
    return world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14))).id


async def _attendance(pilot, app: HerfordApp, meeting_id: int) -> DataTable:
    """The meeting screen open on its attendance part, the table focused with its three rows."""
    assert await wait_for(pilot, lambda: app.focused is not None)
    # Through the app's own queue: a screen pushed from the test would run in the context of
    # the app entered last (Textual's ``active_app``), and its saves would go to that app.
    app.call_later(app.open_meeting, meeting_id)
    assert await wait_for(pilot, lambda: meeting_ready(app))  # "2" asks the screen's tabs: built first
    await pilot.press("2")
    table = app.screen.query_one("#attendance-table", DataTable)
    assert await wait_for(pilot, lambda: table.has_focus and table.row_count == 3)
    return table


def _stored(world, meeting_id: int) -> dict[int, MeetingAttendance]:
    return {e.person_id: e for e in world.read().meetings[meeting_id].attendance}


async def test_two_apps_marking_different_people_both_land(world):
    meeting_id = _meeting(world)
    app_a, app_b = world.app(open_view="jahr", poll_interval=NEVER), world.app(open_view="jahr", poll_interval=NEVER)
    async with app_a.run_test(size=SIZE) as pilot_a, app_b.run_test(size=SIZE) as pilot_b:
        table_a = await _attendance(pilot_a, app_a, meeting_id)
        table_b = await _attendance(pilot_b, app_b, meeting_id)
        people = [line.person_id for line in app_a.screen.lines]
        await burst(pilot_a, ["a", "a"])  # the first two present, at typing speed
        assert await wait_for(pilot_a, lambda: len(_stored(world, meeting_id)) == 2)
        assert table_a.cursor_row == 2
        assert app_b.screen.meeting.attendance == []  # B still shows the meeting before A's marks
        table_b.move_cursor(row=2)
        await burst(pilot_b, ["x"])
        assert await wait_for(pilot_b, lambda: len(_stored(world, meeting_id)) == 3)
        await settle(app_b, pilot_b)
        assert not [n for n in app_b._notifications if n.severity == "error"]
        # B now shows the meeting as stored, A's marks with its own.
        assert [line.status for line in app_b.screen.lines] == [Attendance.ANWESEND] * 2 + [Attendance.FEHLEND]
    stored = _stored(world, meeting_id)
    assert [stored[pid].status for pid in people] == [Attendance.ANWESEND, Attendance.ANWESEND, Attendance.FEHLEND]


async def test_a_colleagues_change_of_the_same_person_is_said_and_the_cursor_stays(world, monkeypatch):
    meeting_id = _meeting(world)
    app_a, app_b = world.app(open_view="jahr", poll_interval=NEVER), world.app(open_view="jahr", poll_interval=NEVER)
    async with app_a.run_test(size=SIZE) as pilot_a, app_b.run_test(size=SIZE) as pilot_b:
        await _attendance(pilot_a, app_a, meeting_id)
        table_b = await _attendance(pilot_b, app_b, meeting_id)
        first = app_a.screen.lines[0].person_id
        monkeypatch.setenv("HERFORD_TUI_BENUTZER", "Kollegin")  # who the audit log names
        await burst(pilot_a, ["a"])
        assert await wait_for(pilot_a, lambda: first in _stored(world, meeting_id))
        monkeypatch.setenv("HERFORD_TUI_BENUTZER", "Ich")
        assert app_b.screen.meeting.attendance == []  # B has not seen A's mark
        await burst(pilot_b, ["x"])  # the same person absent: a clash

        def said() -> list[str]:
            return [n.message for n in app_b._notifications if n.severity == "error"]

        assert await wait_for(pilot_b, lambda: bool(said()))
        [message] = said()
        assert message.startswith("Kollegin hat die Anwesenheit von Erika Mustermann inzwischen geändert")
        assert "jetzt „anwesend“" in message and "Ihre Eingabe „abwesend“ wurde nicht gespeichert" in message
        assert table_b.cursor_row == 0  # back on her row, not on the next one
        assert app_b.screen.lines[0].status is Attendance.ANWESEND  # the newest data shown
        assert "anwesend" in str(table_b.get_row_at(0)[2])
        assert _stored(world, meeting_id) == {first: MeetingAttendance(first, Attendance.ANWESEND)}
        # Having seen it, B can change her entry on purpose: no second error. (Not "one error
        # notice still shown": it expires after 15 s, which a loaded machine may take until here.)
        before = shown_notices(app_b)
        await burst(pilot_b, ["e"])
        assert await wait_for(pilot_b, lambda: _stored(world, meeting_id)[first].status is Attendance.ENTSCHULDIGT)
        await settle(app_b, pilot_b)
        assert not [n.message for n in app_b._notifications if n.severity == "error" and n.identity not in before]


async def test_keys_at_typing_speed_mark_consecutive_rows_and_own_changes_are_no_clash(world):
    meeting_id = _meeting(world)
    app = world.app(open_view="jahr", poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        table = await _attendance(pilot, app, meeting_id)
        people = [line.person_id for line in app.screen.lines]
        # Down the list, then the last person twice more before the saves land: own marks of
        # the same person follow each other, no clash with oneself.
        await burst(pilot, ["a", "e", "x", "backspace", "a"])
        assert await wait_for(pilot, lambda: table.cursor_row == 2)

        def statuses() -> list[Attendance | None]:
            stored = world.read().meetings[meeting_id]
            return [(e.status if (e := entry_of(stored, pid)) else None) for pid in people]

        want = [Attendance.ANWESEND, Attendance.ENTSCHULDIGT, Attendance.ANWESEND]
        assert await wait_for(pilot, lambda: statuses() == want)
        await settle(app, pilot)
        assert not [n for n in app._notifications if n.severity == "error"]
        assert table.cursor_row == 2
