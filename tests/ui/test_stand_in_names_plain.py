"""Names in the stand-in chooser's note and in "Niemand kann … vertreten" are user text
(walkthrough, session 8): a name with a terminal escape reached the terminal raw through the
chooser's note, and a name like „Sommer [/b]“ was read as markup by the notice."""

from __future__ import annotations

import dataclasses
from datetime import date, time

from meeting_helpers import meeting_ready
from pilot_helpers import SIZE, new_notice, screen_text, shown_notices, wait_for
from textual.widgets import DataTable

from herford_tui.domain import Attendance, Meeting, MeetingAttendance
from herford_tui.ui.year.choose import ChooseMeeting


def _toasts(app) -> str:
    """The notices as drawn now (Pilot shows them with ``notifications=True``)."""
    return " ".join(" ".join(str(toast.render()).split()) for toast in app.screen.query("Toast"))


def _rename(world, key: str, **names: str) -> None:
    store = world.store()
    person = store.snapshot().persons[world.person[key]]
    store.save(dataclasses.replace(person, **names))


async def _attendance(pilot, app, meeting_id: int) -> DataTable:
    assert await wait_for(pilot, lambda: app.focused is not None)
    app.call_later(app.open_meeting, meeting_id)
    assert await wait_for(pilot, lambda: meeting_ready(app))
    await pilot.press("2")
    table = app.screen.query_one("#attendance-table", DataTable)
    assert await wait_for(pilot, lambda: table.has_focus and table.row_count >= 3)
    return table


async def test_an_escape_in_the_members_name_is_shown_visible_in_the_choosers_note(world):
    _rename(world, "test", given_name="Esc\x1b[31m", family_name="Rot\x1b[0m")
    meeting = world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14)))
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        table = await _attendance(pilot, app, meeting.id)
        ids = [line.person_id for line in app.screen.lines]
        table.move_cursor(row=ids.index(world.person["test"]))
        await pilot.press("v")
        assert await wait_for(
            pilot, lambda: isinstance(app.screen, ChooseMeeting) and bool(app.screen.query(".dialog-text"))
        )
        note = str(app.screen.query_one(".dialog-text").render())
        assert "\x1b" not in note and "Esc\\x1b[31m Rot\\x1b[0m hat keine eingetragene Vertretung" in note
        drawn = lambda: " ".join(screen_text(app).split())  # noqa: E731
        assert await wait_for(pilot, lambda: "hat keine eingetragene Vertretung" in drawn())  # drawn, then read
        assert "\x1b" not in screen_text(app)


async def test_a_bracketed_name_in_nobody_can_stand_in_is_shown_as_typed(world):
    _rename(world, "mustermann", given_name="Sommer", family_name="[/b]")
    present = [
        MeetingAttendance(world.person["mustermann"], Attendance.ANWESEND),
        MeetingAttendance(world.person["beispiel"], Attendance.ANWESEND),
        MeetingAttendance(world.person["probe"], Attendance.ANWESEND),  # the deputy, there in her own right
    ]
    meeting = world.store().save(
        Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14), attendance=present)
    )
    app = world.app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:  # Pilot shows no toasts unless asked
        table = await _attendance(pilot, app, meeting.id)
        ids = [line.person_id for line in app.screen.lines]
        table.move_cursor(row=ids.index(world.person["test"]))
        before = shown_notices(app)
        await pilot.press("v")
        notice = await new_notice(pilot, before, containing="vertreten")
        assert "Sommer [/b] ist selbst anwesend" in notice, notice
        # drawn as typed (the toast is on screen a refresh after the notice)
        assert await wait_for(pilot, lambda: "Sommer [/b] ist selbst" in _toasts(app)), _toasts(app)
        assert app.screen.query_one("#attendance-table") is table


async def test_the_choosers_title_says_which_of_two_namesakes_is_represented(world):
    from herford_tui.domain import Organisation, Person
    from herford_tui.domain.duplicates import EVERY

    store = world.store()
    kita = store.save(Organisation(name="Kita Sonnenschein"))
    twin = store.save(Person(given_name="Tobias", family_name="Test", organisation_id=kita.id), confirmed=EVERY)
    meeting = store.save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14)))
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        table = await _attendance(pilot, app, meeting.id)
        ids = [line.person_id for line in app.screen.lines]
        table.move_cursor(row=ids.index(world.person["test"]))
        await pilot.press("v")
        assert await wait_for(
            pilot, lambda: isinstance(app.screen, ChooseMeeting) and bool(app.screen.query(".dialog-text"))
        )
        # composed is not yet drawn: the dialog's text is on screen after its first layout
        wanted = f"Wer vertritt Tobias Test (Bildungsbüro des Kreises Herford, Nr. {world.person['test']})?"
        assert await wait_for(pilot, lambda: wanted in " ".join(screen_text(app).split())), screen_text(app)
        assert twin.id != world.person["test"]
