"""Textual's Select with its own words in German: the open list's footer said "esc Dismiss menu".

Import ``Select`` from here, not from ``textual.widgets`` (a test checks this).
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Select as TextualSelect
from textual.widgets._select import SelectCurrent, SelectOverlay

SelectType = TypeVar("SelectType")


class GermanSelectOverlay(SelectOverlay):
    BINDINGS = [Binding("escape", "dismiss", "Liste schließen", id="select.dismiss")]


class Select(TextualSelect[SelectType]):
    def compose(self) -> ComposeResult:
        # As Select.compose, with the German overlay.
        yield SelectCurrent(self.prompt)
        yield GermanSelectOverlay(type_to_search=self._type_to_search).data_bind(compact=TextualSelect.compact)
