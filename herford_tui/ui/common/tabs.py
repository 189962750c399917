"""Tabs that change only when asked: a focus in a pane that is not shown leaves them alone.

Textual shows a pane when a widget inside it gets the focus (``TabPane.Focused``). When the
shown tab is left, its focused list is hidden and blurred, and Textual hands the focus to a
sibling of that list, which is still in the pane just left: the tabs switched back. That
happened when the new pane took longer to build than the hide to arrive (``o`` pressed while
the start was still busy, under load), and a deferred ``focus()`` of the old pane did the same.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane


class SteadyTabbedContent(TabbedContent):
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
