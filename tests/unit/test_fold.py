"""Matching and sorting keys for German names."""

from __future__ import annotations

from herford_tui.domain.fold import match_key, sort_key


def test_umlaut_spellings_share_a_key():
    assert match_key("Müller") == match_key("Mueller") == match_key("muller") == match_key("MÜLLER")
    assert match_key("Straße") == match_key("strasse")
    assert match_key("Bünde") == match_key("Buende") == match_key("bunde")
    assert match_key("Çelik") == match_key("celik")


def test_german_sort_order():
    names = ["Weber", "Özdemir", "Otto", "Peters", "oberste", "Ärger", "Zander", "Abel"]
    assert sorted(names, key=sort_key) == ["Abel", "Ärger", "oberste", "Otto", "Özdemir", "Peters", "Weber", "Zander"]
    assert sort_key("Strauß") == sort_key("Strauss")
