"""A backup cleaned in its bytes (``raw_erasure.scrub_bytes``) is byte for byte the file that
decoding it whole, erasing every record and encoding it again gives; a file that is not compact
takes that general way, and one that is no database is refused as before."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from herford_tui.domain import Meeting, MeetingAttendance, Membership, Person, Role
from herford_tui.store import Store
from herford_tui.store.errors import CorruptFileError
from herford_tui.store.files import encode_json, parse
from herford_tui.store.raw_erasure import scrub_bytes, scrub_data

DAY = date(2026, 11, 28)
LATER = date(2027, 2, 1)
NEEDLES = ("Quirina Weißhaupt", "Weißhaupt, Quirina", "q.weisshaupt@example.org", "05221 987654")


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, int]:
    store = Store(tmp_path / "herford.json").open()
    committee = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    person = store.save(Person(given_name="Quirina", family_name="Weißhaupt", email="q.weisshaupt@example.org"))
    person = store.save(dataclasses.replace(person, phone="05221 987654", notes="vormittags"))
    store.save(Person(given_name="Ute", family_name="Weiß", notes="Gespräch mit QUIRINA WEISSHAUPT"))
    otto = store.save(Person(given_name="Otto", family_name="Anders", notes="nichts"))
    seat = store.save(
        Membership(person_id=person.id, committee_id=committee.id, seat_key="landrat", start=DAY, notes="privat")
    )
    # what the erasure ends (``erasure_end.ending``): a deputy of her seat, a seat not yet begun,
    # a later meeting she attends and where she stands in
    store.save(
        Membership(
            person_id=otto.id, committee_id=committee.id, seat_key="landrat", role=Role.STELLVERTRETUNG,
            deputy_of=seat.id, start=DAY,
        )
    )  # fmt: skip
    store.save(Membership(person_id=person.id, committee_id=committee.id, seat_key="bildungsbuero", start=LATER))
    attendance = [MeetingAttendance(person.id), MeetingAttendance(otto.id, deputy_id=person.id)]
    store.save(Meeting(committee_id=committee.id, date=LATER, attendance=attendance))
    store.save(Meeting(committee_id=committee.id, date=DAY, notes="Rückfragen an Q.WEISSHAUPT@example.org\x1b[31m"))
    return store.path, person.id


def joined(pieces: bytes | list[bytes | memoryview] | None) -> bytes | None:
    return pieces if pieces is None or isinstance(pieces, bytes) else b"".join(pieces)


def whole(raw: bytes, path: Path, person_id: int) -> bytes | None:
    data = parse(raw, path, list)
    cleaned = scrub_data(data, person_id, NEEDLES, DAY)
    return None if cleaned == data else encode_json(cleaned)


def test_cleaning_in_the_bytes_gives_the_bytes_of_cleaning_the_whole(saved):
    path, person_id = saved
    raw = path.read_bytes()
    cleaned = joined(scrub_bytes(raw, path, person_id, NEEDLES, DAY))
    assert cleaned is not None and cleaned == whole(raw, path, person_id)
    text = cleaned.decode().casefold()
    assert "weißhaupt".casefold() not in text and "privat" not in text and "05221 987654" not in text
    assert scrub_bytes(cleaned, path, person_id, NEEDLES, DAY) is None  # nothing left to change
    data = parse(cleaned, path, list)
    assert sorted(m.get("end") for m in data["memberships"].values()) == [DAY.isoformat()] * 2  # the future seat went
    (later,) = [m["attendance"] for m in data["meetings"].values() if m["date"] == LATER.isoformat()]
    assert [(a["person_id"] == person_id, a["deputy_id"]) for a in later] == [(False, None)]  # Otto, no stand-in


def test_a_file_that_is_not_compact_is_cleaned_the_general_way(saved):
    path, person_id = saved
    pretty = json.dumps(json.loads(path.read_bytes()), indent=1, ensure_ascii=False).encode()
    assert joined(scrub_bytes(pretty, path, person_id, NEEDLES, DAY)) == whole(pretty, path, person_id)


def test_a_file_that_is_no_database_is_refused(saved):
    path, person_id = saved
    with pytest.raises(CorruptFileError):
        scrub_bytes(path.read_bytes()[:-10], path, person_id, NEEDLES, DAY)


def test_a_copy_gets_its_logs_head_with_the_erasure(saved):
    path, person_id = saved
    raw = path.read_bytes()
    stamp = (41, "c0ffee")
    cleaned = joined(scrub_bytes(raw, path, person_id, NEEDLES, DAY, stamp))
    data = parse(raw, path, list)
    expected = scrub_data(data, person_id, NEEDLES, DAY)
    expected["meta"] = {"1": {**data["meta"]["1"], "version": 41, "log_head": "c0ffee"}}
    assert cleaned == encode_json(expected)
    assert data == parse(raw, path, list)  # the data read is not changed on the way
    assert scrub_bytes(cleaned, path, person_id, NEEDLES, DAY, stamp) is None  # clean, with that head
