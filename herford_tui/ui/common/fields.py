"""Input fields for forms: one line of plain text, whatever is pasted or stored."""

from __future__ import annotations

import unicodedata

from rich.text import Text
from textual import events
from textual.widgets import Input

from herford_tui.domain.text import single_line
from herford_tui.ui.common.typing_input import InOrderKeys

JOINED = "Zeilenumbrüche im eingefügten Text wurden durch Leerzeichen ersetzt."

_ZERO_WIDTH_OK = frozenset({"\u200c", "\u200d"})  # joiners shape emoji and scripts


def _stand_in(char: str) -> str:
    """One visible cell for a control or format character (the cursor math counts characters)."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode control pictures: ␛ for ESC, ␍ for CR
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def visible(text: str) -> str:
    """``text`` with each control/format character replaced by one visible stand-in."""
    if text.isprintable():
        return text
    return "".join(
        _stand_in(c) if c not in _ZERO_WIDTH_OK and unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c
        for c in text
    )


class OneLineInput(InOrderKeys, Input):
    """An Input that types in order (see ``typing_input``), keeps every pasted line (joined
    by spaces, and says so) and never sends a stored control character (ESC, CSI, RTL
    override …) to the terminal."""

    def _on_paste(self, event: events.Paste) -> None:
        # Textual calls the handler of every class in the MRO: a paste without line breaks is
        # left to Input's own; with them, that one (which keeps the first line) is skipped.
        text, joined = single_line(event.text)
        if not joined:
            return
        event.prevent_default()
        event.stop()
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)
        self.notify(JOINED, timeout=5)

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        return Text(visible(self.value), no_wrap=True, overflow="ignore", end="")
