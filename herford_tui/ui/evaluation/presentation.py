"""Text for the Auswertung tab: pure functions over ``domain.evaluation.Evaluation``.

Names are user text: they go through ``plain_cell``/``Text`` (never markup), control characters
through ``printable``.
"""

from __future__ import annotations

from rich.text import Text

from herford_tui.documents.evaluation_text import duration, number, percent, summary
from herford_tui.domain.directory import count_text
from herford_tui.domain.evaluation import Evaluation, MeetingFigures
from herford_tui.domain.labels import format_date
from herford_tui.domain.text import printable

BAR_WIDTH = 10

COLUMNS: tuple[tuple[str, int | None], ...] = (
    ("Gremium", 24),
    ("Sitzungen", 10),
    ("Abg.", 4),
    ("Verspätet", 9),
    ("Anwesenheit", 16),
    ("Aufgaben", 9),
    ("Beschl.", 7),
    ("Unbesetzt", None),
)


def columns(ev: Evaluation | None) -> tuple[list[str], list[int]]:
    """The table's labels and widths: fixed, the last as wide as its label or its widest number."""
    labels = [label for label, _ in COLUMNS]
    widths = [width if width is not None else len(label) for label, width in COLUMNS]
    if ev is not None:
        widest = max((len(str(ev.open_places(f.name))) for f in ev.meetings), default=0)
        widths[-1] = max(widths[-1], widest)
    return labels, widths


def bar(value: float | None, width: int = BAR_WIDTH) -> str:
    """„███████░░░“: the share ``value`` (0…1) of ``width`` cells; „–“ without a value."""
    if value is None:
        return "–"
    filled = round(max(0.0, min(1.0, value)) * width)
    return "█" * filled + "░" * (width - filled)


def heading(ev: Evaluation, busy: bool = False) -> Text:
    text = Text(f"Auswertung {ev.year}", style="bold")
    text.append(f"  Stand {format_date(ev.today)} · [ oder ] wechselt das Jahr", style="dim")
    if busy:
        text.append("  wird berechnet …", style="italic")
    text.append("\n")
    text.append(printable(" ".join(summary(ev))))
    return text


def busy_heading(year: int) -> Text:
    text = Text(f"Auswertung {year}", style="bold")
    text.append("  wird berechnet …", style="italic")
    return text


def committee_row(ev: Evaluation, f: MeetingFigures) -> tuple[Text, ...]:
    rate = ev.rate(f.committee_id)
    value = rate.value if rate is not None else None
    tasks = ev.task_figures(f.committee_id)
    places = ev.open_places(f.name)
    return (
        Text(printable(f.name)),
        # Held and still planned meetings against the rhythm, as in the year grid; the detail
        # line below splits them.
        Text(f.rhythm.short, style="bold" if f.rhythm.mark else ""),
        Text(str(f.cancelled) if f.cancelled else "–"),
        Text(str(f.late_invitations) if f.late_invitations else "–"),
        Text(f"{bar(value)} {percent(rate)}" if value is not None else "–"),
        Text(f"{tasks.open} ({tasks.overdue}!)" if tasks and tasks.overdue else (str(tasks.open) if tasks else "–")),
        Text(str(ev.decisions_by_committee.get(f.committee_id, 0) or "–")),
        Text(str(places) if places else "–"),
    )


def trend_values(ev: Evaluation, committee_id: int) -> list[float]:
    """The committee's rates over the trend years for the sparkline (a year without figures: 0)."""
    rates = ev.attendance.get(committee_id, [])
    return [(r.value or 0.0) if r is not None else 0.0 for r in rates]


def trend_label(ev: Evaluation, committee_id: int) -> Text:
    rates = ev.attendance.get(committee_id, [])
    label = Text("Anwesenheit ", style="dim")
    label.append(" ".join(f"{y}: {percent(r)}" for y, r in zip(ev.trend_years, rates, strict=False)))
    return label


def meetings_split(f: MeetingFigures) -> str:
    """„2 durchgeführt, 1 geplant, 1 abgesagt“ (parts that are 0 left out, except the first)."""
    parts = [f"{number(f.held)} durchgeführt"]
    parts += [f"{number(f.planned)} geplant"] if f.planned else []
    parts += [f"{number(f.cancelled)} abgesagt"] if f.cancelled else []
    return ", ".join(parts)


def detail(ev: Evaluation, committee_id: int) -> Text:
    """Seats, tasks and the whole network below the table: a few lines."""
    name = ev.names.get(committee_id, "")
    text = Text(printable(name), style="bold")
    figures = next((f for f in ev.meetings if f.committee_id == committee_id), None)
    if figures is not None:  # the table's count, split: what was held and what is still ahead
        text.append(f" {ev.year}: ", style="dim")
        text.append(meetings_split(figures))
    open_seats = [v for v in ev.vacancies if v.committee == name]
    text.append(" · Unbesetzt: ", style="dim")
    text.append(printable(", ".join(f"{v.seat} ({v.open_places}, {duration(v.days)})" for v in open_seats) or "keine"))
    held = [t for t in ev.tenures if t.committee == name][:3]
    if held:
        text.append("\nAm längsten: ", style="dim")
        text.append(printable(", ".join(f"{t.name} seit {format_date(t.since)}" for t in held)))
    text.append("\nNetzwerk: ", style="dim")
    parts = [f"{count_text(len(ev.without_seat), 'Organisation', 'Organisationen')} ohne Sitz"]
    if ev.organisations:
        low_name, low_rate = ev.organisations[0]
        parts.append(f"geringste Anwesenheit: {printable(low_name)} ({percent(low_rate)})")
    parts.append("Beschlüsse je Jahr: " + ", ".join(f"{y}: {n}" for y, n in list(ev.decisions.items())[-5:]))
    text.append("; ".join(parts))
    return text
