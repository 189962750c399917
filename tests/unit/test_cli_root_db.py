"""``herford-tui --db X BEFEHL`` works on X for every command, never on the default database.

A command that took only its own ``--db`` used to fall back to the user's default file here:
``herford-tui --db test.json person loeschen 5`` would have erased in the wrong database.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.store import Store
from herford_tui.store.demo import write_demo


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("root-db") / "demo.json"
    write_demo(Store(path, backups=0).open(), size="small", seed=1)
    return path


def a_person_id(path: Path) -> int:
    return min(Store(path, read_only=True).open().snapshot().persons)


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["suche", "Demo"],
        ["termine", "--tage", "3650"],
        ["log"],
        ["backups"],
        ["export", "csv", "personen", "--out", "{tmp}/personen.csv"],
        ["export", "ics", "--out", "-"],
    ],
    ids=lambda args: "-".join(args[:2]),
)
def test_a_command_reads_the_database_given_before_it(
    runner: CliRunner, demo_db: Path, tmp_path: Path, args: list[str]
):
    args = [arg.format(tmp=tmp_path) for arg in args]
    result = runner.invoke(main, ["--db", str(demo_db), *args])
    assert result.exit_code == 0, result.output
    assert "gibt es nicht" not in result.output
    assert not (tmp_path / "xdg").exists()  # the default database's folder was never made


def test_person_auskunft_uses_the_database_given_before_it(runner: CliRunner, demo_db: Path):
    pid = a_person_id(demo_db)
    result = runner.invoke(main, ["--db", str(demo_db), "person", "auskunft", str(pid)])
    assert result.exit_code == 0, result.output
    assert "gibt es nicht" not in result.output


def test_the_commands_own_db_wins(runner: CliRunner, demo_db: Path, tmp_path: Path):
    missing = tmp_path / "nix.json"
    result = runner.invoke(main, ["--db", str(demo_db), "check", "--db", str(missing)])
    assert result.exit_code == 2
    assert str(missing) in result.output


def test_demo_writes_to_the_database_given_before_it(runner: CliRunner, tmp_path: Path):
    target = tmp_path / "neu" / "demo.json"
    result = runner.invoke(main, ["--db", str(target), "demo"])
    assert result.exit_code == 0, result.output
    assert target.exists()
    assert not (tmp_path / "xdg").exists()
