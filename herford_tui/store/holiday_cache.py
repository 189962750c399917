"""The NRW days off that an earlier process computed, kept in the user's cache folder.

``import holidays`` costs 35-45 ms of CPU (dateutil's parser, the package's metadata); a Jahr tab
opened right after the start paid it in its first visit (x1: 1.5-1.8x a bare tab of its shape).
The days come from the ``holidays`` package all the same (``domain/calendar.py``): this file only
remembers its answer, for the installed version of the package (an update of the package, which
rewrites its files, makes a new key, and the days are computed again).

A cache, not data: a file that cannot be read or written (no home folder, a full disk, another
version's format) is as if there were none, and nothing is said.
"""

from __future__ import annotations

import importlib.util
import os
from datetime import date
from pathlib import Path

import orjson

from herford_tui.domain.calendar import DayOff
from herford_tui.store.files import write_atomic

FORMAT = 1
"""Raised when what is kept per day changes."""
FILE_NAME = "feiertage.json"


def folder() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("herford-tui", appauthor=False)


def library_key() -> str | None:
    """The installed ``holidays`` package, without importing it: where it lies and when its
    Germany module and version file were written (``None`` if it is not found)."""
    try:
        spec = importlib.util.find_spec("holidays")
        if spec is None or not spec.submodule_search_locations:
            return None
        base = Path(next(iter(spec.submodule_search_locations)))
        stamps = [os.stat(base / name) for name in ("version.py", "countries/germany.py", "holiday_base.py")]
    except (OSError, ImportError, ValueError, StopIteration):
        return None
    return ";".join([str(FORMAT), str(base), *(f"{s.st_mtime_ns}:{s.st_size}" for s in stamps)])


def _read(path: Path) -> dict[str, object]:
    try:
        kept = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return kept if isinstance(kept, dict) else {}


def load(year: int, where: Path | None = None) -> dict[date, DayOff] | None:
    """``year``'s days off as kept for the installed ``holidays``, or ``None``."""
    key = library_key()
    kept = _read((where or folder()) / FILE_NAME)
    if key is None or kept.get("key") != key:
        return None
    years = kept.get("years")
    days = years.get(str(year)) if isinstance(years, dict) else None
    if not isinstance(days, list):
        return None
    try:
        return {date.fromisoformat(day): DayOff(public or None, school or None) for day, public, school in days}
    except (TypeError, ValueError):
        return None


def save(year: int, found: dict[date, DayOff], where: Path | None = None) -> None:
    """Keep ``year``'s days off beside the years kept for the same ``holidays``; atomically (a
    second process writing at once leaves one whole file: ``write_atomic``), readable by this user only."""
    key = library_key()
    if key is None:
        return
    target = (where or folder()) / FILE_NAME
    kept = _read(target)
    years = kept.get("years") if kept.get("key") == key else None
    years = dict(years) if isinstance(years, dict) else {}
    years[str(year)] = [[day.isoformat(), off.public, off.school] for day, off in found.items()]
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(target, orjson.dumps({"key": key, "years": years}), mode=0o600)
    except OSError:
        return


__all__ = ["FILE_NAME", "library_key", "load", "save"]
