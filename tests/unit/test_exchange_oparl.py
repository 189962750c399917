"""OParl 1.1 export of the x1 demo data: every object valid, no dangling reference, no contacts if asked."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from herford_tui.cli import ENV_DB, main
from herford_tui.exchange import oparl
from herford_tui.store import Store
from herford_tui.store.demo import write_demo
from herford_tui.store.stamps import snapshot_with_stamps

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "oparl-1.1-schema"
BASE = "https://oparl.example.org/herford"


@pytest.fixture(scope="module")
def x1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("x1") / "x1.json"
    write_demo(Store(path, backups=0).open(), size="x1", seed=1)
    return path


@pytest.fixture(scope="module")
def exported(x1: Path) -> dict[str, dict]:
    """The x1 export in memory, as the files hold it (JSON text parsed back)."""
    snap, stamps = snapshot_with_stamps(x1)
    return {url: json.loads(oparl.dumps(data)) for url, data in oparl.build(snap, stamps, base_url=BASE + "/").items()}


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.json"
    write_demo(Store(path, backups=0).open(), size="small", seed=3)
    return path


def load_files(out: Path, base: str) -> dict[str, dict]:
    objects = {}
    for file in out.rglob("*.json"):
        data = json.loads(file.read_text(encoding="utf-8"))
        url = base + "/" + str(file.relative_to(out))[: -len(".json")]
        assert data.get("id", url) == url, f"{file} holds {data.get('id')}"
        objects[url] = data
    return objects


def walk(value, found: list):
    """Every object (dict with a type) nested anywhere in ``value``."""
    if isinstance(value, dict):
        if "type" in value:
            found.append(value)
        for v in value.values():
            walk(v, found)
    elif isinstance(value, list):
        for v in value:
            walk(v, found)
    return found


def urls_in(value, found: set):
    if isinstance(value, dict):
        for key, v in value.items():
            if key not in ("id", "type", "oparlVersion", "website"):  # a partner's website is outside
                urls_in(v, found)
    elif isinstance(value, list):
        for v in value:
            urls_in(v, found)
    elif isinstance(value, str) and value.startswith("http"):
        found.add(value)
    return found


def test_every_object_validates_and_every_reference_is_exported(exported: dict[str, dict], x1: Path):
    objects = exported
    validators = {}
    checked: dict[str, int] = {}
    for obj in walk(list(objects.values()), []):
        kind = obj["type"].rsplit("/", 1)[1]
        if kind not in validators:
            schema = json.loads((SCHEMAS / f"{kind}.json").read_text(encoding="utf-8"))
            validators[kind] = jsonschema.validators.validator_for(schema)(
                schema, format_checker=jsonschema.FormatChecker()
            )
        errors = [e.message for e in validators[kind].iter_errors(obj)]
        assert not errors, f"{obj['id']}: {errors}"
        assert obj.get("created") and obj.get("modified"), obj["id"]
        checked[kind] = checked.get(kind, 0) + 1
    snap = Store(x1).snapshot()
    assert checked["Person"] >= len(snap.persons)
    assert checked["Membership"] >= len(snap.memberships)
    assert checked["Meeting"] >= len(snap.meetings)
    assert {"System", "Body", "Organization", "AgendaItem", "Location"} <= set(checked)
    dangling = {url for url in urls_in(list(objects.values()), set()) if url.startswith(BASE)} - set(objects)
    assert not dangling, sorted(dangling)[:5]
    assert not {u for u in urls_in(list(objects.values()), set()) if not u.startswith((BASE, oparl.SCHEMA))}


def test_mapping_of_committees_partners_and_memberships(exported: dict[str, dict], x1: Path):
    objects = exported
    snap = Store(x1).snapshot()
    konferenz = next(c for c in snap.committees.values() if c.name == "Bildungskonferenz")
    org = objects[f"{BASE}/organization/gremium-{konferenz.id}"]
    assert org["organizationType"] == "Gremium" and org["name"] == "Bildungskonferenz"
    partner = next(iter(snap.organisations.values()))
    assert objects[f"{BASE}/organization/institution-{partner.id}"]["organizationType"] == "Institution"
    m = next(m for m in snap.memberships.values() if m.represents_id and m.end)
    data = objects[f"{BASE}/membership/{m.id}"]
    assert data["onBehalfOf"] == f"{BASE}/organization/institution-{m.represents_id}"
    assert (data["startDate"], data["endDate"]) == (m.start.isoformat(), m.end.isoformat())
    assert isinstance(data["votingRight"], bool) and data["role"]
    attended = next(m for m in snap.meetings.values() if m.attendance)
    meeting = objects[f"{BASE}/meeting/{attended.id}"]
    present = {f"{BASE}/person/{a.person_id}" for a in attended.attendance if a.status.value == "anwesend"}
    assert set(meeting.get("participant", [])) == present
    body = objects[f"{BASE}/body/bildungsregion"]
    assert body["name"] == "Bildungsregion Kreis Herford"
    assert objects[f"{BASE}/system"]["body"] == f"{BASE}/bodies"


def test_ids_are_stable_across_exports(x1: Path):
    snap, stamps = snapshot_with_stamps(x1)
    first = oparl.build(snap, stamps, base_url=BASE)
    second = oparl.build(snap, stamps, base_url=BASE)
    assert first == second


def test_publication_option_leaves_no_email_or_phone(x1: Path):
    snap, stamps = snapshot_with_stamps(x1)
    blob = b"".join(oparl.dumps(o) for o in oparl.build(snap, stamps, contacts=False).values())
    assert b'"email"' not in blob and b'"phone"' not in blob
    persons_with_contacts = [p for p in snap.persons.values() if p.email or p.phone]
    assert len(persons_with_contacts) > 100
    assert b"@" not in blob  # no e-mail address of anyone, under any key
    for p in persons_with_contacts[:200]:
        assert not p.phone or p.phone.encode() not in blob, p.phone
    # ... while the normal export does carry them
    person = persons_with_contacts[0]
    assert oparl.build(snap, stamps)[oparl.Urls(oparl.DEFAULT_BASE_URL).person(person.id)]["email"] == [person.email]


def test_cli_writes_one_file_per_object_and_publication_has_no_contacts(small: Path, tmp_path: Path):
    out = tmp_path / "pub"
    args = ["export", "oparl", "--db", str(small), "--out", str(out), "--base-url", BASE, "--ohne-kontaktdaten"]
    result = CliRunner(env={ENV_DB: None}).invoke(main, args)
    assert result.exit_code == 0, result.output
    objects = load_files(out, BASE)
    assert objects[f"{BASE}/system"]["type"] == oparl.SCHEMA + "System"
    snap = Store(small).snapshot()
    assert all(f"{BASE}/person/{p}" in objects for p in snap.persons)
    blob = b"".join(f.read_bytes() for f in sorted(out.rglob("*.json")))
    assert b'"email"' not in blob and b'"phone"' not in blob and b"@" not in blob
    assert any(p.email for p in snap.persons.values())


def test_refuses_a_folder_with_files(store: Store, tmp_path: Path):
    out = tmp_path / "voll"
    out.mkdir()
    (out / "x.txt").write_text("bleibt")
    result = CliRunner(env={ENV_DB: None}).invoke(main, ["export", "oparl", "--db", str(store.path), "--out", str(out)])
    assert result.exit_code == 2
    assert "kein leerer Ordner; nichts geschrieben" in result.stderr
    assert [p.name for p in out.iterdir()] == ["x.txt"]
