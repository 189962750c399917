"""A multi-line field for stored text (minutes) that cannot drive the terminal.

A TextArea draws its text as it is: an ``ESC]0;…BEL`` kept in the minutes would retitle the
terminal the moment the form opens. So the field shows ``printable`` text (``\\x1b`` as four
visible characters) and hands the stored text back untouched unless the user changed it; an
edited text is saved as it was seen, stand-ins included.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import TextArea

from herford_tui.domain.text import printable


class StoredTextArea(TextArea):
    def __init__(self, stored: str = "", **kwargs: Any) -> None:
        self.stored = stored
        self.shown = printable(stored, keep_newlines=True)
        super().__init__(self.shown, **kwargs)

    @property
    def stored_text(self) -> str:
        """What to save: the original when nothing was edited, else the text as shown."""
        return self.stored if self.text == self.shown else self.text
