"""Open follow-up tasks across all committees, earliest due first, overdue ones marked with „!“."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from herford_tui.domain import Meeting
from herford_tui.domain import agenda as edit
from herford_tui.domain.labels import format_date, number
from herford_tui.domain.schedule import OpenTask, open_tasks
from herford_tui.domain.text import printable, single_line
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.fit import Column, Plan, plan_columns
from herford_tui.ui.common.footer import SteadyFooter
from herford_tui.ui.common.row_table import RowTable
from herford_tui.ui.meetings import presentation as show

COLUMNS = (
    Column("", whole=True),
    Column("Fällig", whole=True),
    Column("Aufgabe", minimum=20),
    Column("Wer", priority=2, minimum=10),
    Column("Gremium", minimum=8),
    Column("Sitzung", priority=1, whole=True),  # "03.12.2026 TOP 2": whole or not at all
)
"""Fitted to the width (all of them at 80 columns): the list was wider than the screen, its
last column cut to "Sitzu" and the meetings' dates behind a horizontal scroll."""


class TasksScreen(HerfordAccess, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Zurück", id="tasks.back"),
        Binding("space", "done", "Erledigt", id="tasks.done"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.found: list[OpenTask] = []
        self._plan: Plan | None = None
        self._width = 0
        self._rows: list[tuple[Text, ...]] = []

    def compose(self) -> ComposeResult:
        yield Static(id="tasks-title", classes="meeting-header")
        yield RowTable(id="open-tasks", cursor_type="row", zebra_stripes=True)
        yield Static(id="tasks-detail", classes="directory-detail")  # the highlighted row whole
        yield SteadyFooter(compact=True, show_command_palette=False)  # without edit keys when only reading

    def on_mount(self) -> None:
        table = self.query_one("#open-tasks", DataTable)
        self.watch(self.app, "snapshot", self._refresh, init=False)
        self._refresh()
        table.focus()

    def _refresh(self, *_: object) -> None:
        snapshot = self.herford.snapshot
        self.found = open_tasks(snapshot, self.herford.today)
        overdue = sum(1 for t in self.found if t.overdue)
        title = (
            f"Offene Aufgaben aller Gremien: {number(len(self.found))}, davon {number(overdue)} überfällig (!)"
            "  · Leertaste erledigt · Enter öffnet die Sitzung"
        )
        self.query_one("#tasks-title", Static).update(title)
        self._fill([show.open_task_row(snapshot, found) for found in self.found])

    def _fill(self, rows: list[tuple[Text, ...]]) -> None:
        table = self.query_one("#open-tasks", RowTable)
        keep = table.cursor_row
        width = table.size.width or self.size.width or self.app.size.width
        plan = plan_columns(COLUMNS, [[c.plain for c in row] for row in rows], width)
        table.fill_planned(COLUMNS, plan, rows, same=plan == self._plan)
        self._plan, self._width, self._rows = plan, width, rows
        if self.found:
            table.move_cursor(row=min(max(keep, 0), len(self.found) - 1))
        self._show_detail()  # also when the cursor stays on its row (no Highlighted message)

    def on_resize(self) -> None:
        self.call_after_refresh(self._refit)  # after the layout: the table's width is known

    def _refit(self) -> None:
        table = self.query_one("#open-tasks", RowTable)
        if table.size.width and table.size.width != self._width:
            self._fill(self._rows)

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        found = self._current()
        detail = show.open_task_detail(self.herford.snapshot, found) if found is not None else ""
        self.query_one("#tasks-detail", Static).update(detail)

    def _current(self) -> OpenTask | None:
        row = self.query_one("#open-tasks", DataTable).cursor_row
        return self.found[row] if 0 <= row < len(self.found) else None

    def action_back(self) -> None:
        self.dismiss(None)

    def action_done(self) -> None:
        if self.herford.refuse_edit("Aufgaben abhaken"):
            return
        found = self._current()
        if found is None:
            return
        meeting = found.meeting
        i = meeting.agenda.index(found.item)
        t = found.item.tasks.index(found.task)
        # The row leaves the list at once; say which task it was and where to open it again
        # (a Space pressed by mistake left only "Gespeichert.").
        committee = self.herford.snapshot.committees.get(meeting.committee_id)
        where = f"{committee.name if committee else 'Sitzung'}, {format_date(meeting.date)}"
        said = (
            f"„{printable(single_line(found.task.what)[0])}“ ist erledigt. Wieder öffnen: in der Sitzung ({where}) "
            "Reiter 3, Leertaste."
        )
        # Ticked on the meeting as stored (under the lock): a colleague's save of that meeting
        # since this list was shown stays, and the tick is not refused for it.
        item, task = found.item, found.task
        self.herford.change_record(
            Meeting,
            meeting.id,
            lambda m: edit.tick_task(m, i, item, t, task, True),
            done=lambda _saved: self.app.notify(said, timeout=10, markup=False),
        )

    def action_open(self) -> None:
        found = self._current()
        if found is not None:
            self.herford.open_meeting(found.meeting.id)

    def on_data_table_row_selected(self) -> None:
        self.action_open()
