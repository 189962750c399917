"""Everything about one meeting on one screen: basics, agenda with minutes, decisions and
tasks, attendance with the quorum, the invitation. Pushed over the main screen; Esc goes back.

Each key's change is saved at once as an operation on the meeting as stored, under the lock
(``app.change_record``, ``Store.save_change``): a colleague's save meanwhile stays and does not
refuse it. The screen shows whatever the snapshot holds for the meeting, so a colleague's change
appears here too.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from herford_tui.domain import AgendaItem, Attendance, Decision, Meeting, MeetingAttendance, Task
from herford_tui.domain import agenda as edit
from herford_tui.domain.attendance import AttendanceLine, attendance_lines, set_attendance, stand_ins
from herford_tui.domain.attendance_mark import Mark, MarkClash, entry_of
from herford_tui.domain.directory import person_named
from herford_tui.domain.labels import DECISION_RESULT
from herford_tui.domain.text import printable
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.failures import KEPT, describe_failure
from herford_tui.ui.common.fit import Column, Plan, plan_columns
from herford_tui.ui.common.footer import SteadyFooter
from herford_tui.ui.common.format import plain, plain_cell
from herford_tui.ui.common.layout import FITTED
from herford_tui.ui.common.row_table import RowTable
from herford_tui.ui.common.tabs import SteadyTabbedContent
from herford_tui.ui.meetings import presentation as show

if TYPE_CHECKING:
    from herford_tui.ui.meetings.invitation import Written


Change = Callable[[Meeting], Meeting]
# The documents (E, N, A) stand here because a new user looking for "the minutes as PDF" found
# them only in F1; the tabs say their own numbers, so "1 2 3 Reiter" made room (80 columns).
KEYS = "b Daten  i Einladung  p Protokoll  o Aufgaben  E N A Dokumente  Esc zurück"


COLUMNS: dict[str, tuple[tuple[str, int | None], ...]] = {
    "#task-table": (("TOP", 3), ("Aufgabe", None)),
}


# Planned by width (``fit``): the title takes the room; the state ("1 B 1/2 A P": decisions,
# open/all tasks, minutes) is whole at 80 columns (it read "1 B …" beside a fixed-width title).
AGENDA_COLUMNS = (
    Column("TOP", whole=True),
    Column("Titel", minimum=20),
    Column("Teil", priority=2, whole=True),
    Column("Zuständig", priority=1, minimum=12),
    Column("Stand", whole=True),
)


# Planned by width (``fit``): long seat names are shortened with "…", not cut by the edge.
ATTENDANCE_COLUMNS = (
    Column("", whole=True),
    Column("Name", minimum=18),
    Column("Status", minimum=28),  # "vertreten durch Paula Probe": the point of the list
    Column("Rolle", priority=2),
    Column("Sitz", priority=1),
)


class AgendaTable(RowTable):
    BINDINGS = [
        Binding("a", "screen.add_item", "Neu", id="meeting.item_add"),
        Binding("e", "screen.edit_item", "Ändern", id="meeting.item_edit"),
        Binding("u", "screen.move_item(-1)", "hoch", id="meeting.item_up"),
        Binding("n", "screen.move_item(1)", "runter", id="meeting.item_down"),
        Binding("delete", "screen.remove_item", "Entfernen", id="meeting.item_remove"),
        Binding("d", "screen.add_decision", "Beschluss", id="meeting.decision"),
        Binding("D", "screen.edit_decision", "Beschluss ändern", show=False, id="meeting.decision_edit"),
        Binding("t", "screen.add_task", "Aufgabe", id="meeting.task"),
    ]


class AttendanceTable(RowTable):
    BINDINGS = [
        Binding("a", "screen.attend('anwesend')", "anwesend", id="meeting.present"),
        Binding("e", "screen.attend('entschuldigt')", "entschuldigt", id="meeting.excused"),
        Binding("x", "screen.attend('fehlend')", "abwesend", id="meeting.absent"),
        Binding("v", "screen.attend('vertreten')", "vertreten", id="meeting.deputy"),
        Binding("backspace", "screen.attend('')", "offen", show=False, id="meeting.attendance_clear"),
    ]


class TaskTable(RowTable):
    BINDINGS = [
        Binding("space", "screen.toggle_task", "Erledigt ja/nein", id="meeting.task_done"),
        Binding("e", "screen.edit_task", "Ändern", id="meeting.task_edit"),
        Binding("delete", "screen.remove_task", "Entfernen", id="meeting.task_remove"),
    ]


class MeetingScreen(HerfordAccess, Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Zurück", id="meeting.back"),
        Binding("b", "edit_basics", "Daten", id="meeting.basics"),
        Binding("i", "invite", "Einladung", id="meeting.invite"),
        Binding("p", "minutes", "Protokoll", id="meeting.minutes"),
        Binding("o", "open_tasks", "Offene Aufgaben", id="meeting.open_tasks"),
        Binding("E", "document('einladung')", "Einladung (PDF/DOCX)", show=False, id="meeting.document_invitation"),
        Binding("N", "document('niederschrift')", "Niederschrift", show=False, id="meeting.document_minutes"),
        Binding("A", "document('anwesenheit')", "Anwesenheitsliste", show=False, id="meeting.document_attendance"),
        Binding("1", "tab('tagesordnung')", "TO", show=False, id="meeting.tab_agenda"),
        Binding("2", "tab('anwesenheit')", "Anwesenheit", show=False, id="meeting.tab_attendance"),
        Binding("3", "tab('aufgaben')", "Aufgaben", show=False, id="meeting.tab_tasks"),
    ]

    def __init__(self, meeting_id: int):
        super().__init__(classes="meeting-screen")
        self.meeting_id = meeting_id
        self.lines: list[AttendanceLine] = []
        self.tasks: list[tuple[int, int]] = []
        self._pending: deque[tuple[Change, AgendaItem | None] | Mark] = deque()
        self._marked: dict[int, MeetingAttendance | None] = {}
        """Each person's entry as this user's queued marks leave it, until they are all written:
        what the next mark of that person starts from (not a clash with oneself)."""
        self._attendance_rows: list[tuple[Text, ...]] = []
        self._attendance_plan = Plan((), (), ())
        self._attendance_width = 0
        self._agenda_rows: list[tuple[Text, ...]] = []
        self._agenda_plan = Plan((), (), ())
        self._agenda_width = 0

    @property
    def meeting(self) -> Meeting | None:
        return self.herford.snapshot.meetings.get(self.meeting_id)

    def compose(self) -> ComposeResult:
        yield Static(id="meeting-header", classes="meeting-header")
        yield Static(KEYS, id="meeting-keys", classes="meeting-keys")
        with SteadyTabbedContent(id="meeting-tabs"):
            with TabPane("1 Tagesordnung", id="tagesordnung"):
                yield AgendaTable(id="agenda-table", cursor_type="row", zebra_stripes=True, classes=FITTED)
                yield Static(id="item-detail", classes="member-detail")
            with TabPane("2 Anwesenheit", id="anwesenheit"):
                yield Static(id="attendance-summary", classes="attendance-summary")
                yield AttendanceTable(id="attendance-table", cursor_type="row", zebra_stripes=True, classes=FITTED)
            with TabPane("3 Aufgaben & Protokoll", id="aufgaben"):
                yield TaskTable(id="task-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="meeting-minutes", classes="member-detail")
        yield SteadyFooter(compact=True, show_command_palette=False)  # without edit keys when only reading

    def on_mount(self) -> None:
        for table_id, columns in COLUMNS.items():
            table = self.query_one(table_id, DataTable)
            for label, width in columns:
                table.add_column(label, width=width)
        self.watch(self.app, "snapshot", self._refresh, init=False)
        self._refresh()
        self.query_one("#agenda-table").focus()

    def on_screen_resume(self) -> None:
        if self.meeting is None:  # deleted by a colleague while a form was open over it
            self._refresh()

    # -- showing -----------------------------------------------------------------------
    def _refresh(self, *_: object) -> None:
        meeting = self.meeting
        if meeting is None:
            if self.app.screen is not self:
                # A form over this screen (the minutes being typed): ``dismiss`` pops the top
                # screen, so it closed the form and its input with it. The form stays; its save
                # says the meeting is gone, and this screen closes once it is shown again.
                return
            self.notify("Die Sitzung gibt es nicht mehr (gelöscht).", severity="warning")
            self.dismiss(None)
            return
        snapshot, today = self.herford.snapshot, self.herford.today
        self.query_one("#meeting-header", Static).update(show.header(snapshot, meeting, today))
        agenda = self.query_one("#agenda-table", DataTable)
        keep = agenda.cursor_row
        self._agenda_rows = [show.agenda_row(snapshot, meeting, i) for i in range(len(meeting.agenda))]
        self._fill_agenda()
        if meeting.agenda:
            agenda.move_cursor(row=min(max(keep, 0), len(meeting.agenda) - 1))
        self._show_item()
        self.lines = attendance_lines(snapshot, meeting)
        self._attendance_rows = show.attendance_rows(snapshot, self.lines)
        self._fill_attendance()
        self.query_one("#attendance-summary", Static).update(show.attendance_summary(snapshot, meeting, self.lines))
        tasks = self.query_one("#task-table", DataTable)
        keep = tasks.cursor_row
        tasks.clear()
        self.tasks = edit.task_positions(meeting)
        for i, t in self.tasks:
            task = meeting.agenda[i].tasks[t]
            tasks.add_row(
                show.cell(meeting.agenda[i].number),
                show.task_line(snapshot, task.what, task.person_id, task.due, task.done, today),
            )
        if self.tasks:
            tasks.move_cursor(row=min(max(keep, 0), len(self.tasks) - 1))
        minutes = Text("Protokoll (p): ", style="dim")
        minutes.append(plain_text(meeting.minutes) or "–")
        self.query_one("#meeting-minutes", Static).update(minutes)

    def _fill_agenda(self) -> None:
        table = self.query_one("#agenda-table", AgendaTable)
        rows = self._agenda_rows
        width = table.size.width or self.size.width or self.app.size.width
        plan = plan_columns(AGENDA_COLUMNS, [[c.plain for c in row] for row in rows], width)
        table.fill_planned(AGENDA_COLUMNS, plan, rows, same=plan == self._agenda_plan)
        self._agenda_plan, self._agenda_width = plan, width

    def _fill_attendance(self) -> None:
        """The attendance under the columns that fit the width (the table's, else the screen's)."""
        table = self.query_one("#attendance-table", AttendanceTable)
        rows = self._attendance_rows
        width = table.size.width or self.size.width or self.app.size.width
        plan = plan_columns(ATTENDANCE_COLUMNS, [[c.plain for c in row] for row in rows], width)
        keep = table.cursor_row
        table.fill_planned(ATTENDANCE_COLUMNS, plan, rows, same=plan == self._attendance_plan)
        self._attendance_plan, self._attendance_width = plan, width
        if rows:
            table.move_cursor(row=min(max(keep, 0), len(rows) - 1))

    def on_resize(self) -> None:
        self.call_after_refresh(self._refit_attendance)  # after the layout: the table's width is known

    def _refit_attendance(self) -> None:
        table = self.query_one("#attendance-table", DataTable)
        if table.size.width and table.size.width != self._attendance_width:
            self._fill_attendance()
        agenda = self.query_one("#agenda-table", AgendaTable)
        if agenda.size.width and agenda.size.width != self._agenda_width:
            keep = agenda.cursor_row
            self._fill_agenda()
            if self._agenda_rows:
                agenda.move_cursor(row=min(max(keep, 0), len(self._agenda_rows) - 1))

    @on(DataTable.RowHighlighted, "#agenda-table")
    def _show_item(self) -> None:
        meeting = self.meeting
        if meeting is not None:
            detail = show.item_detail(
                self.herford.snapshot, meeting, self._item_index(), self.herford.today, read_only=self.herford.read_only
            )
            self.query_one("#item-detail", Static).update(detail)

    def _item_index(self) -> int | None:
        meeting = self.meeting
        row = self.query_one("#agenda-table", DataTable).cursor_row
        return row if meeting and 0 <= row < len(meeting.agenda) else None

    def _agenda_item(self, index: int) -> AgendaItem | None:
        meeting = self.meeting
        return meeting.agenda[index] if meeting and 0 <= index < len(meeting.agenda) else None

    def _people(self) -> list[tuple[Text, int]]:
        """Who may be responsible or stand in: the roster on the day, with the deputies."""
        ids: list[int] = []
        for line in self.lines:
            for pid in (line.person_id, *line.deputies):
                if pid not in ids:
                    ids.append(pid)
        snapshot = self.herford.snapshot
        return [(plain_cell(name), pid) for name, pid in zip(show.choice_names(snapshot, ids), ids, strict=True)]

    # -- saving: the one place this screen writes ----------------------------------------
    def _save(self, change: Change, follow: AgendaItem | None = None) -> None:
        """Queue a change: a ``domain.agenda`` operation on what this user saw. Once earlier saves
        are done it is applied to the meeting as stored then, under the lock (``change_record``):
        quick key presses (agenda moves) never conflict with each other, nor with a colleague's
        save meanwhile; what no longer fits (the item removed meanwhile) is said (``_failed``).
        The agenda cursor goes with ``follow`` (a moved item) once it is saved."""
        self._pending.append((change, follow))
        self._pump()

    def _mark(self, person_id: int, status: Attendance | None, deputy_id: int | None = None) -> None:
        """Queue one person's attendance. It is written onto the meeting as stored then (a
        colleague's marks of other people stay); a colleague's change of the same person since
        this user saw it is refused and said (``_mark_failed``)."""
        meeting = self.meeting
        if meeting is None:
            return
        seen = self._marked[person_id] if person_id in self._marked else entry_of(meeting, person_id)
        mark = Mark(person_id, status, deputy_id, seen)
        self._marked[person_id] = mark.entry
        self._pending.append(mark)
        self._pump()

    def _as_marked(self, meeting: Meeting) -> Meeting:
        """``meeting`` with this user's marks not yet written applied (as the list shows them)."""
        for person_id, entry in self._marked.items():
            status, deputy = (entry.status, entry.deputy_id) if entry else (None, None)
            meeting = set_attendance(meeting, person_id, status, deputy)
        return meeting

    def _pump(self) -> None:
        if not self._pending:
            return
        if any(w.group == "write" and not w.is_finished for w in self.app.workers):
            self.set_timer(0.05, self._pump)  # apply on top of the save under way
            return
        meeting = self.meeting
        if meeting is None:
            self._pending.clear()
            self._marked.clear()
            return
        change = self._pending.popleft()
        if isinstance(change, Mark):

            def failed(error: Exception, mark: Mark = change) -> None:
                self._mark_failed(mark, error)

            self.herford.change_record(Meeting, meeting.id, change.onto, done=self._saved_one, failed=failed)
            return
        operation, follow = change

        def saved(record: object) -> None:
            if follow is not None and isinstance(record, Meeting):
                self._follow(record, follow)
            self._saved_one(record)

        self.herford.change_record(Meeting, meeting.id, operation, done=saved, failed=self._failed)

    def _follow(self, meeting: Meeting, item: AgendaItem) -> None:
        """The agenda cursor on ``item`` (found by its title) where the save put it."""
        rows = [i for i, stored in enumerate(meeting.agenda) if stored.title == item.title]
        if len(rows) == 1:
            self.query_one("#agenda-table", DataTable).move_cursor(row=rows[0])
            self._show_item()

    def _saved_one(self, _saved: object) -> None:
        if not self._pending:
            self._marked.clear()  # all written: the snapshot shows what they left
        self.call_after_refresh(self._pump)

    def _failed(self, error: Exception) -> None:
        """Not saved (the app shows the newest data already): say why in German, go on with the queue."""
        message = describe_failure(error, self.herford.db_path).replace(f" {KEPT}", "")
        self.notify(message, title="Nicht gespeichert", severity="error", timeout=15, markup=False)
        self._saved_one(None)

    def _mark_failed(self, mark: Mark, error: Exception) -> None:
        """Not saved: say so in German and put the cursor back on that person, whose row
        shows the newest data (the app showed the newest snapshot first)."""
        if isinstance(error, MarkClash):
            message = show.mark_clash(self.herford.snapshot, mark, error)
        else:
            message = describe_failure(error, self.herford.db_path).replace(f" {KEPT}", "")
        self.notify(message, title="Nicht gespeichert", severity="error", timeout=15, markup=False)
        self._marked.pop(mark.person_id, None)  # start again from what the screen shows now
        rows = [i for i, line in enumerate(self.lines) if line.person_id == mark.person_id]
        if rows:
            self.query_one("#attendance-table", DataTable).move_cursor(row=rows[0])
        self._saved_one(None)

    # -- actions -----------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss(None)

    def action_tab(self, pane: str) -> None:
        self.query_one("#meeting-tabs", TabbedContent).active = pane
        table = {"tagesordnung": "#agenda-table", "anwesenheit": "#attendance-table", "aufgaben": "#task-table"}[pane]
        self.query_one(table).focus()

    def action_edit_basics(self) -> None:
        from herford_tui.ui.meetings.meeting_form import MeetingForm

        if self.meeting is not None:
            self.app.push_screen(MeetingForm(self.meeting), self._saved_form)

    def _saved_form(self, meeting: Meeting | None) -> None:
        """The form saved the meeting itself; the screen follows the new snapshot."""

    def action_add_item(self) -> None:
        from herford_tui.ui.meetings.item_forms import AgendaItemForm

        meeting = self.meeting
        if meeting is None:
            return

        def done(item: AgendaItem | None) -> None:
            saved = self.meeting
            if item is not None and saved is not None and saved.agenda:
                self.query_one("#agenda-table", DataTable).move_cursor(row=len(saved.agenda) - 1)  # appended
                self._show_item()

        def append(item: AgendaItem) -> Change:
            return lambda m: edit.put_item(m, item)

        self.app.push_screen(AgendaItemForm(None, self._people(), writes_to=(meeting.id, append)), done)

    def action_edit_item(self) -> None:
        from herford_tui.ui.meetings.item_forms import AgendaItemForm

        meeting, index = self.meeting, self._item_index()
        if meeting is None or index is None:
            return

        seen = meeting.agenda[index]

        def onto(item: AgendaItem) -> Change:
            return lambda m: edit.edit_item(m, index, seen, item)

        self.app.push_screen(AgendaItemForm(seen, self._people(), writes_to=(meeting.id, onto)))

    @on(DataTable.RowSelected, "#agenda-table")
    def _item_selected(self) -> None:
        self.action_edit_item()

    def action_move_item(self, step: int) -> None:
        if self.herford.refuse_edit("Verschieben"):  # the keys that save at once say why, as forms do
            return
        meeting, index = self.meeting, self._item_index()
        if meeting is None or index is None:
            return
        if 0 <= index + step < len(meeting.agenda):
            seen = meeting.agenda[index]
            self._save(lambda m: edit.move_seen(m, index, seen, step), follow=seen)

    def action_remove_item(self) -> None:
        if self.herford.refuse_edit("Entfernen"):
            return
        meeting, index = self.meeting, self._item_index()
        if meeting is None or index is None:
            return
        item = meeting.agenda[index]

        def answered(yes: bool | None) -> None:
            if yes:
                self._save(lambda m: edit.remove_seen(m, index, item))

        question = f"TOP {item.number} „{item.title}“ mit Protokoll, Beschlüssen und Aufgaben entfernen?"
        self.app.push_screen(ConfirmScreen(question, yes="Entfernen"), answered)

    def action_add_decision(self) -> None:
        from herford_tui.ui.meetings.item_forms import DecisionForm

        index = self._item_index()
        if index is None:
            self.notify("Zuerst einen Tagesordnungspunkt anlegen („a“).", severity="warning")
            return

        meeting, seen = self.meeting, self._agenda_item(index)
        if meeting is None or seen is None:
            return

        def onto(decision: Decision) -> Change:
            return lambda m: edit.decide(m, index, seen, decision)

        self.app.push_screen(DecisionForm(seen, writes_to=(meeting.id, onto)))

    def action_edit_decision(self) -> None:
        """Correct or remove a decision of the TOP under the cursor (which one, if it has several)."""
        from herford_tui.ui.meetings.item_forms import DecisionForm
        from herford_tui.ui.year.choose import ChooseMeeting

        meeting, index = self.meeting, self._item_index()
        seen = self._agenda_item(index) if index is not None else None
        if meeting is None or index is None or seen is None:
            return
        if not seen.decisions:
            self.notify(f"TOP {seen.number} hat noch keinen Beschluss („d“ hält einen fest).", severity="warning")
            return

        def correct(number: int | None) -> None:
            if number is None:
                return
            decision = seen.decisions[number]

            def onto(edited: Decision) -> Change:
                return lambda m: edit.edit_decision(m, index, seen, number, decision, edited if edited.text else None)

            form = DecisionForm(seen, writes_to=(meeting.id, onto), decision=decision)
            self.app.push_screen(form)

        if len(seen.decisions) == 1:
            correct(0)
            return
        choices = [
            (plain_cell(f"{d.text} ({DECISION_RESULT[d.result]})"), number) for number, d in enumerate(seen.decisions)
        ]
        self.app.push_screen(ChooseMeeting(choices, title=plain(f"Welcher Beschluss von TOP {seen.number}?")), correct)

    def action_add_task(self) -> None:
        from herford_tui.ui.meetings.item_forms import TaskForm

        index = self._item_index()
        if index is None:
            self.notify("Zuerst einen Tagesordnungspunkt anlegen („a“).", severity="warning")
            return

        meeting, seen = self.meeting, self._agenda_item(index)
        if meeting is None or seen is None:
            return

        def onto(task: Task) -> Change:
            return lambda m: edit.assign(m, index, seen, task)

        self.app.push_screen(TaskForm(self._people(), item=seen, writes_to=(meeting.id, onto)))

    def _task_seen(self) -> tuple[Meeting, int, AgendaItem, int, Task] | None:
        """The task under the cursor of the task list as shown: (meeting, item index, item, task
        index, task)."""
        meeting = self.meeting
        row = self.query_one("#task-table", DataTable).cursor_row
        if meeting is None or not 0 <= row < len(self.tasks):
            return None
        i, t = self.tasks[row]
        return meeting, i, meeting.agenda[i], t, meeting.agenda[i].tasks[t]

    def action_edit_task(self) -> None:
        from herford_tui.ui.meetings.item_forms import TaskForm

        seen = self._task_seen()
        if seen is None:
            return
        meeting, i, item, t, task = seen

        def onto(edited: Task) -> Change:
            return lambda m: edit.edit_task(m, i, item, t, task, edited)

        self.app.push_screen(TaskForm(self._people(), task=task, item=item, writes_to=(meeting.id, onto)))

    def action_remove_task(self) -> None:
        from herford_tui.ui.common.confirm import ConfirmScreen

        if self.herford.refuse_edit("Aufgaben entfernen"):
            return
        seen = self._task_seen()
        if seen is None:
            return
        meeting, i, item, t, task = seen

        def answered(yes: bool | None) -> None:
            if yes:
                self.herford.change_record(Meeting, meeting.id, lambda m: edit.remove_task(m, i, item, t, task))

        question = f"Aufgabe „{task.what}“ von TOP {item.number} entfernen?"
        self.app.push_screen(ConfirmScreen(question, yes="Entfernen"), answered)

    def action_toggle_task(self) -> None:
        if self.herford.refuse_edit("Aufgaben abhaken"):
            return
        meeting = self.meeting
        row = self.query_one("#task-table", DataTable).cursor_row
        if meeting is None or not 0 <= row < len(self.tasks):
            return
        i, t = self.tasks[row]
        item = meeting.agenda[i]
        task = item.tasks[t]
        self._save(lambda m: edit.tick_task(m, i, item, t, task, not task.done))

    def action_attend(self, status: str) -> None:
        if self.herford.refuse_edit("Anwesenheit eintragen"):
            return
        meeting = self.meeting
        row = self.query_one("#attendance-table", DataTable).cursor_row
        if meeting is None or not 0 <= row < len(self.lines):
            return
        line = self.lines[row]
        if status != Attendance.VERTRETEN:
            chosen = Attendance(status) if status else None
            self._mark(line.person_id, chosen)
            if chosen is not None:
                self._next_attendee(row)
            return
        self._choose_deputy(meeting, line)

    def _next_attendee(self, row: int) -> None:
        """Down the list as it is called out: after a status the cursor goes to the next
        person, so "a a e a" marks four people, not the first one four times."""
        table = self.query_one("#attendance-table", DataTable)
        if table.cursor_row == row and row + 1 < len(self.lines):
            table.move_cursor(row=row + 1)

    def _choose_deputy(self, meeting: Meeting, line: AttendanceLine) -> None:
        from herford_tui.ui.year.choose import ChooseMeeting

        snapshot = self.herford.snapshot
        # Against the marks still being written too: "a" on someone, then "v" at once offered
        # them as stand-in, and the choice was refused after the fact.
        candidates = stand_ins(self._as_marked(meeting), line, self.lines)  # not who attends in their own right
        if not candidates:
            # names are user text: shown as typed, never read as markup
            self.notify(
                printable(show.no_stand_in(snapshot, meeting, line, self.lines)), severity="warning", markup=False
            )
            return

        row = self.lines.index(line)

        def chosen(deputy: int | None) -> None:
            if deputy is not None:
                self._mark(line.person_id, Attendance.VERTRETEN, deputy)
                self._next_attendee(row)

        if len(candidates) == 1:
            chosen(candidates[0])
            return
        names = show.choice_names(snapshot, candidates)
        choices = [(plain_cell(told), pid) for told, pid in zip(names, candidates, strict=True)]
        name = person_named(snapshot, line.person_id)  # "Wer vertritt Thomas Müller?": which of two
        note = show.stand_in_note(name, line, candidates)
        self.app.push_screen(ChooseMeeting(choices, title=plain(f"Wer vertritt {name}?"), note=note), chosen)

    def action_minutes(self) -> None:
        from herford_tui.ui.meetings.item_forms import MinutesForm

        meeting = self.meeting
        if meeting is None:
            return

        seen = meeting.minutes

        def onto(minutes: str) -> Change:
            return lambda m: edit.write_minutes(m, seen, minutes)

        self.app.push_screen(MinutesForm(seen, writes_to=(meeting.id, onto)))

    def action_invite(self) -> None:
        from herford_tui.domain.invitation import NOT_INVITED, mark_invited, needs_cancellation
        from herford_tui.ui.meetings.invitation import InvitationScreen

        meeting = self.meeting
        if meeting is None:
            return
        committee = self.herford.snapshot.committees.get(meeting.committee_id)
        if needs_cancellation(meeting):  # called off after inviting: the invited get the notice

            def told(result: Written | None) -> None:
                if result is not None:
                    self.notify(f"Absage geschrieben: {result.path}", timeout=10, markup=False)

            name = committee.name if committee else "gremium"
            self.app.push_screen(InvitationScreen(meeting, name, cancellation=True), told)
            return
        if meeting.status in NOT_INVITED:
            self.notify("Einladen geht nur für geplante Sitzungen.", severity="warning")
            return

        def written(result: Written | None) -> None:
            if result is None:
                return
            self.notify(f"Einladung geschrieben: {result.path}", timeout=10, markup=False)
            if self.herford.refuse_edit("Als eingeladen markieren"):  # only reading: the letter, not the mark
                return
            today = self.herford.today
            self._save(lambda m: mark_invited(m, meeting, today))

        self.app.push_screen(InvitationScreen(meeting, committee.name if committee else "gremium"), written)

    def action_document(self, kind: str) -> None:
        """Einladung, Niederschrift or Anwesenheitsliste as PDF/DOCX (``ui/meetings/document_dialog.py``)."""
        from herford_tui.ui.meetings.document_dialog import DocumentScreen

        meeting = self.meeting
        if meeting is None:
            return
        committee = self.herford.snapshot.committees.get(meeting.committee_id)

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Geschrieben: {path}", timeout=10, markup=False)

        self.app.push_screen(DocumentScreen(kind, meeting.id, committee.name if committee else "gremium"), written)

    def action_open_tasks(self) -> None:
        self.herford.open_tasks()


def plain_text(text: str) -> str:
    return printable(text, keep_newlines=True)
