"""The ``herford-tui`` command line: help, version, ``check`` exit codes, ``demo``, where the file is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui import __version__
from herford_tui.cli import ENV_DB, main, resolve_db
from herford_tui.store import Store


@pytest.fixture
def good_db(tmp_path: Path) -> Path:
    path = tmp_path / "good.json"
    Store(path).open()
    return path


# -- help and version ------------------------------------------------------------------------------
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_the_commands_in_german(runner: CliRunner, flag: str):
    result = runner.invoke(main, [flag])
    assert result.exit_code == 0
    assert "Terminal-Dashboard des Bildungsbüros" in result.output
    for command in ("check", "demo"):
        assert command in result.output
    assert "--db PFAD" in result.output


def test_subcommand_help(runner: CliRunner):
    result = runner.invoke(main, ["check", "--help"])
    assert result.exit_code == 0
    assert "ohne sie zu verändern" in result.output
    result = runner.invoke(main, ["demo", "--help"])
    assert result.exit_code == 0
    assert "[small|x1|x10]" in result.output


def test_version(runner: CliRunner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"herford-tui {__version__}\n"


def test_module_entry_point_and_no_textual_for_check(tmp_path: Path, good_db: Path):
    """``python -m herford_tui`` works, and ``check`` never loads Textual (fast start over SSH)."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from herford_tui.cli import main\n"
        f"result = CliRunner().invoke(main, ['check', '--db', {str(good_db)!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "import herford_tui.store.demo\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    done = subprocess.run(
        [sys.executable, "-m", "herford_tui", "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout) == (0, f"herford-tui {__version__}\n")


# -- check -----------------------------------------------------------------------------------------
def test_check_good_file_exits_0(runner: CliRunner, good_db: Path):
    result = runner.invoke(main, ["check", "--db", str(good_db)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Prüfe {good_db} …",
        "7 Gremien, 17 Organisationen, 0 Personen, 0 Mitgliedschaften, 0 Sitzungen geprüft.",
        "OK: keine Probleme gefunden.",
    ]


def test_check_problems_exit_1(runner: CliRunner, good_db: Path):
    data = json.loads(good_db.read_bytes())
    data["organisations"]["3"]["municipality"] = "Bielefeld"
    data["committees"]["1"]["rhythm_max"] = 99
    good_db.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(main, ["check", "--db", str(good_db)])
    assert result.exit_code == 1
    assert "2 Probleme:" in result.output
    assert "  Organisation 3 („Bildungsbüro des Kreises Herford“): Kommune: „Bielefeld“" in result.output


def test_check_missing_file_exits_2(runner: CliRunner, tmp_path: Path):
    missing = tmp_path / "fehlt.json"
    result = runner.invoke(main, ["check", "--db", str(missing)])
    assert result.exit_code == 2
    assert f"Prüfe {missing} …" in result.output
    assert "Fehler: Die Datei gibt es nicht." in result.output
    assert not missing.exists()  # check never creates a database


def test_check_corrupt_file_exits_2_and_names_backup(runner: CliRunner, good_db: Path):
    backup = good_db.with_name(good_db.name + ".1.bak")
    backup.write_bytes(good_db.read_bytes())
    good_db.write_bytes(good_db.read_bytes()[:100])
    result = runner.invoke(main, ["check", "--db", str(good_db)])
    assert result.exit_code == 2
    assert "Fehler: Die Datei ist beschädigt: JSON-Fehler" in result.output
    assert f"cp {backup} {good_db}" in result.output


# -- demo ------------------------------------------------------------------------------------------
def test_demo_writes_a_new_file_that_checks_ok(runner: CliRunner, tmp_path: Path):
    path = tmp_path / "sub" / "demo.json"
    result = runner.invoke(main, ["demo", "--db", str(path), "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Demodaten geschrieben nach {path}: 40 Organisationen, 120 Personen, ")
    assert result.output.rstrip().endswith("30 Sitzungen.")
    assert runner.invoke(main, ["check", "--db", str(path)]).exit_code == 0
    # no .bak, lock or draft clutter; the log belongs to the file (its chain is checked with it)
    assert sorted(p.name for p in path.parent.iterdir()) == ["demo.json", "demo.json.log"]


def test_demo_refuses_an_existing_file(runner: CliRunner, good_db: Path):
    before = good_db.read_bytes(), good_db.stat().st_mtime_ns
    result = runner.invoke(main, ["demo", "--db", str(good_db)])
    assert result.exit_code == 2
    assert f"Fehler: {good_db} gibt es schon. Demodaten nur in eine neue Datei." in result.output
    assert (good_db.read_bytes(), good_db.stat().st_mtime_ns) == before


def test_demo_rejects_an_unknown_size(runner: CliRunner, tmp_path: Path):
    result = runner.invoke(main, ["demo", "--db", str(tmp_path / "d.json"), "--size", "huge"])
    assert result.exit_code == 2
    assert "huge" in result.output
    assert not (tmp_path / "d.json").exists()


# -- where the database is -------------------------------------------------------------------------
def test_db_option_beats_env_beats_default(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    default = tmp_path / "xdg" / "herford-tui" / "herford.json"
    assert resolve_db(None) == default
    monkeypatch.setenv(ENV_DB, str(tmp_path / "env.json"))
    assert resolve_db(None) == tmp_path / "env.json"
    assert resolve_db(str(tmp_path / "opt.json")) == tmp_path / "opt.json"
    monkeypatch.setenv(ENV_DB, "")
    assert resolve_db(None) == default  # an empty variable counts as not set


def test_db_tilde_is_expanded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_db("~/x.json") == tmp_path / "x.json"
    monkeypatch.setenv(ENV_DB, "~/y.json")
    assert resolve_db(None) == tmp_path / "y.json"


@pytest.mark.parametrize(
    ("env", "option", "expected"),
    [
        (None, None, "xdg/herford-tui/herford.json"),
        ("env.json", None, "env.json"),
        ("env.json", "opt.json", "opt.json"),
        (None, "opt.json", "opt.json"),
    ],
)
def test_commands_use_the_resolved_path(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env, option, expected: str
):
    if env:
        monkeypatch.setenv(ENV_DB, str(tmp_path / env))
    args = ["--db", str(tmp_path / option)] if option else []
    result = runner.invoke(main, ["check", *args])
    assert result.output.splitlines()[0] == f"Prüfe {tmp_path / expected} …"
    assert result.exit_code == 2  # nothing there yet
    result = runner.invoke(main, ["demo", *args])
    assert result.exit_code == 0, result.output
    assert (tmp_path / expected).is_file()
    assert [p.name for p in tmp_path.glob("*.json")] == ([Path(expected).name] if "/" not in expected else [])


def test_help_speaks_german():
    result = CliRunner().invoke(main, ["--help"], prog_name="herford-tui")
    assert result.exit_code == 0
    assert result.output.startswith("Aufruf: herford-tui [OPTIONEN] [BEFEHL]")
    assert "Optionen:" in result.output and "Befehle:" in result.output
    assert "Diese Hilfe anzeigen." in result.output
    assert "Show this message" not in result.output
    check_help = CliRunner().invoke(main, ["check", "--help"], prog_name="herford-tui").output
    assert check_help.startswith("Aufruf: herford-tui check [OPTIONEN]") and "Optionen:" in check_help


def test_auswertung_without_a_year_takes_the_current_one(runner: CliRunner, good_db: Path):
    from datetime import date

    without = runner.invoke(main, ["auswertung", "--db", str(good_db)])
    with_year = runner.invoke(main, ["auswertung", str(date.today().year), "--db", str(good_db)])
    assert without.exit_code == 0 == with_year.exit_code, without.output
    assert without.output == with_year.output and str(date.today().year) in without.output
