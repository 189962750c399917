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
        "sitzungen.ics": ["export", "ics"],  # a calendar exported again and again: with --force
    }


def test_no_command_overwrites_a_file_without_force(store: Store, runner: CliRunner, tmp_path: Path):
    for name, args in _commands(store).items():
        target = tmp_path / name
        target.write_bytes(b"vorher")
        result = runner.invoke(main, [*args, "--db", str(store.path), "--out", str(target)])
        assert result.exit_code == 2, (name, result.output)
        assert f"{target} gibt es schon und bleibt unverändert. Mit --force überschreiben." in result.stderr, name
        assert target.read_bytes() == b"vorher"


@pytest.mark.parametrize("name", ["export.csv", "anwesenheit.csv", "karten.vcf", "auswertung.csv", "sitzungen.ics"])
def test_a_missing_folder_reads_the_same_in_every_command(name: str, store: Store, runner: CliRunner, tmp_path: Path):
    target = tmp_path / "fehlt" / name
    result = runner.invoke(main, [*_commands(store)[name], "--db", str(store.path), "--out", str(target)])
    assert result.exit_code == 2, result.output
    assert f"{target} lässt sich nicht schreiben (Datei oder Ordner gibt es nicht)." in result.stderr


def test_the_commands_and_the_app_give_one_reason(tmp_path: Path):
    """The app's dialogs (export, document, invitation, calendar) say ``not_written`` too."""
    from herford_tui.store.errors import not_written
    from herford_tui.store.files import ExistsError, write_atomic

    target = tmp_path / "da.txt"
    target.write_text("vorher")
    try:
        write_atomic(target, b"neu", overwrite=False)
    except OSError as exc:
        assert not_written(target, exc) == f"{target} ist inzwischen entstanden und bleibt unverändert."
        assert isinstance(exc, ExistsError)
    missing = tmp_path / "fehlt" / "x.txt"
    try:
        write_atomic(missing, b"neu")
    except OSError as exc:
        assert not_written(missing, exc) == f"{missing} lässt sich nicht schreiben (Datei oder Ordner gibt es nicht)."
    assert target.read_text() == "vorher" and not missing.exists()
