"""Which tabs exist, and how a name such as ``lenkungskreis`` finds its place.

A *place* is where navigation can go: a tab's pane, and within a shared tab (the
Arbeitskreise, "Weitere Gremien") one committee. The tabs follow the active committees:
``tab_layout`` says which.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from herford_tui.domain import Committee, CommitteeKind, Snapshot
from herford_tui.domain.fold import slug
from herford_tui.domain.lookup import AmbiguousCommittee, UnknownCommittee, committee_label, find_committee

ORGANISATIONS = "organisationen"
YEAR = "jahr"
EVALUATION = "auswertung"

MANY = 12
"""More committees than this do not get a tab each: a tab strip of hundreds is unusable and
costs seconds to build. Committees of a kind in ``GROUPED_WHEN_MANY`` then share one tab, and
a shared tab shows a list to pick from instead of a strip (``committees/pane.py``)."""


@dataclass(frozen=True)
class Group:
    """Committees of a kind that share one tab, with a picker (the Arbeitskreise)."""

    pane_id: str
    label: str
    noun: str
    """One of them, for "Arbeitskreis 3 von 70" and "Arbeitskreis wählen"."""


GROUPED_KINDS = {CommitteeKind.ARBEITSKREIS: Group("arbeitskreise", "Arbeitskreise", "Arbeitskreis")}
GROUPED_WHEN_MANY = {CommitteeKind.SONSTIGE: Group("weitere-gremien", "Weitere Gremien", "Gremium")}


@dataclass(frozen=True)
class Tab:
    """A tab of the main screen: a committee, a group of committees or another view."""

    pane_id: str
    label: str
    committee_ids: tuple[int, ...] | None = None
    grouped: bool = False
    noun: str = "Gremium"


@dataclass(frozen=True)
class Place:
    """Where to go: a tab (pane), and in it a committee if the tab holds several."""

    pane_id: str
    committee_id: int | None = None


def tab_label(committee: Committee) -> str:
    """The words on a committee's tab: its short name, else its name (what the lookup finds)."""
    return committee_label(committee)


def tab_layout(snapshot: Snapshot) -> list[Tab]:
    """A tab per active committee; kinds in ``GROUPED_KINDS`` share one tab with a picker, and
    so do those in ``GROUPED_WHEN_MANY`` when there are more than ``MANY`` of them."""
    committees = snapshot.active_committees()
    counts = Counter(c.kind for c in committees)
    groups = {**{k: g for k, g in GROUPED_WHEN_MANY.items() if counts[k] > MANY}, **GROUPED_KINDS}
    tabs: list[Tab] = []
    members: dict[CommitteeKind, list[int]] = {}  # a group's committees, in tab order
    for committee in committees:
        group = groups.get(committee.kind)
        if group is None:
            tabs.append(Tab(f"gremium-{committee.id}", tab_label(committee), (committee.id,)))
        elif committee.kind in members:
            members[committee.kind].append(committee.id)
        else:  # the group's tab stands where its first committee would
            members[committee.kind] = [committee.id]
            tabs.append(Tab(group.pane_id, group.label, committee_ids=(), grouped=True, noun=group.noun))
    by_pane = {groups[kind].pane_id: tuple(ids) for kind, ids in members.items()}
    tabs = [replace(tab, committee_ids=by_pane[tab.pane_id]) if tab.grouped else tab for tab in tabs]
    tabs.append(Tab(ORGANISATIONS, "Organisationen"))
    tabs.append(Tab(YEAR, "Jahr"))
    tabs.append(Tab(EVALUATION, "Auswertung"))
    return tabs


def resolve_place(snapshot: Snapshot, name: str) -> Place:
    """Find the place for ``name``: a committee's id, name or short name, or a fixed view."""
    wanted = slug(name)
    if wanted in (ORGANISATIONS, "organisation", "orgs", "verzeichnis"):
        return Place(ORGANISATIONS)
    if wanted in (YEAR, "jahresuebersicht", "sitzungen"):
        return Place(YEAR)
    if wanted in (EVALUATION, "auswertungen", "statistik"):
        return Place(EVALUATION)
    committees = snapshot.active_committees()
    try:
        match = find_committee(snapshot, name, among=committees)  # the one lookup, as in the CLI
    except AmbiguousCommittee as exc:  # a part several names hold: they are named, as in the CLI
        raise ValueError(str(exc)) from None
    except UnknownCommittee:
        known = ", ".join([slug(c.name) for c in committees] + [ORGANISATIONS, YEAR, EVALUATION])
        raise ValueError(f"Unbekannte Ansicht „{name}“. Möglich sind: {known}.") from None
    for tab in tab_layout(snapshot):
        if tab.committee_ids and match.id in tab.committee_ids:
            return Place(tab.pane_id, match.id)
    raise ValueError(f"Das Gremium „{match.name}“ hat keine Ansicht.")
