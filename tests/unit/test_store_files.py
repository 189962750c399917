"""The database file on disk: corruption, permissions, backups, atomic writes, temp files, lock."""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import stat
from pathlib import Path

import pytest
from filelock import FileLock

from herford_tui.domain import Organisation, Person
from herford_tui.store import CorruptFileError, Store, StoreError
from herford_tui.store import files as files_module
from herford_tui.store.files import DatabaseFile


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.tmp-*"))


def backups_of(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".*.bak"))


# -- corrupt files (acceptance 4) ------------------------------------------------------
VALID = json.dumps(
    {
        "meta": {"1": {"schema": 1, "counters": {"organisations": 1}}},
        "organisations": {"1": {"name": "Kreis Herford", "rev": 1}},
    }
).encode()

BAD_FILES = {
    "0-byte": (b"", "leer"),
    "only-whitespace": (b"  \n\t", "leer"),
    "truncated": (VALID[: len(VALID) // 2], "JSON-Fehler"),
    "not-json": (b"Das ist keine Datenbank\n", "JSON-Fehler"),
    "not-utf8": (b"\xff\xfe\x00{", "UTF-8"),
    "json-list": (b"[1, 2, 3]", "Aufbau"),
    "json-null": (b"null", "Aufbau"),
    "table-is-list": (b'{"organisations": []}', "Aufbau"),
    "record-is-text": (b'{"organisations": {"1": "Kreis Herford"}}', "kein Objekt"),
    "record-id-not-a-number": (b'{"organisations": {"eins": {"name": "x"}}}', "Eintragsnummer"),
    "schema-not-a-number": (b'{"meta": {"1": {"schema": "eins", "counters": {}}}}', "meta"),
    "meta-not-an-object": (b'{"meta": {"1": [1]}}', "meta"),
    "counters-broken": (b'{"meta": {"1": {"schema": 1, "counters": [1]}}}', "Zähler"),
    "field-wrong-type": (
        b'{"meta": {"1": {"schema": 1, "counters": {}}}, "organisations": {"1": {"name": 5}}}',
        "Text erwartet",
    ),
    "bad-date": (
        b'{"meta": {"1": {"schema": 1, "counters": {}}}, "memberships": {"1": {"start": "32.13.2020"}}}',
        "start",
    ),
}


@pytest.mark.parametrize("content, problem", list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_unreadable_file_is_refused_on_open_and_never_changed(db_path: Path, content: bytes, problem: str):
    db_path.write_bytes(content)
    with pytest.raises(CorruptFileError) as info:
        Store(db_path).open()
    message = str(info.value)
    assert str(db_path) in message
    assert "nicht lesbar" in message and "nicht verändert" in message
    assert problem in message
    assert "keine lesbare Sicherung" in message
    assert db_path.read_bytes() == content
    assert backups_of(db_path) == [] and temp_files(db_path) == []


@pytest.mark.parametrize("content, problem", list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_save_into_a_file_that_went_bad_writes_nothing(db_path: Path, content: bytes, problem: str):
    store = Store(db_path, backups=2).open(seed={})
    org = store.save(Organisation(name="Erst gut"))
    store.save(dataclasses.replace(org, notes="zweite Fassung"))
    good_backups = {p: p.read_bytes() for p in backups_of(db_path)}
    assert len(good_backups) == 2

    db_path.write_bytes(content)  # e.g. a disk full or a hand edit gone wrong
    with pytest.raises(CorruptFileError) as info:
        store.save(Organisation(name="Neu"))
    message = str(info.value)
    assert str(db_path) in message and problem in message
    # The newest readable backup is named so staff know what to restore.
    assert info.value.backups[0] == db_path.with_name("db.json.1.bak")
    assert str(db_path.with_name("db.json.1.bak")) in message
    assert db_path.read_bytes() == content
    assert {p: p.read_bytes() for p in backups_of(db_path)} == good_backups
    assert temp_files(db_path) == []
    with pytest.raises(CorruptFileError):
        store.snapshot()


def test_error_names_the_next_readable_backup_when_the_newest_is_bad(db_path: Path):
    store = Store(db_path, backups=3).open(seed={})
    for i in range(4):
        store.save(Organisation(name=f"O{i}"))
    db_path.with_name("db.json.1.bak").write_bytes(b"")
    db_path.write_bytes(b"{kaputt")
    with pytest.raises(CorruptFileError) as info:
        Store(db_path).open()
    assert info.value.backups[0] == db_path.with_name("db.json.2.bak")
    assert "db.json.2.bak" in str(info.value) and "db.json.1.bak" not in str(info.value)


def test_missing_file_after_open_is_an_error_not_a_new_file(empty_store: Store, db_path: Path):
    db_path.unlink()
    with pytest.raises(StoreError, match="gibt es nicht"):
        empty_store.save(Organisation(name="x"))
    assert not db_path.exists()


# -- permissions (acceptance 7) -----------------------------------------------------------
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002, 0o000])
def test_files_are_group_shareable_and_never_world_readable(tmp_path: Path, umask: int):
    path = tmp_path / "db.json"
    old = os.umask(umask)
    try:
        store = Store(path, backups=2).open()  # created from the seed
        org = store.save(Organisation(name="A"))
        store.save(dataclasses.replace(org, notes="B"))
    finally:
        os.umask(old)
    made = [path, path.with_name("db.json.lock"), *backups_of(path)]
    assert len(made) == 4
    for p in made:
        assert mode_of(p) & 0o007 == 0, f"{p.name} is world-accessible: {oct(mode_of(p))}"
        assert mode_of(p) & 0o660 == 0o660, f"{p.name} is not group rw: {oct(mode_of(p))}"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in made)


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_migrated_file_and_its_backup_are_not_world_readable(tmp_path: Path, umask: int):
    path = tmp_path / "db.json"
    path.write_text(json.dumps({"organisations": {"1": {"name": "alt"}}}))
    path.chmod(0o600)
    old = os.umask(umask)
    try:
        Store(path).open()
    finally:
        os.umask(old)
    assert mode_of(path) == 0o600  # the file's own mode is kept, never widened
    assert mode_of(path.with_name("db.json.1.bak")) & 0o007 == 0


def test_new_version_keeps_the_files_group(empty_store: Store, db_path: Path):
    if os.geteuid() == 0:
        group = 4242  # root may hand the file to any group
    else:
        others = [g for g in os.getgroups() if g != db_path.stat().st_gid]
        if not others:
            pytest.skip("the test user belongs to only one group, so no other group can be set")
        group = others[0]
    os.chown(db_path, -1, group)
    empty_store.save(Organisation(name="A"))
    assert db_path.stat().st_gid == group


# -- backups (acceptance 8) ---------------------------------------------------------------
@pytest.mark.parametrize("keep", [1, 3, 5])
def test_backups_rotate_newest_first_each_a_complete_earlier_version(db_path: Path, keep: int):
    store = Store(db_path, backups=keep).open(seed={})
    versions = [db_path.read_bytes()]
    org = store.save(Organisation(name="v1"))
    versions.append(db_path.read_bytes())
    for i in range(2, keep + 4):
        org = store.save(dataclasses.replace(org, name=f"v{i}"))
        versions.append(db_path.read_bytes())
    assert [p.name for p in backups_of(db_path)] == [f"db.json.{i}.bak" for i in range(1, keep + 1)]
    for n in range(1, keep + 1):
        assert db_path.with_name(f"db.json.{n}.bak").read_bytes() == versions[-1 - n]
        json.loads(versions[-1 - n])  # complete, parseable
    assert not db_path.with_name(f"db.json.{keep + 1}.bak").exists()


def test_default_keeps_five_backups(empty_store: Store, db_path: Path):
    for i in range(8):
        empty_store.save(Organisation(name=f"O{i}"))
    assert len(backups_of(db_path)) == 5


def test_no_backups_when_turned_off(db_path: Path):
    store = Store(db_path, backups=0).open(seed={})
    for i in range(3):
        store.save(Organisation(name=f"O{i}"))
    assert backups_of(db_path) == []


def test_a_backup_is_not_changed_by_later_writes(db_path: Path):
    """Backups share no inode with the live file once it was replaced."""
    store = Store(db_path, backups=2).open(seed={})
    org = store.save(Organisation(name="erste"))
    first = db_path.read_bytes()
    store.save(dataclasses.replace(org, name="zweite"))
    backup = db_path.with_name("db.json.1.bak")
    assert backup.read_bytes() == first
    assert backup.stat().st_ino != db_path.stat().st_ino


# -- atomic writes ------------------------------------------------------------------------
def test_write_order_is_fsync_file_then_rename_then_fsync_folder(empty_store: Store, db_path: Path, monkeypatch):
    events: list[tuple[str, object]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        st = os.fstat(fd)
        events.append(("fsync-dir" if stat.S_ISDIR(st.st_mode) else "fsync-file", st.st_ino))
        real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", Path(dst).name))
        real_replace(src, dst)

    monkeypatch.setattr(files_module.os, "fsync", fsync)
    monkeypatch.setattr(files_module.os, "replace", replace)
    empty_store.save(Organisation(name="A"))
    i = events.index(("replace", "db.json"))
    synced_before = [ino for kind, ino in events[:i] if kind == "fsync-file"]
    # The new content reached the disk before it got the name, and the rename itself after.
    assert synced_before and synced_before[-1] == db_path.stat().st_ino
    assert events[i + 1 :] == [("fsync-dir", db_path.parent.stat().st_ino)]


def test_failed_rename_leaves_the_old_file_and_no_temp_file(empty_store: Store, db_path: Path, monkeypatch):
    first = empty_store.save(Organisation(name="A"))
    before = db_path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files_module.os, "replace", broken_replace)
    with pytest.raises(StoreError, match="kein Platz mehr"):
        empty_store.save(Organisation(name="B"))
    with pytest.raises(StoreError, match="kein Platz mehr"):
        empty_store.save(dataclasses.replace(first, notes="x"))
    monkeypatch.undo()

    assert db_path.read_bytes() == before
    assert temp_files(db_path) == []
    # The store's cache must not keep what TinyDB changed in memory before the write failed.
    snap = empty_store.snapshot()
    assert [(o.name, o.notes, o.rev) for o in snap.organisations.values()] == [("A", "", 1)]
    again = empty_store.save(Organisation(name="B"))
    assert again.id == 2
    assert empty_store.save(dataclasses.replace(first, notes="x")).rev == 2


def test_text_that_cannot_be_utf8_is_refused_in_german_and_nothing_written(empty_store: Store, db_path: Path):
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="ungültiges Zeichen"):
        empty_store.save(Organisation(name="B\udce4rbel"))  # a Latin-1 'ä' decoded with surrogateescape
    assert db_path.read_bytes() == before
    assert temp_files(db_path) == [] and backups_of(db_path) == []
    assert empty_store.snapshot().organisations == {}
    assert empty_store.save(Organisation(name="Bärbel")).id == 1


def test_stale_temp_files_are_removed_by_the_next_write(empty_store: Store, db_path: Path):
    stale = [db_path.parent / f".db.json.tmp-{pid}-deadbeef" for pid in (11, 12)]
    for p in stale:
        p.write_bytes(b'{"halb')
    unrelated = db_path.parent / ".other.json.tmp-11-deadbeef"
    unrelated.write_bytes(b"x")
    empty_store.snapshot()  # reading takes no lock and must not delete anything
    assert all(p.exists() for p in stale)
    empty_store.save(Person(family_name="X"))
    assert temp_files(db_path) == []
    assert unrelated.exists()


def test_writer_waits_for_the_lock_and_says_so_in_german(empty_store: Store, db_path: Path, monkeypatch):
    monkeypatch.setattr(files_module, "LOCK_TIMEOUT", 0.2)
    store = Store(db_path)  # picks up the short timeout
    store.open()
    before = db_path.read_bytes()
    with FileLock(db_path.with_name("db.json.lock"), timeout=1), pytest.raises(StoreError) as info:
        store.save(Organisation(name="wartet"))
    assert "gesperrt" in str(info.value) and "db.json.lock" in str(info.value)
    assert db_path.read_bytes() == before
    assert store.save(Organisation(name="jetzt")).id == 1  # the lock is free again


@pytest.mark.parametrize("clock", [10**18, 0], ids=["clock-stands-still", "clock-went-back"])
def test_every_version_gets_a_strictly_later_mtime(empty_store: Store, db_path: Path, monkeypatch, clock: int):
    """Coarse file-system clocks and reused inodes must not hide a new version from ``changed()``."""
    empty_store.save(Organisation(name="A"))
    monkeypatch.setattr(files_module.time, "time_ns", lambda: clock)
    mtimes = [db_path.stat().st_mtime_ns]
    for i in range(10):
        empty_store.save(Organisation(name=f"B{i}"))
        mtimes.append(db_path.stat().st_mtime_ns)
    assert all(a < b for a, b in itertools.pairwise(mtimes)), mtimes


def test_database_file_stat_key_changes_with_every_write(tmp_path: Path):
    dbf = DatabaseFile(tmp_path / "x.json", backups=0)
    keys = []
    with dbf.locked():
        for _ in range(20):
            keys.append(dbf.write({"t": {}}))  # identical content every time
    assert len(set(keys)) == len(keys)
    assert keys[-1] == dbf.stat_key()
