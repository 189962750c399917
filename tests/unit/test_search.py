"""Typing part of a name finds the record, word starts first."""

from __future__ import annotations

from herford_tui.domain import Organisation, Person, Snapshot
from herford_tui.domain.search import find_organisations, find_persons


def _snapshot() -> Snapshot:
    orgs = [
        Organisation(id=1, name="Gemeinde Kirchlengern", municipality="Kirchlengern"),
        Organisation(id=2, name="Stadt Enger", municipality="Enger"),
        Organisation(id=3, name="Enger Sportverein", municipality="Enger"),
    ]
    persons = [
        Person(id=1, given_name="Anna", family_name="Bergmann"),
        Person(id=2, given_name="Berta", family_name="Engel"),
        Person(id=3, given_name="Carl", family_name="Muster", function="Schulleitung Enger"),
    ]
    return Snapshot(organisations={o.id: o for o in orgs}, persons={p.id: p for p in persons})


def test_name_start_then_word_start_then_inside():
    names = [o.name for o in find_organisations(_snapshot(), "enger")]
    assert names == ["Enger Sportverein", "Stadt Enger", "Gemeinde Kirchlengern"]


def test_every_word_must_match_and_limit_applies():
    snapshot = _snapshot()
    assert [o.name for o in find_organisations(snapshot, "stadt enger")] == ["Stadt Enger"]
    assert find_organisations(snapshot, "stadt bünde") == []
    assert len(find_organisations(snapshot, "e", limit=2)) == 2


def test_persons_by_family_name_first_then_function():
    found = [p.family_name for p in find_persons(_snapshot(), "eng")]
    assert found == ["Engel", "Muster"]  # Muster only through the function "… Enger"
    assert [p.family_name for p in find_persons(_snapshot(), "anna berg")] == ["Bergmann"]
