"""In the browser (``herford-tui web``) files go to the colleague's computer through the browser:
exports, meeting documents, the invitation and the calendar are delivered, nothing is written on
the server; the import, which reads a file on the server, is not offered. The browser is stood
in for: the app says it runs in one and records what it delivers (the real download through
Chromium: tests/e2e/test_web.py)."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from meeting_helpers import grid_focused
from pilot_helpers import SIZE, shown, wait_for
from test_documents_ui import held_meeting, open_meeting
from textual.widgets import Input

from herford_tui.app import HerfordApp
from herford_tui.domain import Meeting
from herford_tui.ui.export_dialog import ExportScreen
from herford_tui.ui.meetings.document_dialog import DocumentScreen


@pytest.fixture
def delivered(monkeypatch, tmp_path) -> list[tuple[str, bytes]]:
    """What the app handed to the browser: (file name, content)."""
    monkeypatch.setenv("HOME", str(tmp_path / "server-home"))
    (tmp_path / "server-home").mkdir()
    files: list[tuple[str, bytes]] = []

    def deliver_binary(self, path_or_file, *, save_filename=None, **kwargs):
        files.append((save_filename, path_or_file.read()))
        return "key"

    monkeypatch.setattr(HerfordApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(HerfordApp, "deliver_binary", deliver_binary)
    return files


def nothing_written(tmp_path: Path) -> bool:
    return not any((tmp_path / "server-home").iterdir())


async def test_an_export_is_downloaded_under_a_plain_name(world, delivered, tmp_path):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await shown(pilot, ExportScreen)  # pushed at once, composed a moment later
        field = app.screen.query_one("#path", Input)
        assert field.value == "herford-gremien-2026-11-28.xlsx"  # a name, no server folder
        field.value = "/etc/../Übersicht Gremien.xlsx"
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: len(delivered) == 1)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
    ((name, content),) = delivered
    assert name == "Uebersicht-Gremien.xlsx" and content.startswith(b"PK")
    assert nothing_written(tmp_path)


async def test_a_meeting_document_is_downloaded(world, delivered, tmp_path):
    meeting_id = held_meeting(world)
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(app, pilot, meeting_id)
        await pilot.press("A")
        await shown(pilot, DocumentScreen)  # pushed at once, composed a moment later
        assert "/" not in app.screen.query_one("#document-path", Input).value
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: len(delivered) == 1, timeout=60)
    ((name, content),) = delivered
    assert name.startswith("herford-anwesenheit-2026-03-04") and name.endswith(".pdf")
    assert content.startswith(b"%PDF")
    assert nothing_written(tmp_path)


async def test_the_calendar_is_downloaded(world, delivered, tmp_path):
    world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14)))
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("k")
        assert await wait_for(pilot, lambda: len(delivered) == 1)
    ((name, content),) = delivered
    assert name == "herford-sitzungen-2026.ics" and b"BEGIN:VEVENT" in content
    assert nothing_written(tmp_path)


async def test_the_invitation_is_downloaded_and_the_meeting_marked_invited(world, delivered, tmp_path):
    from herford_tui.domain import MeetingStatus
    from herford_tui.ui.meetings.invitation import InvitationScreen

    meeting = world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14)))
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        await open_meeting(app, pilot, meeting.id)
        await pilot.press("i")
        await shown(pilot, InvitationScreen)  # pushed at once, composed a moment later
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: len(delivered) == 1)
        assert await wait_for(pilot, lambda: world.read().meetings[meeting.id].status is MeetingStatus.EINGELADEN)
    ((name, content),) = delivered
    assert name.startswith("herford-einladung-") and b"Lenkungskreis" in content
    assert nothing_written(tmp_path)


async def test_import_is_not_offered_in_the_browser(world, delivered):
    from herford_tui.ui.import_dialog import ImportScreen

    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("I")
        assert await wait_for(
            pilot, lambda: any("Importieren geht im Browser nicht" in str(n.message) for n in app._notifications)
        )
        assert not isinstance(app.screen, ImportScreen)
