"""Public holidays and school holidays in NRW, to warn before a meeting lands on one.

The ``holidays`` package ships both offline: category ``public`` (Feiertage) and
``school`` (Schulferien after the KMK calendar) for ``Germany(subdiv="NW")``.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
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
    return _germany()(subdiv="NW", years=year, categories=(category,), language="de")


@cache
def _germany() -> type[holidays.HolidayBase]:
    """The class of Germany's holidays, without the other 250 countries.

    ``holidays.Germany`` imports the package ``holidays.countries``, whose ``__init__`` imports
    every country's module (x1: 36 ms of CPU, half the holidays' cost in the Jahr tab visited
    right after the start). Germany's module is loaded from its file alone, under a name of its
    own (it imports only the package's shared modules). Should the package lay out its files
    differently, the registry's way: the same holidays, more slowly.

    Imported here, not at the top: ``holidays`` (with dateutil and importlib.metadata) costs
    30-70 ms, and the snapshot imports this module through the meeting rules at every start."""
    import holidays

    try:
        path = Path(holidays.__file__).parent / "countries" / "germany.py"
        spec = importlib.util.spec_from_file_location(f"{__name__}._germany", path)
        if spec is None or spec.loader is None:
            return holidays.Germany
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found = module.Germany
    except (OSError, ImportError, AttributeError, SyntaxError):
        return holidays.Germany
    return found if isinstance(found, type) and issubclass(found, holidays.HolidayBase) else holidays.Germany


def days_off(year: int) -> dict[date, DayOff]:
    """Every public holiday and school-holiday day of ``year`` in NRW (computed once per process,
    or taken from what an earlier process computed: ``remember``)."""
    found = _KNOWN.get(year)
    if found is None:
        public, school = _nrw(year, "public"), _nrw(year, "school")
        found = {day: DayOff(public.get(day), school.get(day)) for day in sorted(set(public) | set(school))}
        _KNOWN[year] = found
    return found


_KNOWN: dict[int, dict[date, DayOff]] = {}
"""The days off of each year asked for (a dict's item access is atomic: a thread warming a year
and the screen asking for it at once compute it twice at worst, with the same result)."""


def computed(year: int) -> bool:
    """True once this process knows ``days_off(year)``: asked again, it costs nothing."""
    return year in _KNOWN


def remember(year: int, found: dict[date, DayOff]) -> None:
    """Take ``year``'s days off as an earlier process computed them with the same ``holidays``
    (``store/holiday_cache.py``): ``import holidays`` alone costs 35-45 ms of CPU (dateutil's
    parser, the package metadata), paid in the first visit of the Jahr tab if it came first."""
    _KNOWN.setdefault(year, found)


def day_off(day: date) -> DayOff:
    return days_off(day.year).get(day, DayOff())


def holiday_name(day: date) -> str | None:
    """The German name of a holiday or school holiday on ``day`` in NRW, else None."""
    return day_off(day).text or None
