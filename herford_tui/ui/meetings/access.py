"""Typed access to the app's current snapshot for the meeting views."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herford_tui.domain import Snapshot

if TYPE_CHECKING:
    from herford_tui.app import HerfordApp


def current_snapshot(app: HerfordApp) -> Snapshot:
    snapshot = app.snapshot
    assert snapshot is not None, "the app sets its snapshot before any view is built"
    return snapshot
