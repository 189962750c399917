"""Every command that writes a file for the user says the same when it cannot
(``commands/common.write_out``/``write_failed``): there already, or the system's reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.domain import Meeting
from herford_tui.store import Store


def _commands(store: Store) -> dict[str, list[str]]:
    committee = min(store.snapshot().committees)
    meeting = store.save(Meeting(committee_id=committee, date=date(2026, 11, 28))).id
    return {
        "export.csv": ["export", "csv", "organisationen"],
        "export.xlsx": ["export", "xlsx", "personen"],
        "anwesenheit.csv": ["export", "anwesenheit", str(meeting)],
        "karten.vcf": ["export", "vcard"],
        "auswertung.csv": ["auswertung"],
    }


def test_no_command_overwrites_a_file_without_force(store: Store, runner: CliRunner, tmp_path: Path):
    for name, args in _commands(store).items():
        target = tmp_path / name
        target.write_bytes(b"vorher")
        result = runner.invoke(main, [*args, "--db", str(store.path), "--out", str(target)])
        assert result.exit_code == 2, (name, result.output)
        assert f"{target} gibt es schon und bleibt unverändert. Mit --force überschreiben." in result.stderr, name
        assert target.read_bytes() == b"vorher"


@pytest.mark.parametrize("name", ["export.csv", "anwesenheit.csv", "karten.vcf", "auswertung.csv"])
def test_a_missing_folder_reads_the_same_in_every_command(name: str, store: Store, runner: CliRunner, tmp_path: Path):
    target = tmp_path / "fehlt" / name
    result = runner.invoke(main, [*_commands(store)[name], "--db", str(store.path), "--out", str(target)])
    assert result.exit_code == 2, result.output
    assert f"{target} lässt sich nicht schreiben (Datei oder Ordner gibt es nicht)." in result.stderr
