"""The import dialog (I): check a CSV/XLSX file as a whole, show the report, then import all of it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, ProgressBar, Static

from herford_tui.domain import Record
from herford_tui.domain.labels import number
from herford_tui.exchange.importing import (
    DIRECTORY,
    DIRECTORY_KIND,
    KIND_LABEL,
    KINDS,
    ImportPlan,
    fitting_kind,
    kind_note,
    plan_counts,
    plan_import,
)
from herford_tui.exchange.tabular import TableError, read_tables
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.select import Select
from herford_tui.ui.common.typing_input import InOrderInput


def report_text(plan: ImportPlan) -> str:
    """The German report of a checked file (pure; the CLI prints the same facts)."""
    # The outcome first: the box shows a few lines, and hints can be many.
    if plan.problems:
        outcome = f"{number(len(plan.problems))} Fehler. Nichts wird importiert; bitte die Datei berichtigen."
    elif plan.records:
        new, changed, unchanged = number(len(plan.inserts)), number(len(plan.updates)), number(plan.unchanged)
        counts = f"{new} neu, {changed} geändert, {unchanged} unverändert"
        outcome = (
            f"In Ordnung: {plan_counts(plan, lambda part: len(part.records))} bereit zum Import ({counts}, "
            f"{number(len(plan.duplicates))} doppelt)."
        )
    else:
        outcome = f"Nichts zu ändern ({number(plan.unchanged)} unverändert, {number(len(plan.duplicates))} doppelt)."
    lines = [outcome]
    lines += [f"Fehler: {p}" for p in plan.problems]
    lines += [f"Doppelt: {d}" for d in plan.duplicates]
    lines += [f"Hinweis: {n}" for n in plan.notes]
    return "\n".join(lines)


class ImportScreen(HerfordAccess, ModalScreen[int | None]):
    """Dismisses with the number of imported records, or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Abbrechen", id="import.cancel"),
        Binding("ctrl+s", "next_step", "Prüfen / Importieren", id="import.run"),
    ]
    DEFAULT_CSS = """
    ImportScreen #import-report { height: auto; max-height: 10; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.plan: ImportPlan | None = None
        self._checked: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Importieren (CSV oder XLSX)", classes="dialog-title")
            yield Label("Datei", classes="field-label")
            yield InOrderInput(placeholder="z. B. ~/organisationen.csv", id="path")
            yield Label("Was", classes="field-label")
            yield Select(
                [(KIND_LABEL[k], k) for k in KINDS],
                value="organisationen",
                allow_blank=False,
                id="kind",
                open_on_typing=True,
            )
            yield ProgressBar(show_eta=False, id="import-progress")
            with VerticalScroll(id="import-report"):
                yield Static("Strg+S prüft die Datei; nach der Prüfung importiert Strg+S alles.", id="report")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Prüfen (Strg+S)", id="run", variant="primary")
                yield Button("Abbrechen (Esc)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-progress").display = False
        self.query_one("#path", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "run":
            self.action_next_step()
        else:
            self.dismiss(None)

    def _inputs(self) -> tuple[str, str]:
        return str(self.query_one("#kind", Select).value), self.query_one("#path", Input).value.strip()

    def action_next_step(self) -> None:
        kind, path = self._inputs()
        if self.plan is not None and self.plan.ok and self.plan.records and self._checked == (kind, path):
            self._import(self.plan)
            return
        if not path:
            self._report("Bitte eine Datei angeben.")
            return
        self.plan = None
        self.query_one("#run", Button).label = "Prüfen (Strg+S)"
        self._report("Prüfe …")
        self._check(kind, Path(path).expanduser(), (kind, path))

    @work(thread=True, exclusive=True, group="import-check")
    def _check(self, kind: str, path: Path, inputs: tuple[str, str]) -> None:
        app = self.herford
        try:
            tables = read_tables(path)
        except TableError as exc:
            self.app.call_from_thread(self._report, str(exc))
            return
        bar = self.query_one("#import-progress", ProgressBar)
        self.app.call_from_thread(self._start_progress, sum(len(t.rows) for t in tables))
        snapshot = app.snapshot
        if snapshot is None:
            self.app.call_from_thread(self._report, "Die Daten sind noch nicht geladen.")
            return
        fitting = fitting_kind(kind, tables)
        if fitting != kind:  # shown in "Was" and said in the report; the import is a second Strg+S
            self.app.call_from_thread(self._switch_kind, fitting)
            inputs = (DIRECTORY[0] if fitting == DIRECTORY_KIND else fitting, inputs[1])
        plan = plan_import(fitting, tables, snapshot, self._progress(bar))
        if fitting != kind:
            plan.notes.insert(0, kind_note(kind, fitting))
        self.app.call_from_thread(self._checked_plan, plan, inputs)

    def _switch_kind(self, kind: str) -> None:
        # the next Strg+S imports what was checked (either kind of a directory reads both sheets)
        self.query_one("#kind", Select).value = DIRECTORY[0] if kind == DIRECTORY_KIND else kind

    def _progress(self, bar: ProgressBar) -> Callable[[int], None]:
        """Rows checked, handed to the bar a few times a second: ``call_from_thread`` waits for
        the event loop, and once per row (6,000 at x1) that wait was most of the check."""
        done = [0, time.monotonic()]

        def advance(n: int) -> None:
            done[0] += n
            if time.monotonic() - done[1] >= 0.1:
                self.app.call_from_thread(bar.advance, done[0])
                done[0], done[1] = 0, time.monotonic()

        return advance

    def _start_progress(self, total: int) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=total, progress=0)
        bar.display = True

    def _checked_plan(self, plan: ImportPlan, inputs: tuple[str, str]) -> None:
        self.query_one("#import-progress").display = False
        self.plan, self._checked = plan, inputs
        self._report(report_text(plan))
        if plan.ok and plan.records:
            self.query_one("#run", Button).label = f"{number(len(plan.records))} importieren (Strg+S)"

    def _import(self, plan: ImportPlan) -> None:
        self.plan = None  # one import per check: a second Strg+S must not import twice
        self._report("Importiere …")

        def done(saved: list[Record]) -> None:
            # "Gespeichert." alone, for three seconds, left it open what the import had done.
            added, changed = number(len(plan.inserts)), number(len(plan.updates))
            self.notify(f"Importiert: {added} neu, {changed} geändert.", title="Import", timeout=8, markup=False)
            self.dismiss(len(saved))

        assert plan.base is not None
        self.herford.save_import(plan.inserts, plan.updates, plan.base, done)

    def _report(self, text: str) -> None:
        self.query_one("#report", Static).update(plain(text, keep_newlines=True))
