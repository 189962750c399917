"""The organisation directory (network partners)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable

from herford_tui.domain import Snapshot
from herford_tui.domain.labels import ORG_TYPE
from herford_tui.ui.common.view import SnapshotView


class DirectoryPane(SnapshotView):
    def compose(self) -> ComposeResult:
        yield DataTable(id="org-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Name", "Art", "Kommune")
        super().on_mount()

    def refresh_data(self, snapshot: Snapshot) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for org in sorted(snapshot.organisations.values(), key=lambda o: o.name.casefold()):
            table.add_row(org.name, ORG_TYPE[org.type], org.municipality, key=str(org.id))
