"""The evaluation as German text and CSV rows, and the summary sentences of the annual report.

Pure functions over ``domain.evaluation.Evaluation``; names pass through ``printable`` here, so
a stored escape sequence never reaches a terminal.
"""

from __future__ import annotations

from herford_tui.domain.evaluation import Evaluation
from herford_tui.domain.evaluation_attendance import Rate
from herford_tui.domain.labels import format_date
from herford_tui.domain.labels import number as labels_number
from herford_tui.domain.text import printable


def number(n: int) -> str:
    """1.234 (the one German digit grouping: ``domain/labels.py:number``)."""
    return labels_number(n)


def percent(rate: Rate | None) -> str:
    """„87 %“, or „–“ when nothing was recorded."""
    value = rate.value if rate is not None else None
    return "–" if value is None else f"{round(value * 100)} %"


def duration(days: int | None) -> str:
    if days is None:
        return "nie besetzt"
    if days >= 730:
        return f"{days // 365} Jahre"
    if days >= 60:
        return f"{days // 30} Monate"
    return "1 Tag" if days == 1 else f"{number(days)} Tage"


def counted(n: int, one: str, many: str) -> str:
    """„1 Sitzung“, „12 Sitzungen“."""
    return f"{number(n)} {one if n == 1 else many}"


def _years(days: int) -> str:
    years = days / 365.25
    return f"{years:.1f} Jahre".replace(".", ",")


def meeting_rows(ev: Evaluation) -> list[list[str]]:
    return [
        [
            printable(f.name),
            str(f.held),
            f.rhythm.text,
            str(f.planned),
            str(f.cancelled),
            str(f.late_invitations),
            str(f.no_invitation_date),
            percent(ev.rate(f.committee_id)),
            str(ev.decisions_by_committee.get(f.committee_id, 0)),
        ]
        for f in ev.meetings
    ]


MEETING_HEADER = [
    "Gremium",
    "Stattgefunden",
    "Rhythmus",
    "Geplant",
    "Abgesagt",
    "Einladung verspätet",
    "Ohne Versanddatum",
    "Anwesenheit",
    "Beschlüsse",
]


def trend_rows(ev: Evaluation) -> list[list[str]]:
    return [[printable(ev.names[cid]), *(percent(r) for r in rates)] for cid, rates in ev.attendance.items()]


def organisation_rows(ev: Evaluation) -> list[list[str]]:
    return [
        [printable(name), percent(rate), str(rate.present), str(rate.stood_in), str(rate.expected)]
        for name, rate in ev.organisations
    ]


def vacancy_rows(ev: Evaluation) -> list[list[str]]:
    return [
        [printable(v.committee), printable(v.seat), str(v.open_places), format_date(v.since) or "–", duration(v.days)]
        for v in ev.vacancies
    ]


def tenure_rows(ev: Evaluation) -> list[list[str]]:
    return [
        [printable(t.name), printable(t.committee), printable(t.seat), format_date(t.since), _years(t.days)]
        for t in ev.tenures
    ]


def task_rows(ev: Evaluation) -> list[list[str]]:
    return [[printable(t.name), str(t.open), str(t.overdue)] for t in ev.tasks]


def sections(ev: Evaluation) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) of every table, in the order the text, the CSV and the tab show them."""
    return [
        (f"Sitzungen {ev.year}", MEETING_HEADER, meeting_rows(ev)),
        ("Anwesenheit im Verlauf", ["Gremium", *map(str, ev.trend_years)], trend_rows(ev)),
        (
            f"Anwesenheit nach Organisation {ev.year}",
            ["Organisation", "Anwesenheit", "Selbst", "Vertreten", "Sitze erwartet"],
            organisation_rows(ev),
        ),
        ("Unbesetzte Sitze", ["Gremium", "Sitz", "Offen", "Seit", "Dauer"], vacancy_rows(ev)),
        ("Am längsten besetzt", ["Person", "Gremium", "Sitz", "Seit", "Dauer"], tenure_rows(ev)),
        ("Organisationen ohne Sitz", ["Organisation"], [[printable(name)] for name in ev.without_seat]),
        ("Offene Aufgaben", ["Gremium", "Offen", "Überfällig"], task_rows(ev)),
        ("Beschlüsse je Jahr", ["Jahr", "Beschlüsse"], [[str(y), str(n)] for y, n in ev.decisions.items()]),
    ]


def text_lines(ev: Evaluation) -> list[str]:
    """Plain text: a heading per table, columns padded to their widest cell."""
    lines = [f"Auswertung {ev.year} (Stand {format_date(ev.today)})", ""]
    lines += summary(ev)
    for title, header, rows in sections(ev):
        lines += ["", title, "-" * len(title)]
        if not rows:
            lines.append("(keine)")
            continue
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return lines


def csv_rows(ev: Evaluation) -> list[list[str]]:
    """One table for a spreadsheet: the section's title in the first column of every row."""
    rows: list[list[str]] = [["Bereich", "Spalte 1…"]]
    for title, header, body in sections(ev):
        rows.append([title, *header])
        rows += [[title, *map(_no_formula, row)] for row in body]
    return rows


def _no_formula(cell: str) -> str:
    """A text cell, never a formula: a leading = would make a spreadsheet compute it."""
    return "'" + cell if cell.startswith("=") else cell


def summary(ev: Evaluation) -> list[str]:
    """A few German sentences built from the figures (the annual report opens with them)."""
    held = sum(f.held for f in ev.meetings)
    cancelled = sum(f.cancelled for f in ev.meetings)
    on_rhythm = sum(1 for f in ev.meetings if f.rhythm.state.name == "OK")
    total = Rate()
    for cid in ev.names:
        rate = ev.rate(cid)
        if rate is not None:
            total.present += rate.present
            total.stood_in += rate.stood_in
            total.expected += rate.expected
    sentences = [
        f"{ev.year} tagten die {counted(len(ev.meetings), 'Gremium', 'Gremien')} "
        f"in {counted(held, 'Sitzung', 'Sitzungen')}"
        + (
            f"; {counted(cancelled, 'Sitzung wurde', 'Sitzungen wurden')} abgesagt."
            if cancelled
            else "; keine wurde abgesagt."
        ),
        f"{on_rhythm} von {len(ev.meetings)} Gremien hielten ihren vorgesehenen Sitzungsrhythmus ein.",
    ]
    if total.expected:
        sentences.append(
            f"Die Sitze waren im Mittel zu {percent(total)} besetzt"
            f" ({number(total.stood_in)}-mal durch eine Stellvertretung)."
        )
    late = sum(f.late_invitations for f in ev.meetings)
    if late:
        sentences.append(f"{counted(late, 'Einladung ging', 'Einladungen gingen')} nach der Frist hinaus.")
    decided = ev.decisions.get(ev.year, 0)
    sentences.append(f"Gefasst {'wurde' if decided == 1 else 'wurden'} {counted(decided, 'Beschluss', 'Beschlüsse')}.")
    n_open = sum(t.open for t in ev.tasks)
    n_overdue = sum(t.overdue for t in ev.tasks)
    if n_open:
        sentences.append(
            f"{counted(n_open, 'Aufgabe ist', 'Aufgaben sind')} offen, davon {number(n_overdue)} überfällig."
        )
    if ev.vacancies:
        places = sum(v.open_places for v in ev.vacancies)
        sentences.append(
            f"{counted(places, 'Platz', 'Plätze')} auf {counted(len(ev.vacancies), 'Sitz', 'Sitzen')} "
            f"{'ist' if places == 1 else 'sind'} unbesetzt."
        )
    if ev.without_seat:
        n = len(ev.without_seat)
        verb = "hat" if n == 1 else "haben"
        sentences.append(f"{counted(n, 'Organisation', 'Organisationen')} {verb} keinen Sitz in einem Gremium.")
    return sentences
