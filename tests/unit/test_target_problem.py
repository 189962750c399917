"""``store.errors.target_problem``: why a file the user typed cannot be written there, in German,
before anything is rendered or asked (the document and invitation dialogs)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from herford_tui.store.errors import target_problem


def test_a_writable_folder_is_no_problem(tmp_path: Path):
    assert target_problem(tmp_path / "einladung.pdf") is None
    (tmp_path / "einladung.pdf").write_bytes(b"")
    assert target_problem(tmp_path / "einladung.pdf") is None  # there already: the dialog asks


def test_each_problem_is_said_in_german(tmp_path: Path, monkeypatch):
    assert target_problem(tmp_path) == f"{tmp_path} ist ein Ordner; bitte einen Dateinamen angeben."
    missing = tmp_path / "fehlt" / "a.pdf"
    assert target_problem(missing) == (
        f"Den Ordner {tmp_path / 'fehlt'} gibt es nicht; bitte einen vorhandenen Ordner angeben."
    )
    (tmp_path / "datei").write_bytes(b"")
    assert target_problem(tmp_path / "datei" / "a.pdf") == (
        f"{tmp_path / 'datei'} ist kein Ordner; bitte einen vorhandenen Ordner angeben."
    )
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # root may write anything: injected
    assert target_problem(tmp_path / "a.pdf") == (
        f"In den Ordner {tmp_path} darf nicht geschrieben werden (keine Berechtigung); bitte einen anderen angeben."
    )


@pytest.mark.parametrize(
    "arguments",
    [["export", "ics"], ["export", "csv", "personen"], ["dokument", "einladung", "1"]],
    ids=["ics", "csv", "dokument"],
)
@pytest.mark.parametrize("force", [False, True])
def test_a_folder_given_as_out_asks_for_a_file_name_not_for_force(tmp_path, arguments, force):
    """New-user walk: ``export ics --out ~/Kalender`` (a folder) said "gibt es schon … Mit --force
    überschreiben", and with --force "lässt sich nicht schreiben (ist ein Ordner)"."""
    from click.testing import CliRunner

    from herford_tui.cli import main
    from herford_tui.domain import Meeting
    from herford_tui.store import Store

    db = tmp_path / "db.json"
    store = Store(db).open()
    committee = next(iter(store.snapshot().committees.values()))
    store.save(Meeting(committee_id=committee.id, date=date(2026, 12, 9)))
    folder = tmp_path / ("Ordner.pdf" if arguments[0] == "dokument" else "Ordner")
    folder.mkdir()
    command = ["--db", str(db), *arguments, "--out", str(folder), *(["--force"] if force else [])]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2
    assert f"Fehler: {folder} ist ein Ordner; bitte einen Dateinamen angeben." in result.output, result.output
    assert "--force" not in result.output
