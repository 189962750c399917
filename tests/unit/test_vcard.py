"""vCard 4.0 export: read back by vobject and imported by a real address book (khard)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import vobject

from herford_tui.cli import main
from herford_tui.domain import Membership, Person
from herford_tui.exchange.vcard import person_uid, select_persons, vcards
from herford_tui.store import Store


@pytest.fixture
def db(store: Store) -> tuple[Path, Person, Person]:
    snap = store.snapshot()
    committee = next(c for c in snap.committees.values() if c.name == "Lenkungskreis")
    org = next(iter(snap.organisations.values()))
    hostile = store.save(
        Person(given_name="=HYPERLINK(x)", family_name="Müller [Kita]; Sommer, [/b]", function="Leitung\\Büro",
               organisation_id=org.id, email="m@example.org", phone="+49 5221 13-0", title="Dr.")
    )  # fmt: skip
    store.save(Membership(person_id=hostile.id, committee_id=committee.id, seat_key=committee.seats[0].key,
                          start=date(2020, 1, 1)))  # fmt: skip
    erased = store.save(Person(given_name="", family_name="gelöschte Person", erased_on=date(2025, 1, 1)))
    return store.path, hostile, erased


def test_cards_read_back_with_every_field(db):
    path, hostile, erased = db
    snap = Store(path).snapshot()
    persons = select_persons(snap, None, date.today())
    assert erased.id not in {p.id for p in persons}
    cards = {c.uid.value: c for c in vobject.readComponents(vcards(snap, persons, date.today()).decode())}
    assert len(cards) == len(persons)
    card = cards[person_uid(hostile)]
    assert card.version.value == "4.0"
    assert card.fn.value == "Dr. =HYPERLINK(x) Müller [Kita]; Sommer, [/b]"
    assert card.n.value.family == "Müller [Kita]; Sommer, [/b]" and card.n.value.prefix == "Dr."
    assert card.org.value == [snap.organisations[hostile.organisation_id].name]
    assert card.title.value == "Leitung\\Büro"
    assert card.tel.value == "+49 5221 13-0" and card.email.value == "m@example.org"
    assert card.role.value == "Lenkungskreis: Mitglied"
    assert card.categories.value == ["Lenkungskreis"]


def test_per_committee_only_its_members(db, runner, tmp_path: Path):
    path, hostile, _ = db
    out = tmp_path / "lk.vcf"
    result = runner.invoke(
        main, ["export", "vcard", "--db", str(path), "--gremium", "Lenkungskreis", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    uids = [c.uid.value for c in vobject.readComponents(out.read_text(encoding="utf-8"))]
    assert uids == [person_uid(hostile)]
    again = runner.invoke(main, ["export", "vcard", "--db", str(path), "--out", str(out)])
    assert again.exit_code == 2 and "--force" in again.stderr


@pytest.mark.skipif(shutil.which("khard") is None, reason="khard is not installed (apt-get install khard)")
def test_khard_imports_every_card(db, runner, tmp_path: Path):
    path, hostile, _ = db
    book = tmp_path / "book"
    result = runner.invoke(main, ["export", "vcard", "--db", str(path), "--out", str(book), "--ordner"])
    assert result.exit_code == 0, result.output
    config = tmp_path / "khard.conf"
    config.write_text(f"[addressbooks]\n[[herford]]\npath = {book}\n\n[general]\ndefault_action = list\n")
    khard = ["khard", "-c", str(config)]
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}

    def run(*args: str) -> str:
        done = subprocess.run(
            [*khard, *args], capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL
        )
        assert done.returncode == 0, done.stderr
        assert "unparsable" not in done.stderr.lower() and "error" not in done.stderr.lower(), done.stderr
        return done.stdout

    listed = run("list", "--parsable")
    persons = select_persons(Store(path).snapshot(), None, date.today())
    assert len(listed.strip().splitlines()) == len(persons) == len(list(book.iterdir()))
    shown = run("show", "--format", "yaml", f"uid:{person_uid(hostile)}")
    assert "Müller [Kita]; Sommer, [/b]" in shown and "+49 5221 13-0" in shown and "m@example.org" in shown
    assert "Leitung\\Büro" in shown
    assert "m@example.org" in run("email", "--parsable")
