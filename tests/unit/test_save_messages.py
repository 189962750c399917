"""The German message for each way a save can fail (pure functions, no Textual app)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from herford_tui.domain import Problem, ValidationError
from herford_tui.store import SaveCancelled, StoreError
from herford_tui.ui.common.failures import KEPT, describe_failure
from herford_tui.ui.common.fields import visible

DB = Path("/srv/herford-tui/herford.json")


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), ["Keine Schreibrechte", "unverändert"]),
        (OSError(errno.ENOSPC, "No space left on device"), ["Kein Platz mehr", "/srv/herford-tui"]),
        (OSError(errno.EROFS, "Read-only file system"), ["schreibgeschützt"]),
        (FileNotFoundError(errno.ENOENT, "No such file"), ["nicht mehr da"]),
        (OSError(errno.EIO, "Input/output error"), ["Schreibfehler", "Input/output error"]),
        (SaveCancelled(), ["abgebrochen", "Nichts wurde gespeichert"]),
        (StoreError("Die Datenbank ist gesperrt."), ["Nicht gespeichert: Die Datenbank ist gesperrt."]),
        (ValidationError([Problem("name", "leer")]), ["markierten Angaben"]),
        (RuntimeError("kaputt"), ["unerwarteter Fehler", "RuntimeError: kaputt"]),
    ],
)
def test_every_failure_says_what_happened_and_that_the_input_is_kept(error, words):
    message = describe_failure(error, DB)
    for word in (*words, KEPT):
        assert word in message


def test_input_fields_show_control_characters_as_one_visible_cell_each():
    assert visible("Sommer") == "Sommer"
    shown = visible("a\x1b[2Jb\u202ec\r")
    assert "\x1b" not in shown and "\u202e" not in shown and "\r" not in shown
    assert len(shown) == len("a\x1b[2Jb\u202ec\r")  # the cursor still counts characters
    assert visible("👩\u200d💻") == "👩\u200d💻"  # joiners shape emoji: kept
