"""The days off an earlier process computed (``store/holiday_cache.py``): the same days as the
``holidays`` package gives, for the installed package only, and a broken file is as none."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import date

from herford_tui.domain.calendar import DayOff, days_off
from herford_tui.store import holiday_cache


def test_kept_days_are_the_packages_days(tmp_path):
    for year in (2026, 2027):
        holiday_cache.save(year, days_off(year), tmp_path)
    assert holiday_cache.load(2026, tmp_path) == days_off(2026)
    assert holiday_cache.load(2027, tmp_path) == days_off(2027)  # both years kept side by side
    assert holiday_cache.load(2028, tmp_path) is None
    assert days_off(2026)[date(2026, 12, 25)].public == "Erster Weihnachtstag"


def test_the_file_is_readable_by_its_user_only(tmp_path):
    holiday_cache.save(2026, days_off(2026), tmp_path)
    mode = stat.S_IMODE(os.stat(tmp_path / holiday_cache.FILE_NAME).st_mode)
    assert mode & 0o077 == 0


def test_days_kept_for_another_holidays_version_are_not_used(tmp_path, monkeypatch):
    holiday_cache.save(2026, {date(2026, 1, 1): DayOff("Erfunden")}, tmp_path)
    monkeypatch.setattr(holiday_cache, "library_key", lambda: "1;an updated package")
    assert holiday_cache.load(2026, tmp_path) is None
    holiday_cache.save(2026, days_off(2026), tmp_path)  # the new package's days replace the old
    assert holiday_cache.load(2026, tmp_path) == days_off(2026)


def test_a_broken_or_foreign_file_is_as_none_and_is_replaced(tmp_path):
    path = tmp_path / holiday_cache.FILE_NAME
    for broken in (b"", b'{"key": ', b"[1, 2]", b'{"key": null, "years": 3}'):
        path.write_bytes(broken)
        assert holiday_cache.load(2026, tmp_path) is None
    key = holiday_cache.library_key()
    path.write_bytes(b'{"key": "%s", "years": {"2026": [["kein Datum", null, null]]}}' % key.encode())
    assert holiday_cache.load(2026, tmp_path) is None
    holiday_cache.save(2026, days_off(2026), tmp_path)
    assert holiday_cache.load(2026, tmp_path) == days_off(2026)


def test_a_folder_that_cannot_be_written_costs_nothing_but_the_cache(tmp_path):
    blocked = tmp_path / "eine Datei"
    blocked.write_text("kein Ordner")
    holiday_cache.save(2026, days_off(2026), blocked)  # no exception: a cache, not data
    assert holiday_cache.load(2026, blocked) is None


def test_a_later_process_takes_the_kept_days_without_importing_holidays(tmp_path):
    """What the app's warm-up does at the start (``app._warm_calendar``): the first process
    computes and keeps the year, the next one remembers it without the 35-45 ms import."""
    probe = (
        "import sys, pathlib; from herford_tui.store import holiday_cache as c; "
        "from herford_tui.domain import calendar; where = pathlib.Path(sys.argv[1]); "
        "kept = c.load(2026, where); "
        "calendar.remember(2026, kept) if kept is not None else c.save(2026, calendar.days_off(2026), where); "
        "print(kept is not None, 'holidays' in sys.modules, len(calendar.days_off(2026)))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, timeout=60, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs[0][:2] == ["False", "True"]  # computed with the package, then kept
    assert runs[1][:2] == ["True", "False"]  # taken from the file: the package not imported
    assert runs[0][2] == runs[1][2] == str(len(days_off(2026)))
