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


def test_persons_sort_by_family_name_then_given_name():
    from herford_tui.domain import Person
    from herford_tui.domain.directory import person_sort_key
    from herford_tui.domain.fold import name_sort_key

    people = [
        Person(id=1, given_name="Leonie", family_name="Schwarz"),
        Person(id=2, given_name="Jana", family_name="Schäfer"),
        Person(id=3, given_name="Bernd", family_name="Müller"),
        Person(id=4, given_name="Anna", family_name="Müller"),
        Person(id=5, given_name="Zoe", family_name="Schäferling"),
    ]
    ordered = [f"{p.given_name} {p.family_name}" for p in sorted(people, key=person_sort_key)]
    assert ordered == ["Anna Müller", "Bernd Müller", "Jana Schäfer", "Zoe Schäferling", "Leonie Schwarz"]
    assert name_sort_key("Özdemir", "Ali") < name_sort_key("Peters", "Anna")


def test_slug_is_the_one_rule_for_keys_view_names_and_file_names():
    from pathlib import Path

    from herford_tui.domain.committee_input import seat_key
    from herford_tui.domain.fold import slug

    assert slug("Schulamt für den Kreis") == "schulamt-fur-den-kreis"
    assert slug("Straße  &  Weg") == "strasse-weg"
    assert slug("Ü50 – Netzwerk!") == "u50-netzwerk"
    assert slug("") == slug("€ ") == ""
    assert seat_key("Schulamt für den Kreis") == "schulamt-fur-den-kreis" and seat_key("€") == "sitz"
    # nowhere else a rule of its own (it was written four times with small differences)
    package = Path(__file__).resolve().parents[2] / "herford_tui"
    copies = [
        f"{p.relative_to(package)}"
        for p in package.rglob("*.py")
        if p.name != "fold.py"
        and ("[^a-z0-9]+" in (text := p.read_text(encoding="utf-8")) or "isascii() and ch.isalnum()" in text)
    ]
    assert not copies, copies
