"""Create or edit an organisation (network partner)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, cast

from textual.widget import Widget
from textual.widgets import Input

from herford_tui.domain import KREISWEIT, MUNICIPALITIES, Organisation, OrgType, Problem
from herford_tui.domain.labels import ORG_TYPE
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.common.select import Select

TEXT_FIELDS = (
    ("address", "Anschrift", "Straße Nr., PLZ Ort"),
    ("phone", "Telefon", "05221 …"),
    ("email", "E-Mail", "name@beispiel.de"),
    ("website", "Website", "https://…"),
    ("notes", "Notizen", ""),
)


class OrganisationForm(FormScreen[Organisation]):
    EDIT_WHAT = "Organisationen bearbeiten"
    AUTO_FOCUS = "#name"

    def __init__(self, organisation: Organisation | None):
        super().__init__()
        self.original = organisation

    def title_text(self) -> str:
        return "Neue Organisation" if self.original is None else f"Organisation bearbeiten – {self.original.name}"

    def compose_fields(self) -> Iterable[Widget]:
        o = self.original or Organisation()
        yield from self.field("Name", OneLineInput(o.name, compact=True, id="name"), "name")
        types = [(label, t) for t, label in ORG_TYPE.items()]
        yield from self.field("Art", Select(types, value=o.type, allow_blank=False, compact=True, id="type"), "type")
        places = [("kreisweit", KREISWEIT), *((m, m) for m in MUNICIPALITIES)]
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
        organisation = dataclasses.replace(
            self.original or Organisation(),
            name=self.query_one("#name", Input).value.strip(),
            type=OrgType(cast(str, self.query_one("#type", Select).value)),
            municipality=str(self.query_one("#municipality", Select).value),
            **values,
        )
        return self.snapshot.check(organisation) or organisation
