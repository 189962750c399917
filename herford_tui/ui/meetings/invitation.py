"""The invitation: preview the German text with the addresses, then write it to a file.

The file goes to the home folder as ``herford-einladung-<Datum>-<Gremium>.txt``: the
office copies it into a mail. An existing file is replaced only after asking. In the browser
(``herford-tui web``) the browser downloads it instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Label, Static, TextArea

from herford_tui.domain import Meeting
from herford_tui.domain.invitation import addresses, invitation_filename, invitation_text
from herford_tui.domain.text import printable
from herford_tui.store.errors import not_written
from herford_tui.store.written import write_recorded
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.confirm import overwrite_question
from herford_tui.ui.common.delivery import download, in_browser
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.tickbox import TickBox


@dataclass(frozen=True)
class Written:
    path: Path
    deputies: bool


def invitation_path(meeting: Meeting, committee_name: str, folder: Path | None = None) -> Path:
    return (folder or Path.home()) / invitation_filename(meeting, committee_name)


class InvitationScreen(HerfordAccess, ModalScreen[Written | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Abbrechen", id="invitation.cancel"),
        Binding("ctrl+s", "write", "Schreiben", id="invitation.write"),
    ]

    def __init__(self, meeting: Meeting, committee_name: str):
        super().__init__()
        self.meeting = meeting
        self.path = invitation_path(meeting, committee_name)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog invitation"):
            yield Label("Einladung", classes="dialog-title")
            where = f"Download: {self.path.name}" if in_browser(self.app) else f"Datei: {self.path}"
            yield Static(plain(where), id="invitation-path")
            yield TickBox("Stellvertretungen auch einladen", False, compact=True, id="deputies")
            yield Static("", id="invitation-missing", classes="field-error")
            yield TextArea("", read_only=True, id="invitation-text")
            with Horizontal(classes="dialog-buttons"):
                marks = "" if self.herford.read_only else ", als eingeladen markieren"  # only reading: the letter
                yield Button(f"Schreiben{marks} (Strg+S)", id="write", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self._preview()
        self.query_one("#write", Button).focus()

    @on(Checkbox.Changed, "#deputies")
    def _preview(self) -> None:
        deputies = self.query_one("#deputies", Checkbox).value
        snapshot = self.herford.snapshot
        # Shown and written as printable text: a name holding ESC would otherwise drive the terminal.
        text = printable(invitation_text(snapshot, self.meeting, deputies=deputies), keep_newlines=True)
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

    def action_write(self) -> None:
        if self.path.exists() and not in_browser(self.app):

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(overwrite=True)

            self.app.push_screen(overwrite_question(self.path), answered)
            return
        self._write(overwrite=False)

    @work(thread=True, exclusive=True, group="invitation", exit_on_error=False)
    def _write(self, *, overwrite: bool) -> None:
        text = self.app.call_from_thread(lambda: self.query_one("#invitation-text", TextArea).text)
        deputies = self.app.call_from_thread(lambda: self.query_one("#deputies", Checkbox).value)
        if in_browser(self.app):
            self.app.call_from_thread(download, self.app, text.encode("utf-8"), self.path.name)
            self.app.call_from_thread(self.dismiss, Written(Path(self.path.name), deputies))
            return
        try:
            warning = write_recorded(self.herford.db_path, self.path, text.encode("utf-8"), overwrite=overwrite)
        except OSError as exc:
            message = not_written(self.path, exc)
            self.app.call_from_thread(self.notify, message, severity="error", timeout=15, markup=False)
            return
        if warning:
            self.app.call_from_thread(self.notify, warning, severity="warning", timeout=15, markup=False)
        self.app.call_from_thread(self.dismiss, Written(self.path, deputies))
