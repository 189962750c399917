"""``herford-tui person auskunft|loeschen ID``: output, confirmation, exit codes, nothing left behind."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.domain import Membership, Person
from herford_tui.store import Store
from herford_tui.store.check import check_file


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "herford.json"
    store = Store(path).open()
    lk = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    p = store.save(Person(given_name="Wendelin", family_name="Quackenbusch", email="wq@example.org", phone="0521 4711"))
    store.save(Membership(person_id=p.id, committee_id=lk.id, seat_key="landrat", start=date(2025, 1, 1)))
    return path, p.id


def test_auskunft_as_text_and_json(runner: CliRunner, db, tmp_path: Path):
    path, pid = db
    result = runner.invoke(main, ["person", "auskunft", str(pid), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "Quackenbusch" in result.output and "wq@example.org" in result.output
    assert "Lenkungskreis · Sitz „Landrat“ · Mitglied · 01.01.2025 – offen" in result.output
    out = tmp_path / "auskunft.json"
    result = runner.invoke(main, ["person", "auskunft", str(pid), "--db", str(path), "--json", "--datei", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["person"]["phone"] == "0521 4711" and len(data["mitgliedschaften"]) == 1
    assert out.stat().st_mode & 0o777 == 0o600  # personal data: only the one who asked reads it
    again = runner.invoke(main, ["person", "auskunft", str(pid), "--db", str(path), "--datei", str(out)])
    assert again.exit_code == 2 and "gibt es schon" in again.output


def test_unknown_person_and_missing_file(runner: CliRunner, db, tmp_path: Path):
    path, _ = db
    assert runner.invoke(main, ["person", "auskunft", "999", "--db", str(path)]).exit_code == 1
    assert runner.invoke(main, ["person", "loeschen", "999", "--db", str(path), "--ja"]).exit_code == 1
    missing = runner.invoke(main, ["person", "auskunft", "1", "--db", str(tmp_path / "nix.json")])
    assert missing.exit_code == 2 and not (tmp_path / "nix.json").exists()


def test_loeschen_asks_and_erases_everywhere(runner: CliRunner, db, monkeypatch: pytest.MonkeyPatch):
    path, pid = db
    before = path.read_bytes()
    piped = runner.invoke(main, ["person", "loeschen", str(pid), "--db", str(path)], input="j\n")
    assert piped.exit_code == 1 and "--ja" in piped.output and path.read_bytes() == before  # nobody to ask
    monkeypatch.setattr("herford_tui.commands.common.has_terminal", lambda: True)
    declined = runner.invoke(main, ["person", "loeschen", str(pid), "--db", str(path)], input="n\n")
    assert declined.exit_code == 1 and path.read_bytes() == before
    result = runner.invoke(main, ["person", "loeschen", str(pid), "--db", str(path)], input="j\n")
    assert result.exit_code == 0, result.output
    assert "gelöscht" in result.output
    for f in [path, *path.parent.glob("herford.json.*.bak")]:
        for secret in (b"Quackenbusch", b"Wendelin", b"wq@example.org", b"0521 4711"):
            assert secret not in f.read_bytes(), f.name
    assert check_file(path).ok
    assert runner.invoke(main, ["check", "--db", str(path)]).exit_code == 0


def test_loeschen_says_a_chair_entered_ahead_goes_with_the_person(runner: CliRunner, db):
    """Erasure meets a hand-over entered ahead: the person was to take the chair next year; the
    erasure drops that membership (it would begin after the erasure day) and the committee has no
    chair from then. The question said only how many memberships end."""
    from herford_tui.domain.roles import hand_over_chair

    path, pid = db
    store = Store(path).open()
    snap = store.snapshot()
    lk = next(c for c in snap.committees.values() if c.name == "Lenkungskreis")
    [mine] = snap.memberships_of_person(pid)
    store.save_all(hand_over_chair(snap, lk.id, mine, date(2099, 1, 1)))
    result = runner.invoke(main, ["person", "loeschen", str(pid), "--db", str(path)], input="n\n")
    assert "Der ab 01.01.2099 eingetragene Vorsitz im Gremium „Lenkungskreis“ entfällt" in result.output
    assert "keinen Vorsitz" in result.output
