"""``store.errors.target_problem``: why a file the user typed cannot be written there, in German,
before anything is rendered or asked (the document and invitation dialogs)."""

from __future__ import annotations

import os
from pathlib import Path

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
