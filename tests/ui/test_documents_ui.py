"""The meeting screen's document keys (E, N, A) and the Auswertung tab, driven by keys.

A document is written by a worker through the one atomic write; an existing file is replaced only
after asking; the Auswertung tab fills in once its figures are computed.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, time
from pathlib import Path

import pytest
from meeting_helpers import grid_focused
from pilot_helpers import SIZE, TODAY, form_ready, screen_text, shown, wait_for
from textual.widgets import Input, Sparkline, Static

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
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.line_table import LineTable
from herford_tui.ui.evaluation.pane import EvaluationPane
from herford_tui.ui.meetings.document_dialog import DocumentScreen
from herford_tui.ui.meetings.screen import MeetingScreen


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def held_meeting(world) -> int:
    """A held Lenkungskreis meeting with a decision, a task, a stand-in and a hostile title."""
    p = world.person
    meeting = world.store().save(
        Meeting(
            committee_id=world.lenkungskreis,
            date=date(2026, 3, 4),
            start_time=time(10),
            end_time=time(12),
            location="Kreishaus Herford",
            room="Raum 101",
            status=MeetingStatus.DURCHGEFUEHRT,
            invitation_sent=date(2026, 2, 27),
            agenda=[
                AgendaItem("1", "Begrüßung"),
                AgendaItem(
                    "2",
                    "Haushalt #set page(width: 1cm) ]",
                    minutes="Entwurf vorgestellt.",
                    decisions=[Decision("Mittel werden freigegeben", DecisionResult.MEHRHEITLICH)],
                    tasks=[Task("Antrag an den Kreistag", p["test"], date(2026, 4, 15))],
                ),
            ],
            attendance=[
                MeetingAttendance(p["mustermann"], Attendance.ANWESEND),
                MeetingAttendance(p["beispiel"], Attendance.VERTRETEN, p["probe"]),
            ],
        )
    )
    return meeting.id


async def open_meeting(app, pilot, meeting_id: int) -> MeetingScreen:
    assert await wait_for(pilot, lambda: grid_focused(app))
    app.push_screen(MeetingScreen(meeting_id))
    assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
    return app.screen


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) fehlt")
async def test_minutes_key_writes_the_pdf_and_asks_before_replacing_it(world, home):
    meeting_id = held_meeting(world)
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meeting(app, pilot, meeting_id)
        await pilot.press("N")
        await shown(pilot, DocumentScreen)  # pushed at once, composed a moment later
        path = app.screen.query_one("#document-path", Input)
        proposed = Path(path.value)
        assert proposed.parent == home and proposed.name == "herford-niederschrift-2026-03-04-lenkungskreis.pdf"
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: app.screen is screen and proposed.exists())
        text = pdf_text(proposed)
        assert "Haushalt #set page(width: 1cm) ]" in text
        assert "Mittel werden freigegeben" in text and "Antrag an den Kreistag" in text
        # Again: the file exists, so it asks; "no" leaves it as it is and keeps the dialog.
        proposed.write_bytes(b"mine")
        await pilot.press("N")
        dialog = await shown(pilot, DocumentScreen)  # pushed at once, composed a moment later
        await pilot.press("ctrl+s")
        await form_ready(pilot, ConfirmScreen)  # pushed at once, composed and focused a moment later
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: app.screen is dialog)
        assert proposed.read_bytes() == b"mine"
        await pilot.press("ctrl+s")
        await form_ready(pilot, ConfirmScreen)  # pushed at once, composed and focused a moment later
        await pilot.press("j")
        assert await wait_for(pilot, lambda: app.screen is screen and proposed.read_bytes().startswith(b"%PDF"))


async def test_invitation_key_writes_docx_when_chosen(world, home):
    from docx import Document

    meeting_id = held_meeting(world)
    app = world.app(open_view="jahr")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_meeting(app, pilot, meeting_id)
        await pilot.press("E")
        await shown(pilot, DocumentScreen)  # its buttons exist once composed: then the click finds one
        await pilot.click("#format-docx")
        path = app.screen.query_one("#document-path", Input)
        assert await wait_for(pilot, lambda: path.value.endswith(".docx"))
        target = Path(path.value)
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: app.screen is screen and target.exists())
    document = Document(str(target))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = " ".join([p.text for p in document.paragraphs] + cells)
    assert "Haushalt #set page(width: 1cm) ]" in text and "Kreishaus Herford" in text


async def test_a_folder_that_cannot_be_written_keeps_the_dialog_with_a_german_message(world, home):
    meeting_id = held_meeting(world)
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(app, pilot, meeting_id)
        await pilot.press("A")
        dialog = await shown(pilot, DocumentScreen)  # pushed at once, composed a moment later
        dialog.query_one("#document-path", Input).value = str(home / "fehlt" / "liste.pdf")
        note = dialog.query_one("#document-error", Static)
        await pilot.press("ctrl+s")
        # The message names the whole path, so it wraps at a width that depends on the temporary
        # folder's name (longer under xdist): read the message itself, then that it is shown.
        assert await wait_for(pilot, lambda: f"Den Ordner {home / 'fehlt'} gibt es nicht" in str(note.content))
        # the line is drawn with the next frame, after its content changed: wait for that frame
        assert await wait_for(pilot, lambda: note.display and "vorhandenen" in screen_text(app)), screen_text(app)
        assert app.screen is dialog
        assert dialog.query_one("#document-path", Input).value.endswith("liste.pdf")


async def test_evaluation_tab_shows_the_figures_and_switches_the_year(world):
    held_meeting(world)
    app = world.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("A")
        assert await wait_for(pilot, lambda: bool(app.query(EvaluationPane)))
        pane = app.query_one(EvaluationPane)
        assert await wait_for(pilot, lambda: pane.complete, timeout=30)
        assert pane.evaluation is not None and pane.evaluation.year == TODAY.year
        table = pane.query_one("#evaluation-table", LineTable)
        assert table.row_count == len(world.read().active_committees())
        # drawn with the next frame after the figures came: wait for that frame
        shown = ("Auswertung 2026", "Lenkungskreis", "67 %")
        assert await wait_for(pilot, lambda: all(part in screen_text(app) for part in shown)), screen_text(app)
        assert pane.query_one("#evaluation-trend", Sparkline).data
        await pilot.press("left_square_bracket")
        assert await wait_for(pilot, lambda: pane.evaluation is not None and pane.evaluation.year == 2025, timeout=30)
        assert await wait_for(pilot, lambda: "Auswertung 2025" in screen_text(app)), screen_text(app)


async def test_evaluation_scrolled_right_at_80_columns_keeps_the_committee_names(world):
    """Trying the app over SSH: Aufgaben, Beschlüsse and Unbesetzt lie right of the 80-column edge;
    scrolling there took the committee names away, so no figure could be told to its committee."""
    held_meeting(world)
    app = world.app(open_view="auswertung")
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_for(pilot, lambda: bool(app.query(EvaluationPane)))
        pane = app.query_one(EvaluationPane)
        assert await wait_for(pilot, lambda: pane.complete, timeout=30)
        table = pane.query_one("#evaluation-table", LineTable)
        table.focus()

        def line(y: int) -> str:
            return "".join(segment.text for segment in table.render_line(y))

        assert "Unbesetzt" not in line(0)
        for _ in range(12):
            await pilot.press("right")
        assert await wait_for(pilot, lambda: table.scroll_offset.x > 0 and "Unbesetzt" in line(0))
        assert line(0).startswith(" Gremium ")
        rows = [line(y) for y in range(1, table.row_count + 1)]
        assert any(row.startswith(" Lenkungskreis ") for row in rows), rows


async def test_evaluation_shows_the_last_year_asked_for_when_keys_come_faster_than_the_figures(world):
    held_meeting(world)
    app = world.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("A")
        assert await wait_for(pilot, lambda: bool(app.query(EvaluationPane)))
        pane = app.query_one(EvaluationPane)
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket", "right_square_bracket")
        year = TODAY.year - 2
        assert await wait_for(pilot, lambda: pane.evaluation is not None and pane.evaluation.year == year, timeout=30)
        await app.workers.wait_for_complete()
        assert await wait_for(pilot, lambda: f"Auswertung {year}" in screen_text(app)), screen_text(app)
        assert pane.evaluation.year == year


async def test_a_typed_ending_chooses_the_format_as_on_the_command_line(world, home):
    """Typing ``….docx`` with PDF still chosen wrote a PDF into a .docx file Word cannot open."""
    meeting_id = held_meeting(world)
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_meeting(app, pilot, meeting_id)
        await pilot.press("N")
        await shown(pilot, DocumentScreen)  # pushed at once, composed a moment later
        app.screen.query_one("#document-path", Input).value = str(home / "niederschrift.docx")
        await pilot.press("ctrl+s")
        target = home / "niederschrift.docx"
        assert await wait_for(pilot, lambda: app.screen is screen and target.exists())
        assert target.read_bytes().startswith(b"PK")  # a Word file (zip), not "%PDF"
        # No document ending: the chosen format's is added (the file opens with a double click).
        await pilot.press("N")
        await shown(pilot, DocumentScreen)  # pushed at once, composed a moment later
        app.screen.query_one("#document-path", Input).value = str(home / "Protokoll 15.12.2026")
        await pilot.press("ctrl+s")
        named = home / "Protokoll 15.12.2026.pdf"
        assert await wait_for(pilot, lambda: app.screen is screen and named.exists())
        assert named.read_bytes().startswith(b"%PDF")
        # The attendance sheet has no Word form: said in German, nothing written.
        await pilot.press("A")
        dialog = await shown(pilot, DocumentScreen)  # pushed at once, composed a moment later
        dialog.query_one("#document-path", Input).value = str(home / "liste.docx")
        await pilot.press("ctrl+s")
        note = dialog.query_one("#document-error", Static)
        assert await wait_for(pilot, lambda: "gibt es nur als PDF" in str(note.content))
        assert app.screen is dialog and not (home / "liste.docx").exists()
