"""Counts in German: "1 Zeile", "2 Zeilen", never "1 Zeilen" or "Zeile(n)" (new-user test)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.domain import Organisation, Person
from herford_tui.domain.deletion import referring
from herford_tui.store import Store


def test_importing_a_one_line_file_says_1_zeile(tmp_path: Path):
    db = tmp_path / "herford.json"
    Store(db).open()
    csv_file = tmp_path / "orgs.csv"
    csv_file.write_text("Name;Art;Kommune\nNeue Schule;Schule;Herford\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "organisationen", str(csv_file), "--db", str(db), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "(UTF-8, 1 Zeile) …" in result.output


def test_a_bad_line_is_counted_in_the_singular(tmp_path: Path):
    db = tmp_path / "herford.json"
    Store(db).open()
    csv_file = tmp_path / "orgs.csv"
    csv_file.write_text("Name;Art;Kommune\n;Schule;Herford\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "organisationen", str(csv_file), "--db", str(db), "--dry-run"])
    assert result.exit_code == 1, result.output
    assert "Fehler in 1 Zeile. Nichts wurde importiert." in result.output


def test_one_person_of_an_organisation_is_named_in_the_singular(tmp_path: Path):
    store = Store(tmp_path / "herford.json").open()
    org = store.save(Organisation(name="Gesamtschule"))
    store.save(Person(given_name="Erika", family_name="Muster", organisation_id=org.id))
    assert referring(store.snapshot(), org)[0].startswith("1 Person gehört dazu: ")
