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
        # Textual runs the handler of every class in the MRO; this stops the base's.
        event.prevent_default()
        event.stop()
        self.call_after_refresh(self._focus_shown_pane)

    def _focus_shown_pane(self) -> None:
        """Give the focus back to the shown pane's list (the focus went into a hidden pane)."""
        pane, focused = self.active_pane, self.screen.focused
        if pane is None or (focused is not None and pane in focused.ancestors_with_self):
            return
        for table in pane.query("DataTable, LineTable"):
            if isinstance(table, Widget) and table.focusable:
                self.screen.set_focus(table)
                return
