"""The look of the year grid and the meeting screen at 80x24 (SSH) and 120x40, today frozen.

Data: the fixture's Lenkungskreis with a planned meeting on 09.12.2026 (invitation overdue,
an agenda, attendance with a deputy standing in, a decision and an open task), a held
meeting in March, and three Konferenz meetings (one on a holiday, one cancelled) against a
rhythm of one a year. Update with ``--snapshot-update`` and review the SVGs first.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from meeting_helpers import grid_focused
from pilot_helpers import wait_for
from textual.pilot import Pilot

from herford_tui.domain import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionResult,
    Meeting,
    MeetingAttendance,
    MeetingStatus,
    Task,
)
from herford_tui.ui.meetings.screen import MeetingScreen

SIZES = [(80, 24), (120, 40)]


def _meetings(world) -> None:
    store = world.store()
    p = world.person
    agenda = [
        AgendaItem("1", "Begrüßung und Tagesordnung"),
        AgendaItem(
            "2", "Haushalt 2027", responsible_person_id=p["test"], minutes="Entwurf vorgestellt.",
            decisions=[Decision("Mittel werden freigegeben", DecisionResult.MEHRHEITLICH)],
            tasks=[Task("Antrag an den Kreistag", p["test"], date(2026, 12, 15))],
        ),
        AgendaItem("3", "Personalangelegenheiten", public=False),
    ]  # fmt: skip
    store.save(
        Meeting(
            committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14), end_time=time(16),
            location="Kreishaus Herford", room="Raum 101", agenda=agenda,
            attendance=[MeetingAttendance(p["mustermann"], Attendance.ANWESEND),
                        MeetingAttendance(p["beispiel"], Attendance.VERTRETEN, p["probe"])],
        )
    )  # fmt: skip
    store.save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 3, 4), start_time=time(10),
                       status=MeetingStatus.DURCHGEFUEHRT))  # fmt: skip
    for day, status in (
        (date(2026, 6, 4), MeetingStatus.ABGESAGT),
        (date(2026, 6, 17), MeetingStatus.DURCHGEFUEHRT),
        (date(2026, 9, 23), MeetingStatus.DURCHGEFUEHRT),
        (date(2026, 12, 2), MeetingStatus.EINGELADEN),
    ):
        store.save(Meeting(committee_id=world.konferenz, date=day, start_time=time(9), status=status))  # fmt: skip


async def _grid(pilot: Pilot) -> None:
    assert await wait_for(pilot, lambda: grid_focused(pilot.app))
    await pilot.press("down", "right")  # the Lenkungskreis in December
    await pilot.pause()


async def _meeting(pilot: Pilot) -> None:
    await _grid(pilot)
    await pilot.press("enter")
    assert await wait_for(pilot, lambda: isinstance(pilot.app.screen, MeetingScreen))
    await pilot.press("down")  # TOP 2 with minutes, decision and task
    await pilot.pause()


async def _attendance(pilot: Pilot) -> None:
    await _meeting(pilot)
    await pilot.press("2")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_year_grid(world, snap_compare, size):
    _meetings(world)
    assert snap_compare(world.app(open_view="jahr"), terminal_size=size, run_before=_grid)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_meeting_screen(world, snap_compare, size):
    _meetings(world)
    assert snap_compare(world.app(open_view="jahr"), terminal_size=size, run_before=_meeting)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_meeting_attendance(world, snap_compare, size):
    _meetings(world)
    assert snap_compare(world.app(open_view="jahr"), terminal_size=size, run_before=_attendance)
