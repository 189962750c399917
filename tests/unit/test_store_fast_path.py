"""The fast path (msgspec decode, spliced writes) reads and writes the same JSON as the general one.

Every test in the suite also runs with ``HERFORD_TUI_VERIFY=1`` (tests/conftest.py), which
checks each fast read and each spliced write against the general path; these tests pin the
cases that matter for existing databases and colleagues on older versions.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from herford_tui.domain import Meeting, Organisation, Person
from herford_tui.store import Store
from herford_tui.store import store as store_module
from herford_tui.store.codec import TYPES, decode
from herford_tui.store.demo import write_demo
from herford_tui.store.files import encode_json_stdlib
from herford_tui.store.image import FileImage

# Every test here also runs as users run the store: without the general-path check (issue 20.7).
pytestmark = pytest.mark.usefixtures("both_verify_modes")


def general_records(raw: bytes) -> dict[str, dict[int, object]]:
    """What the store before the fast path read: stdlib json and the Python codec."""
    data = json.loads(raw)
    return {
        table: {int(k): decode(cls, doc, doc_id=int(k)) for k, doc in data.get(table, {}).items()}
        for table, cls in TYPES.items()
    }


def records_of(store: Store) -> dict[str, dict[int, object]]:
    snapshot = store.snapshot()
    return {table: dict(getattr(snapshot, table)) for table in TYPES}


def demo_file(folder: Path) -> Path:
    path = folder / "demo.json"
    write_demo(Store(path).open(), size="small", seed=1, today=date(2026, 11, 28))
    return path


def test_demo_data_is_read_the_same_both_ways(tmp_path: Path):
    path = demo_file(tmp_path)
    raw = path.read_bytes()
    assert FileImage.read(raw) is not None, "the demo file takes the fast path"
    assert records_of(Store(path).open()) == general_records(raw)


def test_a_file_of_the_old_writer_is_read_and_written_back_compact(tmp_path: Path):
    path = demo_file(tmp_path)
    data = json.loads(path.read_bytes())
    path.write_bytes(encode_json_stdlib(data))  # what the store wrote before orjson and msgspec
    store = Store(path).open()
    assert records_of(store) == general_records(path.read_bytes())
    person = next(iter(store.snapshot().persons.values()))
    store.save(dataclasses.replace(person, notes="neu"))
    raw = path.read_bytes()
    after = json.loads(raw)
    assert raw == encode_json_stdlib(after), "an old version writes these very bytes for this data"
    assert after["persons"][str(person.id)]["notes"] == "neu"
    for table in ("committees", "memberships", "meetings", "organisations"):
        assert after[table] == data[table], f"{table}: untouched records keep their JSON"


def test_a_file_tinydb_wrote_with_its_own_storage_is_read(tmp_path: Path):
    """Spaces after separators (TinyDB's JSONStorage) are not compact: the general path reads them."""
    source = demo_file(tmp_path)
    data = json.loads(source.read_bytes())
    path = tmp_path / "tinydb.json"
    db = TinyDB(path, storage=JSONStorage, indent=2)
    db.storage.write(data)
    db.close()
    raw = path.read_bytes()
    assert FileImage.read(raw) is None
    store = Store(path).open()
    assert records_of(store) == general_records(raw)
    organisation = next(iter(store.snapshot().organisations.values()))
    store.save(dataclasses.replace(organisation, phone="05221 1"))
    assert FileImage.read(path.read_bytes()) is not None, "written compact from then on"


def test_a_value_only_the_codec_takes_goes_the_general_way(store: Store, db_path: Path):
    """msgspec wants RFC 3339 times ("10:00:00"); the codec also reads "10:00", as files may hold."""
    committee = next(iter(store.snapshot().committees))
    saved = store.save(Meeting(committee_id=committee, date=date(2026, 11, 28)))
    data = json.loads(db_path.read_bytes())
    data["meetings"][str(saved.id)]["start_time"] = "10:00"
    db_path.write_bytes(encode_json_stdlib(data))
    meeting = Store(db_path).open().snapshot().meetings[saved.id]
    assert meeting.start_time is not None and meeting.start_time.hour == 10


def test_a_colleagues_save_decodes_only_what_changed(tmp_path: Path):
    path = demo_file(tmp_path)
    mine, theirs = Store(path).open(), Store(path).open()
    before = mine.snapshot()
    person = next(iter(theirs.snapshot().persons.values()))
    theirs.save(dataclasses.replace(person, function="Leitung"))
    after = mine.snapshot()
    assert after.persons[person.id].function == "Leitung"
    other = next(p for p in after.persons.values() if p.id != person.id)
    assert other is before.persons[other.id], "an unchanged record is taken over, not decoded"
    meeting_id = next(iter(after.meetings))
    assert after.meetings[meeting_id] is before.meetings[meeting_id], "an unchanged table is taken over"


def test_a_save_without_the_fast_path_gives_the_same_file(tmp_path: Path, monkeypatch):
    """Two copies of one file, the same saves: spliced, and read the general way every time."""
    path_a, path_b = tmp_path / "a" / "db.json", tmp_path / "b" / "db.json"
    source = demo_file(tmp_path)
    for path in (path_a, path_b):
        path.parent.mkdir()
        path.write_bytes(source.read_bytes())
    fast = Store(path_a).open()

    def run(store: Store) -> None:
        person = store.save(Person(family_name="Neu", given_name="Nina"))
        org = next(iter(store.snapshot().organisations.values()))
        store.save_all([dataclasses.replace(person, notes="zwei"), dataclasses.replace(org, notes="drei")])
        store.delete(store.get(Person, person.id))

    run(fast)
    monkeypatch.setattr(store_module, "_fast_load", lambda raw, previous, general=None: None)
    run(Store(path_b).open())
    a, b = json.loads(path_a.read_bytes()), json.loads(path_b.read_bytes())
    for data in (a, b):  # the times of day differ between the two runs
        data["meta"]["1"].pop("log_head", None)  # a hash over the log's entries, times included
        for table in data.values():
            for doc in table.values():
                doc.pop("created", None)
                doc.pop("modified", None)
    assert a == b


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["add", "edit", "delete"]), TEXT), min_size=1, max_size=8))
def test_any_sequence_of_saves_leaves_the_records_the_store_reports(tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("seq") / "db.json"
    store = Store(path).open(seed={})
    expected: dict[int, Organisation] = {}
    for action, text in steps:
        if action == "add" or not expected:
            saved = store.save(Organisation(name=f"Org {len(expected)} {text}", notes=text))
            expected[saved.id] = saved
        elif action == "edit":
            org = expected[min(expected)]
            expected[org.id] = store.save(dataclasses.replace(org, notes=text))
        else:
            org = expected.pop(max(expected))
            store.delete(org)
        raw = path.read_bytes()
        assert general_records(raw)["organisations"] == expected
        assert Store(path).open().snapshot().organisations == expected


def test_msgspec_encodes_every_record_as_the_python_codec(tmp_path: Path):
    from herford_tui.store.codec import encode, encode_plain

    snapshot = Store(demo_file(tmp_path)).open().snapshot()
    for table in TYPES:
        for record in getattr(snapshot, table).values():
            fast, plain = encode(record), encode_plain(record)
            assert fast == plain and list(fast) == list(plain)


def test_a_record_longer_than_the_text_limit_in_bytes_takes_the_fast_path(store: Store, db_path: Path):
    """A meeting with many agenda items is over 100,000 bytes, each text within its limit."""
    from herford_tui.domain import AgendaItem

    committee = next(iter(store.snapshot().committees))
    agenda = [AgendaItem(number=str(n), title=f"Punkt {n}", notes="x" * 9_000) for n in range(1, 15)]
    saved = store.save(Meeting(committee_id=committee, date=date(2026, 11, 28), agenda=agenda))
    raw = db_path.read_bytes()
    assert len(raw) > 100_000 and FileImage.read(raw) is not None
    assert Store(db_path).open().snapshot().meetings[saved.id].agenda == agenda


def test_a_foreign_long_text_the_codec_ignores_still_opens(store: Store, db_path: Path):
    """A field the codec does not know is kept as it is; the general path reads the file."""
    data = json.loads(db_path.read_bytes())
    first = next(iter(data["committees"]))
    data["committees"][first]["fremd"] = "y" * 150_000
    db_path.write_bytes(encode_json_stdlib(data))
    assert FileImage.read(db_path.read_bytes()) is None
    reopened = Store(db_path).open()
    assert int(first) in reopened.snapshot().committees
