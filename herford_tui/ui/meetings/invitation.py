"""The invitation: preview the German text with the addresses, then write it to a file.

The file is proposed in the home folder as ``herford-einladung-<Datum>-<Gremium>.txt`` (the
office copies it into a mail); the path is a field, so it can go anywhere else. A folder that
is missing or not writable is said in the dialog, with the path kept for correcting. An
existing file is replaced only after asking. In the browser (``herford-tui web``) the browser
downloads it instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, Static, TextArea

from herford_tui.domain import Meeting
from herford_tui.domain.invitation import addresses, cancellation_text, invitation_filename, invitation_text
from herford_tui.domain.text import printable
from herford_tui.store.errors import not_written, target_problem
from herford_tui.store.written import write_recorded
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.confirm import overwrite_question
from herford_tui.ui.common.delivery import download, in_browser
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.tickbox import TickBox
from herford_tui.ui.common.typing_input import InOrderInput


@dataclass(frozen=True)
class Written:
    path: Path
    deputies: bool


def invitation_path(
    meeting: Meeting, committee_name: str, folder: Path | None = None, *, cancellation: bool = False
) -> Path:
    return (folder or Path.home()) / invitation_filename(meeting, committee_name, cancellation=cancellation)


class InvitationScreen(HerfordAccess, ModalScreen[Written | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Abbrechen", id="invitation.cancel"),
        Binding("ctrl+s", "write", "Schreiben", id="invitation.write"),
    ]

    def __init__(self, meeting: Meeting, committee_name: str, *, cancellation: bool = False):
        super().__init__()
        self.meeting = meeting
        self.cancellation = cancellation
        """The notice that the invited meeting is called off (``cancellation_text``), nothing marked."""
        self.path = invitation_path(meeting, committee_name, cancellation=cancellation)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog invitation"):
            yield Label("Absage an die Eingeladenen" if self.cancellation else "Einladung", classes="dialog-title")
            if in_browser(self.app):
                yield Static(plain(f"Download: {self.path.name}"), id="invitation-download")
            else:
                yield Label("Datei", classes="field-label")
                yield InOrderInput(str(self.path), id="invitation-path", compact=True)
                yield Static("", id="invitation-error", classes="field-error")
            deputies = (
                "Stellvertretungen auch benachrichtigen" if self.cancellation else "Stellvertretungen auch einladen"
            )
            yield TickBox(deputies, False, compact=True, id="deputies")
            yield Static("", id="invitation-missing", classes="field-error")
            yield TextArea("", read_only=True, id="invitation-text")
            with Horizontal(classes="dialog-buttons"):
                # Only reading, or a cancellation: the letter, no mark.
                marks = "" if self.herford.read_only or self.cancellation else ", als eingeladen markieren"
                yield Button(f"Schreiben{marks} (Strg+S)", id="write", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        for error in self.query("#invitation-error"):
            error.display = False
        self._preview()
        self.query_one("#write", Button).focus()

    @on(Checkbox.Changed, "#deputies")
    def _preview(self) -> None:
        deputies = self.query_one("#deputies", Checkbox).value
        snapshot = self.herford.snapshot
        # Shown and written as printable text: a name holding ESC would otherwise drive the terminal.
        letter = cancellation_text if self.cancellation else invitation_text
        text = printable(letter(snapshot, self.meeting, deputies=deputies), keep_newlines=True)
        self.query_one("#invitation-text", TextArea).text = text
        missing = addresses(snapshot, self.meeting, deputies=deputies).without_email
        note = self.query_one("#invitation-missing", Static)
        note.update(plain(f"Ohne E-Mail-Adresse: {', '.join(missing)}" if missing else ""))
        note.display = bool(missing)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "write":
            self.action_write()
        else:
            self.dismiss(None)

    @on(Input.Submitted, "#invitation-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_write()

    def _error(self, message: str) -> None:
        """A problem with the path, below it; the path stays as typed for correcting."""
        note = self.query_one("#invitation-error", Static)
        note.update(plain(message))
        note.display = bool(message)

    def action_write(self) -> None:
        if in_browser(self.app):
            self._write(self.path, overwrite=False)
            return
        typed = self.query_one("#invitation-path", Input).value.strip()
        if not typed:
            self._error("Bitte einen Dateinamen angeben.")
            return
        path = Path(typed).expanduser()
        problem = target_problem(path)
        if problem:
            self._error(problem)
            return
        self._error("")
        if path.exists():

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(path, overwrite=True)

            self.app.push_screen(overwrite_question(path), answered)
            return
        self._write(path, overwrite=False)

    @work(thread=True, exclusive=True, group="invitation", exit_on_error=False)
    def _write(self, path: Path, *, overwrite: bool) -> None:
        text = self.app.call_from_thread(lambda: self.query_one("#invitation-text", TextArea).text)
        deputies = self.app.call_from_thread(lambda: self.query_one("#deputies", Checkbox).value)
        if in_browser(self.app):
            self.app.call_from_thread(download, self.app, text.encode("utf-8"), path.name)
            self.app.call_from_thread(self.dismiss, Written(Path(path.name), deputies))
            return
        try:
            warning = write_recorded(self.herford.db_path, path, text.encode("utf-8"), overwrite=overwrite)
        except OSError as exc:
            self.app.call_from_thread(self._error, not_written(path, exc))  # the dialog stays, the path kept
            return
        if warning:
            self.app.call_from_thread(self.notify, warning, severity="warning", timeout=15, markup=False)
        self.app.call_from_thread(self.dismiss, Written(path, deputies))
