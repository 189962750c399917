"""Create or edit an organisation (network partner)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, cast

from textual.widget import Widget
from textual.widgets import Input

from herford_tui.domain import KREISWEIT, Organisation, OrgType, Problem
from herford_tui.domain.directory import ORG_TYPES, PLACES, SCHOOL_FORMS
from herford_tui.domain.labels import ORG_TYPE
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.select import Select
from herford_tui.ui.directory.duplicate_warning import DuplicateWarning

TEXT_FIELDS = (
    ("address", "Anschrift", "Straße Nr."),
    ("postal_code", "PLZ", "32051"),
    ("phone", "Telefon", "05221 …"),
    ("email", "E-Mail", "name@beispiel.de"),
    ("website", "Website", "https://…"),
    ("notes", "Notizen", ""),
)


class OrganisationForm(DuplicateWarning[Organisation]):
    EDIT_WHAT = "Organisationen bearbeiten"
    AUTO_FOCUS = "#name"

    def __init__(self, organisation: Organisation | None):
        super().__init__()
        self.original = organisation
        """The input a duplicate warning was shown for: saving it unchanged goes ahead."""

    def title_text(self) -> str:
        return "Neue Organisation" if self.original is None else f"Organisation bearbeiten – {self.original.name}"

    def compose_fields(self) -> Iterable[Widget]:
        o = self.original or Organisation()
        yield from self.field("Name", OneLineInput(o.name, compact=True, id="name"), "name")
        types = [(ORG_TYPE[t], t) for t in ORG_TYPES]
        yield from self.field("Art", Select(types, value=o.type, allow_blank=False, compact=True, id="type"), "type")
        forms = [(f, f) for f in SCHOOL_FORMS]
        if o.school_form and o.school_form not in SCHOOL_FORMS:  # an imported value stays choosable
            forms.append((o.school_form, o.school_form))
        value = o.school_form or Select.NULL
        yield from self.field(
            "Schulform",
            Select(forms, value=value, prompt="(nur für Schulen)", compact=True, id="school_form"),
            "school_form",
        )
        places = [("kreisweit", KREISWEIT), *((m, m) for m in PLACES if m != KREISWEIT)]
        yield from self.field(
            "Kommune",
            Select(places, value=o.municipality, allow_blank=False, compact=True, id="municipality"),
            "municipality",
        )
        for name, label, placeholder in TEXT_FIELDS:
            yield from self.field(
                label, OneLineInput(getattr(o, name), placeholder=placeholder, compact=True, id=name), name
            )

    def build(self) -> Organisation | list[Problem]:
        values: dict[str, Any] = {name: self.query_one(f"#{name}", Input).value.strip() for name, _, _ in TEXT_FIELDS}
        school_form = self.query_one("#school_form", Select).value
        organisation = dataclasses.replace(
            self.original or Organisation(),
            name=self.query_one("#name", Input).value.strip(),
            type=OrgType(cast(str, self.query_one("#type", Select).value)),
            municipality=str(self.query_one("#municipality", Select).value),
            school_form="" if school_form is Select.NULL else str(school_form),
            **values,
        )
        problems = self.snapshot.check(organisation)
        if problems:
            return problems
        return self.duplicate_problems(organisation, "name") or organisation
