"""Helpers of the meeting tests."""

from __future__ import annotations

from textual.app import App

from herford_tui.ui.common.line_table import LineTable


def grid_focused(app: App) -> bool:
    """The year grid exists (the tab builds it on first show) and has the focus."""
    grids = app.query("#year-grid").results(LineTable)
    return any(grid.has_focus for grid in grids)
