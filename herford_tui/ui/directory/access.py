"""Typed access to the app's data for the directory views (until the shell's accessor lands)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herford_tui.domain import Snapshot

if TYPE_CHECKING:
    from herford_tui.app import HerfordApp


def snapshot_of(app: HerfordApp) -> Snapshot:
    """The current snapshot; the app sets it before any screen is shown."""
    snapshot = app.snapshot
    assert snapshot is not None, "the app has no data yet"
    return snapshot
