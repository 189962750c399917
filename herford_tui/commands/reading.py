"""Reading the database for commands that only look (``termine``, ``export ics``): never writes.

``Store.open`` would create a missing file from the seed or migrate an old one; a look-up
must do neither, so these commands read the snapshot directly and stop on a missing file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from herford_tui.domain import Committee, Snapshot
from herford_tui.domain.fold import match_key


def read_snapshot(path: Path) -> Snapshot:
    from herford_tui.store import Store, StoreError

    if not path.is_file():
        fail(f"Die Datenbank {path} gibt es nicht.")
    try:
        return Store(path, backups=0).snapshot()
    except StoreError as exc:
        fail(str(exc))


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


def fail(message: str) -> NoReturn:
    click.echo(f"Fehler: {message}", err=True)
    sys.exit(2)
