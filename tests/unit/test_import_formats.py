"""``herford-tui import``: the help names every ART, and a file of another format (the ICS the
calendar export writes) is refused by name, not read as a CSV with one odd column."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.commands.imports import import_command
from herford_tui.exchange.tabular import TableError, read_tables
from herford_tui.store import Store


def test_the_help_lists_every_art():
    kind = next(p for p in import_command.params if p.name == "kind")
    assert isinstance(kind.type, click.Choice)
    result = CliRunner().invoke(main, ["import", "--help"])
    assert result.exit_code == 0
    listed = " ".join(result.output.split())
    for art in kind.type.choices:
        assert art in listed, art
    assert "ICS" in listed


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "eine Kalenderdatei (ICS)"),
        (b"\xef\xbb\xbfbegin:vcard\r\nEND:VCARD\r\n", "eine Visitenkarten-Datei (vCard)"),
    ],
)
def test_another_format_is_named(tmp_path: Path, content: bytes, named: str):
    path = tmp_path / "datei"
    path.write_bytes(content)
    with pytest.raises(TableError, match="CSV- und XLSX-Dateien") as caught:
        read_tables(path)
    assert f"ist {named} und lässt sich nicht importieren" in str(caught.value)


def test_importing_an_ics_file_says_so_in_german(tmp_path: Path):
    db = tmp_path / "herford.json"
    Store(db).open()
    before = db.read_bytes()
    ics = tmp_path / "all.ics"
    ics.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = CliRunner().invoke(main, ["import", "sitzungen", str(ics), "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "Kalenderdatei (ICS) und lässt sich nicht importieren" in result.output
    assert "BEGIN:VCALENDAR" not in result.output and "Spalte fehlt" not in result.output
    assert db.read_bytes() == before
