"""Deleting a person or an organisation: refused while referenced, with the ways on offered.

Not referenced: a plain confirmation. Referenced: the dialog names every reference the store
would refuse on (``domain/deletion.referring``) and offers to end the current memberships as of
a date (Strg+T; not Strg+B, the prefix key of tmux) or to hand over to a replacement (Strg+R).
A person kept only by history (ended memberships, past meetings, tasks) stays in the history
(Esc) or has their personal data erased (L, DSGVO: the placeholder keeps the history).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from herford_tui.domain import Organisation, Person, Problem
from herford_tui.domain.deletion import (
    References,
    begins_later,
    end_plan,
    nothing_to_end,
    references,
    replacement_plan,
)
from herford_tui.domain.directory import Facets, filter_organisations, filter_persons
from herford_tui.domain.dsgvo import PLACEHOLDER
from herford_tui.domain.labels import format_date, parse_date
from herford_tui.ui.common.access import HerfordAccess, herford_of
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.picker import RecordPicker
from herford_tui.ui.common.typing_input import InOrderInput


@dataclass(frozen=True)
class Choice:
    action: str
    """"end", "replace" or "erase"."""
    as_of: date | None = None
    replacement_id: int | None = None


def ask_delete(app: App[Any], record: Person | Organisation, on_deleted: Callable[[], None]) -> None:
    """Delete ``record`` after a confirmation, or explain why not and offer the ways on."""
    from herford_tui.ui.common.confirm import ConfirmScreen

    herford = herford_of(app)
    refs = references(herford.snapshot, record, herford.today)
    name = record.full_name if isinstance(record, Person) else record.name
    if not refs.blocked:
        from herford_tui.ui.data import WriteJob

        def confirmed(deleted: bool | None) -> None:
            if deleted:  # the dialog closes once the delete is on disk
                on_deleted()

        question = f"„{name}“ löschen? Nur für irrtümliche Einträge."  # ConfirmScreen shows it as plain text
        job = WriteJob([record], delete=True)
        app.push_screen(ConfirmScreen(question, yes="Löschen", job=job, edit_what="Löschen"), confirmed)
        return

    def chosen(choice: Choice | None) -> None:
        if choice is None:
            return
        if choice.action == "erase" and isinstance(record, Person):
            from herford_tui.ui.directory.erase import ask_erase

            ask_erase(app, record)
            return
        if choice.as_of is None:
            return
        snapshot = herford.snapshot
        fresh = references(snapshot, record, herford.today)
        if choice.action == "end":
            herford.save_records(list(end_plan(snapshot, fresh, choice.as_of)))
        elif choice.replacement_id is not None:
            plan = replacement_plan(snapshot, record, fresh, choice.replacement_id, choice.as_of)
            if isinstance(record, Organisation):
                # Nothing points at it after the hand-over: then it can go.
                herford.save_records(
                    list(plan), done=lambda _: herford.delete_record(record, done=lambda _: on_deleted())
                )
            else:
                herford.save_records(list(plan))

    app.push_screen(ReferencesDialog(record, refs), chosen)


class ReferencesDialog(HerfordAccess, ModalScreen[Choice | None]):
    EDITS = True  # leads to a write: refused in read-only mode
    EDIT_WHAT = "Löschen"
    AUTO_FOCUS = "#as-of"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Abbrechen", id="references.cancel"),
        Binding("ctrl+t", "end", "Zum Datum beenden", id="references.end"),
        Binding("ctrl+r", "replace", "Ersatz übernimmt", id="references.replace"),
        Binding("escape", "keep", "Bleibt im Verlauf", id="references.keep"),
        Binding("L", "erase", "DSGVO-Löschen", id="references.erase"),
    ]

    def __init__(self, record: Person | Organisation, refs: References):
        super().__init__()
        self.record = record
        self.refs = refs

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A person kept only by history has nothing to end or hand over: keep or erase instead.
        history_only = self.refs.history_only
        if action in ("end", "replace", "dismiss"):
            return not history_only
        if action in ("keep", "erase"):
            return history_only
        return True

    def compose(self) -> ComposeResult:
        name = self.record.full_name if isinstance(self.record, Person) else self.record.name
        with Vertical(classes="dialog"):
            yield Label(plain(f"„{name}“ kann nicht gelöscht werden"), classes="dialog-title")
            yield Static(plain("Noch verwiesen von:\n• " + "\n• ".join(self.refs.lines), keep_newlines=True))
            yield from self._history_choice() if self.refs.history_only else self._ways_on()
        yield Footer()

    def _history_choice(self) -> ComposeResult:
        yield Static(
            "Die Person gehört zum Verlauf (beendete Mitgliedschaften, Sitzungen, Aufgaben) und hat "
            "nichts Aktuelles zu beenden. Esc: sie bleibt im Verlauf. L: ihre personenbezogenen Daten "
            f"nach DSGVO löschen; der Verlauf bleibt mit dem Platzhalter „{PLACEHOLDER}“.",
            classes="dialog-text",
        )

    def _ways_on(self) -> ComposeResult:
        is_person = isinstance(self.record, Person)
        yield Static(
            (
                f"Strg+T beendet {_current(len(self.refs.active))} zum Datum "
                f"({'sie bleibt' if len(self.refs.active) == 1 else 'sie bleiben'} als Verlauf; "
                "Personendaten löscht „L“ nach DSGVO). "
                if self.refs.active
                else ""
            )
            + (
                "Strg+R: eine andere Person übernimmt die Sitze ab dem Tag danach."
                if is_person
                else "Strg+R: eine andere Organisation übernimmt Personen und Vertretungen, dann wird gelöscht."
            ),
            classes="dialog-text",
        )
        yield Label("Zum Datum")
        yield InOrderInput(format_date(self.herford.today), placeholder="TT.MM.JJJJ", compact=True, id="as-of")
        yield Label("Ersatz")
        yield RecordPicker(self._search, placeholder="Ersatz tippen …", id="replacement")
        yield Static("", id="references-problem", classes="field-error -empty")

    def _search(self, text: str) -> list[tuple[int, str]]:
        snapshot = self.herford.snapshot
        if isinstance(self.record, Person):
            people = filter_persons(snapshot, Facets(text=text))
            return [(p.id, p.full_name) for p in people if p.id != self.record.id and not p.erased_on]
        return [(o.id, o.name) for o in filter_organisations(snapshot, Facets(text=text)) if o.id != self.record.id]

    def _problem(self, message: str) -> None:
        box = self.query_one("#references-problem", Static)
        box.update(plain(message))
        box.set_class(not message, "-empty")

    def _as_of(self):
        try:
            return parse_date(self.query_one("#as-of", Input).value)
        except ValueError as exc:
            self._problem(str(exc))
            return None

    def action_end(self) -> None:
        if not self.refs.active:
            self._problem("Es gibt keine aktuelle Mitgliedschaft zu beenden.")
            return
        as_of = self._as_of()
        if as_of is None or self._begins_later(as_of):
            return
        if problem := nothing_to_end(self.refs, as_of):
            self._problem(problem)
            return
        self.dismiss(Choice("end", as_of))

    def _begins_later(self, as_of) -> bool:
        """Say so and return True if a membership begins after ``as_of`` (``deletion.begins_later``)."""
        problem = begins_later(self.herford.snapshot, self.refs, as_of)
        if problem:
            self._problem(problem)
        return bool(problem)

    def action_keep(self) -> None:
        self.dismiss(None)

    def action_erase(self) -> None:
        self.dismiss(Choice("erase"))

    def action_replace(self) -> None:
        as_of = self._as_of()
        if as_of is None or (isinstance(self.record, Person) and self._begins_later(as_of)):
            return
        picked = self.query_one("#replacement", RecordPicker).value
        if picked is None:
            self._problem(Problem("replacement", "Bitte den Ersatz aus der Liste wählen.").message)
            return
        self.dismiss(Choice("replace", as_of, picked))


def _current(n: int) -> str:
    """ "die aktuelle Mitgliedschaft", "die 3 aktuellen Mitgliedschaften"."""
    return "die aktuelle Mitgliedschaft" if n == 1 else f"die {n} aktuellen Mitgliedschaften"
