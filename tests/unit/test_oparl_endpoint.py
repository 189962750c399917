"""The live OParl endpoint (``herford-tui oparl``) walked like a client over loopback."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import orjson
import pytest

from herford_tui.domain.deletion import referring
from herford_tui.domain.models import Attendance, Decision, DecisionResult, MeetingAttendance
from herford_tui.store import Store
from herford_tui.store.demo import write_demo
from herford_tui.store.files import encode_json
from tests.unit.oparl_client import get, get_json, start_endpoint, walk

OLD = "2020-01-01T00:00:00+00:00"


def make_db(path: Path) -> dict[str, int]:
    """The small demo, written "long ago", with a stand-in, minutes, a room, an all-day meeting and
    one deleted membership; returns the ids the tests look at."""
    store = Store(path, backups=0).open()
    write_demo(store, size="small", seed=3)
    data = orjson.loads(path.read_bytes())
    for table, docs in data.items():
        if table != "meta":
            for doc in docs.values():
                doc["created"] = doc["modified"] = OLD
    path.write_bytes(encode_json(data))
    store = Store(path, backups=0).open()
    snap = store.snapshot()
    held = next(m for m in sorted(snap.meetings.values(), key=lambda m: m.id) if m.attendance and m.agenda)
    standing_in = next(p for p in snap.persons.values() if p.id not in {a.person_id for a in held.attendance})
    attendance = list(held.attendance)
    attendance[0] = MeetingAttendance(attendance[0].person_id, Attendance.VERTRETEN, standing_in.id)
    agenda = [dataclasses.replace(i) for i in held.agenda]
    agenda[0] = dataclasses.replace(
        agenda[0],
        public=True,
        minutes="Aussprache über den Bildungsbericht.",
        decisions=[Decision("Der Bericht wird angenommen.", DecisionResult.EINSTIMMIG)],
    )
    agenda.append(dataclasses.replace(agenda[0], number="9", title="Personalsache Geheim", public=False))
    held = store.save(
        dataclasses.replace(
            held, attendance=attendance, agenda=agenda, room="Raum 2.14", invitation_sent=held.date, minutes="Allg."
        )
    )
    other = next(m for m in snap.meetings.values() if m.id != held.id)
    all_day = store.save(dataclasses.replace(other, start_time=None, end_time=None))
    deputy = next(m for m in snap.memberships.values() if not referring(snap, m))
    store.delete(deputy)
    return {
        "held": held.id,
        "standing_in": standing_in.id,
        "all_day": all_day.id,
        "deleted_membership": deputy.id,
    }


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("oparl") / "db.json"
    return path, make_db(path)


@pytest.fixture(scope="module")
def internal(database) -> Iterator[str]:
    process, url = start_endpoint(database[0], "--intern")
    yield url
    process.terminate()
    process.wait(timeout=60)


def test_a_client_walks_every_list_page_and_object_and_all_validate(database, internal: str):
    path, ids = database
    base = internal.removesuffix("/system")
    result = walk(internal, base, list_query="?limit=25")
    snap = Store(path, read_only=True).open().snapshot()
    kinds = {obj["type"].rsplit("/", 1)[1] for obj in result.objects.values()}
    assert {
        "System",
        "Body",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "AgendaItem",
        "Location",
        "File",
    } <= kinds
    people = result.lists[f"{base}/body/bildungsregion/people?limit=25"]
    assert len(people) == len(snap.persons) > 25  # several pages, none lost or doubled
    assert len({p["id"] for p in people}) == len(people)
    assert result.pages > len(result.lists)
    for person in snap.persons.values():
        assert f"{base}/person/{person.id}" in result.objects
    for meeting in snap.meetings.values():
        assert f"{base}/meeting/{meeting.id}" in result.objects
    # the deleted membership answers, marked deleted, and is in its list
    gone = result.objects[f"{base}/membership/{ids['deleted_membership']}"]
    assert gone["deleted"] is True
    assert gone["id"] in {m["id"] for m in result.lists[f"{base}/body/bildungsregion/memberships?limit=25"]}


def test_complete_meeting_objects(database, internal: str):
    path, ids = database
    base = internal.removesuffix("/system")
    snap = Store(path, read_only=True).open().snapshot()
    held = snap.meetings[ids["held"]]
    meeting = get_json(f"{base}/meeting/{held.id}")
    present = {a.person_id for a in held.attendance if a.status is Attendance.ANWESEND}
    assert set(meeting["participant"]) == {f"{base}/person/{p}" for p in present | {ids["standing_in"]}}
    assert meeting["location"]["room"] == "Raum 2.14"
    first = meeting["agendaItem"][0]
    assert first["result"] == "einstimmig" and first["resolutionText"] == "Der Bericht wird angenommen."
    protocol = meeting["resultsProtocol"]
    status, headers, body = get(protocol["accessUrl"])
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert "Aussprache über den Bildungsbericht." in body.decode() and protocol["mimeType"] == "text/plain"
    assert "Einladung" in get(meeting["invitation"]["accessUrl"])[2].decode()
    all_day = get_json(f"{base}/meeting/{ids['all_day']}")
    day = snap.meetings[ids["all_day"]].date
    # date-times as the schema asks (the format checker checks them): the whole day, midnight to midnight
    start, end = (datetime.fromisoformat(all_day[k]) for k in ("start", "end"))
    assert (start.date(), start.time(), end.date(), end.time()) == (day, time(0), day + timedelta(days=1), time(0))
    assert start.tzinfo and end.tzinfo
    assert "ganztägig" in all_day["keyword"]
    committee = get_json(meeting["organization"][0])
    assert meeting["id"] in {m["id"] for m in get_json(committee["meeting"] + "?limit=1000")["data"]}


def test_filters_conditional_requests_cors_and_errors(internal: str):
    base = internal.removesuffix("/system")
    people = f"{base}/body/bildungsregion/people"
    everyone = get_json(people + "?limit=1000")["pagination"]["totalElements"]
    assert get_json(people + "?modified_until=2019-12-31T23:59:59Z")["data"] == []
    assert (
        get_json(people + "?created_since=2020-01-01T00:00:00%2B00:00&limit=1000")["pagination"]["totalElements"]
        == everyone
    )
    omitted = get_json(people + "?omit_internal=true")["data"][0]
    assert "membership" not in omitted
    status, headers, _ = get(internal, {"Origin": "https://example.org"})
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    assert headers["etag"] and headers["last-modified"]
    assert get(internal, {"If-None-Match": headers["etag"]})[0] == 304
    assert get(internal, {"If-Modified-Since": headers["last-modified"]})[0] == 304
    status, _, body = get(people + "?modified_since=gestern")
    assert status == 400 and "ISO 8601" in json.loads(body)["error"]
    assert get(f"{base}/person/999999")[0] == 404


def test_a_colleagues_save_shows_on_the_next_request_and_the_filter_returns_only_it(database, internal: str):
    path, _ = database
    base = internal.removesuffix("/system")
    people = f"{base}/body/bildungsregion/people"
    assert get_json(people + "?modified_since=2020-01-02T00:00:00Z")["data"] == []
    colleague = Store(path)
    person = min(colleague.snapshot().persons.values(), key=lambda p: p.id)
    _, before, _ = get(f"{base}/person/{person.id}")
    saved = colleague.save(dataclasses.replace(person, function="Neue Funktion [b]"))
    answer = get_json(f"{base}/person/{saved.id}")  # no waiting: the next request sees it
    assert answer["status"] == ["Neue Funktion [b]"]
    status, after, _ = get(f"{base}/person/{person.id}", {"If-None-Match": before["etag"]})
    assert status == 200 and after["etag"] != before["etag"]  # a cached copy is not kept
    changed = get_json(people + "?modified_since=2020-01-02T00:00:00Z")["data"]
    assert [p["id"] for p in changed] == [answer["id"]]


def test_publication_mode_is_the_default(database):
    path, ids = database
    process, url = start_endpoint(path)
    try:
        base = url.removesuffix("/system")
        snap = Store(path, read_only=True).open().snapshot()
        meeting = get_json(f"{base}/meeting/{ids['held']}")
        assert "participant" not in meeting
        assert all(item["public"] for item in meeting["agendaItem"])
        assert "Personalsache" not in get(meeting["invitation"]["accessUrl"])[2].decode()
        people = get_json(f"{base}/body/bildungsregion/people?limit=1000")["data"]
        blob = json.dumps(people)
        assert '"email"' not in blob and '"phone"' not in blob and "@" not in blob
        today = date.today()
        current = {m.person_id for m in snap.memberships.values() if m.is_active(today)}
        assert {p["id"] for p in people if not p.get("deleted")} == {f"{base}/person/{p}" for p in current}
        without = next(p for p in snap.persons.values() if p.id not in current)
        assert get(f"{base}/person/{without.id}")[0] == 404
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_a_damaged_file_is_reported_and_the_server_stays_up(tmp_path: Path):
    path = tmp_path / "db.json"
    write_demo(Store(path, backups=0).open(), size="small", seed=3)
    process, url = start_endpoint(path)
    try:
        good = path.read_bytes()
        path.write_bytes(b'{"meta": {"1": ')  # a colleague's editor wrote half a file
        status, _, body = get(url)
        assert status == 503 and json.loads(body)["error"]
        path.write_bytes(good)
        assert get(url)[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=60)
