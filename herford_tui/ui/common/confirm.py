"""A yes/no question as a modal; dismisses with True or False."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from herford_tui.ui.common.format import plain


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape,n", "dismiss(False)", "Abbrechen", id="confirm.cancel"),
        Binding("j,y", "dismiss(True)", "Ja", id="confirm.yes"),
    ]

    def __init__(self, question: str, *, yes: str = "Ja", title: str = "Bitte bestätigen"):
        super().__init__()
        self.question = question
        self.yes = yes
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text), classes="dialog-title")
            # A Static, not a Label: the question may be longer than a line and must wrap.
            yield Static(plain(self.question, keep_newlines=True), id="question", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (j)", id="yes", variant="error")
                yield Button("Abbrechen (Esc)", id="no")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
