"""Stored text shown safely: control characters visible, markup-like text literal."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from herford_tui.domain.text import printable, single_line
from herford_tui.ui.common.format import plain, plain_cell


def test_escape_sequences_become_visible():
    assert printable("a\x1b]0;titel\x07b") == "a\\x1b]0;titel\\x07b"
    assert printable("\x1b[2J") == "\\x1b[2J"
    assert printable("\x9b31m") == "\\x9b31m"
    assert printable("abc\u202edef") == "abc\\u202edef"
    assert printable("zero\u200bwidth") == "zero\\u200bwidth"
    assert printable("a\rb") == "a\\x0db"


def test_ordinary_text_is_unchanged():
    for text in ("Müller [Kita]", "Sommer [/b]", "[@click=app.quit]x[/]", "Straße 🙂", "Ça va"):
        assert printable(text) == text
    assert printable("Zeile 1\nZeile 2", keep_newlines=True) == "Zeile 1\nZeile 2"
    assert printable("Zeile 1\nZeile 2") == "Zeile 1\\x0aZeile 2"


def test_markup_is_never_parsed():
    assert plain("Sommer [/b]").plain == "Sommer [/b]"
    assert plain("[bold red]X[/]", "bold").plain == "[bold red]X[/]"
    assert plain_cell("[b]Kita[/b]").plain == "[b]Kita[/b]"


def test_pasted_line_breaks_become_spaces():
    assert single_line("Brink\nmann") == ("Brink mann", True)
    assert single_line("Brink\r\nmann") == ("Brink mann", True)
    assert single_line("Brinkmann") == ("Brinkmann", False)


@given(st.text())
def test_nothing_unsafe_survives(text):
    shown = printable(text)
    unsafe = {"Cc", "Cf", "Cs", "Zl", "Zp"}
    assert not [c for c in shown if unicodedata.category(c) in unsafe and c not in "\u200c\u200d"]
    assert "\x1b" not in shown and "\x9b" not in shown and "\r" not in shown
