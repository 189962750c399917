"""Pick one of several meetings in a grid cell (a committee meeting twice in a month)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option


class ChooseMeeting(ModalScreen[int | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Abbrechen", id="choose.cancel")]
    AUTO_FOCUS = "#choices"

    def __init__(self, choices: list[tuple[Text, int]], title: str | Content = "Welche Sitzung?"):
        super().__init__()
        self.choices = choices
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(*(Option(text, id=str(value)) for text, value in self.choices), id="choices")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id) if event.option.id else None)
