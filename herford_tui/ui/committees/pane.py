"""Committee tabs: one committee per tab, or several (the Arbeitskreise) behind a small tab strip."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Tab, Tabs

from herford_tui.domain import Snapshot
from herford_tui.ui.committees.view import CommitteeView
from herford_tui.ui.common.view import SnapshotView


class CommitteePane(Vertical):
    def __init__(self, committee_id: int):
        super().__init__()
        self.committee_id = committee_id

    def compose(self) -> ComposeResult:
        yield CommitteeView(self.committee_id, id=f"committee-{self.committee_id}")


class ArbeitskreisePane(SnapshotView):
    """The Arbeitskreise share a tab: a tab strip picks one, the view below shows it."""

    def __init__(self, committee_ids: tuple[int, ...]):
        super().__init__()
        self.committee_ids = committee_ids

    def compose(self) -> ComposeResult:
        snapshot = self.app.snapshot
        yield Tabs(
            *(Tab(snapshot.committees[cid].short_name or snapshot.committees[cid].name, id=f"pick-{cid}")
              for cid in self.committee_ids),
            id="committee-picker",
        )
        with ContentSwitcher(initial=f"committee-{self.committee_ids[0]}"):
            for cid in self.committee_ids:
                yield CommitteeView(cid, id=f"committee-{cid}")

    def select(self, committee_id: int) -> None:
        self.query_one(Tabs).active = f"pick-{committee_id}"

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab is not None and event.tab.id:
            cid = event.tab.id.removeprefix("pick-")
            self.query_one(ContentSwitcher).current = f"committee-{cid}"

    def refresh_data(self, snapshot: Snapshot) -> None:
        for cid in self.committee_ids:
            committee = snapshot.committees.get(cid)
            if committee is not None:
                self.query_one(f"#pick-{cid}", Tab).label = committee.short_name or committee.name
