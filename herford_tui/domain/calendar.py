"""Public holidays and school holidays in NRW, to warn before a meeting lands on one."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _nrw(year: int) -> holidays.HolidayBase:
    return holidays.Germany(subdiv="NW", years=year, categories=("public", "school"), language="de")


def holiday_name(day: date) -> str | None:
    """The German name of a holiday or school holiday on ``day`` in NRW, else None."""
    return _nrw(day.year).get(day)
