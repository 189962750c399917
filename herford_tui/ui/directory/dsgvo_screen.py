"""DSGVO Auskunft (Art. 15) on screen, with export as JSON and as German text."""

from __future__ import annotations

import json
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from herford_tui.domain.dsgvo import Disclosure
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.delivery import download, in_browser
from herford_tui.ui.common.format import plain


def export_path(folder: Path, person_id: int, suffix: str, today) -> Path:
    """A new file name in ``folder``: never an existing file (numbered if need be)."""
    stem = f"auskunft-person-{person_id}-{today.isoformat()}"
    candidate = folder / f"{stem}.{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}.{suffix}"
        n += 1
    return candidate


class DisclosureScreen(HerfordAccess, Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Zurück", id="disclosure.close"),
        Binding("J", "export('json')", "Als JSON speichern", id="disclosure.json"),
        Binding("T", "export('txt')", "Als Text speichern", id="disclosure.text"),
    ]

    def __init__(self, person_id: int, folder: Path | None = None):
        super().__init__(classes="record-screen")
        self.person_id = person_id
        self.folder = folder or Path.home()
        self.report: Disclosure | None = None

    def compose(self) -> ComposeResult:
        yield Label("DSGVO-Auskunft (Art. 15) · J speichert als JSON, T als Text", classes="record-title")
        with VerticalScroll(id="disclosure-body"):
            yield Static("Wird zusammengestellt …", id="disclosure-text")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#disclosure-body").focus()
        self._load()

    @work(thread=True, exclusive=True, group="disclosure", exit_on_error=False)
    def _load(self) -> None:
        from herford_tui.store import StoreError

        try:
            report = self.herford.disclose(self.person_id)
        except StoreError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._show, report)

    def _show(self, report: Disclosure) -> None:
        self.report = report
        self.query_one("#disclosure-text", Static).update(plain(report.as_text(), keep_newlines=True))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self, suffix: str) -> None:
        if self.report is None:
            self.notify("Die Auskunft wird noch zusammengestellt.", severity="warning")
            return
        self._export(self.report, suffix)

    @work(thread=True, group="disclosure-export", exit_on_error=False)
    def _export(self, report: Disclosure, suffix: str) -> None:
        if suffix == "json":
            text = json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"
        else:
            text = report.as_text()
        path = export_path(self.folder, self.person_id, suffix, self.herford.today)
        if in_browser(self.app):  # to the colleague who asked, nothing stays on the server
            self.app.call_from_thread(download, self.app, text.encode("utf-8"), path.name)
            return
        from herford_tui.store.erasure import save_disclosure

        try:
            # atomic, never overwrites, only the one who asked may read it; noted as written
            warning = save_disclosure(path, text, self.herford.db_path)
        except OSError as exc:
            message = f"Nicht gespeichert: {path} ({exc.strerror or 'gibt es schon'})"
            self.app.call_from_thread(self.app.notify, message, severity="error", markup=False)
            return
        saved = f"Gespeichert: {path}" + (f"\n{warning}" if warning else "")
        self.app.call_from_thread(self.app.notify, saved, timeout=8, markup=False)
