"""What a shared tab (Arbeitskreise, Weitere Gremien) says about its committees: pure text builders.

Unit-tested without Textual; ``pane.py`` and ``chooser.py`` only show what these return.
"""

from __future__ import annotations

from collections.abc import Iterable

from herford_tui.domain import Committee, Snapshot
from herford_tui.domain.lookup import committees_matching
from herford_tui.ui.navigation import tab_label


def choice_label(committee: Committee) -> str:
    """A line of the list: the short name the tabs use, and the full name if it says more."""
    short = tab_label(committee)
    if short != committee.name:
        return f"{short} – {committee.name}"
    return short


def matching(snapshot: Snapshot, committee_ids: Iterable[int], text: str) -> list[tuple[int, str]]:
    """(id, label) of the committees whose name or short name holds ``text``, by the one rule of
    ``--gremium`` (``committees_matching``: folded, "Mueller" finds Müller; those starting with
    it first, else in tab order). Empty text: all."""
    present = [c for cid in committee_ids if (c := snapshot.committees.get(cid)) is not None]
    return [(c.id, choice_label(c)) for c in committees_matching(present, text)]


def bar_text(snapshot: Snapshot, committee_ids: tuple[int, ...], shown: int, noun: str) -> str:
    """The line above a long group's view: which one is shown, and how to pick another."""
    committee = snapshot.committees.get(shown)
    name = tab_label(committee) if committee else "?"
    position = committee_ids.index(shown) + 1 if shown in committee_ids else 0
    return f"{noun} {position} von {len(committee_ids)}: {name}   ·   k: aus der Liste wählen"


def chooser_title(noun: str, count: int) -> str:
    return f"{noun} wählen ({count})"
