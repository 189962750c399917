"""Text fields that keep every keystroke in the order it was typed.

Textual inserts a printable character in ``Input._on_key`` at once, but a bound key such as
Backspace, Ctrl+U or the arrows first bubbles up through every parent to the App, and only
then runs its action. Typed fast (over SSH, 30 ms between keys), the next letters arrive
before the Backspace has made that trip: "muller", six Backspaces and "Fischer" became
"mFicher". (Textual issue #6605.) These fields run their *own* bindings right where the key
arrives, in order with the letters; keys bound elsewhere (F1, Esc in a dialog) still travel
up as before, since the field's own bindings are the first the App would try anyway.
"""

from __future__ import annotations

from typing import cast

from textual import events
from textual.command import CommandInput
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class InOrderKeys:
    """Mixin for an Input (listed first): its own editing keys run in typing order, and a key
    costs no layout of the whole screen.

    Not a widget itself, so the CSS type of the field stays that of the Input it extends.
    """

    # Input sets its virtual size (the text's width, for its own scrolling) on every change of
    # its value, and Widget's virtual size asks for a layout of the whole screen: one per typed
    # character (over half the layouts while a form is typed). An Input is a ScrollView, which
    # keeps its virtual size out of the layout, and its fields have fixed sizes (an Input of
    # auto size still asks for its layout itself): a repaint is all a change needs.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    async def _on_key(self, event: events.Key) -> None:
        field = cast(Input, self)
        if not event.is_printable:
            for binding in field._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await field.app.run_action(binding.action, field):
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)  # type: ignore[misc]


class InOrderInput(InOrderKeys, Input):
    """Drop-in for ``Input`` in filters and pickers."""


class InOrderCommandInput(InOrderKeys, CommandInput):
    """The search field of the command palette, with the same guarantee."""
