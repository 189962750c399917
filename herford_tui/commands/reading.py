"""Reading the database for commands that only look (``termine``, ``export ics``): never writes.

A read-only store never creates the file, a lock or a backup and never migrates.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from herford_tui.cli import fail

if TYPE_CHECKING:  # annotations only: --help does not import the domain
    from herford_tui.domain import Committee, Meeting, Snapshot


def read_snapshot(path: Path) -> Snapshot:
    from herford_tui.store import Store

    if not path.exists():
        fail(f"Die Datenbank {path} gibt es nicht.")
    return Store(path, backups=0, read_only=True).open().snapshot()  # store errors: German, via SafeGroup


def read_upcoming(path: Path, first: date, last: date) -> Snapshot:
    """Every committee and (at least) the meetings dated ``first``..``last``: at x10 only those
    meetings are decoded (``store/partial.py``), else the whole file is read as always."""
    from herford_tui.store.partial import upcoming_meetings

    if not path.exists():
        fail(f"Die Datenbank {path} gibt es nicht.")
    return upcoming_meetings(path, first, last) or read_snapshot(path)


def find_committee(snapshot: Snapshot, name: str | None) -> Committee | None:
    """The committee ``--gremium`` names, None without one; exits if unknown."""
    return committee_named(snapshot, name) if name else None


def committee_named(snapshot: Snapshot, name: str) -> Committee:
    """The committee ``name`` means (the one lookup of CLI and TUI, ``domain/lookup.py``); exits if unknown."""
    from herford_tui.domain.lookup import UnknownCommittee, find_committee

    try:
        return find_committee(snapshot, name)
    except UnknownCommittee as exc:
        fail(str(exc))


def meeting_named(snapshot: Snapshot, text: str, committee: Committee | None = None) -> Meeting:
    """The meeting ``SITZUNG`` means: its number, or its date with the committee
    (``domain/lookup.find_meeting``); exits with the German message if none or several fit."""
    from herford_tui.domain.lookup import find_meeting

    try:
        return find_meeting(snapshot, text, committee, today=date.today())
    except ValueError as exc:  # UnknownMeeting, UnknownCommittee
        fail(str(exc))
