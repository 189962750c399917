"""``herford-tui suche`` reads only the records the words can be in: the same hits and cards as
the whole search, on demo data with namesakes, hostile text and characters the patterns do not
stand for."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest

from herford_tui.cli import main
from herford_tui.commands.quick_search import quick_search
from herford_tui.domain import AgendaItem, Committee, Decision, Meeting, Organisation, Person, Task
from herford_tui.domain.duplicates import EVERY
from herford_tui.domain.search import search
from herford_tui.domain.search_text import match_card
from herford_tui.store import Store
from herford_tui.store.demo import write_demo

TODAY = date(2026, 11, 28)
HOSTILE = '\x1b[31mRot\x1b[0m [b]fett[/b] \u202eumgekehrt \x7f\x9b „Zitat“ \\ " Straße'


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("quick") / "demo.json"
    store = Store(path).open()
    write_demo(store, size="small", seed=4, today=TODAY)
    snapshot = store.snapshot()
    committee = next(c for c in snapshot.committees.values() if c.name == "Lenkungskreis")
    org = store.save(Organisation(name="Jobcenter Außenstelle Lübbecke"), confirmed=EVERY)
    jurgen = store.save(Person(given_name="Jürgen", family_name="Müller", organisation_id=org.id), confirmed=EVERY)
    store.save(Person(given_name="Juergen", family_name="MUELLER", function=HOSTILE), confirmed=EVERY)
    store.save(Person(given_name="José", family_name="Mu\u0308ller"), confirmed=EVERY)  # a combining mark
    store.save(Committee(name="Arbeitskreis ﬁnanzen", short_name="AK Fi"))  # a ligature
    item = AgendaItem(
        "1", f"Haushalt {HOSTILE}", minutes=f"Protokoll: {HOSTILE}",
        decisions=[Decision(text="Zuschuss für die Grundschule Bünde")],
        tasks=[Task(what="Angebot einholen", person_id=jurgen.id, due=TODAY + timedelta(days=7))],
    )  # fmt: skip
    store.save(Meeting(committee_id=committee.id, date=TODAY, start_time=time(9), location=HOSTILE, agenda=[item]))
    return path


QUERIES = [
    "muller", "Mueller Jürgen", "jurgen", "jobcenter", "Jobcenter Lübbecke", "aussenstelle", "strasse", "Straße",
    "lenkungskreis", "Kreishaus", "rot", "fett", "zitat", "Grundschule Bünde", "zuschuss", "angebot", "haushalt",
    "finanzen", "jose", "xyzzyq", "protokoll", "12.3.", "marz", "aus", "Müller Haushalt", "schule", "gymnasium",
    "Jürgen Zuschuss", "muller xyzzyq", "lenkungskreis aussenstelle",
]  # fmt: skip


@pytest.mark.parametrize("query", QUERIES)
def test_the_quick_search_finds_what_the_whole_search_finds(demo: Path, query: str):
    whole = Store(demo, backups=0, read_only=True).open().snapshot()
    quick = quick_search(demo, query, 10)
    expected = search(whole, query, limit=10)
    if quick is None:
        return  # the command searches the whole snapshot
    matches, cards = quick
    assert matches == expected
    assert [match_card(m, cards, TODAY) for m in matches] == [match_card(m, whole, TODAY) for m in expected]


@pytest.mark.parametrize("query", ["muller", "jobcenter", "lenkungskreis", "strasse", "Grundschule Bünde"])
def test_plain_words_take_the_quick_way(demo: Path, query: str):
    assert quick_search(demo, query, 10) is not None


def test_words_found_apart_but_never_together_find_nothing_the_quick_way(demo: Path):
    """Each word starts a token somewhere, so the whole search looks for exact starts only, and
    no entry has both: nothing, without reading the whole file."""
    assert quick_search(demo, "Jürgen Zuschuss", 10) == ([], quick_search(demo, "Jürgen Zuschuss", 10)[1])


@pytest.mark.parametrize("query", ["xyzzyq", "protokoll", "12.3.", "aus"])
def test_typos_made_up_words_and_short_words_take_the_whole_way(demo: Path, query: str):
    assert quick_search(demo, query, 10) is None


@pytest.mark.parametrize("query", ["mueller", "jobcenter", "Haushalt rot", "strasse", "xyzzyq"])
def test_suche_prints_what_it_printed_from_the_whole_store(runner, demo: Path, monkeypatch, query: str):
    quick = runner.invoke(main, ["suche", "--db", str(demo), "--max", "20", *query.split()])
    monkeypatch.setattr("herford_tui.commands.quick_search.quick_search", lambda *_: None)
    whole = runner.invoke(main, ["suche", "--db", str(demo), "--max", "20", *query.split()])
    assert quick.exit_code == whole.exit_code
    assert quick.output == whole.output
    assert "\x1b" not in quick.output


def test_a_file_with_escaped_letters_takes_the_whole_way(demo: Path, tmp_path: Path):
    """Another JSON writer may write "Müller" as "M\\u00fcller": not in the bytes as the patterns
    look for it, so the quick way steps aside."""
    import json

    path = tmp_path / "ascii.json"
    path.write_text(json.dumps(json.loads(demo.read_bytes()), ensure_ascii=True, separators=(",", ":")))
    assert quick_search(path, "muller", 10) is None
    assert quick_search(demo, "muller", 10) is not None


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("persons", "organisation_id", "x"),
        ("memberships", "committee_id", "x"),
        ("meetings", "agenda", 5),
        ("meetings", "committee_id", "x"),
        ("committees", "name", 5),
    ],
)
def test_a_broken_record_gets_the_whole_stores_german_message(runner, demo: Path, tmp_path: Path, table, field, value):
    import json

    data = json.loads(demo.read_bytes())
    for record in data[table].values():
        record[field] = value
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    assert quick_search(path, "muller", 10) is None
    result = runner.invoke(main, ["suche", "--db", str(path), "muller"])
    assert result.exit_code == 2
    assert f"Tabelle „{table}“" in result.output
