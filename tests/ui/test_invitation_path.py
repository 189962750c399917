"""Where the invitation is written is the user's choice: the invitation dialog ("i", the text for
the mail) and the document dialog ("E", PDF/DOCX) propose a file in the home folder in a field
that is typed over. A folder that is missing or may not be written is said in German in the
dialog before anything is written; the dialog stays with the path as typed.

Before, the invitation dialog showed its path as fixed text: the letter always went to the home
folder, and a home folder that could not be written left no way out.
"""

from __future__ import annotations

import os
from datetime import date, time
from pathlib import Path

import pytest
from meeting_helpers import meeting_ready
from pilot_helpers import SIZE, replace_text, screen_text, shown, tab_to, wait_for
from textual.pilot import Pilot
from textual.widgets import Input, Static

from herford_tui.app import HerfordApp
from herford_tui.domain import AgendaItem, Meeting, MeetingStatus
from herford_tui.ui.meetings.document_dialog import DocumentScreen
from herford_tui.ui.meetings.invitation import InvitationScreen
from herford_tui.ui.meetings.screen import MeetingScreen

NAME = "herford-einladung-2026-12-09-lenkungskreis"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def _meeting(world) -> int:
    meeting = Meeting(
        committee_id=world.lenkungskreis,
        date=date(2026, 12, 9),
        start_time=time(14),
        agenda=[AgendaItem("1", "Haushalt 2027")],
    )
    return world.store().save(meeting).id


async def _dialog(pilot: Pilot, app: HerfordApp, meeting_id: int, key: str, kind: type) -> Input:
    """The meeting open, the dialog of ``key`` shown, its path field reached with Tab."""
    assert await wait_for(pilot, lambda: app.focused is not None)
    app.call_later(app.open_meeting, meeting_id)
    assert await wait_for(pilot, lambda: meeting_ready(app))
    await pilot.press(key)
    dialog = await shown(pilot, kind)
    field = dialog.query_one("#invitation-path" if kind is InvitationScreen else "#document-path", Input)
    assert await wait_for(pilot, lambda: app.focused is not None and app.focused.screen is dialog)
    await tab_to(pilot, field)
    return field


def _not_writable(monkeypatch, folder: Path) -> None:
    """``folder`` without write permission for this user (root may write anything: injected)."""
    real = os.access

    def access(path, mode, *args, **kwargs):
        if Path(path) == folder and mode & os.W_OK:
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


async def test_the_invitation_goes_where_the_user_types_it(world, home, tmp_path):
    meeting_id = _meeting(world)
    elsewhere = tmp_path / "Einladungen"
    elsewhere.mkdir()
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        field = await _dialog(pilot, app, meeting_id, "i", InvitationScreen)
        assert field.value == str(home / f"{NAME}.txt")  # proposed: the home folder
        await replace_text(pilot, str(elsewhere / "lk-dezember.txt"))
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        assert await wait_for(pilot, lambda: "eingeladen am 28.11.2026" in screen_text(app)), screen_text(app)
    letter = elsewhere / "lk-dezember.txt"
    assert "Haushalt 2027" in letter.read_text(encoding="utf-8")
    assert not list(home.iterdir())  # nothing in the proposed place
    assert world.read().meetings[meeting_id].status is MeetingStatus.EINGELADEN


@pytest.mark.parametrize(
    ("key", "kind", "error"),
    [("i", InvitationScreen, "#invitation-error"), ("E", DocumentScreen, "#document-error")],
)
async def test_a_missing_folder_is_said_and_the_path_kept(world, home, key, kind, error):
    meeting_id = _meeting(world)
    before = world.bytes()
    typed = str(home / "fehlt" / "einladung.txt" if key == "i" else home / "fehlt" / "einladung.pdf")
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        field = await _dialog(pilot, app, meeting_id, key, kind)
        await replace_text(pilot, typed)
        await pilot.press("ctrl+s")
        note = app.screen.query_one(error, Static)
        said = f"Den Ordner {home / 'fehlt'} gibt es nicht; bitte einen vorhandenen Ordner angeben."
        assert await wait_for(pilot, lambda: said in str(note.content)), str(note.content)
        assert await wait_for(pilot, lambda: note.display and "vorhandenen" in screen_text(app)), screen_text(app)
        assert isinstance(app.screen, kind) and field.value == typed
    assert not (home / "fehlt").exists()
    assert world.bytes() == before  # not marked invited either


@pytest.mark.parametrize(
    ("key", "kind", "error", "name"),
    [("i", InvitationScreen, "#invitation-error", "einladung.txt"), ("E", DocumentScreen, "#document-error", "e.pdf")],
)
async def test_a_folder_that_may_not_be_written_is_said_and_the_path_kept(
    world, home, tmp_path, monkeypatch, key, kind, error, name
):
    meeting_id = _meeting(world)
    locked = tmp_path / "gesperrt"
    locked.mkdir()
    _not_writable(monkeypatch, locked)
    before = world.bytes()
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        field = await _dialog(pilot, app, meeting_id, key, kind)
        await replace_text(pilot, str(locked / name))
        await pilot.press("ctrl+s")
        note = app.screen.query_one(error, Static)
        said = f"In den Ordner {locked} darf nicht geschrieben werden (keine Berechtigung)"
        assert await wait_for(pilot, lambda: said in str(note.content)), str(note.content)
        assert await wait_for(pilot, lambda: note.display and "Berechtigung" in screen_text(app)), screen_text(app)
        assert isinstance(app.screen, kind) and field.value == str(locked / name)
        # corrected in place: written, and the line is gone with the dialog
        await replace_text(pilot, str(home / name))
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        if key == "i":  # marked invited by a save of its own once the letter is written and the dialog closed
            invited = "eingeladen am 28.11.2026"  # drawn from the snapshot the save hands back
            assert await wait_for(pilot, lambda: invited in screen_text(app)), screen_text(app)
            assert world.read().meetings[meeting_id].status is MeetingStatus.EINGELADEN
    assert (home / name).exists() and not list(locked.iterdir())
    if key != "i":
        assert world.bytes() == before
