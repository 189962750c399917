"""``herford-tui suche`` reads only the records the words can be in: the same hits and cards as
the whole search, on demo data with namesakes, hostile text and characters the patterns do not
stand for."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herford_tui.cli import main
from herford_tui.commands.quick_search import quick_search
from herford_tui.domain import AgendaItem, Committee, Decision, Meeting, Organisation, Person, Task
from herford_tui.domain.duplicates import EVERY
from herford_tui.domain.models import DecisionResult
from herford_tui.domain.search import narrowed_search, search
from herford_tui.domain.search_index import Kind, index_of, query_words
from herford_tui.domain.search_text import match_card
from herford_tui.domain.snapshot import Snapshot
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
    notes = "Zwiebelkuchen"  # not searched
    store.save(Person(given_name="Birgit", family_name="Möller", notes=notes), confirmed=EVERY)
    store.save(Committee(name="Arbeitskreis ﬁnanzen", short_name="AK Fi"))  # a ligature
    item = AgendaItem(
        "1", f"Haushalt {HOSTILE}", minutes=f"Protokoll: {HOSTILE}",
        decisions=[
            Decision(text="Zuschuss für die Grundschule Bünde"),
            Decision(text="Neubau", result=DecisionResult.ABGELEHNT),
        ],
        tasks=[
            Task(what="Angebot einholen", person_id=jurgen.id, due=TODAY + timedelta(days=7)),
            Task(what="Räume prüfen", done=True),
        ],
    )  # fmt: skip
    store.save(Meeting(committee_id=committee.id, date=TODAY, start_time=time(9), location=HOSTILE, agenda=[item]))
    return path


TYPOS = [
    "Jobcenetr", "Müler", "Mülerr", "Juregn", "Jürgn Müller", "Kreis Herfrod", "Lenkungskries", "Haushlat",
    "Zuschus Bünde", "Grundschle", "Aussenstele", "Strase", "Angebto", "xyzzyq", "Novmber", "Protokol", "einstimig",
]  # fmt: skip
"""Words that start no token anywhere (the whole search matches them fuzzy), with namesakes and umlauts."""
MADE_UP = [
    "November", "Dezember", "märz", "28.11.2026", "28.11.", "5.12.2026", "2026", "einstimmig", "abgelehnt",
    "erledigt", "offen", "Aufgabe", "Beschluss", "protokoll", "Protokoll Haushalt", "Lenkungskreis November",
]  # fmt: skip
"""Words the index makes up (month names, dates, years, results, kind words, a task's state)."""


@pytest.fixture(scope="module")
def whole(demo: Path) -> Snapshot:
    return Store(demo, backups=0, read_only=True).open().snapshot()


QUERIES = [
    "muller", "Mueller Jürgen", "jurgen", "jobcenter", "Jobcenter Lübbecke", "aussenstelle", "strasse", "Straße",
    "lenkungskreis", "Kreishaus", "rot", "fett", "zitat", "Grundschule Bünde", "zuschuss", "angebot", "haushalt",
    "finanzen", "jose", "xyzzyq", "protokoll", "12.3.", "marz", "aus", "Müller Haushalt", "schule", "gymnasium",
    "Jürgen Zuschuss", "muller xyzzyq", "lenkungskreis aussenstelle",
    *TYPOS, *MADE_UP, "Müler Novmber", "Jürgen 28.11.2026", "zwiebelkuchen", "erford",
]  # fmt: skip


@pytest.mark.parametrize("query", QUERIES)
def test_the_quick_search_finds_what_the_whole_search_finds(demo: Path, whole: Snapshot, query: str):
    quick = quick_search(demo, query, 10)
    expected = search(whole, query, limit=10)
    if quick is None:
        return  # the command searches the whole snapshot
    matches, cards = quick
    assert matches == expected
    assert [match_card(m, cards, TODAY) for m in matches] == [match_card(m, whole, TODAY) for m in expected]


@pytest.mark.parametrize(
    "query",
    ["Kreis Herfrod", "Lenkungskreis November", "Jürgen 28.11.2026", "Protokoll Haushalt", "erford", "haushalt",
     "Grundschule Bünde", "Müler Novmber", "angebot", "offen", "Zuschus Bünde", "protokoll", "Beschluss",
     "Aufgabe", "erledigt", "einstimmig", "abgelehnt", "Protokol", "Aufgabe Müller", "Beschluss Haushalt"],
)  # fmt: skip
def test_many_meetings_are_told_from_their_texts_with_the_same_answer(demo: Path, whole: Snapshot, monkeypatch, query):
    """At x10 a common word chooses thousands of meetings: they are then indexed from their decoded
    texts (``MANY``), and only the shown ones decoded whole, each match's agenda item, decision or
    task taken from there."""
    monkeypatch.setattr("herford_tui.commands.quick_search.MANY", 0)
    quick = quick_search(demo, query, 10)
    expected = search(whole, query, limit=10)
    assert quick is not None
    matches, cards = quick
    assert matches == expected
    assert all(m.item is None or any(m.item is item for item in m.record.agenda) for m in matches), (
        "the shown meeting's"
    )
    assert [match_card(m, cards, TODAY) for m in matches] == [match_card(m, whole, TODAY) for m in expected]


NARROWED = [*QUERIES, "a", "au", "m", "2", "ü", "ab", "Nov", "28.", "sch", "b", "protokoll 2026", "aus schule"]
"""Queries for the narrowed index: also single letters and short words that start thousands of tokens."""


@pytest.mark.parametrize("query", NARROWED)
def test_a_narrowed_index_finds_what_the_whole_index_finds(whole: Snapshot, query: str):
    """``suche`` the whole way indexes only the tokens the typed words start (``narrowed_search``);
    None (the whole index is asked) only for a word that starts no token anywhere."""
    for limit in (1, 10, None):
        found = narrowed_search(whole, query, limit)
        if found is None:
            index = index_of(whole)
            assert not all(any(index.kind(k).has_start(w) for k in Kind) for w in query_words(query)), "a typo"
            continue
        assert found == search(whole, query, limit=limit)


@pytest.mark.parametrize("query", ["muller", "jobcenter", "lenkungskreis", "strasse", "Grundschule Bünde"])
def test_plain_words_take_the_quick_way(demo: Path, query: str):
    assert quick_search(demo, query, 10) is not None


def test_words_found_apart_but_never_together_find_nothing_the_quick_way(demo: Path):
    """Each word starts a token somewhere, so the whole search looks for exact starts only, and
    no entry has both: nothing, without reading the whole file."""
    assert quick_search(demo, "Jürgen Zuschuss", 10) == ([], quick_search(demo, "Jürgen Zuschuss", 10)[1])


@pytest.mark.parametrize("query", [*TYPOS, *MADE_UP, "zwiebelkuchen", "erford"])
def test_typos_and_made_up_words_take_the_quick_way(demo: Path, query: str):
    """Found as the whole search finds them (the test above; with ``HERFORD_TUI_VERIFY`` each
    answer is compared), without reading the whole file. "zwiebelkuchen" is only in a person's
    notes and "erford" only inside words: their bytes match, yet they start no token, so the
    whole search takes them for typos too."""
    assert quick_search(demo, query, 10) is not None


@pytest.mark.parametrize("query", ["aus", "ab", "Nov", "aus ab", "rot", "au", "2", "ü"])
@pytest.mark.parametrize("limit", [1, 10])
def test_words_without_two_plain_letters_find_what_the_whole_search_finds(
    demo: Path, whole: Snapshot, query: str, limit: int
):
    """Nothing to look for quickly in the bytes ("o" may be "ö" or "oe"): every meeting is chosen
    (the small tables by their decoded texts), and the answer is the whole search's."""
    found = quick_search(demo, query, limit)
    if found is not None:
        assert found[0] == search(whole, query, limit=limit)
        assert [match_card(m, found[1], TODAY) for m in found[0]] == [match_card(m, whole, TODAY) for m in found[0]]


def test_a_typo_finds_the_namesakes_the_whole_search_finds(demo: Path):
    matches, _ = quick_search(demo, "Müler Jürgn", 10)
    found = {(m.record.given_name, m.record.family_name) for m in matches if isinstance(m.record, Person)}
    assert found >= {("Jürgen", "Müller"), ("Juergen", "MUELLER")}


def test_a_month_finds_the_meetings_of_that_month(demo: Path):
    matches, _ = quick_search(demo, "November 2026 Haushalt", 10)
    assert matches
    assert all(m.record.date.month == 11 for m in matches)


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


def test_the_file_words_hold_every_word_of_the_whole_index(demo: Path):
    """A typo is told by the file's words (``search_raw.file_words``): they must hold every token
    the whole search's index holds, or a word would be taken for a typo that the search finds."""
    from herford_tui.domain.search_index import Kind, index_of
    from herford_tui.domain.search_raw import file_words
    from herford_tui.store.partial import SearchFile

    file = SearchFile.open(demo)
    assert file is not None
    people, meetings = file.person_texts(), file.meeting_texts()
    words = set(file_words(file.snapshot, people.values(), meetings.values()).vocabulary)
    whole = Store(demo, backups=0, read_only=True).open().snapshot()
    index = index_of(whole)
    for kind in Kind:
        assert set(index.kind(kind).vocabulary) <= words, kind


def test_the_made_up_words_of_a_meeting_are_all_its_entries_have_beside_stored_text(demo: Path):
    """``made_up_meetings`` chooses the meetings for a month, a date or a label by
    ``search_index.made_up_words``: every token of a meeting's entries that is not stored text
    must be among them."""
    from herford_tui.domain.search_index import Kind, index_of, made_up_words, tokens

    whole = Store(demo, backups=0, read_only=True).open().snapshot()
    names = {t for c in whole.committees.values() for text in (c.name, c.short_name) for t in tokens(text)}
    names |= {t for p in whole.persons.values() for text in (p.family_name, p.given_name) for t in tokens(text)}
    index = index_of(whole)
    for kind in (Kind.MEETING, Kind.AGENDA_ITEM, Kind.MINUTES, Kind.DECISION, Kind.TASK):
        per_kind = index.kind(kind)
        for position, entry in enumerate(per_kind.entries):
            m = entry.record
            assert isinstance(m, Meeting)
            texts = [m.location, m.minutes]
            for item in m.agenda:
                texts += [item.title, item.minutes, *(d.text for d in item.decisions), *(t.what for t in item.tasks)]
            stored = names | {t for text in texts for t in tokens(text)}
            made_up = {token for token, _ in per_kind.terms[position]} - stored
            assert made_up <= made_up_words(m), (kind, m.id)


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_stored_word_with_a_typo_finds_what_the_whole_search_finds(demo: Path, whole: Snapshot, data: st.DataObject):
    """Any stored word (or a made-up one) with a letter left out, doubled, swapped or changed,
    alone or beside another word: the quick answer is the whole one."""
    from herford_tui.domain.search_index import Kind, index_of

    vocabulary = sorted({w for kind in Kind for w in index_of(whole).kind(kind).vocabulary if w[:1].isalpha()})
    word = data.draw(st.sampled_from(vocabulary))
    at = data.draw(st.integers(0, len(word) - 1))
    letter = data.draw(st.sampled_from("aeioubnrsäöüß"))
    edits = [word[:at] + word[at + 1 :], word[:at] + letter + word[at:], word[:at] + letter + word[at + 1 :]]
    if at + 1 < len(word):
        edits.append(word[:at] + word[at + 1] + word[at] + word[at + 2 :])
    query = data.draw(st.sampled_from(edits))
    if data.draw(st.booleans()):
        query += " " + data.draw(st.sampled_from(vocabulary))
    found = quick_search(demo, query, 10)
    if found is not None:
        assert found[0] == search(whole, query, limit=10), query


@pytest.mark.parametrize("limit", [1, 2, 5])
@pytest.mark.parametrize("query", ["November", "2026", "Lenkungskreis", "Lenkungskreis 2026", "28.11.2026", "Novmber"])
def test_the_first_hits_from_the_first_kinds_are_the_whole_answer(
    demo: Path, whole: Snapshot, monkeypatch, query: str, limit: int
):
    """When the first hits of committees, persons, organisations and meetings all have the most
    points a hit can have, the later kinds are not indexed: the answer is the same."""
    import herford_tui.commands.quick_search as quick

    taken = []
    original = quick._first_kinds

    def spy(*args):
        found = original(*args)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(quick, "_first_kinds", spy)
    found = quick_search(demo, query, limit)
    assert found is not None
    assert found[0] == search(whole, query, limit=limit)
    if query in ("November", "2026") and limit == 1:
        assert taken == [True], "the newest meeting of November (of 2026) has the most points"


FIRST_HITS = [
    "protokoll", "aus", "Nov", "ab", "Haushalt", "bericht", "November", "2026", "Lenkungskreis", "Protokoll Haushalt",
    "muller", "Müler", "sitzung", "der", "rot", "Beschluss", "zuschuss", "Angebot", "erledigt", "Kreishaus", "28.11.",
    "Tagesordnung", "protokoll 2026", "aus schule", "Novmber", "xyzzyq", "erford", "Kreis Herfrod", "Kreis Herford",
    "Neubau Angebot", "Haushalt Neubau", "Angebot offen", "Neubau abgelehnt", "Angebot Jürgen", "Räume Müller",
]  # fmt: skip
"""Words whose first hits may be agenda items of the newest meetings, or of the first kinds."""


@pytest.mark.parametrize("limit", [1, 3, 10])
@pytest.mark.parametrize("query", FIRST_HITS)
def test_the_first_hits_of_the_newest_meetings_are_the_whole_answer(
    demo: Path, whole: Snapshot, monkeypatch, query: str, limit: int
):
    """With many chosen meetings (here: any), the hits of the most points any entry can have are
    looked for in the first kinds and then in the agenda items of the newest meetings, a batch at a
    time (here: one meeting, then two, …): the answer is the whole one, cards included."""
    import herford_tui.commands.quick_first as first
    import herford_tui.commands.quick_search as quick

    monkeypatch.setattr(quick, "MANY", 0)
    monkeypatch.setattr(first, "BATCH", 1)
    found = quick_search(demo, query, limit)
    expected = search(whole, query, limit=limit)
    assert found is not None
    assert found[0] == expected
    assert all(m.item is None or any(m.item is item for item in m.record.agenda) for m in found[0])
    assert [match_card(m, found[1], TODAY) for m in found[0]] == [match_card(m, whole, TODAY) for m in expected]


@pytest.mark.parametrize("limit", [1, 3, 10])
def test_the_first_kinds_answer_when_no_later_entry_can_have_as_many_points(
    demo: Path, whole: Snapshot, monkeypatch, limit: int
):
    """A typo beside a word, "Kreis Herfrod": organisations "… Kreis Herford" (and their persons)
    have more points than any meeting or agenda item can have, so they are the answer without
    indexing an agenda (at x10 10,000 meetings at "Kreishaus Herford")."""
    import herford_tui.commands.quick_first as first
    import herford_tui.commands.quick_search as quick

    monkeypatch.setattr(quick, "MANY", 0)
    answered, newest = [], []
    original_first, original_newest = first.first_hits, first._newest

    def first_hits(*args):
        hits = original_first(*args)
        answered.append(hits is not None)
        return hits

    def spy_newest(*args):
        newest.append(args)
        return original_newest(*args)

    monkeypatch.setattr(first, "first_hits", first_hits)
    monkeypatch.setattr(first, "_newest", spy_newest)
    found = quick_search(demo, "Kreis Herfrod", limit)
    expected = search(whole, "Kreis Herfrod", limit=limit)
    assert found is not None
    assert found[0] == expected
    assert answered == [True]
    assert not newest, "no agenda item indexed"
    assert all(m.kind <= Kind.ORGANISATION for m in expected)


def test_words_in_different_entries_of_one_meeting_leave_its_agenda_out(demo: Path, whole: Snapshot):
    """An entry of an agenda (the item, its minutes, a decision, a task) must hold every word:
    "Neubau" is a decision and "Angebot" a task of the same item, so no entry of that meeting's
    agenda can match both (at x10 "aus schule": 3,000 meetings hold both words, no one entry).
    A decision's result, a task's person or state and the meeting's committee and date count for
    the entry that has them."""
    from herford_tui.domain.search_raw import Hits, Rule, agenda_may_match, made_up_start, searched_part

    meeting = next(m for m in whole.meetings.values() if any(d.text == "Neubau" for i in m.agenda for d in i.decisions))
    committee = meeting.committee_id
    jurgen = next(t.person_id for item in meeting.agenda for t in item.tasks if t.what == "Angebot einholen")
    nothing: frozenset[int] = frozenset()

    def rule(word: str, committees: frozenset[int] = nothing, persons: frozenset[int] = nothing) -> Rule:
        hits = Hits(committees, nothing, persons, nothing)
        return Rule(lambda token: token.startswith(word), hits, made_up_start(word))

    def may_match(*rules: Rule) -> bool:
        found = agenda_may_match(meeting, rules)
        assert agenda_may_match(searched_part(meeting.id, meeting), rules) == found, "the same from the texts"
        return found

    assert may_match(rule("neubau"))
    assert not may_match(rule("neubau"), rule("angebot"))
    assert not may_match(rule("zuschuss"), rule("raume"))
    assert may_match(rule("neubau"), rule("abgelehnt"))  # the decision's result
    assert not may_match(rule("zuschuss"), rule("abgelehnt"))  # another decision's
    assert may_match(rule("angebot"), rule("offen"))  # the task's state
    assert not may_match(rule("angebot"), rule("erledigt"))
    assert may_match(rule("raume"), rule("erledigt"), rule("haushalt"))  # the item's title is in each entry
    assert may_match(rule("angebot"), rule("jurg", persons=frozenset({jurgen})))  # the task's person
    assert not may_match(rule("neubau"), rule("jurg", persons=frozenset({jurgen})))
    assert may_match(rule("neubau"), rule("angebot", committees=frozenset({committee})))  # the committee's name
    assert may_match(rule("neubau"), rule("beschluss"), rule("november"), rule("2026"))  # kind word, date words
    assert not may_match(rule("neubau"), rule("aufgabe"))
    for query in ("Neubau Angebot", "Zuschuss Räume", "Neubau abgelehnt", "Angebot Jürgen", "Neubau Jürgen"):
        found = quick_search(demo, query, 10)
        assert found is not None
        assert found[0] == search(whole, query, limit=10), query


@pytest.mark.parametrize(("query", "limit"), [("protokoll", 3), ("aus", 3), ("protokoll", 10)])
def test_a_common_word_is_answered_from_the_newest_meetings(demo: Path, whole: Snapshot, monkeypatch, query, limit):
    """The agenda items "Protokoll der letzten Sitzung" and "Bericht aus …" are in nearly every
    meeting: the first hits come from the newest meetings, without indexing the others."""
    import herford_tui.commands.quick_first as first
    import herford_tui.commands.quick_search as quick

    monkeypatch.setattr(quick, "MANY", 0)
    answered = []
    original_first = first.first_hits

    def first_hits(*args):
        hits = original_first(*args)
        answered.append(hits is not None)
        return hits

    monkeypatch.setattr(first, "first_hits", first_hits)
    found = quick_search(demo, query, limit)
    assert found is not None
    assert found[0] == search(whole, query, limit=limit)
    assert answered == [True]
    assert all(m.kind is Kind.AGENDA_ITEM for m in found[0])


def test_the_name_words_hold_every_word_that_names_an_entry(whole: Snapshot, demo: Path):
    """``quick_first`` takes the most points an entry of a kind can have from the words that name
    entries of that kind (``search_raw.name_words``): every token with a name bonus in the whole
    index's kind must be among them, a name's first word (the bigger bonus) among the first words."""
    from herford_tui.domain.search_index import AT_START, IN_NAME
    from herford_tui.domain.search_raw import name_words
    from herford_tui.store.partial import SearchFile

    file = SearchFile.open(demo)
    assert file is not None
    names = name_words(file.snapshot, file.person_texts().values(), file.meeting_texts().values())
    index = index_of(whole)
    for kind in Kind:
        first, named = names[kind]
        terms = {pair for entry in index.kind(kind).terms for pair in entry}
        assert {token for token, bonus in terms if bonus == AT_START} <= set(first.vocabulary), kind
        assert {token for token, bonus in terms if bonus >= IN_NAME} <= set(named.vocabulary), kind


@pytest.mark.parametrize(
    ("word", "expected"),
    [("protokoll", 8), ("aus", 7), ("kreishaus", 6), ("proto", 5), ("berichte", 7), ("them", 4), ("kreis", 3)],
)
def test_the_most_points_a_word_can_earn(word: str, expected: int):
    """A whole word where a name begins (8), inside a name (7), elsewhere (6); a word start where a
    name begins (5), inside one (4), elsewhere (3)."""
    from herford_tui.commands.quick_first import most_earned
    from herford_tui.domain.search_index import KindIndex

    first = KindIndex.of_words(["protokoll", "prototyp", "bericht"])
    named = KindIndex.of_words(["protokoll", "prototyp", "bericht", "aus", "berichte", "themen"])
    every = KindIndex.of_words([*named.vocabulary, "kreishaus", "berichtet"])
    assert most_earned(word, None, first, named, lambda: every) == expected
    assert most_earned(word, None, first, named, None) == max(expected, 6), "without the file's words: a bound"


@pytest.mark.parametrize(
    ("close", "expected"), [(["protokoll"], 2), (["themen", "kreishaus"], 1), (["kreishaus"], 0), ([], 0)]
)
def test_the_most_points_a_typo_can_earn(close: list[str], expected: int):
    """A typo matches only its close words: where a name begins (2), inside one (1), elsewhere (0)."""
    from herford_tui.commands.quick_first import most_earned
    from herford_tui.domain.search_index import KindIndex

    first = KindIndex.of_words(["protokoll", "prototyp", "bericht"])
    named = KindIndex.of_words(["protokoll", "prototyp", "bericht", "aus", "berichte", "themen"])
    assert most_earned("typo", close, first, named, None) == expected


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_word_start_finds_the_whole_answer_from_the_newest_meetings(
    demo: Path, whole: Snapshot, data: st.DataObject
):
    """Any start of any indexed word, alone or beside another word, at any limit: the way of the
    newest meetings (``quick_first``, taken here for any number of chosen meetings) answers as the
    whole search does."""
    import herford_tui.commands.quick_first as first
    import herford_tui.commands.quick_search as quick

    vocabulary = sorted({w for kind in Kind for w in index_of(whole).kind(kind).vocabulary})
    word = data.draw(st.sampled_from(vocabulary))
    query = word[: data.draw(st.integers(1, len(word)))]
    if data.draw(st.booleans()):
        query += " " + data.draw(st.sampled_from(vocabulary))
    limit = data.draw(st.sampled_from([1, 3, 10]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quick, "MANY", 0)
        patch.setattr(first, "BATCH", 1)
        found = quick_search(demo, query, limit)
    if found is not None:
        assert found[0] == search(whole, query, limit=limit), query
