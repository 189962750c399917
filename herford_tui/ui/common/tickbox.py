"""A checkbox that says its state in characters, not only in colour.

Textual's Checkbox draws an "X" in both states and tells them apart by colour alone: with
NO_COLOR, on a monochrome terminal or for a colour-blind reader both look alike (the first
invitation went out without deputies). Here a ticked box reads ``[x]`` and an empty one
``[ ]`` on every terminal, the Linux console included. A radio button has the same flaw (a
"●" in both states: PDF or DOCX?) and reads ``(*)`` when chosen, ``( )`` when not.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


def tick_mark(ticked: bool) -> str:
    return "[x]" if ticked else "[ ]"


def choice_mark(chosen: bool) -> str:
    return "(*)" if chosen else "( )"


class TickBox(Checkbox):
    """Use instead of ``Checkbox`` (a test checks that the UI has no plain one)."""

    @property
    def _button(self) -> Content:
        return Content.assemble((tick_mark(self.value), self.get_visual_style("toggle--button")))


class RadioChoice(RadioButton):
    """Use instead of ``RadioButton`` (a test checks that the UI has no plain one)."""

    @property
    def _button(self) -> Content:
        return Content.assemble((choice_mark(self.value), self.get_visual_style("toggle--button")))
