"""Plan a year's meetings of a committee from a rule such as „jeden 2. Mittwoch in jedem
zweiten Monat, 14:00–16:00“ (dateutil's rrule), around NRW holidays, checked against the rhythm."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from dateutil.rrule import MONTHLY, rrule, weekday

from herford_tui.domain.calendar import day_off
from herford_tui.domain.labels import format_date, format_time
from herford_tui.domain.meetings import RhythmCheck, overlapping, rhythm_check
from herford_tui.domain.models import Committee, Meeting, MeetingStatus
from herford_tui.domain.snapshot import Snapshot

WEEKDAY_NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
ORDINALS = {1: "1.", 2: "2.", 3: "3.", 4: "4.", -1: "letzten"}
INTERVALS = {1: "jedem Monat", 2: "jedem zweiten Monat", 3: "jedem dritten Monat", 4: "jedem vierten Monat",
             6: "jedem sechsten Monat", 12: "einmal im Jahr"}  # fmt: skip
MOVE_LIMIT = 4
"""How many weeks a date may move to get off a holiday before it is skipped."""


class OnHoliday(enum.StrEnum):
    KEEP = "keep"
    SKIP = "skip"
    MOVE = "move"
    """To the next same weekday that is free (then the one before)."""


ON_HOLIDAY = {
    OnHoliday.MOVE: "verschieben (nächster freier gleicher Wochentag)",
    OnHoliday.SKIP: "auslassen",
    OnHoliday.KEEP: "trotzdem planen",
}


@dataclass(frozen=True)
class SeriesRule:
    weekday: int = 2
    """0 = Monday … 6 = Sunday."""
    nth: int = 2
    """1 … 4, or -1 for the last one of the month."""
    interval: int = 1
    """Every how many months."""
    first_month: int = 1
    start: time | None = time(14, 0)
    end: time | None = time(16, 0)
    location: str = ""

    def describe(self) -> str:
        """„jeden 2. Mittwoch in jedem zweiten Monat, 14:00–16:00“."""
        every = INTERVALS.get(self.interval, f"jedem {self.interval}. Monat")
        times = "–".join(t for t in (format_time(self.start), format_time(self.end)) if t)
        text = f"jeden {ORDINALS.get(self.nth, f'{self.nth}.')} {WEEKDAY_NAMES[self.weekday]} in {every}"
        return f"{text}, {times}" if times else text


@dataclass(frozen=True)
class PlannedDate:
    day: date | None
    """``None`` when the date was skipped."""
    rule_day: date
    note: str = ""


@dataclass
class SeriesPlan:
    dates: list[PlannedDate] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    rhythm: RhythmCheck | None = None
    past: int = 0
    """Dates of the rule before ``today``: not planned (the rest of a year already under way)."""
    today: date | None = None

    def preview_lines(self) -> list[str]:
        lines = []
        if self.past and self.today is not None:
            before = format_date(self.today)
            if self.past == 1:
                lines.append(f"(1 Termin liegt vor dem {before} und wird nicht geplant)")
            else:
                lines.append(f"({self.past} Termine liegen vor dem {before} und werden nicht geplant)")
        for planned in self.dates:
            if planned.day is None:
                lines.append(f"– {format_date(planned.rule_day, weekday=True)}: ausgelassen ({planned.note})")
            elif planned.day != planned.rule_day:
                moved = format_date(planned.rule_day)
                lines.append(f"+ {format_date(planned.day, weekday=True)} (statt {moved}: {planned.note})")
            else:
                lines.append(
                    f"+ {format_date(planned.day, weekday=True)}" + (f" ({planned.note})" if planned.note else "")
                )
        return lines


def rule_dates(rule: SeriesRule, year: int) -> list[date]:
    days = rrule(
        MONTHLY,
        interval=rule.interval,
        byweekday=weekday(rule.weekday, rule.nth),
        dtstart=date(year, rule.first_month, 1),
        until=date(year, 12, 31),
    )
    return [d.date() for d in days]


def _move(day: date, today: date | None = None) -> date | None:
    for weeks in range(1, MOVE_LIMIT + 1):
        for candidate in (day + timedelta(weeks=weeks), day - timedelta(weeks=weeks)):
            if candidate.year == day.year and not day_off(candidate) and (today is None or candidate >= today):
                return candidate
    return None


def plan_series(
    snapshot: Snapshot,
    committee: Committee,
    rule: SeriesRule,
    year: int,
    on_holiday: OnHoliday,
    today: date | None = None,
) -> SeriesPlan:
    """Every date of the rule in ``year`` from ``today`` on, moved or skipped around holidays, as
    unsaved meetings; dates that clash with a meeting of the committee are skipped; the rhythm
    counts both. Dates before ``today`` are not planned, only counted (``SeriesPlan.past``)."""
    plan = SeriesPlan(today=today)
    existing = snapshot.meetings_of(committee.id)
    for rule_day in rule_dates(rule, year):
        if today is not None and rule_day < today:
            plan.past += 1
            continue
        day: date | None = rule_day
        note = ""
        off = day_off(rule_day)
        if off:
            note = off.text
            if on_holiday is OnHoliday.SKIP:
                day = None
            elif on_holiday is OnHoliday.MOVE:
                day = _move(rule_day, today)
                if day is None:
                    note += "; kein freier Tag in der Nähe"
        if day is not None:
            meeting = Meeting(
                committee_id=committee.id, date=day, start_time=rule.start, end_time=rule.end,
                location=rule.location, status=MeetingStatus.GEPLANT,
            )  # fmt: skip
            if overlapping(meeting, [*existing, *plan.meetings]):
                day, note = None, "an diesem Tag gibt es schon eine Sitzung"
            else:
                plan.meetings.append(meeting)
        plan.dates.append(PlannedDate(day, rule_day, note))
    plan.rhythm = rhythm_check(committee, [*existing, *plan.meetings], year)
    return plan
