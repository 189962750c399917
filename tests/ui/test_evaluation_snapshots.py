"""The look of the Auswertung tab at 80x24 (SSH) and 120x40, today frozen.

Data: the fixture's committees with a held Lenkungskreis meeting (a stand-in, a late invitation,
a decision, an overdue task) and a Konferenz meeting a year earlier for the trend. Update with
``--snapshot-update`` and review the SVGs first.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from pilot_helpers import wait_for
from textual.pilot import Pilot

from herford_tui.domain import Attendance, Meeting, MeetingAttendance, MeetingStatus
from herford_tui.ui.evaluation.pane import EvaluationPane

SIZES = [(80, 24), (120, 40)]


def _meetings(world) -> None:
    from test_documents_ui import held_meeting

    held_meeting(world)
    p = world.person
    world.store().save(
        Meeting(
            committee_id=world.lenkungskreis,
            date=date(2025, 6, 4),
            start_time=time(14),
            status=MeetingStatus.DURCHGEFUEHRT,
            attendance=[MeetingAttendance(p["mustermann"], Attendance.ANWESEND)],
        )
    )
    world.store().save(Meeting(committee_id=world.konferenz, date=date(2026, 6, 4), status=MeetingStatus.ABGESAGT))


async def _figures(pilot: Pilot) -> None:
    assert await wait_for(pilot, lambda: bool(pilot.app.query(EvaluationPane)))
    pane = pilot.app.query_one(EvaluationPane)
    assert await wait_for(pilot, lambda: pane.complete, timeout=30)  # the trend follows the table
    table = pilot.app.query_one("#evaluation-table")
    assert await wait_for(pilot, lambda: table.has_focus)  # --open: the tab takes the focus a refresh later
    detail = pilot.app.query_one("#evaluation-detail")
    before = str(detail.render())
    await pilot.press("down")  # the Lenkungskreis: its trend and seats below the table
    # its lines below the table follow the cursor (Highlighted, a message after the key)
    assert await wait_for(pilot, lambda: table.cursor_row == 1 and str(detail.render()) != before)
    await pilot.pause()  # and are drawn


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_evaluation_tab(world, snap_compare, size):
    _meetings(world)
    assert snap_compare(world.app(open_view="auswertung"), terminal_size=size, run_before=_figures)
