"""Files the program writes for the user (exports, documents, Auskünfte) are noted beside the
database (``store/written.py``): the Auskunft lists those naming the person, the erasure names
them to be deleted by hand and leaves them alone."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.domain import Meeting, MeetingAttendance, Membership, Person
from herford_tui.store import Store
from herford_tui.store.erasure import WRITTEN_LABEL, ErasureResult, erase_person
from herford_tui.store.files import DatabaseFile
from herford_tui.store.written import forget_naming, listed, naming, remember, write_recorded, written_list_path

NEEDLES = frozenset({"Wendelin Quackenbusch", "Quackenbusch"})


def test_naming_searches_text_folded_lines_and_office_xml_but_not_pdf(tmp_path: Path):
    db = tmp_path / "herford.json"
    files = {
        "a.csv": "\ufeffName;Ort\r\nWendelin Quackenbusch;Herford\r\n".encode(),
        "b.ics": b"BEGIN:VCALENDAR\r\nDESCRIPTION:Teilnehmende: Wendelin Quacken\r\n busch\r\nEND:VCALENDAR\r\n",
        "c.txt": b"Quackenbuschweg 3, Herford",  # another word: no match
        "d.pdf": b"%PDF-1.7 compressed",
    }
    for name, data in files.items():
        write_recorded(db, tmp_path / name, data)
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/sharedStrings.xml", "<sst><si><t>Quackenbusch</t></si><si><t>Berg</t></si></sst>")
    write_recorded(db, tmp_path / "e.xlsx", buffer.getvalue())
    write_recorded(db, tmp_path / "gone.csv", b"Quackenbusch")
    (tmp_path / "gone.csv").unlink()
    found, maybe = naming(db, NEEDLES)
    assert [p.name for p in found] == ["a.csv", "b.ics", "e.xlsx"]
    assert [p.name for p in maybe] == ["d.pdf"]
    remember(db, [tmp_path / "a.csv"])  # noted once; the deleted one drops off the list
    assert [p.name for p in listed(db)] == ["a.csv", "b.ics", "c.txt", "d.pdf", "e.xlsx"]
    assert json.loads(written_list_path(db).read_text())  # only paths, JSON


def test_summary_names_the_paths_literally():
    hostile = Path("/tmp/[bold]rot[/bold] \x1b[31m.csv")
    result = ErasureResult(7, 1, {}, exports=[hostile], unsearchable=[Path("/tmp/x.pdf")])
    text = result.summary()
    assert str(hostile) in text and "bitte von Hand löschen" in text and "/tmp/x.pdf" in text
    assert result.summary(with_files=False).count("/tmp") == 0


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "herford.json"
    store = Store(path).open()
    lk = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    p = store.save(Person(given_name="Wendelin", family_name="Quackenbusch", email="wq@example.org"))
    store.save(Membership(person_id=p.id, committee_id=lk.id, seat_key="landrat", start=date(2025, 1, 1)))
    store.save(Meeting(committee_id=lk.id, date=date(2026, 3, 12), attendance=[MeetingAttendance(p.id)]))
    return path, p.id


def test_exports_and_documents_are_named_by_auskunft_and_erasure(runner: CliRunner, db, tmp_path: Path):
    path, pid = db
    out = tmp_path / "out"
    out.mkdir()

    def run(*args: str) -> str:
        result = runner.invoke(main, [*args, "--db", str(path)])
        assert result.exit_code == 0, result.output
        return result.output

    run("export", "csv", "personen", "--out", str(out / "personen.csv"))
    run("export", "xlsx", "verzeichnis", "--out", str(out / "verzeichnis.xlsx"))
    run("export", "csv", "organisationen", "--out", str(out / "organisationen.csv"))  # no person in it
    run("dokument", "niederschrift", "12.03.2026", "Lenkungskreis", "--out", str(out / "niederschrift.docx"))
    naming_files = [out / "personen.csv", out / "verzeichnis.xlsx", out / "niederschrift.docx"]
    auskunft = run("person", "auskunft", str(pid), "--datei", str(out / "auskunft.txt"))
    assert "Auskunft geschrieben" in auskunft
    text = (out / "auskunft.txt").read_text()
    assert "Vom Programm geschriebene Exporte und Dokumente" in text
    for f in naming_files:
        assert str(f) in text
    assert "organisationen.csv" not in text
    erased = run("person", "loeschen", str(pid), "--ja")
    for f in [*naming_files, out / "auskunft.txt"]:  # the Auskunft itself names the person too
        assert str(f) in erased, erased
        assert f.exists()  # the user's files: named, never deleted
    assert "organisationen.csv" not in erased
    assert "bitte von Hand löschen" in erased


def test_naming_finds_a_name_json_escaped_or_not(tmp_path: Path):
    """``json.dumps`` escapes non-ASCII by default, orjson does not: the search finds both."""
    db = tmp_path / "herford.json"
    needles = {"Jörg Müller", "Müller"}
    write_recorded(db, tmp_path / "escaped.json", json.dumps({"name": "Jörg Müller 🙂"}).encode())
    write_recorded(db, tmp_path / "plain.json", json.dumps({"name": "Jörg Müller"}, ensure_ascii=False).encode())
    write_recorded(db, tmp_path / "other.json", json.dumps({"name": "M\u00fcllerstra\u00dfe"}).encode())
    assert b"M\\u00fcller" in (tmp_path / "escaped.json").read_bytes()  # the premise
    found, _ = naming(db, needles)
    assert [p.name for p in found] == ["escaped.json", "plain.json"]


def test_oparl_export_is_named_file_by_file_by_auskunft_and_erasure(runner: CliRunner, tmp_path: Path):
    """The OParl export (a folder of JSON files) is noted as written: the Auskunft and the erasure
    name exactly its files that name the person, in either JSON form of "Müller"."""
    path = tmp_path / "herford.json"
    store = Store(path).open()
    lk = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    p = store.save(Person(given_name="Jörg", family_name="Müller", email="jm@example.org"))
    store.save(Membership(person_id=p.id, committee_id=lk.id, seat_key="landrat", start=date(2025, 1, 1)))
    out = tmp_path / "oparl"

    def run(*args: str) -> str:
        result = runner.invoke(main, [*args, "--db", str(path)])
        assert result.exit_code == 0, result.output
        return result.output

    run("export", "oparl", "--out", str(out))  # public: persons with a current membership
    files = sorted(f for f in out.rglob("*") if f.is_file())
    forms = [s.encode() for s in ("Müller", "Jörg")] + [json.dumps(s).strip('"').encode() for s in ("Müller", "Jörg")]
    naming_him = [f for f in files if any(form in f.read_bytes() for form in forms)]
    assert naming_him and len(naming_him) < len(files), "the premise: some files name him, not all"

    auskunft = run("person", "auskunft", str(p.id), "--json")
    listed_files = next(f["pfade"] for f in json.loads(auskunft)["dateien"] if f["art"] == WRITTEN_LABEL)
    assert sorted(listed_files) == [str(f) for f in naming_him]
    result = erase_person(Store(path).open(), p.id, date(2026, 12, 3))
    assert result.exports == naming_him
    assert all(str(f) in result.summary() for f in naming_him)


def test_a_path_naming_the_person_counts_and_the_erasure_takes_it_off_the_list(tmp_path: Path):
    db = tmp_path / "herford.json"
    needles = {"Jörg Müller", "Müller"}
    for name in ("mueller.csv", "JOERG_MUELLER-2026.csv", "muellerstrasse.csv", "anders.csv"):
        write_recorded(db, tmp_path / name, b"Name;Ort\r\nOtto Anders;Herford\r\n")  # no name inside
    found, _ = naming(db, needles)
    assert [p.name for p in found] == ["mueller.csv", "JOERG_MUELLER-2026.csv"]
    assert forget_naming(DatabaseFile(db), needles) == 2
    assert [p.name for p in listed(db)] == ["muellerstrasse.csv", "anders.csv"]
    assert "mueller.csv" not in written_list_path(db).read_text()
    assert (tmp_path / "mueller.csv").exists()  # the user's file: never deleted
