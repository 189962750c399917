"""Backups: list with time, size and changes; restore (checked, under the lock); dated full backup."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from filelock import FileLock

from herford_tui.cli import main
from herford_tui.domain import Membership, Organisation, Person
from herford_tui.store import ConflictError, Store
from herford_tui.store.log_reader import read_entries


@pytest.fixture
def with_member(store: Store) -> tuple[Store, Membership]:
    snap = store.snapshot()
    lenkung = next(c for c in snap.committees.values() if c.name == "Lenkungskreis")
    person = store.save(Person(given_name="Rita", family_name="Rückkehr"))
    member = store.save(
        Membership(person_id=person.id, committee_id=lenkung.id, seat_key=lenkung.seats[0].key, start=date(2026, 1, 1))
    )
    return store, member


def test_restore_brings_back_a_deleted_membership(with_member, runner: CliRunner):
    store, member = with_member
    store.delete(member)
    assert member.id not in Store(store.path).snapshot().memberships

    listing = runner.invoke(main, ["backups", "--db", str(store.path)])
    assert listing.exit_code == 0, listing.output
    assert "  1  " in listing.output and "danach: 1 Mitgliedschaft gelöscht" in listing.output
    assert "KB" in listing.output

    result = runner.invoke(main, ["restore", "1", "--ja", "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    assert "Sicherung 1 eingespielt (1 Mitgliedschaft neu)" in result.output
    back = Store(store.path).snapshot().memberships[member.id]
    assert (back.person_id, back.seat_key, back.start) == (member.person_id, member.seat_key, member.start)
    # the state before the restore is now backup 1: restoring it again undoes the restore
    assert member.id not in json.loads(store.path.with_name("db.json.1.bak").read_bytes())["memberships"]
    entry = read_entries(store.path)[-1]
    assert (entry["action"], entry["table"], entry["id"]) == ("restore-insert", "memberships", member.id)
    assert entry["label"] == "Rita Rückkehr – Lenkungskreis (Sicherung 1)"
    log = runner.invoke(main, ["log", "--db", str(store.path), "--person", str(member.person_id)])
    assert f"Mitgliedschaft {member.id}" in log.output and "durch Wiederherstellung zurückgeholt" in log.output


def test_restore_while_the_lock_is_held_is_refused(with_member, runner: CliRunner):
    store, member = with_member
    store.delete(member)
    before = store.path.read_bytes()
    with FileLock(str(store.path) + ".lock"):
        result = runner.invoke(main, ["restore", "1", "--ja", "--db", str(store.path)])
    assert result.exit_code == 2
    assert "gerade gesperrt, weil jemand speichert. Nichts wurde wiederhergestellt" in result.stderr
    assert store.path.read_bytes() == before


def test_a_corrupt_backup_is_not_restored(with_member, runner: CliRunner):
    store, _ = with_member
    store.path.with_name("db.json.2.bak").write_text('{"persons": {"1": ', encoding="utf-8")
    before = store.path.read_bytes()
    result = runner.invoke(main, ["restore", "2", "--ja", "--db", str(store.path)])
    assert result.exit_code == 2
    assert "Sicherung 2 hat Probleme und wird nicht eingespielt" in result.stderr
    assert store.path.read_bytes() == before
    listing = runner.invoke(main, ["backups", "--db", str(store.path)])
    assert "nicht lesbar" in listing.output


def test_restored_records_get_a_newer_revision_and_ids_are_not_reused(store: Store):
    from herford_tui.store.backups import restore

    org = store.save(Organisation(name="Alt"))
    stale = store.save(dataclasses.replace(org, name="Neu"))
    extra = store.save(Organisation(name="Später"))
    restore(store.path, 2)  # the version before "Neu" and "Später"
    fresh = Store(store.path)
    assert fresh.get(Organisation, org.id).name == "Alt"
    with pytest.raises(ConflictError):
        fresh.save(dataclasses.replace(stale, notes="auf dem Stand vor der Wiederherstellung"))
    assert fresh.save(Organisation(name="Neu angelegt")).id > extra.id


def test_dated_backup_to_another_folder(store: Store, runner: CliRunner, tmp_path: Path):
    store.save(Organisation(name="Gesichert"))
    target = tmp_path / "nachts"
    result = runner.invoke(main, ["backup", "--nach", str(target), "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    (copy,) = target.glob("db-*.json")
    assert copy.name.startswith(f"db-{date.today():%Y-%m-%d}-")
    assert copy.read_bytes() == store.path.read_bytes()
    assert oct(copy.stat().st_mode & 0o777) == "0o660"
    assert (target / (copy.name + ".log")).exists()


def test_a_backup_that_is_not_there_is_said_before_the_question(
    store: Store, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    """New-user walk: ``restore 99`` asked "Sicherung 99 einspielen? [j/N]" (or, without a
    terminal, for --ja) and only after the "j" said that there is no backup 99."""
    store.save(Person(given_name="Vor", family_name="Frage"))
    monkeypatch.setattr("herford_tui.commands.common.has_terminal", lambda: True)
    for arguments, message in (
        (["99"], "Fehler: Sicherung 99 gibt es nicht (1 bis 5)."),
        (["--aus", str(tmp_path / "fehlt.json")], f"Fehler: Die Sicherung {tmp_path / 'fehlt.json'} gibt es nicht."),
    ):
        result = runner.invoke(main, ["restore", *arguments, "--db", str(store.path)], input="j\n")
        assert result.exit_code == 2 and message in result.output, result.output
        assert "einspielen?" not in result.output
