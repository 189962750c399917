"""Every OS error becomes a German store error: in the store, ``check``, ``demo`` and the CLI.

Simulated in the file layer (an ``os`` call raising the error) and, where the machine
allows it, for real: a full tmpfs and a colleague without the rights (needs root for
``mount`` and ``useradd``; skipped with the reason otherwise).
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.domain import Organisation
from herford_tui.store import (
    DiskFullError,
    FileVanishedError,
    PermissionDeniedError,
    ReadOnlyError,
    ReadOnlyFileSystemError,
    Store,
    StoreError,
)
from herford_tui.store import files as files_module

REPO = Path(__file__).resolve().parents[2]


def temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.tmp-*"))


def raising(code: int, *, only: str | None = None, real=None):
    """A stand-in for an ``os`` function that fails with ``code`` (for paths containing ``only``)."""

    def fake(*args, **kwargs):
        target = str(args[0]) if args else ""
        if only is None or only in target:
            raise OSError(code, os.strerror(code), target or None)
        return real(*args, **kwargs)

    return fake


# -- simulated in the file layer ---------------------------------------------------------------
SIMULATED = {
    "disk full at fsync": ("fsync", errno.ENOSPC, DiskFullError, "kein Platz mehr"),
    "quota at fsync": ("fsync", errno.EDQUOT, DiskFullError, "Kontingent"),
    "no permission for the folder": ("open", errno.EACCES, PermissionDeniedError, "Keine Berechtigung für den Ordner"),
    "not permitted": ("open", errno.EPERM, PermissionDeniedError, "Keine Berechtigung"),
    "read-only file system": ("replace", errno.EROFS, ReadOnlyFileSystemError, "Dateisystem"),
    "disk gone": ("replace", errno.EIO, StoreError, "Ein-/Ausgabefehler"),
}


@pytest.mark.parametrize("case", list(SIMULATED))
def test_failed_save_raises_german_error_and_leaves_the_file(empty_store: Store, db_path: Path, monkeypatch, case):
    name, code, error, words = SIMULATED[case]
    org = empty_store.save(Organisation(name="A"))
    before = db_path.read_bytes()
    backups_before = sorted(db_path.parent.glob("db.json.*.bak"))
    real = getattr(os, name)
    only = ".tmp-" if name == "open" else None  # the temp file, not the lock
    monkeypatch.setattr(files_module.os, name, raising(code, only=only, real=real))
    with pytest.raises(error) as info:
        empty_store.save(dataclasses.replace(org, notes="neu"))
    monkeypatch.undo()
    message = str(info.value)
    assert words in message and "nicht möglich" in message
    assert os.strerror(code) not in message  # no English
    assert db_path.read_bytes() == before
    assert temp_files(db_path) == []
    assert sorted(db_path.parent.glob("db.json.*.bak")) == backups_before
    assert empty_store.save(dataclasses.replace(org, notes="neu")).rev == 2  # works again afterwards


def test_file_vanished_after_open(empty_store: Store, db_path: Path):
    db_path.unlink()
    with pytest.raises(FileVanishedError, match="gibt es nicht"):
        empty_store.save(Organisation(name="x"))
    assert not db_path.exists()


def test_folder_vanished_after_open(tmp_path: Path):
    store = Store(tmp_path / "ordner" / "db.json").open(seed={})
    shutil.rmtree(tmp_path / "ordner")
    with pytest.raises(StoreError, match=r"gibt es nicht|verschwunden"):
        store.save(Organisation(name="x"))
    assert not (tmp_path / "ordner").exists()


def test_lock_that_cannot_be_created_is_a_german_error(empty_store: Store, db_path: Path, monkeypatch):
    (db_path.parent / "db.json.lock").unlink()
    monkeypatch.setattr(files_module.os, "open", raising(errno.EACCES, only=".lock", real=os.open))
    before = db_path.read_bytes()
    with pytest.raises(PermissionDeniedError, match="Keine Berechtigung"):
        empty_store.save(Organisation(name="x"))
    assert db_path.read_bytes() == before


def test_new_database_on_a_full_disk_is_a_german_error_at_start(tmp_path: Path, monkeypatch):
    """Formerly a traceback: the app creating its database on a full disk."""
    monkeypatch.setattr(files_module.os, "fsync", raising(errno.ENOSPC))
    path = tmp_path / "neu" / "db.json"
    result = CliRunner().invoke(main, ["--db", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith("Fehler: Speichern nicht möglich: Auf dem Datenträger")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not path.exists() and temp_files(path) == []


def test_demo_on_a_full_disk_ends_in_german(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(files_module.os, "fsync", raising(errno.ENOSPC))
    path = tmp_path / "demo.json"
    result = CliRunner().invoke(main, ["demo", "--db", str(path)])
    assert result.exit_code == 2
    assert "kein Platz mehr" in result.output
    assert isinstance(result.exception, SystemExit)
    assert list(tmp_path.iterdir()) == []  # the draft folder is gone too


def test_any_command_turns_an_os_error_into_german(tmp_path: Path, monkeypatch):
    """Also commands added later: the group itself translates what a command lets through."""
    import click

    @click.command("kaputt")
    def broken() -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x.csv"))

    main.add_command(broken)
    try:
        result = CliRunner().invoke(main, ["kaputt"])
    finally:
        main.commands.pop("kaputt")
    assert result.exit_code == 2
    assert result.output.startswith("Fehler: Ausführen nicht möglich: Keine Berechtigung")
    assert "Permission denied" not in result.output


# -- real: a full tmpfs --------------------------------------------------------------------------
@pytest.fixture
def full_disk() -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mount needs root; the simulated cases above cover the store's side")
    folder = Path(tempfile.mkdtemp(prefix="herford-full-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        folder.rmdir()
        pytest.skip(f"no tmpfs on this machine: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        with contextlib.suppress(OSError):
            folder.rmdir()


def fill(folder: Path, leave: int) -> None:
    """Fill the file system of ``folder`` until fewer than ``leave`` bytes are free."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    with open(folder / "filler", "wb") as fh, contextlib.suppress(OSError):
        fh.write(b"\0" * max(0, free - leave))


def test_real_full_disk_save(full_disk: Path):
    path = full_disk / "db.json"
    store = Store(path).open()  # with the seed: ~10 kB
    org = store.save(Organisation(name="A"))
    before = path.read_bytes()
    fill(full_disk, leave=4096)
    with pytest.raises(DiskFullError) as info:
        store.save(dataclasses.replace(org, notes="x" * 9000))
    assert "kein Platz mehr" in str(info.value)
    assert path.read_bytes() == before
    assert temp_files(path) == []
    (full_disk / "filler").unlink()
    assert store.save(dataclasses.replace(org, notes="x" * 9000)).rev == 2


def test_real_full_disk_commands(full_disk: Path):
    fill(full_disk, leave=4096)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for args in (["--db", str(full_disk / "neu" / "db.json")], ["demo", "--db", str(full_disk / "demo.json")]):
        done = subprocess.run(
            [sys.executable, "-m", "herford_tui", *args], capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("Fehler: ") and "Traceback" not in done.stderr
        assert "kein Platz mehr" in done.stderr
    assert sorted(p.name for p in full_disk.iterdir() if p.name != "filler") in ([], ["neu"])
    assert not (full_disk / "neu" / "db.json").exists()


# -- real: a colleague without the rights ---------------------------------------------------------
@pytest.fixture
def colleague() -> Iterator[str]:
    """A throw-away non-root user (root ignores file modes, so only a real user shows them)."""
    if os.geteuid() != 0:
        pytest.skip("useradd needs root; as a non-root user the permission checks are real anyway")
    name = f"hfst{os.getpid()}"
    done = subprocess.run(
        ["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"useradd failed: {done.stderr.decode().strip()}")
    try:
        yield name
    finally:
        subprocess.run(["userdel", name], capture_output=True, check=False)


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder the colleague can reach (pytest's own tmp folder is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="herford-perm-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _user_env() -> dict[str, str]:
    # The test's own site-packages (tinydb, filelock, click …) and the source tree, both world-readable.
    path = os.pathsep.join([str(REPO), sysconfig.get_paths()["purelib"]])
    return {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": path, "HOME": "/tmp", "LANG": "C.UTF-8"}


def _interpreter_for(user: str) -> str:
    """An interpreter of this Python version the colleague may run (the venv's may sit under /root)."""
    candidates = [
        sys.executable,
        os.path.realpath(sys.executable),
        f"/usr/bin/python{sys.version_info[0]}.{sys.version_info[1]}",
    ]
    for candidate in candidates:
        done = subprocess.run(
            ["runuser", "-u", user, "--", candidate, "-c", "import tinydb, filelock, click, herford_tui.store"],
            capture_output=True,
            env=_user_env(),
            timeout=60,
            check=False,
        )
        if done.returncode == 0:
            return candidate
    pytest.skip(f"no Python {sys.version_info[0]}.{sys.version_info[1]} the user {user} may run")


def as_user(user: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["runuser", "-u", user, "--", _interpreter_for(user), *args],
        capture_output=True,
        text=True,
        env=_user_env(),
        timeout=60,
    )


def test_colleague_outside_the_group_gets_german_refusal(colleague: str, shared_folder: Path):
    path = shared_folder / "db.json"
    Store(path).open()
    path.chmod(0o660)  # root's group only
    before = path.read_bytes()
    for args in (["check", "--db", str(path)], ["--db", str(path)]):
        done = as_user(colleague, "-m", "herford_tui", *args)
        out = done.stdout + done.stderr
        assert done.returncode == 2, out
        assert "Keine Berechtigung für die Datei" in out
        assert "Traceback" not in out and "Permission denied" not in out
        assert "Sicherung" not in out  # the file is fine, a backup would not help
    assert path.read_bytes() == before


READ_ONLY_SAVE = """
import sys
from herford_tui.domain import Organisation
from herford_tui.store import ReadOnlyError, Store
store = Store(sys.argv[1]).open()
print(store.read_only, len(store.snapshot().organisations))
try:
    store.save(Organisation(name="verboten"))
except ReadOnlyError as exc:
    print("refused:", exc)
"""


@pytest.mark.parametrize("layout", ["file 0440", "file 0644 of another user", "folder not writable"])
def test_colleague_without_write_rights_reads_but_never_writes(colleague: str, shared_folder: Path, layout: str):
    folder = shared_folder / "daten"
    folder.mkdir()
    path = folder / "db.json"
    Store(path).open()
    for stray in folder.glob("db.json.lock"):
        stray.unlink()
    if layout == "file 0440":
        shutil.chown(folder, user=colleague)
        shutil.chown(path, user=colleague)
        path.chmod(0o440)
    elif layout == "file 0644 of another user":
        folder.chmod(0o777)
        path.chmod(0o644)
    else:
        shutil.chown(path, user=colleague)
        folder.chmod(0o755)
    before = {p.name: (p.read_bytes(), p.stat().st_mode) for p in folder.iterdir()}
    done = as_user(colleague, "-c", READ_ONLY_SAVE, str(path))
    assert done.returncode == 0, done.stderr
    first, refused = done.stdout.splitlines()
    assert first.startswith("True ")
    assert refused.startswith("refused: Die Datenbank") and "nur lesbar geöffnet" in refused
    assert {p.name: (p.read_bytes(), p.stat().st_mode) for p in folder.iterdir()} == before  # no lock, no backup


def test_read_only_store_refuses_every_write(empty_store: Store, db_path: Path):
    org = empty_store.save(Organisation(name="A"))
    reader = Store(db_path, read_only=True).open()
    assert reader.read_only and reader.get(Organisation, org.id).name == "A"
    before = db_path.read_bytes()
    for write in (
        lambda: reader.save(Organisation(name="B")),
        lambda: reader.save_all([Organisation(name="B")]),
        lambda: reader.save_many([Organisation(name="B")]),
        lambda: reader.delete(org),
    ):
        with pytest.raises(ReadOnlyError, match="nur lesbar geöffnet"):
            write()
    assert db_path.read_bytes() == before
    assert json.loads(before)["organisations"]["1"]["name"] == "A"


def test_poll_reports_an_unreachable_file_once(empty_store: Store, db_path: Path, monkeypatch):
    """The app polls ``changed()`` every second: the German error comes once, not every second."""
    monkeypatch.setattr(files_module.os, "stat", raising(errno.EIO, only=str(db_path), real=os.stat))
    assert empty_store.changed() is True
    with pytest.raises(StoreError, match="Ein-/Ausgabefehler"):
        empty_store.snapshot()
    assert empty_store.changed() is False
    monkeypatch.undo()
    assert empty_store.changed() is False  # the same file is back: nothing to reload
    empty_store.snapshot()
