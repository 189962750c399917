"""The yearly overview of meetings across all committees, with NRW holidays marked."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from herford_tui.domain import Meeting, MeetingStatus, Snapshot
from herford_tui.domain.calendar import holiday_name
from herford_tui.domain.labels import MEETING_STATUS, format_date, format_time
from herford_tui.domain.text import printable
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.view import SnapshotView
from herford_tui.ui.data import WriteJob

COLUMNS = (("Datum", 13), ("Zeit", 5), ("Gremium", 14), ("Ort", 14), ("Status", 12), ("Hinweis", 10))


class YearPane(SnapshotView):
    BINDINGS = [
        Binding("a", "add", "Neue Sitzung", id="year.add"),
        Binding("e", "edit", "Ändern", id="year.edit"),
        Binding("delete", "delete", "Löschen", show=False, id="year.delete"),
        Binding("left_square_bracket", "year(-1)", "Vorjahr", id="year.previous"),
        Binding("right_square_bracket", "year(1)", "Folgejahr", id="year.next"),
    ]

    year: reactive[int] = reactive(0, init=False)

    def __init__(self) -> None:
        super().__init__(classes="year")
        self.rows: list[Meeting] = []
        self._placed = False

    def compose(self) -> ComposeResult:
        yield Static(id="year-summary", classes="year-summary")
        yield DataTable(id="year-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="meeting-detail", classes="member-detail")

    def on_mount(self) -> None:
        self.set_reactive(YearPane.year, self.app.today.year)
        table = self.query_one("#year-table", DataTable)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        super().on_mount()

    def watch_year(self) -> None:
        self.refresh_data(self.app.snapshot)

    def refresh_data(self, snapshot: Snapshot) -> None:
        self.rows = snapshot.meetings_in_year(self.year)
        self.query_one("#year-summary", Static).update(self._summary(snapshot))
        table = self.query_one("#year-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for m in self.rows:
            committee = snapshot.committees.get(m.committee_id)
            cancelled = m.status is MeetingStatus.ABGESAGT
            style = "dim strike" if cancelled else ""
            holiday = holiday_name(m.date) if m.date else None
            name = (committee.short_name or committee.name) if committee else "?"
            table.add_row(
                Text(format_date(m.date, weekday=True), style=style),
                format_time(m.start_time),
                Text(printable(name), overflow="ellipsis", no_wrap=True),
                Text(printable(m.location), overflow="ellipsis", no_wrap=True),
                MEETING_STATUS[m.status],
                Text(holiday or "", style="yellow", overflow="ellipsis", no_wrap=True),
                key=str(m.id),
            )
        if self.rows:
            if not self._placed:  # first time: start at the next meeting from today on
                today = self.app.today
                keep = next((i for i, m in enumerate(self.rows) if m.date and m.date >= today), len(self.rows) - 1)
                self._placed = True
            table.move_cursor(row=min(max(keep, 0), len(self.rows) - 1))
        self._show_detail()

    @on(DataTable.RowHighlighted, "#year-table")
    def _show_detail(self) -> None:
        self.query_one("#meeting-detail", Static).update(self._detail())

    def _detail(self) -> Text:
        m = self.current
        if m is None:
            return Text(f"Keine Sitzungen {self.year}. „a“ plant eine neue.", style="dim")
        committee = self.app.snapshot.committees.get(m.committee_id)
        text = Text()
        text.append(printable(committee.name) if committee else "?", style="bold")
        times = "–".join(t for t in (format_time(m.start_time), format_time(m.end_time)) if t)
        text.append(f"  {format_date(m.date, weekday=True)} {times}  {MEETING_STATUS[m.status]}")
        text.append("\n" + (printable(m.location) or "Ort noch offen"))
        holiday = holiday_name(m.date) if m.date else None
        if holiday:
            text.append(f"  ·  {holiday}", style="yellow")
        agenda = printable("; ".join(f"{item.number}. {item.title}" for item in m.agenda))
        text.append("\n" + (f"TO: {agenda}" if agenda else "keine Tagesordnung"), style="" if agenda else "dim")
        return text

    def _summary(self, snapshot: Snapshot) -> Text:
        text = Text()
        text.append(f"Sitzungen {self.year}", style="bold")
        text.append("  (geplant und gehalten; [ ] wechselt das Jahr)\n", style="dim")
        parts = []
        for c in snapshot.active_committees():
            count = sum(1 for m in self.rows if m.committee_id == c.id and m.status is not MeetingStatus.ABGESAGT)
            target = f"{c.rhythm_min}–{c.rhythm_max}" if c.rhythm_min != c.rhythm_max else str(c.rhythm_max)
            short = printable(c.short_name or c.name)
            below = c.rhythm_max and count < c.rhythm_min
            parts.append((f"{short} {count}" + (f" (Soll {target})" if c.rhythm_max else ""), "red" if below else ""))
        for i, (part, style) in enumerate(parts):
            text.append(("  ·  " if i else "") + part, style=style)
        return text

    def action_year(self, step: int) -> None:
        self.year += step

    @property
    def current(self) -> Meeting | None:
        row = self.query_one("#year-table", DataTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    @on(DataTable.RowSelected, "#year-table")
    def _selected(self) -> None:
        self.action_edit()

    def action_add(self) -> None:
        from herford_tui.ui.year.meeting_form import MeetingForm

        self.ask(MeetingForm(None), callback=self._saved)

    def action_edit(self) -> None:
        from herford_tui.ui.year.meeting_form import MeetingForm

        if self.current is not None:
            self.ask(MeetingForm(self.current), callback=self._saved)

    def action_delete(self) -> None:
        meeting = self.current
        if meeting is None:
            return

        when = format_date(meeting.date)
        question = f"Sitzung vom {when} löschen? Abgesagte Sitzungen besser auf „abgesagt“ setzen."
        job = WriteJob([meeting], delete=True)
        self.ask(ConfirmScreen(question, yes="Löschen", job=job, edit_what="Löschen"))

    def _saved(self, meeting: Meeting | None) -> None:
        """The meeting is on disk (the form saved it); a holiday on that day is worth a word."""
        if meeting is None:
            return
        holiday = holiday_name(meeting.date) if meeting.date else None
        if holiday:
            self.notify(f"Hinweis: {format_date(meeting.date)} – {holiday} in NRW.", severity="warning")
