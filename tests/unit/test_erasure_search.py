"""The erasure's pre-check (``domain/erasure_search.py``): where it says a text cannot name a
value, the scrub changes nothing, whatever the case, ß/ẞ/ss, escapes and JSON writer."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any
from unittest import mock

import msgspec
import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from herford_tui.domain import erasure_search
from herford_tui.domain.dsgvo import scrub_text, scrub_value
from herford_tui.domain.erasure_search import Needles, fold_bytes
from herford_tui.domain.models import AgendaItem, Meeting, Task

WRITERS: dict[str, Callable[[Any], bytes]] = {
    "orjson": orjson.dumps,
    "msgspec": msgspec.json.encode,
    "json": lambda value: json.dumps(value, ensure_ascii=False).encode(),
    "json ascii": lambda value: json.dumps(value).encode(),  # a foreign writer: \u00fc for ü
}
FORMS = (
    lambda n: n,
    str.upper,
    str.lower,
    str.casefold,
    str.title,
    lambda n: n.replace("ß", "ss"),
    lambda n: n.replace("ß", "ẞ"),
    lambda n: n.upper().replace("SS", "ß"),
)
"""Ways a value may be written in a text that folding makes the same."""

TEXT = st.text(max_size=12)
NEEDLE = st.text(min_size=1, max_size=8) | st.sampled_from(["Weißhaupt", "Straße", "Ölçer", "Σίσυφος", "ﬁsch"])


@st.composite
def text_with(draw: st.DrawFn, needle: str) -> str:
    """Mostly a text that holds some form of ``needle`` between arbitrary characters."""
    if draw(st.booleans()):
        return draw(TEXT)
    form = draw(st.sampled_from(FORMS))(needle)
    return draw(TEXT) + form + draw(st.sampled_from(["", " ", ".", "x", "ß", "\n"])) + draw(TEXT)


@st.composite
def case(draw: st.DrawFn) -> tuple[str, str]:
    needle = draw(NEEDLE)
    return needle, draw(text_with(needle))


@settings(deadline=None)  # no timing: a loaded CI machine must not fail it
@given(st.text())
@example("Weißhaupt ẞ İstanbul ﬃ K Σ ŉ")
def test_fold_bytes_is_casefold(text: str):
    assert fold_bytes(text.encode()) == text.casefold().encode()


@settings(max_examples=200, deadline=None)
@given(st.lists(NEEDLE, min_size=1, max_size=3), st.data())
def test_folding_only_the_letters_of_the_values_finds_what_folding_everything_finds(needles, data):
    text = data.draw(text_with(data.draw(st.sampled_from(needles))))
    search = Needles(needles)
    raw = orjson.dumps(text)
    assert search.in_json(raw) == any(n in fold_bytes(raw) for n in (*search.folded, b"\\u", b"\\/"))


@settings(max_examples=300, deadline=None)
@given(case(), st.sampled_from(sorted(WRITERS)))
@example(("Weißhaupt", "WEISSHAUPT war da"), "orjson")
@example(("Müller", "M\u00dcLLER"), "json ascii")
@example(("a\tb", 'x "a\tb" y'), "msgspec")
def test_a_text_the_pre_check_passes_over_is_not_changed_by_the_scrub(pair: tuple[str, str], writer: str):
    needle, text = pair
    if not Needles([needle]).in_json(WRITERS[writer](text)):
        assert scrub_text(text, [needle]) is text


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_record_the_pre_check_passes_over_is_not_changed_by_the_scrub(data: st.DataObject):
    needles = data.draw(st.lists(NEEDLE, min_size=1, max_size=3))
    texts = [data.draw(text_with(data.draw(st.sampled_from(needles)))) for _ in range(6)]
    meeting = Meeting(
        id=1,
        committee_id=2,
        date=date(2026, 3, 12),
        notes=texts[0],
        guests=texts[1:3],
        agenda=[AgendaItem(number="1", title=texts[3], tasks=[Task(what=texts[4])], minutes=texts[5])],
    )
    search = Needles(needles)
    if not search.in_value(meeting):
        assert scrub_value(meeting, needles) is meeting
    doc = orjson.loads(orjson.dumps(meeting))  # a raw record of a file (backups, copies)
    if not search.in_json(orjson.dumps(doc)):
        assert scrub_value(doc, needles) is doc


def test_the_pre_check_passes_over_text_without_the_value():
    search = Needles(["Weißhaupt", "q.weisshaupt@example.org"])
    assert not search.in_json(orjson.dumps({"notes": "Weisshau pt", "guests": ["Weiß"]}))
    assert search.in_json(orjson.dumps({"notes": "Gespräch mit WEISSHAUPT"}))
    assert search.in_json(orjson.dumps({"notes": "Q.WeissHaupt@Example.org"}))
    assert search.in_json(b'{"notes": "Wei\\u00dfhaupt"}')  # escaped by a foreign writer
    assert not Needles([]).in_json(b'{"notes": "Wei\\u00dfhaupt"}')


@pytest.mark.parametrize("raw", [b"\xff\xfe", b'{"a": "\xc3"}'])
def test_bytes_that_are_not_utf8_are_taken_as_naming(raw: bytes):
    assert Needles(["Weißhaupt"]).in_json(raw)


ODD_TEXTS = st.sampled_from([b"\x00", b'"a\x00b"', b"\xff", b'"\\u00fc"', b'"\\\\U"', b""])
"""Texts no JSON writer of the program makes: the separator itself, not UTF-8, a foreign escape."""


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_searching_all_texts_in_one_finds_exactly_what_one_by_one_would(data: st.DataObject):
    needle = data.draw(NEEDLE)
    texts = data.draw(st.lists(st.none() | ODD_TEXTS | st.builds(orjson.dumps, text_with(needle)), max_size=20))
    search = Needles([needle])
    one_by_one = [i for i, t in enumerate(texts) if t is None or search.in_json(t)]
    lines = [t for t in texts if t is not None and b"\n" not in t]
    values = data.draw(st.lists(text_with(needle), max_size=8))
    for chunk in (erasure_search.CHUNK, data.draw(st.integers(1, 40))):  # in one, and a few bytes at a time
        with mock.patch.object(erasure_search, "CHUNK", chunk):
            assert search.which(texts) == one_by_one
            assert search.lines(b"\n".join(lines)) == [i for i, t in enumerate(lines) if search.in_json(t)]
            assert search.naming(values) == [v for v in values if search.in_json(msgspec.json.encode(v))]


@pytest.mark.parametrize(
    ("needle", "text"),
    [
        ("Krüger-Niemann", "KRÜGER-NIEMANN"),  # Ü folds to ü: the ASCII runs stand as they are
        ("Krüger-Niemann", "KRÜGER-NIEMAN"),  # a run missing: nothing to replace, no hit
        ("Weißhaupt", "WEISSHAUPT und Weiß"),  # ß folds to ss, ASCII: every text folded
        ("kate", "\u212aATE Ünal"),  # the Kelvin sign folds to k
        ("istanbul", "İSTANBUL Ü"),  # İ folds to i and a combining dot
        ("ölçer", "ÖLÇER"),  # no ASCII run
        ("mail@example.org", "MAIL@EXAMPLE.ORG Ü"),  # ASCII only, beside a character that folds
        ("Müller", 'x \\u00dc "M\\u00fcller"'),  # a foreign escape
    ],
)
def test_the_search_in_one_finds_what_folding_each_text_finds(needle: str, text: str):
    search = Needles([needle])
    for raw in (text.encode(), orjson.dumps(text), orjson.dumps([text, "Ü"])):
        expected = search.in_json(raw)
        assert search.which([raw]) == ([0] if expected else [])
        assert search.lines(raw) == ([0] if expected else [])
