"""Background work that steps back while the rest of the process needs the interpreter, and
builds without the garbage collector (``collector_paused``).

Python runs one thread at a time. A thread that decodes a table or builds the search index after
the start keeps the interpreter until the event loop (or a thread working for the screen, such as
the Auswertung's) has waited Python's switch interval (5 ms) for it, on every turn of the loop
(one traced x10 run: the Auswertung's thread got 0.9 s of CPU in 6.1 s right after the start).

Work run under ``paced()`` calls ``pace()`` every few milliseconds of work (every few dozen
records). ``pace`` looks at how much CPU the other threads of the process used since the last
look; while they use it, the paced thread sleeps (the interpreter is theirs) and looks again,
until they have been nearly idle for a moment. Elsewhere (the event loop, a save, the command
line) ``pace`` does nothing. The work still gets done: an idle app gives it all the time, a
busy one the moments between keys and visits.

Paced work runs one block at a time (``paced`` waits for the block before it): the other
threads are then exactly the ones it steps back for, and a paced block that the screen waits
for (the meetings a tab needs) never shares the interpreter with another one nobody waits for
(the search index).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

SLICE = 0.005
"""Seconds of work between two looks at the other threads."""
QUIET = 0.05
"""The first window in which the others must be nearly idle before the work goes on: longer than
the gap between keys typed in a burst or tab visits in a row (the work would take the interpreter
in each gap, and the next key would wait for it). Each busy window doubles the next, up to
``LONGEST``: every look takes the interpreter from the event loop, which then waits until this
thread has a CPU again (long on a loaded machine)."""
LONGEST = 0.2
PATIENCE = 1.0
"""Seconds a paced thread waits for a quiet window at most before it does a slice of work anyway:
others that never leave one (an animation, a test polling the screen every 20 ms) would keep it
from its end for good; a slice a second is not felt (a test's pending tables stayed pending 20 s)."""
BUSY = 0.2
"""The share of a window the others may use and still count as idle (timers, a poll)."""

_local = threading.local()
_turn = threading.Lock()
"""Held by the one paced block running."""
_running: list[_Pacer] = []
"""The pacer of the paced block running (none or one)."""
_background = {"now": 0.0, "retired": 0.0}
"""CPU seconds of the thread running the paced block at its last look, and of those before it:
what work paced with ``later`` does not step back for."""
_paused = 0
_was_enabled = True
_paused_lock = threading.Lock()
_waiting_lock = threading.Lock()
"""Guards the count of threads waiting for each pacer's work (``hurried``)."""


def _doze(wake: threading.Event, seconds: float) -> bool:
    """Sleep ``seconds`` or until ``wake`` is set; True if it was."""
    return wake.wait(seconds)


class _Pacer:
    def __init__(self, *, background: bool = True, gone: Callable[[], bool] | None = None) -> None:
        self.background = background
        self._gone = gone
        """True once nobody will use the work (its app ended)."""
        self.waited = 0.0
        self._hurried = threading.Event()
        self._waiting = 0
        """Threads waiting for this work now (``hurried``)."""
        self._kept = False
        """Hurried for good (``hurry``)."""
        self._mark()

    @property
    def hurried(self) -> bool:
        """Someone waits for this work (``hurry``, ``hurried``), or it is for an app that has
        ended: it steps back no more."""
        return self._hurried.is_set() or (self._gone is not None and self._gone())

    def hurry(self) -> None:
        self._kept = True
        self._hurried.set()  # wakes it if it sleeps

    def waiter_came(self) -> None:
        with _waiting_lock:
            self._waiting += 1
            self._hurried.set()

    def waiter_left(self) -> None:
        with _waiting_lock:
            self._waiting -= 1
            if self._waiting == 0 and not self._kept:
                self._hurried.clear()

    def _others(self) -> float:
        """CPU seconds the other threads of the process used so far; for work paced with ``later``
        without the background block's."""
        mine = time.thread_time()
        if self.background:
            _background["now"] = mine
            return time.process_time() - mine
        return time.process_time() - mine - _background["now"] - _background["retired"]

    def _mark(self) -> None:
        self._since, self._seen = time.monotonic(), self._others()

    def step(self) -> None:
        now = time.monotonic()
        if now - self._since < SLICE or self.hurried:
            return
        if self._others() - self._seen > BUSY * (now - self._since):
            self.wait_quiet()
        self._mark()

    def wait_quiet(self) -> None:
        """Sleep until the others have been nearly idle for a window (the interpreter is theirs),
        at most ``PATIENCE``."""
        began, window = time.monotonic(), QUIET
        while not self.hurried and time.monotonic() - began < PATIENCE:
            before = self._others()
            if _doze(self._hurried, window) or self._others() - before <= BUSY * window:
                break
            window = min(2 * window, LONGEST)
        self.waited += time.monotonic() - began
        self._mark()


def pace() -> None:
    """Step back if this thread's work is paced and the other threads need the interpreter."""
    pacer: _Pacer | None = getattr(_local, "pacer", None)
    if pacer is not None:
        pacer.step()


def quiet() -> None:
    """In a paced block: wait until the other threads are nearly idle, before work that cannot
    look at them on its way (one long C call, a short computation without ``pace``)."""
    pacer: _Pacer | None = getattr(_local, "pacer", None)
    if pacer is not None:
        pacer.wait_quiet()


@contextmanager
def paced(gone: Callable[[], bool] | None = None) -> Iterator[_Pacer]:
    """Run the block's work paced (``pace`` steps back for the other threads), after any paced
    block running in another thread; nested in a paced block: no change.

    ``gone`` tells when nobody will use the work any more (the app that asked for it ended): from
    then on it steps back no more, within a window (``LONGEST``). A thread outlives its app, and
    a block that went on stepping back for the process's next app (a test process starts
    hundreds) held the turn that app's own background work waits for: the pending tables of a
    test's app were not decoded in 20 s, twice in five full runs, never in a test run alone."""
    outer: _Pacer | None = getattr(_local, "pacer", None)
    if outer is not None:
        yield outer
        return
    with _turn:
        pacer = _local.pacer = _Pacer(gone=gone)
        _running.append(pacer)
        try:
            yield pacer
        finally:
            _running.remove(pacer)
            _local.pacer = None
            _background["retired"] += time.thread_time()
            _background["now"] = 0.0


@contextmanager
def later() -> Iterator[_Pacer]:
    """Run the block's work paced as what a screen shows after its first figures (the Auswertung's
    trend): it steps back for the event loop and the screen's threads, not for the background
    block (which steps back for it), and does not wait for a turn. Nested in a paced block: no change."""
    outer: _Pacer | None = getattr(_local, "pacer", None)
    if outer is not None:
        yield outer
        return
    pacer = _local.pacer = _Pacer(background=False)
    try:
        yield pacer
    finally:
        _local.pacer = None


def hurry() -> None:
    """The paced block running steps back no more, to its end."""
    for pacer in list(_running):
        pacer.hurry()


@contextmanager
def hurried() -> Iterator[None]:
    """While this thread waits for what the paced block running makes (the meetings, an index
    the screen asks for), that block steps back no more; once the wait is over, it does again.
    A block hurried to its end decoded the persons for the Organisationen tab and then the
    meetings without a pause, beside the next tab (x10 on a pty: the Jahr tab 2.6x a bare tab)."""
    pacers = list(_running)
    for pacer in pacers:
        pacer.waiter_came()
    try:
        yield
    finally:
        for pacer in pacers:
            pacer.waiter_left()


@contextmanager
def taken(lock: threading.Lock) -> Iterator[None]:
    """``with lock``; if another thread holds it, that may be a paced block's, which this thread
    now waits for: the paced block running is hurried while it waits."""
    if not lock.acquire(blocking=False):
        with hurried():
            lock.acquire()
    try:
        yield
    finally:
        lock.release()


def collect_again() -> None:
    """Turn the collector on again that the program's start turned off (``gc.disable``, see the
    CLI): now, or, while ``collector_paused`` blocks run, when the last of them ends."""
    global _was_enabled
    with _paused_lock:
        if _paused:
            _was_enabled = True
        else:
            gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while the block builds (an index, a table): the collector's passes
    over what it makes cost more than the build. Counted across threads: the collector runs
    again when the last of several overlapping blocks ends, not when the first one does.

    What the block made is young: the first pass after it walks all of it. Work that keeps it
    for long freezes it (``gc.freeze``) before the block ends (the app: ``ui/collector.py``)."""
    global _paused, _was_enabled
    with _paused_lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
