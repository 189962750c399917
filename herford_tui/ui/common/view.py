"""Base for views that show the current snapshot and refresh when it changes."""

from __future__ import annotations

from textual.containers import Vertical

from herford_tui.domain import Snapshot


class SnapshotView(Vertical):
    """Calls ``refresh_data`` once mounted and again whenever ``app.snapshot`` changes."""

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._snapshot_changed, init=True)

    def _snapshot_changed(self, snapshot: Snapshot | None) -> None:
        if snapshot is not None:
            self.refresh_data(snapshot)

    def refresh_data(self, snapshot: Snapshot) -> None:
        """Show ``snapshot``; subclasses keep the cursor where it was."""
