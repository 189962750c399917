"""Three-way merge of two edits of the same record, field by field."""

from __future__ import annotations

import dataclasses

from herford_tui.domain.models import Record

_META = ("id", "rev")


class Clash(Exception):
    """A colleague's change that an edit re-applied to the newest version cannot be combined
    with (``Store.save_change``); nothing is written."""

    by: str | None = None
    """Who made the colleague's change, when the audit log tells (the store fills it in)."""


def merge(base: Record, mine: Record, theirs: Record) -> tuple[Record, list[str]]:
    """Combine ``mine`` and ``theirs``, both edited from ``base``.

    A field takes my value where I changed it and the colleague's value elsewhere,
    so neither edit is lost. Fields both changed to different values are returned
    as clashes; my value wins there (the user is told which ones).
    """
    merged: dict[str, object] = {}
    clashes: list[str] = []
    for f in dataclasses.fields(mine):
        if f.name in _META:
            continue
        b, m, t = getattr(base, f.name), getattr(mine, f.name), getattr(theirs, f.name)
        if m == b:
            merged[f.name] = t
        else:
            merged[f.name] = m
            if t not in (b, m):
                clashes.append(f.name)
    return dataclasses.replace(theirs, **merged), clashes  # type: ignore[arg-type]  # fields of its own class
