"""The file check pauses the collector through the store's one ``files.gc_paused`` (it kept a
copy) and leaves it as it found it."""

from __future__ import annotations

import gc

from herford_tui.store import Store, check
from herford_tui.store.check import check_file


def test_check_leaves_the_collector_as_it_was(store: Store):
    assert not hasattr(check, "_gc_paused")
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            assert check_file(store.path).fatal is None
            assert gc.isenabled() is enabled
        finally:
            gc.enable()
