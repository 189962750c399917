"""Textual's Select with its own words in German: the open list's footer said "esc Dismiss menu".

Import ``Select`` from here, not from ``textual.widgets`` (a test checks this).
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Select as TextualSelect
from textual.widgets._select import SelectCurrent, SelectOverlay

SelectType = TypeVar("SelectType")


class GermanSelectOverlay(SelectOverlay):
    BINDINGS = [Binding("escape", "dismiss", "Liste schließen", id="select.dismiss")]

    typed_first = ""
    """A letter typed on the closed list that opened it: searched once the list has the focus
    (gaining the focus clears Textual's search)."""

    def watch_has_focus(self, value: bool) -> None:
        super().watch_has_focus(value)
        if value and self.typed_first:
            self._search_query, self.typed_first = self.typed_first, ""
            found = self._find_search_match(self._search_query)
            if found is not None:
                self.select(found)

    def _find_search_match(self, query: str) -> int | None:
        # As Textual's, which skips prompts that are Content (what ``plain()`` gives user text):
        # the choice whose prompt holds the query earliest.
        query = query.lower()
        found = [
            (prompt.find(query), index)
            for index, option in enumerate(self._options)
            for prompt in [str(getattr(option.prompt, "plain", option.prompt)).lower()]
            if query in prompt
        ]
        return min(found)[1] if found else None


class Select(TextualSelect[SelectType]):
    """``open_on_typing``: a letter typed on the closed list opens it at the first matching
    choice (Textual ignores it), for a dialog whose Tab leads from a text field to this list:
    the letters typed behind the Tab must land here, not in nothing."""

    def __init__(self, *args: Any, open_on_typing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.open_on_typing = open_on_typing

    async def _on_key(self, event: events.Key) -> None:
        if self.open_on_typing and not self.expanded and event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.query_one(GermanSelectOverlay).typed_first = event.character
            self.action_show_overlay()
            return
        await super()._on_key(event)

    def compose(self) -> ComposeResult:
        # As Select.compose, with the German overlay.
        yield SelectCurrent(self.prompt)
        yield GermanSelectOverlay(type_to_search=self._type_to_search).data_bind(compact=TextualSelect.compact)
