"""Plan a year's meetings of a committee from a rule; the preview shows every date first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.widget import Widget
from textual.widgets import Input, Static

from herford_tui.domain import Meeting, Problem
from herford_tui.domain.directory import count_text
from herford_tui.domain.labels import MONTHS, parse_time, whole_number
from herford_tui.domain.meetings import RhythmState
from herford_tui.domain.series import (
    INTERVALS,
    ON_HOLIDAY,
    ORDINALS,
    WEEKDAY_NAMES,
    OnHoliday,
    SeriesPlan,
    SeriesRule,
    plan_series,
)
from herford_tui.domain.text import printable
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.common.select import Select
from herford_tui.ui.common.typing_input import InOrderInput
from herford_tui.ui.meetings.presentation import committee_options


@dataclass(frozen=True)
class Series:
    """The form's result (a list would read as problems to FormScreen)."""

    meetings: list[Meeting]


class SeriesForm(FormScreen[Series]):
    WRITES = False  # the year view saves all dates of the series in one step
    AUTO_FOCUS = "#year"  # the first field one types, as in the meeting form; the committee is mostly preset
    TITLE_TEXT = "Sitzungen als Serie planen"

    def __init__(self, committee_id: int | None, year: int):
        super().__init__()
        self.committee_id = committee_id
        self.year = year

    def compose_fields(self) -> Iterable[Widget]:
        committees = committee_options(self.herford.snapshot, self.committee_id)
        yield from self.field(
            "Gremium",
            Select(committees, value=self.committee_id or Select.NULL, prompt="Gremium wählen", compact=True,
                   open_on_typing=True, id="committee_id"),
            "committee_id",
        )  # fmt: skip
        yield from self.field("Jahr", InOrderInput(str(self.year), compact=True, id="year"), "year")
        yield from self.field("Jeden", self._select(list(ORDINALS.items()), 2, "nth"), "nth")
        yield from self.field("Wochentag", self._select(list(enumerate(WEEKDAY_NAMES)), 2, "weekday"), "weekday")
        yield from self.field("in", self._select(list(INTERVALS.items()), 1, "interval"), "interval")
        yield from self.field("ab", self._select(list(enumerate(MONTHS, start=1)), 1, "first_month"), "first_month")
        yield from self.field("Beginn", InOrderInput("14:00", compact=True, id="start_time"), "start_time")
        yield from self.field("Ende", InOrderInput("16:00", compact=True, id="end_time"), "end_time")
        yield from self.field("Ort", OneLineInput("", compact=True, id="location"), "location")
        holiday = [(label, value.value) for value, label in ON_HOLIDAY.items()]
        yield from self.field(
            "An Feiertagen",
            Select(
                holiday,
                value=OnHoliday.MOVE.value,
                allow_blank=False,
                compact=True,
                open_on_typing=True,
                id="on_holiday",
            ),
            "on_holiday",
        )
        yield Static("", id="series-preview", classes="series-preview")

    @staticmethod
    def _select(options: list[tuple[int, str]], value: int, widget_id: str) -> Select[int]:
        return Select([(label, key) for key, label in options], value=value, allow_blank=False, compact=True,
                      open_on_typing=True, id=widget_id)  # fmt: skip

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._preview)

    @on(Select.Changed)
    @on(Input.Changed)
    def _preview(self) -> None:
        result = self._plan()
        preview = self.query_one("#series-preview", Static)
        if isinstance(result, list):
            preview.update(Text("\n".join(p.message for p in result), style="dim"))
            return
        plan, rule = result
        text = Text(printable(rule.describe()), style="bold")
        text.append(f"\n{count_text(len(plan.meetings), 'Sitzung', 'Sitzungen')}:\n")
        text.append("\n".join(plan.preview_lines()))
        if plan.rhythm is not None:
            style = "" if plan.rhythm.state is RhythmState.OK else "bold red"
            text.append(f"\nRhythmus {self.query_one('#year', Input).value}: {plan.rhythm.text}", style=style)
        preview.update(text)

    def _int(self, widget_id: str) -> int:
        return int(str(self.query_one(f"#{widget_id}", Select).value))

    def _plan(self) -> tuple[SeriesPlan, SeriesRule] | list[Problem]:
        problems = []
        committee_value = self.query_one("#committee_id", Select).value
        committee = (
            None if committee_value is Select.NULL else self.herford.snapshot.committees.get(int(str(committee_value)))
        )
        if committee is None:
            problems.append(Problem("committee_id", "Bitte ein Gremium wählen."))
        year_text = self.query_one("#year", Input).value.strip()
        year = whole_number(year_text)  # "²" (AltGr+2) is no year: isdigit took it, int did not
        if year is None or not 1900 <= year <= 2200:
            problems.append(Problem("year", f"„{year_text}“ ist kein Jahr (z. B. 2027)."))
        times = {}
        for name in ("start_time", "end_time"):
            try:
                times[name] = parse_time(self.query_one(f"#{name}", Input).value)
            except ValueError as exc:
                problems.append(Problem(name, str(exc)))
        if len(times) == 2 and times["end_time"] <= times["start_time"]:
            problems.append(Problem("end_time", "Das Ende liegt vor dem Beginn."))
        if problems or committee is None or year is None:
            return problems
        rule = SeriesRule(
            weekday=self._int("weekday"),
            nth=self._int("nth"),
            interval=self._int("interval"),
            first_month=self._int("first_month"),
            start=times["start_time"],
            end=times["end_time"],
            location=self.query_one("#location", Input).value.strip(),
        )
        on_holiday = OnHoliday(str(self.query_one("#on_holiday", Select).value))
        plan = plan_series(self.herford.snapshot, committee, rule, year, on_holiday, self.herford.today)
        return plan, rule

    def build(self) -> Series | list[Problem]:
        result = self._plan()
        if isinstance(result, list):
            return result
        plan, _ = result
        if not plan.meetings:
            return [Problem("form", "Die Regel ergibt keinen freien Termin.")]
        return Series(plan.meetings)
