"""The file's schema version and the steps that bring an older file up to date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from herford_tui.domain.models import Membership, Role
from herford_tui.domain.roles import later_concurrent_chairs
from herford_tui.store.codec import TABLES
from herford_tui.store.errors import SchemaTooNewError

SCHEMA_VERSION = 2
META = "meta"


def empty() -> dict[str, Any]:
    return {META: {"1": {"schema": SCHEMA_VERSION, "counters": {}}}}


def version_of(data: dict[str, Any]) -> int:
    """Version 0 is a plain TinyDB file without our meta table (e.g. an early export)."""
    return int(data.get(META, {}).get("1", {}).get("schema", 0))


def check_supported(data: dict[str, Any], path: Path) -> None:
    found = version_of(data)
    if found > SCHEMA_VERSION:
        raise SchemaTooNewError(path, found, SCHEMA_VERSION)


def _v0_to_v1(data: dict[str, Any]) -> None:
    counters = {table: max((int(k) for k in data.get(table, {})), default=0) for table in TABLES.values()}
    for table in TABLES.values():
        for doc in data.get(table, {}).values():
            doc.setdefault("rev", 1)
    data[META] = {"1": {"schema": 1, "counters": counters}}


def _v1_to_v2(data: dict[str, Any]) -> None:
    """Version 2 allows one Vorsitz at a time per committee, and knows the role Co-Vorsitz.

    Where a version-1 file has chairs overlapping in one committee, the later one becomes
    Co-Vorsitz: nothing is deleted and no date is guessed (ending the earlier chair would
    invent a day nobody entered), both stay on their seats with their periods, and the
    roster shows who shares the chair. Its ``rev`` goes up, so an edit started before the
    upgrade is a conflict rather than a silent overwrite of the role.
    """
    docs = data.get("memberships", {})
    chairs = []
    for key, doc in docs.items():
        if not (isinstance(doc, dict) and doc.get("role") == Role.VORSITZ.value and key.isdigit()):
            continue
        try:
            start, end = (date.fromisoformat(v) if v else None for v in (doc.get("start"), doc.get("end")))
        except (TypeError, ValueError):
            continue  # a broken date is for `check` to report, not for a migration to fix
        chairs.append(
            Membership(id=int(key), committee_id=doc.get("committee_id", 0), role=Role.VORSITZ, start=start, end=end)
        )
    for later, _ in later_concurrent_chairs(chairs):
        doc = docs[str(later.id)]
        doc["role"] = Role.CO_VORSITZ.value
        if isinstance(doc.get("rev"), int):
            doc["rev"] += 1


STEPS: dict[int, Callable[[dict[str, Any]], None]] = {0: _v0_to_v1, 1: _v1_to_v2}
"""STEPS[n] turns a version-n file into version n+1, in place."""


def upgrade(data: dict[str, Any]) -> bool:
    """Bring ``data`` to ``SCHEMA_VERSION``; return whether anything changed."""
    changed = False
    while (found := version_of(data)) < SCHEMA_VERSION:
        STEPS[found](data)
        data[META]["1"]["schema"] = found + 1
        changed = True
    return changed
