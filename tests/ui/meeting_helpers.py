"""Helpers of the meeting tests."""

from __future__ import annotations

from textual.app import App
from textual.widgets import DataTable


def grid_focused(app: App) -> bool:
    """The year grid exists (the tab builds it on first show) and has the focus."""
    grids = app.query("#year-grid").results(DataTable)
    return any(grid.has_focus for grid in grids)
