"""The Arbeitskreise share one tab: a tab strip picks one, its committee view shows below.

Only the picked committee's view is built; the others are built when first picked, so a
file with a hundred Arbeitskreise opens as fast as one with four. Committees added,
renamed or archived change the strip in place (``set_committees``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Tab, Tabs

from herford_tui.domain import Snapshot
from herford_tui.ui.committees.view import CommitteeView
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.format import plain
from herford_tui.ui.navigation import tab_label


def view_id(committee_id: int) -> str:
    return f"committee-{committee_id}"


class ArbeitskreisePane(HerfordAccess, Vertical):
    def __init__(self, committee_ids: tuple[int, ...], *, shown: int | None = None, focus: bool = False):
        super().__init__()
        self.committee_ids = committee_ids
        self._initial = shown if shown in committee_ids else committee_ids[0]
        self._focus = focus

    def compose(self) -> ComposeResult:
        snapshot = self.herford.snapshot
        yield Tabs(
            *(self._picker_tab(snapshot, cid) for cid in self.committee_ids),
            active=f"pick-{self._initial}",
            id="committee-picker",
        )
        with ContentSwitcher(initial=view_id(self._initial)):
            yield CommitteeView(self._initial, id=view_id(self._initial), focus=self._focus)

    def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._relabel, init=False)

    @staticmethod
    def _picker_tab(snapshot: Snapshot, committee_id: int) -> Tab:
        return Tab(plain(tab_label(snapshot.committees[committee_id])), id=f"pick-{committee_id}")

    @property
    def shown_committee(self) -> int:
        current = self.query_one(ContentSwitcher).current or ""
        return int(current.removeprefix("committee-") or self.committee_ids[0])

    async def select(self, committee_id: int, *, focus: bool = True) -> CommitteeView:
        """Show ``committee_id`` (digit keys, --open, search), building its view on first use."""
        switcher = self.query_one(ContentSwitcher)
        found = list(switcher.query_children(f"#{view_id(committee_id)}").results(CommitteeView))
        view = found[0] if found else CommitteeView(committee_id, id=view_id(committee_id))
        if not found:
            await switcher.mount(view)
        old = switcher.visible_content
        focused = self.app.focused
        # Keep the keys working: if the focus was in the roster being hidden (or the switch
        # came from a digit key), the roster now shown takes it over.
        focus = focus or (old is not None and focused is not None and old in focused.ancestors)
        switcher.current = view.id
        picker = self.query_one(Tabs)
        if picker.active != f"pick-{committee_id}":
            picker.active = f"pick-{committee_id}"
        if focus:
            view.query_one("#roster").focus()
        return view

    async def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab is not None and event.tab.id:
            await self.select(int(event.tab.id.removeprefix("pick-")), focus=False)

    async def set_committees(self, committee_ids: tuple[int, ...]) -> None:
        """The Arbeitskreise changed (added, archived, restored, reordered): change the strip in place."""
        if committee_ids == self.committee_ids or not committee_ids:
            return
        picker = self.query_one(Tabs)
        switcher = self.query_one(ContentSwitcher)
        # A shown committee that goes away hands over first: the switcher must never show a removed view.
        staying = [cid for cid in committee_ids if cid in self.committee_ids]
        if self.shown_committee not in committee_ids and staying:
            await self.select(staying[0], focus=False)
        for cid in self.committee_ids:
            if cid not in committee_ids:
                await picker.remove_tab(f"pick-{cid}")
                await switcher.query_children(f"#{view_id(cid)}").remove()
        snapshot = self.herford.snapshot
        for i, cid in enumerate(committee_ids):
            if i < len(staying) and staying[i] == cid:
                continue
            if cid in staying:  # moved: its tab goes to the new place
                await picker.remove_tab(f"pick-{cid}")
                staying.remove(cid)
            before = f"pick-{staying[i]}" if i < len(staying) else None
            await picker.add_tab(self._picker_tab(snapshot, cid), before=before)
            staying.insert(i, cid)
        self.committee_ids = committee_ids
        if self.shown_committee not in committee_ids:
            await self.select(committee_ids[0], focus=False)
        elif picker.active != f"pick-{self.shown_committee}":
            picker.active = f"pick-{self.shown_committee}"

    def _relabel(self, snapshot: Snapshot) -> None:
        """A renamed Arbeitskreis: its tab in the strip shows the new name."""
        for tab in self.query_one(Tabs).query(Tab):
            committee = snapshot.committees.get(int((tab.id or "pick-0").removeprefix("pick-")))
            if committee is not None and tab.label.plain != plain(tab_label(committee)).plain:
                tab.label = plain(tab_label(committee))
