"""``--out -`` writes an export to the standard output (never a file named "-"), and the static
OParl export publishes by default like the endpoint (everything only with ``--intern``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.store import Store
from herford_tui.store.demo import write_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "db.json"
    write_demo(Store(path, backups=0).open(), size="small", seed=3)
    return path


def run(runner: CliRunner, args: list[str]):
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output + (result.stderr or "")
    return result


def test_tables_and_lists_go_to_the_standard_output(
    runner: CliRunner, demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    db = ["--db", str(demo)]
    monkeypatch.chdir(tmp_path)  # a file named "-" would appear here
    meeting = Store(demo, read_only=True).open().snapshot()
    first = min(m.id for m in meeting.meetings.values())
    for args, file_args in (
        (["export", "csv", "personen", *db], []),
        (["export", "csv", "sitzungen", "--verlauf", *db], []),
        (["export", "emails", "--gremium", "Lenkungskreis", *db], []),
        (["auswertung", str(date.today().year), "--csv", *db], []),
        (["export", "anwesenheit", str(first), *db], []),
    ):
        piped = run(runner, [*args, "--out", "-"]).stdout_bytes
        target = tmp_path / f"file{len(list(tmp_path.iterdir()))}.csv"
        run(runner, [*args, *file_args, "--out", str(target)])
        assert piped == target.read_bytes(), args  # the same bytes as the file, byte order mark and all
    xlsx = run(runner, ["export", "xlsx", "personen", *db, "--out", "-"]).stdout_bytes
    assert xlsx.startswith(b"PK\x03\x04")  # the workbook itself, into the pipe
    assert not (tmp_path / "-").exists()


def test_oparl_refuses_the_standard_output(
    runner: CliRunner, demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["export", "oparl", "--db", str(demo), "--out", "-"])
    assert result.exit_code == 2
    assert "Ordner" in result.stderr
    assert not (tmp_path / "-").exists()


def test_static_oparl_export_publishes_by_default(runner: CliRunner, demo: Path, tmp_path: Path):
    snapshot = Store(demo, read_only=True).open().snapshot()
    emails = [p.email for p in snapshot.persons.values() if p.email]
    assert emails
    default, internal = tmp_path / "default", tmp_path / "intern"
    run(runner, ["export", "oparl", "--db", str(demo), "--out", str(default)])
    run(runner, ["export", "oparl", "--db", str(demo), "--out", str(internal), "--intern"])

    def blob(folder: Path) -> bytes:
        return b"".join(f.read_bytes() for f in sorted(folder.rglob("*.json")))

    published, everything = blob(default), blob(internal)
    assert b'"email"' not in published and b'"participant"' not in published
    assert b'"email"' in everything
    assert any(e.encode() in everything for e in emails)


def test_the_auskunft_goes_to_the_standard_output_with_a_dash(
    runner: CliRunner, demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    person = min(Store(demo, read_only=True).open().snapshot().persons)
    shown = run(runner, ["person", "auskunft", str(person), "--db", str(demo)]).stdout
    dashed = run(runner, ["person", "auskunft", str(person), "--db", str(demo), "--datei", "-"]).stdout
    assert dashed == shown and "Auskunft nach Art. 15 DSGVO" in dashed
    assert not (tmp_path / "-").exists()
