"""``herford-tui`` (``start.main``): the app alone starts without click, anything else is click's,
and a start without click ends as one through click ends (messages, exit codes, the collector)."""

from __future__ import annotations

import gc
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from herford_tui import __version__, start
from herford_tui.start import plain_start

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("args", "options"),
    [
        ([], {}),
        (["--db", "x.json"], {"db": "x.json"}),
        (["--db=x.json"], {"db": "x.json"}),
        (["--db=a=b.json"], {"db": "a=b.json"}),
        (["--open", "jahr", "--read-only", "--db", "x"], {"open_view": "jahr", "read_only": True, "db": "x"}),
        (["--open=AK 3"], {"open_view": "AK 3"}),
    ],
)
def test_the_apps_own_options_start_it_without_click(args: list[str], options: dict[str, object]):
    assert plain_start(args) == options


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--db"],  # click says what is missing
        ["--db="],
        ["--db", "-x"],  # click's rules for a value that looks like an option
        ["--db", "a", "--db", "b"],
        ["--read-only", "--read-only"],
        ["--read-only=ja"],
        ["--open"],
        ["--dbx", "a"],
        ["--", "--db", "a"],
        ["--db", "a", "check"],
        ["-"],
    ],
)
def test_anything_else_is_clicks(args: list[str]):
    assert plain_start(args) is None


def run_entry(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    code = "import sys\nfrom herford_tui.start import main\nsys.argv = ['herford-tui', *sys.argv[1:]]\nmain()\n"
    environ = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    environ.pop("HERFORD_TUI_DB", None)
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=environ, cwd=REPO, timeout=60
    )


def test_a_broken_file_ends_in_german_as_through_click(tmp_path: Path):
    broken = tmp_path / "kaputt.json"
    broken.write_bytes(b"\xff not json")
    done = run_entry(["--db", str(broken)])
    assert done.returncode == 2
    assert done.stderr.startswith(f"Fehler: Die Datenbank {broken} ist nicht lesbar")
    assert broken.read_bytes() == b"\xff not json"


def test_an_unknown_view_and_clicks_own_errors(tmp_path: Path):
    done = run_entry(["--db", str(tmp_path / "neu.json"), "--open", "vorstand"])
    assert (done.returncode, done.stderr.splitlines()[0][:31]) == (2, "Fehler: Unbekannte Ansicht „vor")
    done = run_entry(["--db"])  # click's message, in German
    assert done.returncode == 2 and "--db" in done.stderr and "Fehler" in done.stderr
    done = run_entry(["--version"])
    assert (done.returncode, done.stdout) == (0, f"herford-tui {__version__}\n")


def test_the_start_imports_neither_click_nor_the_cli(tmp_path: Path):
    """What the app's start imports before the app runs (``start_app`` stands in for it here)."""
    code = (
        "import json, sys\n"
        "from herford_tui import start\n"
        "def app(*args):\n"
        "    print(json.dumps([sorted(sys.modules), *args]))\n"
        "start.start_app = lambda db, open_view, read_only: app(db, open_view, read_only)\n"
        "sys.argv = ['herford-tui', '--db', 'x.json', '--read-only']\n"
        "start.main()\n"
    )
    environ = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environ, cwd=REPO, timeout=60
    )
    assert done.returncode == 0, done.stderr
    modules, db, open_view, read_only = json.loads(done.stdout)
    assert (db, open_view, read_only) == ("x.json", None, True)
    assert "click" not in modules and "herford_tui.cli" not in modules


def test_shell_completion_is_clicks(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Click names the variable after the program as started: "herford-tui" for the installed
    command, but "python -m pytest.herford-tui" under ``python -m pytest``, where this test once
    ran the app itself (cli's own start_app, not the one replaced here): it passed when the app
    ended at once without a terminal, and hung in a run where it did not."""
    called: list[str] = []
    monkeypatch.setenv("_HERFORD_TUI_COMPLETE", "bash_source")
    monkeypatch.setattr(sys, "argv", ["herford-tui"])
    monkeypatch.setitem(sys.modules, "__main__", ModuleType("__main__"))  # as the installed command starts
    cli = importlib.import_module("herford_tui.cli")
    for module in (start, cli):
        monkeypatch.setattr(module, "start_app", lambda *args: called.append("app"))
    with pytest.raises(SystemExit) as ended:
        start.main()
    assert ended.value.code == 0 and not called
    assert "_herford_tui_completion_setup" in capsys.readouterr().out  # click's bash script


def test_a_failed_start_leaves_the_collector_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    broken = tmp_path / "kaputt.json"
    broken.write_bytes(b"[1, 2, 3]")
    monkeypatch.setattr(sys, "argv", ["herford-tui", "--db", str(broken)])
    with pytest.raises(SystemExit) as ended:
        start.main()
    assert ended.value.code == 2
    assert gc.isenabled()
