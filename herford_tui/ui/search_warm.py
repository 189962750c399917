"""The search index of each new snapshot built in the background, so the first search is quick.

Apart from the palette (``ui/search.py``), which is imported when it first opens: the app's
start needs only this.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.timer import Timer
from textual.worker import get_current_worker

from herford_tui.domain import Snapshot
from herford_tui.ui.common.access import herford_of

if TYPE_CHECKING:
    from textual.app import App

WARM_DELAY = 1.0
"""Seconds after a new snapshot before its index is built: the UI's own updates go first. The
build holds the GIL for a second at x10; started after 0.3 s it slowed the repaint after a
save from ~0.3 s to 1-1.7 s (the event loop waited for the thread)."""


def keep_index_warm(app: App[Any]) -> None:
    """Build each new snapshot's search index in a thread shortly after the snapshot arrives.

    Otherwise the first keystroke after a save pays for it, or worse a picker in a form,
    which searches on the event loop (x1: ~0.3 s, x10: a few seconds for all kinds).
    A snapshot replaced within the delay is skipped.
    """
    timer: list[Timer] = []

    def build(snapshot: Snapshot) -> None:
        from herford_tui.domain.search_index import Kind, index_of
        from herford_tui.ui.collector import background_build

        index = index_of(snapshot)
        worker = get_current_worker()
        # Paced (it steps back while the screen is busy), and frozen once built: the index
        # lives as long as the snapshot, out of the collector's passes.
        with background_build(snapshot):
            for kind in Kind:
                if herford_of(app).snapshot is not snapshot or worker.is_cancelled:
                    return  # outdated meanwhile (the next one is on its way), or the app ended
                index.kind(kind)

    def start() -> None:
        snapshot = herford_of(app).snapshot
        if snapshot is not None:
            # A description of our own: Textual's default is the repr of the callable, which
            # spells out the whole snapshot (x10: 2.6 s on the event loop).
            app.run_worker(
                partial(build, snapshot),
                name="search-index",
                description="search index",
                thread=True,
                group="search-index",
                exit_on_error=False,
            )

    def changed(snapshot: Snapshot | None) -> None:
        if timer:
            timer.pop().stop()
        timer.append(app.set_timer(WARM_DELAY, start))

    app.watch(app, "snapshot", changed, init=True)


__all__ = ["WARM_DELAY", "keep_index_warm"]
