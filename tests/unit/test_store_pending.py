"""The app's start leaves a large meetings table pending: decoded when first asked for.

The first screen gets one committee's meetings without the rest being decoded; every reader
then sees the same records as an eager open; a record that does not decode is refused in
German, and no write begins before the whole table is decoded.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from herford_tui.domain import Meeting, Organisation
from herford_tui.store import CorruptFileError, Store
from herford_tui.store import typed as typed_module
from herford_tui.store.demo import write_demo
from herford_tui.store.files import encode_json
from herford_tui.store.store import VERIFY_ENV


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "demo.json"
    write_demo(Store(path).open(), size="small", seed=1, today=date(2026, 11, 28))
    monkeypatch.setattr(typed_module, "DEFER_FROM", 0)  # the small demo counts as large
    monkeypatch.delenv(VERIFY_ENV)  # the check against the general path would decode at once
    return path


def test_one_committees_meetings_come_without_decoding_the_table(demo: Path):
    eager = Store(demo).open().snapshot()
    snapshot = Store(demo, defer=True).open().snapshot()
    assert snapshot.is_pending("meetings")
    assert snapshot.record_count() == eager.record_count()
    for committee_id in eager.committees:
        assert snapshot.meetings_of(committee_id) == eager.meetings_of(committee_id)
    assert snapshot.is_pending("meetings"), "no committee's meetings decoded the whole table"
    first = snapshot.meetings_of(next(iter(eager.committees)))
    assert snapshot.meetings == eager.meetings
    assert not snapshot.is_pending("meetings")
    assert all(snapshot.meetings[m.id] is m for m in first), "decoded once: the same records"


def test_one_years_meetings_come_without_decoding_the_table(demo: Path):
    """The year overview right after the start: that year's records only, the same as decoded whole."""
    eager = Store(demo).open().snapshot()
    snapshot = Store(demo, defer=True).open().snapshot()
    years = sorted({m.date.year for m in eager.meetings.values() if m.date})
    assert len(years) > 1
    for year in [years[0] - 1, *years]:
        assert snapshot.meetings_in_year(year) == eager.meetings_in_year(year)
    assert snapshot.is_pending("meetings"), "no year's meetings decoded the whole table"
    assert snapshot.meetings == eager.meetings


def test_a_year_asked_of_records_laid_out_otherwise_takes_the_whole_table(demo: Path):
    data = json.loads(demo.read_bytes())
    doc_id, doc = next(iter(data["meetings"].items()))
    data["meetings"][doc_id] = {"date": doc.pop("date"), **doc}  # not the store's own layout
    demo.write_bytes(encode_json(data))
    eager = Store(demo).open().snapshot()
    snapshot = Store(demo, defer=True).open().snapshot()
    year = eager.meetings[int(doc_id)].date.year
    assert snapshot.meetings_in_year(year) == eager.meetings_in_year(year)


def test_one_committees_meetings_come_in_date_order_whatever_the_file_order(demo: Path):
    data = json.loads(demo.read_bytes())
    data["meetings"] = dict(reversed(data["meetings"].items()))  # the newest first in the file
    demo.write_bytes(encode_json(data))
    eager = Store(demo).open().snapshot()
    snapshot = Store(demo, defer=True).open().snapshot()
    committee_id = max(eager.committees, key=lambda c: len(eager.meetings_of(c)))
    assert len(eager.meetings_of(committee_id)) > 1
    assert snapshot.meetings_of(committee_id) == eager.meetings_of(committee_id)
    assert snapshot.is_pending("meetings")


def test_a_snapshot_made_from_a_pending_one_shares_the_decoding(demo: Path):
    snapshot = Store(demo, defer=True).open().snapshot()
    changed = snapshot.with_changes([Organisation(id=10_000, name="Neu")])
    assert changed.is_pending("meetings") and snapshot.is_pending("meetings")
    assert changed.meetings is snapshot.meetings


def test_a_record_only_the_codec_takes_is_read_the_general_way(demo: Path):
    data = json.loads(demo.read_bytes())
    doc_id, doc = next((k, d) for k, d in data["meetings"].items() if d.get("start_time"))
    doc["start_time"] = doc["start_time"][:5]  # "10:00": msgspec wants "10:00:00"
    demo.write_bytes(encode_json(data))
    snapshot = Store(demo, defer=True).open().snapshot()
    assert snapshot.is_pending("meetings")
    assert snapshot.meetings == Store(demo).open().snapshot().meetings
    assert snapshot.meetings[int(doc_id)].start_time is not None


def test_a_record_that_does_not_decode_is_refused_before_any_write(demo: Path):
    data = json.loads(demo.read_bytes())
    doc = next(iter(data["meetings"].values()))
    doc["date"] = "kein Datum"
    demo.write_bytes(encode_json(data))
    with pytest.raises(CorruptFileError):
        Store(demo).open()  # an eager open refuses the file
    store = Store(demo, defer=True).open()
    before = demo.read_bytes()
    with pytest.raises(CorruptFileError, match="meetings"):
        store.save(Organisation(name="Neue Organisation"))
    assert demo.read_bytes() == before, "nothing written"
    with pytest.raises(CorruptFileError):
        store.snapshot().meetings  # noqa: B018 - the readers get the same German error


def test_a_write_decodes_the_pending_meetings_first(demo: Path):
    store = Store(demo, defer=True).open()
    snapshot = store.snapshot()
    committee_id = next(iter(snapshot.committees))
    saved = store.save(Meeting(committee_id=committee_id, date=date(2026, 12, 1)))
    assert not snapshot.is_pending("meetings")
    assert store.snapshot().meetings[saved.id] == saved
    assert store.snapshot().meetings == Store(demo).open().snapshot().meetings


def test_the_membership_indexes_of_the_decoding_pass_equal_those_built_on_use(demo: Path):
    from herford_tui.domain import Snapshot

    for defer in (False, True):
        snapshot = Store(demo, defer=defer).open().snapshot()
        built = Snapshot(memberships=dict(snapshot.memberships))
        for name in ("_memberships_by_committee", "_memberships_by_person"):
            assert name in snapshot.__dict__, "built while decoding"
            assert snapshot.__dict__[name] == getattr(built, name)


def test_the_tables_checked_later_are_checked_before_any_write(demo: Path):
    """A second record under one id: the start shows the file, the check after it refuses it."""
    raw = demo.read_bytes()
    start = raw.index(b'"persons":{') + len(b'"persons":{')
    end = raw.index(b"},", start) + 1  # the first person, "1":{...}
    demo.write_bytes(raw[:end] + b"," + raw[start:end] + raw[end:])
    with pytest.raises(CorruptFileError, match="doppelt"):
        Store(demo).open()
    store = Store(demo, defer=True).open()
    before = demo.read_bytes()
    with pytest.raises(CorruptFileError, match="doppelt"):
        store.save(Organisation(name="Neue Organisation"))
    assert demo.read_bytes() == before
    with pytest.raises(CorruptFileError, match="doppelt"):
        store.complete()


def test_a_table_that_is_not_compact_is_read_again_the_general_way(demo: Path):
    raw = demo.read_bytes()
    at = raw.index(b'"memberships":{') + len(b'"memberships":{')
    demo.write_bytes(raw[:at] + b" " + raw[at:])  # legal JSON, not the compact layout
    eager = Store(demo).open().snapshot()
    store = Store(demo, defer=True).open()
    assert store.snapshot().memberships == eager.memberships
    store.complete()
    assert store.snapshot() == eager
    store.save(Organisation(name="Neue Organisation"))
    assert b'"memberships":{ ' not in demo.read_bytes(), "written compact"


def test_records_in_another_key_order_are_grouped_by_decoding_their_committee(demo: Path):
    data = json.loads(demo.read_bytes())
    doc_id, doc = next(iter(data["meetings"].items()))
    data["meetings"][doc_id] = {"date": doc.pop("date"), **doc}  # not the store's own layout
    demo.write_bytes(encode_json(data))
    eager = Store(demo).open().snapshot()
    snapshot = Store(demo, defer=True).open().snapshot()
    committee_id = eager.meetings[int(doc_id)].committee_id
    assert snapshot.meetings_of(committee_id) == eager.meetings_of(committee_id)
    assert snapshot.is_pending("meetings")


def test_one_committees_meetings_do_not_wait_for_the_whole_table(demo: Path, monkeypatch: pytest.MonkeyPatch):
    """A tab shown while the thread decodes the table gets its meetings at once."""
    import threading

    snapshot = Store(demo, defer=True).open().snapshot()
    eager = Store(demo).open().snapshot()
    parked, go_on = threading.Event(), threading.Event()

    def pause() -> None:  # the decoding thread stops in the middle, holding its lock
        parked.set()
        go_on.wait(60)

    monkeypatch.setattr(typed_module, "PAUSE_EVERY", 1)
    monkeypatch.setattr(typed_module, "_pause", pause)
    decoding = threading.Thread(target=lambda: snapshot.meetings)
    decoding.start()
    try:
        assert parked.wait(60)
        committee_id = max(eager.committees, key=lambda c: len(eager.meetings_of(c)))
        found: list[object] = []
        asking = threading.Thread(target=lambda: found.append(snapshot.meetings_of(committee_id)))
        asking.start()
        asking.join(60)
        assert found == [eager.meetings_of(committee_id)], "answered while the table is being decoded"
    finally:
        go_on.set()
        decoding.join(60)
    assert snapshot.meetings == eager.meetings


def test_the_first_screens_look_ups_come_without_decoding_persons_and_memberships(demo: Path):
    """A committee's roster, its members' other committees and the deputies: each record decoded alone."""
    eager = Store(demo).open().snapshot()
    snapshot = Store(demo, defer=True).open().snapshot()
    assert snapshot.is_pending("persons") and snapshot.is_pending("memberships")
    today = date(2026, 11, 28)
    asked = []
    for committee_id in eager.committees:
        assert snapshot.memberships_of(committee_id) == eager.memberships_of(committee_id)
        assert snapshot.memberships_of(committee_id, today) == eager.memberships_of(committee_id, today)
        for m in eager.memberships_of(committee_id):
            assert snapshot.membership(m.id) == m
            assert snapshot.person(m.person_id) == eager.persons.get(m.person_id)
            assert snapshot.memberships_of_person(m.person_id) == eager.memberships_of_person(m.person_id)
            assert snapshot.deputies_of(m.id, today) == eager.deputies_of(m.id, today)
            asked.append(snapshot.membership(m.id))
    assert snapshot.person(10**9) is None and snapshot.membership(10**9) is None
    assert snapshot.memberships_of(10**9) == [] and snapshot.memberships_of_person(10**9) == []
    assert snapshot.is_pending("persons") and snapshot.is_pending("memberships"), "nothing decoded whole"
    assert snapshot.record_count() == eager.record_count()
    assert snapshot.persons == eager.persons
    assert snapshot.memberships == eager.memberships
    assert not snapshot.is_pending("persons") and not snapshot.is_pending("memberships")
    assert all(snapshot.memberships[m.id] is m for m in asked), "decoded once: the same records"
    for name in ("_memberships_by_committee", "_memberships_by_person"):
        assert snapshot.__dict__[name] == getattr(eager, name), "the indexes come with the decoding pass"


def test_a_write_decodes_every_pending_table_first(demo: Path):
    store = Store(demo, defer=True).open()
    snapshot = store.snapshot()
    assert snapshot.pending
    store.save(Organisation(name="Neue Organisation"))
    assert not snapshot.pending
    assert store.snapshot() == Store(demo).open().snapshot()


def test_a_snapshot_made_from_one_with_pending_persons_shares_them(demo: Path):
    snapshot = Store(demo, defer=True).open().snapshot()
    changed = snapshot.with_changes([Organisation(id=10_000, name="Neu")])
    assert changed.is_pending("persons") and changed.is_pending("memberships")
    assert changed.persons is snapshot.persons
    assert changed.memberships is snapshot.memberships
    assert changed.memberships_of_person(next(iter(changed.persons))) is not None


@pytest.mark.parametrize("table", ["persons", "memberships"])
def test_a_pending_record_that_does_not_decode_is_refused_before_any_write(demo: Path, table: str):
    data = json.loads(demo.read_bytes())
    doc = next(iter(data[table].values()))
    doc["rev"] = "keine Zahl"
    demo.write_bytes(encode_json(data))
    with pytest.raises(CorruptFileError):
        Store(demo).open()
    store = Store(demo, defer=True).open()
    before = demo.read_bytes()
    with pytest.raises(CorruptFileError, match=table):
        store.save(Organisation(name="Neue Organisation"))
    assert demo.read_bytes() == before, "nothing written"
    with pytest.raises(CorruptFileError):
        getattr(store.snapshot(), table)


def test_a_membership_only_the_codec_takes_is_read_the_general_way(demo: Path):
    data = json.loads(demo.read_bytes())
    doc_id, doc = next((k, d) for k, d in data["memberships"].items() if d.get("start"))
    doc["start"] = doc["start"].replace("-", "")  # "20201030": msgspec wants RFC 3339, the codec takes ISO 8601
    demo.write_bytes(encode_json(data))
    eager = Store(demo).open().snapshot()
    snapshot = Store(demo, defer=True).open().snapshot()
    committee_id = eager.memberships[int(doc_id)].committee_id
    assert snapshot.memberships_of(committee_id) == eager.memberships_of(committee_id)
    assert snapshot.memberships == eager.memberships


def test_every_meetings_tally_comes_without_decoding_the_table(demo: Path):
    """The Auswertung right after the start: decisions and open tasks of every meeting, read
    from the bytes, as the decoded records count them."""
    data = json.loads(demo.read_bytes())
    doc = next(iter(data["meetings"].values()))
    tasks = [{"what": "Einladen", "due": "2026-12-01"}, {"what": "Protokoll", "done": True}, {"what": "Raum"}]
    doc["agenda"] = [{"number": "1", "title": "Haushalt", "decisions": [{"text": "Beschlossen"}], "tasks": tasks}]
    demo.write_bytes(encode_json(data))
    eager = Store(demo).open().snapshot()
    snapshot = Store(demo, defer=True).open().snapshot()
    tallies = Counter(snapshot.meeting_tallies())
    assert snapshot.is_pending("meetings"), "the tallies decoded no record whole"
    assert tallies == Counter(eager.meeting_tallies())
    assert any(t.decisions for t in tallies) and any(t.open_dues for t in tallies) and any(t.cancelled for t in tallies)
    assert Counter(snapshot.meeting_tallies()) == tallies, "the same once the table is decoded"


def test_tallies_of_a_record_that_does_not_decode_are_refused_in_german(demo: Path):
    data = json.loads(demo.read_bytes())
    next(iter(data["meetings"].values()))["date"] = "kein Datum"
    demo.write_bytes(encode_json(data))
    snapshot = Store(demo, defer=True).open().snapshot()
    with pytest.raises(CorruptFileError, match="meetings"):
        snapshot.meeting_tallies()


def test_a_colleagues_save_read_while_persons_and_memberships_are_pending(demo: Path):
    """Another process saves before the start's thread decoded the pending tables: the store reads
    the new file against the pending snapshot and gets what a fresh open gets."""
    import dataclasses

    from herford_tui.domain import Person

    store = Store(demo, defer=True).open()
    before = store.snapshot()
    assert before.is_pending("persons") and before.is_pending("memberships")
    person = next(iter(Store(demo).open().snapshot().persons.values()))
    Store(demo).open().save(dataclasses.replace(person, family_name="Neuname"))
    after = store.snapshot()
    assert after is not before
    assert after.persons[person.id].family_name == "Neuname"
    assert after == Store(demo).open().snapshot()
    store.save(Person(given_name="Noch", family_name="Eine"))  # and writing still works
    assert store.snapshot() == Store(demo).open().snapshot()


def test_many_look_ups_of_pending_records_decode_the_table_once(demo: Path, monkeypatch: pytest.MonkeyPatch):
    """An export asks for every committee's members: past a few lists (or records) the whole
    table is decoded in one pass instead of each record found alone; the answers stay the same."""
    monkeypatch.setattr(typed_module, "GROUPS_ALONE", 2)
    monkeypatch.setattr(typed_module, "ALONE", 5)
    eager = Store(demo).open().snapshot()
    snapshot = Store(demo, defer=True).open().snapshot()
    committees = list(eager.committees)
    assert snapshot.memberships_of(committees[0]) == eager.memberships_of(committees[0])
    assert not snapshot.__dict__["memberships"].done
    for committee_id in committees:
        assert snapshot.memberships_of(committee_id) == eager.memberships_of(committee_id)
    assert snapshot.__dict__["memberships"].done, "decoded whole after a few lists"
    for person_id in eager.persons:
        assert snapshot.person(person_id) == eager.persons[person_id]
    assert snapshot.__dict__["persons"].done, "decoded whole after a few records"
    assert snapshot.persons == eager.persons and snapshot.memberships == eager.memberships


def test_tables_decoded_a_few_records_a_call_equal_an_eager_open(demo: Path, monkeypatch: pytest.MonkeyPatch):
    """The pending tables, the year's meetings and the tallies are decoded ``PAUSE_EVERY`` records
    a call (three here: many calls, the last one short); a record decoded alone before is kept."""
    monkeypatch.setattr(typed_module, "PAUSE_EVERY", 3)
    eager = Store(demo).open().snapshot()
    snapshot = Store(demo, defer=True).open().snapshot()
    year = next(m.date.year for m in eager.meetings.values() if m.date)
    assert snapshot.meetings_in_year(year) == eager.meetings_in_year(year)
    assert Counter(snapshot.meeting_tallies()) == Counter(eager.meeting_tallies())
    alone = snapshot.membership(next(iter(eager.memberships)))
    assert snapshot.is_pending("memberships") and snapshot.is_pending("meetings")
    for name in ("persons", "memberships", "meetings"):
        assert getattr(snapshot, name) == getattr(eager, name)
        assert list(getattr(snapshot, name)) == list(getattr(eager, name)), "in the file's order"
    assert snapshot.memberships[alone.id] is alone
