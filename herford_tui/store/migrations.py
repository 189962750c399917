"""The file's schema version and the steps that bring an older file up to date."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from herford_tui.store.codec import TABLES
from herford_tui.store.errors import SchemaTooNewError

SCHEMA_VERSION = 1
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


STEPS: dict[int, Callable[[dict[str, Any]], None]] = {0: _v0_to_v1}
"""STEPS[n] turns a version-n file into version n+1, in place."""


def upgrade(data: dict[str, Any]) -> bool:
    """Bring ``data`` to ``SCHEMA_VERSION``; return whether anything changed."""
    changed = False
    while (found := version_of(data)) < SCHEMA_VERSION:
        STEPS[found](data)
        data[META]["1"]["schema"] = found + 1
        changed = True
    return changed
