"""Symbols that every terminal can show.

The Linux console (TERM=linux, also a serial line or an old PuTTY font) lacks emoji and most
arrows. There, or with ``--ascii`` (``HERFORD_TUI_ASCII=1``), plain ASCII stands in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache

ENV_ASCII = "HERFORD_TUI_ASCII"
SMALL_FONT_TERMS = ("linux", "vt100", "vt102", "vt220", "dumb", "ansi")


@dataclass(frozen=True)
class Glyphs:
    """The symbols the UI draws, in the terminal's set (Unicode or ASCII)."""

    search: str
    run: str
    deputy: str
    ellipsis: str
    ended: str
    """Before an ended membership (with its "bis …"): ended is said in signs, not only in grey."""
    hidden_before: str = "‹"
    """At an end of a row of tabs: more tabs are scrolled out on this side."""
    hidden_after: str = "›"


UNICODE = Glyphs(search="🔎", run="▶", deputy="↳", ellipsis="…", ended="✗")
ASCII = Glyphs(search=">", run=">", deputy="->", ellipsis="...", ended="x", hidden_before="<", hidden_after=">")


def ascii_only(environ: dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    if env.get(ENV_ASCII, "") not in ("", "0"):
        return True
    return env.get("TERM", "") in SMALL_FONT_TERMS


@cache
def glyphs() -> Glyphs:
    return ASCII if ascii_only() else UNICODE
