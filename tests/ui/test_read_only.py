"""Read-only mode: --read-only, or a file this user may not write. Nothing is ever written,
every edit key says why it does nothing, and colleagues' changes still appear."""

from __future__ import annotations

import dataclasses
import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pilot_helpers import SIZE, screen_text, settle, wait_for
from textual.widgets import TabbedContent

from herford_tui.app import HerfordApp, create_app
from herford_tui.cli import main
from herford_tui.domain import Meeting

COMMITTEE_KEYS = ("a", "e", "x", "v", "m", "delete", "g", "n", "p", "r")
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
        await pilot.pause()
        for key in keys:
            before = len(app._notifications)
            await pilot.press(key)
            await settle(app, pilot)
            assert app.screen is app.screen_stack[0], f"{view}/{key} opened {app.screen!r}"
            new = list(app._notifications)[before:]
            assert any("ausgeschaltet (weil" in str(n.message) for n in new), f"{view}/{key}: {new}"
    # The archive list is only for reading; restoring from it is refused without a write.
    await pilot.press("G")
    await settle(app, pilot)
    await pilot.press("escape")


async def assert_marker_shown(app: HerfordApp, pilot) -> None:
    await pilot.pause()
    assert "NUR LESEN" in screen_text(app)


async def colleague_change_appears(app: HerfordApp, pilot, world) -> None:
    colleague = world.store()
    lk = colleague.snapshot().committees[world.lenkungskreis]
    colleague.save(dataclasses.replace(lk, purpose="Neu vom Kollegen"))
    assert await wait_for(pilot, lambda: "Neu vom Kollegen" in screen_text(app), timeout=2.0)


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


async def test_write_path_refuses_as_last_line_of_defence(world):
    before = world.bytes()
    app = world.app(read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        lk = app.snapshot.committees[world.lenkungskreis]
        app.save_record(dataclasses.replace(lk, purpose="darf nicht"))
        await settle(app, pilot)
        assert any("nur lesbar geöffnet" in str(n.message) for n in app._notifications)
    assert world.bytes() == before


async def test_0440_file_opens_read_only(world):
    """A file without write bits is read-only even for root (who could write it anyway)."""
    world.path.chmod(0o440)
    before, listing = world.bytes(), folder_listing(world.path)
    app = world.app(open_view="lenkungskreis")
    assert app.read_only_reason == "die Datei ist schreibgeschützt"
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
    assert app.read_only_reason == "keine Schreibberechtigung für die Datei"
    async with app.run_test(size=SIZE) as pilot:
        await assert_marker_shown(app, pilot)


def test_read_only_folder_is_detected(world, monkeypatch):
    real = os.access
    folder = world.path.parent
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real(p, mode))
    assert world.app().read_only_reason == f"keine Schreibberechtigung für den Ordner {folder}"


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
