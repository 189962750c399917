"""One organisation: contact data and address, its seats in the committees (who represents it
now, earlier ones with h), and its people. Scrolls as a whole; tables keep every line."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from herford_tui.domain import Organisation, Snapshot
from herford_tui.domain.directory import count_text
from herford_tui.domain.people import (
    MembershipRow,
    organisation_facts,
    organisation_people,
    organisation_seats,
    seats_held,
)
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.fit import Column, Plan, dropped_text
from herford_tui.ui.common.footer import SteadyFooter
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.row_table import RowTable
from herford_tui.ui.directory.record_tables import (
    facts_text,
    fill_table,
    follow_cursor,
    marked,
    row_style,
    table_width,
)

SEAT_COLUMNS = (
    Column("Gremium", minimum=14, spare=True, readable=40),  # "Demo-Arbeitsk…" on every line told nothing
    Column("Sitz", priority=4, extra=True),
    Column("Person", minimum=14),
    Column("Rolle", priority=3),
    Column("Zeitraum", priority=1, whole=True),
)
PEOPLE_COLUMNS = (
    Column("Name", minimum=16),
    Column("Funktion", priority=3),
    Column("E-Mail", priority=2, whole=True),
    Column("Telefon", priority=1, whole=True),
)
"""Periods, phone numbers and e-mail addresses whole or not at all; the detail line names the rest."""


class OrganisationScreen(HerfordAccess, Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Zurück", id="organisation.close"),
        Binding("e", "edit", "Ändern", id="organisation.edit"),
        Binding("h", "toggle_history", "Frühere", id="organisation.history"),
        Binding("delete", "delete", "Löschen", show=False, id="organisation.delete"),
    ]

    def __init__(self, organisation_id: int):
        super().__init__(classes="record-screen")
        self.organisation_id = organisation_id
        self.history = False
        self.seats: list[MembershipRow] = []
        self.people_ids: list[int] = []
        self._people_cells: list[tuple[str, ...]] = []
        self._plans = {"organisation-seats": Plan((), (), ()), "organisation-people": Plan((), (), ())}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="organisation-body"):
            yield Label(id="organisation-title", classes="record-title")
            yield Static(id="organisation-facts", classes="record-facts")
            yield Label(id="organisation-seats-title", classes="section-title")
            yield RowTable(id="organisation-seats", cursor_type="row", zebra_stripes=True)
            yield Label(id="organisation-people-title", classes="section-title")
            yield RowTable(id="organisation-people", cursor_type="row", zebra_stripes=True)
        yield Static(id="organisation-detail", classes="record-detail")
        yield SteadyFooter(compact=True, show_command_palette=False)  # without edit keys when only reading

    def on_resize(self) -> None:
        self._refresh(self.herford.snapshot)

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._refresh, init=True)
        # The page opens at its top (name, address): focusing the seats must not scroll the page
        # to them; the cursor's row is kept in sight by ``follow_cursor`` from then on.
        self.query_one("#organisation-seats", DataTable).focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#organisation-body", VerticalScroll).scroll_home, animate=False)

    @property
    def organisation(self) -> Organisation | None:
        return self.herford.snapshot.organisations.get(self.organisation_id)

    def _refresh(self, snapshot: Snapshot | None) -> None:
        if snapshot is None:
            return
        org = snapshot.organisations.get(self.organisation_id)
        if org is None:  # deleted meanwhile
            if self.is_current:
                self.dismiss(None)
            return
        self.query_one("#organisation-title", Label).update(plain(org.name, "bold"))
        self.query_one("#organisation-facts", Static).update(facts_text(organisation_facts(org)))
        self.seats = organisation_seats(snapshot, org.id, self.herford.today, history=self.history)
        held = seats_held(self.seats)
        title = f"Vertreten in den Gremien: {count_text(held, 'Sitz', 'Sitze')} aktuell"
        title += " (mit früheren, h blendet sie aus)" if self.history else " (h zeigt auch frühere)"
        self.query_one("#organisation-seats-title", Label).update(title)
        width = table_width(self.query_one("#organisation-body", VerticalScroll), self.size.width)
        rows = [(marked(r, r.seat_cells), row_style(r)) for r in self.seats]
        seats = self.query_one("#organisation-seats", DataTable)
        self._plans["organisation-seats"] = fill_table(seats, SEAT_COLUMNS, rows, width)
        people = organisation_people(snapshot, org.id)
        self.people_ids = [p.id for p in people]
        self.query_one("#organisation-people-title", Label).update(
            f"Personen: {count_text(len(people), 'Person', 'Personen')} · Enter öffnet die Person"
        )
        self._people_cells = [(p.full_name, p.function, p.email, p.phone) for p in people]
        rows = [(cells, "") for cells in self._people_cells]
        people_table = self.query_one("#organisation-people", DataTable)
        self._plans["organisation-people"] = fill_table(people_table, PEOPLE_COLUMNS, rows, width)
        focused = self.focused if isinstance(self.focused, DataTable) else seats
        self._show_dropped(focused, focused.cursor_row)

    @on(DataTable.RowHighlighted)
    def _follow(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.has_focus:  # the user's move, not the fill at opening
            follow_cursor(self.query_one("#organisation-body", VerticalScroll), event)
            self._show_dropped(event.data_table, event.cursor_row)

    def _show_dropped(self, table: DataTable, row: int) -> None:
        """What the width leaves out of the highlighted row (a period, a phone number …), in full."""
        columns: tuple[Column, ...]
        if table.id == "organisation-people":
            columns, cells = PEOPLE_COLUMNS, self._people_cells
        else:
            columns, cells = SEAT_COLUMNS, [r.seat_cells for r in self.seats]
        text = dropped_text(columns, self._plans[table.id or ""], cells[row]) if 0 <= row < len(cells) else ""
        detail = self.query_one("#organisation-detail", Static)
        detail.update(plain(text))
        detail.display = bool(text)

    def on_descendant_focus(self) -> None:
        if isinstance(self.focused, DataTable):  # Tab to the other table: its row's dropped facts
            self._show_dropped(self.focused, self.focused.cursor_row)

    def action_close(self) -> None:
        self.dismiss(None)

    def _after_delete(self) -> None:
        if self.is_current:  # the refresh may have closed it already
            self.dismiss(None)

    def action_toggle_history(self) -> None:
        self.history = not self.history
        self._refresh(self.herford.snapshot)

    @on(DataTable.RowSelected, "#organisation-people")
    def _open_person(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.people_ids):
            self.herford.open_person(self.people_ids[event.cursor_row])

    @on(DataTable.RowSelected, "#organisation-seats")
    def _open_seat_person(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.seats):
            self.herford.open_person(self.seats[event.cursor_row].membership.person_id)

    def action_edit(self) -> None:
        from herford_tui.ui.directory.org_form import OrganisationForm

        org = self.organisation
        if org is not None:
            self.app.push_screen(OrganisationForm(org), callback=self._save)

    def _save(self, org: Organisation | None) -> None:
        if org is not None:
            self.herford.save_record(org)

    def action_delete(self) -> None:
        from herford_tui.ui.directory.references_dialog import ask_delete

        org = self.organisation
        if org is not None:
            ask_delete(self.app, org, on_deleted=self._after_delete)
