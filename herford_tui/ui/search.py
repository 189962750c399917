"""Global search (/, Strg+F, Strg+P): persons, organisations, committees, meetings, agenda items.

The matching is the domain's one search (``domain/search.py``); it runs in a thread so the
field keeps taking keys, and the palette cancels a search that a newer keystroke made stale.
Enter on a hit jumps to it on its own screen with the cursor on it.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.command import CommandList, CommandPalette, Hit, Hits, Provider, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Button, LoadingIndicator
from textual.worker import get_current_worker

from herford_tui.domain import Snapshot
from herford_tui.ui.common.access import herford_of
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.glyphs import glyphs
from herford_tui.ui.common.typing_input import InOrderCommandInput

if TYPE_CHECKING:
    from textual.app import App

    from herford_tui.domain.search import Match
    from herford_tui.ui.common.access import Herford

# The search modules (index, fuzzy matching) are imported on first use, not at start.

LIMIT = 40
PLACEHOLDER = "Suchen: Person, Organisation, Gremium, Sitzung (Datum wie 12.3.), TOP …"


class SearchPalette(CommandPalette):
    """Textual's palette with a field that keeps keystrokes in order and a plain search icon."""

    def compose(self) -> ComposeResult:
        # The same structure as CommandPalette.compose, with our input and icon.
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                icon = SearchIcon()
                icon.icon = glyphs().search
                yield icon
                yield InOrderCommandInput(placeholder=PLACEHOLDER, select_on_focus=False)
                if not self.run_on_select:
                    yield Button(glyphs().run)
            with Vertical(id="--results"):
                yield CommandList()
                yield LoadingIndicator()


class SearchProvider(Provider):
    @property
    def herford(self) -> Herford:
        return herford_of(self.app)

    async def search(self, query: str) -> Hits:
        from herford_tui.domain.search import search
        from herford_tui.domain.search_text import NO_MATCHES, describe

        app = self.herford
        snapshot = app.snapshot
        if snapshot is None or not query.strip():
            return
        # In a thread: at x10 a broad first letter costs ~10 ms, building the index once ~1 s.
        matches = await asyncio.to_thread(search, snapshot, query, limit=LIMIT)
        if not matches:
            yield Hit(0.0, plain(NO_MATCHES, "italic"), _nothing, text=query)
            return
        today = app.today
        for rank, match in enumerate(matches):
            title, detail = describe(match, snapshot, today)
            yield Hit(
                1.0 - rank / 1000,  # the palette sorts by score: keep the domain's order
                plain(title),
                partial(jump_to, app, match),
                text=title,
                help=plain(detail),  # type: ignore[arg-type]  # Content is taken as is, never parsed
            )


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


def _nothing() -> None:
    """The "no matches" line does nothing when chosen."""


def jump_to(app: Herford, match: Match) -> None:
    """Show the hit: a person or organisation on its page (all memberships and contacts; Enter
    there opens a committee), a committee in its tab, a meeting in the year overview."""
    from herford_tui.domain.search import Kind

    record = match.record
    if match.kind is Kind.COMMITTEE:
        app.action_show_view(str(record.id))
    elif match.kind is Kind.PERSON:
        app.open_person(record.id)
    elif match.kind is Kind.ORGANISATION:
        app.open_organisation(record.id)
    else:
        app.show_meeting(record.id)


__all__ = ["SearchPalette", "SearchProvider", "jump_to", "keep_index_warm"]
