"""What a shared tab (Arbeitskreise, Weitere Gremien) says about its committees: pure text builders.

Unit-tested without Textual; ``pane.py`` and ``chooser.py`` only show what these return.
"""

from __future__ import annotations

from collections.abc import Iterable

from herford_tui.domain import Committee, Snapshot
from herford_tui.domain.fold import match_key
from herford_tui.ui.navigation import tab_label


def choice_label(committee: Committee) -> str:
    """A line of the list: the short name the tabs use, and the full name if it says more."""
    short = tab_label(committee)
    if short != committee.name:
        return f"{short} – {committee.name}"
    return short


def matching(snapshot: Snapshot, committee_ids: Iterable[int], text: str) -> list[tuple[int, str]]:
    """(id, label) of the committees whose name or short name contains ``text`` (folded:
    "Mueller" finds Müller); those starting with it first, else in tab order. Empty text: all."""
    wanted = match_key(text.strip())
    starting: list[tuple[int, str]] = []
    containing: list[tuple[int, str]] = []
    for committee_id in committee_ids:
        committee = snapshot.committees.get(committee_id)
        if committee is None:
            continue
        label = choice_label(committee)
        if not wanted:
            starting.append((committee_id, label))
            continue
        keys = (match_key(committee.short_name), match_key(committee.name))
        if any(key.startswith(wanted) for key in keys):
            starting.append((committee_id, label))
        elif any(wanted in key for key in keys):
            containing.append((committee_id, label))
    return starting + containing


def bar_text(snapshot: Snapshot, committee_ids: tuple[int, ...], shown: int, noun: str) -> str:
    """The line above a long group's view: which one is shown, and how to pick another."""
    committee = snapshot.committees.get(shown)
    name = tab_label(committee) if committee else "?"
    position = committee_ids.index(shown) + 1 if shown in committee_ids else 0
    return f"{noun} {position} von {len(committee_ids)}: {name}   ·   k: aus der Liste wählen"


def chooser_title(noun: str, count: int) -> str:
    return f"{noun} wählen ({count})"
