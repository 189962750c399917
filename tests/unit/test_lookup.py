"""The one committee lookup by name (CLI --gremium, TUI --open and jumps)."""

from __future__ import annotations

import pytest

from herford_tui.domain import Committee, Snapshot
from herford_tui.domain.lookup import UnknownCommittee, find_committee


def snapshot() -> Snapshot:
    committees = [
        Committee(1, name="Lenkungskreis", short_name="LK"),
        Committee(2, name="Arbeitskreis 1"),
        Committee(3, name="Arbeitskreis 11"),
        Committee(4, name="Übergang Schule–Beruf"),
        Committee(5, name="Altes Gremium", archived=True),
    ]
    return Snapshot(committees={c.id: c for c in committees})


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("2", 2),
        ("lenkungskreis", 1),
        ("Lenkungs-Kreis", 1),
        ("lk", 1),
        ("arbeitskreis-1", 2),  # the tab's slug: the exact name wins over the longer one
        ("Arbeitskreis 11", 3),
        ("uebergang schule-beruf", 4),
        ("Überg", 4),  # a unique beginning
        ("altes gremium", 5),  # archived ones too, unless the caller narrows the choice
    ],
)
def test_found_by_id_name_short_name_or_beginning(typed: str, found: int):
    assert find_committee(snapshot(), typed).id == found


def test_unknown_or_ambiguous_names_the_active_committees():
    snap = snapshot()
    with pytest.raises(UnknownCommittee, match=r"Unbekanntes Gremium „Arbeits“\. Möglich sind: Arbeitskreis 1, "):
        find_committee(snap, "Arbeits")
    with pytest.raises(UnknownCommittee) as refused:
        find_committee(snap, "altes gremium", among=snap.active_committees())
    assert "Altes Gremium" not in str(refused.value)
    with pytest.raises(UnknownCommittee):
        find_committee(snap, "  ")
