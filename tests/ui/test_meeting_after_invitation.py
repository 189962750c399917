"""A meeting moved or called off after its invitations went out (new-user walk: Bildungskonferenz
invited on 04.12. for 24.12., then moved to 07.01. and later called off, both saved without a
word; "i" on the called-off meeting said only "Einladen geht nur für geplante Sitzungen").

Now the meeting form says, once, what the invitation told and that the invited must be told
again; a second Ctrl+S saves. On a meeting called off after inviting, "i" writes the notice of
cancellation to the same addresses, and marks nothing.
"""

from __future__ import annotations

import dataclasses
from datetime import date, time
from pathlib import Path

import pytest
from meeting_helpers import meeting_ready
from pilot_helpers import SIZE, error_text, form_ready, replace_text, shown, wait_for
from textual.pilot import Pilot
from textual.widgets import Button, Label, Static

from herford_tui.app import HerfordApp
from herford_tui.domain import AgendaItem, Meeting, MeetingStatus
from herford_tui.ui.meetings.invitation import InvitationScreen
from herford_tui.ui.meetings.meeting_form import MeetingForm

INVITED = date(2026, 11, 20)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def _invited(world) -> int:
    meeting = Meeting(
        committee_id=world.lenkungskreis,
        date=date(2026, 12, 9),
        start_time=time(14),
        end_time=time(16),
        location="Kreishaus",
        status=MeetingStatus.EINGELADEN,
        invitation_sent=INVITED,
        agenda=[AgendaItem("1", "Haushalt 2027")],
    )
    return world.store().save(meeting).id


async def _basics(pilot: Pilot, app: HerfordApp, meeting_id: int) -> MeetingForm:
    assert await wait_for(pilot, lambda: app.focused is not None)
    app.call_later(app.open_meeting, meeting_id)
    assert await wait_for(pilot, lambda: meeting_ready(app))
    await pilot.press("b")
    return await form_ready(pilot, MeetingForm)


async def test_a_meeting_moved_after_inviting_says_what_the_invitation_told(world):
    meeting_id = _invited(world)
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        form = await _basics(pilot, app, meeting_id)
        assert form.query_one("#date").has_focus
        await replace_text(pilot, "16.12.2026")
        before = world.bytes()
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: error_text(app, "date") != "")
        warning = error_text(app, "date")
        assert "Die Einladung vom 20.11.2026 nannte noch: Mi 09.12.2026, 14:00–16:00 Uhr, Kreishaus." in warning
        assert "„i“ schreibt die Einladung neu" in warning and "Nochmals Strg+S speichert." in warning
        assert app.screen is form and world.bytes() == before  # nothing saved yet
        await pilot.press("ctrl+s")  # the same input again: saved as typed
        assert await wait_for(pilot, lambda: world.read().meetings[meeting_id].date == date(2026, 12, 16))
    stored = world.read().meetings[meeting_id]
    assert (stored.status, stored.invitation_sent) == (MeetingStatus.EINGELADEN, INVITED)


async def test_a_meeting_called_off_after_inviting_gets_its_notice_with_i(world, home):
    meeting_id = _invited(world)
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        form = await _basics(pilot, app, meeting_id)
        form.query_one("#status").value = MeetingStatus.ABGESAGT
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: error_text(app, "status") != "")
        assert "schon eingeladen vom 20.11.2026" in error_text(app, "status")
        assert "schreibt „i“ die Absage" in error_text(app, "status")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: world.read().meetings[meeting_id].status is MeetingStatus.ABGESAGT)
        assert await wait_for(pilot, lambda: meeting_ready(app))
        await pilot.press("i")
        dialog = await shown(pilot, InvitationScreen)
        assert "Absage" in str(dialog.query_one(".dialog-title", Label).render())
        assert "markieren" not in str(dialog.query_one("#write", Button).label)
        await pilot.press("ctrl+s")
        letter = home / "herford-absage-2026-12-09-lenkungskreis.txt"
        assert await wait_for(pilot, lambda: letter.exists())
    text = letter.read_text(encoding="utf-8")
    assert "Betreff: Absage der Sitzung Lenkungskreis am 09.12.2026" in text
    assert "Mi, 09.12.2026, 14:00–16:00 Uhr, zu der ich Sie eingeladen" in text and "findet nicht statt" in text
    assert "Erika Mustermann <e.mustermann@example.org>" in text
    stored = world.read().meetings[meeting_id]
    assert (stored.status, stored.invitation_sent) == (MeetingStatus.ABGESAGT, INVITED)  # nothing marked


async def test_the_invitation_document_of_a_called_off_meeting_says_not_to_send_it(world, home):
    """``E`` (and ``herford-tui dokument einladung``) on a called-off meeting wrote an ordinary
    invitation without a word; ``i`` refused it."""
    from click.testing import CliRunner

    from herford_tui.cli import main
    from herford_tui.ui.meetings.document_dialog import DocumentScreen

    meeting_id = _invited(world)
    store = world.store()
    store.save(dataclasses.replace(store.snapshot().meetings[meeting_id], status=MeetingStatus.ABGESAGT))
    note = "Die Sitzung ist als „abgesagt“ eingetragen: diese Einladung bitte nicht verschicken."
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.focused is not None)
        app.call_later(app.open_meeting, meeting_id)
        assert await wait_for(pilot, lambda: meeting_ready(app))
        await pilot.press("E")
        dialog = await shown(pilot, DocumentScreen)
        assert await wait_for(pilot, lambda: bool(dialog.query("#document-note")))
        assert str(dialog.query_one("#document-note", Static).render()) == note
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: meeting_ready(app))
        await pilot.press("N")  # the minutes of a called-off meeting: no such word
        minutes = await shown(pilot, DocumentScreen)
        assert await wait_for(pilot, lambda: bool(minutes.query("#document-path")))
        assert not minutes.query("#document-note")
    out = home / "einladung.pdf"
    result = CliRunner().invoke(
        main, ["--db", str(world.path), "dokument", "einladung", str(meeting_id), "--out", str(out)]
    )
    assert result.exit_code == 0 and out.exists(), result.output
    assert f"Hinweis: {note}" in result.stderr
