"""Base for views that show the current snapshot and refresh when it changes."""

from __future__ import annotations

from textual.containers import Vertical

from herford_tui.domain import Snapshot


class SnapshotView(Vertical):
    """Calls ``refresh_data`` when shown and whenever ``app.snapshot`` changes while shown.

    Views in hidden tabs only note that they are stale and catch up when they are shown:
    with many committees, refreshing every hidden roster would make start-up and each
    save slow.
    """

    _stale = True

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._snapshot_changed, init=False)

    def on_show(self) -> None:
        if self._stale:
            self._catch_up()

    def _snapshot_changed(self, snapshot: Snapshot | None) -> None:
        self._stale = True
        if self.region.area:  # laid out and visible; otherwise on_show catches up
            self._catch_up()

    def _catch_up(self) -> None:
        snapshot = self.app.snapshot
        if snapshot is not None:
            self._stale = False
            self.refresh_data(snapshot)

    def ask(self, screen, callback) -> None:
        """Push ``screen`` on behalf of the app, not of this view.

        A colleague's change can rebuild the tabs (and this view) while the form is
        open; an answer addressed to the removed view would be dropped silently.
        """
        self.app.call_next(self.app.push_screen, screen, callback)

    def refresh_data(self, snapshot: Snapshot) -> None:
        """Show ``snapshot``; subclasses keep the cursor where it was."""
