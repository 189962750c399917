"""The import dialog (I): the report names bad lines and nothing is saved; a good file imports at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import SIZE, notified, settle, shown, tab_underlined, wait_for
from textual.widgets import Input, Select, Static

from herford_tui.ui.export_dialog import ExportScreen
from herford_tui.ui.import_dialog import ImportScreen

HEADER = "Name;Art;Kommune\n"


def report(app) -> str:
    return str(app.screen.query_one("#report", Static).render())


async def test_bad_lines_are_named_then_the_corrected_file_imports(world, tmp_path: Path):
    csv_file = tmp_path / "orgs.csv"
    csv_file.write_text(
        HEADER + "Neue Schule;Schule;Bielefeld\n;Schule;Enger\nKita Sonne;Kita;Vlotho\n", encoding="utf-8"
    )
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await shown(pilot, ImportScreen)  # pushed at once, composed a moment later
        app.screen.query_one("#path", Input).value = str(csv_file)
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: "Nichts wird importiert" in report(app))
        text = report(app)
        assert "Zeile 2, Kommune: „Bielefeld“ ist keine Kommune" in text
        assert "Zeile 3, Name: Der Name darf nicht leer sein." in text
        await pilot.press("ctrl+s")  # checks again, imports nothing
        assert await wait_for(pilot, lambda: "Nichts wird importiert" in report(app))
        assert world.bytes() == before

        csv_file.write_text(HEADER + "Neue Schule;Schule;Löhne\nKita Sonne;Kita;Vlotho\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: "In Ordnung: 2 Organisationen" in report(app))
        assert world.bytes() == before  # checked, not yet imported
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ImportScreen))
        # what was done, not only "Gespeichert."
        assert await wait_for(pilot, lambda: notified(app, "Importiert: 2 neu, 0 geändert.")), app._notifications
    names = {o.name: o.municipality for o in world.read().organisations.values()}
    assert names["Neue Schule"] == "Löhne" and names["Kita Sonne"] == "Vlotho"


async def test_changing_the_kind_after_the_check_checks_again(world, tmp_path: Path):
    csv_file = tmp_path / "p.csv"
    csv_file.write_text("Vorname;Nachname\nIda;Import\n", encoding="utf-8")
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await shown(pilot, ImportScreen)  # pushed at once, composed a moment later
        app.screen.query_one("#kind", Select).value = "personen"
        app.screen.query_one("#path", Input).value = str(csv_file)
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: "In Ordnung: 1 Person " in report(app))
        app.screen.query_one("#kind", Select).value = "gremiendaten"
        await pilot.press("ctrl+s")  # checks again (it would have imported persons) ...
        # ... and reads the file as what its columns are, saying so and showing it in "Was"
        assert await wait_for(pilot, lambda: "nicht von „Gremien“: als Personen geprüft" in report(app))
        assert app.screen.query_one("#kind", Select).value == "personen"
    assert "Import" not in {p.family_name for p in world.read().persons.values()}


async def test_the_roster_export_imports_back_with_the_kind_left_at_its_start(world, tmp_path: Path):
    """E (Besetzung aller Gremien) then I with "Was" untouched (Organisationen): the file is
    checked as the memberships it is, and there is nothing to change."""
    out = tmp_path / "gremien.xlsx"
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await shown(pilot, ExportScreen)  # pushed at once, composed a moment later
        app.screen.query_one("#path", Input).value = str(out)  # "Was": the rosters, its first choice
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: out.exists())
        await settle(app, pilot)
        before = world.bytes()
        await pilot.press("I")
        await shown(pilot, ImportScreen)  # pushed at once, composed a moment later
        assert app.screen.query_one("#kind", Select).value == "organisationen"
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: "Nichts zu ändern" in report(app))
        assert "nicht von „Organisationen“: als Mitgliedschaften geprüft" in report(app)
        assert app.screen.query_one("#kind", Select).value == "mitgliedschaften"
    assert world.bytes() == before


async def _checked(pilot) -> None:
    assert await wait_for(pilot, lambda: tab_underlined(pilot.app))
    await pilot.press("I")
    screen = await shown(pilot, ImportScreen)  # a pause after "I" was no proof of its compose
    screen.query_one("#path", Input).value = "~/beispiel-personen.csv"
    screen.query_one("#kind", Select).value = "personen"
    await pilot.press("ctrl+s")
    assert await wait_for(pilot, lambda: "Organisation" in report(pilot.app)), report(pilot.app)
    for field in screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_import_dialog_report(world, snap_compare, size, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    sample = Path(__file__).resolve().parents[2] / "data" / "beispiel-personen.csv"
    (home / sample.name).write_bytes(sample.read_bytes())
    monkeypatch.setenv("HOME", str(home))  # the path on screen reads the same on every machine
    app = world.app(open_view="lenkungskreis")
    assert snap_compare(app, terminal_size=size, run_before=_checked)


async def test_a_directory_workbook_imports_in_one_step(tmp_path: Path):
    """The export "Verzeichnis" (Organisationen and Personen) into an empty database: one check
    names both counts, one Strg+S imports both, organisations before the persons of them."""
    from pilot_helpers import TODAY

    from herford_tui.app import create_app
    from herford_tui.exchange.exports import export_file
    from herford_tui.store import Store
    from herford_tui.store.demo import write_demo

    demo = tmp_path / "demo.json"
    write_demo(Store(demo, backups=0).open(), size="small", seed=1)
    source = Store(demo).snapshot()
    out = tmp_path / "verzeichnis.xlsx"
    out.write_bytes(export_file(source, "verzeichnis", ".xlsx", TODAY))
    empty = tmp_path / "leer.json"
    Store(empty).open(seed={})
    app = create_app(empty, today=lambda: TODAY, poll_interval=0.1)
    app.animation_level = "none"
    orgs, persons = len(source.organisations), len(source.persons)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await shown(pilot, ImportScreen)  # pushed at once, composed a moment later
        app.screen.query_one("#kind", Select).value = "mitgliedschaften"  # not even one of its kinds
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.press("ctrl+s")
        expected = f"In Ordnung: {orgs} Organisationen und {persons} Personen bereit zum Import"
        assert await wait_for(pilot, lambda: expected in report(app)), report(app)
        assert "als Verzeichnis (Organisationen und Personen) geprüft" in report(app)
        assert app.screen.query_one("#kind", Select).value == "organisationen"
        assert not Store(empty).snapshot().persons  # checked, not yet imported
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ImportScreen))
        await settle(app, pilot)
    snap = Store(empty).snapshot()
    assert {o.id: o.name for o in snap.organisations.values()} == {o.id: o.name for o in source.organisations.values()}
    assert {p.id: (p.full_name, p.organisation_id) for p in snap.persons.values()} == {
        p.id: (p.full_name, p.organisation_id) for p in source.persons.values()
    }
