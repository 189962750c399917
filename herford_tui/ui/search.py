"""Global search (/, Strg+F, Strg+P): persons, organisations, committees, meetings, agenda items.

The matching is the domain's one search (``domain/search.py``); it runs in a thread so the
field keeps taking keys, and the palette cancels a search that a newer keystroke made stale.
Enter on a hit jumps to it on its own screen with the cursor on it.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.command import CommandList, CommandPalette, Hit, Hits, Provider, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, LoadingIndicator

from herford_tui.ui.common.access import herford_of
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.glyphs import glyphs
from herford_tui.ui.common.typing_input import InOrderCommandInput

if TYPE_CHECKING:
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


__all__ = ["SearchPalette", "SearchProvider", "jump_to"]
