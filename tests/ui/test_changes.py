"""The audit log from the TUI: an edit made with keys shows in ``herford-tui log`` and on "Änderungen" (L)."""

from __future__ import annotations

import getpass
import json

import pytest
from click.testing import CliRunner
from pilot_helpers import SIZE, form_ready, roster_focused, settle, shown, wait_for
from textual.widgets import DataTable, Input

from herford_tui.cli import ENV_DB, main
from herford_tui.store.audit import log_path
from herford_tui.ui.changes import ChangesScreen
from herford_tui.ui.directory.person_form import PersonForm

SIZES = [(80, 24), (120, 40)]


async def test_an_edit_in_the_tui_appears_in_the_log_and_on_the_changes_screen(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, world.lenkungskreis)  # "p" is the roster's key: --open shows it a refresh later
        await pilot.press("p")  # the chair, Erika Mustermann
        await form_ready(pilot, PersonForm)
        app.screen.query_one("#phone", Input).value = "05221 13-0"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert world.read().persons[world.person["mustermann"]].phone == "05221 13-0"
        assert await wait_for(pilot, lambda: not isinstance(app.screen, PersonForm))  # "L" below: not the form's

        result = CliRunner(env={ENV_DB: None}).invoke(main, ["log", "--db", str(world.path), "--person", "1"])
        assert result.exit_code == 0, result.output
        head = f"  {getpass.getuser()}  Person {world.person['mustermann']} „Erika Mustermann“ geändert"
        lines = result.output.splitlines()
        at = next(i for i, line in enumerate(lines) if line.endswith(head[2:]) or head in line)
        assert lines[at + 1] == "    Telefon: — → „05221 13-0“"

        await pilot.press("L")
        table = (await shown(pilot, ChangesScreen)).query_one("#changes", DataTable)  # pushed, then composed
        assert await wait_for(pilot, lambda: table.row_count > 0)  # the log is read in a worker
        newest = [str(getattr(c, "plain", c)) for c in table.get_row_at(0)]
        assert newest[1:3] == [getpass.getuser(), f"Person {world.person['mustermann']} Erika Mustermann"]
        assert newest[3] == "geändert: Telefon: — → „05221 13-0“"
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ChangesScreen))


def _fixed_times(world) -> None:
    """The fixture's log with a fixed time and user, so the picture does not change from run to run."""
    log = log_path(world.path)
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    for i, entry in enumerate(entries):
        entry["at"] = f"2026-11-27T{8 + i // 60:02d}:{i % 60:02d}:00+00:00"
        entry["user"] = "kollegin"
    log.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8")


async def _open_changes(pilot) -> None:
    await pilot.press("L")
    assert await wait_for(pilot, lambda: isinstance(pilot.app.screen, ChangesScreen))
    await pilot.app.workers.wait_for_complete()  # the log is read in a worker
    assert await wait_for(pilot, lambda: pilot.app.screen.query_one("#changes", DataTable).row_count > 0)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_changes_screen(world, snap_compare, size):
    _fixed_times(world)
    app = world.app(open_view="lenkungskreis")
    assert snap_compare(app, terminal_size=size, run_before=_open_changes)


async def test_changes_filter_by_person_committee_and_day(world):
    from pilot_helpers import type_text

    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("L")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ChangesScreen))
        screen = app.screen
        table = screen.query_one("#changes", DataTable)
        assert await wait_for(pilot, lambda: table.row_count > 0)
        everything = table.row_count

        def records() -> list[str]:
            return [str(getattr(table.get_row_at(i)[2], "plain", "")) for i in range(table.row_count)]

        await pilot.press("f")  # from the list to the person filter, as in the directory
        assert await wait_for(pilot, lambda: screen.query_one("#filter-person", Input).has_focus)
        await type_text(pilot, "tobías")  # case and accents do not matter
        assert await wait_for(pilot, lambda: 0 < table.row_count < everything)
        assert all("Tobias Test" in r for r in records()), records()

        screen.query_one("#filter-person", Input).value = ""
        screen.query_one("#filter-committee", Input).focus()
        await pilot.pause()
        await type_text(pilot, "lenkungs")
        # the rows of the person filter (fewer than all too) are there until this filter applies
        assert await wait_for(
            pilot, lambda: 0 < table.row_count < everything and all(r.startswith("Mitgliedschaft") for r in records())
        ), records()

        screen.query_one("#filter-since", Input).focus()
        await pilot.pause()
        await type_text(pilot, "01.01.2099")
        assert await wait_for(pilot, lambda: table.row_count == 0)
        summary = str(screen.query_one("#changes-summary").render())
        assert "Keine Änderung passt zu den Filtern." in summary
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ChangesScreen))


async def test_the_change_itself_shows_at_80_columns(world):
    """The changes screen at 80x24: a long entry label ("Mitgliedschaft … – Lenkungskreis") took
    the table's whole width, so the column "Änderung" was off screen and a new user saw entries
    without what changed."""
    from pilot_helpers import screen_text

    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("L")
        table = (await shown(pilot, ChangesScreen)).query_one("#changes", DataTable)  # pushed, then composed
        assert await wait_for(pilot, lambda: table.row_count > 0)

        def header() -> str:
            return next((line for line in screen_text(app).splitlines() if "Zeit" in line and "Eintrag" in line), "")

        assert await wait_for(pilot, lambda: "Änderung" in header()), screen_text(app)
        first = next(line for line in screen_text(app).splitlines() if "Person " in line and ":" in line)
        assert "angelegt" in first or "geändert" in first, first  # the change, on the row itself
