"""Pick one of several: the meetings in a grid cell, or who stands in at a meeting.

A long list (``FILTER_FROM`` choices or more) gets a field above it: typing narrows the list
("koch" finds Köch and Koch), arrows move through it, Enter takes the highlighted one.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from herford_tui.domain.fold import match_key
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.filtered_list import move_from_field
from herford_tui.ui.common.format import plain

FILTER_FROM = 8
"""From this many choices on, typing filters the list."""


class ChooseMeeting(ModalScreen[int | None]):
    BINDINGS = [
        # priority: the list's and the field's own Enter (hidden) would hide it from the footer
        Binding("enter", "choose", "Übernehmen", priority=True, id="choose.take"),
        Binding("escape", "dismiss(None)", "Abbrechen", id="choose.cancel"),
    ]
    AUTO_FOCUS = "Input, OptionList"  # the filter field when there is one, else the list

    def __init__(self, choices: list[tuple[Text, int]], title: str | Content = "Welche Sitzung?", note: str = ""):
        super().__init__()
        self.choices = choices
        self.title_text = title
        self.note = note
        """One line on why these are the choices (user text: shown literally)."""
        self.filtered = len(choices) >= FILTER_FROM

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.note:
                yield Label(plain(self.note), classes="dialog-text")  # names in it: user text
            if self.filtered:
                yield OneLineInput(
                    placeholder="Name tippen … („Mueller“ findet Müller)", compact=True, id="choice-filter"
                )
            yield OptionList(*self._options(""), id="choices")
        yield Footer()

    def _options(self, typed: str) -> list[Option]:
        wanted = match_key(typed.strip())
        return [
            Option(text, id=str(value)) for text, value in self.choices if not wanted or wanted in match_key(text.plain)
        ]

    @on(Input.Changed, "#choice-filter")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        choices = self.query_one(OptionList)
        choices.clear_options()
        choices.add_options(self._options(event.value))
        if choices.option_count:
            choices.highlighted = 0

    def action_choose(self) -> None:
        """Enter, in the list or in the filter field: the highlighted one."""
        choices = self.query_one(OptionList)
        if choices.highlighted is not None:
            option = choices.get_option_at_index(choices.highlighted)
            self.dismiss(int(option.id) if option.id else None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id) if event.option.id else None)

    def on_key(self, event: events.Key) -> None:
        if self.filtered:
            move_from_field(event, self.query_one("#choice-filter", Input), self.query_one(OptionList))
