"""A meeting's document (Einladung, Niederschrift, Anwesenheitsliste) written to a file.

PDF or DOCX, the file name proposed in the home folder and editable; a folder that is missing or
not writable is said before anything is rendered, the path kept; an existing file is replaced
only after asking. Rendering and writing run in a worker (Typst takes a tenth of a second, a slow disk
longer), through the store's one atomic write. A failure keeps the dialog open with the input.
In the browser (``herford-tui web``) the document is downloaded there instead, under the name typed.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, RadioSet, Static

from herford_tui.documents.render import KINDS, Format, filename
from herford_tui.domain.invitation import document_note
from herford_tui.store.errors import not_written, target_problem
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.confirm import overwrite_question
from herford_tui.ui.common.delivery import download, download_name, in_browser
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.tickbox import RadioChoice
from herford_tui.ui.common.typing_input import InOrderInput


class DocumentScreen(HerfordAccess, ModalScreen[Path | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Abbrechen", id="document.cancel"),
        Binding("ctrl+s", "write", "Schreiben", id="document.write"),
    ]

    def __init__(self, kind: str, meeting_id: int, committee_name: str, folder: Path | None = None):
        super().__init__()
        self.kind = KINDS[kind]
        self.meeting_id = meeting_id
        self.committee_name = committee_name
        self.folder = folder or Path.home()
        self.format = self.kind.formats[0]

    def _proposed(self, fmt: Format) -> str:
        meeting = self.herford.snapshot.meetings[self.meeting_id]
        name = filename(self.kind.key, fmt, meeting, self.committee_name)
        return name if in_browser(self.app) else str(self.folder / name)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog document"):
            yield Label(plain(f"{self.kind.title} als Dokument"), classes="dialog-title")
            meeting = self.herford.snapshot.meetings.get(self.meeting_id)
            note = document_note(self.kind.key, meeting) if meeting else None
            if note:
                yield Static(plain(note), id="document-note", classes="field-error")
            with RadioSet(id="document-format", compact=True):
                for fmt in self.kind.formats:
                    yield RadioChoice(fmt.upper(), value=fmt is self.format, id=f"format-{fmt.value}")
            yield Label("Dateiname für den Download" if in_browser(self.app) else "Datei", classes="field-label")
            yield InOrderInput(self._proposed(self.format), id="document-path", compact=True)
            yield Static("", id="document-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Schreiben (Strg+S)", id="write", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#document-error", Static).display = False
        self.query_one("#document-path", Input).focus()

    @on(RadioSet.Changed, "#document-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = Format(str(event.pressed.id).removeprefix("format-"))
        path = self.query_one("#document-path", Input)
        old = Path(path.value)
        if old.suffix.lower() == f".{self.format.value}":
            path.value = str(old.with_suffix(f".{fmt.value}"))
        self.format = fmt

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "write":
            self.action_write()
        else:
            self.dismiss(None)

    def _error(self, message: str) -> None:
        note = self.query_one("#document-error", Static)
        note.update(plain(message))
        note.display = bool(message)

    def action_write(self) -> None:
        text = self.query_one("#document-path", Input).value.strip()
        if not text:
            self._error("Bitte einen Dateinamen angeben.")
            return
        text = self._with_format(text)
        if not text:
            return
        if in_browser(self.app):
            fallback = self._proposed(self.format)
            name = download_name(text, fallback)
            self._deliver(name if name.lower().endswith(f".{self.format.value}") else f"{name}.{self.format.value}")
            return
        path = Path(text).expanduser()
        problem = target_problem(path)  # a missing or write-protected folder: said before rendering
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

    def _with_format(self, text: str) -> str:
        """The typed name with its ending choosing the format, as ``herford-tui dokument --out``.

        Someone typing ``niederschrift.docx`` means a Word file: before, the PDF chosen above
        landed in a file named .docx that Word cannot open. A name without a document ending gets
        the chosen format's. "" (with the reason shown) for a format this document lacks.
        """
        suffix = Path(text).suffix.lower().lstrip(".")
        if suffix not in set(Format):
            if not in_browser(self.app) and Path(text).expanduser().is_dir():
                return text  # said below: a folder, not a file
            text = f"{text}.{self.format.value}"
            self.query_one("#document-path", Input).value = text
            return text
        fmt = Format(suffix)
        if fmt not in self.kind.formats:
            self._error(f"Die {self.kind.title} gibt es nur als {', '.join(f.upper() for f in self.kind.formats)}.")
            return ""
        if fmt is not self.format:
            self.format = fmt
            self.query_one(f"#format-{fmt.value}", RadioChoice).value = True
        return text

    def _rendered(self) -> bytes | None:
        """The document from the snapshot as it is now, or None once the reason is shown (in the
        worker's thread: rendering takes a tenth of a second, a large meeting longer)."""
        from herford_tui.documents.render import render
        from herford_tui.documents.templates import TemplateError

        snapshot = self.herford.snapshot
        meeting = snapshot.meetings.get(self.meeting_id)
        if meeting is None:
            self.app.call_from_thread(self._error, "Die Sitzung gibt es nicht mehr (gelöscht).")
            return None
        try:
            return render(self.kind.key, self.format, snapshot, meeting)
        except (TemplateError, ValueError) as exc:
            self.app.call_from_thread(self._error, str(exc))
            return None

    @work(thread=True, exclusive=True, group="document", exit_on_error=False)
    def _deliver(self, name: str) -> None:
        payload = self._rendered()
        if payload is not None:
            self.app.call_from_thread(self._delivered, payload, name)

    def _delivered(self, payload: bytes, name: str) -> None:
        download(self.app, payload, name)
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="document", exit_on_error=False)
    def _write(self, path: Path, *, overwrite: bool) -> None:
        from herford_tui.store.written import write_recorded

        payload = self._rendered()
        if payload is None:
            return
        try:
            warning = write_recorded(self.herford.db_path, path, payload, overwrite=overwrite)
        except OSError as exc:
            message = not_written(path, exc)
        else:
            if warning:
                self.app.call_from_thread(self.app.notify, warning, severity="warning", markup=False, timeout=15)
            self.app.call_from_thread(self.dismiss, path)
            return
        self.app.call_from_thread(self._error, message)
