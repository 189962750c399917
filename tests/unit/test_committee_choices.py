"""The shared tabs' text and layout: pure functions, no Textual."""

from __future__ import annotations

from herford_tui.domain import Committee, CommitteeKind, Snapshot
from herford_tui.ui.committees.choices import bar_text, choice_label, matching
from herford_tui.ui.navigation import MANY, resolve_place, tab_layout


def snapshot(*committees: Committee) -> Snapshot:
    return Snapshot(committees={c.id: c for c in committees})


AK = CommitteeKind.ARBEITSKREIS
MUELLER = Committee(id=1, name="Müller-Stiftung Kooperation", short_name="AK Müller", kind=AK)
GANZTAG = Committee(id=2, name="Ganztag", kind=AK)
STRASSE = Committee(id=3, name="Straßenschule und Ganztag", kind=AK)


def test_choice_label_names_the_short_and_the_full_name():
    assert choice_label(MUELLER) == "AK Müller – Müller-Stiftung Kooperation"
    assert choice_label(GANZTAG) == "Ganztag"


def test_matching_is_folded_and_puts_names_starting_with_the_text_first():
    snap = snapshot(MUELLER, GANZTAG, STRASSE)
    assert [cid for cid, _ in matching(snap, (1, 2, 3), "mueller")] == [1]
    assert [cid for cid, _ in matching(snap, (1, 2, 3), "STRASSE")] == [3]
    assert [cid for cid, _ in matching(snap, (3, 2, 1), "ganz")] == [2, 3]  # starts with it first
    assert [cid for cid, _ in matching(snap, (3, 2, 1), "  ")] == [3, 2, 1]  # empty: all, in tab order
    assert matching(snap, (1, 99), "") == [(1, choice_label(MUELLER))]  # a vanished id is left out


def test_bar_text_says_which_of_how_many():
    snap = snapshot(MUELLER, GANZTAG)
    assert bar_text(snap, (1, 2), 2, "Arbeitskreis").startswith("Arbeitskreis 2 von 2: Ganztag")


def test_many_other_committees_share_a_tab_a_few_keep_their_own():
    few = [Committee(id=10 + i, name=f"Projekt {i}", order=i) for i in range(MANY)]
    layout = tab_layout(snapshot(*few))
    assert [t.pane_id for t in layout][:2] == ["gremium-10", "gremium-11"] and len(layout) == MANY + 3
    many = [*few, Committee(id=99, name="Projekt 99", order=99)]
    layout = tab_layout(snapshot(*many))
    assert [t.pane_id for t in layout] == ["weitere-gremien", "organisationen", "jahr", "auswertung"]
    assert layout[0].committee_ids == tuple(c.id for c in many) and layout[0].noun == "Gremium"
    assert resolve_place(snapshot(*many), "projekt-99").pane_id == "weitere-gremien"


def test_a_view_named_by_a_part_several_committees_hold_names_them():
    """``--open tag`` (and the jump by name) said "Unbekannte Ansicht" for a part two names hold;
    the CLI's ``--gremium tag`` names both: the TUI now says the same."""
    import pytest

    with pytest.raises(ValueError, match="passt auf mehrere Gremien") as refused:
        resolve_place(snapshot(MUELLER, GANZTAG, STRASSE), "tag")
    assert "„Ganztag“" in str(refused.value) and "„Straßenschule und Ganztag“" in str(refused.value)
