"""The export dialog (E): writes the chosen table, asks before overwriting, says what went wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pilot_helpers import SIZE, form_ready, shown, tab_underlined, wait_for
from textual.widgets import Input, Select, Static

from herford_tui.store.written import listed, naming
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.export_dialog import ExportScreen


async def _open(app, pilot) -> ExportScreen:
    await pilot.press("E")
    return await shown(pilot, ExportScreen)  # pushed at once, composed a moment later


async def test_export_rosters_to_xlsx_and_ask_before_overwriting(world, tmp_path: Path):
    target = tmp_path / "besetzung.xlsx"
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await _open(app, pilot)
        assert screen.query_one("#path", Input).value.endswith("herford-gremien-2026-11-28.xlsx")
        screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
        book = load_workbook(target)
        assert "Lenkungskreis" in book.sheetnames
        names = {row[5] for row in book["Lenkungskreis"].iter_rows(min_row=2, values_only=True)}  # Nachname
        assert {"Mustermann", "Beispiel", "Probe", "Test"} <= names
        written = target.read_bytes()

        screen = await _open(app, pilot)
        screen.query_one("#what", Select).value = "verzeichnis"
        screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await form_ready(pilot, ConfirmScreen)  # pushed at once, composed and focused a moment later
        await pilot.press("n")  # keep the file
        assert await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert target.read_bytes() == written
        await pilot.press("ctrl+s")
        await form_ready(pilot, ConfirmScreen)  # pushed at once, composed and focused a moment later
        await pilot.press("j")
        # the dialog closes once its worker has written; "not the dialog" also held while the
        # question was still on top, before the write had begun
        assert await wait_for(pilot, lambda: app.screen is app.screen_stack[0]), app.screen
        assert load_workbook(target).sheetnames == ["Organisationen", "Personen"]


async def test_email_list_of_a_committee(world, tmp_path: Path):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await _open(app, pilot)
        screen.query_one("#what", Select).value = f"emails:{world.lenkungskreis}"
        field = screen.query_one("#path", Input)
        assert await wait_for(pilot, lambda: field.value.endswith(".txt"))
        path = field.value
        assert path.endswith(f"herford-emails-{world.lenkungskreis}-2026-11-28.txt")
        screen.query_one("#path", Input).value = str(tmp_path / "lk.txt")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
    # only the chair has an e-mail address in the fixture
    assert (tmp_path / "lk.txt").read_text(encoding="utf-8") == "Erika Mustermann <e.mustermann@example.org>\n"
    # noted beside the database, so that the DSGVO Auskunft and erasure name it
    assert listed(world.path) == [tmp_path / "lk.txt"]
    assert naming(world.path, {"Erika Mustermann"}) == ([tmp_path / "lk.txt"], [])


async def test_directory_as_csv_is_refused_in_german(world, tmp_path: Path):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await _open(app, pilot)
        screen.query_one("#what", Select).value = "verzeichnis"
        screen.query_one("#path", Input).value = str(tmp_path / "v.csv")
        await pilot.press("ctrl+s")
        error = screen.query_one("#export-error", Static)
        assert await wait_for(pilot, lambda: "bitte als .xlsx speichern" in str(error.render()))
        assert not (tmp_path / "v.csv").exists()
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))


async def _steady_dialog(pilot) -> None:
    assert await wait_for(pilot, lambda: tab_underlined(pilot.app))
    await pilot.press("E")
    # the dialog's fields exist once it is composed: set before, no cursor was steadied
    for field in (await shown(pilot, ExportScreen)).query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_export_dialog(world, snap_compare, size, monkeypatch):
    monkeypatch.setenv("HOME", "/home/kollegin")  # the suggested path starts in the home folder
    app = world.app(open_view="lenkungskreis")
    assert snap_compare(app, terminal_size=size, run_before=_steady_dialog)


async def test_meetings_of_every_year_not_only_this_one(world, tmp_path: Path):
    """The dialog offered only the current year's meetings; now also the year before and all."""
    from herford_tui.domain import Meeting

    store = world.store()
    for day in (date(2024, 3, 5), date(2025, 6, 17), date(2026, 2, 10)):
        store.save(Meeting(committee_id=world.lenkungskreis, date=day, location="Kreishaus [Raum 1]"))
    target = tmp_path / "alle.csv"
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await _open(app, pilot)
        screen.query_one("#what", Select).value = "sitzungen-alle"
        field = screen.query_one("#path", Input)
        assert await wait_for(pilot, lambda: field.value.endswith("herford-sitzungen-alle-2026-11-28.xlsx"))
        field.value = str(target)
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
    text = target.read_text(encoding="utf-8-sig")
    assert [line.split(";")[2] for line in text.splitlines()[1:]] == ["05.03.2024", "17.06.2025", "10.02.2026"]
    assert "Kreishaus [Raum 1]" in text
