"""OParl 1.1 export: every object of a demo shaped like x1 (a tenth of it, see demo_tenth) valid, no
dangling reference, publication mode, and the static export served by a plain web server
(``python -m http.server``) resolving every id."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from herford_tui.cli import main
from herford_tui.exchange import oparl
from herford_tui.store import Store
from herford_tui.store.demo import write_demo
from herford_tui.store.stamps import snapshot_with_stamps
from tests.unit.demo_tenth import write_tenth_demo
from tests.unit.oparl_client import embedded, get, links, start_http_server, validate, wait_for, walk
from tests.unit.test_oparl_endpoint import make_db

BASE = "https://oparl.example.org/herford"


@pytest.fixture(scope="module")
def x1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tenth_demo(tmp_path_factory.mktemp("x1") / "x1.json")


@pytest.fixture(scope="module")
def exported(x1: Path) -> oparl.Export:
    snap, stamps = snapshot_with_stamps(x1)
    return oparl.build(snap, stamps, base_url=BASE + "/")


def test_every_object_validates_and_every_reference_is_exported(exported: oparl.Export, x1: Path):
    objects = {url: json.loads(oparl.dumps(data)) for url, data in exported.objects.items()}
    checked: dict[str, int] = {}
    for obj in objects.values():
        validate(obj)
        kind = obj["type"].rsplit("/", 1)[1]
        checked[kind] = checked.get(kind, 0) + 1
    snap = Store(x1).snapshot()
    assert checked["Person"] == len(snap.persons)
    assert checked["Membership"] == len(snap.memberships)
    assert checked["Meeting"] == len(snap.meetings)
    assert {"System", "Body", "Organization", "AgendaItem", "Location"} <= set(checked)
    for obj in objects.values():  # embedded objects are reachable by their id, with the same content
        for inner in embedded(obj, [])[1:]:
            assert objects[inner["id"]].items() >= {k: v for k, v in inner.items() if k not in ("meetings",)}.items()
    named = links(list(objects.values()), set())
    dangling = {url for url in named if url.startswith(BASE)} - set(objects) - set(exported.lists)
    assert not dangling, sorted(dangling)[:5]
    assert not {u for u in named if not u.startswith((BASE, oparl.SCHEMA))}


def test_mapping_of_committees_partners_and_memberships(exported: oparl.Export, x1: Path):
    objects = exported.objects
    snap = Store(x1).snapshot()
    konferenz = next(c for c in snap.committees.values() if c.name == "Bildungskonferenz")
    org = objects[f"{BASE}/organization/gremium-{konferenz.id}"]
    assert org["organizationType"] == "Gremium" and org["name"] == "Bildungskonferenz"
    assert org["meeting"] in exported.lists
    partner = next(o for o in snap.organisations.values() if o.address)
    institution = objects[f"{BASE}/organization/institution-{partner.id}"]
    assert institution["organizationType"] == "Institution"
    assert institution["location"]["streetAddress"] == partner.address
    m = next(m for m in snap.memberships.values() if m.represents_id and m.end)
    data = objects[f"{BASE}/membership/{m.id}"]
    assert data["onBehalfOf"] == f"{BASE}/organization/institution-{m.represents_id}"
    assert (data["startDate"], data["endDate"]) == (m.start.isoformat(), m.end.isoformat())
    assert isinstance(data["votingRight"], bool) and data["role"]
    body = objects[f"{BASE}/body/bildungsregion"]
    assert body["name"] == "Bildungsregion Kreis Herford"
    assert objects[f"{BASE}/system"]["body"] == f"{BASE}/bodies"


def test_ids_are_stable_across_exports(x1: Path):
    snap, stamps = snapshot_with_stamps(x1)
    first = oparl.build(snap, stamps, base_url=BASE, now=None)
    second = oparl.build(snap, stamps, base_url=BASE)
    assert first.objects == second.objects and first.lists == second.lists


def test_publication_leaves_out_contacts_attendance_closed_items_and_people_without_a_seat(x1: Path):
    snap, stamps = snapshot_with_stamps(x1)
    today = date(2026, 6, 1)
    published = oparl.build(snap, stamps, public=True, today=today)
    blob = b"".join(oparl.dumps(o) for o in published.objects.values())
    assert b'"email"' not in blob and b'"phone"' not in blob and b'"participant"' not in blob
    assert b"@" not in blob  # no e-mail address of anyone, under any key
    persons_with_contacts = [p for p in snap.persons.values() if p.email or p.phone]
    assert len(persons_with_contacts) > 100
    for p in persons_with_contacts[:200]:
        assert not p.phone or p.phone.encode() not in blob, p.phone
    kept = {o["id"] for o in published.objects.values() if o["type"].endswith("/Person")}
    current = {m.person_id for m in snap.memberships.values() if m.is_active(today)}
    assert kept == {oparl.Urls(oparl.DEFAULT_BASE_URL).person(p) for p in current} and len(kept) < len(snap.persons)
    for obj in published.objects.values():  # valid, and nothing left out is pointed at
        validate(json.loads(oparl.dumps(obj)))
    named = links(list(published.objects.values()), set())
    base = oparl.DEFAULT_BASE_URL
    dangling = {u for u in named if u.startswith(base)} - set(published.objects) - set(published.lists)
    assert not dangling, sorted(dangling)[:5]
    items = [o for o in published.objects.values() if o["type"].endswith("/AgendaItem")]
    assert items and all(o["public"] for o in items)
    assert any(not i.public for m in snap.meetings.values() for i in m.agenda)
    # ... while the internal export does carry them
    person = persons_with_contacts[0]
    full = oparl.build(snap, stamps)
    assert full.objects[oparl.Urls(oparl.DEFAULT_BASE_URL).person(person.id)]["email"] == [person.email]


def test_publication_leaves_out_erased_placeholders(tmp_path: Path):
    path = tmp_path / "db.json"
    store = Store(path, backups=0).open()
    write_demo(store, size="small", seed=3)
    snap = store.snapshot()
    member = next(m for m in snap.memberships.values() if m.is_active(date.today()))
    import dataclasses

    store.save(
        dataclasses.replace(
            snap.persons[member.person_id], erased_on=date.today(), given_name="", family_name="gelöschte Person"
        )
    )
    snap, stamps = snapshot_with_stamps(path)
    published = oparl.build(snap, stamps, public=True)
    assert oparl.Urls(oparl.DEFAULT_BASE_URL).person(member.person_id) not in published.objects
    assert oparl.Urls(oparl.DEFAULT_BASE_URL).membership(member.id) not in published.objects


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, dict[str, int]]]:
    """A static export served by ``python -m http.server`` on loopback (as any plain web server)."""
    db = tmp_path / "db.json"
    ids = make_db(db)
    out = tmp_path / "www"
    out.mkdir()
    server, port = start_http_server(out)  # first: the export's base URL names its port
    try:
        base = f"http://127.0.0.1:{port}/oparl"
        args = ["export", "oparl", "--db", str(db), "--out", str(out / "oparl"), "--base-url", base, "--oeffentlich"]
        done = subprocess.run([sys.executable, "-m", "herford_tui", *args], capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        wait_for(lambda: _answers(f"{base}/system.json"), "http.server to answer")
        yield db, base, ids
    finally:
        server.terminate()
        server.wait(timeout=60)


def _answers(url: str) -> bool:
    try:
        return get(url)[0] == 200
    except OSError:
        return False


def test_static_export_served_by_a_plain_web_server_resolves_every_id(served):
    db, base, ids = served
    result = walk(f"{base}/system.json", base)
    snap = Store(db, read_only=True).open().snapshot()
    assert {"System", "Body", "Meeting", "AgendaItem", "Location", "File"} <= {
        o["type"].rsplit("/", 1)[1] for o in result.objects.values()
    }
    people = result.lists[f"{base}/body/bildungsregion/people.json"]
    assert len({p["id"] for p in people}) == len(people) > 0
    meetings = result.lists[f"{base}/body/bildungsregion/meetings.json"]
    assert len(meetings) == len(snap.meetings)
    gone = f"{base}/membership/{ids['deleted_membership']}.json"
    assert result.objects[gone]["deleted"] is True
    assert all(url.endswith(".json") for url in result.objects)


def test_export_is_written_whole_with_the_databases_mode(tmp_path: Path, runner):
    db = tmp_path / "db.json"
    write_demo(Store(db, backups=0).open(), size="small", seed=3)
    db.chmod(0o640)
    out = tmp_path / "pub"
    result = runner.invoke(main, ["export", "oparl", "--db", str(db), "--out", str(out), "--base-url", BASE])
    assert result.exit_code == 0, result.output
    files = [f for f in out.rglob("*") if f.is_file()]
    assert files and all(f.stat().st_mode & 0o777 == 0o640 for f in files)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pub")]  # no temp folder left
    again = runner.invoke(main, ["export", "oparl", "--db", str(db), "--out", str(out), "--force"])
    assert again.exit_code == 0, again.output


def test_refuses_a_folder_with_other_files_even_with_force(store: Store, tmp_path: Path, runner):
    out = tmp_path / "voll"
    out.mkdir()
    (out / "x.txt").write_text("bleibt")
    for extra in ([], ["--force"]):
        result = runner.invoke(main, ["export", "oparl", "--db", str(store.path), "--out", str(out), *extra])
        assert result.exit_code == 2
        assert "kein leerer Ordner; nichts geschrieben" in result.stderr
        assert [p.name for p in out.iterdir()] == ["x.txt"]


def test_a_killed_export_leaves_no_partial_folder(tmp_path: Path, runner):
    import signal

    db = tmp_path / "db.json"
    write_demo(Store(db, backups=0).open(), size="small", seed=3)
    out = tmp_path / "pub"
    args = [sys.executable, "-m", "herford_tui", "export", "oparl", "--db", str(db), "--out", str(out)]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(lambda: any(p.name.startswith(".pub.tmp-") for p in tmp_path.iterdir()) or process.poll() is not None,
             "the export to start writing")  # fmt: skip
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert not out.exists() or (out / "system.json").is_file()  # never half an export under its name
    result = runner.invoke(main, ["export", "oparl", "--db", str(db), "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert (out / "system.json").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pub.tmp-")]  # the killed one's is gone


def test_an_archived_committee_is_marked_so(tmp_path: Path):
    """Archive meets OParl: an archived committee read like an active one (no end, no mark); one
    archived before the day was kept (no ``archived_on``, no endDate) carries the keyword
    "archiviert" (the endDate: test_archive_date.py)."""
    import dataclasses

    path = tmp_path / "db.json"
    store = Store(path, backups=0).open()
    write_demo(store, size="small", seed=3)
    committee = next(c for c in store.snapshot().committees.values() if c.name == "Arbeitskreis 1")
    store.save(dataclasses.replace(committee, archived=True))
    snap, stamps = snapshot_with_stamps(path)
    built = oparl.build(snap, stamps)
    urls = oparl.Urls(oparl.DEFAULT_BASE_URL)
    assert built.objects[urls.committee(committee.id)]["keyword"] == ["archiviert"]
    validate(built.objects[urls.committee(committee.id)])
    active = next(c for c in snap.committees.values() if not c.archived)
    assert "keyword" not in built.objects[urls.committee(active.id)]
