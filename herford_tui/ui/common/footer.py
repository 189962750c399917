"""A footer that builds its keys again only when they change.

Textual's ``Footer`` composes all its keys anew on every binding update of its screen: a form
closing (the screen below comes back), the focus moving to a widget with the same keys. Each
time that mounts a dozen widgets and lays the screen out again, which at x10 took a sixth of
the time from Ctrl+S in a form to the roster showing the change. The keys shown come from the
screen's active bindings alone (see ``Footer.compose``), so the same bindings give the same footer.

When the app only reads, the keys that change data (``edits.EDIT_KEYS``) are left out: they
would only say that editing is off. They stay bound, so pressing one still says why.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from herford_tui.ui.common.edits import EDIT_KEYS


class SteadyFooter(Footer):
    _composed: object = None
    """What the keys shown were built from (see ``_shown``)."""

    def __init__(self, *args: Any, keys_at_once: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys_at_once = keys_at_once
        """Compose the keys of the screen's bindings at mount, not only once the bindings are
        announced (Textual composes an empty footer first, then again with the keys: a second
        compose and layout of each form as it opens). A form's focused field adds no shown keys,
        so the announcement finds the keys unchanged (``_recompose_if_changed``)."""

    def compose(self) -> ComposeResult:
        if self.keys_at_once and not self._bindings_ready:
            self.set_reactive(Footer._bindings_ready, True)
        self._composed = self._shown()
        keys = list(super().compose())
        for key in keys:
            # A key follows the footer's ``compact`` (``data_bind``), and Textual gives it the class
            # only once it is mounted: each key was styled twice (8 keys: 8 ms of each start).
            if isinstance(key, FooterKey):
                key.set_class(self.compact, "-compact", update=False)
        if self._bindings_ready and getattr(self.app, "read_only", False):
            # Textual's keys without the edit keys; the keys here are not grouped (no Binding.Group).
            actives = self.screen.active_bindings.values()
            edits = {item.binding.action for item in actives if item.binding.id in EDIT_KEYS}
            keys = [key for key in keys if not (isinstance(key, FooterKey) and key.action in edits)]
            self.styles.grid_size_columns = len(keys)
        yield from keys

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
        return bindings, palette, found[1:] if found else None, getattr(self.app, "read_only", False)
