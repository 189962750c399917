"""The log's erasure pass (``audit.erase_person``) touches only what it must: its entries are those
of decoding, erasing and re-chaining every line (the way it was done before, kept here as the
reference), lines that name nobody keep their bytes, and a file of the log before the first line
about the person is not rewritten."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from herford_tui.domain import Membership, Person
from herford_tui.domain.models import Meeting
from herford_tui.store import Store, audit
from herford_tui.store.audit import PART_KB_ENV, _erase, erase_person, log_files, log_path, verify_lines

SECRETS = ("Quirina Weißhaupt", "Weißhaupt, Quirina", "q.weisshaupt@example.org", "05221 987654")


def reference(db: Path, person_id: int, values: tuple[str, ...], up_to: int | None) -> list[dict[str, Any]]:
    """Every line decoded, erased and compared: the entries the log must hold afterwards."""
    out = []
    for path in log_files(db):
        for line in path.read_bytes().split(b"\n")[:-1]:
            try:
                entry = orjson.loads(line)
            except ValueError:
                continue
            if not isinstance(entry, dict):
                continue
            version = entry.get("v")
            if up_to is not None and (type(version) is not int or version > up_to):
                continue
            erased = _erase(entry, person_id, sorted(values, key=len, reverse=True))
            out.append({k: v for k, v in erased.items() if k != "prev"})
    return out


def entries(db: Path) -> list[dict[str, Any]]:
    found = []
    for path in log_files(db):
        found += [{k: v for k, v in json.loads(line).items() if k != "prev"} for line in path.read_text().splitlines()]
    return found


@pytest.fixture
def busy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Store, Person]:
    """A log in parts: others' entries first, then the person, a meeting naming her, and more."""
    monkeypatch.setenv(PART_KB_ENV, "2")
    store = Store(tmp_path / "herford.json").open()
    committee = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    for n in range(12):
        store.save(Person(given_name=f"Otto{n}", family_name="Anders", notes="nichts über andere " * 8))
    person = store.save(Person(given_name="Quirina", family_name="Weißhaupt", email="q.weisshaupt@example.org"))
    person = store.save(dataclasses.replace(person, phone="05221 987654"))
    store.save(
        Membership(
            person_id=person.id, committee_id=committee.id, seat_key="landrat", start=date(2025, 1, 1), notes="privat"
        )
    )
    store.save(
        Meeting(
            committee_id=committee.id, date=date(2026, 3, 12), notes="Rückfragen an Q.WEISSHAUPT@example.org, \x1b[31m"
        )
    )
    for n in range(6):
        store.save(Person(given_name=f"Ute{n}", family_name="Weiß", notes="Gespräch mit QUIRINA WEISSHAUPT"))
    assert len(log_files(store.path)) >= 3
    return store, person


@pytest.mark.parametrize(("up_to", "chunk"), [(None, audit.CHUNK_LINES), ("before-last", 100), (None, 1)])
def test_the_pass_gives_the_entries_of_erasing_every_line(busy, up_to, chunk, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(audit, "CHUNK_LINES", chunk)  # the lines split a few at a time
    store, person = busy
    db = store.path
    version = json.loads(log_path(db).read_text().splitlines()[-1])["v"]
    limit = version - 1 if up_to else None
    with log_path(db).open("ab") as log:
        log.write(b'not an entry\n[1, 2]\n{"v": 1, "torn')  # lines no writer of the program makes
    expected = reference(db, person.id, SECRETS, limit)

    erased = erase_person(db, person.id, SECRETS, up_to=limit)

    assert entries(db) == expected
    assert erased.entries == sum(1 for e in expected if "[gelöscht]" in json.dumps(e, ensure_ascii=False))
    assert verify_lines(db, log_files(db), None, erased.head) == []
    raw = b"".join(p.read_bytes() for p in log_files(db))
    assert b"weisshaupt" not in raw.lower() and "weißhaupt".encode() not in raw.decode().casefold().encode()


def test_lines_before_the_person_keep_their_bytes_and_their_file(busy):
    store, person = busy
    db = store.path
    files = log_files(db)
    before = {p: (p.stat().st_ino, p.read_bytes()) for p in files}
    first = next(p for p in files if "Weißhaupt".encode() in p.read_bytes())

    erase_person(db, person.id, SECRETS)

    untouched = files[: files.index(first)]
    assert untouched, "the premise: a part before the first line about the person"
    for path in untouched:
        assert (path.stat().st_ino, path.read_bytes()) == before[path]
    old, new = before[first][1].splitlines(), first.read_bytes().splitlines()
    same = next(i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b)
    assert b"Wei" in old[same]  # every line up to the first one about her is as it was
    for a, b in zip(old[same + 1 :], new[same + 1 :], strict=True):
        if b"Anders" in a:  # lines about nobody: only the link to the line before is new
            assert a.rsplit(b', "prev": ', 1)[0] == b.rsplit(b', "prev": ', 1)[0]
