"""Stored text made safe to show: control characters become visible stand-ins.

User text is data. A name may hold anything a keyboard, a paste or an import can
produce, including terminal escape sequences (ESC, CSI ``\\x9b``), carriage returns
and bidirectional overrides. Sent to a terminal raw, these change its title, clear
the screen or reorder what is shown. ``printable`` turns each of them into a short
visible escape such as ``\\x1b`` or ``\\u202e``; everything else stays as typed.
This module only changes how text looks; what is stored stays exactly as entered.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Joiners shape emoji sequences and some scripts: they are not hidden tricks.
_KEEP = frozenset({"\u200c", "\u200d"})


@lru_cache(maxsize=4096)
def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _needs_stand_in(char: str, keep_newlines: bool) -> bool:
    if char == "\n":
        return not keep_newlines
    if char in _KEEP:
        return False
    # Cc: C0/C1 controls (ESC, BEL, CR, CSI …); Cf: format characters such as the
    # right-to-left override or a zero-width space; Cs: lone surrogates; Zl/Zp:
    # line and paragraph separators, which terminals treat like a new line.
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control and format character shown as a visible escape.

    With ``keep_newlines`` a line feed stays a line break (multi-line notes); a tab
    is always shown as one space.
    """
    if text.isprintable():  # the common case, checked in C
        return text
    out = []
    for char in text:
        if char == "\t":
            out.append(" ")
        elif _needs_stand_in(char, keep_newlines):
            out.append(_stand_in(char))
        else:
            out.append(char)
    return "".join(out)


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters, the last one „…“: a name or value quoted in a message
    stays one line however long it was typed (the default: what import and form messages quote)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def single_line(text: str) -> tuple[str, bool]:
    """Line breaks in pasted text replaced by spaces; True if there were any."""
    if not any(c in text for c in "\r\n\u2028\u2029\x0b\x0c\x85"):
        return text, False
    for brk in ("\r\n", "\r", "\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"):
        text = text.replace(brk, " ")
    return text, True
