"""The directory: organisations and persons, filtered as you type and by type and municipality.

``t`` switches between organisations and persons; ``/`` filters; the two selects narrow by
organisation type and municipality (for persons: those of their organisation). The hit count
says how many are shown ("18 Organisationen"). Enter opens the organisation or person screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Select

from herford_tui.domain import KREISWEIT, Organisation, OrgType, Person, Snapshot
from herford_tui.domain.directory import (
    ORG_TYPES,
    PLACES,
    Facets,
    count_text,
    filter_organisations,
    filter_persons,
    type_label,
)
from herford_tui.domain.labels import ORG_TYPE
from herford_tui.domain.people import place
from herford_tui.ui.common.format import plain_cell
from herford_tui.ui.common.view import SnapshotView

if TYPE_CHECKING:
    from herford_tui.app import HerfordApp

ORGANISATIONS, PERSONS = "organisationen", "personen"

# (label, minimum width, share of the rest): the name takes what the others leave.
ORG_COLUMNS = (("Name", 24, 5), ("Art", 26, 1), ("Kommune", 12, 0), ("PLZ", 5, 0), ("Pers.", 5, 0), ("Telefon", 14, 1))
PERSON_COLUMNS = (
    ("Name", 20, 3), ("Funktion", 12, 2), ("Organisation", 16, 3), ("Kommune", 12, 0), ("E-Mail", 16, 2),
    ("Telefon", 14, 0),
)  # fmt: skip
NARROW = 100
"""Below this width only the first columns are shown (the screens show the rest)."""


def column_widths(columns: tuple[tuple[str, int, int], ...], width: int) -> list[int]:
    """Minimum widths, the rest shared out by weight; cell padding is two columns each."""
    rest = width - sum(w + 2 for _, w, _ in columns) - 2
    shares = sum(s for _, _, s in columns) or 1
    widths = [w + max(rest, 0) * s // shares for _, w, s in columns]
    return widths


class DirectoryPane(SnapshotView):
    app: HerfordApp

    BINDINGS = [
        Binding("t", "toggle_mode", "Personen/Organisationen", id="directory.toggle"),
        Binding("a", "add", "Neu", id="directory.add"),
        Binding("e", "edit", "Ändern", id="directory.edit"),
        Binding("slash", "filter", "Filtern", id="directory.filter"),
        Binding("f", "facets", "Art/Kommune", show=False, id="directory.facets"),
        Binding("delete", "delete", "Löschen", show=False, id="directory.delete"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="directory")
        self.mode = ORGANISATIONS
        self.rows: list[Organisation | Person] = []
        self._width = 0

    def compose(self) -> ComposeResult:
        with Horizontal(classes="directory-bar"):
            yield Label("Organisationen", id="directory-mode")
            yield Input(placeholder="Filtern (/): Name, Ort, Art …", compact=True, id="org-filter")
            yield Label("", id="directory-count")
        with Horizontal(classes="directory-bar"):
            types = [(ORG_TYPE[t], t) for t in ORG_TYPES]
            yield Select(types, prompt="alle Arten", compact=True, id="type-filter")
            places = [("kreisweit" if p == KREISWEIT else p, p) for p in PLACES]
            yield Select(places, prompt="alle Kommunen", compact=True, id="place-filter")
            yield Label("Enter öffnet · t Personen/Organisationen", classes="muted")
        yield DataTable(id="org-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        super().on_mount()

    @property
    def facets(self) -> Facets:
        kind = self.query_one("#type-filter", Select).value
        where = self.query_one("#place-filter", Select).value
        return Facets(
            text=self.query_one("#org-filter", Input).value,
            type=kind if isinstance(kind, OrgType) else None,
            municipality=where if isinstance(where, str) else None,
        )

    def _columns(self) -> tuple[tuple[str, int, int], ...]:
        columns = ORG_COLUMNS if self.mode == ORGANISATIONS else PERSON_COLUMNS
        return columns if self.size.width >= NARROW or not self.size.width else columns[:3]

    def _set_columns(self, table: DataTable) -> None:
        table.clear(columns=True)
        columns = self._columns()
        for (label, _, _), width in zip(columns, column_widths(columns, self.size.width or 80), strict=True):
            table.add_column(label, width=width)
        self._width = self.size.width

    def on_resize(self) -> None:
        if self.size.width != self._width and self.app.snapshot is not None:
            self.refresh_data(self.app.snapshot)

    def refresh_data(self, snapshot: Snapshot) -> None:
        table = self.query_one("#org-table", DataTable)
        keep = self.current
        self._set_columns(table)
        facets = self.facets
        if self.mode == ORGANISATIONS:
            orgs = filter_organisations(snapshot, facets)
            self.rows = list(orgs)
            people: dict[int, int] = {}
            for p in snapshot.persons.values():
                if p.organisation_id:
                    people[p.organisation_id] = people.get(p.organisation_id, 0) + 1
            for org in orgs:
                cells = (org.name, type_label(org), place(org), org.postal_code, str(people.get(org.id, "")), org.phone)
                table.add_row(*self._cells(cells), key=str(org.id))
            count = count_text(len(orgs), "Organisation", "Organisationen")
        else:
            persons = filter_persons(snapshot, facets)
            self.rows = list(persons)
            for p in persons:
                org = snapshot.organisations.get(p.organisation_id) if p.organisation_id else None
                cells = (
                    p.full_name,
                    p.function,
                    org.name if org else "",
                    place(org) if org else "",
                    p.email,
                    p.phone,
                )
                table.add_row(*self._cells(cells), key=str(p.id))
            count = count_text(len(persons), "Person", "Personen")
        self.query_one("#directory-count", Label).update(count)
        self.query_one("#directory-mode", Label).update("Organisationen" if self.mode == ORGANISATIONS else "Personen")
        if self.rows:
            target = next((i for i, r in enumerate(self.rows) if keep is not None and r.id == keep.id), 0)
            table.move_cursor(row=target)

    def _cells(self, cells: tuple[str, ...]) -> list[Text]:
        return [plain_cell(c) for c in cells[: len(self._columns())]]

    @on(Input.Changed, "#org-filter")
    @on(Select.Changed)
    def _filter_changed(self) -> None:
        if self.app.snapshot is not None:
            self.refresh_data(self.app.snapshot)

    @on(Input.Submitted, "#org-filter")
    def _filter_done(self) -> None:
        self.query_one("#org-table", DataTable).focus()

    @on(DataTable.RowSelected, "#org-table")
    def _selected(self) -> None:
        self.action_open()

    @property
    def current(self) -> Organisation | Person | None:
        row = self.query_one("#org-table", DataTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _select(self, mode: str, record_id: int) -> None:
        """Put the cursor on a record (from the search), clearing filters that hide it."""
        if self.mode != mode or all(r.id != record_id for r in self.rows):
            self.mode = mode
            self.query_one("#org-filter", Input).value = ""
            self.query_one("#type-filter", Select).clear()
            self.query_one("#place-filter", Select).clear()
            self.refresh_data(self.app.snapshot)
        table = self.query_one("#org-table", DataTable)
        for i, record in enumerate(self.rows):
            if record.id == record_id:
                table.move_cursor(row=i)
                break
        table.focus()

    def select_organisation(self, organisation_id: int) -> None:
        self._select(ORGANISATIONS, organisation_id)

    def select_person(self, person_id: int) -> None:
        self._select(PERSONS, person_id)

    # -- actions -----------------------------------------------------------------------
    def action_toggle_mode(self) -> None:
        self.mode = PERSONS if self.mode == ORGANISATIONS else ORGANISATIONS
        self.refresh_data(self.app.snapshot)
        self.query_one("#org-table", DataTable).focus()

    def action_filter(self) -> None:
        self.query_one("#org-filter", Input).focus()

    def action_facets(self) -> None:
        self.query_one("#type-filter", Select).focus()

    def action_open(self) -> None:
        from herford_tui.ui.directory.organisation_screen import OrganisationScreen
        from herford_tui.ui.directory.person_screen import PersonScreen

        record = self.current
        if isinstance(record, Organisation):
            self.app.push_screen(OrganisationScreen(record.id))
        elif isinstance(record, Person):
            self.app.push_screen(PersonScreen(record.id))

    def action_add(self) -> None:
        from herford_tui.ui.directory.org_form import OrganisationForm
        from herford_tui.ui.directory.person_form import PersonForm

        if self.mode == ORGANISATIONS:
            self.ask(OrganisationForm(None), callback=self._save)
        else:  # a contact: a person without a membership
            self.ask(PersonForm(Person()), callback=self._save)

    def action_edit(self) -> None:
        from herford_tui.ui.directory.org_form import OrganisationForm
        from herford_tui.ui.directory.person_form import PersonForm

        record = self.current
        if isinstance(record, Organisation):
            self.ask(OrganisationForm(record), callback=self._save)
        elif isinstance(record, Person) and record.erased_on is None:
            self.ask(PersonForm(record), callback=self._save)

    def action_delete(self) -> None:
        from herford_tui.ui.directory.references_dialog import ask_delete

        record = self.current
        if record is not None:
            ask_delete(self.app, record, on_deleted=lambda: None)

    def _save(self, record: Organisation | Person | None) -> None:
        if record is None:
            return
        mode = ORGANISATIONS if isinstance(record, Organisation) else PERSONS
        # A new record may be hidden by the filter: show it with the cursor on it.
        self.app.save_record(record, done=lambda saved: self._select(mode, saved.id))
