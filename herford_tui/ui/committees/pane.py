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

    def __init__(self, committee_ids: tuple[int, ...], *, shown: int | None = None):
        super().__init__()
        self.committee_ids = committee_ids
        self._initial = shown if shown in committee_ids else committee_ids[0]
        self._focus_roster = False

    def compose(self) -> ComposeResult:
        snapshot = self.app.snapshot
        yield Tabs(
            *(
                Tab(snapshot.committees[cid].short_name or snapshot.committees[cid].name, id=f"pick-{cid}")
                for cid in self.committee_ids
            ),
            active=f"pick-{self._initial}",
            id="committee-picker",
        )
        with ContentSwitcher(initial=f"committee-{self._initial}"):
            for cid in self.committee_ids:
                yield CommitteeView(cid, id=f"committee-{cid}")

    @property
    def shown_committee(self) -> int:
        switchers = list(self.query(ContentSwitcher))
        current = (switchers[0].current if switchers else None) or ""
        return int(current.removeprefix("committee-") or self.committee_ids[0])

    def select(self, committee_id: int) -> None:
        """Show ``committee_id`` (digit keys, --open) with its roster focused."""
        self._focus_roster = True
        self.query_one(Tabs).active = f"pick-{committee_id}"

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        switchers = list(self.query(ContentSwitcher).results(ContentSwitcher))
        if event.tab is None or not event.tab.id or not switchers:  # no switcher: tabs being rebuilt
            return
        switcher = switchers[0]
        old = switcher.visible_content
        # Keep the keys working: if the focus was in the roster being hidden (or the
        # switch came from a digit key), the roster now shown takes it over.
        focused = self.app.focused
        take_focus = self._focus_roster or (old is not None and focused is not None and old in focused.ancestors)
        self._focus_roster = False
        cid = event.tab.id.removeprefix("pick-")
        switcher.current = f"committee-{cid}"
        if take_focus and switcher.visible_content is not None:
            for roster in switcher.visible_content.query("#roster"):
                roster.focus()

    def refresh_data(self, snapshot: Snapshot) -> None:
        for cid in self.committee_ids:
            committee = snapshot.committees.get(cid)
            # query, not query_one: during a rebuild of the tabs the picker may be gone already
            for tab in self.query(f"#pick-{cid}").results(Tab):
                if committee is not None:
                    tab.label = committee.short_name or committee.name
