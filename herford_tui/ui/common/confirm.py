"""A yes/no question. With a ``job`` (a delete, an archive) "yes" writes it, and the dialog
stays open until the write is on disk; it closes with True only then."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Label, Static

from herford_tui.domain import Record
from herford_tui.store import ConflictError
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.saving import SavingScreen
from herford_tui.ui.data import WriteJob


def overwrite_question(path: Path) -> ConfirmScreen:
    """The one question before a file the user names replaces an existing one; only its "yes"
    lets the write overwrite (``store.errors.not_written`` says when a file appeared meanwhile)."""
    return ConfirmScreen(f"{path} gibt es schon. Überschreiben?", yes="Überschreiben")


class ConfirmScreen(SavingScreen[bool]):
    BINDINGS = [
        Binding("escape,n", "no", "Abbrechen", id="confirm.cancel"),
        Binding("j,y", "yes", "Ja", id="confirm.yes"),
    ]

    def __init__(
        self,
        question: str,
        *,
        yes: str | None = "Ja",
        title: str = "Bitte bestätigen",
        job: WriteJob | None = None,
        edit_what: str = "Ändern",
    ):
        """``question`` and ``title`` may quote user data: they are shown as plain text.
        ``yes=None``: a notice with only a close button (nothing to confirm)."""
        super().__init__()
        self.question = question
        self.yes = yes
        self.title_text = title
        self.job = job
        self.EDITS = job is not None  # type: ignore[misc]  # only a dialog that writes is refused read-only
        self.EDIT_WHAT = edit_what  # type: ignore[misc]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text), classes="dialog-title")
            # A Static, not a Label: the question may be longer than a line and must wrap.
            yield Static(plain(self.question, keep_newlines=True), id="question", classes="dialog-text")
            yield self.status_line()
            with Horizontal(classes="dialog-buttons"):
                if self.yes is not None:
                    yield Button(plain(f"{self.yes} (j)"), id="yes", variant="error")
                yield Button("Abbrechen (Esc)" if self.yes is not None else "Schließen (Esc)", id="no")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "yes" and self.yes is None:
            return False  # a notice: the footer offers no "Ja"
        return super().check_action(action, parameters)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "yes":
            self.action_yes()
        else:
            self.action_no()

    def action_yes(self) -> None:
        if self.yes is None:
            return  # a notice: nothing to confirm (a button press may still arrive here)
        if self.job is None:
            self.dismiss(True)
        elif not self.saving:
            self.start_write(self.job)

    def action_no(self) -> None:
        if not self.cancel_write():
            self.dismiss(False)

    def write_succeeded(self, job: WriteJob, saved: list[Record]) -> None:
        self.dismiss(True)

    def write_failed(self, job: WriteJob, error: Exception) -> None:
        if isinstance(error, ConflictError) and job.delete and not job.force:
            if error.theirs is None:
                self.set_status(f"Nichts gelöscht: {error} Esc schließt.", "error")
                return
            # A colleague changed it meanwhile: show what changed and ask again.
            self.job = dataclasses.replace(job, force=True)
            self.query_one("#question", Static).update(plain(f"{error}\nTrotzdem löschen?", keep_newlines=True))
            self.query_one("#yes", Button).label = plain("Trotzdem löschen (j)")
            self.set_status("")
            return
        super().write_failed(job, error)
