"""Files that are not ours are refused at once, in German, by the store, ``check`` and the app.

Every case: the same German words from all three, exit code 2, no traceback, the
file's bytes unchanged and nothing created beside it (no lock, backup or temp file).
The app and ``check`` run as processes of their own with a timeout, so a FIFO that would
block makes the test fail instead of hanging the run (forked from a server that imported them
once: tests/unit/forked.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from herford_tui.domain import Person, ValidationError
from herford_tui.store import CorruptFileError, NotADatabaseError, Store, StoreError
from herford_tui.store import files as files_module
from herford_tui.store.check import check_file
from herford_tui.store.files import MAX_MB_ENV
from herford_tui.store.migrations import SCHEMA_VERSION
from tests.unit.forked import run_cli

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
META = {"meta": {"1": {"schema": 1, "counters": {"persons": 1}}}}


def herford(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``herford-tui`` in its own process; a hang fails the test after 30 s.

    Forked: a fresh interpreter spent 0.2 s (``check``) to 0.6 s (the app: Textual) of CPU on
    imports per case, most of this file's time (issue 20.7)."""
    return run_cli(list(args), env={**ENV, **(env or {})}, cwd=REPO, timeout=30)


def listing(folder: Path) -> dict[str, bytes | None]:
    """Names and contents (None for anything but a regular file) of what lies in ``folder``."""
    return {p.name: p.read_bytes() if p.is_file() and not p.is_symlink() else None for p in folder.iterdir()}


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _directory(path: Path) -> None:
    path.mkdir()


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")  # endless: reading it would never end either


def _content(data: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(data)

    return make


DEEP = b"[" * 100_000 + b"]" * 100_000
DUPLICATE_IDS = (
    b'{"meta": {"1": {"schema": 1, "counters": {"persons": 2}}}, "persons": '
    b'{"1": {"family_name": "Erste", "rev": 1}, "2": {"family_name": "B", "rev": 1}, '
    b'"1": {"family_name": "Zweite", "rev": 1}}}'
)

ODD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_fifo, "eine FIFO (Named Pipe), keine gewöhnliche Datei"),
    "directory": (_directory, "ein Ordner, keine gewöhnliche Datei"),
    "device": (_device, "ein Gerät (zeichenorientiert), keine gewöhnliche Datei"),
    "nested 100000 deep": (_content(DEEP), "zu tief verschachtelt"),
    "deep object in a record": (
        _content(
            b'{"meta": {"1": {"schema": 1}}, "persons": {"1": ' + b'{"a":' * 100_000 + b"1" + b"}" * 100_001 + b"}"
        ),
        "zu tief verschachtelt",
    ),
    "empty object": (_content(b"{}"), "keine herford-tui-Datenbank: die Datei ist leer ({})"),
    "foreign json": (_content(b'{"users": {"1": {"login": "x"}}}'), "unbekannte Tabelle „users“"),
    "other TinyDB file": (_content(b'{"_default": {"1": {"title": "Einkauf"}}}'), "unbekannte Tabelle „_default“"),
    "only TinyDB's empty table": (_content(b'{"_default": {}}'), "keine bekannte Tabelle"),
    "duplicate record ids": (_content(DUPLICATE_IDS), "die Eintragsnummer 1 kommt in einer Tabelle doppelt vor"),
    "record is a list": (_content(json.dumps(META | {"persons": {"1": ["Muster"]}}).encode()), "kein Objekt"),
    "field of the wrong type": (
        _content(json.dumps(META | {"persons": {"1": {"family_name": ["Muster"], "rev": 1}}}).encode()),
        "Feld „family_name“: ungültiger Wert ['Muster'] (Text erwartet)",
    ),
    "text too long to be data": (
        _content(json.dumps(META | {"persons": {"1": {"family_name": "x" * 200_001, "rev": 1}}}).encode()),
        "Text zu lang, höchstens 100.000 Zeichen",
    ),
}


@pytest.fixture
def odd(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, str, dict[str, bytes | None]]:
    make, words = ODD_FILES[request.param]
    path = tmp_path / "db.json"
    make(path)
    return path, words, listing(tmp_path)


@pytest.mark.parametrize("odd", list(ODD_FILES), indirect=True)
def test_check_refuses_with_exit_code_2(odd):
    path, words, before = odd
    done = herford("check", "--db", str(path))
    assert done.returncode == 2, done.stdout + done.stderr
    assert words in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert listing(path.parent) == before


@pytest.mark.parametrize("odd", list(ODD_FILES), indirect=True)
def test_app_refuses_to_open_with_the_same_words(odd):
    path, words, before = odd
    done = herford("--db", str(path))
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("Fehler: ")
    assert words in done.stderr
    assert "Traceback" not in done.stderr
    assert listing(path.parent) == before


@pytest.mark.parametrize("odd", [k for k in ODD_FILES if k != "fifo"], indirect=True)
def test_store_refuses_with_a_store_error(odd):
    """In-process as well (no FIFO here: it is refused before any read, but a bug would hang)."""
    path, words, before = odd
    with pytest.raises(StoreError) as info:
        Store(path).open()
    assert words in str(info.value)
    assert listing(path.parent) == before


def test_only_a_missing_file_is_created(tmp_path: Path):
    path = tmp_path / "neu" / "db.json"
    Store(path).open(seed={})
    assert json.loads(path.read_bytes())["meta"]["1"]["schema"] == SCHEMA_VERSION


def test_old_herford_file_is_still_migrated_but_a_foreign_one_is_not(tmp_path: Path):
    old = tmp_path / "alt.json"
    old.write_text(json.dumps({"_default": {}, "persons": {"1": {"family_name": "Alt"}}}))
    assert Store(old).open().get(Person, 1).family_name == "Alt"
    assert "meta" in json.loads(old.read_bytes())
    foreign = tmp_path / "fremd.json"
    foreign.write_text(json.dumps({"_default": {"1": {"family_name": "Fremd"}}}))
    with pytest.raises(NotADatabaseError):
        Store(foreign).open()


def test_duplicate_ids_are_refused_not_silently_dropped(tmp_path: Path):
    path = tmp_path / "db.json"
    path.write_bytes(DUPLICATE_IDS)
    with pytest.raises(CorruptFileError, match="Eintragsnummer 1 kommt in einer Tabelle doppelt vor"):
        Store(path).open()
    assert path.read_bytes() == DUPLICATE_IDS


def test_numeric_keys_inside_a_record_are_not_duplicates(tmp_path: Path):
    """The fast duplicate count also sees such keys; the exact second look must let them pass."""
    path = tmp_path / "db.json"
    path.write_text(json.dumps(META | {"persons": {"1": {"family_name": "A", "rev": 1, "x": {"1": {}, "2": {}}}}}))
    assert Store(path).open().get(Person, 1).family_name == "A"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "db.json"
    Store(path).open()  # the seed: some 30 kB
    before = listing(tmp_path)
    monkeypatch.setenv(MAX_MB_ENV, "0.001")
    with pytest.raises(
        NotADatabaseError, match=r"kB groß, erlaubt sind höchstens 1 kB \(einstellbar mit \$HERFORD_TUI_MAX_MB\)"
    ):
        Store(path).open()
    report = check_file(path)
    assert report.exit_code == 2 and report.fatal is not None
    assert "einstellbar mit $HERFORD_TUI_MAX_MB" in report.fatal
    done = herford("--db", str(path), env={MAX_MB_ENV: "0.001"})
    assert done.returncode == 2 and "einstellbar mit" in done.stderr
    assert listing(tmp_path) == before


def _grown_after_fstat(monkeypatch: pytest.MonkeyPatch, path: Path, by: int) -> None:
    """``fstat`` of ``path`` says ``by`` bytes fewer than there are: the file grew while it was read."""
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        st = real(fd)
        if os.path.samestat(st, os.stat(path)):
            fields = list(st)
            fields[6] = st.st_size - by  # st_size
            return os.stat_result(fields)
        return st

    monkeypatch.setattr(files_module.os, "fstat", fstat)


def test_a_file_that_grew_while_it_was_read_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "db.json"
    Store(path).open()
    _grown_after_fstat(monkeypatch, path, by=1000)
    raw, _ = files_module.read_regular_file(path)
    assert raw == path.read_bytes()


def test_a_file_that_grew_over_the_limit_while_it_was_read_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "db.json"
    Store(path).open()  # the seed: some 30 kB
    monkeypatch.setenv(MAX_MB_ENV, "0.01")  # 10 kB: fstat's size is under it, the bytes are not
    _grown_after_fstat(monkeypatch, path, by=path.stat().st_size - 5000)
    with pytest.raises(NotADatabaseError, match="größer als"):
        files_module.read_regular_file(path)


# -- field limits (a 50 MB name) ---------------------------------------------------------------
def test_a_name_over_the_field_limit_is_a_problem_for_check(tmp_path: Path):
    path = tmp_path / "db.json"
    path.write_text(json.dumps(META | {"persons": {"1": {"family_name": "M" * 101, "given_name": "Anna", "rev": 1}}}))
    report = check_file(path)
    assert report.exit_code == 1
    assert report.problems == [
        "Person 1 (" + "M" * 101 + ", Anna): Nachname: Höchstens 100 Zeichen erlaubt, hier sind es 101."
    ]


def test_a_50_mb_name_is_refused_fast_everywhere(tmp_path: Path):
    path = tmp_path / "db.json"
    path.write_text(json.dumps(META | {"persons": {"1": {"family_name": "M" * 50_000_000, "rev": 1}}}))
    before = path.stat().st_mtime_ns
    # This process' CPU seconds, not the wall clock's: a loaded machine stretches the latter
    # (under 1 s here on a quiet one), while a refusal gone quadratic in the 50 MB shows in either.
    started = time.process_time()
    report = check_file(path)
    assert report.exit_code == 2
    assert "Person 1: Feld „family_name“: ungültiger Wert 'MMMM" in report.problems[0]
    assert "(50.000.000 Zeichen)" in report.problems[0]
    assert len("\n".join(report.lines())) < 2000  # the message does not quote 50 MB
    with pytest.raises(CorruptFileError, match="Text zu lang") as info:
        Store(path).open()
    assert len(str(info.value)) < 2000
    assert time.process_time() - started < 10
    assert path.stat().st_mtime_ns == before


def test_store_refuses_to_save_an_over_long_field(empty_store: Store, db_path: Path):
    before = db_path.read_bytes()
    with pytest.raises(ValidationError, match=r"Nachname: Höchstens 100 Zeichen erlaubt, hier sind es 5\.000\.000"):
        empty_store.save(Person(family_name="x" * 5_000_000))
    assert db_path.read_bytes() == before


def test_save_many_refuses_an_over_long_field(empty_store: Store, db_path: Path):
    """Imports and demo data go through save_many: no text a form would refuse gets in that way."""
    before = db_path.read_bytes()
    with pytest.raises(ValidationError, match=r"Notizen: Höchstens 10\.000 Zeichen"):
        empty_store.save_many([Person(family_name="A"), Person(family_name="B", notes="x" * 10_001)])
    assert db_path.read_bytes() == before
