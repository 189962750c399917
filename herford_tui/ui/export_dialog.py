"""The export dialog (E): what to export and where; never overwrites a file without asking.

In the browser (``herford-tui web``) the file is downloaded there instead, under the name typed.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, ProgressBar, Static

from herford_tui.exchange.exports import EXPORT_CHOICES, default_name, export_choices, export_file
from herford_tui.exchange.tabular import write_file
from herford_tui.store.errors import not_written
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.confirm import overwrite_question
from herford_tui.ui.common.delivery import download, download_name, in_browser
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.select import Select
from herford_tui.ui.common.typing_input import InOrderInput


class ExportScreen(HerfordAccess, ModalScreen[Path | None]):
    """Dismisses with the written file, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Abbrechen", id="export.cancel"),
        Binding("ctrl+s", "export", "Exportieren", id="export.run"),
    ]

    def __init__(self, home: Path | None = None) -> None:
        super().__init__()
        self.home = home
        self._suggested = ""

    def compose(self) -> ComposeResult:
        snapshot = self.herford.snapshot
        options = export_choices(snapshot) if snapshot else [(label, key) for key, label in EXPORT_CHOICES.items()]
        with Vertical(classes="dialog"):
            yield Label("Exportieren", classes="dialog-title")
            where = "Dateiname für den Download" if in_browser(self.app) else "Datei"
            yield Label(f"{where} (.xlsx oder .csv; E-Mail-Liste als Text)", classes="field-label")
            yield InOrderInput(id="path")
            yield Label("Was", classes="field-label")
            yield Select(
                [(plain(label), key) for label, key in options],
                value="gremien",
                allow_blank=False,
                id="what",
                open_on_typing=True,
            )
            yield Static("", id="export-error", classes="dialog-text")
            yield ProgressBar(total=None, show_eta=False, id="export-progress")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Exportieren (Strg+S)", id="run", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-progress").display = False
        self._suggest("gremien")
        self.query_one("#path", Input).focus()

    def _suggest(self, what: str) -> None:
        field = self.query_one("#path", Input)
        if field.value and field.value != self._suggested:
            return  # the user typed a path of their own: keep it
        name = default_name(what, self.herford.today)
        self._suggested = name if in_browser(self.app) else str((self.home or Path.home()) / name)
        field.value = self._suggested

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._suggest(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "run":
            self.action_export()
        else:
            self.dismiss(None)

    def action_export(self, overwrite: bool = False) -> None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self._error("Bitte einen Dateinamen angeben.")
            return
        what = str(self.query_one("#what", Select).value)
        if in_browser(self.app):
            self._error("")
            self.query_one("#export-progress").display = True
            self._deliver(what, download_name(raw, default_name(what, self.herford.today)))
            return
        path = Path(raw).expanduser()
        if path.exists() and not overwrite:

            def answered(yes: bool | None) -> None:
                if yes:
                    self.action_export(overwrite=True)

            self.app.push_screen(overwrite_question(path), callback=answered)
            return
        self._error("")
        self.query_one("#export-progress").display = True
        self._write(what, path, overwrite)

    @work(thread=True, exclusive=True, group="export")
    def _write(self, what: str, path: Path, overwrite: bool) -> None:
        app = self.herford
        snapshot = app.snapshot  # the data as shown; read once, it may be replaced meanwhile
        if snapshot is None:
            self.app.call_from_thread(self._error, "Die Daten sind noch nicht geladen.")
            return
        try:
            payload = export_file(snapshot, what, path.suffix, app.today)
            warning = write_file(path, payload, db=app.db_path, overwrite=overwrite)
        except ValueError as exc:
            self.app.call_from_thread(self._error, str(exc))
        except OSError as exc:
            self.app.call_from_thread(self._error, not_written(path, exc))
        else:
            self.app.call_from_thread(self._done, path, warning)

    @work(thread=True, exclusive=True, group="export")
    def _deliver(self, what: str, name: str) -> None:
        try:
            payload = export_file(self.herford.snapshot, what, Path(name).suffix, self.herford.today)
        except ValueError as exc:
            self.app.call_from_thread(self._error, str(exc))
        else:
            self.app.call_from_thread(self._delivered, payload, name)

    def _delivered(self, payload: bytes, name: str) -> None:
        download(self.app, payload, name)
        self.dismiss(None)

    def _error(self, message: str) -> None:
        self.query_one("#export-progress").display = False
        self.query_one("#export-error", Static).update(plain(message))

    def _done(self, path: Path, warning: str | None = None) -> None:
        self.app.notify(f"Exportiert nach {path}.", markup=False, timeout=5)
        if warning:
            self.app.notify(warning, severity="warning", markup=False, timeout=15)
        self.dismiss(path)
