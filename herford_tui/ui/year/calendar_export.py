"""The year's meetings (or one committee's) as an .ics file in the home folder, from the TUI."""

from __future__ import annotations

from pathlib import Path

from herford_tui.domain import Committee, Snapshot
from herford_tui.domain.fold import slug
from herford_tui.domain.ics import build_calendar, select_meetings


def calendar_path(year: int, committee: Committee | None, folder: Path | None = None) -> Path:
    """~/herford-sitzungen-2026.ics or ~/herford-sitzungen-2026-lenkungskreis.ics"""
    name = f"herford-sitzungen-{year}"
    if committee is not None:
        name += f"-{slug(committee.name) or committee.id}"
    return (folder or Path.home()) / f"{name}.ics"


def calendar_data(snapshot: Snapshot, year: int, committee_id: int | None) -> tuple[bytes, int]:
    meetings = select_meetings(snapshot, committee_id, year)
    return build_calendar(snapshot, meetings), len(meetings)
