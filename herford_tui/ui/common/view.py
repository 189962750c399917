"""Base for views: widgets that show the current snapshot and refresh when it changes."""

from __future__ import annotations

from typing import Any

from textual.containers import Vertical
from textual.screen import Screen, ScreenResultCallbackType

from herford_tui.domain import Snapshot
from herford_tui.ui.common.access import HerfordAccess


class SnapshotView(HerfordAccess, Vertical):
    """Calls ``refresh_data`` when shown and whenever ``app.snapshot`` changes while shown.

    Views in hidden tabs only note that they are stale and catch up when they are shown:
    with many committees, refreshing every hidden roster would make each save slow.
    """

    _stale = True

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._snapshot_changed, init=False)

    def on_show(self) -> None:
        self.came_into_view()

    def on_resize(self) -> None:
        # Textual sends no Show to a widget first laid out by a scroll's partial layout (the full
        # map, rebuilt lazily in between, already holds it when the next full layout compares):
        # a directory opened under load stayed empty. Its first Resize comes either way.
        if self._stale and self.region.area:
            self._catch_up()

    def came_into_view(self) -> None:
        """Catch up if stale and on screen, and fit the width after the layout (on Show;
        ``MainScreen`` calls it too for the views of a tab it opens, Show or not)."""
        if self._stale and self.region.area:
            self._catch_up()
        # A terminal resized while this view was hidden sent it no Resize: fit the width now
        # (after the layout, when the view's and its tables' sizes are the shown ones).
        self.call_after_refresh(self.fit_width)

    def fit_width(self) -> None:
        """Lay out what is planned for the width again if the width changed (tables whose
        columns are planned by width override this; their ``on_resize`` calls it too)."""

    def _snapshot_changed(self, snapshot: Snapshot) -> None:
        self._stale = True
        if self.region.area:  # laid out and visible; otherwise on_show catches up
            self._catch_up()

    def _catch_up(self) -> None:
        self._stale = False
        self.refresh_data(self.herford.snapshot)

    def ask(self, screen: Screen[Any], callback: ScreenResultCallbackType[Any] | None = None) -> None:
        """Open a form or dialog whose answer the app delivers, not this view.

        A committee archived by a colleague takes its view away while a form of it may be
        open; the answer (a save) must still arrive.
        """
        self.app.call_next(self.app.push_screen, screen, callback)

    def refresh_data(self, snapshot: Snapshot) -> None:
        """Show ``snapshot``; subclasses keep the cursor where it was."""
