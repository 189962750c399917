"""Pick a record by typing part of its name: an input with a short list of matches below.

It behaves like a phone's suggestions: the first match is highlighted and Enter takes it,
Down moves into the list (the first Down stays on the first match), a pick puts the whole
name in the field with the cursor at its end and moves on to the next field, and a name
typed in full (case, umlauts and ae/oe/ue folded) counts as picked when exactly one record
bears it (two namesakes still need a pick from the list).
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from herford_tui.domain.fold import match_key
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.format import plain

NEW = "__new__"
MAX_MATCHES = 6

Search = Callable[[str], list[tuple[int, str]]]


class RecordPicker(Vertical):
    """``value`` is the picked id (or None); with ``allow_new`` the last match offers a new record."""

    class Picked(Message):
        def __init__(self, picker: RecordPicker, value: int | None, new_text: str | None):
            super().__init__()
            self.picker = picker
            self.value = value
            self.new_text = new_text

        @property
        def control(self) -> RecordPicker:
            return self.picker

    def __init__(
        self,
        search: Search,
        *,
        placeholder: str = "Name tippen …",
        allow_new: str | None = None,
        value: int | None = None,
        value_label: str = "",
        id: str | None = None,
    ):
        super().__init__(id=id, classes="picker")
        self.search = search
        self.placeholder = placeholder
        self.allow_new = allow_new
        self.value = value
        self.value_label = value_label
        self._in_list = False

    def compose(self) -> ComposeResult:
        yield OneLineInput(self.value_label, placeholder=self.placeholder, compact=True, id=f"{self.id}-input")
        matches = OptionList(compact=True, id=f"{self.id}-matches", classes="picker-matches -empty")
        matches.can_focus = False  # Up/Down in the field move in it; Tab goes on to the next field
        yield matches

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        matches = self.query_one(OptionList)
        matches.clear_options()
        if event.value == self.value_label and self.value is not None:
            matches.add_class("-empty")
            return
        self.value = None
        if not text:
            matches.add_class("-empty")
            return
        found = self.search(text)
        options = [Option(plain(label), id=str(record_id)) for record_id, label in found[:MAX_MATCHES]]
        if self.allow_new:
            options.append(Option(plain(f"+ {self.allow_new}: „{text}“"), id=NEW))
        matches.add_options(options)
        matches.set_class(not options, "-empty")
        self._in_list = False
        if options:
            matches.highlighted = 0
        exact = exact_match(text, found)
        if exact is not None:  # typed in full: as good as picked, the list stays for a longer name
            self.value, self.value_label = exact, event.value
            matches.highlighted = next(i for i, o in enumerate(options) if o.id == str(exact))
            self.post_message(self.Picked(self, exact, None))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        matches = self.query_one(OptionList)
        if matches.option_count and matches.highlighted is not None:
            self._choose(matches.get_option_at_index(matches.highlighted))

    def on_key(self, event) -> None:
        matches = self.query_one(OptionList)
        if matches.has_class("-empty") or not self.query_one(Input).has_focus:
            return
        if event.key == "down":
            if self._in_list:
                matches.action_cursor_down()
            else:  # the first Down enters the list on the highlighted first match
                self._in_list = True
                if matches.highlighted is None:
                    matches.highlighted = 0
            event.stop()
        elif event.key == "up":
            matches.action_cursor_up()
            event.stop()
        elif event.key == "escape":  # first Esc closes the list, the next one the form
            matches.add_class("-empty")
            event.stop()
            event.prevent_default()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option)

    def _choose(self, option: Option) -> None:
        matches = self.query_one(OptionList)
        field = self.query_one(Input)
        matches.clear_options()
        matches.add_class("-empty")
        self._in_list = False
        if option.id == NEW:
            self.value = None
            self.post_message(self.Picked(self, None, field.value.strip()))
            return  # the form shows the fields of the new record and puts the focus there
        self.value = int(option.id or 0)
        self.value_label = str(option.prompt)
        with field.prevent(Input.Changed):
            field.value = self.value_label
        field.cursor_position = len(self.value_label)
        self.post_message(self.Picked(self, self.value, None))
        if field.has_focus:
            # On to the next field, as Tab would go, but without selecting what is there:
            # the user has not seen that field yet (FormScreen selects only on Tab).
            Screen.focus_next(self.screen)


def exact_match(text: str, found: list[tuple[int, str]]) -> int | None:
    """The one record whose name is ``text`` (folded), or None (none, or namesakes).

    A label may carry a detail in brackets ("Erika Mustermann (Kreis Herford)"): the name is
    what comes before it."""
    key = match_key(text.strip())
    hits = {record_id for record_id, label in found if key in (match_key(label), match_key(label.split(" (")[0]))}
    return hits.pop() if len(hits) == 1 else None
