"""A pytest plugin that plays a starved machine, to find Pilot tests that pass only by timing.

    PYTHONPATH=tests/ui python -m pytest -p hurry -n 2 tests/ui

Three things a busy 2-core CI machine does now and then, done every time:

- Pilot's "wait until idle" (after each key of ``press`` and in ``pause``) returns after one
  turn of the event loop: Textual takes a process that used under 1 ms of CPU in 20 ms as idle,
  and a process the system gave no CPU looks just that.
- Every thread worker starts ``HURRY_DELAY`` seconds late (0.15 by default): the save, the
  reload, the search index are still to come when the test looks.
- A thread telling the app something (``post_message``, ``call_from_thread``) is held back as
  long: the file is written, the screen not yet told.

A test that waits for the effect its action alone causes (``pilot_helpers.wait_for`` and the
helpers built on it) passes here; one that reads after ``press``/``pause``/``settle`` and hopes
the effect is there fails. Not part of the suite: a tool for hunting races (each found one is
fixed in the test or the app, never by a sleep or a retry)."""

from __future__ import annotations

import asyncio
import inspect
import os
import threading
import time
from typing import Any

import textual._wait
import textual.app
import textual.pilot
from textual.message_pump import MessagePump
from textual.worker import Worker

DELAY = float(os.environ.get("HURRY_DELAY", "0.15"))


async def _one_turn(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    await asyncio.sleep(0)


for module in (textual._wait, textual.app, textual.pilot):
    module.wait_for_idle = _one_turn  # type: ignore[attr-defined]

_run_threaded = Worker._run_threaded


async def _late(self: Worker[Any]) -> Any:
    work = self._work
    plain = (
        callable(work)
        and not inspect.iscoroutinefunction(work)
        and not inspect.iscoroutinefunction(getattr(work, "func", None))
        and not inspect.isawaitable(work)
    )
    if plain:

        def late() -> Any:
            time.sleep(DELAY)
            return work()

        self._work = late
    return await _run_threaded(self)


Worker._run_threaded = _late  # type: ignore[method-assign]

_post_message = MessagePump.post_message
_call_from_thread = textual.app.App.call_from_thread


def _off_loop() -> bool:
    return threading.current_thread() is not threading.main_thread()


def _post_late(self: MessagePump, message: Any) -> bool:
    if _off_loop():
        time.sleep(DELAY)
    return _post_message(self, message)


def _call_late(self: textual.app.App[Any], callback: Any, *args: Any, **kwargs: Any) -> Any:
    if _off_loop():
        time.sleep(DELAY)
    return _call_from_thread(self, callback, *args, **kwargs)


MessagePump.post_message = _post_late  # type: ignore[method-assign]
textual.app.App.call_from_thread = _call_late  # type: ignore[method-assign]
