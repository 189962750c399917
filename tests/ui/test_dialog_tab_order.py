"""Import (I) and export (E) dialogs: the focus starts in "Datei", the field shown first, and Tab
leads to "Was" below it; letters typed right behind the Tab open that list at the matching choice
(a new user typed "Personen" after Tab and it went nowhere)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pilot_helpers import SIZE, form_ready, replace_text, screen_text, wait_for
from textual.widgets import Button, Input, Select
from typing_order import burst, keys

from herford_tui.ui.export_dialog import ExportScreen
from herford_tui.ui.import_dialog import ImportScreen


def focus_id(app) -> str | None:
    return app.focused.id if app.focused is not None else None


async def test_import_tab_leads_from_datei_to_was_and_letters_pick_there(world, tmp_path: Path):
    csv_file = tmp_path / "p.csv"
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("I")
        screen = await form_ready(pilot, ImportScreen)  # pushed at once, composed and focused a moment later
        assert focus_id(app) == "path"
        await pilot.press(*list(str(csv_file)))
        await pilot.press("tab", "p", "enter")
        assert await wait_for(pilot, lambda: screen.query_one("#kind", Select).value == "personen")
        assert screen.query_one("#path", Input).value == str(csv_file)
        assert await wait_for(pilot, lambda: focus_id(app) == "kind")
        # the chosen kind is drawn a repaint after its value changed
        assert await wait_for(pilot, lambda: "Personen" in screen_text(app)), screen_text(app)
        lines = screen_text(app).splitlines()
        datei = next(n for n, line in enumerate(lines) if "Datei" in line)
        was = next(n for n, line in enumerate(lines) if "Was" in line)
        assert datei < was, "Tab follows the fields as shown"
        assert any("Personen" in line for line in lines[was:])
        await pilot.press("tab")
        assert await wait_for(pilot, lambda: focus_id(app) != "kind")
        if not isinstance(app.focused, Button):  # the report box scrolls, so it takes a Tab
            assert focus_id(app) == "import-report"
            await pilot.press("tab")
        assert await wait_for(pilot, lambda: focus_id(app) == "run"), focus_id(app)


async def test_export_tab_then_typing_in_one_burst_lands_in_was(world, tmp_path: Path):
    target = tmp_path / "verzeichnis.xlsx"
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await form_ready(pilot, ExportScreen)  # pushed at once, composed and focused a moment later
        assert focus_id(app) == "path"
        await replace_text(pilot, str(target))
        await burst(pilot, keys("<tab>", "v", "<enter>", "<ctrl+s>"))
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
        assert {"Organisationen", "Personen"} <= set(load_workbook(target).sheetnames)
