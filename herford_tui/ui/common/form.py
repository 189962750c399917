"""Base of the modal forms: Esc cancels, Ctrl+S saves, problems show under their field.

A form stays open until its save is on disk (``SavingScreen``); it closes with what was
saved, so the caller only reacts (puts the cursor on it), it never saves itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.css.query import QueryType
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static, TextArea
from textual.widgets.input import Selection

from herford_tui.domain import Problem, Record, ValidationError
from herford_tui.domain.duplicates import NOTHING, Confirmed
from herford_tui.domain.plans import Follow
from herford_tui.domain.text import printable
from herford_tui.store import ConflictError
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.first_resume import StyledAtMount
from herford_tui.ui.common.footer import SteadyFooter
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.picker import RecordPicker
from herford_tui.ui.common.saving import SavingScreen
from herford_tui.ui.common.select import Select
from herford_tui.ui.data import WriteJob

SHORT = 36
"""Terminal lines below which a form packs its fields tighter (the ``-short`` class, forms.tcss)."""

T = TypeVar("T")


class FormScreen(StyledAtMount, SavingScreen[T | None], Generic[T]):
    """Subclasses compose their fields with ``field`` and return a result from ``build``;
    ``save_items`` says what to write for it, ``saved_result`` what to hand back."""

    BINDINGS = [
        Binding("escape", "cancel", "Abbrechen", id="form.cancel"),
        Binding("ctrl+s", "save", "Speichern", id="form.save"),
    ]
    TITLE_TEXT = ""

    def compose(self) -> ComposeResult:
        # "-short" from the start (see on_resize): added after the first layout it restyled the whole form.
        short = " -short" if self.app.size.height < SHORT else ""
        with VerticalScroll(classes="dialog form" + short):
            yield Label(self.TITLE_TEXT or plain(self.title_text()), classes="dialog-title")
            yield from self.compose_fields()
            yield Static("", id="err-form", classes="field-error -empty")
            yield self.status_line()
            with Horizontal(classes="dialog-buttons"):
                yield Button("Speichern (Strg+S)", id="save", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")
        yield SteadyFooter(keys_at_once=True)

    def title_text(self) -> str:
        """The title; may hold user data (shown as plain text, never as markup)."""
        return ""

    def compose_fields(self) -> Iterable[Widget]:
        return ()

    @staticmethod
    def field(label: str, widget: Widget, name: str) -> Iterable[Widget]:
        """A labelled row with an error line below that stays hidden until needed."""
        if isinstance(widget, Input) and not isinstance(widget, OneLineInput) and not widget.value.isprintable():
            # A plain Input draws its value as it is: a stored ESC would reach the terminal.
            # It shows (and, if saved, keeps) the visible escape instead; a OneLineInput
            # shows stand-ins and keeps the stored text as it is.
            widget.value = printable(widget.value)
        if isinstance(widget, Input):
            # Selected only when the user moves into it with Tab (``focus_next``): a field that
            # gets the focus otherwise (the form opens, a pick moves on) keeps its text.
            widget.select_on_focus = False
        yield Horizontal(Label(label, classes="field-label"), widget, classes="field-row")
        yield Static("", id=f"err-{name}", classes="field-error -empty")

    def on_mount(self) -> None:
        # At once, not a refresh later: a key typed right behind the one that opened the form
        # (one burst, as the terminal delivers quick typing) is handled before that refresh,
        # and its text was taken as the opening value: Esc then closed without asking.
        self._remember_initial()

    # -- focus ---------------------------------------------------------------------
    def focus_next(self, selector: str | type[QueryType] = "*") -> Widget | None:
        return _select_entered(super().focus_next(selector))

    def focus_previous(self, selector: str | type[QueryType] = "*") -> Widget | None:
        return _select_entered(super().focus_previous(selector))

    def _remember_initial(self) -> None:
        self._initial = self._values()

    def _values(self) -> list[object]:
        # A walk with isinstance, not ``query("Input, Select, …")``: the same widgets in the same
        # order without matching a selector against each of the form's widgets.
        values: list[object] = []
        for widget in self.walk_children():
            if isinstance(widget, TextArea):
                values.append(widget.text)
            elif isinstance(widget, Input | Select | Checkbox):
                values.append(widget.value)
        return values

    def is_dirty(self) -> bool:
        """True when something was typed or chosen since the form opened."""
        initial = getattr(self, "_initial", None)
        return initial is not None and self._values() != initial

    def on_resize(self) -> None:
        self.query_one(".form").set_class(self.size.height < SHORT, "-short")

    # -- input that behaves ------------------------------------------------------
    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(RecordPicker.Picked)
    def _recheck(self) -> None:
        """Error lines go away as soon as their field is valid (new ones wait for Ctrl+S)."""
        if not self._problems_shown or self.saving:
            return  # nothing to clear: no query of the error lines at each key (nor as the form opens)
        shown = [e for e in self.query(".field-error").results(Static) if _is_shown_error(e)]
        if not shown:
            self._problems_shown = False
            return
        result = self.build()
        still = {p.field for p in result} if isinstance(result, list) else set()
        fields_with_error = {f for f in still if self.query(f"#err-{f}")}
        for error in shown:
            name = (error.id or "").removeprefix("err-")
            if name not in fields_with_error and not (name == "form" and still - fields_with_error):
                error.update(Content(""))
                error.add_class("-empty")
        if not any(_is_shown_error(e) for e in self.query(".field-error")):
            self.set_status("")

    # -- saving ------------------------------------------------------------------
    def build(self) -> T | list[Problem]:
        """The result of the form, or the problems that keep it from being saved.

        Every form defines it; the base has nothing to build."""
        return [Problem("form", "Dieses Formular kann nichts speichern.")]

    def save_items(self, result: T) -> list[Record | Follow]:
        """What to write for ``result``, in one step (all or nothing)."""
        assert isinstance(result, Record)
        return [result]

    def removed_items(self, result: T) -> list[Record]:
        """What the same write deletes (after the user confirmed it by name); nothing by default."""
        return []

    def saved_result(self, result: T, saved: list[Record]) -> T:
        """What the form closes with once ``saved`` is on disk."""
        return saved[0]  # type: ignore[return-value]

    WRITES = True
    """False for a form that edits a part of a record (an agenda item, a decision): it closes
    with its result and the screen that opened it saves the whole record."""

    save_attempt = False
    """True while ``build`` runs for Ctrl+S, False when it only re-checks a changed field:
    a form that warns once (possible duplicate) counts only real attempts."""

    _warned: object = None
    """The input a warning was last given for (see ``warn_once``)."""

    confirmed: Confirmed = NOTHING
    """The likely duplicates the user was warned about and saves anyway: sent with the save,
    so the store's check under the lock refuses only a duplicate nobody has seen."""

    def warn_once(self, result: object, warning: str | None, field: str) -> list[Problem]:
        """``warning`` as a problem of ``field``, once: Ctrl+S again with the same input saves."""
        if not warning or self._warned == result:
            return []
        if self.save_attempt:
            self._warned = result
        return [Problem(field, warning)]

    def action_save(self) -> None:
        if self.saving:
            return
        self.save_attempt = True
        try:
            result = self.build()
        finally:
            self.save_attempt = False
        if isinstance(result, list):
            self.show_problems(result)
            return
        self.show_problems([])
        self.ask_before_saving(result, self.save_result)

    def ask_before_saving(self, result: T, save: Callable[[T], None]) -> None:
        """A last question before a valid ``result`` is saved (a meeting on a holiday): ``save``
        once answered yes. None by default: every form's Ctrl+S goes through ``action_save``."""
        save(result)

    def save_result(self, result: T) -> None:
        """Save ``result`` (the form closes once it is on disk), or close with it (``WRITES``)."""
        if not self.WRITES:
            self.dismiss(result)
            return
        self._result = result
        removed = tuple(self.removed_items(result))
        self.start_write(WriteJob(self.save_items(result), confirmed=self.confirmed, removed=removed))

    def write_succeeded(self, job: WriteJob, saved: list[Record]) -> None:
        self.dismiss(self.saved_result(self._result, saved))

    def write_failed(self, job: WriteJob, error: Exception) -> None:
        if isinstance(error, ValidationError):
            self.show_problems(error.problems, notify=False)
        elif isinstance(error, ConflictError) and len(job.items) == 1 and not job.removed:
            self._show_conflict(error)
            return
        elif isinstance(error, ConflictError):
            error_text = f"{error} Die Ansicht zeigt jetzt den aktuellen Stand: bitte Esc und neu öffnen."
            self.set_status(error_text + " Ihre Eingaben stehen noch im Formular.", "error")
            return
        super().write_failed(job, error)

    def _show_conflict(self, error: ConflictError) -> None:
        """A colleague saved (or deleted) this record first: both versions side by side."""
        from herford_tui.ui.common.conflict import ConflictScreen, Decision

        def answered(decision: Decision | None) -> None:
            if decision is None:  # back to the form: the input stays
                again = " Strg+S zeigt beide Fassungen wieder," if error.theirs is not None else ""
                self.set_status(
                    f"{error} Ihre Eingaben stehen noch im Formular;{again} Esc schließt es.",
                    "error",
                )
            elif decision.record is not None:
                self.start_write(WriteJob([decision.record], confirmed=self.confirmed))
            else:  # the user chose the colleague's version
                self.app.notify("Nicht gespeichert: die Fassung des anderen Benutzers bleibt.", timeout=5)
                self.dismiss(None)

        self.set_status("")
        self.app.push_screen(ConflictScreen(error, base=self.herford.base_of(error.mine)), answered)

    def action_cancel(self) -> None:
        if self.cancel_write():
            return
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

    _problems_shown = False
    """True from ``show_problems`` with problems until ``_recheck`` finds every error line empty
    (only ``show_problems`` fills them)."""

    def show_problems(self, problems: list[Problem], *, notify: bool = True) -> None:
        if problems:
            self._problems_shown = True
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            name = problem.field if self.query(f"#err-{problem.field}") else "form"
            by_field.setdefault(name, []).append(problem.message if name != "form" else str(problem))
        for error in self.query(".field-error").results(Static):
            messages = by_field.get((error.id or "").removeprefix("err-"), [])
            if not messages and error.has_class("-empty"):
                continue  # hidden already: an update would lay the form out again for nothing
            # Messages quote what was typed: plain text, never markup.
            error.update(plain("\n".join(messages), keep_newlines=True) if messages else Content(""))
            error.set_class(not messages, "-empty")
        if problems:
            self._focus_first_marked()
            self.set_status("Nicht gespeichert: bitte die markierten Angaben prüfen.", "error")
            if notify:
                self.notify("Bitte die markierten Angaben prüfen.", severity="error", timeout=4)
        else:
            self.set_status("")

    def _focus_first_marked(self) -> None:
        """The cursor goes to the first field marked red, so the correction lands there
        (it stays put when it is in that field already, or only the form as a whole is marked)."""
        for error in self.query(".field-error").results(Static):
            if not _is_shown_error(error) or error.id == "err-form":
                continue
            row = _row_of(error)
            if row is None:
                continue
            if self.focused is not None and row in self.focused.ancestors_with_self:
                return
            target = next((w for w in row.query("*") if w.focusable), None)
            if target is not None:
                target.focus()
                return


def _row_of(error: Widget) -> Widget | None:
    """The field row an error line belongs to (``field`` puts it right above its error line)."""
    siblings = list(error.parent.children) if error.parent is not None else []
    at = siblings.index(error)
    row = siblings[at - 1] if at > 0 else None
    return row if row is not None and row.has_class("field-row") else None


def _select_entered(widget: Widget | None) -> Widget | None:
    """Tab into a filled field selects its text, so typing replaces it and an arrow key keeps
    it (never "28.11.202631.02.2026"). It happens at the Tab, before the next key is handled
    (see ``key_order``): a key typed right behind the Tab finds the selection, as it would
    have found it typed slowly, with the selection on screen."""
    if isinstance(widget, Input) and widget.value:
        widget.selection = Selection(0, len(widget.value))
    return widget


def _is_shown_error(widget: Widget) -> bool:
    """An error line in view (hints share the look but not the lifetime: not theirs to clear)."""
    return (widget.id or "").startswith("err-") and not widget.has_class("-empty")
