"""orjson reads and writes the file: the same JSON as the stdlib encoder wrote before, both ways."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herford_tui.domain import Organisation, Person
from herford_tui.store import CorruptFileError, Store, StoreError
from herford_tui.store import files as files_module
from herford_tui.store.files import encode_json, encode_json_stdlib

HOSTILE = [
    "Müller-Lüdenscheidt",
    "Straße",
    'Zitat "innen" und \\Backslash\\',
    "Zeile 1\nZeile 2\r\tTab",
    "\x1b]0;title\x07\x1b[2J",
    "\x9b31m \x00 \x7f",
    "\u202erechts nach links\u202c",
    "\u2028\u2029",
    "\u200b",
    "🙂 emoji",
    "[/b][@click=app.quit]x[/]",
    "a" * 10_000,
]


def sample(texts: list[str]) -> dict:
    return {
        "meta": {"1": {"schema": 1, "counters": {"persons": len(texts)}}},
        "persons": {
            str(i): {"family_name": text, "rev": i, "organisation_id": None, "flag": True, "n": 2**62}
            for i, text in enumerate(texts, start=1)
        },
    }


def test_old_and_new_encoder_write_the_same_bytes():
    data = sample(HOSTILE)
    old, new = encode_json_stdlib(data), encode_json(data)
    assert old == new
    assert json.loads(new) == orjson.loads(old) == data


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.characters(exclude_categories=["Cs"])), min_size=1, max_size=5))
def test_any_text_encodes_identically(texts: list[str]):
    data = sample(texts)
    assert encode_json(data) == encode_json_stdlib(data)
    assert orjson.loads(encode_json_stdlib(data)) == json.loads(encode_json(data)) == data


def test_file_written_by_the_old_encoder_is_read_by_the_new_store(db_path: Path, monkeypatch):
    monkeypatch.setattr(files_module, "encode_json", encode_json_stdlib)
    old_store = Store(db_path).open(seed={})
    ids = [old_store.save(Person(family_name=f"P{i}", notes=text)).id for i, text in enumerate(HOSTILE)]
    old_bytes = db_path.read_bytes()
    monkeypatch.undo()

    new_store = Store(db_path).open()
    assert [new_store.get(Person, i).notes for i in ids] == HOSTILE
    # Saving something else with the new encoder leaves the old records byte for byte.
    new_store.save(Organisation(name="neu"))
    assert json.loads(db_path.read_bytes())["persons"] == json.loads(old_bytes)["persons"]


def test_file_written_by_the_new_store_is_read_by_the_stdlib(db_path: Path):
    store = Store(db_path).open(seed={})
    for i, text in enumerate(HOSTILE):
        store.save(Person(family_name=f"P{i}", notes=text))
    raw = db_path.read_bytes()
    data = json.loads(raw.decode("utf-8"))
    assert [p["notes"] for p in data["persons"].values()] == HOSTILE
    assert encode_json_stdlib(data) == raw


def test_lone_surrogate_is_refused_in_german(empty_store: Store, db_path: Path):
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="ungültiges Zeichen"):
        empty_store.save(Person(family_name="B\udce4rbel"))
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"persons": {"1": {"family_name": NaN}}}', "Zeile 1, Spalte 35: Wert erwartet"),
        (b'{"persons": {"1": {"n": 1e999}}}', "Zahl zu groß"),
        (b'{"persons": {"1": {"family_name": "\\ud800"}}}', "ungültiges Zeichen (einzelnes Surrogat)"),
        (b'{"persons": {"1": {"family_name": "A",}}}', "JSON-Fehler in Zeile 1, Spalte 39: Feldname erwartet"),
        (b'{"persons": {"1": {"family_name": "A"}}', "JSON-Fehler in Zeile 1, Spalte 40: Komma erwartet"),
        (b'{"persons": \xff}', "keine UTF-8-Textdatei (Byte 12)"),
    ],
)
def test_parse_errors_keep_their_german_words(db_path: Path, content: bytes, words: str):
    db_path.write_bytes(content)
    with pytest.raises(CorruptFileError) as info:
        Store(db_path).open()
    assert words in str(info.value)
    assert db_path.read_bytes() == content


def test_duplicate_ids_are_still_found(db_path: Path):
    store = Store(db_path).open(seed={})
    store.save(Person(family_name="A"))
    store.save(Person(family_name="B"))
    raw = db_path.read_bytes().replace(b'"2":{"', b'"1":{"', 1)
    db_path.write_bytes(raw)
    with pytest.raises(CorruptFileError, match="Eintragsnummer 1 kommt in einer Tabelle doppelt vor"):
        Store(db_path).open()


def test_a_record_round_trips(empty_store: Store):
    saved = empty_store.save(Person(family_name="Ä" * 100, notes="x\u2028y"))
    assert dataclasses.replace(Store(empty_store.path).open().get(Person, saved.id)) == saved
