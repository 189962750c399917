"""Edit a person's name, function, organisation and contact data."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from textual.widget import Widget
from textual.widgets import Input

from herford_tui.domain import Person, Problem
from herford_tui.domain.search import find_organisations
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.picker import RecordPicker
from herford_tui.ui.directory.duplicate_warning import DuplicateWarning

TEXT_FIELDS = (
    ("title", "Titel", "z. B. Dr."),
    ("given_name", "Vorname", ""),
    ("family_name", "Nachname", ""),
    ("function", "Funktion", "z. B. Schulleitung"),
    ("email", "E-Mail", "name@beispiel.de"),
    ("phone", "Telefon", "05221 …"),
    ("notes", "Notizen", "nur was die Gremienarbeit braucht (DSGVO)"),
)


class PersonForm(DuplicateWarning[Person]):
    EDIT_WHAT = "Personen bearbeiten"
    AUTO_FOCUS = "#given_name"

    def __init__(self, person: Person):
        super().__init__()
        self.original = person
        """The input a duplicate warning was shown for: saving it unchanged goes ahead."""

    def title_text(self) -> str:
        if not self.original.id:
            return "Neue Person (Kontakt, ohne Mitgliedschaft)"
        return f"Person bearbeiten – {self.original.full_name}"

    def compose_fields(self) -> Iterable[Widget]:
        p = self.original
        for name, label, placeholder in TEXT_FIELDS[:4]:
            yield from self.field(
                label, OneLineInput(getattr(p, name), placeholder=placeholder, compact=True, id=name), name
            )
        org = self.snapshot.organisations.get(p.organisation_id) if p.organisation_id else None
        yield from self.field(
            "Organisation",
            RecordPicker(
                lambda text: [(o.id, o.name) for o in find_organisations(self.snapshot, text)],
                placeholder="Organisation tippen … (leer = keine)",
                value=org.id if org else None,
                value_label=org.name if org else "",
                id="organisation",
            ),
            "organisation_id",
        )
        for name, label, placeholder in TEXT_FIELDS[4:]:
            yield from self.field(
                label, OneLineInput(getattr(p, name), placeholder=placeholder, compact=True, id=name), name
            )

    def build(self) -> Person | list[Problem]:
        picker = self.query_one("#organisation", RecordPicker)
        if picker.value is None and self.query_one("#organisation-input", Input).value.strip():
            return [Problem("organisation_id", "Bitte eine Organisation aus der Liste wählen oder das Feld leeren.")]
        values: dict[str, Any] = {name: self.query_one(f"#{name}", Input).value.strip() for name, _, _ in TEXT_FIELDS}
        person = dataclasses.replace(self.original, organisation_id=picker.value, **values)
        problems = self.snapshot.check(person)
        if problems:
            return problems
        return self.duplicate_problems(person, "family_name") or person
