"""The organisation directory (network partners): filter, details, editing."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from herford_tui.domain import Organisation, Snapshot
from herford_tui.domain.labels import ORG_TYPE, ROLE
from herford_tui.domain.search import find_organisations
from herford_tui.domain.text import printable
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.typing_input import InOrderInput
from herford_tui.ui.common.view import SnapshotView
from herford_tui.ui.data import WriteJob

COLUMNS = (("Name", 36), ("Art", 20), ("Kommune", 12), ("Pers.", 5))
FILTER_PAUSE = 0.06
"""Seconds without a key before the filter rebuilds the table: typed fast, only the last text needs one."""


class DirectoryPane(SnapshotView):
    BINDINGS = [
        Binding("a", "add", "Neu", id="directory.add"),
        Binding("e", "edit", "Ändern", id="directory.edit"),
        Binding("delete", "delete", "Löschen", show=False, id="directory.delete"),
        Binding("f", "filter", "Filtern", id="directory.filter"),  # "/" is the global search
    ]

    def __init__(self) -> None:
        super().__init__(classes="directory")
        self.rows: list[Organisation] = []
        self._filter_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield InOrderInput(placeholder="Filtern: Name, Art oder Kommune tippen (f)", compact=True, id="org-filter")
        yield DataTable(id="org-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="org-detail", classes="member-detail")

    def on_mount(self) -> None:
        table = self.query_one("#org-table", DataTable)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        super().on_mount()

    def refresh_data(self, snapshot: Snapshot) -> None:
        text = self.query_one("#org-filter", Input).value
        self.rows = find_organisations(snapshot, text, limit=None)
        people: dict[int, int] = {}
        for p in snapshot.persons.values():
            if p.organisation_id:
                people[p.organisation_id] = people.get(p.organisation_id, 0) + 1
        table = self.query_one("#org-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for org in self.rows:
            table.add_row(
                Text(printable(org.name), overflow="ellipsis", no_wrap=True),
                ORG_TYPE[org.type],
                Text(printable(org.municipality)),
                str(people.get(org.id, "")),
                key=str(org.id),
            )
        if self.rows:
            table.move_cursor(row=min(max(keep, 0), len(self.rows) - 1))
        self._show_detail()

    @on(Input.Changed, "#org-filter")
    def _filter_changed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_PAUSE, self._refilter)

    def _refilter(self) -> None:
        self._filter_timer = None
        self.refresh_data(self.app.snapshot)

    @on(Input.Submitted, "#org-filter")
    def _filter_done(self) -> None:
        if self._filter_timer is not None:  # Enter right after typing: the table for this text now
            self._filter_timer.stop()
            self._refilter()
        self.query_one("#org-table", DataTable).focus()

    @on(DataTable.RowHighlighted, "#org-table")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#org-table")
    def _selected(self) -> None:
        self.action_edit()

    @property
    def current(self) -> Organisation | None:
        row = self.query_one("#org-table", DataTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _show_detail(self) -> None:
        self.query_one("#org-detail", Static).update(self._detail())

    def _detail(self) -> Text:
        org = self.current
        if org is None:
            return Text("Keine Organisation gefunden. „a“ legt eine neue an.", style="dim")
        snapshot, today = self.app.snapshot, self.app.today
        text = Text()
        text.append(printable(org.name), style="bold")
        text.append(f"  ·  {ORG_TYPE[org.type]}, {printable(org.municipality)}", style="dim")
        contact = printable(" · ".join(x for x in (org.address, org.phone, org.email, org.website) if x))
        text.append("\n" + (contact or "keine Kontaktdaten"), style="" if contact else "dim")
        seats = []
        for m in snapshot.memberships.values():
            if m.represents_id == org.id and m.is_active(today) and m.committee_id in snapshot.committees:
                person = snapshot.persons.get(m.person_id)
                name = person.full_name if person else "?"
                seats.append(f"{snapshot.committees[m.committee_id].name}: {name} ({ROLE[m.role]})")
        text.append("\nVertreten in: " + (printable("; ".join(sorted(seats))) if seats else "keinem Gremium"))
        return text

    def select_organisation(self, organisation_id: int) -> None:
        """Put the cursor on one organisation (from the search), clearing a filter that hides it."""
        if all(o.id != organisation_id for o in self.rows):
            self.query_one("#org-filter", Input).value = ""
            self.refresh_data(self.app.snapshot)
        for i, org in enumerate(self.rows):
            if org.id == organisation_id:
                table = self.query_one("#org-table", DataTable)
                table.move_cursor(row=i)
                table.focus()
                return

    def action_filter(self) -> None:
        self.query_one("#org-filter", Input).focus()

    def action_add(self) -> None:
        from herford_tui.ui.directory.org_form import OrganisationForm

        self.ask(OrganisationForm(None))

    def action_edit(self) -> None:
        from herford_tui.ui.directory.org_form import OrganisationForm

        if self.current is not None:
            self.ask(OrganisationForm(self.current))

    def action_delete(self) -> None:
        org = self.current
        if org is None:
            return

        question = f"Organisation „{org.name}“ löschen? Nur für irrtümliche Einträge."
        job = WriteJob([org], delete=True)
        self.ask(ConfirmScreen(question, yes="Löschen", job=job, edit_what="Löschen"))
