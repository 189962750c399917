"""Which tabs exist, and how a name such as ``lenkungskreis`` finds its place.

A *place* is where navigation can go: a tab's pane, and within the shared Arbeitskreise
tab one committee. The tabs follow the active committees: ``tab_layout`` says which.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from herford_tui.domain import Committee, CommitteeKind, Snapshot

ORGANISATIONS = "organisationen"
YEAR = "jahr"
GROUPED_KINDS = {CommitteeKind.ARBEITSKREIS: ("arbeitskreise", "Arbeitskreise")}


@dataclass(frozen=True)
class Tab:
    pane_id: str
    label: str
    committee_ids: tuple[int, ...] | None = None
    grouped: bool = False


@dataclass(frozen=True)
class Place:
    pane_id: str
    committee_id: int | None = None


def tab_label(committee: Committee) -> str:
    """The words on a committee's tab: its short name, else its name."""
    return committee.short_name or committee.name


def slug(text: str) -> str:
    text = text.casefold().replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def tab_layout(snapshot: Snapshot) -> list[Tab]:
    """A tab per active committee; kinds in ``GROUPED_KINDS`` share one tab with a picker."""
    tabs: list[Tab] = []
    group_at: dict[CommitteeKind, int] = {}
    for committee in snapshot.active_committees():
        if committee.kind in GROUPED_KINDS:
            if committee.kind not in group_at:
                group_at[committee.kind] = len(tabs)
                tabs.append(Tab(*GROUPED_KINDS[committee.kind], committee_ids=(), grouped=True))
            at = group_at[committee.kind]
            tabs[at] = replace(tabs[at], committee_ids=(*(tabs[at].committee_ids or ()), committee.id))
        else:
            tabs.append(Tab(f"gremium-{committee.id}", tab_label(committee), (committee.id,)))
    tabs.append(Tab(ORGANISATIONS, "Organisationen"))
    tabs.append(Tab(YEAR, "Jahr"))
    return tabs


def resolve_place(snapshot: Snapshot, name: str) -> Place:
    """Find the place for ``name``: a committee's id, name or short name, or a fixed view."""
    wanted = slug(name)
    if wanted in (ORGANISATIONS, "organisation", "orgs", "verzeichnis"):
        return Place(ORGANISATIONS)
    if wanted in (YEAR, "jahresuebersicht", "sitzungen"):
        return Place(YEAR)
    committees = snapshot.active_committees()
    match = next(
        (c for c in committees if wanted in (str(c.id), slug(c.name), slug(c.short_name))),
        None,
    )
    if match is None:
        candidates = [c for c in committees if slug(c.name).startswith(wanted)]
        match = candidates[0] if len(candidates) == 1 else None
    if match is None:
        known = ", ".join([slug(c.name) for c in committees] + [ORGANISATIONS, YEAR])
        raise ValueError(f"Unbekannte Ansicht „{name}“. Möglich sind: {known}.")
    for tab in tab_layout(snapshot):
        if tab.committee_ids and match.id in tab.committee_ids:
            return Place(tab.pane_id, match.id)
    raise ValueError(f"Das Gremium „{match.name}“ hat keine Ansicht.")
