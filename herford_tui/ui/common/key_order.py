"""Keys are handled one after another, each where the one before it left the focus.

Textual hands a key to the widget that has the focus *when the key arrives* and runs the
key's binding only once the key has bubbled from that widget through every parent up to
the App, each hop a message in the next queue. A Tab therefore moves the focus only after
that trip, and letters typed right behind it (over SSH, 10 ms apart) have already been
handed to the old field: "Datum Tab Beginn Tab Ende" gave "Datum 15:0017:00". The same
holds for a key that opens a form: the form is composed and focused in its own task, later
than the next keys are routed. (Textual issue #6605 describes the bubbling part.)

So the App holds every key (and paste) that arrives and lets the next one go only when
the previous one has been handled completely: the key itself and every message it caused
(a focus change, a picked suggestion, a new screen composed and focused), and a save it
started (a form closes only once its save is on disk). That is the state in which a slowly
typed key would have arrived, so a burst gives what slow typing gives. Nothing waits for
time: the App waits for the queues to drain and for the save's worker.

Mouse buttons (press, release, click) wait in the same line: a click right behind a burst of
keys lands after those keys, on the field or button they left on screen, as it would after slow
typing. Mouse movement and the wheel are not held (they change no field and come in floods).

Some input overtakes a running save: Esc (it gives up waiting for a colleague's lock, as the
status line offers), the App's priority keys such as Strg+Q, and mouse buttons (a click on
"Abbrechen" must work while a colleague holds the lock, as it did before the line existed).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message_pump import MessagePump
from textual.worker import Worker

if TYPE_CHECKING:
    from textual.app import App

GIVE_UP = 10.0
"""Seconds after which a held key goes on anyway: a handler that never returns (a bug) must
not take the keyboard with it. A settled UI answers in a few milliseconds; a long view built
on a loaded server (load 10 on 2 cores) may take seconds, and the keys rightly wait for it."""


HELD = (events.Key, events.Paste, events.MouseDown, events.MouseUp, events.Click)
"""What waits its turn: keys, pastes and mouse buttons (a ``Click`` is normally made by the App
from a ``MouseUp``; one that arrives from outside waits all the same)."""

Held = events.Key | events.Paste | events.MouseDown | events.MouseUp | events.Click


class KeysInOrder:
    """Mixin for the App (listed before ``App``): keys, pastes and clicks in typing order."""

    _held_input: deque[Held] | None = None
    _released_input: events.Event | None = None
    _input_feeder: asyncio.Task[None] | None = None
    _key_arrived: asyncio.Event | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, HELD) and not event.is_forwarded:
            if event is self._released_input:
                self._released_input = None
            else:
                self._hold(event)
                return
        await super().on_event(event)  # type: ignore[misc]

    def _hold(self, event: Held) -> None:
        if self._held_input is None:
            self._held_input = deque()
        self._held_input.append(event)
        if self._input_feeder is None or self._input_feeder.done():
            self._input_feeder = asyncio.create_task(self._feed_input(), name="keys in typing order")
        if self._key_arrived is not None:
            self._key_arrived.set()

    async def _feed_input(self) -> None:
        app: App[Any] = self  # type: ignore[assignment]
        held = self._held_input
        while held:
            try:
                await settled(app)
                save = _running_save(app)
            except Exception:  # e.g. no screen while quitting: a key is never stuck in here
                save = None
            first = held[0]
            if save is not None:
                first = next((e for e in held if _overtakes(app, e)), None)  # type: ignore[assignment]
                if first is None:
                    await self._until_saved_or_typed(save)
                    continue
            event = first
            held.remove(event)
            self._released_input = event
            if not app.post_message(event):  # the app is closing: the rest of the keys go with it
                held.clear()

    async def keys_handled(self) -> None:
        """Return once every key that arrived is handled (for tests: Pilot's ``press``).

        A key posted a moment ago may still be in the App's queue, not yet held: settling
        first lets it reach the line, then the line is waited for until it is empty."""
        app: App[Any] = self  # type: ignore[assignment]
        while True:
            await settled(app)
            feeder = self._input_feeder
            if feeder is None or feeder.done():
                return
            await asyncio.wait([feeder])

    async def _press_keys(self, keys: Iterable[str]) -> None:
        """Pilot's ``press``: each key handled (see ``keys_handled``), then the App idle.

        Textual's own version waits for an idle process twice per key (at least 20 ms each);
        the line says exactly when a key is handled, so one idle wait per key is left: timers
        and the repaint a key caused have happened when ``press`` returns, as before."""
        from textual._wait import wait_for_idle

        app: App[Any] = self  # type: ignore[assignment]
        for key in keys:
            if key.startswith("wait:"):  # Pilot's pause between keys: Textual's way
                await super()._press_keys([key])  # type: ignore[misc]
                continue
            event = key_event(key)
            event.set_sender(app)
            app.post_message(event)
            await self.keys_handled()
            await app._animator.wait_until_complete()
            await wait_for_idle(0)

    async def _until_saved_or_typed(self, save: Worker[Any]) -> None:
        """Wait until ``save`` is done, or a key arrives (it may be the Esc that cancels it)."""
        self._key_arrived = arrived = asyncio.Event()
        waits = [asyncio.ensure_future(save.wait()), asyncio.ensure_future(arrived.wait())]
        try:
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            self._key_arrived = None
            for wait in waits:
                wait.cancel()
            await asyncio.gather(*waits, return_exceptions=True)  # a failed or cancelled save is shown by its screen


def key_event(key: str) -> events.Key:
    """The event the terminal's reader (and Pilot's ``press``) makes for ``key`` (a name like
    "tab" or one character)."""
    import unicodedata

    from textual.app import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def _overtakes(app: App[Any], event: Held) -> bool:
    """Esc (gives up waiting for the lock), the App's priority keys (Strg+Q) and mouse buttons
    (the dialog's buttons) are not held behind a running save: they must work while a
    colleague holds the lock."""
    if isinstance(event, events.MouseEvent):
        return True
    if not isinstance(event, events.Key):
        return False
    if event.key == "escape":
        return True
    chain = app.screen._binding_chain
    return any(binding.priority for _, bindings in chain for binding in bindings.key_to_bindings.get(event.key, ()))


def _running_save(app: App[Any]) -> Worker[Any] | None:
    """The save worker of the screen on top, while it runs."""
    try:
        screen = app.screen
    except Exception:
        return None
    return next((w for w in app.workers if w.node is screen and w.group == "save" and not w.is_finished), None)


async def settled(app: App[Any]) -> None:
    """Return once the App and its current screen have handled every message they had.

    Each round waits, node by node, for a callback queued behind what a node has now: first
    along the focused widget's parents (a key bubbles that way, so one round follows it to the
    App), then for every node that still has messages. The rounds end when no queue holds
    anything, or after ``GIVE_UP`` seconds.
    """
    deadline = asyncio.get_running_loop().time() + GIVE_UP
    first = True
    while True:
        try:
            screen = app.screen
        except Exception:  # no screen yet or any more: nothing to route keys to
            return
        busy = [node for node in (app, *screen.walk_children(with_self=True)) if node.message_queue_size]
        if not busy and not first:
            return
        path: list[MessagePump] = []
        focused = app.focused
        node: MessagePump | None = focused
        while node is not None and node is not app:
            path.append(node)
            node = node._parent
        path += [screen, app]
        path += [node for node in busy if node not in path]
        for node in path:
            if not await _drained(node, deadline):
                return
        first = False


async def _drained(node: MessagePump, deadline: float) -> bool:
    """Wait until ``node`` has handled what is in its queue now; False once time is up."""
    done = asyncio.Event()
    if not node.call_later(done.set):  # closed or closing: it takes no more messages
        return True
    remaining = deadline - asyncio.get_running_loop().time()
    try:
        await asyncio.wait_for(done.wait(), max(remaining, 0.001))
    except TimeoutError:
        return False
    return True
