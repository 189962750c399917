"""Reading the database for commands that only look (``termine``, ``export ics``): never writes.

A read-only store never creates the file, a lock or a backup and never migrates.
"""

from __future__ import annotations

from pathlib import Path

from herford_tui.cli import fail
from herford_tui.domain import Committee, Snapshot
from herford_tui.domain.fold import match_key


def read_snapshot(path: Path) -> Snapshot:
    from herford_tui.store import Store

    if not path.exists():
        fail(f"Die Datenbank {path} gibt es nicht.")
    return Store(path, backups=0, read_only=True).open().snapshot()  # store errors: German, via SafeGroup


def find_committee(snapshot: Snapshot, name: str | None) -> Committee | None:
    """A committee by name, short name or id (umlauts and case do not matter); exits if unknown."""
    if not name:
        return None
    wanted = match_key(name.strip())
    committees = list(snapshot.committees.values())
    for c in committees:
        if wanted in (str(c.id), match_key(c.name), match_key(c.short_name)):
            return c
    candidates = [c for c in committees if match_key(c.name).startswith(wanted)]
    if len(candidates) == 1:
        return candidates[0]
    known = ", ".join(sorted(c.name for c in snapshot.active_committees()))
    fail(f"Unbekanntes Gremium „{name}“. Möglich sind: {known}.")
