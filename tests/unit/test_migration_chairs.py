"""Schema 1 → 2: two overlapping chairs of one committee migrate without loss (the later is Co-Vorsitz)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.domain import Role, ValidationError
from herford_tui.store import CorruptFileError, Store
from herford_tui.store.check import check_file
from herford_tui.store.migrations import SCHEMA_VERSION


def membership(person: int, committee: int, seat: str, role: str, start: str, end: str | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "rev": 3,
        "person_id": person,
        "committee_id": committee,
        "seat_key": seat,
        "role": role,
        "start": start,
        "notes": f"Notiz {person}",
    }
    if end:
        doc["end"] = end
    return doc


def v1_file() -> dict[str, Any]:
    """Lenkungskreis: two chairs since 2021/2023 (overlapping) and a third from 2024; the
    Arbeitskreis: a chair who left, then the next one (no overlap, nothing to change)."""
    seats = [{"key": "landrat", "label": "Landrat", "count": 1}, {"key": "s", "label": "Schulen", "count": None}]
    return {
        "meta": {"1": {"schema": 1, "counters": {"committees": 2, "persons": 5, "memberships": 6}}},
        "committees": {
            "1": {"rev": 1, "name": "Lenkungskreis", "kind": "lenkung", "seats": seats},
            "2": {"rev": 1, "name": "Arbeitskreis 1", "kind": "arbeitskreis", "seats": seats[1:]},
        },
        "persons": {str(i): {"rev": 1, "family_name": f"Person {i}"} for i in range(1, 6)},
        "memberships": {
            "1": membership(1, 1, "landrat", "vorsitz", "2021-01-01"),
            "2": membership(2, 1, "s", "vorsitz", "2023-05-01"),
            "3": membership(3, 1, "s", "vorsitz", "2024-01-01", "2024-12-31"),
            "4": membership(4, 2, "s", "vorsitz", "2019-01-01", "2022-12-31"),
            "5": membership(5, 2, "s", "vorsitz", "2023-01-01"),
            "6": membership(2, 2, "s", "mitglied", "2020-01-01"),
        },
    }


def test_v1_file_with_two_chairs_migrates_keeps_a_backup_and_passes_check(tmp_path: Path):
    path = tmp_path / "herford.json"
    original = json.dumps(v1_file(), ensure_ascii=False).encode()
    path.write_bytes(original)
    before = check_file(path)
    assert before.ok, before.lines()  # an old file is not wrong: the upgrade will fix it, and says so
    assert any("zwei Vorsitze" in note and "Co-Vorsitz" in note for note in before.notes)

    snap = Store(path).open().snapshot()

    assert SCHEMA_VERSION == 2
    data = json.loads(path.read_bytes())
    assert data["meta"]["1"]["schema"] == 2
    assert (tmp_path / "herford.json.1.bak").read_bytes() == original
    roles = {m.id: (m.role, m.rev) for m in snap.memberships.values()}
    assert roles == {
        1: (Role.VORSITZ, 3),
        2: (Role.CO_VORSITZ, 4),  # later and overlapping: shares the chair, revision raised
        3: (Role.CO_VORSITZ, 4),
        4: (Role.VORSITZ, 3),
        5: (Role.VORSITZ, 3),  # started after the other had left
        6: (Role.MITGLIED, 3),
    }
    # nothing else changed: every other field of every record as it was
    old = v1_file()
    for table in ("committees", "persons", "memberships"):
        for key, doc in old[table].items():
            migrated = data[table][key]
            assert {k: v for k, v in migrated.items() if k not in ("role", "rev")} == {
                k: v for k, v in doc.items() if k not in ("role", "rev")
            }
    assert snap.memberships[2].start == date(2023, 5, 1) and snap.memberships[2].notes == "Notiz 2"

    report = check_file(path)
    assert report.ok and not report.notes, report.lines()
    result = CliRunner().invoke(main, ["check", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "keine Probleme" in result.output


def test_migration_runs_once_and_later_saves_keep_the_rule(tmp_path: Path):
    path = tmp_path / "herford.json"
    path.write_text(json.dumps(v1_file()))
    store = Store(path).open()
    migrated = path.read_bytes()
    Store(path).open()
    assert path.read_bytes() == migrated
    assert len(list(tmp_path.glob("*.bak"))) == 1
    co_chair = store.snapshot().memberships[2]
    with pytest.raises(ValidationError, match="Person 1"):  # back to Vorsitz: the first chair still is
        store.save(dataclasses.replace(co_chair, role=Role.VORSITZ))
    assert path.read_bytes() == migrated


def test_two_chairs_in_a_current_file_are_a_problem_for_check(tmp_path: Path):
    data = v1_file()
    data["meta"]["1"]["schema"] = SCHEMA_VERSION  # as if written by hand after the upgrade
    path = tmp_path / "herford.json"
    path.write_text(json.dumps(data))
    report = check_file(path)
    assert report.exit_code == 1
    chairs = [p for p in report.problems if "Den Vorsitz im Gremium „Lenkungskreis“" in p]  # a save's words
    assert [p.split(":")[0] for p in chairs] == ["Mitgliedschaft 1", "Mitgliedschaft 2", "Mitgliedschaft 3"], chairs


def test_a_broken_v1_file_is_not_migrated_nor_written(tmp_path: Path):
    data = v1_file()
    data["memberships"]["2"]["start"] = "32.13.2020"
    path = tmp_path / "herford.json"
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(CorruptFileError, match="start"):
        Store(path).open()
    assert path.read_bytes() == before
    assert list(tmp_path.glob("*.bak")) == []
