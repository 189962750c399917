"""Stored text made safe to show: control characters become visible stand-ins.

User text is data. A name may hold anything a keyboard, a paste or an import can
produce, including terminal escape sequences (ESC, CSI ``\\x9b``), carriage returns
and bidirectional overrides. Sent to a terminal raw, these change its title, clear
the screen or reorder what is shown. ``printable`` turns each of them into a short
visible escape such as ``\\x1b`` or ``\\u202e``; everything else stays as typed.
This module only changes how text looks; what is stored stays exactly as entered.
"""

from __future__ import annotations

import re
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


_HIDDEN_CHARS = (
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"  # Cc but the ones that are white space (they split words)
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"  # Cf
)
"""The control and format characters that are no white space: Cc and Cf of Unicode (a test
holds the class to ``unicodedata``)."""
_HIDDEN = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves ("\x1b[31m")
    "|(?:\x1b\\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)"  # OSC: a window title (ended)
    f"|[{_HIDDEN_CHARS}]"
)


def searchable(text: str) -> str:
    """``text`` without what ``printable`` shows as escapes and a terminal would not show as
    letters: escape sequences ("\\x1b[31m") and other control and format characters (soft hyphen,
    zero-width space, bidi overrides) are taken out, so the letters around them join as they
    read ("Mül\\u00adler" is found as "Müller", "\\x1b[31mRot" as "Rot"). Line breaks, tabs and
    other white space stay: they part words. What the search indexes (``search_index.tokens``)."""
    if text.isprintable():  # the common case, checked in C
        return text
    if all(line.isprintable() for line in text.replace("\t", " ").splitlines()):
        return text  # only line breaks and tabs (notes, minutes): a tenth of the regex's time
    return _HIDDEN.sub("", text)


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
