"""Pick the duplicate to merge into the person shown: its memberships move, the history stays."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static

from herford_tui.domain import Person, Problem
from herford_tui.domain.directory import Facets, filter_persons
from herford_tui.domain.person_merge import merge_plan
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.picker import RecordPicker


class MergeDialog(HerfordAccess, ModalScreen[int | None]):
    """Dismisses with the id of the record to merge into ``keep`` (and then delete)."""

    EDITS = True  # leads to a write: refused in read-only mode
    EDIT_WHAT = "Zusammenführen"
    AUTO_FOCUS = "#merge-input"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Abbrechen", id="merge.cancel"),
        Binding("ctrl+s", "merge", "Zusammenführen", id="merge.save"),
    ]

    def __init__(self, keep: Person):
        super().__init__()
        self.keep = keep

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(f"Zusammenführen in „{self.keep.full_name}“"), classes="dialog-title")
            yield Static(
                "Welcher doppelte Eintrag soll in diesen aufgehen? Seine Mitgliedschaften und Anwesenheiten "
                "wechseln hierher, leere Felder werden ergänzt, dann wird er gelöscht. Strg+S führt zusammen.",
                classes="dialog-text",
            )
            yield RecordPicker(self._search, placeholder="Name des doppelten Eintrags …", id="merge")
            yield Static("", id="merge-problem", classes="field-error -empty")
        yield Footer()

    def _search(self, text: str) -> list[tuple[int, str]]:
        snapshot = self.herford.snapshot
        found = filter_persons(snapshot, Facets(text=text))
        return [(p.id, f"{p.full_name} (Nr. {p.id})") for p in found if p.id != self.keep.id and not p.erased_on]

    @on(RecordPicker.Picked, "#merge")
    def _picked(self, event: RecordPicker.Picked) -> None:
        self._show([])

    def _show(self, problems: list[Problem]) -> None:
        box = self.query_one("#merge-problem", Static)
        box.update(plain("\n".join(p.message for p in problems)))
        box.set_class(not problems, "-empty")

    def action_merge(self) -> None:
        picked = self.query_one("#merge", RecordPicker).value
        if picked is None:
            self._show([Problem("merge", "Bitte den doppelten Eintrag aus der Liste wählen.")])
            return
        plan = merge_plan(self.herford.snapshot, self.keep.id, picked)
        if plan.problems:
            self._show([Problem("merge", p) for p in plan.problems])
            return
        self.dismiss(picked)
