"""The yearly overview of meetings across all committees."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable

from herford_tui.domain import Snapshot
from herford_tui.domain.labels import MEETING_STATUS, format_date, format_time
from herford_tui.ui.common.view import SnapshotView


class YearPane(SnapshotView):
    def compose(self) -> ComposeResult:
        yield DataTable(id="year-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Datum", "Zeit", "Gremium", "Ort", "Status")
        super().on_mount()

    def refresh_data(self, snapshot: Snapshot) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for m in snapshot.meetings_in_year(self.app.today.year):
            committee = snapshot.committees.get(m.committee_id)
            table.add_row(
                format_date(m.date, weekday=True),
                format_time(m.start_time),
                committee.name if committee else "?",
                m.location,
                MEETING_STATUS[m.status],
                key=str(m.id),
            )
