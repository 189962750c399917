"""Global search in the command palette (Strg+F): committees, persons, organisations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from textual.command import Hit, Hits, Provider

from herford_tui.domain import Snapshot


@dataclass(frozen=True)
class Found:
    text: str
    help: str
    view: str
    """Argument for ``app.action_show_view``."""


def search_entries(snapshot: Snapshot) -> Iterator[Found]:
    """Everything a user may look for, with where it leads; also used by screen filters."""
    for c in snapshot.active_committees():
        yield Found(c.name, "Gremium", str(c.id))
    for p in snapshot.persons.values():
        committees = {
            snapshot.committees[m.committee_id].name
            for m in snapshot.memberships_of_person(p.id)
            if m.committee_id in snapshot.committees and m.end is None
        }
        target = next(
            (str(m.committee_id) for m in snapshot.memberships_of_person(p.id) if m.end is None),
            "organisationen",
        )
        yield Found(p.full_name or p.family_name, "Person · " + (", ".join(sorted(committees)) or p.function), target)
    for o in snapshot.organisations.values():
        yield Found(o.name, f"Organisation · {o.municipality}", "organisationen")


class SearchProvider(Provider):
    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        snapshot = self.app.snapshot
        if snapshot is None:
            return
        for found in search_entries(snapshot):
            score = matcher.match(found.text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(found.text),
                    partial(self.app.action_show_view, found.view),
                    help=found.help,
                )
