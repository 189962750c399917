"""NRW's holidays from Germany's module alone (``calendar._germany``): the same days and German
names as the ``holidays`` package's own way, without importing its other countries."""

from __future__ import annotations

import subprocess
import sys

import holidays
import pytest

from herford_tui.domain import calendar


@pytest.mark.parametrize("category", ["public", "school"])
def test_germany_alone_gives_the_packages_holidays(category):
    years = list(range(2019, 2032))
    alone = calendar._germany()(subdiv="NW", years=years, categories=(category,), language="de")
    packaged = holidays.Germany(subdiv="NW", years=years, categories=(category,), language="de")
    assert calendar._germany() is not holidays.Germany  # the file was found: the short way is taken
    assert dict(alone) == dict(packaged)
    assert len(alone) > 10 * len(years)  # school holidays: dozens of days a year


def test_the_days_off_do_not_import_every_country():
    probe = (
        "import sys; from herford_tui.domain.calendar import days_off; days_off(2026); "
        "print('holidays.countries' in sys.modules, len(days_off(2026)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    imported, days = done.stdout.split()
    assert imported == "False"
    assert int(days) > 50
