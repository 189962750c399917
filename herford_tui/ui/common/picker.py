"""Pick a record by typing part of its name: an input with a short list of matches below."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from herford_tui.domain.text import printable

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

    def compose(self) -> ComposeResult:
        yield Input(printable(self.value_label), placeholder=self.placeholder, compact=True, id=f"{self.id}-input")
        yield OptionList(compact=True, id=f"{self.id}-matches", classes="picker-matches -empty")

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
        options = [Option(label, id=str(record_id)) for record_id, label in self.search(text)[:MAX_MATCHES]]
        if self.allow_new:
            options.append(Option(f"+ {self.allow_new}: „{text}“", id=NEW))
        matches.add_options(options)
        matches.set_class(not options, "-empty")
        if options:
            matches.highlighted = 0

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
            matches.action_cursor_down()
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
        if option.id == NEW:
            self.value = None
            self.post_message(self.Picked(self, None, field.value.strip()))
        else:
            self.value = int(option.id or 0)
            self.value_label = str(option.prompt)
            with field.prevent(Input.Changed):
                field.value = self.value_label
            self.post_message(self.Picked(self, self.value, None))
        matches.clear_options()
        matches.add_class("-empty")
        field.focus()
