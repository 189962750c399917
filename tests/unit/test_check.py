"""``check_file``: every kind of problem is found and said in German; the file is never touched."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from herford_tui.domain import Snapshot
from herford_tui.store import Store
from herford_tui.store import files as files_module
from herford_tui.store.check import check_file

Data = dict[str, Any]


def valid_db() -> Data:
    """A small, hand-written, correct database: one committee, two persons, three memberships."""
    return {
        "meta": {
            "1": {
                "schema": 2,
                "counters": {
                    "committees": 1,
                    "organisations": 2,
                    "persons": 2,
                    "memberships": 3,
                    "meetings": 1,
                },
            }
        },
        "committees": {
            "1": {
                "rev": 1,
                "name": "Lenkungskreis",
                "kind": "lenkung",
                "seats": [
                    {"key": "landrat", "label": "Landrat", "count": 1},
                    {"key": "schulen", "label": "Schulen", "count": None},
                ],
            }
        },
        "organisations": {
            "1": {"rev": 1, "name": "Kreis Herford", "type": "verwaltung", "municipality": "kreisweit"},
            "2": {"rev": 1, "name": "Demo-Schule", "type": "schule", "municipality": "Enger"},
        },
        "persons": {
            "1": {
                "rev": 1,
                "given_name": "Anna",
                "family_name": "Beispiel",
                "organisation_id": 1,
                "email": "anna@example.org",
                "phone": "0123 456",
            },
            "2": {"rev": 1, "given_name": "Bernd", "family_name": "Muster", "organisation_id": 2},
        },
        "memberships": {
            "1": {
                "rev": 1,
                "person_id": 1,
                "committee_id": 1,
                "seat_key": "landrat",
                "role": "vorsitz",
                "represents_id": 1,
                "start": "2020-01-01",
            },
            "2": {
                "rev": 1,
                "person_id": 2,
                "committee_id": 1,
                "seat_key": "landrat",
                "role": "stellvertretung",
                "deputy_of": 1,
                "start": "2021-01-01",
            },
            "3": {
                "rev": 1,
                "person_id": 2,
                "committee_id": 1,
                "seat_key": "schulen",
                "role": "mitglied",
                "represents_id": 2,
                "start": "2018-01-01",
                "end": "2019-12-31",
            },
        },
        "meetings": {
            "1": {
                "rev": 1,
                "committee_id": 1,
                "date": "2025-03-04",
                "start_time": "10:00:00",
                "end_time": "12:00:00",
                "status": "durchgefuehrt",
                "agenda": [{"number": "1", "title": "Begrüßung", "public": True}],
                "attendance": [{"person_id": 1, "status": "anwesend"}],
            },
        },
    }


def write(path: Path, data: Data | str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    elif isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "db.json"


# -- good files ----------------------------------------------------------------------------------
def test_hand_written_base_is_valid_for_check_and_for_the_store(db: Path):
    write(db, valid_db())
    report = check_file(db)
    assert report.ok, report.lines()
    assert report.exit_code == 0
    assert report.lines() == [
        f"Prüfe {db} …",
        "1 Gremium, 2 Organisationen, 2 Personen, 3 Mitgliedschaften, 1 Sitzung geprüft.",
        "OK: keine Probleme gefunden.",
    ]
    # The same file satisfies the domain's own rules, so the cases below differ by one fault only.
    snapshot = Store(db).snapshot()
    for table in ("committees", "organisations", "persons", "memberships", "meetings"):
        for record in getattr(snapshot, table).values():
            assert snapshot.check(record) == [], (table, record)


def test_file_created_by_the_store_from_the_seed_is_ok(db: Path):
    Store(db).open()
    report = check_file(db)
    assert report.ok, report.lines()
    assert "7 Gremien, 17 Organisationen, 0 Personen, 0 Mitgliedschaften, 0 Sitzungen geprüft." in report.lines()


def test_old_format_without_meta_is_a_note_not_a_problem(db: Path):
    data = valid_db()
    del data["meta"]
    write(db, data)
    report = check_file(db)
    assert report.ok
    assert any(line.startswith("Hinweis: Die Datei hat das alte Format 0") for line in report.lines())


# -- files that cannot be checked at all ------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "die Datei ist leer (0 Byte)"),
        (b"  \n", "die Datei ist leer"),
        (b'{"committees": {"1": {"name": "Lenk', "JSON-Fehler in Zeile 1"),
        (b"\xff\xfe{}", "keine UTF-8-Textdatei"),
        (b"[1, 2]", "nicht den Aufbau einer herford-tui-Datenbank"),
        (b'{"committees": []}', "nicht den Aufbau einer herford-tui-Datenbank"),
        (b'{"foo": {}}', "keine herford-tui-Datenbank"),
        (b"{}", "keine herford-tui-Datenbank"),
        (b'{"meta": {"1": {"schema": 99}}}', "das Format 99, dieses Programm kennt nur bis 2"),
        (b'{"meta": {"1": {"schema": "eins"}}}', "„meta“"),
        (b'{"persons": {"abc": {"family_name": "X"}}}', "„abc“"),
        (b'{"persons": {"3": ["Muster"]}}', "Eintrag 3"),
    ],
)
def test_unusable_file_is_fatal_and_named(db: Path, content: bytes, expected: str):
    write(db, content)
    report = check_file(db)
    assert not report.ok
    assert report.exit_code == 2
    lines = report.lines()
    assert lines[0] == f"Prüfe {db} …"
    assert lines[1].startswith("Fehler: ")
    assert expected in lines[1]
    assert "Es gibt keine lesbare Sicherung" in lines[-1]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["meta"]["1"]["counters"].update(persons=1), "Der Zähler für neue Personen (1) liegt unter"),
        (lambda d: d["meta"]["1"].pop("counters"), "keine Zähler für neue Nummern"),
    ],
)
def test_lagging_counters_are_a_note_the_store_heals_them(db: Path, change, expected: str):
    data = valid_db()
    change(data)
    write(db, data)
    report = check_file(db)
    assert report.ok
    assert any(line.startswith("Hinweis: ") and expected in line for line in report.lines())


def test_truncated_real_file_is_fatal(db: Path):
    write(db, valid_db())
    raw = db.read_bytes()
    db.write_bytes(raw[: len(raw) // 2])
    report = check_file(db)
    assert report.exit_code == 2
    assert "Die Datei ist beschädigt: JSON-Fehler" in report.fatal


def test_missing_file(db: Path):
    report = check_file(db)
    assert report.exit_code == 2
    assert report.lines()[:2] == [f"Prüfe {db} …", "Fehler: Die Datei gibt es nicht."]


def test_directory_instead_of_file(tmp_path: Path):
    report = check_file(tmp_path)
    assert report.exit_code == 2
    assert "Ordner" in report.fatal


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (PermissionError(13, "Permission denied"), "Keine Berechtigung für die Datei"),
        (OSError(5, "Input/output error"), "Ein-/Ausgabefehler des Datenträgers"),
    ],
)
def test_unreadable_file(db: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, expected: str):
    # Simulated: the tests may run as root, who reads a file whatever its mode.
    write(db, valid_db())
    real = os.open

    def fake_open(path, flags, *args, **kwargs):
        if Path(path) == db:
            error.filename = str(db)
            raise error
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(files_module.os, "open", fake_open)
    report = check_file(db)
    assert report.exit_code == 2
    assert expected in report.fatal
    assert error.strerror not in report.fatal  # no English
    assert "keine lesbare Sicherung" not in "\n".join(report.lines())  # not a damaged file


def test_corrupt_file_names_the_readable_backups(db: Path):
    write(db, b'{"committees": ')
    good = write(db.with_name("db.json.1.bak"), valid_db())
    write(db.with_name("db.json.2.bak"), b"")  # not readable either: not offered
    older = write(db.with_name("db.json.3.bak"), valid_db())
    report = check_file(db)
    assert report.exit_code == 2
    assert report.backups == [good, older]
    text = "\n".join(report.lines())
    assert f"  {good}\n  {older}\n" in text
    assert "db.json.2.bak" not in text
    assert f"herford-tui check --db {good}" in text
    assert f"cp {good} {db}" in text


def test_missing_file_with_backup_left(db: Path):
    bak = write(db.with_name("db.json.1.bak"), valid_db())
    report = check_file(db)
    assert report.fatal == "Die Datei gibt es nicht."
    assert report.backups == [bak]


# -- problems inside a readable file ---------------------------------------------------------------
def _set(table: str, key: str, **values: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data[table][key].update(values)

    return change


def _add(table: str, key: str, doc: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data[table][key] = doc
        data["meta"]["1"]["counters"][table] = max(
            data["meta"]["1"]["counters"][table], int(key) if key.isdigit() else 0
        )

    return change


def _extra_holder(data: Data) -> None:
    _add("persons", "3", {"rev": 1, "family_name": "Probe"})(data)
    _add("memberships", "4", {"rev": 1, "person_id": 3, "committee_id": 1, "seat_key": "landrat",
                              "role": "mitglied", "start": "2023-06-01", "end": "2024-05-31"})(data)  # fmt: skip


def _same_person_twice(data: Data) -> None:
    _add("memberships", "4", {"rev": 1, "person_id": 2, "committee_id": 1, "seat_key": "schulen",
                              "role": "mitglied", "start": "2019-06-01"})(data)  # fmt: skip


def _second_committee(data: Data) -> None:
    _add("committees", "2", {"rev": 1, "name": "Arbeitskreis 1", "seats": [{"key": "landrat", "label": "L"}]})(data)
    _set("memberships", "2", committee_id=2)(data)


CASES: dict[str, tuple[Callable[[Data], None], str]] = {
    # structure
    "unknown table": (lambda d: d.update(_default={}), "Unbekannte Tabelle „_default“"),
    # decoding
    "text field holds a number": (_set("persons", "1", email=5), "Person 1: Feld „email“: ungültiger Wert 5"),
    "unknown enum value": (
        _set("memberships", "1", role="chef"),
        "Mitgliedschaft 1: Feld „role“: ungültiger Wert 'chef'",
    ),
    "impossible date": (_set("memberships", "1", start="2024-13-01"), "Mitgliedschaft 1: Feld „start“"),
    "bad nested seat": (
        lambda d: d["committees"]["1"]["seats"].append({"key": "x", "label": "X", "count": "viele"}),
        "Gremium 1: Feld „seats“",
    ),
    "bad attendance status": (
        lambda d: d["meetings"]["1"]["attendance"].append({"person_id": 2, "status": "krank"}),
        "Sitzung 1: Feld „attendance“",
    ),
    # references
    "person -> organisation": (
        _set("persons", "2", organisation_id=99),
        "Person 2 (Muster, Bernd): Organisation: Die Organisation gibt es nicht (mehr).",
    ),
    "membership -> person": (
        _set("memberships", "3", person_id=99),
        "Mitgliedschaft 3: Person: Die Person gibt es nicht (mehr).",
    ),
    "membership -> committee": (
        _set("memberships", "3", committee_id=9),
        "Mitgliedschaft 3: Gremium: Das Gremium gibt es nicht (mehr).",
    ),
    "membership -> seat": (
        _set("memberships", "3", seat_key="kirche"),
        "Mitgliedschaft 3: Sitz: Den Sitz gibt es im Gremium „Lenkungskreis“ nicht.",
    ),
    "membership -> represented organisation": (
        _set("memberships", "3", represents_id=42),
        "Mitgliedschaft 3: vertritt: Die vertretene Organisation gibt es nicht (mehr).",
    ),
    "deputy -> missing membership": (
        _set("memberships", "2", deputy_of=77),
        "Mitgliedschaft 2: Stellvertretung für: Die vertretene Mitgliedschaft gibt es nicht (mehr).",
    ),
    "deputy -> other committee": (
        _second_committee,
        "Mitgliedschaft 2: Stellvertretung für: Das vertretene Mitglied gehört nicht zu diesem Gremium.",
    ),
    "meeting -> committee": (
        _set("meetings", "1", committee_id=5),
        "Sitzung 1 (04.03.2025): Gremium: Das Gremium gibt es nicht (mehr).",
    ),
    "meeting -> attendance person": (
        lambda d: d["meetings"]["1"]["attendance"].append({"person_id": 12, "status": "fehlend"}),
        "Sitzung 1 (04.03.2025): Anwesenheit: Eine Person der Anwesenheitsliste fehlt.",
    ),
    # values
    "bad e-mail": (
        _set("persons", "1", email="anna(at)example.org"),
        "Person 1 (Beispiel, Anna): E-Mail: „anna(at)example.org“ ist keine gültige E-Mail-Adresse.",
    ),
    "bad phone": (_set("persons", "1", phone="ruf an"), "Telefon: „ruf an“ ist keine Telefonnummer"),
    "empty family name": (
        _set("persons", "2", family_name=" "),
        "Person 2 (Bernd): Nachname: Der Nachname darf nicht leer sein.",
    ),
    "municipality outside the Kreis": (
        _set("organisations", "2", municipality="Bielefeld"),
        "Organisation 2 („Demo-Schule“): Kommune: „Bielefeld“ ist keine Kommune im Kreis Herford",
    ),
    "end before start": (
        _set("memberships", "3", end="2017-01-01"),
        "Mitgliedschaft 3: Ende: Das Ende liegt vor dem Beginn.",
    ),
    "deputy without member": (
        _set("memberships", "2", deputy_of=None),
        "Mitgliedschaft 2: Stellvertretung für: Eine Stellvertretung braucht das vertretene Mitglied.",
    ),
    "meeting ends before it starts": (
        _set("meetings", "1", end_time="09:00:00"),
        "Sitzung 1 (04.03.2025): Ende: Das Ende liegt vor dem Beginn.",
    ),
    "duplicate seat key": (
        lambda d: d["committees"]["1"]["seats"].append({"key": "landrat", "label": "Noch ein Landrat"}),
        "Gremium 1 („Lenkungskreis“): Sitze: Sitz „Noch ein Landrat“ hat keinen eindeutigen Schlüssel.",
    ),
    # rules across records
    "seat over-occupied": (
        _extra_holder,
        "Mitgliedschaft 4: Sitz: Der Sitz „Landrat“ ist voll besetzt (1 von 1).",
    ),
    "same person twice on a seat": (
        _same_person_twice,
        "Mitgliedschaft 4: Person: Diese Person hat in diesem Zeitraum schon eine Mitgliedschaft auf diesem Sitz.",
    ),
}


PAIRS = {"seat over-occupied", "same person twice on a seat"}

DECODING = {
    "text field holds a number",
    "unknown enum value",
    "impossible date",
    "bad nested seat",
    "bad attendance status",
}


@pytest.mark.parametrize("case", CASES)
def test_problem_is_found_and_named(db: Path, case: str):
    change, expected = CASES[case]
    data = valid_db()
    change(data)
    write(db, data)
    report = check_file(db)
    assert not report.ok
    # A record that does not decode stops the app from opening the file: exit code 2, like it.
    assert report.exit_code == (2 if case in DECODING else 1)
    assert report.fatal is None
    # A conflict of two records is said of each, as saving either of them would say it.
    count = 2 if case in PAIRS else 1
    assert len(report.problems) == count, report.problems
    assert expected in report.problems[-1]
    lines = report.lines()
    assert lines[-1 - count] == ("1 Problem:" if count == 1 else f"{count} Probleme:")
    assert lines[-1] == f"  {report.problems[-1]}"


def test_many_problems_are_all_listed(db: Path):
    data = valid_db()
    for change in (_set("persons", "2", organisation_id=99), _set("memberships", "3", person_id=98), _extra_holder):
        change(data)
    write(db, data)
    lines = check_file(db).lines()
    assert "4 Probleme:" in lines  # the two holders of one seat are two
    assert len([line for line in lines if line.startswith("  ")]) == 4


@pytest.mark.parametrize(
    "change",
    [
        # the next holder starts the day after the last one left
        lambda d: (_add("persons", "3", {"rev": 1, "family_name": "Probe"})(d),
                   _add("memberships", "4", {"rev": 1, "person_id": 3, "committee_id": 1, "seat_key": "landrat",
                                             "role": "mitglied", "start": "2015-01-01", "end": "2019-12-31"})(d)),
        # deputies and guests sit beside the seat, not on it
        lambda d: (_add("persons", "3", {"rev": 1, "family_name": "Probe"})(d),
                   _add("memberships", "4", {"rev": 1, "person_id": 3, "committee_id": 1, "seat_key": "landrat",
                                             "role": "gast", "start": "2022-01-01"})(d)),
        # the same person again on the seat, after the earlier membership ended
        lambda d: _add("memberships", "4", {"rev": 1, "person_id": 2, "committee_id": 1, "seat_key": "schulen",
                                            "role": "mitglied", "start": "2020-01-01"})(d),
    ],
    ids=["successor", "guest", "same-person-later"],
)  # fmt: skip
def test_no_false_alarm_for_allowed_cases(db: Path, change):
    data = valid_db()
    change(data)
    write(db, data)
    report = check_file(db)
    assert report.ok, report.problems


def test_long_bad_value_is_cut_to_one_short_line(db: Path):
    data = valid_db()
    data["meetings"]["1"]["attendance"] = [{"person_id": 1, "status": "anwesend"}] * 200 + [{"person_id": "x"}]
    write(db, data)
    (problem,) = check_file(db).problems
    assert problem.startswith("Sitzung 1: Feld „attendance“")
    assert len(problem) < 300
    assert problem.endswith("…")


def test_leftover_temp_file_is_a_note(db: Path):
    write(db, valid_db())
    (db.parent / ".db.json.tmp-123-abcd").write_text("{")
    report = check_file(db)
    assert report.ok
    assert any("Zwischendatei" in line for line in report.lines())


# -- read only -------------------------------------------------------------------------------------
def _state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(
    "content",
    [valid_db(), copy.deepcopy(valid_db()) | {"_default": {}}, b'{"committees": {', b"", {"meta": {}}],
    ids=["good", "problems", "truncated", "empty", "old-format"],
)
def test_check_never_writes(db: Path, content):
    write(db, content)
    write(db.with_name("db.json.1.bak"), valid_db())
    os.utime(db, ns=(1_000_000_000, 1_000_000_000))  # an mtime a write would certainly change
    before = _state(db.parent)
    check_file(db)
    check_file(str(db))
    assert _state(db.parent) == before  # same bytes, same mtime, and no new file (not even a lock file)


def test_check_of_store_file_leaves_it_alone(tmp_path: Path):
    db = tmp_path / "db.json"
    store = Store(db).open()
    before = _state(tmp_path)
    assert check_file(db).ok
    assert _state(tmp_path) == before
    assert not store.changed()


def test_snapshot_rules_and_check_agree_on_a_full_seat(db: Path):
    """The store refuses what check reports: both read the seat count the same way."""
    data = valid_db()
    _extra_holder(data)
    write(db, data)
    snapshot: Snapshot = Store(db).snapshot()
    assert snapshot.check(snapshot.memberships[4])  # the domain says: seat full
    assert not check_file(db).ok


@pytest.mark.parametrize("content", [valid_db(), b""], ids=["good", "empty"])
def test_check_gives_the_garbage_collector_back(db: Path, content):
    import gc

    write(db, content)
    assert gc.isenabled()
    check_file(db)
    assert gc.isenabled()
    gc.disable()
    try:
        check_file(db)
        assert not gc.isenabled()  # it was off before, so it stays off
    finally:
        gc.enable()
