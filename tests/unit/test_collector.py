"""What lives as long as a large snapshot is frozen out of the garbage collector once built;
small ones (tests, a fresh install) are not, so their cyclic garbage stays collectable."""

from __future__ import annotations

import gc

from herford_tui.domain import Organisation, Snapshot
from herford_tui.ui.collector import LARGE, freeze_built, record_count


def test_a_small_snapshot_is_not_frozen():
    before = gc.get_freeze_count()
    assert not freeze_built(Snapshot(organisations={1: Organisation(id=1, name="Kreis Herford")}))
    assert not freeze_built(None)
    assert gc.get_freeze_count() == before


def test_a_large_snapshot_is_frozen_with_what_was_built_on_it():
    snapshot = Snapshot(organisations={i: Organisation(id=i, name=f"Schule {i}") for i in range(1, LARGE + 1)})
    index = {o.name: o for o in snapshot.organisations.values()}  # as an index built on it
    assert record_count(snapshot) == LARGE
    try:
        assert freeze_built(snapshot)
        assert gc.get_freeze_count() >= len(index)
    finally:
        gc.unfreeze()  # this test process builds many more objects


def test_a_background_build_is_frozen_before_the_collector_runs_again():
    """What a paced build made is never left young: the first pass after it would walk all of it."""
    from herford_tui.ui.collector import background_build

    snapshot = Snapshot(organisations={i: Organisation(id=i, name=f"Schule {i}") for i in range(1, LARGE + 1)})
    frozen = []
    try:
        with background_build(snapshot):
            assert not gc.isenabled()
            built = [[name] for name in range(LARGE)]  # young objects, as an index
        frozen.append(gc.get_freeze_count())
        assert gc.isenabled()
        assert frozen[0] >= len(built)
    finally:
        gc.unfreeze()
