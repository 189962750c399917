"""Rights stay predictable whatever the umask: folders 2770, a file keeps its own mode (never
wider), lock file and backups never wider than the database, a write-protected file never written."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.domain import Organisation, Person
from herford_tui.store import ReadOnlyError, Store

UMASKS = [0o000, 0o022, 0o077]


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def made_beside(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if p != path)


@pytest.fixture(params=UMASKS, ids=lambda u: f"umask{u:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def test_created_folders_file_lock_and_backups(tmp_path: Path, umask: int):
    path = tmp_path / "a" / "b" / "db.json"
    store = Store(path, backups=2).open()
    org = store.save(Organisation(name="A"))
    store.save(dataclasses.replace(org, notes="B"))
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert mode_of(folder) == 0o2770, oct(mode_of(folder))
    assert mode_of(path) == 0o660
    for other in made_beside(path):
        assert mode_of(other) == 0o660, (other.name, oct(mode_of(other)))
    assert [p.name for p in made_beside(path)] == ["db.json.1.bak", "db.json.2.bak", "db.json.lock", "db.json.log"]


def test_demo_folder_is_2770(tmp_path: Path, umask: int, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "neu" / "demo.json"
    result = CliRunner().invoke(main, ["demo", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert mode_of(path.parent) == 0o2770
    assert mode_of(path) == 0o660


@pytest.mark.parametrize(("before", "after"), [(0o640, 0o640), (0o600, 0o600), (0o644, 0o640), (0o666, 0o660)])
def test_replace_keeps_the_files_mode_never_wider(db_path: Path, umask: int, before: int, after: int):
    store = Store(db_path, backups=3).open(seed={})
    org = store.save(Organisation(name="A"))
    db_path.chmod(before)
    (db_path.parent / "db.json.lock").chmod(0o666)  # an old, too open lock file
    for n in range(3):
        org = store.save(dataclasses.replace(org, notes=str(n)))
        assert mode_of(db_path) == after
        for other in made_beside(db_path):
            assert mode_of(other) & ~after == 0, (n, other.name, oct(mode_of(other)))


def test_write_protected_file_is_opened_read_only_and_never_written(db_path: Path):
    Store(db_path, backups=2).open(seed={}).save(Organisation(name="A"))
    for extra in made_beside(db_path):
        extra.unlink()
    db_path.chmod(0o440)
    before = db_path.read_bytes()
    store = Store(db_path).open()  # even root: a file without any write bit is not to be written
    assert store.read_only
    assert store.read_only_reason() == "die Datei schreibgeschützt ist"
    assert store.get(Organisation, 1).name == "A"
    with pytest.raises(ReadOnlyError, match="nur lesbar geöffnet \\(weil die Datei schreibgeschützt ist\\)"):
        store.save(Person(family_name="B"))
    assert db_path.read_bytes() == before
    assert mode_of(db_path) == 0o440
    assert made_beside(db_path) == []  # no lock file, no backup


def test_read_only_store_never_migrates_an_old_file(db_path: Path):
    old = json.dumps({"persons": {"1": {"family_name": "Alt"}}}).encode()
    db_path.write_bytes(old)
    store = Store(db_path, read_only=True).open()
    assert store.read_only and store.read_only_reason() == "nur lesend geöffnet"
    assert store.get(Person, 1).family_name == "Alt"
    assert store.get(Person, 1).rev == 1  # migrated in memory only
    assert db_path.read_bytes() == old
    assert made_beside(db_path) == []


def test_read_only_store_does_not_create_a_missing_file(db_path: Path):
    with pytest.raises(Exception, match="nur lesend kann sie nicht angelegt werden"):
        Store(db_path, read_only=True).open()
    assert list(db_path.parent.iterdir()) == []


def test_store_turns_read_only_when_the_rights_go(empty_store: Store, db_path: Path):
    assert not empty_store.read_only
    db_path.chmod(0o444)
    assert empty_store.read_only
    with pytest.raises(ReadOnlyError):
        empty_store.save(Organisation(name="A"))
    db_path.chmod(0o660)
    assert empty_store.save(Organisation(name="A")).id == 1
