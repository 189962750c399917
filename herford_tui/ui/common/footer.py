"""A footer that builds its keys again only when they change.

Textual's ``Footer`` composes all its keys anew on every binding update of its screen: a form
closing (the screen below comes back), the focus moving to a widget with the same keys. Each
time that mounts a dozen widgets and lays the screen out again, which at x10 took a sixth of
the time from Ctrl+S in a form to the roster showing the change. The keys shown come from the
screen's active bindings alone (see ``Footer.compose``), so the same bindings give the same footer.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    _composed: object = None
    """What the keys shown were built from (see ``_shown``)."""

    def compose(self) -> ComposeResult:
        self._composed = self._shown()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._shown() != self._composed:
            await self.recompose()

    def _shown(self) -> object:
        """Everything ``Footer.compose`` reads: the shown bindings with their state, and the options."""
        if not self._bindings_ready:
            return None
        active = self.screen.active_bindings
        bindings = [
            (binding, enabled, tooltip, self.app.get_key_display(binding))
            for (_, binding, enabled, tooltip) in active.values()
            if binding.show
        ]
        palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        found = active.get(self.app.COMMAND_PALETTE_BINDING) if palette else None
        return bindings, palette, found[1:] if found else None
