"""Adapting to the terminal: the Linux console, NO_COLOR, a slow SSH link.

- Linux console (TERM=linux) or ``HERFORD_TUI_ASCII=1``: the App gets the class ``-ascii``;
  app.tcss then avoids glyphs the console font lacks (tab underline, thick and tall borders),
  scrollbars move by whole cells, and ``glyphs()`` swaps our own symbols for ASCII.
- NO_COLOR: Textual shows greys only; app.tcss (``App:nocolor``) marks the cursor, the active
  tab and errors by reverse/bold text as well, so meaning never rests on colour alone.
- Over SSH (or on the console): no animations, each frame costs bandwidth. An explicit
  ``TEXTUAL_ANIMATIONS`` wins.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from textual.app import App
from textual.scrollbar import ScrollBar, ScrollBarRender

from herford_tui.ui.common.glyphs import ascii_only

ENV_SLOW = "HERFORD_TUI_SLOW"


def slow_link(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    if env.get("TEXTUAL_ANIMATIONS"):
        return False  # the user chose
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY") or env.get(ENV_SLOW) or ascii_only(dict(env)))


class WholeCellScrollBarRender(ScrollBarRender):
    """A scrollbar thumb of whole cells: the console font lacks the eighth blocks ("▁▆", "▉▏")
    that place the thumb's ends within a cell."""

    VERTICAL_BARS = [" "]
    HORIZONTAL_BARS = [" "]


def adapt_to_terminal(app: App[Any], environ: Mapping[str, str] | None = None) -> None:
    env = os.environ if environ is None else environ
    console = ascii_only(dict(env))
    app.set_class(console, "-ascii")
    # Textual's way to choose the scrollbars' look is this class variable (one app per process;
    # set both ways, so that a test process's next app gets its own terminal's look).
    ScrollBar.renderer = WholeCellScrollBarRender if console else ScrollBarRender
    if slow_link(env):
        app.animation_level = "none"
