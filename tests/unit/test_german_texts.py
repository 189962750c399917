"""Texts a user sees that come from the libraries, in German."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui.cli import main

PACKAGE = Path(__file__).resolve().parents[2] / "herford_tui"


@pytest.mark.parametrize("command", [["demo", "--help"], ["--help"], ["check", "--help"]])
def test_click_help_has_no_english_markers(command):
    out = CliRunner().invoke(main, command).output
    assert "default" not in out.lower() and "required" not in out.lower() and "INTEGER" not in out
    if command[0] == "demo":
        assert "[Standard: small]" in " ".join(out.split())
        assert "[Standard: 1]" in out


def test_every_select_is_the_german_one():
    """Textual's Select footer says "esc Dismiss menu"; ui/common/select.py says it in German."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "select.py" and re.search(r"from textual\.widgets import[^\n]*\bSelect\b", path.read_text())
    ]
    assert offenders == []
