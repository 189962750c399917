"""Base of the modal forms: Esc cancels, Ctrl+S saves, problems show under their field."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Static, TextArea

from herford_tui.domain import Problem
from herford_tui.domain.text import printable
from herford_tui.ui.common.format import plain

T = TypeVar("T")


class FormScreen(ModalScreen[T | None], Generic[T]):
    """Subclasses compose their fields with ``field`` and return a result from ``build``."""

    BINDINGS = [
        Binding("escape", "cancel", "Abbrechen", id="form.cancel"),
        Binding("ctrl+s", "save", "Speichern", id="form.save"),
    ]
    TITLE_TEXT = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form"):
            yield Label(self.TITLE_TEXT or plain(self.title_text()), classes="dialog-title")
            yield from self.compose_fields()
            yield Static("", id="err-form", classes="field-error -empty")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Speichern (Strg+S)", id="save", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")
        yield Footer()

    def title_text(self) -> str:
        return ""

    def compose_fields(self) -> Iterable[Widget]:
        return ()

    @staticmethod
    def field(label: str, widget: Widget, name: str) -> Iterable[Widget]:
        """A labelled row with an error line below that stays hidden until needed."""
        if isinstance(widget, Input) and not widget.value.isprintable():
            # An Input draws its value as it is: a stored ESC would reach the terminal.
            # The field shows (and, if saved, keeps) the visible escape instead.
            widget.value = printable(widget.value)
        if isinstance(widget, Input):
            widget.select_on_focus = False  # typing must not wipe what is already there
        yield Horizontal(Label(label, classes="field-label"), widget, classes="field-row")
        yield Static("", id=f"err-{name}", classes="field-error -empty")

    def on_mount(self) -> None:
        self.call_after_refresh(self._remember_initial)

    def _remember_initial(self) -> None:
        self._initial = self._values()

    def _values(self) -> list[object]:
        values: list[object] = []
        for widget in self.query("Input, Select, TextArea, Checkbox"):
            values.append(widget.text if isinstance(widget, TextArea) else widget.value)
        return values

    def is_dirty(self) -> bool:
        """True when something was typed or chosen since the form opened."""
        return self._values() != getattr(self, "_initial", self._values())

    def on_resize(self) -> None:
        self.query_one(".form").set_class(self.size.height < 36, "-short")

    def action_save(self) -> None:
        result = self.build()  # each form defines build() -> result | list[Problem]
        if isinstance(result, list):
            self.show_problems(result)
        else:
            self.dismiss(result)

    def action_cancel(self) -> None:
        if not self.is_dirty():
            self.dismiss(None)
            return
        from herford_tui.ui.common.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Ihre Eingaben sind noch nicht gespeichert. Verwerfen?", yes="Verwerfen"), answered
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "cancel":
            self.action_cancel()

    def show_problems(self, problems: list[Problem]) -> None:
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            name = problem.field if self.query(f"#err-{problem.field}") else "form"
            by_field.setdefault(name, []).append(problem.message if name != "form" else str(problem))
        for error in self.query(".field-error").results(Static):
            messages = by_field.get((error.id or "").removeprefix("err-"), [])
            error.update("\n".join(messages))
            error.set_class(not messages, "-empty")
        if problems:
            self.notify("Bitte die markierten Angaben prüfen.", severity="error", timeout=4)
