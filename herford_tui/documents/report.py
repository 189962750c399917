"""The annual report for the Bildungskonferenz: the evaluation as data for ``bericht.typ``.

The charts are drawn by Typst from these numbers (bars of rates and counts); the summary is
``evaluation_text.summary``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from herford_tui.documents.content import letterhead
from herford_tui.documents.evaluation_text import duration, number, percent, summary
from herford_tui.domain.evaluation import Evaluation, evaluate_steps
from herford_tui.domain.evaluation_attendance import Rate
from herford_tui.domain.labels import format_date
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import printable

SHOWN = 30
"""Long lists (organisations without a seat, the weakest attendance) show this many, then a count."""


def _rate(rate: Rate | None) -> float:
    """0…1, or -1 when nothing was recorded (the template draws no bar then)."""
    value = rate.value if rate is not None else None
    return -1.0 if value is None else round(value, 4)


def report_data(ev: Evaluation) -> dict[str, Any]:
    vacant: dict[str, int] = {}
    for v in ev.vacancies:
        vacant[v.committee] = vacant.get(v.committee, 0) + v.open_places
    tasks = {t.committee_id: t for t in ev.tasks}
    committees = []
    for f in ev.meetings:
        rates = ev.attendance.get(f.committee_id, [])
        task = tasks.get(f.committee_id)
        committees.append(
            {
                "name": printable(f.name),
                "held": f.held,
                "target_min": f.rhythm.low,
                "target_max": f.rhythm.high,
                "rhythm": f.rhythm.text,
                "target": f"(Soll {f.rhythm.target})" if f.rhythm.high else "(ohne Soll)",
                "rhythm_ok": f.rhythm.state.name in ("OK", "UNSET"),
                "planned": f.planned,
                "cancelled": f.cancelled,
                "late": f.late_invitations,
                "rate": _rate(ev.rate(f.committee_id)),
                "rate_text": percent(ev.rate(f.committee_id)),
                "trend": [
                    {"year": str(y), "value": _rate(r), "text": percent(r)}
                    for y, r in zip(ev.trend_years, rates, strict=False)
                ],
                "decisions": ev.decisions_by_committee.get(f.committee_id, 0),
                "open_tasks": task.open if task else 0,
                "overdue": task.overdue if task else 0,
                "vacant": vacant.get(f.name, 0),
            }
        )
    return {
        **letterhead(),
        "kind": "Jahresbericht",
        "committee": f"Bildungsregion Kreis Herford {ev.year}",
        "date": format_date(ev.today),
        "year": str(ev.year),
        "summary": [printable(s) for s in summary(ev)],
        "committees": committees,
        "decisions": [{"year": str(y), "n": n} for y, n in ev.decisions.items() if y >= ev.year - 9],
        "vacancies": [
            {
                "committee": printable(v.committee),
                "seat": printable(v.seat),
                "open": v.open_places,
                "since": format_date(v.since) or "–",
                "for": duration(v.days),
            }
            for v in ev.vacancies[:SHOWN]
        ],
        "more_vacancies": max(0, len(ev.vacancies) - SHOWN),
        "tenures": [
            {
                "name": printable(t.name),
                "committee": printable(t.committee),
                "seat": printable(t.seat),
                "since": format_date(t.since),
            }
            for t in ev.tenures
        ],
        "without_seat": [printable(n) for n in ev.without_seat[:SHOWN]],
        "without_seat_count": number(len(ev.without_seat)),
        "organisations": [
            {"name": printable(name), "rate": _rate(rate), "text": percent(rate)}
            for name, rate in ev.organisations[:SHOWN]
        ],
    }


def report_pdf(snapshot: Snapshot, year: int, today: date, step: Callable[[], None] = lambda: None) -> bytes:
    """The PDF; ``step`` is called after each committee's figures and once after rendering
    (``len(snapshot.committees_of_year(year)) + 1`` calls: the progress bar's length)."""
    from herford_tui.documents.templates import compile_pdf

    steps = evaluate_steps(snapshot, year, today)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            evaluation: Evaluation = done.value
            break
        step()
    pdf = compile_pdf("bericht.typ", report_data(evaluation))
    step()
    return pdf
