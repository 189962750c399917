"""The directory: organisations and persons, filtered as you type and by type and municipality.

Only the rows on screen are drawn (``LineTable``); the columns are chosen by priority for the
width (``ui/common/fit.py``), and the line below the table spells out what was left out.
``t`` switches between organisations and persons; ``f`` filters (``/`` is the global
search); the two selects (``k``) narrow by
organisation type and municipality (for persons: those of their organisation). The hit count
says how many are shown ("18 Organisationen"). Enter opens the organisation or person screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Input, Label, Static

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
from herford_tui.ui.common.fit import Column, Plan, dropped_text, pick, plan_columns
from herford_tui.ui.common.format import plain, plain_cell
from herford_tui.ui.common.line_table import LineTable
from herford_tui.ui.common.select import Select
from herford_tui.ui.common.typing_input import InOrderInput
from herford_tui.ui.common.view import SnapshotView

ORGANISATIONS, PERSONS = "organisationen", "personen"

# Dropped from the highest priority down when the width is short; whole facts (phone numbers,
# e-mail addresses, postal codes) are never cut. The line below the table names what is left out.
# An organisation's name is what tells "Demo-Berufskolleg Bünde 1" from "… Bünde 2": at 80
# columns the postal code gives way before the name is cut below 30.
ORG_COLUMNS = (
    Column("Name", minimum=30),
    Column("Art", priority=3),
    Column("Kommune", priority=2),
    Column("PLZ", priority=5, whole=True),
    Column("Pers.", priority=4, whole=True),
    Column("Telefon", priority=1, whole=True),
)
PERSON_COLUMNS = (
    Column("Name", minimum=18),
    Column("Funktion", priority=4),
    Column("Organisation", priority=2),
    Column("Kommune", priority=5),
    Column("E-Mail", priority=3, whole=True),
    Column("Telefon", priority=1, whole=True),
)
FILTER_PAUSE = 0.06
"""Seconds without a key before the filter rebuilds the table."""


class DirectoryPane(SnapshotView):
    BINDINGS = [
        Binding("t", "toggle_mode", "Personen/Organisationen", id="directory.toggle"),
        Binding("a", "add", "Neu", id="directory.add"),
        Binding("e", "edit", "Ändern", id="directory.edit"),
        Binding("f", "filter", "Filtern", id="directory.filter"),  # "/" is the global search
        Binding("k", "facets", "Art/Kommune", show=False, id="directory.facets"),
        Binding("delete", "delete", "Löschen", show=False, id="directory.delete"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="directory")
        self.mode = ORGANISATIONS
        self.rows: list[Organisation | Person] = []
        self._width = 0
        self._cells: Sequence[tuple[str, ...]] = []
        """The plain cells of every row shown (all columns), to lay them out again for a new width."""
        self._plan = Plan((), (), ())
        self._filter_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="directory-bar"):
            yield Label("Organisationen", id="directory-mode")
            yield InOrderInput(placeholder="Filtern (f): Name, Ort, Art …", compact=True, id="org-filter")
            yield Label("", id="directory-count")
        with Horizontal(classes="directory-bar"):
            types = [(ORG_TYPE[t], t) for t in ORG_TYPES]
            yield Select(types, prompt="alle Arten", compact=True, id="type-filter")
            places = [("kreisweit" if p == KREISWEIT else p, p) for p in PLACES]
            yield Select(places, prompt="alle Kommunen", compact=True, id="place-filter")
            yield Label("Enter öffnet", classes="muted")  # "t" and the rest: in the footer
        yield LineTable(id="org-table", cursor_type="row")
        yield Static(id="directory-detail", classes="directory-detail")

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

    def _columns(self) -> tuple[Column, ...]:
        return ORG_COLUMNS if self.mode == ORGANISATIONS else PERSON_COLUMNS

    def _fill(self, table: LineTable) -> None:
        """Columns by priority for the width, then the rows (each row's cells made when drawn)."""
        columns, cells = self._columns(), self._cells
        self._plan = plan = plan_columns(columns, cells, table.size.width or self.size.width or 80)
        table.set_columns([columns[i].label for i in plan.shown], plan.widths)
        table.set_rows([str(r.id) for r in self.rows], lambda i: tuple(plain_cell(c) for c in pick(cells[i], plan)))
        self._width = table.size.width

    def on_resize(self) -> None:
        # Only the columns follow the width: the rows shown stay (filtering them again costs
        # ~0.2 s at x10, and the first showing brings a resize right after the first fill).
        # After the layout: the table's own width is known then.
        self.call_after_refresh(self.fit_width)

    @property
    def fitted(self) -> bool:
        """The columns are planned for the table's width as laid out (the first fill may come
        before the table has a width; ``fit_width`` plans them again after the layout)."""
        width = self.query_one("#org-table", LineTable).size.width
        return bool(self._cells) and width > 0 and width == self._width

    def fit_width(self) -> None:
        table = self.query_one("#org-table", LineTable)
        if table.size.width != self._width and self._cells:
            self._fill(table)
            self._show_detail()

    def refresh_data(self, snapshot: Snapshot) -> None:
        table = self.query_one("#org-table", LineTable)
        keep = self.current
        facets = self.facets
        if self.mode == ORGANISATIONS:
            orgs = filter_organisations(snapshot, facets)
            self.rows = list(orgs)
            people = snapshot.people_per_organisation
            self._cells = [
                (org.name, type_label(org), place(org), org.postal_code, str(people.get(org.id, "")), org.phone)
                for org in orgs
            ]
            count = count_text(len(orgs), "Organisation", "Organisationen")
        else:
            persons = filter_persons(snapshot, facets)
            self.rows = list(persons)
            organisations = snapshot.organisations
            rows = []
            for p in persons:
                org = organisations.get(p.organisation_id) if p.organisation_id else None
                rows.append(
                    (p.full_name, p.function, org.name if org else "", place(org) if org else "", p.email, p.phone)
                )
            self._cells = rows
            count = count_text(len(persons), "Person", "Personen")
        self._fill(table)
        self.query_one("#directory-count", Label).update(count)
        self.query_one("#directory-mode", Label).update("Organisationen" if self.mode == ORGANISATIONS else "Personen")
        if self.rows:
            target = next((i for i, r in enumerate(self.rows) if keep is not None and r.id == keep.id), 0)
            table.move_cursor(row=target)
        self._show_detail()

    @on(LineTable.Highlighted, "#org-table")
    def _show_detail(self) -> None:
        """What the width leaves out of the highlighted row (phone, e-mail …), in full."""
        row = self.query_one("#org-table", LineTable).cursor_row
        text = dropped_text(self._columns(), self._plan, self._cells[row]) if 0 <= row < len(self._cells) else ""
        self.query_one("#directory-detail", Static).update(plain(text))

    @on(Input.Changed, "#org-filter")
    def _filter_typed(self) -> None:
        # Typed fast, only the last text needs a table: rebuild once the keys pause.
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_PAUSE, self._refilter)

    @on(Select.Changed)
    def _refilter(self) -> None:
        self._filter_timer = None
        if self.herford.snapshot is not None:
            self.refresh_data(self.herford.snapshot)

    @on(Input.Submitted, "#org-filter")
    def _filter_done(self) -> None:
        if self._filter_timer is not None:  # Enter right after typing: the table for this text now
            self._filter_timer.stop()
            self._refilter()
        self.query_one("#org-table", LineTable).focus()

    @on(LineTable.Selected, "#org-table")
    def _selected(self) -> None:
        self.action_open()

    @property
    def current(self) -> Organisation | Person | None:
        row = self.query_one("#org-table", LineTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _select(self, mode: str, record_id: int) -> None:
        """Put the cursor on a record (just saved), clearing filters that hide it."""
        if self.mode != mode or all(r.id != record_id for r in self.rows):
            self.mode = mode
            self.query_one("#org-filter", Input).value = ""
            self.query_one("#type-filter", Select).clear()
            self.query_one("#place-filter", Select).clear()
            self.refresh_data(self.herford.snapshot)
        if all(r.id != record_id for r in self.rows):  # beyond the first rows: filter by its name
            snapshot = self.herford.snapshot
            found = snapshot.persons.get(record_id) if mode == PERSONS else snapshot.organisations.get(record_id)
            field = self.query_one("#org-filter", Input)
            with field.prevent(Input.Changed):
                field.value = getattr(found, "full_name", "") or getattr(found, "name", "")
            self.refresh_data(snapshot)
        table = self.query_one("#org-table", LineTable)
        for i, record in enumerate(self.rows):
            if record.id == record_id:
                table.move_cursor(row=i)
                break
        table.focus()

    # -- actions -----------------------------------------------------------------------
    def action_toggle_mode(self) -> None:
        self.mode = PERSONS if self.mode == ORGANISATIONS else ORGANISATIONS
        self.refresh_data(self.herford.snapshot)
        self.query_one("#org-table", LineTable).focus()

    def action_filter(self) -> None:
        self.query_one("#org-filter", Input).focus()

    def action_facets(self) -> None:
        self.query_one("#type-filter", Select).focus()

    def action_open(self) -> None:
        record = self.current
        if isinstance(record, Organisation):
            self.herford.open_organisation(record.id)
        elif isinstance(record, Person):
            self.herford.open_person(record.id)

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
        self.herford.save_record(record, done=lambda saved: self._select(mode, saved.id))
