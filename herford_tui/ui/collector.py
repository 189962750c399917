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

from herford_tui.domain import Snapshot

LARGE = 5_000
"""Records from which a snapshot is frozen (x1 has ~11,500, x10 ~115,000; tests a few dozen). At
x1 unfrozen, full passes of 130-170 ms landed in the tab tour (``benchmarks/feel.py``)."""


def record_count(snapshot: Snapshot) -> int:
    return (
        len(snapshot.persons)
        + len(snapshot.organisations)
        + len(snapshot.memberships)
        + len(snapshot.meetings)
        + len(snapshot.committees)
    )


def freeze_built(snapshot: Snapshot | None) -> bool:
    """Freeze what is alive now if ``snapshot`` is large; True if it did.

    Called once the snapshot's records and indexes are built (after the first refresh that
    shows it, and after its search index is built), from the event loop or a worker thread.
    """
    if snapshot is None or record_count(snapshot) < LARGE:
        return False
    gc.freeze()
    return True
