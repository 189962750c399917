"""The one search: folding (Müller = Mueller = muller), word starts, fuzzy fallback, ranking, meetings."""

from __future__ import annotations

import gc
from datetime import date

import pytest

from herford_tui.domain import AgendaItem, Committee, Meeting, Membership, Organisation, OrgType, Person, Snapshot
from herford_tui.domain.search import Kind, find_organisations, find_persons, search
from herford_tui.domain.search_index import index_of, query_words


def _snapshot() -> Snapshot:
    orgs = [
        Organisation(id=1, name="Gemeinde Kirchlengern", type=OrgType.VERWALTUNG, municipality="Kirchlengern"),
        Organisation(id=2, name="Stadt Enger", type=OrgType.VERWALTUNG, municipality="Enger"),
        Organisation(id=3, name="Enger Sportverein", type=OrgType.SPORT, municipality="Enger"),
        Organisation(id=10, name="Grundschule Dünne", type=OrgType.SCHULE, municipality="Bünde"),
        Organisation(id=11, name="Gymnasium am Markt", type=OrgType.SCHULE, municipality="Bünde"),
        Organisation(id=12, name="Berufskolleg Bünde", type=OrgType.SCHULE, municipality="Bünde"),
        Organisation(id=13, name="Förderschule Ennigloh", type=OrgType.SCHULE, municipality="Bünde"),
        Organisation(id=14, name="Musikschule Bünde", type=OrgType.AUSSERSCHULISCH, municipality="Bünde"),
        Organisation(id=15, name="Gymnasium Löhne", type=OrgType.SCHULE, municipality="Löhne"),
        Organisation(id=16, name="Jobcenter", type=OrgType.ARBEITSVERWALTUNG),
        Organisation(id=17, name="Amt für Straßenbau", type=OrgType.VERWALTUNG, municipality="Herford"),
    ]
    persons = [
        Person(id=1, given_name="Anna", family_name="Bergmann"),
        Person(id=2, given_name="Berta", family_name="Engel"),
        Person(id=3, given_name="Carl", family_name="Muster", function="Schulleitung Enger"),
        Person(id=4, given_name="Birgit", family_name="Müller", organisation_id=16),
        Person(id=5, given_name="Jens", family_name="Fischer", function="Referent"),
        Person(id=6, given_name="Ute", family_name="Schröder-Müller"),
    ]
    committees = [
        Committee(id=1, name="Lenkungskreis", short_name="LK", order=2),
        Committee(id=2, name="Regionales Leitungsteam", short_name="Leitungsteam", order=3),
    ]
    memberships = [Membership(id=1, person_id=5, committee_id=1, seat_key="x", start=date(2025, 1, 1))]
    meetings = [
        Meeting(
            id=1,
            committee_id=1,
            date=date(2026, 3, 12),
            location="Kreishaus Herford, Sitzungssaal",
            agenda=[AgendaItem("1", "Übergang Schule – Beruf"), AgendaItem("2", "Haushalt")],
        ),
        Meeting(id=2, committee_id=2, date=date(2026, 12, 3), location="Online"),
    ]
    return Snapshot(
        committees={c.id: c for c in committees},
        organisations={o.id: o for o in orgs},
        persons={p.id: p for p in persons},
        memberships={m.id: m for m in memberships},
        meetings={m.id: m for m in meetings},
    )


def names(found) -> list[str]:
    return [getattr(r, "name", None) or r.full_name for r in found]


@pytest.mark.parametrize("typed", ["Müller", "muller", "mueller", "MUELLER", "mül", "Muel"])
def test_umlauts_and_transcriptions_find_the_same_person(typed):
    found = find_persons(_snapshot(), typed)
    assert [p.id for p in found][:2] == [4, 6]


def test_strasse_finds_strasse_with_eszett():
    assert names(find_organisations(_snapshot(), "strasse")) == ["Amt für Straßenbau"]
    assert names(find_organisations(_snapshot(), "STRASSENBAU")) == ["Amt für Straßenbau"]


def test_first_and_family_name_typed_partly_in_any_order():
    assert [p.id for p in find_persons(_snapshot(), "Birgit Mul")] == [4]
    assert [p.id for p in find_persons(_snapshot(), "mül birg")] == [4]


def test_a_word_must_start_a_word_not_sit_inside_one():
    # "enger" is inside "Kirchlengern" but starts no word of it
    assert names(find_organisations(_snapshot(), "enger")) == ["Enger Sportverein", "Stadt Enger"]
    assert find_organisations(_snapshot(), "stadt bünde") == []


def test_every_word_must_match_and_limit_applies():
    snapshot = _snapshot()
    assert names(find_organisations(snapshot, "stadt enger")) == ["Stadt Enger"]
    assert len(find_organisations(snapshot, "g", limit=2)) == 2


def test_name_ranks_before_function_and_start_of_name_before_later_words():
    found = [p.family_name for p in find_persons(_snapshot(), "eng")]
    assert found == ["Engel", "Muster"]  # Muster only through the function "… Enger"
    # Müller starts the name; Schröder-Müller has it as second word
    assert [p.family_name for p in find_persons(_snapshot(), "muller")] == ["Müller", "Schröder-Müller"]


def test_whole_word_beats_word_start():
    found = names(find_organisations(_snapshot(), "gymnasium"))
    assert found == ["Gymnasium am Markt", "Gymnasium Löhne"]
    assert names(
        search(_snapshot(), "Leitungsteam", kinds=[Kind.COMMITTEE])[0:1]
        and [search(_snapshot(), "Leitungsteam", kinds=[Kind.COMMITTEE])[0].record]
    ) == ["Regionales Leitungsteam"]


def test_buende_schule_finds_every_kind_of_school_and_no_music_school():
    found = names(find_organisations(_snapshot(), "Bünde Schule", limit=None))
    assert sorted(found) == ["Berufskolleg Bünde", "Förderschule Ennigloh", "Grundschule Dünne", "Gymnasium am Markt"]
    assert names(find_organisations(_snapshot(), "Bünde Musikschule")) == ["Musikschule Bünde"]


def test_a_typo_finds_the_close_word_but_only_when_nothing_starts_with_it():
    assert [p.family_name for p in find_persons(_snapshot(), "Fsicher")] == ["Fischer"]
    assert [p.family_name for p in find_persons(_snapshot(), "Jens Fischre")] == ["Fischer"]
    assert find_persons(_snapshot(), "Fsi") == []  # too short to guess
    # "berg" starts a word ("Bergmann"): taken literally, no fuzzy "Berta"
    assert [p.family_name for p in find_persons(_snapshot(), "berg")] == ["Bergmann"]


def test_exact_then_word_start_then_fuzzy_order():
    snapshot = Snapshot(
        persons={
            1: Person(id=1, given_name="A", family_name="Meierhof"),
            2: Person(id=2, given_name="B", family_name="Meier"),
        }
    )
    assert [p.family_name for p in find_persons(snapshot, "meier")] == ["Meier", "Meierhof"]


def test_a_date_finds_the_meeting_and_its_agenda_items():
    snapshot = _snapshot()
    for typed in ("12.3.", "12.03.", "12.3.2026", "12.03.26", "12.3"):
        meetings = [m.record.id for m in search(snapshot, typed, kinds=[Kind.MEETING])]
        assert meetings == [1], typed
    assert [m.record.id for m in search(snapshot, "3.12.", kinds=[Kind.MEETING])] == [2]
    assert [m.record.id for m in search(snapshot, "März", kinds=[Kind.MEETING])] == [1]
    assert [m.record.id for m in search(snapshot, "marz lenkungskreis", kinds=[Kind.MEETING])] == [1]
    assert [m.record.id for m in search(snapshot, "Leitungsteam Dezember", kinds=[Kind.MEETING])] == [2]
    assert [m.record.id for m in search(snapshot, "Sitzungssaal", kinds=[Kind.MEETING])] == [1]


def test_agenda_items_by_title_with_committee():
    found = search(_snapshot(), "Übergang LK", kinds=[Kind.AGENDA_ITEM])
    assert [(m.record.id, m.item.title if m.item else "") for m in found] == [(1, "Übergang Schule – Beruf")]


def test_global_search_orders_kinds_on_equal_points():
    found = search(_snapshot(), "Lenkungskreis")
    kinds = [m.kind for m in found]
    assert kinds[0] is Kind.COMMITTEE
    assert Kind.MEETING in kinds and Kind.PERSON in kinds  # Fischer sits in the Lenkungskreis
    person = next(m for m in found if m.kind is Kind.PERSON)
    assert found.index(person) > kinds.index(Kind.MEETING)  # a member ranks below the committee's own name


def test_empty_text_lists_everything_in_german_order():
    found = names(find_organisations(_snapshot(), "", limit=None))
    assert found[:3] == ["Amt für Straßenbau", "Berufskolleg Bünde", "Enger Sportverein"]
    assert len(found) == 11


def test_query_words_fold_and_read_dates():
    assert query_words("Müller-Lüdenscheidt  Straße") == ["muller", "ludenscheidt", "strasse"]
    assert query_words("12.03.") == ["12.3."]
    assert query_words("1.2.26") == ["1.2.2026"]


def test_index_is_built_once_per_snapshot_and_dropped_with_it():
    # What earlier tests left in this process (in a full run a million objects, mostly the Pilot
    # tests' garbage) out of the collector's pass below, which then walks this test's objects only.
    gc.freeze()
    try:
        snapshot = _snapshot()
        first = index_of(snapshot)
        assert index_of(snapshot) is first
        changed = snapshot.with_changes([Person(id=7, given_name="Neu", family_name="Person")])
        assert index_of(changed) is not first
        assert [p.id for p in find_persons(changed, "Neu")] == [7]
        from herford_tui.domain import search_index

        key = id(snapshot)
        del snapshot, first
        gc.collect()
        assert key not in search_index._indexes
    finally:
        gc.unfreeze()
