"""Global search in the command palette (Strg+F): committees, persons, organisations.

Matching is the same as in the pickers and the directory filter (every typed word must
occur; word starts rank first), not a fuzzy match that finds "muster" in anything.
"""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from herford_tui.domain import Snapshot
from herford_tui.domain.search import find_organisations, find_persons
from herford_tui.domain.text import printable
from herford_tui.ui.common.format import plain

LIMIT = 30


def _person_help(snapshot: Snapshot, person_id: int, today) -> str:
    names = sorted(
        {
            snapshot.committees[m.committee_id].name
            for m in snapshot.memberships_of_person(person_id, today)
            if m.committee_id in snapshot.committees
        }
    )
    return "Person · " + (", ".join(names) if names else "ohne aktuelles Gremium")


def _highlight(matcher: Matcher, text: str) -> Content:
    """``matcher.highlight`` without reading ``text`` as markup (a name may hold ``[/b]``)."""
    shown = printable(text)
    content = plain(shown)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    for offset in offsets:
        if offset < len(shown) and not shown[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _help(text: str) -> str:
    """Help text of a hit: Textual reads it as markup, so user data in it is escaped."""
    return escape(printable(text))


class SearchProvider(Provider):
    async def search(self, query: str) -> Hits:
        app = self.app
        snapshot = app.snapshot
        words = query.casefold().split()
        if snapshot is None or not words:
            return
        matcher = self.matcher(query)
        score = 1.0
        for c in snapshot.active_committees():
            if all(w in f"{c.name} {c.short_name}".casefold() for w in words):
                yield Hit(score, _highlight(matcher, c.name), partial(app.action_show_view, str(c.id)), help="Gremium")
                score -= 0.001
        for p in find_persons(snapshot, query, limit=LIMIT):
            help_text = _person_help(snapshot, p.id, app.today)
            yield Hit(score, _highlight(matcher, p.full_name), partial(app.show_person, p.id), help=_help(help_text))
            score -= 0.001
        for o in find_organisations(snapshot, query, limit=LIMIT):
            yield Hit(
                score,
                _highlight(matcher, o.name),
                partial(app.show_organisation, o.id),
                help=_help(f"Organisation · {o.municipality}"),
            )
            score -= 0.001
