"""Helpers of the meeting tests."""

from __future__ import annotations

from textual.app import App

from herford_tui.ui.common.line_table import LineTable
from herford_tui.ui.meetings.screen import MeetingScreen


def grid_focused(app: App) -> bool:
    """The year grid exists (the tab builds it on first show) and has the focus."""
    grids = app.query("#year-grid").results(LineTable)
    return any(grid.has_focus for grid in grids)


def meeting_ready(app: App) -> bool:
    """The meeting screen is on top, built, and its agenda has the focus (the last step of its
    mount): its keys reach it now. Right after ``open_meeting`` or Enter it is on the stack but
    may not be composed yet; a key pressed then went to a screen without its tables."""
    screen = app.screen
    return isinstance(screen, MeetingScreen) and any(table.has_focus for table in screen.query("#agenda-table"))
