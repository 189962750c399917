"""A typed word's byte pattern finds every stored text the search finds it in (``domain/search_raw.py``):
the quick ``suche`` may look at more records than match, never at fewer."""

from __future__ import annotations

import orjson
from hypothesis import example, given, settings
from hypothesis import strategies as st

from herford_tui.domain.models import OrgType
from herford_tui.domain.search_index import tokens
from herford_tui.domain.search_raw import HIDDEN_BYTES, made_up_start, raw_pattern, types_named, unsure

TRICKY = 'aeiousßẞäöüÄÖÜéÉèàçñøłĳﬁＡ\u0301\u0308\u00ad\xa0„“–…·€\x1b\x00"\\/\n\tKſ²½ſ'
texts = st.text(alphabet=st.sampled_from(TRICKY + "bcdfghklmnprtzAEOUS .-'0123456789_．"), max_size=40)


def file_bytes(text: str) -> bytes:
    """``text`` as the store writes it (orjson, compact), ASCII lowered as ``SearchFile`` looks at it."""
    return orjson.dumps({"1": {"name": text, "notes": "x"}}).lower()


def non_ascii(raw: bytes) -> set[str]:
    return {c for c in raw.decode() if not c.isascii()}


@settings(max_examples=400, deadline=None)
@given(texts)
@example("Müller-Lüdenscheidt")
@example("Straße")
@example("MUELLER")
@example("Michael")
@example("\x1aelefant")
@example("Mül\x1bler")
@example("Zu\u00adkunft")
@example("Kaffee aee oee")
@example("Grüße\u0308")
@example("am 12．3.2026 um 9.30")
def test_every_word_start_of_a_stored_text_is_found_in_its_bytes(text: str):
    raw = file_bytes(text)
    chars = non_ascii(raw)
    if unsure(set(text) & chars) or any(hidden in raw for hidden in HIDDEN_BYTES):
        return  # a record with such a character is always looked at (SearchFile.holding)
    for token in tokens(text):
        for end in range(1, len(token) + 1):
            word = token[:end]
            pattern = raw_pattern(word, chars)
            if pattern is None:
                continue  # an open word: every record is looked at
            assert pattern.anchor in raw, (text, word)
            assert pattern.pattern.search(raw) is not None, (text, word, pattern)


def test_made_up_words_are_found_apart_and_short_anchors_filter_nothing():
    assert raw_pattern("marz", set()) is not None, "stored text may hold it too"
    assert made_up_start("marz"), "a month name: the index makes it up from a date"
    assert made_up_start("protokoll") and made_up_start("offen") and made_up_start("einstimmig")
    assert made_up_start("12"), "dates and years"
    assert raw_pattern("28.11.2026", set()) is not None
    assert raw_pattern("aus", set()) is None, "no two plain letters to look for"
    assert raw_pattern("jobcenter", set()) is not None
    assert not made_up_start("jobcenter")


def test_the_label_of_an_organisation_type_names_its_organisations():
    assert OrgType.ARBEITSVERWALTUNG in types_named("jobcenter")
    assert types_named("xyz") == set()


def test_unsure_characters_are_those_the_patterns_do_not_stand_for():
    assert unsure(set("äöüßÄé„“–…\xa0")) == set()
    assert unsure(set("ﬁ\u0301ł²")) == set("ﬁ\u0301ł²")
