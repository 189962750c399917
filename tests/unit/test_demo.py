"""Demo data: valid under every domain rule, reproducible, clearly invented, sized as promised."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import date, time
from pathlib import Path

import pytest

from herford_tui.domain import (
    KREISWEIT,
    MUNICIPALITIES,
    MeetingStatus,
    Role,
    Snapshot,
)
from herford_tui.store import Store
from herford_tui.store.check import check_file
from herford_tui.store.demo import write_demo
from herford_tui.store.seed import load_seed

TODAY = date(2026, 5, 12)
TABLES = ("committees", "organisations", "persons", "memberships", "meetings")


def make(folder: Path, size: str = "small", seed: int = 1, today: date = TODAY) -> tuple[Path, dict[str, int]]:
    path = folder / f"demo-{size}-{seed}-{today.isoformat()}.json"
    counts = write_demo(Store(path).open(), size=size, seed=seed, today=today)
    return path, counts


def domain_problems(snapshot: Snapshot) -> list[str]:
    """The domain's own rules, record by record, as the store applies them on every save."""
    return [
        f"{table} {record.id}: {problem}"
        for table in TABLES
        for record in getattr(snapshot, table).values()
        for problem in snapshot.check(record)
    ]


def content(path: Path) -> dict:
    """The file without the save timestamps (and the log's head: a hash over the log's times)."""
    data = json.loads(path.read_bytes())
    for table, docs in data.items():
        if table != "meta":
            for doc in docs.values():
                del doc["created"], doc["modified"]
    data["meta"]["1"].pop("log_head", None)
    return data


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int], Snapshot]:
    path, counts = make(tmp_path_factory.mktemp("small"))
    return path, counts, Store(path).snapshot()


@pytest.fixture(scope="module")
def x1(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int], Snapshot]:
    path, counts = make(tmp_path_factory.mktemp("x1"), "x1")
    return path, counts, Store(path).snapshot()


# -- validity --------------------------------------------------------------------------------------
@pytest.mark.parametrize("fixture", ["small", "x1"])
def test_demo_passes_check_and_every_domain_rule(fixture: str, request: pytest.FixtureRequest):
    path, _, snapshot = request.getfixturevalue(fixture)
    report = check_file(path)
    assert report.ok, report.lines()[:20]
    assert domain_problems(snapshot) == []


def test_x1_has_the_promised_size(x1):
    _, counts, snapshot = x1
    seed = load_seed()
    assert counts == {
        "Gremien": 100,
        "Organisationen": 500,
        "Personen": 3000,
        "Mitgliedschaften": 6000,
        "Sitzungen": 2000,
    }
    assert len(snapshot.committees) == len(seed["committees"]) + 100
    assert len(snapshot.organisations) == len(seed["organisations"]) + 500
    assert (len(snapshot.persons), len(snapshot.memberships), len(snapshot.meetings)) == (3000, 6000, 2000)


def test_small_has_the_promised_size(small):
    _, counts, snapshot = small
    assert list(counts) == ["Organisationen", "Personen", "Mitgliedschaften", "Sitzungen"]
    assert counts["Organisationen"] == 40
    assert counts["Personen"] == 120
    assert counts["Sitzungen"] == 30
    assert counts["Mitgliedschaften"] == len(snapshot.memberships) > 60
    assert len(snapshot.committees) == 7  # the seed's committees only


def test_unknown_size_is_refused(tmp_path: Path):
    store = Store(tmp_path / "db.json").open()
    before = (tmp_path / "db.json").read_bytes()
    with pytest.raises(ValueError, match="Unbekannter Umfang „x100“"):
        write_demo(store, size="x100", seed=1)
    assert (tmp_path / "db.json").read_bytes() == before


# -- reproducibility -------------------------------------------------------------------------------
def test_same_seed_same_file_apart_from_timestamps(tmp_path: Path, small):
    again, _ = make(tmp_path)
    assert content(again) == content(small[0])
    # and the timestamps are the only difference a byte comparison could find
    raw = json.loads(again.read_bytes())
    assert {"created", "modified"} <= set(raw["persons"]["1"])


def test_other_seed_other_data(tmp_path: Path, small):
    other, _ = make(tmp_path, seed=2)
    a, b = content(small[0]), content(other)
    assert a["persons"] != b["persons"]
    assert a["memberships"] != b["memberships"]
    assert a["committees"] == b["committees"]  # the seed's committees stay as shipped


def test_today_moves_the_data_with_it(tmp_path: Path):
    later = date(2030, 2, 1)
    path, _ = make(tmp_path, today=later)
    snapshot = Store(path).snapshot()
    assert {m.date.year for m in snapshot.meetings.values()} <= {2030, 2031}
    assert check_file(path).ok


# -- content ---------------------------------------------------------------------------------------
def test_everything_invented_says_so(x1):
    _, _, snapshot = x1
    seed_names = {o["name"] for o in load_seed()["organisations"]}
    demo_orgs = [o for o in snapshot.organisations.values() if o.name not in seed_names]
    assert len(demo_orgs) == 500
    assert all(o.name.startswith("Demo-") for o in demo_orgs)
    assert all(o.email.endswith(".example.org") and o.website.startswith("https://example.org/") for o in demo_orgs)
    assert all(o.municipality in (*MUNICIPALITIES, KREISWEIT) for o in demo_orgs)
    assert len({o.name for o in demo_orgs}) == 500
    assert all(p.email.endswith("@example.org") for p in snapshot.persons.values())
    assert all(p.phone == "" or p.phone.startswith("0123 ") for p in snapshot.persons.values())
    assert all("Demodaten" in p.notes for p in snapshot.persons.values())
    extra = [c for c in snapshot.committees.values() if c.id > 7]
    assert all(c.name.startswith(("Demo-Arbeitskreis ", "Demo-Fachgruppe ")) for c in extra)
    assert all(seat.count is None for c in extra for seat in c.seats if seat.key != "sprecher")


def test_most_seats_of_every_committee_are_filled(small):
    _, _, snapshot = small
    for committee in snapshot.active_committees():
        active = snapshot.memberships_of(committee.id, TODAY)
        assert len(active) >= 3, committee.name
        places = filled = 0
        for seat in committee.seats:
            holders = snapshot.seat_holders(committee.id, seat.key, TODAY)
            if seat.count is None:
                places, filled = places + 1, filled + bool(holders)
            else:
                places, filled = places + seat.count, filled + len(holders)
        assert filled >= 0.75 * places, (committee.name, filled, places)


def test_there_is_history_deputies_and_every_role(x1):
    _, _, snapshot = x1
    memberships = list(snapshot.memberships.values())
    assert sum(1 for m in memberships if m.end and m.end < TODAY) > 100
    deputies = [m for m in memberships if m.role is Role.STELLVERTRETUNG]
    assert len(deputies) > 100
    for deputy in deputies:
        owner = snapshot.memberships[deputy.deputy_of]
        assert owner.committee_id == deputy.committee_id
        assert owner.role.takes_seat
        assert owner.start <= deputy.start
        assert deputy.end == owner.end
    assert set(Counter(m.role for m in memberships)) == set(Role)
    assert all(m.represents_id is None or m.represents_id in snapshot.organisations for m in memberships)


def test_meetings_are_plausible(x1):
    _, _, snapshot = x1
    meetings = list(snapshot.meetings.values())
    years = Counter(m.date.year for m in meetings)
    assert set(years) == set(range(TODAY.year - 3, TODAY.year + 2))
    for m in meetings:
        assert m.date.weekday() < 5
        assert time(9) <= m.start_time < m.end_time <= time(18)
        if m.date < TODAY:
            assert m.status in (MeetingStatus.DURCHGEFUEHRT, MeetingStatus.ABGESAGT)
        else:
            assert m.status in (MeetingStatus.GEPLANT, MeetingStatus.EINGELADEN)
        assert m.agenda and m.agenda[-1].title == "Verschiedenes"
        assert [item.number for item in m.agenda] == [str(n) for n in range(1, len(m.agenda) + 1)]
        if m.status is MeetingStatus.DURCHGEFUEHRT:
            members = {x.person_id for x in snapshot.memberships_of(m.committee_id, m.date)}
            assert {a.person_id for a in m.attendance} <= members
        else:
            assert m.attendance == []
    assert any(m.attendance for m in meetings)
    ids_in_date_order = [m.id for m in sorted(meetings, key=lambda m: (m.date, m.start_time, m.id))]
    assert ids_in_date_order == sorted(ids_in_date_order)


def test_small_meetings_lie_in_this_and_next_year(small):
    _, _, snapshot = small
    assert {m.date.year for m in snapshot.meetings.values()} == {TODAY.year, TODAY.year + 1}
    assert {m.committee_id for m in snapshot.meetings.values()} >= {1, 2, 3}


def test_demo_on_top_of_existing_holders_keeps_the_seat_counts(tmp_path: Path):
    """A store that already has a Landrat: the demo must not put a second one on that seat."""
    from herford_tui.domain import Membership, Person

    store = Store(tmp_path / "db.json").open()
    lenkung = next(c for c in store.snapshot().committees.values() if c.seat("landrat"))
    person = store.save(Person(family_name="Vorhanden"))
    store.save(Membership(person_id=person.id, committee_id=lenkung.id, seat_key="landrat", start=date(2020, 1, 1)))
    write_demo(store, size="small", seed=5, today=TODAY)
    snapshot = store.snapshot()
    assert domain_problems(snapshot) == []
    assert [m.person_id for m in snapshot.seat_holders(lenkung.id, "landrat", TODAY)] == [person.id]
    assert check_file(store.path).ok


def test_same_seed_same_data_in_another_process(tmp_path: Path, small):
    """Nothing depends on the per-process string hash (sets of names iterate differently per process)."""
    path = tmp_path / "other-process.json"
    code = (
        "import datetime, sys\n"
        "from herford_tui.store import Store\n"
        "from herford_tui.store.demo import write_demo\n"
        "write_demo(Store(sys.argv[1]).open(), size='small', seed=1, today=datetime.date.fromisoformat(sys.argv[2]))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(path), TODAY.isoformat()], env=env, check=True, timeout=60)
    assert content(path) == content(small[0])
