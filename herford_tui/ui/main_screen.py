"""The main screen: header, a tab per committee (the Arbeitskreise share one), the
organisations and the year overview, and the footer.

Built once and changed in place: when committees are added, renamed, archived or restored,
tabs are added, relabelled or removed (``sync_tabs``); nothing else is torn down, so a
view never vanishes under an open form. A tab's pane is built when the tab is first shown
(``LazyTabPane``), the organisations and the year overview too: the start builds one view.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Header, TabbedContent, TabPane, Tabs

from herford_tui.domain import Snapshot
from herford_tui.domain.directory import count_text
from herford_tui.ui.committees.pane import GroupPane, view_id
from herford_tui.ui.committees.view import CommitteeView
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.first_resume import StyledAtMount
from herford_tui.ui.common.footer import SteadyFooter
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.tabs import SteadyTabbedContent
from herford_tui.ui.common.view import SnapshotView
from herford_tui.ui.navigation import EVALUATION, ORGANISATIONS, Place, Tab, resolve_place, tab_layout

Make = Callable[[int | None], Widget]


class LazyTabPane(TabPane):
    """A committee tab: its content is built by ``make`` the first time the tab is shown."""

    def __init__(self, title: Content, make: Make, *, id: str, now: bool = False):
        """With ``now`` (the tab shown at start) the content is built at once, with the screen."""
        super().__init__(title, *([make(None)] if now else []), id=id)
        self._make: Make | None = None if now else make

    async def build(self, shown: int | None = None) -> None:
        """Build the content if not done yet; ``shown``: the committee to show first."""
        if self._make is not None:
            make, self._make = self._make, None
            await self.mount(make(shown))


class MainScreen(StyledAtMount, HerfordAccess, Screen[None]):
    # Jumps between tabs: bindings of this screen, so they are off while a form or dialog is open.
    BINDINGS = [
        Binding("o", "show_place('organisationen')", "Organisationen", show=False, id="main.organisations"),
        Binding("j", "show_place('jahr')", "Jahr", show=False, id="main.year"),
        Binding("A", "show_place('auswertung')", "Auswertung", show=False, id="main.evaluation"),
        Binding("G", "archive", "Archivierte Gremien", show=False, id="main.archive"),
        Binding("L", "changes", "Änderungen", show=False, id="main.changes"),
        Binding("E", "export", "Exportieren", show=False, id="main.export"),
        Binding("I", "import_file", "Importieren", show=False, id="main.import"),
        Binding("escape", "leave", "Zurück", show=False, id="main.leave"),
        *(
            Binding(str(n), f"show_committee({n})", "Gremium", show=False, id=f"main.committee_{n}")
            for n in range(1, 10)
        ),
    ]

    def __init__(self, start: Place | None = None):
        super().__init__()
        self._start = start
        self._layout: list[Tab] = []
        self._tabs_lock = asyncio.Lock()
        self._decoding = False

    def compose(self) -> ComposeResult:
        yield Header()
        self._layout = tab_layout(self.herford.snapshot)
        start = self._start.pane_id if self._start else ""
        start = start if any(tab.pane_id == start for tab in self._layout) else self._layout[0].pane_id
        tabs = SteadyTabbedContent(id="tabs", initial=start)
        labels = tabs.preset_labels({tab.pane_id: tab.label for tab in self._layout}, self.app.size.width)
        with tabs:
            for tab in self._layout:
                yield self._tab_pane(tab, now=tab.pane_id == start, label=labels[tab.pane_id])
        yield SteadyFooter(compact=True, show_command_palette=False)

    def _tab_pane(self, tab: Tab, *, now: bool = False, label: str | None = None) -> TabPane:
        """``label``: the tab's label as shown (fitted, printable already); else the whole label."""
        title = Content(label) if label is not None else plain(tab.label)
        if tab.committee_ids is not None:

            def make(shown: int | None) -> Widget:
                return self._committee_content(tab.pane_id, focus=now, shown=shown)

            return LazyTabPane(title, make, id=tab.pane_id, now=now)
        # Built on first show like a committee's tab (and their modules imported only then).
        return LazyTabPane(title, lambda shown: _fixed_pane(tab.pane_id), id=tab.pane_id, now=now)

    def _committee_content(self, pane_id: str, *, focus: bool, shown: int | None) -> Widget:
        """A committee tab's view, built from the layout as it is when the tab is first shown."""
        tab = next(t for t in self._layout if t.pane_id == pane_id)
        assert tab.committee_ids
        if tab.grouped:
            if shown is None and self._start is not None:
                shown = self._start.committee_id
            return GroupPane(tab.committee_ids, noun=tab.noun, shown=shown, focus=focus)
        return CommitteeView(tab.committee_ids[0], id=view_id(tab.committee_ids[0]), focus=focus)

    async def on_mount(self) -> None:
        self.watch(self.app, "snapshot", self._snapshot_changed, init=False)
        tabs = self.query_one(TabbedContent)
        if tabs.active_pane is not None:
            await self._open(tabs.active_pane)

    async def _open(self, pane: TabPane, shown: int | None = None) -> None:
        """Build ``pane`` if it is shown for the first time and give its main table the focus,
        so its keys work (and show in the footer) at once."""
        if isinstance(pane, LazyTabPane):
            await pane.build(shown)
            # What the new view built on the snapshot (the grid's rows, the list's cells) lives
            # as long as the snapshot: out of the collector's passes too (large data only).
            self.call_after_refresh(self._freeze_built)
        if self.query_one(TabbedContent).active != pane.id:
            return  # another tab was chosen while this one was built (a key during the start)
        # A terminal resized while the tab was hidden sent its views no Resize (nor, after a
        # resize, a Show): they catch up and fit their tables to the width once laid out.
        for view in pane.query(SnapshotView):
            self.call_after_refresh(view.came_into_view)
        for table in pane.query("DataTable, LineTable"):  # LineTable: the large lists (line API)
            if isinstance(table, Widget) and _shown_within(table, pane):
                self.set_focus(table)  # now, not deferred: a focus arriving late would switch back
                return

    def _freeze_built(self) -> None:
        from herford_tui.ui.collector import decode_pending, freeze_built

        snapshot = self.herford.snapshot
        # Frozen now, also while meetings are pending: the background decoding may wait long for
        # a quiet moment, and meanwhile the collector's full passes would walk all the tabs built.
        freeze_built(snapshot)
        if snapshot.pending and not self._decoding:  # the first frame is out: the pending tables
            self._decoding = True
            work = partial(decode_pending, self.app, self.herford.complete_start, snapshot)
            self.run_worker(work, name="meetings", description="meetings", thread=True, exit_on_error=False)

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        await self._open(event.pane)

    # -- navigation --------------------------------------------------------------
    async def show(self, place: Place, membership_id: int | None = None) -> CommitteeView | None:
        """Show ``place`` (with the cursor on ``membership_id``); returns its committee view."""
        await self.sync_tabs()
        tabs = self.query_one(TabbedContent)
        tabs.active = place.pane_id
        pane = tabs.get_pane(place.pane_id)
        await self._open(pane, place.committee_id)
        if place.committee_id is None:
            return None
        view: CommitteeView | None = None
        for group in pane.query(GroupPane):
            view = await group.select(place.committee_id)
        for found in pane.query(f"#{view_id(place.committee_id)}").results(CommitteeView):
            view = found
        if view is not None and membership_id is not None:
            view.select_membership_id(membership_id)
        return view

    async def show_committee_id(self, committee_id: int, membership_id: int | None = None) -> None:
        """Show a committee by id, e.g. one just created (its tab is added first)."""
        await self.sync_tabs()
        try:
            place = resolve_place(self.herford.snapshot, str(committee_id))
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        await self.show(place, membership_id)

    async def action_show_place(self, name: str) -> None:
        await self.show(resolve_place(self.herford.snapshot, name))

    async def action_show_committee(self, number: int) -> None:
        committees = self.herford.snapshot.active_committees()
        if number > len(committees):
            self.notify(f"Es gibt nur {count_text(len(committees), 'Gremium', 'Gremien')}.", severity="warning")
            return
        await self.show_committee_id(committees[number - 1].id)

    def action_leave(self) -> None:
        """Esc steps out: from a filter or a select back to the tab's list, from a list to the
        row of tabs. Keys typed after it are handled after it (``key_order``), so a global key
        such as ``q`` or ``2`` is never typed into the field that was left."""
        tabs = self.query_one(TabbedContent)
        pane, focused = tabs.active_pane, self.focused
        if pane is None or focused is None or isinstance(focused, Tabs):
            return  # on the row of tabs already: nothing further out
        from herford_tui.ui.common.line_table import LineTable  # the large lists' tables: not at start

        if isinstance(focused, (DataTable, LineTable)):
            self.set_focus(tabs.query_one(Tabs))
            return
        for table in pane.query("DataTable, LineTable"):
            if _shown_within(table, pane):
                self.set_focus(table)
                return

    def action_archive(self) -> None:
        self.herford.open_archive()

    # -- data in and out (issue 10): the dialogs live in their own modules -------
    def action_changes(self) -> None:
        from herford_tui.ui.changes import ChangesScreen

        self.app.push_screen(ChangesScreen())

    def action_export(self) -> None:
        from herford_tui.ui.export_dialog import ExportScreen

        self.app.push_screen(ExportScreen())

    def action_import_file(self) -> None:
        from herford_tui.ui.common.delivery import in_browser
        from herford_tui.ui.import_dialog import ImportScreen

        if in_browser(self.app):
            # The dialog reads a path on the server, with the rights of the server's one account
            # that every browser session shares; and a browser cannot upload a file here.
            self.notify(
                "Importieren geht im Browser nicht: die Datei müsste auf dem Server liegen. "
                "Bitte per SSH (Taste I) oder mit herford-tui import auf dem Server.",
                title="Import",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return
        if self.herford.refuse_edit("Importieren"):  # it would check the file, then fail to write
            return
        self.app.push_screen(ImportScreen())

    # -- the tab set follows the committees ---------------------------------------
    def _snapshot_changed(self, snapshot: Snapshot) -> None:
        if tab_layout(snapshot) != self._layout:
            self.run_worker(self.sync_tabs(), group="tabs")

    async def sync_tabs(self) -> None:
        """Add, remove, move and relabel tabs until they match the active committees.

        Everything else stays: views keep their cursor, and a form open over one of them
        keeps its view. Serialised, and each run compares with the tabs as they are, so
        bursts of changes (a colleague's, then one's own) end in the right set.
        """
        async with self._tabs_lock:
            wanted = tab_layout(self.herford.snapshot)
            if wanted == self._layout:
                return
            tabs = self.query_one(SteadyTabbedContent)
            active = tabs.active
            old = {tab.pane_id: tab for tab in self._layout}
            new_ids = {tab.pane_id for tab in wanted}
            for pane_id in old.keys() - new_ids:
                await tabs.remove_pane(pane_id)
            order = [tab.pane_id for tab in self._layout if tab.pane_id in new_ids]
            self._layout = wanted  # panes built from here on see the new layout
            for i, tab in enumerate(wanted):
                if i < len(order) and order[i] == tab.pane_id:
                    await self._update_tab(tabs, old[tab.pane_id], tab)
                    continue
                if tab.pane_id in order:  # moved (the committees' order changed): re-added in place
                    await tabs.remove_pane(tab.pane_id)
                    order.remove(tab.pane_id)
                await tabs.add_pane(self._tab_pane(tab), before=order[i] if i < len(order) else None)
                order.insert(i, tab.pane_id)
            if active in new_ids and tabs.active != active:
                tabs.active = active
            tabs.set_labels({tab.pane_id: tab.label for tab in wanted})  # new and renamed, fitted

    async def _update_tab(self, tabs: TabbedContent, old: Tab, new: Tab) -> None:
        if new.grouped and old.committee_ids != new.committee_ids and new.committee_ids:
            for group in tabs.get_pane(new.pane_id).query(GroupPane):
                await group.set_committees(new.committee_ids)


def _fixed_pane(pane_id: str) -> Widget:
    """The organisations', the year overview's or the evaluation's pane."""
    if pane_id == ORGANISATIONS:
        from herford_tui.ui.directory.pane import DirectoryPane

        return DirectoryPane()
    if pane_id == EVALUATION:
        from herford_tui.ui.evaluation.pane import EvaluationPane

        return EvaluationPane()
    from herford_tui.ui.year.pane import YearPane

    return YearPane()


def _shown_within(widget: Widget, pane: Widget) -> bool:
    """``widget`` and its parents up to ``pane`` are displayed (not a hidden Arbeitskreis)."""
    node: Widget | None = widget
    while node is not None and node is not pane:
        if not node.display:
            return False
        node = node.parent if isinstance(node.parent, Widget) else None
    return True
