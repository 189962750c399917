"""Read-only mode: --read-only, or a file this user may not write. Nothing is ever written,
every edit key says why it does nothing, and colleagues' changes still appear."""

from __future__ import annotations

import dataclasses
import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from meeting_helpers import meeting_ready
from pilot_helpers import SIZE, new_notice, screen_text, settle, shown, shown_notices, wait_for
from textual.widgets import TabbedContent

from herford_tui.app import HerfordApp, create_app
from herford_tui.cli import main
from herford_tui.domain import Meeting
from herford_tui.ui.committees.archive import ArchiveScreen

COMMITTEE_KEYS = ("a", "e", "x", "v", "m", "delete", "g", "n", "p", "r", "I")
PANE_KEYS = ("a", "e", "delete")
YEAR_KEYS = ("a", "s", "delete")  # "e"/Enter open a meeting to read; editing there is refused


@pytest.fixture
def world(world):
    """The usual world plus a meeting, so the year view has a row to edit and delete."""
    world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 3), location="Kreishaus"))
    return world


def folder_listing(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


async def try_every_edit_key(app: HerfordApp, pilot, world) -> None:
    """Each edit key: no form opens, a "Nur lesen" notification says why."""
    for view, keys in (("lenkungskreis", COMMITTEE_KEYS), ("organisationen", PANE_KEYS), ("jahr", YEAR_KEYS)):
        app.action_show_view(view)
        await view_focused(app, pilot)
        for key in keys:
            before = shown_notices(app)
            await pilot.press(key)
            await new_notice(pilot, before, containing="ausgeschaltet (weil")
            await settle(app, pilot)
            assert app.screen is app.screen_stack[0], f"{view}/{key} opened {app.screen!r}"
    # The archive list is only for reading; restoring from it is refused without a write.
    await pilot.press("G")
    assert await wait_for(pilot, lambda: isinstance(app.screen, ArchiveScreen)), app.screen
    await pilot.press("escape")
    assert await wait_for(pilot, lambda: app.screen is app.screen_stack[0]), app.screen


async def view_focused(app: HerfordApp, pilot) -> None:
    """The view just asked for is built and has the focus: its keys reach it (a pause alone was
    not enough on a loaded machine: the Jahr tab was still being built when "a" came, and the key
    reached no view, so no notification said why nothing happened)."""
    tabs = app.query_one("#tabs", TabbedContent)

    def focused_in_active_pane() -> bool:
        pane = tabs.get_pane(tabs.active) if tabs.active else None
        return pane is not None and app.focused is not None and pane in app.focused.ancestors

    assert await wait_for(pilot, focused_in_active_pane), (tabs.active, app.focused)


async def assert_marker_shown(app: HerfordApp, pilot) -> None:
    assert await wait_for(pilot, lambda: "NUR LESEN" in screen_text(app)), screen_text(app)


async def colleague_change_appears(app: HerfordApp, pilot, world) -> None:
    colleague = world.store()
    lk = colleague.snapshot().committees[world.lenkungskreis]
    colleague.save(dataclasses.replace(lk, purpose="Neu vom Kollegen"))
    assert await wait_for(pilot, lambda: "Neu vom Kollegen" in screen_text(app))


async def test_read_only_option_writes_nothing_and_shows_colleagues_changes(world):
    before, listing = world.bytes(), folder_listing(world.path)
    app = world.app(open_view="lenkungskreis", read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await assert_marker_shown(app, pilot)
        await try_every_edit_key(app, pilot, world)
        assert world.bytes() == before
        assert folder_listing(world.path) == listing  # no lock file, no backup, no temp file
        app.action_show_view("lenkungskreis")
        await pilot.pause()
        await colleague_change_appears(app, pilot, world)


async def write_path_refuses_as_last_line_of_defence(app, pilot, world) -> None:
    lk = app.snapshot.committees[world.lenkungskreis]
    app.save_record(dataclasses.replace(lk, purpose="darf nicht"))
    assert await wait_for(pilot, lambda: any("nur lesbar geöffnet" in str(n.message) for n in app._notifications))


async def test_0440_file_opens_read_only(world):
    """A file without write bits is read-only even for root (who could write it anyway)."""
    world.path.chmod(0o440)
    before, listing = world.bytes(), folder_listing(world.path)
    app = world.app(open_view="lenkungskreis")
    assert app.read_only_reason == "die Datei schreibgeschützt ist"
    async with app.run_test(size=SIZE) as pilot:
        await assert_marker_shown(app, pilot)
        await try_every_edit_key(app, pilot, world)
        assert world.bytes() == before and folder_listing(world.path) == listing
        app.action_show_view("lenkungskreis")
        await pilot.pause()
        world.path.chmod(0o660)  # the administrator changes something meanwhile
        await colleague_change_appears(app, pilot, world)


async def test_no_write_permission_opens_read_only(world, monkeypatch):
    """As for a non-root colleague without the group's write right (root passes os.access, so it is
    injected here; test_read_only_user.py runs a real non-root user)."""
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == world.path and mode & os.W_OK else real(p, mode)
    )
    app = world.app(open_view="lenkungskreis")
    assert app.read_only_reason == "die Schreibberechtigung für die Datei fehlt"
    async with app.run_test(size=SIZE) as pilot:
        await assert_marker_shown(app, pilot)


def test_read_only_folder_is_detected(world, monkeypatch):
    real = os.access
    folder = world.path.parent
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real(p, mode))
    assert world.app().read_only_reason == f"die Schreibberechtigung für den Ordner {folder} fehlt"


def test_read_only_store_neither_creates_nor_migrates(tmp_path):
    """An old (version 0) file is upgraded in memory only; a missing one is not created."""
    old = tmp_path / "old.json"
    old.write_text('{"committees": {"1": {"name": "Alt", "kind": "arbeitskreis"}}}')
    before = old.read_bytes()
    app = create_app(old, read_only=True)
    assert app.read_only and old.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json"]
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "fehlt.json"), "--read-only"])
    assert result.exit_code == 2 and "gibt es nicht" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json"]


@pytest.mark.parametrize("flag", ["--read-only"])
def test_cli_help_names_the_option(flag):
    assert flag in CliRunner().invoke(main, ["--help"]).output


async def test_tabs_still_work_read_only(world):
    app = world.app(open_view="jahr", read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        # The jump runs in a navigation worker: wait for it, not for one refresh.
        assert await wait_for(pilot, lambda: app.query_one("#tabs", TabbedContent).active == "organisationen")


def footer_keys(app: HerfordApp) -> list[str]:
    """The footer's keys as shown: "a Neu", "Entf Löschen" …"""
    from textual.widgets._footer import FooterKey

    return [f"{key.key_display} {key.description}" for key in app.screen.query(FooterKey)]


async def footers_in_every_view(world, read_only: bool) -> dict[str, list[str]]:
    """The footer keys of a committee, the directory, the year, a person and a meeting's
    attendance; when only reading, also that an edit key still explains and what the help says."""
    from herford_tui.ui.common.help import HelpScreen

    seen: dict[str, list[str]] = {}
    app = world.app(open_view="lenkungskreis", read_only=read_only)
    async with app.run_test(size=SIZE) as pilot:  # the footer keys are widgets whether they fit or not
        assert await wait_for(pilot, lambda: "Hilfe" in " ".join(footer_keys(app)))
        seen["committee"] = footer_keys(app)
        for view in ("organisationen", "jahr"):
            app.action_show_view(view)
            assert await wait_for(pilot, lambda: app.focused is not None and "Hilfe" in " ".join(footer_keys(app)))
            await settle(app, pilot)
            seen[view] = footer_keys(app)
        app.open_person(world.person["beispiel"])
        assert await wait_for(pilot, lambda: app.screen is not app.screen_stack[0] and footer_keys(app))
        await settle(app, pilot)
        seen["person"] = footer_keys(app)
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        app.open_meeting(next(iter(app.snapshot.meetings)))
        assert await wait_for(pilot, lambda: meeting_ready(app))  # its keys need it built and focused
        await pilot.press("2")  # the attendance: a, e, x, v
        attendance = app.screen.query_one("#attendance-table")
        # its keys are the attendance's once it has the focus ("Hilfe" was in the agenda's footer too)
        assert await wait_for(pilot, lambda: attendance.has_focus and "Hilfe" in " ".join(footer_keys(app)))
        await settle(app, pilot)
        seen["meeting"] = footer_keys(app)
        if read_only:
            before = shown_notices(app)
            await pilot.press("a")  # not in the footer, still explained
            await new_notice(pilot, before)
            await pilot.press("f1")
            await shown(pilot, HelpScreen)  # pushed at once, composed a moment later
            source = app.screen.query_one("Markdown").source
            assert "**Nur lesen** (weil" in source
            assert "anwesend, dann weiter zur nächsten Person der Liste – *ausgeschaltet (nur lesen)*" in source
    return seen


async def test_read_only_footers_show_no_edit_keys_and_the_help_says_they_are_off(world):
    """A new colleague saw "a Neu", "e Ändern", "x Austritt" in read-only mode: the footers now
    leave the edit keys out (the same footers with writing on still show them); pressing one
    still says why, and the help lists them as switched off."""
    edit_words = ("Neu", "Ändern", "Austritt", "Vertretung", "Löschen", "Entf", "anwesend", "TOP")
    for view, keys in (await footers_in_every_view(world, read_only=False)).items():
        assert any(word in key for key in keys for word in edit_words), (view, keys)
    for view, keys in (await footers_in_every_view(world, read_only=True)).items():
        assert not [key for key in keys if any(word in key for word in edit_words)], (view, keys)
        assert any("Hilfe" in key for key in keys), (view, keys)


async def meeting_keys_that_save_at_once_say_why_and_how_to_edit(app, pilot, world) -> None:
    """Trying the app: "a" on the attendance in --read-only said to ask the server's admin for
    write rights; the user had only to start without --read-only. The keys that save without a
    form (attendance, move, remove, tick a task) now refuse like the others, before any write."""
    from herford_tui.store import ReadOnlyError
    from herford_tui.store.errors import READ_ONLY_OPTION
    from herford_tui.ui.meetings.screen import MeetingScreen

    app.open_meeting(next(iter(app.snapshot.meetings)))
    assert await wait_for(pilot, lambda: meeting_ready(app))  # "1"/"2" ask the screen's tabs: built first
    tables = {"1": "#agenda-table", "2": "#attendance-table"}
    for tab, key in (("1", "u"), ("1", "delete"), ("2", "a"), ("2", "v")):
        await pilot.press(tab)
        table = app.screen.query_one(tables[tab])
        # the key goes to the tab's table (the agenda's "a" is refused with the same words)
        assert await wait_for(pilot, lambda table=table: table.has_focus), (tab, app.focused)
        shown = shown_notices(app)
        await pilot.press(key)
        message = await new_notice(pilot, shown)
        assert "ausgeschaltet (weil mit --read-only gestartet)" in message, (key, message)
        assert isinstance(app.screen, MeetingScreen), f"{key} opened {app.screen!r}"
    advice = str(ReadOnlyError(world.path, READ_ONLY_OPTION))
    assert "ohne --read-only starten" in advice and "Verwaltung" not in advice
    assert "Verwaltung des Servers" in str(ReadOnlyError(world.path, "die Datei schreibgeschützt ist"))


async def dsgvo_erase_on_the_person_screen_refuses_at_once(app, pilot, world) -> None:
    """New-user test: L asked "Endgültig löschen (j)" on a read-only file and refused only after
    the j. It refuses at once now, through the same check as every other edit key."""
    from herford_tui.ui.common.confirm import ConfirmScreen
    from herford_tui.ui.directory.person_screen import PersonScreen

    person = next(p for p in app.snapshot.persons.values() if p.erased_on is None)
    app.open_person(person.id)
    assert await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
    shown = shown_notices(app)
    await pilot.press("L")
    message = await new_notice(pilot, shown)
    assert message == "DSGVO-Löschen ist ausgeschaltet (weil mit --read-only gestartet).", message
    assert isinstance(app.screen, PersonScreen)
    assert not any(isinstance(s, ConfirmScreen) for s in app.screen_stack)


async def test_writes_without_a_form_refuse_at_once(world):
    """The write path itself, the meeting keys that save at once and the DSGVO erasure, in turn
    from one app start (each leaves the file as it was; a screen left open is closed before the
    next): each refuses before anything is written."""
    before = world.bytes()
    app = world.app(read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        for check in (
            write_path_refuses_as_last_line_of_defence,
            meeting_keys_that_save_at_once_say_why_and_how_to_edit,
            dsgvo_erase_on_the_person_screen_refuses_at_once,
        ):
            await check(app, pilot, world)
            assert world.bytes() == before, check.__name__
            while app.screen is not app.screen_stack[0]:
                app.pop_screen()
                await pilot.pause()


async def test_auskunft_saved_from_a_write_protected_file_says_it_is_not_noted(world, tmp_path: Path, monkeypatch):
    """Read-only meets the DSGVO: an Auskunft saved while the database file has no write bits is
    written and said to be written, with why the list of written files could not note it. (The
    note took the file lock, whose mode, taken from the file, filelock refused: the worker died
    without a word, and the export dialog showed filelock's English message after writing.)"""
    from herford_tui.ui.directory.person_screen import PersonScreen

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    world.path.chmod(0o440)
    listing = folder_listing(world.path)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await assert_marker_shown(app, pilot)
        app.open_person(world.person["beispiel"])
        await shown(pilot, PersonScreen)
        await pilot.press("i")  # Auskunft
        assert await wait_for(pilot, lambda: "Auskunft nach Art. 15" in screen_text(app))
        before = shown_notices(app)
        await pilot.press("J")
        notice = await new_notice(pilot, before, containing="Gespeichert:")
        assert "nicht in der Liste geschriebener Dateien vermerkt" in notice
        assert "die Datenbank ist nur lesbar, weil die Datei schreibgeschützt ist" in notice
        assert [p.name for p in home.iterdir()] == [f"auskunft-person-{world.person['beispiel']}-2026-11-28.json"]
    assert folder_listing(world.path) == listing  # no lock file, no list of written files


def test_export_from_a_write_protected_file_writes_and_warns_in_german(world, tmp_path: Path):
    out = tmp_path / "exports" / "personen.csv"
    out.parent.mkdir()
    world.path.chmod(0o440)
    listing = folder_listing(world.path)
    result = CliRunner().invoke(main, ["export", "csv", "personen", "--db", str(world.path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and "Hinweis: Die Datei ist geschrieben" in result.output
    assert folder_listing(world.path) == listing


async def test_invitation_read_only_writes_the_letter_and_says_the_mark_is_off(world, tmp_path: Path, monkeypatch):
    """Read-only meets the invitation: the letter is written (it is the user's file), the button
    does not promise to mark the meeting as invited, and instead of the store's "Nicht
    gespeichert" error after the letter a notice says why the mark is off."""
    from herford_tui.ui.meetings.invitation import InvitationScreen
    from herford_tui.ui.meetings.screen import MeetingScreen

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    before = world.bytes()
    app = world.app(open_view="lenkungskreis", read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await assert_marker_shown(app, pilot)
        app.open_meeting(next(iter(app.snapshot.meetings)))
        await shown(pilot, MeetingScreen)
        await pilot.press("i")
        await shown(pilot, InvitationScreen)
        assert await wait_for(pilot, lambda: "Schreiben (Strg+S)" in screen_text(app))
        assert "als eingeladen" not in screen_text(app)
        before_notices = shown_notices(app)
        await pilot.press("ctrl+s")
        await new_notice(pilot, before_notices, containing="Als eingeladen markieren ist ausgeschaltet (weil")
        assert isinstance(app.screen, MeetingScreen)
        assert not any("Nicht gespeichert" in str(n.message) for n in app._notifications)
    assert [p.name for p in home.iterdir()] == ["herford-einladung-2026-12-03-lenkungskreis.txt"]
    assert world.bytes() == before


async def test_year_overview_read_only_does_not_offer_to_plan(world):
    """Read-only meets the year overview: an empty month said "„a“ plant eine, „s“ eine Serie",
    keys that only answer "ausgeschaltet"."""
    from herford_tui.ui.common.line_table import LineTable

    app = world.app(open_view="jahr", read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await assert_marker_shown(app, pilot)
        grid = app.query_one("#year-grid", LineTable)
        assert await wait_for(pilot, lambda: grid.has_focus)
        grid.move_cursor(row=grid.keys.index(f"c{world.lenkungskreis}"), column=3)  # an empty February
        assert await wait_for(pilot, lambda: "Keine Sitzung in diesem Monat." in screen_text(app))
        assert "„a“ plant" not in screen_text(app)
        before = shown_notices(app)
        await pilot.press("enter")
        notice = await new_notice(pilot, before, containing="Keine Sitzung in diesem Monat.")
        assert "„a“ plant" not in notice


async def test_a_meeting_without_agenda_read_only_does_not_offer_to_add_one(world):
    """New-user walk: the meeting screen of a read-only session said "Keine Tagesordnung. „a“
    fügt einen Punkt hinzu.", a key that only answers "ausgeschaltet"."""
    meeting_id = world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9))).id
    app = world.app(read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await assert_marker_shown(app, pilot)
        app.call_later(app.open_meeting, meeting_id)
        assert await wait_for(pilot, lambda: meeting_ready(app))
        assert await wait_for(pilot, lambda: "Keine Tagesordnung." in screen_text(app))
        assert "fügt einen Punkt hinzu" not in screen_text(app)
