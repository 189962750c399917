"""Meetings as the office runs them, pressed through the real app and checked in the file:
plan → agenda → invitation → attendance → minutes, decision, task → task done; bad input
refused in German with the file unchanged; the holiday warning before saving."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest
from meeting_helpers import grid_focused, meeting_ready
from pilot_helpers import SIZE, TODAY, form_ready, roster_focused, screen_text, settle, shown, type_text, wait_for
from rich.text import Text
from textual.widgets import DataTable, Input, Static, TextArea

from herford_tui.domain import AgendaItem, Attendance, DecisionResult, Meeting, MeetingAttendance, MeetingStatus
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.line_table import LineTable
from herford_tui.ui.meetings.invitation import InvitationScreen
from herford_tui.ui.meetings.item_forms import AgendaItemForm, DecisionForm, TaskForm
from herford_tui.ui.meetings.meeting_form import MeetingForm
from herford_tui.ui.meetings.screen import MeetingScreen
from herford_tui.ui.year.choose import ChooseMeeting
from herford_tui.ui.year.pane import YearPane

EMAILS = {"beispiel": "b.beispiel@example.org", "test": "t.test@example.org", "probe": "p.probe@example.org"}


@pytest.fixture
def home(tmp_path, monkeypatch):
    """The invitation goes to the home folder: a temporary one per test."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def give_everyone_an_email(world) -> None:
    store = world.store()
    for key, email in EMAILS.items():
        person = store.snapshot().persons[world.person[key]]
        store.save(dataclasses.replace(person, email=email))


async def _fill_meeting_form(pilot, form: MeetingForm, committee_id: int, day: str, start: str, end: str) -> None:
    form.query_one("#committee_id").value = committee_id
    form.query_one("#date", Input).value = day
    form.query_one("#start_time", Input).value = start
    form.query_one("#end_time", Input).value = end
    await pilot.pause()


async def test_plan_invite_attend_minutes_and_follow_up(world, home):
    give_everyone_an_email(world)
    lk = world.lenkungskreis
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(YearPane)
        assert await wait_for(pilot, lambda: grid_focused(app))
        # -- plan with two agenda items
        await pilot.press("a")
        form = await form_ready(pilot, MeetingForm)
        await _fill_meeting_form(pilot, form, lk, "09.12.2026", "14:00", "16:00")
        form.query_one("#location", Input).value = "Kreishaus Herford"
        form.query_one("#room", Input).value = "Raum 101"
        form.query_one("#agenda", TextArea).text = "Begrüßung\nHaushalt 2027"
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: len(world.read().meetings_of(lk)) == 1)  # the save, on disk
        [meeting] = world.read().meetings_of(lk)
        assert (meeting.date, meeting.start_time, meeting.room) == (date(2026, 12, 9), time(14), "Raum 101")
        # the new meeting is selected in the grid, its invitation already overdue (due 25.11.)
        assert await wait_for(pilot, lambda: "9g!" in screen_text(app)), screen_text(app)  # drawn after the save
        row, month = pane._grid_position()
        assert row is not None and row.key == f"c{lk}" and month == 12
        # -- open it and add a third item, then move it up
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: meeting_ready(app))  # "a" is the agenda's key
        await pilot.press("a")
        (await form_ready(pilot, AgendaItemForm)).query_one("#title", Input).value = "Verschiedenes"
        await pilot.press("ctrl+s")

        def stored_agenda() -> list[tuple[str, str]]:
            return [(i.number, i.title) for i in world.read().meetings[meeting.id].agenda]

        added = [("1", "Begrüßung"), ("2", "Haushalt 2027"), ("3", "Verschiedenes")]
        assert await wait_for(pilot, lambda: stored_agenda() == added), stored_agenda()
        assert await wait_for(pilot, lambda: meeting_ready(app))  # the form closed: "u" is the agenda's key
        agenda = app.screen.query_one("#agenda-table", DataTable)
        assert await wait_for(pilot, lambda: agenda.cursor_row == 2)
        await pilot.press("u")
        moved = [("1", "Begrüßung"), ("2", "Verschiedenes"), ("3", "Haushalt 2027")]
        assert await wait_for(pilot, lambda: stored_agenda() == moved), stored_agenda()
        # the invitation is written from the data as shown: the move drawn too (the file is saved first)
        assert await wait_for(pilot, lambda: "Verschiedenes" in str(agenda.get_row_at(1)))
        # -- invitation: file in the home folder with every member's address and the agenda
        await pilot.press("i")
        await shown(pilot, InvitationScreen)
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        await settle(app, pilot)
        [letter] = home.glob("herford-einladung-2026-12-09-lenkungskreis.txt")
        text = letter.read_text(encoding="utf-8")
        for email in ("e.mustermann@example.org", EMAILS["beispiel"], EMAILS["test"]):
            assert email in text
        assert EMAILS["probe"] not in text  # deputies only when ticked
        assert "TOP 1  Begrüßung" in text and "TOP 3  Haushalt 2027" in text and "Kreishaus Herford, Raum 101" in text
        stored = world.read().meetings[meeting.id]
        assert (stored.status, stored.invitation_sent) == (MeetingStatus.EINGELADEN, TODAY)
        assert await wait_for(pilot, lambda: "eingeladen am 28.11.2026" in screen_text(app)), screen_text(app)
        # -- attendance: the chair present, the mayor represented by his deputy
        await pilot.press("2")
        table = app.screen.query_one("#attendance-table", DataTable)
        assert await wait_for(pilot, lambda: table.has_focus)
        assert "Erika Mustermann" in str(table.get_row_at(0)[1])
        await pilot.press("a")
        assert str(table.get_row_at(1)[1]) == "Bernd Beispiel"
        assert await wait_for(pilot, lambda: table.cursor_row == 1)  # down the list as it is called out
        await pilot.press("v")

        def marks() -> dict[int, MeetingAttendance]:
            return {e.person_id: e for e in world.read().meetings[meeting.id].attendance}

        assert await wait_for(pilot, lambda: len(marks()) == 2), marks()  # both marks on disk
        by_person = marks()
        assert by_person[world.person["mustermann"]].status is Attendance.ANWESEND
        bm = by_person[world.person["beispiel"]]
        assert (bm.status, bm.deputy_id) == (Attendance.VERTRETEN, world.person["probe"])
        assert await wait_for(pilot, lambda: "vertreten durch Paula Probe" in screen_text(app)), screen_text(app)
        summary = app.screen.query_one("#attendance-summary", Static)
        assert await wait_for(pilot, lambda: "2 von 3 anwesend" in str(summary.render())), str(summary.render())
        # -- minutes, a decision and a task on TOP 3
        await pilot.press("1")
        assert await wait_for(pilot, lambda: agenda.has_focus)
        await pilot.press("down")
        assert await wait_for(pilot, lambda: agenda.cursor_row == 2)
        await pilot.press("e")
        form = await form_ready(pilot, AgendaItemForm)
        form.query_one("#minutes", TextArea).text = "Haushalt vorgestellt."
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: meeting_ready(app))  # back on the agenda: "d" is its key
        await pilot.press("d")
        form = await form_ready(pilot, DecisionForm)
        form.query_one("#text", Input).value = "Mittel werden freigegeben"
        form.query_one("#result").value = DecisionResult.MEHRHEITLICH
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: meeting_ready(app))  # back on the agenda: "t" is its key
        await pilot.press("t")
        form = await form_ready(pilot, TaskForm)
        form.query_one("#what", Input).value = "Antrag stellen"
        form.query_one("#person").value = world.person["test"]
        form.query_one("#due", Input).value = "15.12.2026"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, TaskForm))
        item = world.read().meetings[meeting.id].agenda[2]
        assert item.minutes == "Haushalt vorgestellt."
        assert [(d.text, d.result) for d in item.decisions] == [
            ("Mittel werden freigegeben", DecisionResult.MEHRHEITLICH)
        ]
        [task] = item.tasks
        assert (task.what, task.person_id, task.due, task.done) == (
            "Antrag stellen", world.person["test"], date(2026, 12, 15), False,
        )  # fmt: skip
        # -- the task done
        await pilot.press("3")
        assert await wait_for(pilot, lambda: app.screen.query_one("#task-table", DataTable).has_focus)
        await pilot.press("space")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: "[x] Antrag stellen" in screen_text(app)), screen_text(app)
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MeetingScreen))
        # back in the grid, which caught up with what was saved meanwhile: invited now
        grid = app.query_one("#year-grid", LineTable)
        assert await wait_for(pilot, lambda: str(grid.get_row(f"c{lk}")[-1]) == "9e")
    # -- everything is in the file, read by a fresh store
    stored = world.read().meetings[meeting.id]
    assert stored.status is MeetingStatus.EINGELADEN and stored.room == "Raum 101"
    assert len(stored.attendance) == 2 and stored.agenda[2].tasks[0].done
    assert stored.agenda[2].decisions[0].text == "Mittel werden freigegeben"


@pytest.mark.parametrize(
    ("day", "start", "end", "field", "message"),
    # the rules with all their cases: tests/unit/test_form_rules.py; here the way to the form
    [("09.12.2026", "15:00", "17:00", "date", "Das Gremium hat am 09.12.2026 schon eine Sitzung (14:00–16:00).")],
)
async def test_bad_meeting_input_is_refused_in_german_and_the_file_stays(world, day, start, end, field, message):
    lk = world.lenkungskreis
    world.store().save(Meeting(committee_id=lk, date=date(2026, 12, 9), start_time=time(14), end_time=time(16)))
    before = world.bytes()
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingForm))
        form = app.screen
        await _fill_meeting_form(pilot, form, lk, day, start, end)
        await pilot.press("ctrl+s")
        error = form.query_one(f"#err-{field}", Static)
        assert await wait_for(pilot, lambda: message in str(error.render())), str(error.render())
        await settle(app, pilot)
        assert app.screen is form
    assert world.bytes() == before


async def test_holiday_warning_shows_in_the_form_before_saving(world):
    lk = world.lenkungskreis
    before = world.bytes()
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingForm))
        form = app.screen
        await _fill_meeting_form(pilot, form, lk, "23.12.2026", "14:00", "16:00")
        warning = form.query_one("#holiday-warning", Static)
        assert "Weihnachtsferien" in str(warning.render()) and warning.display
        assert world.bytes() == before  # warned while typing, nothing saved
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await settle(app, pilot)
        assert world.bytes() == before  # still nothing: it waits for the answer
        await pilot.press("escape")  # no: back in the form
        assert await wait_for(pilot, lambda: app.screen is form)
        await pilot.press("ctrl+s")
        await form_ready(pilot, ConfirmScreen)  # pushed at once, composed and focused a moment later
        await pilot.press("j")
        assert await wait_for(pilot, lambda: len(world.read().meetings_of(lk)) == 1)  # saved once it is asked
    [meeting] = world.read().meetings_of(lk)
    assert meeting.date == date(2026, 12, 23)


async def test_grid_marks_rhythm_filters_and_changes_year(world):
    store = world.store()
    konferenz = world.konferenz
    for month in (3, 6, 9):  # three meetings of a committee meant to meet once a year
        store.save(Meeting(committee_id=konferenz, date=date(2026, month, 2), start_time=time(10)))
    app = world.app(open_view="jahr")
    async with app.run_test(size=(120, 40)) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        grid = app.query_one("#year-grid", LineTable)
        row = grid.get_row(f"c{konferenz}")
        assert str(row[1]) == "3/1 +"
        assert [str(c) for c in row[2:]][2] == "2g"
        assert "Schulferien" in screen_text(app) and "Feiertage" in screen_text(app)
        await pilot.press("f")
        select = app.query_one("#year-filter")
        select.value = str(world.lenkungskreis)
        await pilot.pause()
        assert await wait_for(pilot, lambda: grid.row_count == 3)  # two holiday rows and the committee
        await pilot.press("right_square_bracket")
        assert await wait_for(pilot, lambda: "Sitzungen 2027" in screen_text(app))
        await pilot.press("l")
        assert await wait_for(pilot, lambda: app.query_one("#year-table", LineTable).display)


async def test_list_view_starts_at_the_next_meeting_and_opens_it(world):
    store = world.store()
    past = store.save(Meeting(committee_id=world.konferenz, date=date(2026, 3, 2), location="Kreishaus"))
    upcoming = store.save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 7), location="Rathaus Bünde"))
    app = world.app(open_view="jahr")
    async with app.run_test(size=(120, 40)) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("l")
        table = app.query_one("#year-table", LineTable)
        assert await wait_for(pilot, lambda: table.display and table.has_focus and table.row_count == 2)
        assert table.keys == [str(past.id), str(upcoming.id)]
        assert table.cursor_row == 1, "the next meeting, not the first of the year"
        assert await wait_for(pilot, lambda: "Rathaus Bünde" in screen_text(app))
        assert "Kreishaus" in screen_text(app)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))


async def test_series_preview_then_all_dates_saved_at_once(world):
    from herford_tui.ui.meetings.series_form import SeriesForm

    rlt = world.leitungsteam
    app = world.app(open_view="jahr")
    async with app.run_test(size=(120, 40)) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, SeriesForm))
        form = app.screen
        assert await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "year")  # not the list
        form.query_one("#committee_id").value = rlt
        form.query_one("#year", Input).value = "2027"
        form.query_one("#interval").value = 2  # jeden 2. Mittwoch in jedem zweiten Monat
        await pilot.pause()
        preview = form.query_one("#series-preview", Static)
        assert await wait_for(pilot, lambda: "jeden 2. Mittwoch in jedem zweiten Monat" in str(preview.render()))
        text = str(preview.render())
        assert "6 Sitzungen" in text and "Rhythmus 2027: 6 (Soll 6–8)" in text
        assert world.read().meetings_of(rlt) == []  # only a preview so far
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: len(world.read().meetings_of(rlt)) == 6)  # all at once, on disk
        days = [m.date for m in world.read().meetings_of(rlt)]
        assert days[:2] == [date(2027, 1, 13), date(2027, 3, 10)]
        pane = app.query_one(YearPane)
        assert await wait_for(pilot, lambda: pane.year == 2027), pane.year  # the view follows to the planned year


async def test_calendar_export_from_the_year_view(world, home):
    import icalendar

    world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14)))
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("k")
        target = home / "herford-sitzungen-2026.ics"
        assert await wait_for(pilot, target.exists)
        await settle(app, pilot)
    assert len(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == 1


async def test_open_tasks_across_committees_marked_overdue_and_done(world):
    from herford_tui.domain import Task
    from herford_tui.ui.meetings.tasks import TasksScreen

    store = world.store()
    late = Task("Protokoll verschicken", world.person["test"], date(2026, 11, 1))
    soon = Task("Raum buchen", None, date(2026, 12, 20))
    store.save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 10, 7), status=MeetingStatus.DURCHGEFUEHRT,
                       agenda=[AgendaItem("1", "Bericht", tasks=[late])]))  # fmt: skip
    store.save(Meeting(committee_id=world.leitungsteam, date=date(2026, 10, 14), status=MeetingStatus.DURCHGEFUEHRT,
                       agenda=[AgendaItem("1", "Planung", tasks=[soon])]))  # fmt: skip
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("t")
        await shown(pilot, TasksScreen)  # pushed at once, composed a moment later
        table = app.screen.query_one("#open-tasks", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][:3] == ["!", "01.11.2026", "Protokoll verschicken"]
        assert rows[1][:3] == [" ", "20.12.2026", "Raum buchen"]
        await pilot.press("space")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: table.row_count == 1)
        # The row is gone: the message names it and the way back (not only "Gespeichert.").
        said = "„Protokoll verschicken“ ist erledigt. Wieder öffnen: in der Sitzung (Lenkungskreis, 07.10.2026)"
        assert await wait_for(pilot, lambda: any(said in str(n.message) for n in app._notifications))
    [done] = world.read().meetings_of(world.lenkungskreis)
    assert done.agenda[0].tasks[0].done


async def test_hostile_text_in_a_meeting_is_shown_not_obeyed(world):
    hostile = "[b]fett[/b] \x1b]0;titel\x07 \u202e"
    world.store().save(
        Meeting(
            committee_id=world.lenkungskreis,
            date=date(2026, 12, 9),
            start_time=time(14),
            location=hostile,
            agenda=[AgendaItem("1", hostile)],
        )
    )
    app = world.app(open_view="jahr")
    async with app.run_test(size=(120, 40)) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("down", "right")
        assert await wait_for(pilot, lambda: "[b]fett[/b]" in screen_text(app))
        await pilot.press("enter")
        # pushed at once, composed and filled a moment later: its text is drawn once it is built
        assert await wait_for(pilot, lambda: meeting_ready(app))
        shown_text = "[b]fett[/b] \\x1b]0;titel\\x07 \\u202e"
        assert await wait_for(pilot, lambda: shown_text in screen_text(app)), screen_text(app)
        text = screen_text(app)
        assert "\x1b" not in text and "\u202e" not in text


async def test_quorum_and_invitation_deadline_are_set_in_the_committee_form(world):
    from herford_tui.ui.committees.committee_form import CommitteeForm

    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=(120, 40)) as pilot:
        await roster_focused(pilot, world.lenkungskreis)  # "g" is the view's key: --open shows it a refresh later
        await pilot.press("g")
        form = await form_ready(pilot, CommitteeForm)
        form.query_one("#quorum", Input).value = "drei"
        await pilot.press("ctrl+s")
        said = "„drei“ ist keine ganze Zahl."
        assert await wait_for(pilot, lambda: said in str(form.query_one("#err-quorum", Static).render()))
        assert world.bytes() == before
        form.query_one("#quorum", Input).value = "3"
        form.query_one("#invitation_days", Input).value = "21"
        await pilot.press("ctrl+s")

        def stored() -> tuple:
            committee = world.read().committees[world.lenkungskreis]
            return committee.quorum, committee.invitation_days

        assert await wait_for(pilot, lambda: stored() == (3, 21)), stored()


async def test_quick_attendance_keys_are_all_saved_without_conflict(world):
    """Down the list with „a“ faster than the saves land: each change waits for the one before."""
    world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14)))
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("down", "right", "enter")
        assert await wait_for(pilot, lambda: meeting_ready(app))  # its keys need it built and focused
        await pilot.press("2", "a", "e", "x")  # no waiting in between; each key moves down a line
        meeting_id = app.screen.meeting_id

        def recorded() -> int:
            return len(world.read().meetings[meeting_id].attendance)

        assert await wait_for(pilot, lambda: recorded() == 3)
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingScreen)  # no conflict dialog
    statuses = [e.status for e in world.read().meetings[meeting_id].attendance]
    assert statuses == [Attendance.ANWESEND, Attendance.ENTSCHULDIGT, Attendance.FEHLEND]


@pytest.mark.parametrize("future", [True, False], ids=["next", "last"])
async def test_s_in_a_roster_shows_the_committees_meetings_with_the_cursor_on_the_next(world, future):
    """From a roster to its meetings in one key: the year grid with only this committee, the
    cursor on its next meeting (a meeting of another committee on the same day is not chosen),
    else on its last one."""
    store = world.store()
    store.save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 3, 2), status=MeetingStatus.DURCHGEFUEHRT))
    store.save(Meeting(committee_id=world.leitungsteam, date=date(2027, 1, 20)))
    if future:
        store.save(Meeting(committee_id=world.lenkungskreis, date=date(2027, 2, 10)))
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.focused, DataTable))
        await pilot.press("s")
        pane = app.query_one(YearPane)
        assert await wait_for(pilot, lambda: grid_focused(app) and pane.committee_filter == world.lenkungskreis)
        assert await wait_for(pilot, lambda: pane.current is not None)
        expected = date(2027, 2, 10) if future else date(2026, 3, 2)
        assert (pane.year, pane.current.committee_id, pane.current.date) == (
            expected.year,
            world.lenkungskreis,
            expected,
        )
        assert [r.key for r in pane.grid if r.key.startswith("c")] == [f"c{world.lenkungskreis}"]


async def test_a_long_choice_list_narrows_as_one_types(world):
    """Who stands in: the whole list of a large committee; typing "koch" (Köch, Koch) narrows it,
    Down and Enter take one; a short list (the meetings of one cell) has no field."""
    names = ["Anna Auer", "Bernd Koch", "Carla Köch", "Dora Dahl", "Emil Ernst", "Fritz Fahl", "Gina Gold", "Hans Hahn"]
    picked: list[int | None] = []
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.focused is not None)
        app.push_screen(
            ChooseMeeting([(Text(n), i) for i, n in enumerate(names)], title="Wer vertritt?"), picked.append
        )
        assert await wait_for(pilot, lambda: isinstance(app.screen, ChooseMeeting) and app.focused is not None)
        await type_text(pilot, "koch")
        choices = app.screen.query_one("#choices")
        assert await wait_for(pilot, lambda: choices.option_count == 2)
        await pilot.press("down", "enter")
        assert await wait_for(pilot, lambda: picked == [2])  # Carla Köch, the second of the two
        app.push_screen(ChooseMeeting([(Text(n), i) for i, n in enumerate(names[:2])]), picked.append)
        assert await wait_for(pilot, lambda: isinstance(app.screen, ChooseMeeting))
        assert not app.screen.query("#choice-filter")


async def test_who_is_present_in_their_own_right_is_not_offered_to_stand_in(world):
    """v on a member without a named deputy lists the others, but not who is marked present:
    nobody attends twice. With everyone present the message says why nobody is left."""
    world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14)))
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("down", "right", "enter")
        assert await wait_for(pilot, lambda: meeting_ready(app))  # "2" asks the screen's tabs: built first
        meeting_screen = app.screen
        await pilot.press("2")
        table = meeting_screen.query_one("#attendance-table", DataTable)
        assert await wait_for(pilot, lambda: table.has_focus and table.row_count == 3)
        names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert names[0] == "Erika Mustermann"
        await pilot.press("a")  # the chair present
        await settle(app, pilot)
        table.move_cursor(row=names.index("Tobias Test"))
        await pilot.press("v")
        await shown(pilot, ChooseMeeting)  # pushed at once, composed a moment later
        choices = app.screen.query_one("#choices")
        offered = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert offered == ["Bernd Beispiel", "Paula Probe"]  # not Erika Mustermann, who is here
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: app.screen is meeting_screen)
        store = world.store()  # the other two present as well (a colleague's record)
        meeting = store.snapshot().meetings[meeting_screen.meeting_id]
        here = [MeetingAttendance(world.person[key], Attendance.ANWESEND) for key in ("beispiel", "probe")]
        store.save(dataclasses.replace(meeting, attendance=[*meeting.attendance, *here]))
        assert await wait_for(pilot, lambda: len(meeting_screen.meeting.attendance) == 3)
        table.move_cursor(row=names.index("Tobias Test"))
        await pilot.press("v")
        assert await wait_for(
            pilot, lambda: any("Niemand kann Tobias Test vertreten" in n.message for n in app._notifications)
        )
        [note] = [n.message for n in app._notifications if "Niemand kann" in n.message]
        assert "Erika Mustermann ist selbst anwesend" in note and "Paula Probe ist selbst anwesend" in note
        assert app.screen is meeting_screen
    stored = world.read().meetings[meeting_screen.meeting_id]
    assert all(e.status is Attendance.ANWESEND and e.deputy_id is None for e in stored.attendance)


async def test_someone_just_marked_present_is_not_offered_as_stand_in_while_it_is_written(world, monkeypatch):
    """ "a" on the chair, then at once "v" on a member without deputy: the list offered the chair
    (her mark was still being written) and the choice was refused after the fact."""
    import threading

    from textual.widgets import OptionList

    meeting = world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9)))
    app = world.app(open_view="jahr")
    release = threading.Event()
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert await wait_for(pilot, lambda: grid_focused(app))
            original = app.store.save_change

            def held(*args, **kwargs):  # the chair's mark stays "being written" until released
                release.wait(30)
                return original(*args, **kwargs)

            monkeypatch.setattr(app.store, "save_change", held)
            app.push_screen(MeetingScreen(meeting.id))
            assert await wait_for(pilot, lambda: meeting_ready(app))  # its keys need it built and focused
            await pilot.press("2")
            table = app.screen.query_one("#attendance-table", DataTable)
            assert await wait_for(pilot, lambda: table.has_focus)
            names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
            assert names[0] == "Erika Mustermann" and "Tobias Test" in names
            await pilot.press("a")
            table.move_cursor(row=names.index("Tobias Test"))
            await pilot.press("v")
            await shown(pilot, ChooseMeeting)  # pushed at once, composed a moment later
            options = app.screen.query_one("#choices", OptionList)
            offered = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            assert "Erika Mustermann" not in offered and "Bernd Beispiel" in offered
            await pilot.press("escape")
            release.set()
            await settle(app, pilot)
    finally:
        release.set()
    stored = world.read().meetings[meeting.id]
    assert [(e.person_id, e.status) for e in stored.attendance] == [(world.person["mustermann"], Attendance.ANWESEND)]


async def test_a_committee_archived_since_keeps_its_row_and_its_meetings_open_in_the_form(world):
    """Archive meets year overview: the archived committee's meetings of the year stay in the
    grid, and the meeting form opens on its row and on its meeting (the form's committee list
    held only the active ones: the Select refused the value, InvalidSelectValueError)."""
    store = world.store()
    meeting = store.save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 3, 2), start_time=time(10)))
    store.save(dataclasses.replace(store.snapshot().committees[world.lenkungskreis], archived=True))
    app = world.app(open_view="jahr")
    async with app.run_test(size=(120, 40)) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        grid = app.query_one("#year-grid", LineTable)
        assert [str(c) for c in grid.get_row(f"c{world.lenkungskreis}")][2:][2] == "2g"
        grid.move_cursor(row=grid.keys.index(f"c{world.lenkungskreis}"), column=4)  # its March
        await pilot.press("a")
        await shown(pilot, MeetingForm)
        assert await wait_for(pilot, lambda: "Lenkungskreis (archiviert)" in screen_text(app)), screen_text(app)
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MeetingForm))
        app.open_meeting(meeting.id)
        assert await wait_for(pilot, lambda: meeting_ready(app))  # its keys need it built and focused
        await pilot.press("b")
        assert (await shown(pilot, MeetingForm)).query_one("#committee_id").value == world.lenkungskreis
