"""Keep what lives as long as a snapshot out of the garbage collector's passes.

A snapshot at x10 is millions of objects (records, the indexes built on it, the search
index). Left in the collector's generations, every full pass walks them all: 240-490 ms
pauses that land in tab visits and keystrokes. ``gc.freeze`` moves every object alive now
into the permanent generation, which the collector never walks; reference counting still
frees them when a newer snapshot replaces them.

The price: a reference cycle that is garbage at the moment of freezing is never collected.
With small data a full pass is short anyway, so only large snapshots are frozen (a test
process builds hundreds of small apps, whose cyclic garbage must stay collectable).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from textual.app import App
from textual.worker import NoActiveWorker, get_current_worker

from herford_tui.domain import Snapshot
from herford_tui.domain.pacing import collector_paused, paced, quiet
from herford_tui.store import StoreError

LARGE = 5_000
"""Records from which a snapshot is frozen (x1 has ~11,500, x10 ~115,000; tests a few dozen). At
x1 unfrozen, full passes of 130-170 ms landed in the tab tour (``benchmarks/feel.py``)."""


def record_count(snapshot: Snapshot) -> int:
    return snapshot.record_count()  # pending tables are counted, not decoded


def freeze_built(snapshot: Snapshot | None) -> bool:
    """Freeze what is alive now if ``snapshot`` is large; True if it did.

    Called once the snapshot's records and indexes are built (after the first refresh that
    shows it, and after its search index is built), from the event loop or a worker thread.
    """
    if snapshot is None or record_count(snapshot) < LARGE:
        return False
    gc.freeze()
    return True


@contextmanager
def background_build(snapshot: Snapshot) -> Iterator[None]:
    """Work in a thread that builds what lives as long as ``snapshot`` (its pending tables, its
    search index): paced, so it steps back while the event loop (or the Auswertung's thread)
    needs the interpreter, and without the collector, whose passes would walk all it makes.
    Once done, what it made is frozen before the collector runs again: no pass walks it, the
    first one after the build included (at x10 a generation-0 pass of 100 ms in a tab visit).

    Run by a worker, the build steps back no more once the worker is cancelled (its app ended)."""
    try:
        gone = get_current_worker().cancelled_event.is_set
    except NoActiveWorker:
        gone = None
    with paced(gone):
        quiet()  # a quiet moment first (with the collector on): the build may begin with long C calls
        with collector_paused():
            yield
            freeze_built(snapshot)


def decode_pending(app: App[Any], complete: Callable[[], None], snapshot: Snapshot) -> None:
    """In a thread after the first frame: what the start left for later (``Store.complete``: the
    pending tables, the checks of some tables), then everything frozen. A file that fails them
    ends the app with the German error, as it would have ended the start."""
    try:
        with background_build(snapshot):  # the checks begin with C calls of up to 0.15 s (x10)
            complete()
    except StoreError as exc:
        app.call_from_thread(app.exit, return_code=2, message=f"Fehler: {exc}")
