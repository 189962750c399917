"""The year of meetings: a grid (months across, committees down) or a list, NRW holidays shown.

The grid and the list draw only the rows on screen (``LineTable``: at x10 1,009 committees, 500
meetings in the list); all twelve months fit 80 columns with compact cells
(``presentation.grid_layout``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.reactive import reactive
from textual.widgets import Static

from herford_tui.domain import Meeting, Snapshot
from herford_tui.domain.directory import count_text
from herford_tui.domain.labels import format_date
from herford_tui.store.errors import not_written
from herford_tui.ui.common.confirm import ConfirmScreen, overwrite_question
from herford_tui.ui.common.delivery import download, in_browser
from herford_tui.ui.common.format import plain_cell
from herford_tui.ui.common.line_table import LineTable
from herford_tui.ui.common.select import Select
from herford_tui.ui.common.view import SnapshotView
from herford_tui.ui.data import WriteJob
from herford_tui.ui.year import presentation as show

if TYPE_CHECKING:
    from herford_tui.ui.meetings.series_form import Series

LIST_COLUMNS = (("Datum", 13), ("Zeit", 11), ("Gremium", 14), ("Ort", 16), ("Status", 14), ("Hinweis", 16))
FIXED_COLUMNS = 2  # name and count before the twelve months
ALL = "alle"
LIST_LIMIT = 500
"""Rows the list builds at most (x10 data has 4,000 meetings a year; the grid shows them all)."""


class YearPane(SnapshotView):
    BINDINGS = [
        Binding("a", "add", "Neue Sitzung", id="year.add"),
        Binding("e", "open", "Öffnen", show=False, id="year.open"),
        Binding("s", "series", "Serie", show=False, id="year.series"),
        Binding("l", "toggle_list", "Liste/Raster", id="year.toggle"),
        Binding("f", "filter", "Filter", show=False, id="year.filter"),
        Binding("t", "tasks", "Aufgaben", show=False, id="year.tasks"),
        Binding("k", "calendar", "Kalender", show=False, id="year.calendar"),
        Binding("delete", "delete", "Löschen", show=False, id="year.delete"),
        Binding("left_square_bracket", "year(-1)", "Vor-/Folgejahr", key_display="[/]", id="year.previous"),
        Binding("right_square_bracket", "year(1)", "Folgejahr", show=False, id="year.next"),
    ]

    year: reactive[int] = reactive(0, init=False)
    as_list: reactive[bool] = reactive(False, init=False)

    def __init__(self) -> None:
        super().__init__(classes="year")
        self.rows: list[Meeting] = []
        self.list_hidden = 0
        self.grid: list[show.GridRow] = []
        self.committee_filter: int | None = None
        self._placed = False
        self._layout = show.grid_layout(80)
        self._select_after: Meeting | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="year-summary", classes="year-summary")
        yield Select[str]([("Alle Gremien", ALL)], value=ALL, allow_blank=False, compact=True, id="year-filter")
        yield LineTable(id="year-grid", cursor_type="cell", padding=(0, show.GAP))
        yield LineTable(id="year-table", cursor_type="row")
        yield Static(id="meeting-detail", classes="member-detail")

    def on_mount(self) -> None:
        self.set_reactive(YearPane.year, self.herford.today.year)
        table = self.query_one("#year-table", LineTable)
        table.set_columns([label for label, _ in LIST_COLUMNS], [width for _, width in LIST_COLUMNS])
        table.display = False
        super().on_mount()
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def _snapshot_changed(self, snapshot: Snapshot) -> None:
        # Under the meeting screen every save would rebuild the whole grid (seconds at x10):
        # note it and catch up when this screen is on top again.
        if self.screen is not self.app.screen:
            self._stale = True
            return
        super()._snapshot_changed(snapshot)

    def _screen_changed(self, screen: object) -> None:
        if self._stale and screen is self.screen and self.region.area:
            self._catch_up()

    # -- showing -----------------------------------------------------------------
    def watch_year(self) -> None:
        self.refresh_data(self.herford.snapshot)

    def watch_as_list(self, as_list: bool) -> None:
        grid, table = self.query_one("#year-grid", LineTable), self.query_one("#year-table", LineTable)
        grid.display, table.display = not as_list, as_list
        self.refresh_data(self.herford.snapshot)
        focused = self.app.focused
        # Only a switch made here moves the focus: at mount (the initial value) a focus would
        # arrive late and pull the tabs back here if another tab was chosen meanwhile.
        if focused is not None and self in focused.ancestors:
            (table if as_list else grid).focus()

    def refresh_data(self, snapshot: Snapshot) -> None:
        self._update_filter_options(snapshot)
        self.query_one("#year-summary", Static).update(self._summary())
        if self.as_list:
            self._fill_list(snapshot)
        else:
            self._fill_grid(snapshot)
        if self._select_after is not None:
            self.select_meeting(self._select_after)
        self._show_detail()

    def _update_filter_options(self, snapshot: Snapshot) -> None:
        select = self.query_one("#year-filter", Select)
        options: list[tuple[Text | str, str]] = [("Alle Gremien", ALL)]
        options += [(plain_cell(c.name), str(c.id)) for c in snapshot.active_committees()]
        if [value for _, value in options] != [value for _, value in getattr(self, "_filter_options", [])]:
            self._filter_options = options
            with select.prevent(Select.Changed):
                select.set_options(options)
                select.value = str(self.committee_filter) if self.committee_filter else ALL

    def _fill_grid(self, snapshot: Snapshot) -> None:
        grid = self.query_one("#year-grid", LineTable)
        keep = grid.cursor_coordinate
        self.grid = show.grid_rows(snapshot, self.year, self.herford.today, self.committee_filter)
        self._lay_out_grid(grid)
        if not self._placed:  # first time: the current month, first committee
            self._placed = True
            keep = Coordinate(min(2, len(self.grid) - 1), FIXED_COLUMNS + self.herford.today.month - 1)
        grid.cursor_coordinate = keep

    def _lay_out_grid(self, grid: LineTable) -> None:
        """Columns for the width (twelve months always), rows whose cells are made when drawn."""
        self._layout = layout = show.grid_layout(self.size.width or 80)
        grid.set_columns(("Gremium", "Anz.", *show.MONTH_SHORT), layout.widths)
        rows = self.grid
        grid.set_rows([r.key for r in rows], lambda i: show.row_cells(rows[i], layout.month))

    def on_resize(self) -> None:
        self.fit_width()

    def fit_width(self) -> None:
        if not self.as_list and self.grid and show.grid_layout(self.size.width or 80) != self._layout:
            self._lay_out_grid(self.query_one("#year-grid", LineTable))
            self.query_one("#year-summary", Static).update(self._summary())

    def _fill_list(self, snapshot: Snapshot) -> None:
        table = self.query_one("#year-table", LineTable)
        keep = table.cursor_row
        found = [
            m
            for m in snapshot.meetings_in_year(self.year)
            if self.committee_filter is None or m.committee_id == self.committee_filter
        ]
        today = self.herford.today
        self.rows, self.list_hidden = rows, _ = show.list_window(found, today, LIST_LIMIT)
        # Each row's cells are made when it is first drawn (a screenful, not 500 rows of Text).
        table.set_rows([str(m.id) for m in rows], lambda i: show.list_row(snapshot, rows[i], today))
        if self.rows:
            if keep <= 0:
                keep = next((i for i, m in enumerate(self.rows) if m.date and m.date >= today), len(self.rows) - 1)
            table.move_cursor(row=min(keep, len(self.rows) - 1))

    def _summary(self) -> Text:
        text = Text()
        text.append(f"Sitzungen {self.year}", style="bold")
        compact = show.grid_layout(self.size.width or 80).compact
        legend = show.LEGEND_COMPACT if compact and not self.as_list else show.LEGEND
        text.append(f"  {legend[0]}\n{legend[1]}", style="dim")
        return text

    @on(LineTable.Highlighted, "#year-grid, #year-table")
    def _show_detail(self) -> None:
        self.query_one("#meeting-detail", Static).update(self._detail())

    def _detail(self) -> Text:
        snapshot = self.herford.snapshot
        today = self.herford.today
        if self.as_list:
            m = self.current
            hidden = Text("\n" + show.list_note(len(self.rows), self.list_hidden), style="yellow")
            if m is None:
                plan = "" if self.herford.read_only else " „a“ plant eine neue."
                return Text(f"Keine Sitzungen {self.year}.{plan}", style="dim")
            committee = snapshot.committees.get(m.committee_id)
            text = plain_cell(committee.name if committee else "?", "bold")
            text.append("\n")
            text.append_text(show.meeting_line(snapshot, m, today))
            if self.list_hidden:
                text.append_text(hidden)
            return text
        row, month = self._grid_position()
        if row is None:
            return Text("")
        return show.cell_detail(snapshot, row, month, self.year, today, read_only=self.herford.read_only)

    def _grid_position(self) -> tuple[show.GridRow | None, int | None]:
        grid = self.query_one("#year-grid", LineTable)
        coordinate = grid.cursor_coordinate
        if not 0 <= coordinate.row < len(self.grid):
            return None, None
        column = coordinate.column - FIXED_COLUMNS + 1
        return self.grid[coordinate.row], (column if 1 <= column <= 12 else None)

    # -- what the cursor is on ---------------------------------------------------------
    def cell_meetings(self) -> list[Meeting]:
        row, month = self._grid_position()
        if row is None or row.committee is None:
            return []
        return [
            m
            for m in self.herford.snapshot.meetings_of(row.committee.id)
            if m.date and m.date.year == self.year and (month is None or m.date.month == month)
        ]

    @property
    def current(self) -> Meeting | None:
        if self.as_list:
            row = self.query_one("#year-table", LineTable).cursor_row
            return self.rows[row] if 0 <= row < len(self.rows) else None
        found = self.cell_meetings()
        return found[0] if found else None

    @property
    def current_committee_id(self) -> int | None:
        if self.as_list:
            return self.current.committee_id if self.current else self.committee_filter
        row, _ = self._grid_position()
        return row.committee.id if row and row.committee else self.committee_filter

    def select_meeting(self, meeting: Meeting) -> None:
        """Put the cursor on ``meeting`` (after planning it), switching year and filter if needed."""
        self._select_after = None
        if meeting.date is None:
            return
        if meeting.date.year != self.year:
            self._select_after = meeting
            self.year = meeting.date.year  # refresh_data comes back here
            return
        if self.committee_filter not in (None, meeting.committee_id):
            self._select_after = meeting
            self.query_one("#year-filter", Select).value = ALL
            return
        if not self.as_list and not self._placed:
            # Not filled yet (the tab is built by this very call, e.g. from a search hit): its
            # first fill would put the cursor on the current month; it comes back here instead.
            self._select_after = meeting
            return
        if self.as_list:
            table = self.query_one("#year-table", LineTable)
            index = next((i for i, m in enumerate(self.rows) if m.id == meeting.id), None)
            if index is not None:
                table.move_cursor(row=index)
        else:
            grid = self.query_one("#year-grid", LineTable)
            index = next((i for i, r in enumerate(self.grid) if r.key == f"c{meeting.committee_id}"), None)
            if index is not None:
                grid.cursor_coordinate = Coordinate(index, FIXED_COLUMNS + meeting.date.month - 1)
        self._show_detail()

    def show_committee(self, committee_id: int, meeting: Meeting | None) -> None:
        """Only ``committee_id``'s meetings, the cursor on ``meeting`` (in its year)."""
        snapshot = self.herford.snapshot
        self._select_after = meeting
        self.committee_filter = committee_id
        self._update_filter_options(snapshot)  # a pane built just now has no options yet
        select = self.query_one("#year-filter", Select)
        with select.prevent(Select.Changed):
            select.value = str(committee_id)
        self.refresh_data(snapshot)  # selects ``meeting``, switching the year if needed

    def focus_table(self) -> None:
        """Focus the table shown (grid or list), so its keys work at once."""
        self.query_one("#year-table" if self.as_list else "#year-grid").focus()

    # -- actions -----------------------------------------------------------------------
    def action_year(self, step: int) -> None:
        self.year += step

    def action_toggle_list(self) -> None:
        self.as_list = not self.as_list

    def action_filter(self) -> None:
        self.query_one("#year-filter", Select).focus()

    @on(Select.Changed, "#year-filter")
    def _filter_changed(self, event: Select.Changed) -> None:
        wanted = None if event.value in (ALL, Select.NULL) else int(str(event.value))
        if wanted == self.committee_filter and self._select_after is None:
            return  # the options were refreshed, nobody chose anything
        self.committee_filter = wanted
        self.refresh_data(self.herford.snapshot)
        if event.select.has_focus:  # focusing a hidden tab's table would switch to that tab
            self.query_one("#year-table" if self.as_list else "#year-grid").focus()

    @on(LineTable.Selected, "#year-grid, #year-table")
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        found = [self.current] if self.as_list and self.current else self.cell_meetings()
        if not found:
            row, month = self._grid_position()
            if row is not None and row.committee is not None and month is not None:
                plan = "" if self.herford.read_only else " „a“ plant eine."
                self.notify(f"Keine Sitzung in diesem Monat.{plan}", timeout=3)
            return
        if len(found) == 1:
            self.open_meeting(found[0])
            return
        from herford_tui.ui.year.choose import ChooseMeeting

        lines = [show.meeting_line(self.herford.snapshot, m, self.herford.today) for m in found]

        def chosen(meeting_id: int | None) -> None:
            meeting = self.herford.snapshot.meetings.get(meeting_id) if meeting_id is not None else None
            if meeting is not None:
                self.open_meeting(meeting)

        self.ask(ChooseMeeting(list(zip(lines, [m.id for m in found], strict=True))), callback=chosen)

    def open_meeting(self, meeting: Meeting) -> None:
        self.herford.open_meeting(meeting.id)

    def action_add(self) -> None:
        from herford_tui.ui.meetings.meeting_form import MeetingForm

        _, month = (None, None) if self.as_list else self._grid_position()
        self.ask(MeetingForm(None, committee_id=self.current_committee_id, year=self.year, month=month), self._saved)

    def _saved(self, meeting: Meeting | None) -> None:
        if meeting is None:
            return

        # The form has saved it (a form closes only when its save is on disk): select it.
        self._select_after = meeting
        self.refresh_data(self.herford.snapshot)

    def action_series(self) -> None:
        from herford_tui.ui.meetings.series_form import SeriesForm

        self.ask(SeriesForm(self.current_committee_id, self.year), self._series_saved)

    def _series_saved(self, series: Series | None) -> None:
        if series is None or not series.meetings:
            return

        def done(saved: list) -> None:
            self.notify(f"{count_text(len(saved), 'Sitzung', 'Sitzungen')} geplant.", timeout=4)
            if saved:
                self._select_after = saved[0]
                self.refresh_data(self.herford.snapshot)

        self.herford.save_records(list(series.meetings), done=done)  # all or nothing

    def action_calendar(self) -> None:
        """Export what the view shows (the year, the filtered committee) as an .ics file."""
        from herford_tui.ui.year.calendar_export import calendar_path

        snapshot = self.herford.snapshot
        committee = snapshot.committees.get(self.committee_filter) if self.committee_filter else None
        path = calendar_path(self.year, committee)
        if in_browser(self.app):
            self._write_calendar(path, download_only=True)
            return
        if not path.exists():
            self._write_calendar(path, overwrite=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._write_calendar(path, overwrite=True)

        self.ask(overwrite_question(path), callback=answered)

    @work(thread=True, exclusive=True, group="calendar", exit_on_error=False)
    def _write_calendar(self, path: Path, *, overwrite: bool = False, download_only: bool = False) -> None:
        from herford_tui.store.written import write_recorded
        from herford_tui.ui.year.calendar_export import calendar_data

        data, count = calendar_data(self.herford.snapshot, self.year, self.committee_filter)
        if download_only:  # in the browser: to the colleague's computer, nothing on the server
            self.app.call_from_thread(download, self.app, data, path.name)
            return
        try:
            warning = write_recorded(self.herford.db_path, path, data, overwrite=overwrite)
        except OSError as exc:
            message = not_written(path, exc)
            self.app.call_from_thread(self.notify, message, severity="error", timeout=15, markup=False)
            return
        message = f"{count_text(count, 'Sitzung', 'Sitzungen')} als Kalender geschrieben: {path}"
        if warning:
            message += f"\n{warning}"
        self.app.call_from_thread(self.notify, message, timeout=8, markup=False)

    def action_tasks(self) -> None:
        self.herford.open_tasks()

    def action_delete(self) -> None:
        if self.herford.refuse_edit("Löschen"):  # say why even where no meeting is under the cursor
            return
        meeting = self.current
        if meeting is None:
            return

        committee = self.herford.snapshot.committees.get(meeting.committee_id)
        name = committee.name if committee else "?"
        question = (
            f"Sitzung {name} vom {format_date(meeting.date)} löschen? Abgesagte Sitzungen besser auf „abgesagt“ setzen."
        )
        job = WriteJob([meeting], delete=True)
        self.ask(ConfirmScreen(question, yes="Löschen", job=job, edit_what="Löschen"))
