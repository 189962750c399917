"""Merging a twin who is named in meetings (walkthrough, session 8): as stand-in, as responsible
for a TOP, with a task, or on a list where another member was represented.

Before, only the twin's own attendance lines moved and every stand-in of those meetings was
dropped with them, so the save was refused („Bei „vertreten“ fehlt, wer vertreten hat“); and a
twin named as stand-in, responsible or in a task moved its memberships, then could not be
deleted („Löschen nicht möglich …“): half merged, both records left.
"""

from __future__ import annotations

from datetime import date, time

from pilot_helpers import SIZE, screen_text, settle, shown, type_text, wait_for
from textual.widgets import DataTable

from herford_tui.domain import AgendaItem, Attendance, Meeting, MeetingAttendance, Person, Task
from herford_tui.ui.directory.person_screen import PersonScreen


async def test_a_twin_named_in_meetings_is_merged_with_all_of_it(world):
    store = world.store()
    twin = store.save(Person(given_name="E.", family_name="Mustermann", phone="05221 13-0"))
    keep, bernd, test = world.person["mustermann"], world.person["beispiel"], world.person["test"]
    stood_in = store.save(
        Meeting(
            committee_id=world.lenkungskreis,
            date=date(2026, 3, 4),
            start_time=time(14),
            attendance=[MeetingAttendance(bernd, Attendance.VERTRETEN, twin.id)],
            agenda=[AgendaItem("1", "Haushalt", responsible_person_id=twin.id, tasks=[Task("Bericht", twin.id)])],
        )
    )
    attended = store.save(
        Meeting(
            committee_id=world.lenkungskreis,
            date=date(2026, 6, 3),
            start_time=time(14),
            attendance=[
                MeetingAttendance(twin.id, Attendance.ANWESEND),
                MeetingAttendance(bernd, Attendance.VERTRETEN, world.person["probe"]),
                MeetingAttendance(test, Attendance.ENTSCHULDIGT),
            ],
        )
    )
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.focused, DataTable))
        await pilot.press("i")
        await shown(pilot, PersonScreen)
        await pilot.press("M")
        assert await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "merge-input")
        await type_text(pilot, "Mustermann")
        assert await wait_for(pilot, lambda: f"Nr. {twin.id}" in screen_text(app))
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: twin.id not in world.read().persons), screen_text(app)
    snapshot = world.read()
    first, second = snapshot.meetings[stood_in.id], snapshot.meetings[attended.id]
    assert first.attendance == [MeetingAttendance(bernd, Attendance.VERTRETEN, keep)]
    assert first.agenda[0].responsible_person_id == keep and first.agenda[0].tasks == [Task("Bericht", keep)]
    assert second.attendance == [
        MeetingAttendance(keep, Attendance.ANWESEND),
        MeetingAttendance(bernd, Attendance.VERTRETEN, world.person["probe"]),  # the stand-in stays
        MeetingAttendance(test, Attendance.ENTSCHULDIGT),
    ]
