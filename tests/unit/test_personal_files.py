"""DSGVO across every file: a workflow that touches every feature, the Auskunft before the erasure,
then the erasure, then a byte search of every file in the database's folder; and the inventory of
file kinds (``store/personal_files.py``) that the Auskunft and the erasure go through."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from datetime import date, time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from herford_tui.cli import main
from herford_tui.domain import Committee, Meeting, MeetingAttendance, Membership, Person, Role
from herford_tui.domain.duplicates import EVERY
from herford_tui.domain.erasure_end import open_memberships
from herford_tui.domain.models import AgendaItem, Attendance, Task
from herford_tui.store import Store, written
from herford_tui.store import personal_files as pf
from herford_tui.store.check import check_file
from herford_tui.store.erasure import erase_person
from herford_tui.store.files import DatabaseFile

GIVEN, FAMILY = "Quirina", "Großzwiebelhüter"  # ß: its upper case (GROSS…) is longer
NAME = f"{GIVEN} {FAMILY}"
EMAIL, OLD_EMAIL = "q.zwiebelhueter@example.org", "quirina.alt@example.org"
PHONE, OLD_PHONE = "05221 987654", "05221 111222"
SECRETS = (NAME, f"{FAMILY}, {GIVEN}", FAMILY, EMAIL, OLD_EMAIL, PHONE, OLD_PHONE)


def forms(secret: str) -> dict[str, bytes]:
    """The three forms a value may take in a file: UTF-8, JSON-escaped (\\u00fc), case-folded;
    each also in upper case ("GROSS…", "\\u00dc"). ``readable`` finds every other case variant."""
    out = {}
    for case, value in (("", secret), (" upper", secret.upper())):
        out["utf-8" + case] = value.encode()
        out["json" + case] = json.dumps(value).strip('"').encode()
        out["casefold" + case] = value.casefold().encode()
    return out


ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def readable(raw: bytes) -> str:
    """A file's text with JSON escapes undone and case folded: every case variant of a value,
    plain or escaped ("MÜLLER", "STRASSE", "M\\u00dcLLER"), becomes its folded form."""
    text = raw.decode("utf-8", errors="replace")
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text).casefold()


def hits(folder: Path) -> list[str]:
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        folded = readable(raw)
        for secret in SECRETS:
            for form, needle in forms(secret).items():
                if needle in raw:
                    found.append(f"{path.relative_to(folder)}: {secret} ({form})")
            if secret.casefold() in folded:
                found.append(f"{path.relative_to(folder)}: {secret} (any case, escaped or not)")
    return found


def cli(runner: CliRunner, *args: str, code: int = 0) -> str:
    result = runner.invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def workflow(tmp_path: Path, runner: CliRunner):
    """Every feature once: an import brings the person, edits change her e-mail and phone, she is a
    member, a deputy, a stand-in, a guest, a task assignee and responsible for an agenda item; a
    backup to another folder (here inside the database's folder, so the search sees it), a restore."""
    folder = tmp_path / "daten"
    folder.mkdir()
    db = folder / "herford.json"
    store = Store(db).open()
    imports = tmp_path / "eingang"
    imports.mkdir()
    csv = imports / "personen.csv"
    csv.write_text(f"Vorname;Nachname;E-Mail;Telefon\n{GIVEN};{FAMILY};{OLD_EMAIL};{OLD_PHONE}\n", encoding="utf-8")
    cli(runner, "import", "personen", str(csv), "--ja", "--db", str(db))
    store = Store(db).open()
    person = next(p for p in store.snapshot().persons.values() if p.family_name == FAMILY)
    person = store.save(dataclasses.replace(person, email=EMAIL, phone=PHONE, notes="erreichbar vormittags"))
    snap = store.snapshot()
    lk = next(c for c in snap.committees.values() if c.name == "Lenkungskreis")
    other = store.save(Person(given_name="Otto", family_name="Anders"))
    own = store.save(
        Membership(person_id=person.id, committee_id=lk.id, seat_key="landrat", start=date(2025, 1, 1), notes="privat")
    )
    held = store.save(
        Membership(person_id=other.id, committee_id=lk.id, seat_key="buergermeister", start=date(2025, 1, 1))
    )
    deputy = store.save(
        Membership(
            person_id=person.id,
            committee_id=lk.id,
            seat_key="buergermeister",
            role=Role.STELLVERTRETUNG,
            deputy_of=held.id,
            start=date(2025, 1, 1),
        )
    )
    meeting = store.save(
        Meeting(
            committee_id=lk.id,
            date=date(2026, 3, 12),
            start_time=time(14),
            notes=f"Rückfragen an {EMAIL} oder {EMAIL.upper()} ({NAME.upper()}, {FAMILY.upper()})",
            attendance=[
                MeetingAttendance(person.id),
                MeetingAttendance(other.id, Attendance.VERTRETEN, deputy_id=person.id),
            ],
            guests=[f"{NAME} (Gast)", f"{NAME.upper()} (GAST)"],
            agenda=[
                AgendaItem(
                    number="1",
                    title="Bericht",
                    responsible_person_id=person.id,
                    tasks=[Task(what="Protokoll verschicken", person_id=person.id, due=date(2026, 4, 1))],
                )
            ],
        )
    )
    copies = folder / "kopien"
    cli(runner, "backup", "--nach", str(copies), "--db", str(db))
    store.save(dataclasses.replace(store.snapshot().persons[other.id], notes="nach der Sicherung"))
    cli(runner, "restore", "1", "--ja", "--db", str(db))
    store = Store(db).open()
    return store, person, {"own": own, "deputy": deputy, "held": held}, meeting


def test_auskunft_then_erasure_leaves_no_value_in_any_file(workflow, runner: CliRunner):
    store, person, members, meeting = workflow
    db = store.path
    assert hits(db.parent), "the premise: the files hold the person's data"

    report = json.loads(cli(runner, "person", "auskunft", str(person.id), "--json", "--db", str(db)))
    assert {m["id"] for m in report["mitgliedschaften"]} == {members["own"].id, members["deputy"].id}
    deputy = next(m for m in report["mitgliedschaften"] if m["id"] == members["deputy"].id)
    assert deputy["stellvertretung_fuer"] == "Otto Anders"
    assert [a["sitzung_id"] for a in report["anwesenheit"]] == [meeting.id]
    assert report["vertretung_in_sitzungen"][0]["vertreten"] == "Otto Anders"
    assert [g["eintrag"] for g in report["gast_in_sitzungen"]] == [f"{NAME} (Gast)", f"{NAME.upper()} (GAST)"]
    assert report["aufgaben"][0]["aufgabe"] == "Protokoll verschicken"
    assert report["verantwortlich_fuer_tagesordnungspunkte"][0]["titel"] == "Bericht"
    log = report["aenderungsprotokoll"]
    assert any(e["action"] == "insert" and e["table"] == "persons" for e in log)
    assert any(e["changes"].get("phone") == [OLD_PHONE, PHONE] for e in log)
    assert all(e["at"].endswith(("+01:00", "+02:00")) for e in log)  # office time, as the log shows it
    kinds = {f["art"] for f in report["dateien"]}
    assert {"Datenbank", "Änderungsprotokoll", "Sicherungskopien (backup --nach)"} <= kinds
    text = cli(runner, "person", "auskunft", str(person.id), "--db", str(db))
    for line in ("Vertretung in Sitzungen (1)", "Als Gast in Sitzungen (2)", "Aufgaben (1)"):
        assert line in text
    assert "Verantwortlich für Tagesordnungspunkte (1)" in text and "Änderungsprotokoll" in text

    # exports to paths that name her (the list of written files must not keep the name)
    out = db.parent.parent / "ausgabe"
    out.mkdir()
    chosen = [out / f"{NAME}.csv", out / "grosszwiebelhueter-liste.csv"]
    for path in chosen:
        cli(runner, "export", "csv", "personen", "--out", str(path), "--db", str(db))
    assert hits(db.parent), "the premise: the list of written files names her"

    erased = cli(runner, "person", "loeschen", str(person.id), "--ja", "--db", str(db))

    for path in chosen:
        assert str(path) in erased and path.exists()  # named to be deleted by hand, never deleted
    assert not set(chosen) & set(written.listed(db))
    assert hits(db.parent) == []
    for path in sorted(p for p in db.parent.rglob("*") if p.is_file()):
        assert pf.kind_of(db, path) is not None, f"{path.name}: a file no kind of the inventory accounts for"
    assert not pf.journal_path(db).exists()
    assert pf.erased_persons(db) == {person.id: date.today()}
    entries = [json.loads(line) for line in db.with_name(db.name + ".log").read_text().splitlines()]
    erasure = entries[-1]
    assert (erasure["action"], erasure["id"], erasure["changes"]) == ("erase", person.id, {})
    report = check_file(db)
    assert report.ok, report.lines()
    shown = cli(runner, "log", "--person", str(person.id), "--db", str(db))
    assert "personenbezogene Daten gelöscht (DSGVO)" in shown


def test_every_file_after_a_workflow_belongs_to_a_registered_kind(workflow):
    """Fails when a feature starts writing a new kind of file beside the database: it must be added
    to ``personal_files.KINDS`` (and so to the Auskunft and the erasure) first."""
    store, *_ = workflow
    db = store.path
    unaccounted = [p.name for p in db.parent.rglob("*") if p.is_file() and pf.kind_of(db, p) is None]
    assert unaccounted == []
    stray = db.with_name(db.name + ".neu")  # what a new feature might write: claimed by no kind
    stray.write_text("{}")
    assert pf.kind_of(db, stray) is None


def test_restore_of_an_older_backup_keeps_the_person_erased(workflow, runner: CliRunner):
    store, person, *_ = workflow
    db = store.path
    older = db.with_name(db.name + ".1.bak").read_bytes()
    cli(runner, "person", "loeschen", str(person.id), "--ja", "--db", str(db))
    for number in ("1", "3"):
        cli(runner, "restore", number, "--ja", "--db", str(db))
        assert Store(db).open().snapshot().persons[person.id].erased_on is not None
    # a file older than the erasure, put back by hand (cp), is erased again before anybody reads it
    db.write_bytes(older)
    assert "nach DSGVO gelöscht" in "\n".join(check_file(db).lines())
    assert Store(db).open().snapshot().persons[person.id].erased_on is not None
    assert hits(db.parent) == []


def test_restore_of_a_copy_older_than_the_erasure_keeps_the_person_erased(workflow, runner: CliRunner, tmp_path):
    store, person, *_ = workflow
    db = store.path
    elsewhere = tmp_path / "anderswo"
    cli(runner, "backup", "--nach", str(elsewhere), "--db", str(db))
    copy = next(p for p in elsewhere.iterdir() if p.suffix == ".json")
    kept = tmp_path / "alte-kopie.json"
    kept.write_bytes(copy.read_bytes())  # a copy the program does not know of
    gone = tmp_path / "usb-stick" / "herford-alt.json"  # listed, on a drive not mounted now
    pf.remember_copy(DatabaseFile(db), gone)
    out = cli(runner, "person", "loeschen", str(person.id), "--ja", "--db", str(db))
    assert f"Nicht erreichbar: 1 Sicherungskopie ({gone})" in out
    assert hits(elsewhere) == []  # the known copy is cleaned with the rest
    report = check_file(copy)  # its log re-chained, its database given the new head
    assert report.ok, report.lines()
    cli(runner, "restore", "--aus", str(kept), "--ja", "--db", str(db))
    assert Store(db).open().snapshot().persons[person.id].erased_on is not None
    assert hits(db.parent) == []


KILLED_ERASER = """
import sys, time
from datetime import date
from herford_tui.store import Store, personal_files, erasure
from herford_tui.store.store import Store as S

point = sys.argv[3]

def stop(*args, **kwargs):
    print("at the point", flush=True)
    time.sleep(600)  # SIGKILL arrives here

if point == "after-database":
    personal_files.finish = stop  # the database is written, backups, copies and temp files are not
else:
    S.save_erasure = stop  # the journal is written, the database is not
erasure.erase_person(Store(sys.argv[1]).open(), int(sys.argv[2]), date.today())
"""


@pytest.mark.parametrize("point", ["after-database", "before-database"])
def test_a_killed_erasure_is_finished_before_a_restore(workflow, runner: CliRunner, point: str):
    """SIGKILL between the database write and the cleaning of the backups (or before the database
    write): the journal is there, the backups still hold the person. ``restore 1`` finishes the
    erasure first, so the restored version does not bring the person back."""
    from test_store_concurrency import Child  # the SIGKILL harness (tests/unit is on sys.path)

    store, person, *_ = workflow
    db = store.path
    child = Child(KILLED_ERASER, db, person.id, point)
    try:
        assert child.next_line(timeout=60) == "at the point"
        child.kill()
    finally:
        child.close()
    assert pf.journal_path(db).exists()
    assert FAMILY.encode() in db.with_name(db.name + ".1.bak").read_bytes()
    assert "unterbrochen" in "\n".join(check_file(db).lines())
    cli(runner, "restore", "1", "--ja", "--db", str(db))
    snapshot = Store(db).open().snapshot()
    assert snapshot.persons[person.id].erased_on is not None
    assert open_memberships(snapshot, person.id, date.today()) == []  # ended as the live erasure ends them
    assert not pf.journal_path(db).exists()
    assert hits(db.parent) == []
    report = check_file(db)
    assert report.ok, report.lines()


def test_backup_folder_gets_the_databases_mode_under_umask_000(store: Store, runner: CliRunner, tmp_path: Path):
    old = os.umask(0)
    try:
        cli(runner, "backup", "--nach", str(tmp_path / "a" / "b"), "--db", str(store.path))
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert folder.stat().st_mode & 0o777 == 0o770
    for copy in (tmp_path / "a" / "b").iterdir():
        assert copy.stat().st_mode & 0o777 == 0o660


def test_erasing_one_of_two_namesakes_keeps_the_others_name_in_the_log(empty_store: Store, runner: CliRunner):
    first = empty_store.save(Person(given_name="Thomas", family_name="Müller", email="t1@example.org"))
    twin = Person(given_name="Thomas", family_name="Müller", email="t2@example.org")
    second = empty_store.save(twin, confirmed=EVERY)  # a namesake, confirmed as another person

    erase_person(empty_store, first.id, date(2026, 11, 28))
    log = empty_store.path.with_name(empty_store.path.name + ".log").read_text(encoding="utf-8")
    assert "t1@example.org" not in log and "t2@example.org" in log
    entries = [json.loads(line) for line in log.splitlines()]
    assert next(e for e in entries if e["id"] == second.id and e["table"] == "persons")["label"] == "Thomas Müller"
    assert empty_store.snapshot().persons[second.id].full_name == "Thomas Müller"
    assert check_file(empty_store.path).ok


NAME_PART = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÄÖÜäöüßéÉ", min_size=3, max_size=12)


@settings(max_examples=20, deadline=None)
@given(given=NAME_PART, family=NAME_PART, mail=NAME_PART, note=st.text(max_size=30))
def test_no_form_of_an_erased_value_survives_in_any_file(given: str, family: str, mail: str, note: str):
    """Umlauts, ß (whose case-folded form is longer), hostile notes: after an erasure neither the
    UTF-8, nor the JSON-escaped, nor the case-folded form of a value is in any file."""
    import tempfile

    given, family = "Zq" + given, "Xv" + family  # never a word the files hold anyway
    email = f"zq.{mail}@example.org"
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "herford.json").open(seed={})
        person = store.save(Person(given_name=given, family_name=family, email=email, notes=note))
        person = store.save(dataclasses.replace(person, phone="05221 424242", email=email.upper()))
        committee = store.save(Committee(name="Arbeitskreis 1"))
        store.save(
            Meeting(
                committee_id=committee.id,
                date=date(2026, 3, 12),
                notes=f"{given} {family} fragt nach, {family.upper()} ({email.upper()}) ebenso",
                guests=[f"{family}, {given}", f"{given.upper()} {family.upper()}"],
            )
        )
        erase_person(store, person.id, date(2026, 11, 28))
        secrets = (f"{given} {family}", family, email, "05221 424242")
        for path in Path(folder).iterdir():
            raw = path.read_bytes()
            folded = readable(raw)
            for secret in secrets:
                for form, needle in forms(secret).items():
                    assert needle not in raw, f"{secret!r} ({form}) in {path.name}"
                assert secret.casefold() not in folded, f"{secret!r} (any case) in {path.name}"
        assert check_file(Path(folder) / "herford.json").ok


def test_a_killed_erasure_is_finished_before_the_log_is_read(workflow, runner: CliRunner):
    """Reading the log (``herford-tui log``, the TUI's change list) finishes an interrupted erasure
    first (``log_reader.read_entries`` finishes it before reading)."""
    from test_store_concurrency import Child  # the SIGKILL harness (tests/unit is on sys.path)

    store, person, *_ = workflow
    db = store.path
    child = Child(KILLED_ERASER, db, person.id, "after-database")
    try:
        assert child.next_line(timeout=60) == "at the point"
        child.kill()
    finally:
        child.close()
    assert pf.journal_path(db).exists()
    assert FAMILY not in cli(runner, "log", "--db", str(db))
    assert not pf.journal_path(db).exists()
    assert hits(db.parent) == []
