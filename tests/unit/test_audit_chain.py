"""The audit log as a hash chain: ``check`` reports every kind of forgery in German; the log moves
to numbered parts by size with the chain running on across them; a big log is never called
"keine herford-tui-Datenbank"; a foreign TinyDB file is not taken for an old database."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.domain import Person
from herford_tui.store import NotADatabaseError, Store
from herford_tui.store.audit import PART_KB_ENV, log_files, log_path, part_paths, stored_entries
from herford_tui.store.check import check_file
from herford_tui.store.erasure import erase_person


@pytest.fixture
def logged(empty_store: Store) -> Store:
    person = empty_store.save(Person(given_name="Anna", family_name="Ärger", email="a@example.org"))
    for phone in ("05221 1", "05221 2", "05221 3"):
        person = empty_store.save(dataclasses.replace(person, phone=phone))
    return empty_store


def lines(store: Store) -> list[str]:
    return log_path(store.path).read_text(encoding="utf-8").splitlines()


def write(store: Store, rows: list[str]) -> None:
    log_path(store.path).write_text("".join(row + "\n" for row in rows), encoding="utf-8")


def reported(store: Store, runner: CliRunner) -> str:
    result = runner.invoke(main, ["check", "--db", str(store.path)])
    assert result.exit_code != 0, result.output
    return result.output


def test_an_untouched_log_passes(logged: Store, runner: CliRunner):
    result = runner.invoke(main, ["check", "--db", str(logged.path)])
    assert result.exit_code == 0, result.output


def test_a_changed_user_is_reported(logged: Store, runner: CliRunner):
    rows = lines(logged)
    entry = json.loads(rows[1])
    rows[1] = json.dumps(entry | {"user": "jemand"}, ensure_ascii=False)
    write(logged, rows)
    assert "Zeile 3: die Verkettung ist unterbrochen" in reported(logged, runner)


def test_a_changed_last_entry_is_reported(logged: Store, runner: CliRunner):
    rows = lines(logged)
    rows[-1] = json.dumps(json.loads(rows[-1]) | {"user": "jemand"}, ensure_ascii=False)
    write(logged, rows)
    assert "passt nicht zur Datenbank" in reported(logged, runner)


def test_a_deleted_line_is_reported(logged: Store, runner: CliRunner):
    rows = lines(logged)
    write(logged, rows[:1] + rows[2:])
    assert "Verkettung ist unterbrochen" in reported(logged, runner)


def test_a_deleted_first_line_is_reported(logged: Store, runner: CliRunner):
    write(logged, lines(logged)[1:])
    assert "Zeile 1: die Verkettung ist unterbrochen" in reported(logged, runner)


def test_a_truncated_log_is_reported(logged: Store, runner: CliRunner):
    write(logged, lines(logged)[:-1])
    assert "gekürzt" in reported(logged, runner)
    log_path(logged.path).write_bytes(b"")
    assert "gekürzt" in reported(logged, runner)


def test_a_deleted_log_is_reported(logged: Store, runner: CliRunner):
    log_path(logged.path).unlink()
    assert "Das Änderungsprotokoll db.json.log fehlt" in reported(logged, runner)


def test_a_faked_entry_is_reported(logged: Store, runner: CliRunner):
    rows = lines(logged)
    fake = json.loads(rows[1]) | {"user": "jemand", "changes": {"phone": ["x", "y"]}}
    write(logged, [*rows[:2], json.dumps(fake, ensure_ascii=False), *rows[2:]])
    assert "Verkettung ist unterbrochen" in reported(logged, runner)
    write(logged, [*rows, json.dumps(json.loads(rows[-1]) | {"user": "jemand"}, ensure_ascii=False)])
    assert "passt nicht zur Datenbank" in reported(logged, runner)


def test_the_log_moves_to_parts_with_the_chain_across_them(empty_store: Store, monkeypatch, runner: CliRunner):
    monkeypatch.setenv(PART_KB_ENV, "1")
    person = empty_store.save(Person(given_name="Berta", family_name="Bärlauch", email="b@example.org"))
    for n in range(12):
        person = empty_store.save(dataclasses.replace(person, phone=f"05221 {n:04}", notes="x" * 200))
    parts = part_paths(empty_store.path)
    assert len(parts) >= 2
    assert all(p.stat().st_size < 2048 for p in log_files(empty_store.path))
    assert len(stored_entries(empty_store.path)) == 13
    assert check_file(empty_store.path).ok
    output = runner.invoke(main, ["log", "--db", str(empty_store.path)]).output
    assert output.count("geändert") == 12
    # erasing re-chains across all parts; the check still verifies
    erase_person(empty_store, person.id, date(2026, 11, 28))
    assert check_file(empty_store.path).ok, check_file(empty_store.path).lines()
    assert not any(b"B\xc3\xa4rlauch" in p.read_bytes() for p in log_files(empty_store.path))
    parts[0].unlink()  # the oldest part gone: the next one points at a missing entry
    assert "Verkettung ist unterbrochen" in reported(empty_store, runner)


def test_a_log_past_the_size_limit_is_named_as_the_log(empty_store: Store, monkeypatch, runner: CliRunner):
    monkeypatch.setenv(PART_KB_ENV, "100000")  # grown before parts existed
    person = empty_store.save(Person(given_name="Anna", family_name="Ärger"))
    for n in range(60):
        person = empty_store.save(dataclasses.replace(person, notes=f"{n} " + "x" * 1000))
    log = log_path(empty_store.path)
    assert log.stat().st_size > 60_000
    monkeypatch.delenv(PART_KB_ENV)
    monkeypatch.setenv("HERFORD_TUI_MAX_MB", "0.05")
    result = runner.invoke(main, ["log", "--db", str(empty_store.path)])
    assert result.exit_code != 0
    assert "keine herford-tui-Datenbank" not in result.output
    assert f"Das Änderungsprotokoll {log} lässt sich nicht lesen" in result.output
    # saving goes on, into a new part: the big one is kept as the first part
    empty_store.save(dataclasses.replace(person, phone="05221 9"))
    assert log.stat().st_size < 50 * 1024
    assert len(part_paths(empty_store.path)) == 1


def test_a_foreign_tinydb_file_with_a_persons_table_is_not_migrated(tmp_path: Path):
    path = tmp_path / "fremd.json"
    raw = json.dumps({"persons": {"1": {"name": "Kunde", "umsatz": 12}}}).encode()
    path.write_bytes(raw)
    with pytest.raises(NotADatabaseError, match="Felder, die herford-tui nicht kennt"):
        Store(path).open()
    assert path.read_bytes() == raw
    assert not list(tmp_path.glob("fremd.json.*"))


def test_an_erasure_does_not_hide_a_forgery_before_it(logged: Store, runner: CliRunner):
    rows = lines(logged)
    rows[1] = json.dumps(json.loads(rows[1]) | {"user": "jemand"}, ensure_ascii=False)
    write(logged, rows)
    person = next(iter(logged.snapshot().persons.values()))
    erase_person(logged, person.id, date(2026, 11, 28))  # re-chains the whole log
    assert "vor dieser DSGVO-Löschung war die Verkettung schon unterbrochen" in reported(logged, runner)


def test_a_log_from_before_the_chain_goes_on_chained(empty_store: Store, runner: CliRunner):
    """An installation's log written before the chain existed: its lines have no ``prev`` and the
    database no ``log_head``. It passes, and the next save links on from its last line."""
    person = empty_store.save(Person(given_name="Alt", family_name="Bestand"))
    log = log_path(empty_store.path)
    old = [{k: v for k, v in json.loads(row).items() if k != "prev"} for row in lines(empty_store)]
    log.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in old), encoding="utf-8")
    data = json.loads(empty_store.path.read_bytes())
    del data["meta"]["1"]["log_head"]
    empty_store.path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    assert check_file(empty_store.path).ok
    Store(empty_store.path).open().save(dataclasses.replace(person, phone="05221 5"))
    assert check_file(empty_store.path).ok
    write(empty_store, lines(empty_store)[1:])  # the last legacy line gone: the chained one points at it
    assert "Verkettung ist unterbrochen" in reported(empty_store, runner)


def test_a_rotating_backup_checks_without_a_log_of_its_own(logged: Store, runner: CliRunner):
    backup = logged.path.with_name(logged.path.name + ".1.bak")
    result = runner.invoke(main, ["check", "--db", str(backup)])
    assert result.exit_code == 0, result.output
