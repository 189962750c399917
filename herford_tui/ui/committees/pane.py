"""A shared tab (the Arbeitskreise, "Weitere Gremien"): one committee's view, and a way to pick another.

Up to ``MANY`` committees the picker is a tab strip; with more, a line naming the shown one
and a list to choose from (``k``, ``chooser.py``): a strip of hundreds of tabs took seconds
to build and could not be used. Only the picked committee's view is built; the others are
built when first picked. Committees added, renamed or archived change the picker in place
(``set_committees``); work on a new snapshot is one label per shown tab, or one line.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Click
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static, Tab, Tabs

from herford_tui.domain import Snapshot
from herford_tui.ui.committees.choices import bar_text
from herford_tui.ui.committees.view import CommitteeView
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.format import plain
from herford_tui.ui.navigation import MANY, tab_label


def view_id(committee_id: int) -> str:
    return f"committee-{committee_id}"


class ChoiceBar(Static):
    """The line above a long group's view; a click opens the list as ``k`` does."""

    def on_click(self, event: Click) -> None:
        event.stop()
        if isinstance(self.parent, GroupPane):
            self.parent.action_choose()


class GroupPane(HerfordAccess, Vertical):
    BINDINGS = [Binding("k", "choose", "Auswahl", show=False, id="committee.choose")]

    def __init__(
        self,
        committee_ids: tuple[int, ...],
        *,
        noun: str = "Gremium",
        shown: int | None = None,
        focus: bool = False,
    ):
        super().__init__()
        self.committee_ids = committee_ids
        self.noun = noun
        self._initial = shown if shown in committee_ids else committee_ids[0]
        self._focus = focus

    @property
    def long(self) -> bool:
        """Too many for a tab strip: a line and a list instead."""
        return len(self.committee_ids) > MANY

    def compose(self) -> ComposeResult:
        yield self._picker(self._initial)
        with ContentSwitcher(initial=view_id(self._initial)):
            yield CommitteeView(self._initial, id=view_id(self._initial), focus=self._focus)

    def _picker(self, shown: int) -> Widget:
        snapshot = self.herford.snapshot
        if self.long:
            text = bar_text(snapshot, self.committee_ids, shown, self.noun)
            return ChoiceBar(plain(text), id="committee-choice")
        tabs = (self._picker_tab(snapshot, cid) for cid in self.committee_ids)
        return Tabs(*tabs, active=f"pick-{shown}", id="committee-picker")

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
        self._show_picked(committee_id)
        if focus:
            view.query_one("#roster").focus()
        return view

    def _show_picked(self, committee_id: int) -> None:
        for picker in self.query_children("#committee-picker").results(Tabs):
            if picker.active != f"pick-{committee_id}":
                picker.active = f"pick-{committee_id}"
        for bar in self.query_children("#committee-choice").results(ChoiceBar):
            bar.update(plain(bar_text(self.herford.snapshot, self.committee_ids, committee_id, self.noun)))

    async def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab is not None and event.tab.id:
            await self.select(int(event.tab.id.removeprefix("pick-")), focus=False)

    def action_choose(self) -> None:
        """``k``: the list of all committees of this tab, to type in and pick from."""
        from herford_tui.ui.committees.chooser import CommitteeChooser

        async def chosen(committee_id: int | None) -> None:
            if committee_id is not None and committee_id in self.committee_ids:
                await self.select(committee_id)

        chooser = CommitteeChooser(self.committee_ids, self.shown_committee, self.noun)
        self.app.push_screen(chooser, callback=chosen)

    async def set_committees(self, committee_ids: tuple[int, ...]) -> None:
        """The committees changed (added, archived, restored, reordered): change the picker in place."""
        if committee_ids == self.committee_ids or not committee_ids:
            return
        was_long = self.long
        switcher = self.query_one(ContentSwitcher)
        # A shown committee that goes away hands over first: the switcher must never show a removed view.
        staying = [cid for cid in committee_ids if cid in self.committee_ids]
        if self.shown_committee not in committee_ids and staying:
            await self.select(staying[0], focus=False)
        for cid in set(self.committee_ids) - set(committee_ids):
            await switcher.query_children(f"#{view_id(cid)}").remove()
        if not was_long and len(committee_ids) <= MANY:
            await self._change_strip(committee_ids, staying)
        self.committee_ids = committee_ids
        if was_long != self.long:  # crossed MANY: the other kind of picker
            shown = self.shown_committee if self.shown_committee in committee_ids else committee_ids[0]
            await self.query_children("#committee-picker, #committee-choice").remove()
            await self.mount(self._picker(shown), before=switcher)
        if self.shown_committee not in committee_ids:
            await self.select(committee_ids[0], focus=False)
        else:
            self._show_picked(self.shown_committee)

    async def _change_strip(self, committee_ids: tuple[int, ...], staying: list[int]) -> None:
        """Remove, add and move tabs of the strip (kept, so the strip does not flicker)."""
        picker = self.query_one("#committee-picker", Tabs)
        for cid in self.committee_ids:
            if cid not in committee_ids:
                await picker.remove_tab(f"pick-{cid}")
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

    def _relabel(self, snapshot: Snapshot) -> None:
        """A renamed committee: its tab in the strip, or the line, shows the new name."""
        for picker in self.query_children("#committee-picker").results(Tabs):
            for tab in picker.query(Tab):
                committee = snapshot.committees.get(int((tab.id or "pick-0").removeprefix("pick-")))
                if committee is not None and tab.label.plain != plain(tab_label(committee)).plain:
                    tab.label = plain(tab_label(committee))
        for bar in self.query_children("#committee-choice").results(ChoiceBar):
            bar.update(plain(bar_text(snapshot, self.committee_ids, self.shown_committee, self.noun)))
