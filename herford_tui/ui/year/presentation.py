"""What the year grid and list show, as rich Text: pure functions of the snapshot (no Textual).

The grid's cells are made only for the rows on screen (``row_cells``, called by the grid as a
row scrolls into view), at the width the terminal leaves a month (``grid_layout``): all twelve
months fit 80 columns with a compact cell ("12g!", "3g+" for more meetings that month), a
wider terminal shows every meeting ("3g 17d").

Every status reads without colour: a letter after the day (g geplant, e eingeladen,
d durchgeführt, x abgesagt), ``!`` for a missed invitation deadline, ``*`` for a holiday
or school-holiday day; colour only adds to that (NO_COLOR, TERM=linux stay readable).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from rich.text import Text

from herford_tui.domain import Committee, Meeting, MeetingStatus, Snapshot
from herford_tui.domain.calendar import day_off, days_off
from herford_tui.domain.directory import count_text
from herford_tui.domain.labels import MEETING_STATUS, format_date, number
from herford_tui.domain.lookup import committee_label
from herford_tui.domain.meetings import (
    RhythmState,
    invitation_due,
    invitation_late,
    rhythm_check,
    time_range,
)
from herford_tui.domain.text import printable

MONTH_SHORT = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")
SYMBOL = {
    MeetingStatus.GEPLANT: "g",
    MeetingStatus.EINGELADEN: "e",
    MeetingStatus.DURCHGEFUEHRT: "d",
    MeetingStatus.ABGESAGT: "x",
}
STYLE = {
    MeetingStatus.GEPLANT: "bold",
    MeetingStatus.EINGELADEN: "bold cyan",
    MeetingStatus.DURCHGEFUEHRT: "green",
    MeetingStatus.ABGESAGT: "dim strike",
}
STATUS_KEY = " · ".join(f"{SYMBOL[status]} {MEETING_STATUS[status]}" for status in MeetingStatus)
"""„g geplant · e eingeladen · …“: the legend names each letter by the status's one German word."""
LEGEND = (
    STATUS_KEY,
    "! Einladung überfällig · * Feiertag/Ferien · Anz.: + zu viele, - zu wenige",
)
LEGEND_COMPACT = (
    STATUS_KEY,
    "! überfällig · * Feiertag/Ferien · 3g+ weitere · Anz.: + zu viele, - zu wenige",
)
PUBLIC_ROW, SCHOOL_ROW = "feiertage", "ferien"
NAME_WIDTH = 14
COUNT_WIDTH = 7
"""„0/6–8 -“: the longest count against a rhythm."""
COMPACT, FULL = 4, 6
"""Month cells: „12g!“ (one meeting and its most urgent mark) or „3g 17d“ / „12g!*“."""
GAP = 1
"""Blank column after every cell of the grid."""
MAX_NAME = 40


@dataclass(frozen=True)
class GridLayout:
    name: int
    count: int
    month: int

    @property
    def widths(self) -> tuple[int, ...]:
        return (self.name, self.count, *(self.month,) * 12)

    @property
    def compact(self) -> bool:
        return self.month < FULL


def grid_layout(width: int) -> GridLayout:
    """Column widths for a terminal ``width`` wide: twelve months always; full cells where the
    name column keeps ``NAME_WIDTH`` letters beside them, else compact ones (80 columns)."""
    room = width - 2 - GAP * 14  # the scrollbar and a margin, a gap after each column
    # 120 columns: seven per month („4x* 17d“) beside a short name; 80: compact cells.
    for month, least in ((FULL + 1, NAME_WIDTH - 2), (FULL, NAME_WIDTH), (COMPACT, 0)):
        name = room - COUNT_WIDTH - 12 * month
        if name >= least:
            return GridLayout(max(min(name, MAX_NAME), 6), COUNT_WIDTH, month)
    return GridLayout(6, COUNT_WIDTH, COMPACT)  # narrower than 80: the months still all there


@dataclass(frozen=True)
class GridRow:
    key: str
    """``c<id>`` for a committee, or one of the two holiday rows."""
    committee: Committee | None = None
    name: str = ""
    months: Mapping[int, Sequence[Meeting]] = field(default_factory=dict)
    """A committee's meetings by month (1-12; months without any left out)."""
    days: tuple[tuple[int, ...], ...] = ()
    """A holiday row's days off in each month (twelve entries)."""
    year: int = 0
    today: date = field(default=date.min, compare=False)

    @cached_property
    def cells(self) -> tuple[Text, ...]:
        """Name, count against the rhythm, then one full cell per month."""
        return row_cells(self, FULL * 4)


def meetings_by_committee_month(snapshot: Snapshot, year: int) -> dict[int, dict[int, list[Meeting]]]:
    found: dict[int, dict[int, list[Meeting]]] = defaultdict(lambda: defaultdict(list))
    for m in snapshot.meetings_in_year(year):
        assert m.date is not None
        found[m.committee_id][m.date.month].append(m)
    return found


def day_mark(meeting: Meeting, committee: Committee | None, today: date) -> Text:
    """„12g“, „3e“, „23g!*“: the day, its status letter, then the warnings."""
    assert meeting.date is not None
    text = Text(f"{meeting.date.day}{SYMBOL[meeting.status]}", style=STYLE[meeting.status])
    if committee is not None and invitation_late(meeting, committee, today):
        text.append("!", style="bold red")
    if day_off(meeting.date):
        text.append("*", style="yellow")
    return text


def _month_cell(meetings: Sequence[Meeting], committee: Committee | None, today: date, width: int) -> Text:
    if not meetings:  # most cells of a year grid (x10: 8,000 of 12,000)
        return Text()
    if len(meetings) == 1:  # most of the others; Text.join is half the grid's time
        full = day_mark(meetings[0], committee, today)
    else:
        full = Text(" ").join(day_mark(m, committee, today) for m in meetings)
    return full if full.cell_len <= width else compact_cell(meetings, committee, today)


def compact_cell(meetings: Sequence[Meeting], committee: Committee | None, today: date) -> Text:
    """At most four characters: the first meeting's day and letter, then one mark, the most
    urgent first: ``!`` (an invitation overdue), ``+`` (more meetings this month), ``*`` (a day off)."""
    first = meetings[0]
    assert first.date is not None
    text = Text(f"{first.date.day}{SYMBOL[first.status]}", style=STYLE[first.status])
    if committee is not None and any(invitation_late(m, committee, today) for m in meetings):
        text.append("!", style="bold red")
    elif len(meetings) > 1:
        text.append("+")
    elif day_off(first.date):
        text.append("*", style="yellow")
    return text


def count_cell(committee: Committee, meetings: list[Meeting], year: int) -> Text:
    """„3/1 +“ (too many), „0/6–8 -“ (too few), „2/1–2“; marked in colour as well."""
    check = rhythm_check(committee, meetings, year)
    style = {RhythmState.TOO_FEW: "yellow", RhythmState.TOO_MANY: "red"}.get(check.state, "")
    return Text(check.short, style=style)


def _runs(days: list[int]) -> str:
    """[1, 2, 3, 6] → „1–3 6“."""
    parts: list[str] = []
    start = prev = None
    for d in sorted(days):
        if prev is not None and d == prev + 1:
            prev = d
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}–{prev}")
        start = prev = d
    if start is not None:
        parts.append(str(start) if start == prev else f"{start}–{prev}")
    return " ".join(parts)


def holiday_rows(year: int) -> list[GridRow]:
    public: dict[int, list[int]] = defaultdict(list)
    school: dict[int, list[int]] = defaultdict(list)
    for day, off in days_off(year).items():
        if off.public:
            public[day.month].append(day.day)
        if off.school:
            school[day.month].append(day.day)
    return [
        GridRow(key, name=label, days=tuple(tuple(days.get(month, [])) for month in range(1, 13)), year=year)
        for key, label, days in ((PUBLIC_ROW, "Feiertage", public), (SCHOOL_ROW, "Schulferien", school))
    ]


def grid_rows(snapshot: Snapshot, year: int, today: date, committee_id: int | None = None) -> list[GridRow]:
    """The holiday rows, then one row per active committee, and per archived one that met in
    ``year`` (or only the filtered one).

    Only the meetings are sorted into months here; the cells' text is made by ``row_cells``
    for the rows on screen (x10: 1,009 rows, about 30 shown)."""
    by = meetings_by_committee_month(snapshot, year)
    rows = holiday_rows(year)
    for committee in snapshot.committees_of_year(year):
        if committee_id is not None and committee.id != committee_id:
            continue
        months = by.get(committee.id, {})
        rows.append(
            GridRow(
                f"c{committee.id}",
                committee,
                committee_label(committee),
                months,
                year=year,
                today=today,
            )
        )
    return rows


def row_cells(row: GridRow, month_width: int) -> tuple[Text, ...]:
    """A grid row's cells with month cells at most ``month_width`` wide (compact if need be)."""
    name = Text(printable(row.name), overflow="ellipsis", no_wrap=True)
    if row.committee is None:
        name.stylize("italic yellow")
        days_off = [Text(_days_cell(days, month_width), style="yellow") for days in row.days]
        return (name, Text(""), *days_off)
    months = [row.months.get(month, ()) for month in range(1, 13)]
    count = count_cell(row.committee, [m for ms in months for m in ms], row.year)
    return (name, count, *(_month_cell(ms, row.committee, row.today, month_width) for ms in months))


def _days_cell(days: Sequence[int], width: int) -> str:
    """„1–6 23–31“, or where that is too wide the number of days: „14 T“."""
    runs = _runs(list(days))
    return runs if len(runs) <= width else f"{len(days)} T"


def meeting_line(snapshot: Snapshot, meeting: Meeting, today: date) -> Text:
    """One meeting for the detail area: date, time, status, place, warnings."""
    committee = snapshot.committees.get(meeting.committee_id)
    text = Text()
    text.append_text(day_mark(meeting, committee, today))
    text.append(f"  {format_date(meeting.date, weekday=True)} {time_range(meeting)}  {MEETING_STATUS[meeting.status]}")
    place = ", ".join(p for p in (meeting.location, meeting.room) if p)
    text.append(f"  {printable(place) or 'Ort offen'}", style="" if place else "dim")
    if meeting.invitation_sent:
        text.append(f"  eingeladen am {format_date(meeting.invitation_sent)}")
    if committee is not None and invitation_late(meeting, committee, today):
        due = invitation_due(meeting, committee)
        text.append(f"  Einladung überfällig (fällig {format_date(due)})", style="bold red")
    off = day_off(meeting.date) if meeting.date else None
    if off:
        text.append(f"  {off.text}", style="yellow")
    return text


def cell_detail(
    snapshot: Snapshot, row: GridRow, month: int | None, year: int, today: date, *, read_only: bool = False
) -> Text:
    """What the cursor's cell holds, in words: the committee's rhythm and that month's meetings
    (``read_only``: without the keys that would plan one)."""
    if row.committee is None:
        days = {d: off for d, off in days_off(year).items() if month is None or d.month == month}
        if not days:
            return Text("Keine Feiertage oder Ferien in diesem Monat.", style="dim")
        names: dict[str, list[date]] = defaultdict(list)
        for d, off in days.items():
            for name in filter(None, (off.public, off.school)):
                names[name].append(d)
        parts = [f"{name} ({_span(ds)})" for name, ds in names.items()]
        return Text(" · ".join(parts), style="yellow")
    committee = row.committee
    meetings = [m for m in snapshot.meetings_of(committee.id) if m.date and m.date.year == year]
    check = rhythm_check(committee, meetings, year)
    text = Text(printable(committee.name), style="bold")
    text.append(f"  {year}: {check.text}" if check.state is not RhythmState.UNSET else f"  {year}: {check.count}")
    text.append(f"  · Einladung {count_text(committee.invitation_days, 'Tag', 'Tage')} vorher", style="dim")
    shown = [m for m in meetings if month is None or (m.date and m.date.month == month)]
    if shown:  # the footer has no room for it at 80 columns (F1 names "e" too)
        text.append("  · Enter öffnet", style="dim")
    else:
        plan = "" if read_only else " „a“ plant eine, „s“ eine Serie."
        text.append(f"\nKeine Sitzung in diesem Monat.{plan}", style="dim")
    for m in shown:
        text.append("\n")
        text.append_text(meeting_line(snapshot, m, today))
    return text


def _span(days: list[date]) -> str:
    first, last = min(days), max(days)
    return format_date(first) if first == last else f"{format_date(first)}–{format_date(last)}"


def list_row(snapshot: Snapshot, meeting: Meeting, today: date) -> tuple[Text, ...]:
    """A row of the list view: Datum, Zeit, Gremium, Ort, Status, Hinweis."""
    committee = snapshot.committees.get(meeting.committee_id)
    cancelled = meeting.status is MeetingStatus.ABGESAGT
    name = committee_label(committee) if committee else "?"
    status = Text(f"{SYMBOL[meeting.status]} {MEETING_STATUS[meeting.status]}", style=STYLE[meeting.status])
    hints = []
    if committee is not None and invitation_late(meeting, committee, today):
        hints.append("Einladung überfällig")
    off = day_off(meeting.date) if meeting.date else None
    if off:
        hints.append(off.text)
    place = ", ".join(p for p in (meeting.location, meeting.room) if p)

    def cell(text: str, style: str = "") -> Text:
        return Text(printable(text), style=style, overflow="ellipsis", no_wrap=True)

    return (
        cell(format_date(meeting.date, weekday=True), "dim strike" if cancelled else ""),
        cell(time_range(meeting)),
        cell(name),
        cell(place),
        status,
        cell("; ".join(hints), "yellow"),
    )


def list_window(meetings: list[Meeting], today: date, limit: int) -> tuple[list[Meeting], int]:
    """At most ``limit`` meetings (in date order) around today, and how many are left out."""
    if len(meetings) <= limit:
        return meetings, 0
    upcoming = next((i for i, m in enumerate(meetings) if m.date and m.date >= today), len(meetings))
    start = max(0, min(upcoming - limit // 5, len(meetings) - limit))
    return meetings[start : start + limit], len(meetings) - limit


def list_note(shown: int, hidden: int) -> str:
    """The line under a shortened list, counts with German digit grouping (1.234)."""
    return (
        f"Die Liste zeigt {number(shown)} Sitzungen um heute, {number(hidden)} weitere: "
        "„f“ filtert nach Gremium, „l“ zeigt das Raster."
    )
