"""Tabs that change only when asked: a focus in a pane that is not shown leaves them alone.

Textual shows a pane when a widget inside it gets the focus (``TabPane.Focused``). When the
shown tab is left, its focused list is hidden and blurred, and Textual hands the focus to a
sibling of that list, which is still in the pane just left: the tabs switched back. That
happened when the new pane took longer to build than the hide to arrive (``o`` pressed while
the start was still busy, under load), and a deferred ``focus()`` of the old pane did the same.

The labels fit the width: at 80 columns the row of the main screen was cut after
"Organis", and nothing said that more tabs followed. Now the longest labels are shortened
with "…" until every tab is visible (``fit_labels``); ``set_label`` keeps the whole label.
Should even the shortest labels not fit (many committees), the row scrolls to the active tab
as Textual's does, and "‹" / "›" at its ends say that tabs are hidden on that side.
"""

from __future__ import annotations

from textual import events
from textual.containers import Container
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static, TabbedContent, TabPane
from textual.widgets._tabbed_content import ContentTab, ContentTabs

from herford_tui.domain.text import printable
from herford_tui.ui.common.fit import fit_labels
from herford_tui.ui.common.glyphs import glyphs


class SteadyTabbedContent(TabbedContent):
    _labels: dict[str, str] | None = None
    """Each tab's whole label by its pane id (the tab may show it shortened); at first the
    labels the tabs were given."""

    def set_labels(self, labels: dict[str, str]) -> None:
        """The whole labels of all tabs, e.g. after tabs were added, removed or renamed."""
        self._labels = {pane_id: printable(label) for pane_id, label in labels.items()}
        self.fit_labels()

    def preset_labels(self, labels: dict[str, str], width: int) -> dict[str, str]:
        """The labels to compose the tabs with: fitted to ``width`` (the terminal's, which the row
        gets) before the first layout, as ``fit_labels`` would fit them at the first Resize.
        That Resize then changes nothing: at 80 columns the row was laid out and painted twice at
        every start (a tenth of a start's CPU). ``labels`` are kept whole, as ``set_labels`` does."""
        self._labels = {pane_id: printable(label) for pane_id, label in labels.items()}
        if width <= 0:
            return dict(self._labels)
        fitted = fit_labels(list(self._labels.values()), width, glyphs().ellipsis)
        return dict(zip(self._labels, fitted, strict=True))

    def _on_mount(self, event: events.Mount) -> None:
        row = self.query_one(ContentTabs)
        marks = glyphs().hidden_before, glyphs().hidden_after
        row.mount(Static(marks[0], id="tabs-hidden-before"), Static(marks[1], id="tabs-hidden-after"))
        self.watch(row.query_one("#tabs-scroll"), "scroll_x", self._mark_hidden, init=False)

    def _on_resize(self, event: events.Resize) -> None:
        self.fit_labels()

    def _mark_hidden(self) -> None:
        """Show "‹" / "›" where tabs are scrolled out of the row."""
        row = self.query_one(ContentTabs)
        scroll = row.query_one("#tabs-scroll", Container)
        for mark in row.query("#tabs-hidden-before, #tabs-hidden-after"):
            hidden = scroll.scroll_x > 0 if mark.id == "tabs-hidden-before" else scroll.scroll_x < scroll.max_scroll_x
            if mark.display != hidden:  # setting it at all asks for a layout of the screen
                mark.display = hidden

    def fit_labels(self) -> None:
        tabs = list(self.query(ContentTab))
        if not tabs or not self.size.width:
            return
        ids = [ContentTab.sans_prefix(tab.id or "") for tab in tabs]
        if self._labels is None:  # before any shortening: the labels as given (printable already)
            self._labels = {pane_id: tab.label.plain for pane_id, tab in zip(ids, tabs, strict=True)}
        whole = [self._labels.get(pane_id, tab.label.plain) for pane_id, tab in zip(ids, tabs, strict=True)]
        wanted = fit_labels(whole, self.size.width, glyphs().ellipsis)
        for tab, label in zip(tabs, wanted, strict=True):
            if tab.label.plain != label:
                tab.label = Content(label)  # printable already, and never markup
        self.call_after_refresh(self._mark_hidden)  # once the row is laid out anew

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        if event.tab_pane.id == self.active:
            return  # the base class's handler runs next and changes nothing
        # Textual runs the handler of every class in the MRO: this stops the base's.
        event.prevent_default()
        event.stop()
        self._focus_shown_pane()

    def _focus_shown_pane(self) -> None:
        """Give the focus to the shown pane's list if it is still in a pane not shown.

        At once, not after a refresh: a key typed next (Esc to the row of tabs) is handled
        after this message, and must not be undone by a focus arriving later. A pane still
        being built has no list yet; the screen focuses it when it is built."""
        focused = self.screen.focused
        pane = self.active_pane
        if pane is None or focused is None:
            return
        hidden = next((p for p in focused.ancestors if isinstance(p, TabPane) and p.parent is not None), None)
        if hidden is None or hidden is pane or hidden not in self.query(TabPane):
            return  # the focus is in the shown pane or outside the panes (the row of tabs)
        for table in pane.query("DataTable, LineTable"):
            if isinstance(table, Widget) and table.focusable:
                self.screen.set_focus(table)
                return
