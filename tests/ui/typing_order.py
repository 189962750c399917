"""Sending keys as a terminal does: in one burst, or one by one with the app idle between.

A burst puts every key into the App's queue at once (as the terminal's reader does when the
keys arrive 10 ms apart and the app is busy), so no key waits for the one before it. The
same keys with ``pilot.pause()`` between them are how a slow typist's keys arrive. A form
must end up with the same values either way.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, TextArea

from herford_tui.ui.common.key_order import key_event, settled
from herford_tui.ui.common.picker import RecordPicker
from herford_tui.ui.common.select import Select


def button_events(x: int, y: int) -> list[events.MouseEvent]:
    """Press and release of the left button at screen cell (x, y), as the terminal's reader
    makes them (the App makes the click from the release)."""
    made: list[events.MouseEvent] = []
    for kind in (events.MouseDown, events.MouseUp):
        made.append(kind(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y))
    return made


def keys(*parts: str) -> list[str]:
    """Key names from parts: a part in angle brackets is one named key, others are typed text."""
    out: list[str] = []
    for part in parts:
        out += [part[1:-1]] if part.startswith("<") and part.endswith(">") else list(part)
    return out


async def burst(pilot: Pilot, sequence: Iterable[str]) -> None:
    """All keys at once into the App's queue; return when every one of them is handled."""
    app = pilot.app
    for key in sequence:
        event = key_event(key)
        event.set_sender(app)
        app.post_message(event)
    await pilot.pause()
    await app.keys_handled()  # type: ignore[attr-defined]
    await pilot.pause()


async def slowly(pilot: Pilot, sequence: Iterable[str]) -> None:
    """One key at a time, the app idle in between: each key goes in only once the one before it
    is handled with everything it caused, and the screen shows the result.

    What a key causes in the forms is messages (a focus change, a picked suggestion, a form
    composed and focused: ``keys_handled`` waits for every queue to drain), a repaint and the
    callbacks waiting for it (``call_after_refresh``: made here, then the messages those
    caused), and a save (the key line itself waits for it). No form starts a worker or a
    timer while typing, so nothing else is under way when the next key goes in. (Pilot's
    ``press`` waits for an idle window of the process instead: it found the same moment with
    twice the CPU and wall time, and a timer longer than its window did not fire either.)"""
    app = pilot.app
    for key in sequence:
        event = key_event(key)
        event.set_sender(app)
        app.post_message(event)
        await app.keys_handled()  # type: ignore[attr-defined]
        app.screen._on_timer_update()  # the repaint, and the callbacks waiting for it
        await settled(app)
    await settled(app)


def field_values(pilot: Pilot) -> dict[str, object]:
    """What the form on top shows in each of its fields, by id."""
    values: dict[str, object] = {}
    for widget in pilot.app.screen.query("Input, TextArea, Select, Checkbox, RecordPicker"):
        if isinstance(widget, Input) and isinstance(widget.parent, RecordPicker):
            continue
        if isinstance(widget, TextArea):
            values[widget.id or "?"] = widget.text
        elif isinstance(widget, RecordPicker):
            values[widget.id or "?"] = (widget.value, widget.query_one(Input).value)
        elif isinstance(widget, (Input, Select, Checkbox)):
            values[widget.id or "?"] = widget.value
    return values
