"""Public holidays and school holidays in NRW, to warn before a meeting lands on one.

The ``holidays`` package ships both offline: category ``public`` (Feiertage) and
``school`` (Schulferien after the KMK calendar) for ``Germany(subdiv="NW")``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays


@dataclass(frozen=True)
class DayOff:
    """What makes a day unsuitable for a meeting: a public holiday, school holidays, or both."""

    public: str | None = None
    school: str | None = None

    @property
    def text(self) -> str:
        return "; ".join(name for name in (self.public, self.school) if name)

    def __bool__(self) -> bool:
        return bool(self.public or self.school)


@lru_cache(maxsize=16)
def _nrw(year: int, category: str) -> holidays.HolidayBase:
    # Imported here, not at the top: ``holidays`` (with dateutil and importlib.metadata) costs
    # 40-70 ms, and the snapshot imports this module through the meeting rules at every start.
    import holidays

    return holidays.Germany(subdiv="NW", years=year, categories=(category,), language="de")


@lru_cache(maxsize=16)
def days_off(year: int) -> dict[date, DayOff]:
    """Every public holiday and school-holiday day of ``year`` in NRW."""
    public, school = _nrw(year, "public"), _nrw(year, "school")
    found = {day: DayOff(public.get(day), school.get(day)) for day in sorted(set(public) | set(school))}
    _COMPUTED.add(year)
    return found


_COMPUTED: set[int] = set()


def computed(year: int) -> bool:
    """True once this process has computed ``days_off(year)``: asked again, it costs nothing."""
    return year in _COMPUTED


def day_off(day: date) -> DayOff:
    return days_off(day.year).get(day, DayOff())


def holiday_name(day: date) -> str | None:
    """The German name of a holiday or school holiday on ``day`` in NRW, else None."""
    return day_off(day).text or None
