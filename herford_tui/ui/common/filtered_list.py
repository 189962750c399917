"""A field above a list that narrows it: the arrow and page keys typed in the field move the
list's highlight, so one can type, then pick, without leaving the field."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, OptionList


def move_from_field(event: events.Key, field: Input, choices: OptionList) -> None:
    """Hand ``event`` to ``choices`` if it is a move key typed in ``field``."""
    if not field.has_focus:
        return
    moves = {
        "down": choices.action_cursor_down,
        "up": choices.action_cursor_up,
        "pagedown": choices.action_page_down,
        "pageup": choices.action_page_up,
    }
    if event.key in moves:
        moves[event.key]()
        event.stop()
        event.prevent_default()
