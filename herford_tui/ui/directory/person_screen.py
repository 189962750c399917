"""One person: name, function, organisation, contact data, every membership, current and ended,
and the person's open tasks (from the meetings' agenda items).

From here: edit (e), the organisation (o), the committee of a membership or the meeting of a
task (Enter), DSGVO Auskunft (i) and Löschen (L), merge a duplicate into this record (M), delete
(Entf).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static
from textual.worker import get_current_worker

from herford_tui.domain import Person, Snapshot
from herford_tui.domain.dsgvo import PLACEHOLDER
from herford_tui.domain.labels import number
from herford_tui.domain.people import MembershipRow, membership_counts, person_facts, person_memberships
from herford_tui.domain.schedule import OpenTask, open_tasks
from herford_tui.store import StoreError
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

MEMBERSHIP_COLUMNS = (
    Column("Gremium", minimum=14, spare=True, readable=40),  # "Arbeitskreis Überg…" twice told nothing
    Column("Sitz", priority=3, extra=True),
    Column("Rolle", priority=2),
    Column("vertritt", priority=4, extra=True),
    Column("Zeitraum", priority=1, whole=True),
)
"""At 80 columns the period stays whole; what does not fit is named in the detail line."""

TASK_COLUMNS = (
    Column("", whole=True),
    Column("Fällig", whole=True),
    Column("Aufgabe", minimum=20),
    Column("Gremium", minimum=8),
    Column("Sitzung", priority=1, whole=True),  # "03.12.2026 TOP 2": whole or not at all
)
"""The person's open tasks: the task list's columns (``meetings/tasks.py``) without "Wer"."""

LOADING = "Offene Aufgaben: wird geladen …"


def tasks_failed_text(error: Exception) -> str:
    """The open-tasks line when the meetings cannot be read: the store's German words, or a bug named as one."""
    if isinstance(error, StoreError | OSError):
        return f"Offene Aufgaben: nicht lesbar. {error}"
    return f"Offene Aufgaben: nicht lesbar (unerwarteter Fehler: {type(error).__name__}: {error})."


class PersonScreen(HerfordAccess, Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Zurück", id="person.close"),
        Binding("e", "edit", "Ändern", id="person.edit"),
        Binding("o", "organisation", "Organisation", id="person.organisation"),
        Binding("i", "disclosure", "Auskunft", id="person.disclosure"),
        Binding("L", "erase", "DSGVO-Löschen", id="person.erase"),
        Binding("M", "merge", "Zusammenführen", show=False, id="person.merge"),
        Binding("delete", "delete", "Löschen", show=False, id="person.delete"),
        # Five actions of its own fill 80 columns; "q" stays a key (and in the help), not a label.
        Binding("q", "app.quit", "Beenden", show=False, id="person.quit"),
    ]

    def __init__(self, person_id: int):
        super().__init__(classes="record-screen")
        self.person_id = person_id
        self.rows: list[MembershipRow] = []
        self._plan = Plan((), (), ())
        self.tasks: list[OpenTask] | None = None
        """The person's open tasks; None until the worker has found them (``_find_tasks``)."""
        self._task_cells: list[tuple[str, ...]] = []
        self._task_plan = Plan((), (), ())

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="person-body"):
            yield Label(id="person-title", classes="record-title")
            yield Static(id="person-facts", classes="record-facts")
            yield Label(id="person-memberships-title", classes="section-title")
            yield RowTable(id="person-memberships", cursor_type="row", zebra_stripes=True)
            yield Label(LOADING, id="person-tasks-title", classes="section-title")
            yield RowTable(id="person-tasks", cursor_type="row", zebra_stripes=True)
        yield Static(id="person-detail", classes="record-detail")
        yield SteadyFooter(compact=True, show_command_palette=False)  # without edit keys when only reading

    def on_resize(self) -> None:
        self._refresh(self.herford.snapshot)

    def on_mount(self) -> None:
        table = self.query_one("#person-memberships", DataTable)
        self.watch(self.app, "snapshot", self._refresh, init=True)
        # The page opens at its top (name, contact data): focusing the table must not scroll
        # the page to it; the cursor's row is kept in sight by ``follow_cursor`` from then on.
        table.focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#person-body", VerticalScroll).scroll_home, animate=False)

    @property
    def person(self) -> Person | None:
        return self.herford.snapshot.persons.get(self.person_id)

    def _refresh(self, snapshot: Snapshot | None) -> None:
        if snapshot is None:
            return
        person = snapshot.persons.get(self.person_id)
        if person is None:  # merged into another record or deleted meanwhile
            if self.is_current:
                self.dismiss(None)
            return
        self.query_one("#person-title", Label).update(plain(person.full_name or PLACEHOLDER, "bold"))
        self.query_one("#person-facts", Static).update(facts_text(person_facts(snapshot, person)))
        self.rows = person_memberships(snapshot, person.id, self.herford.today)
        title = "Mitgliedschaften: " + membership_counts([r.status for r in self.rows])
        self.query_one("#person-memberships-title", Label).update(title + " · Enter öffnet das Gremium")
        table = self.query_one("#person-memberships", DataTable)
        keep = table.cursor_row
        rows = [(marked(r, r.cells), row_style(r)) for r in self.rows]
        body = self.query_one("#person-body", VerticalScroll)
        self._plan = fill_table(table, MEMBERSHIP_COLUMNS, rows, table_width(body, self.size.width))
        if self.rows:
            table.move_cursor(row=min(max(keep, 0), len(self.rows) - 1))
        self._show_dropped(table.cursor_row)
        self._load_tasks(snapshot)

    # -- open tasks --------------------------------------------------------------------
    def _load_tasks(self, snapshot: Snapshot) -> None:
        """The open tasks are found in a thread: they are in every meeting's agenda (at x10
        20,000 meetings, which may still be pending decode after the start); until then the
        title says "wird geladen" and the rest of the page is usable. A refresh keeps the rows
        shown until the new ones come."""
        if self.tasks is None:
            self.query_one("#person-tasks-title", Label).update(LOADING)
            self.query_one("#person-tasks", DataTable).display = False
        work = partial(self._find_tasks, snapshot, self.herford.today)
        self.run_worker(work, thread=True, group="person-tasks", exclusive=True, exit_on_error=False)

    def _find_tasks(self, snapshot: Snapshot, today: date) -> None:
        """In the worker's thread: this person's tasks, then shown (unless a newer refresh asked).
        Meetings that cannot be read (a damaged file, decoded only now) are said in the title,
        not left "wird geladen"."""
        try:
            found = open_tasks(snapshot, today, person_id=self.person_id)
        except Exception as exc:  # every failure is said; the rest of the page stays usable
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._tasks_failed, snapshot, exc)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_tasks, snapshot, found)

    def _tasks_failed(self, snapshot: Snapshot, error: Exception) -> None:
        if snapshot is not self.herford.snapshot or not self.is_attached:
            return  # a newer snapshot's worker follows, or the page was closed
        self.tasks = []
        self._task_cells = []
        self.query_one("#person-tasks", DataTable).display = False
        self.query_one("#person-tasks-title", Label).update(plain(tasks_failed_text(error), "bold red"))

    def _show_tasks(self, snapshot: Snapshot, found: list[OpenTask]) -> None:
        if snapshot is not self.herford.snapshot or not self.is_attached:
            return  # a newer snapshot's worker follows, or the page was closed
        from herford_tui.ui.meetings.presentation import open_task_cells

        self.tasks = found
        overdue = sum(1 for t in found if t.overdue)
        title = self.query_one("#person-tasks-title", Label)
        if not found:
            title.update("Offene Aufgaben: keine")
        else:
            late = f", davon {number(overdue)} überfällig (!)" if overdue else ""
            title.update(f"Offene Aufgaben: {number(len(found))}{late} · Enter öffnet die Sitzung")
        self._task_cells = [(m, due, what, committee, meeting) for m, due, what, _, committee, meeting in
                            (open_task_cells(snapshot, t) for t in found)]  # fmt: skip
        rows = [(cells, "bold red" if t.overdue else "") for cells, t in zip(self._task_cells, found, strict=True)]
        table = self.query_one("#person-tasks", DataTable)
        keep = table.cursor_row
        body = self.query_one("#person-body", VerticalScroll)
        self._task_plan = fill_table(table, TASK_COLUMNS, rows, table_width(body, self.size.width))
        table.display = bool(found)
        if found:
            table.move_cursor(row=min(max(keep, 0), len(found) - 1))

    @on(DataTable.RowHighlighted)
    def _follow(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.has_focus:  # the user's move, not the fill at opening
            follow_cursor(self.query_one("#person-body", VerticalScroll), event)
            self._show_dropped(event.cursor_row, tasks=event.data_table.id == "person-tasks")
        elif event.data_table.id == "person-memberships":
            self._show_dropped(event.cursor_row)

    def on_descendant_focus(self) -> None:
        """The detail line follows the table the cursor went to (Tab between the two tables)."""
        focused = self.focused
        if isinstance(focused, DataTable):
            self._show_dropped(focused.cursor_row, tasks=focused.id == "person-tasks")

    def _show_dropped(self, row: int, *, tasks: bool = False) -> None:
        """What the width leaves out of the highlighted membership (its period …) or task, in full."""
        if tasks:
            cells = self._task_cells[row] if 0 <= row < len(self._task_cells) else ()
            text = dropped_text(TASK_COLUMNS, self._task_plan, cells)
        else:
            cells = self.rows[row].cells if 0 <= row < len(self.rows) else ()
            text = dropped_text(MEMBERSHIP_COLUMNS, self._plan, cells)
        detail = self.query_one("#person-detail", Static)
        detail.update(plain(text))
        detail.display = bool(text)

    # -- actions -----------------------------------------------------------------------
    def action_close(self) -> None:
        self.dismiss(None)

    def _after_delete(self) -> None:
        if self.is_current:  # the refresh may have closed it already
            self.dismiss(None)

    @on(DataTable.RowSelected, "#person-memberships")
    def _open_committee(self, event: DataTable.RowSelected) -> None:
        if not 0 <= event.cursor_row < len(self.rows):
            return
        membership = self.rows[event.cursor_row].membership
        committee = self.herford.snapshot.committees.get(membership.committee_id)
        if committee is None:
            return
        if committee.archived:  # no tab: its roster and history to read
            self.herford.open_archived_roster(committee.id)
            return
        self.dismiss(None)
        self.herford.show_id(committee.id, membership.id)  # the cursor on this membership

    @on(DataTable.RowSelected, "#person-tasks")
    def _open_meeting(self, event: DataTable.RowSelected) -> None:
        if self.tasks is not None and 0 <= event.cursor_row < len(self.tasks):
            self.herford.open_meeting(self.tasks[event.cursor_row].meeting.id)

    def action_edit(self) -> None:
        from herford_tui.ui.directory.person_form import PersonForm

        person = self.person
        if person is None:
            return
        if person.erased_on is not None:
            self.notify("Die Daten dieser Person wurden gelöscht (DSGVO).", severity="warning")
            return
        self.app.push_screen(PersonForm(person), callback=self._save)

    def _save(self, person: Person | None) -> None:
        if person is not None:
            self.herford.save_record(person)

    def action_organisation(self) -> None:
        person = self.person
        if person is None or not person.organisation_id:
            self.notify("Keiner Organisation zugeordnet.", severity="warning")
            return
        self.herford.open_organisation(person.organisation_id)

    def action_disclosure(self) -> None:
        from herford_tui.ui.directory.dsgvo_screen import DisclosureScreen

        self.app.push_screen(DisclosureScreen(self.person_id))

    def action_erase(self) -> None:
        from herford_tui.ui.directory.erase import ask_erase

        person = self.person
        if person is not None:
            ask_erase(self.app, person)

    def action_merge(self) -> None:
        from herford_tui.ui.directory.merge_dialog import MergeDialog

        person = self.person
        if person is not None:
            self.app.push_screen(MergeDialog(person), callback=self._merge)

    def _merge(self, drop_id: int | None) -> None:
        if drop_id is not None:
            self.herford.merge_persons(self.person_id, drop_id)

    def action_delete(self) -> None:
        from herford_tui.ui.directory.references_dialog import ask_delete

        person = self.person
        if person is not None:
            ask_delete(self.app, person, on_deleted=self._after_delete)
