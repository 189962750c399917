"""Asking for the DSGVO erasure of a person (Art. 17): from the person screen (L) and from the
delete dialog of a person kept only by history. The erasure runs in the app's write worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from herford_tui.domain import Person
from herford_tui.domain.directory import person_named
from herford_tui.domain.erasure_end import chairs_dropped_text, erasure_memberships_text, open_memberships
from herford_tui.ui.common.access import herford_of


def ask_erase(app: App[Any], person: Person, done: Callable[[], None] | None = None) -> None:
    """Confirm, then erase the person's data; the memberships stay as the placeholder's history."""
    from herford_tui.ui.common.confirm import ConfirmScreen

    herford = herford_of(app)
    if herford.refuse_edit("DSGVO-Löschen"):  # at once, as every edit key: not after "Endgültig löschen"
        return
    if person.erased_on is not None:
        app.notify("Die Daten dieser Person sind schon gelöscht.", severity="information")
        return
    n = len(herford.snapshot.memberships_of_person(person.id))
    running = len(open_memberships(herford.snapshot, person.id, herford.today))
    question = (
        f"Alle personenbezogenen Daten von „{person_named(herford.snapshot, person.id)}“ endgültig löschen "
        "(Art. 17 DSGVO)?\n"
        f"Name, Funktion, Organisation, Kontaktdaten und Notizen werden gelöscht, auch aus den "
        f"Sicherungen. {erasure_memberships_text(n, running, herford.today)}"
    )
    if chairs := chairs_dropped_text(herford.snapshot, person.id, herford.today):
        question += f"\n{chairs}"

    def answered(yes: bool | None) -> None:
        if yes:
            herford.erase_person(person.id, done)

    dialog = ConfirmScreen(question, yes="Endgültig löschen", title="DSGVO: Löschen")  # shown as plain text
    app.push_screen(dialog, answered)
