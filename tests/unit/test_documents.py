"""Meeting documents from the demo data: PDF read back with pdftotext, DOCX with python-docx.

Every fact of the meeting must be in the document (date, place, agenda, attendees and stand-ins,
decisions); hostile text prints literally; a broken office template says which file and line.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from herford_tui.cli import main
from herford_tui.documents.templates import ENV_TEMPLATES, TemplateError, shipped_folder
from herford_tui.domain import (
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    DecisionResult,
    Meeting,
    MeetingAttendance,
    MeetingStatus,
    Membership,
    Organisation,
    Person,
    Role,
    Seat,
    Snapshot,
    Task,
)
from herford_tui.domain.attendance import attendance_lines
from herford_tui.domain.labels import format_date
from herford_tui.store import Store
from herford_tui.store.demo import write_demo

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) fehlt")

TODAY = date(2026, 11, 28)


def pdf_text(path: Path) -> str:
    """The PDF's text with every run of white space made one space (table cells wrap), words that
    a narrow cell hyphenated (a soft hyphen at the break) joined again."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(re.sub(r"\u00ad\s*", "", done.stdout).split())


def docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def holds(text: str, fact: str) -> bool:
    """``fact`` is in ``text``; pdftotext drops a hyphen where a table cell broke the line there."""
    fact = flat(fact)
    return fact in text or fact.replace("-", "") in text.replace("-", "")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The small demo, one held meeting given minutes, decisions, tasks, a stand-in and a guest."""
    path = tmp_path_factory.mktemp("demo") / "db.json"
    store = Store(path, backups=0).open()
    write_demo(store, size="small", seed=1, today=TODAY)
    snapshot = store.snapshot()
    meeting = next(
        m
        for m in sorted(snapshot.meetings.values(), key=lambda m: m.id)
        if m.status is MeetingStatus.DURCHGEFUEHRT and len(m.attendance) >= 4
    )
    lines = [line for line in attendance_lines(snapshot, meeting) if line.voting]
    absent = lines[0].person_id
    taken = {e.person_id for e in meeting.attendance} | {line.person_id for line in lines}
    stand_in = next(p.id for p in sorted(snapshot.persons.values(), key=lambda p: p.id) if p.id not in taken)
    attendance = [e for e in meeting.attendance if e.person_id != absent]
    attendance.append(MeetingAttendance(absent, Attendance.VERTRETEN, stand_in))
    agenda = [
        dataclasses.replace(
            item,
            minutes=f"Aussprache zu {item.title}.",
            decisions=[Decision(f"Beschluss Nummer {n} zu {item.title}", DecisionResult.MEHRHEITLICH)],
            tasks=[Task(f"Aufgabe {n} vorbereiten", stand_in, date(2026, 12, 31))],
        )
        for n, item in enumerate(meeting.agenda, 1)
    ]
    store.save(
        dataclasses.replace(
            meeting, attendance=attendance, agenda=agenda, guests=["Gastredner Paul Beispiel"], room="Raum 1.07"
        )
    )
    return path, meeting.id


def run(runner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


def expected_facts(snapshot: Snapshot, meeting: Meeting) -> list[str]:
    return [format_date(meeting.date), meeting.location, *(item.title for item in meeting.agenda)]


def names_at(snapshot: Snapshot, meeting: Meeting) -> list[str]:
    """Every attendee and stand-in the record names."""
    ids = {e.person_id for e in meeting.attendance} | {e.deputy_id for e in meeting.attendance if e.deputy_id}
    return [snapshot.persons[i].full_name for i in ids]


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_invitation_holds_date_place_and_every_agenda_title(runner, demo, tmp_path: Path, suffix: str):
    db, meeting_id = demo
    out = tmp_path / f"einladung.{suffix}"
    result = run(runner, "--db", str(db), "dokument", "einladung", str(meeting_id), "--out", str(out))
    assert result.exit_code == 0, result.output
    snapshot = Store(db, read_only=True).open().snapshot()
    meeting = snapshot.meetings[meeting_id]
    text = pdf_text(out) if suffix == "pdf" else docx_text(out)
    for fact in [*expected_facts(snapshot, meeting), "Raum 1.07", snapshot.committees[meeting.committee_id].name]:
        assert holds(text, fact), fact


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_minutes_hold_every_attendee_stand_in_and_decision(runner, demo, tmp_path: Path, suffix: str):
    db, meeting_id = demo
    out = tmp_path / f"niederschrift.{suffix}"
    result = run(runner, "--db", str(db), "dokument", "niederschrift", str(meeting_id), "--out", str(out))
    assert result.exit_code == 0, result.output
    snapshot = Store(db, read_only=True).open().snapshot()
    meeting = snapshot.meetings[meeting_id]
    text = pdf_text(out) if suffix == "pdf" else docx_text(out)
    decisions = [d.text for item in meeting.agenda for d in item.decisions]
    tasks = [t.what for item in meeting.agenda for t in item.tasks]
    minutes = [item.minutes for item in meeting.agenda]
    assert decisions and tasks
    for fact in [*expected_facts(snapshot, meeting), *names_at(snapshot, meeting), *decisions, *tasks, *minutes]:
        assert holds(text, fact), fact
    assert "Gastredner Paul Beispiel" in text
    assert "vertreten durch" in text
    assert "beschlussfähig" in text or "Beschlussfähigkeit" in text


def test_attendance_list_names_every_member_and_deputy(runner, demo, tmp_path: Path):
    db, meeting_id = demo
    out = tmp_path / "liste.pdf"
    result = run(runner, "--db", str(db), "dokument", "anwesenheit", str(meeting_id), "--out", str(out))
    assert result.exit_code == 0, result.output
    snapshot = Store(db, read_only=True).open().snapshot()
    meeting = snapshot.meetings[meeting_id]
    assert meeting.date is not None
    text = pdf_text(out)
    for m in snapshot.memberships_of(meeting.committee_id, meeting.date):
        assert holds(text, snapshot.persons[m.person_id].full_name)
    assert "Unterschrift" in text and format_date(meeting.date) in text


def test_attendance_list_is_pdf_only(runner, demo, tmp_path: Path):
    db, meeting_id = demo
    result = run(runner, "--db", str(db), "dokument", "anwesenheit", str(meeting_id), "--out", str(tmp_path / "a.docx"))
    assert result.exit_code == 2
    assert "nur als PDF" in result.output


def test_an_existing_file_is_not_overwritten_without_force(runner, demo, tmp_path: Path):
    db, meeting_id = demo
    out = tmp_path / "einladung.pdf"
    out.write_bytes(b"mine")
    result = run(runner, "--db", str(db), "dokument", "einladung", str(meeting_id), "--out", str(out))
    assert result.exit_code == 2 and "gibt es schon" in result.output
    assert out.read_bytes() == b"mine"
    result = run(runner, "--db", str(db), "dokument", "einladung", str(meeting_id), "--out", str(out), "--force")
    assert result.exit_code == 0 and out.read_bytes().startswith(b"%PDF")


def test_unknown_meeting_is_a_german_error(runner, demo, tmp_path: Path):
    db, _ = demo
    result = run(runner, "--db", str(db), "dokument", "einladung", "999999", "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2 and "Sitzung Nr. 999999 gibt es nicht" in result.output


def test_a_broken_office_template_names_template_and_line(runner, demo, tmp_path: Path, monkeypatch):
    db, meeting_id = demo
    own = tmp_path / "vorlagen"
    shutil.copytree(shipped_folder(), own)
    lines = (own / "einladung.typ").read_text(encoding="utf-8").splitlines()
    lines.insert(9, "#let kaputt = unbekannt(")
    (own / "einladung.typ").write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setenv(ENV_TEMPLATES, str(own))
    result = run(runner, "--db", str(db), "dokument", "einladung", str(meeting_id), "--out", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert "einladung.typ" in result.output and re.search(r"Zeile 1\d", result.output), result.output
    assert not (tmp_path / "x.pdf").exists()


def test_the_office_letterhead_replaces_the_shipped_one(runner, demo, tmp_path: Path, monkeypatch):
    db, meeting_id = demo
    own = tmp_path / "vorlagen"
    shutil.copytree(shipped_folder(), own)
    head = (own / "briefkopf.typ").read_text(encoding="utf-8").replace("[#d.carrier]", "[Briefkopf des Amtes]")
    (own / "briefkopf.typ").write_text(head, encoding="utf-8")
    monkeypatch.setenv(ENV_TEMPLATES, str(own))
    out = tmp_path / "x.pdf"
    assert run(runner, "--db", str(db), "dokument", "niederschrift", str(meeting_id), "--out", str(out)).exit_code == 0
    assert "Briefkopf des Amtes" in pdf_text(out)


def docx_header(path: Path) -> str:
    from docx import Document

    return " ".join(p.text for p in Document(str(path)).sections[0].header.paragraphs)


@pytest.mark.parametrize("kind", ["einladung", "niederschrift"])
def test_both_formats_carry_the_same_letterhead(runner, demo, tmp_path: Path, kind: str):
    """The DOCX letters had no letterhead; now the PDF's facts, from the same data, head both."""
    db, meeting_id = demo
    pdf, docx = tmp_path / f"{kind}.pdf", tmp_path / f"{kind}.docx"
    for out in (pdf, docx):
        assert run(runner, "--db", str(db), "dokument", kind, str(meeting_id), "--out", str(out)).exit_code == 0
    head = docx_header(docx)
    for fact in ["Kreis Herford", "Bildungsbüro des Kreises Herford", "Amtshausstraße 3", "32051 Herford"]:
        assert fact in pdf_text(pdf) and fact in head, fact


def test_the_office_briefbogen_docx_keeps_its_own_header(runner, demo, tmp_path: Path, monkeypatch):
    from docx import Document

    db, meeting_id = demo
    own = tmp_path / "vorlagen"
    own.mkdir()
    base = Document()
    base.sections[0].header.paragraphs[0].text = "Briefbogen des Amtes"
    base.save(str(own / "briefbogen.docx"))
    monkeypatch.setenv(ENV_TEMPLATES, str(own))
    out = tmp_path / "x.docx"
    assert run(runner, "--db", str(db), "dokument", "einladung", str(meeting_id), "--out", str(out)).exit_code == 0
    assert docx_header(out) == "Briefbogen des Amtes"


# -- hostile text --------------------------------------------------------------------------------
HOSTILE = [
    "#set page(width: 1cm)",
    "] [ #{ } $x$ *fett* _kursiv_ <label> @ref // kein Kommentar",
    'Müller [Kita] "Sommer [/b]" =HYPERLINK("x")',
    "\x1b[31mrot\x1b[0m",
    "שלום עולם مرحبا",
    "\u202eKehrt um",
    " ".join(["Langwort"] * 1250),  # 10,000 characters
]


def hostile_snapshot(text: str) -> tuple[Snapshot, Meeting]:
    committee = Committee(1, 1, name=f"Gremium {text}", seats=[Seat("a", f"Sitz {text}")], quorum=1)
    org = Organisation(1, 1, name=f"Org {text}")
    people = {
        1: Person(1, 1, given_name="Anna", family_name=f"Eins {text}", organisation_id=1, email=f"a{text}@x.de"),
        2: Person(2, 1, given_name="Bert", family_name=f"Zwei {text}", organisation_id=1),
        3: Person(3, 1, given_name="Gerd", family_name=f"Drei {text}", phone=text),
    }
    memberships = {
        1: Membership(1, 1, 1, 1, "a", Role.MITGLIED, start=date(2020, 1, 1)),
        2: Membership(2, 1, 2, 1, "a", Role.STELLVERTRETUNG, deputy_of=1, start=date(2020, 1, 1)),
        3: Membership(3, 1, 3, 1, "a", Role.GESCHAEFTSFUEHRUNG, start=date(2020, 1, 1)),
    }
    meeting = Meeting(
        1,
        1,
        1,
        date(2026, 5, 6),
        time(14),
        time(16),
        location=f"Ort {text}",
        room=f"Raum {text}",
        status=MeetingStatus.DURCHGEFUEHRT,
        agenda=[
            AgendaItem(
                f"1{text}",
                f"Titel {text}",
                public=False,
                minutes=f"Protokoll {text}\nzweite Zeile",
                decisions=[Decision(f"Beschluss {text}")],
                tasks=[Task(f"Aufgabe {text}", 2, date(2026, 6, 1))],
            )
        ],
        attendance=[MeetingAttendance(1, Attendance.VERTRETEN, 2)],
        guests=[f"Gast {text}"],
        minutes=f"Allgemein {text}",
        notes=text,
    )
    return Snapshot({1: committee}, {1: org}, people, memberships, {1: meeting}), meeting


def shown(text: str) -> str:
    """What the document shows for ``text``: control characters as visible escapes."""
    from herford_tui.domain.text import printable

    return flat(printable(text))


@pytest.mark.parametrize("text", HOSTILE, ids=["typst-set", "brackets", "markup", "esc", "rtl", "bidi", "10000"])
@pytest.mark.parametrize("kind", ["einladung", "niederschrift", "anwesenheit"])
def test_hostile_text_in_every_field_prints_literally(kind: str, text: str, tmp_path: Path):
    from herford_tui.documents.render import Format, render

    snapshot, meeting = hostile_snapshot(text)
    out = tmp_path / "doc.pdf"
    out.write_bytes(render(kind, Format.PDF, snapshot, meeting))
    got = pdf_text(out)
    if len(text) > 1000:
        assert got.count("Langwort") >= 1250  # the place alone holds it whole
        return
    if any("\u0590" <= ch <= "\u06ff" for ch in text):
        assert "Gremium" in got  # right-to-left words come out of pdftotext in visual order
        return
    expected = [f"Gremium {shown(text)}", f"Ort {shown(text)}"]
    if kind != "anwesenheit":
        expected.append(f"Titel {shown(text)}")
    if kind == "niederschrift":
        expected += [f"Beschluss {shown(text)}", f"Aufgabe {shown(text)}", f"Gast {shown(text)}"]
    if kind == "anwesenheit":
        expected += [f"Gast {shown(text)}", f"Org {shown(text)}"]
    for fact in expected:
        assert fact in got, (fact, got[:2000])


@pytest.mark.parametrize("text", HOSTILE, ids=["typst-set", "brackets", "markup", "esc", "rtl", "bidi", "10000"])
@pytest.mark.parametrize("kind", ["einladung", "niederschrift"])
def test_hostile_text_in_the_docx_letters(kind: str, text: str, tmp_path: Path):
    from herford_tui.documents.render import Format, render

    snapshot, meeting = hostile_snapshot(text)
    out = tmp_path / "doc.docx"
    out.write_bytes(render(kind, Format.DOCX, snapshot, meeting))
    got = docx_text(out)
    assert f"Titel {shown(text)}" in got
    assert f"Ort {shown(text)}" in got


def test_template_error_is_german():
    from herford_tui.documents.templates import compile_pdf

    with pytest.raises(TemplateError, match=r"Vorlage .*gibt-es-nicht\.typ"):
        compile_pdf("gibt-es-nicht.typ", {})


# -- the year in figures and the annual report ------------------------------------------------------
def test_auswertung_as_text_and_csv(runner, demo, tmp_path: Path):
    db, _ = demo
    result = run(runner, "--db", str(db), "auswertung", "2025")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Auswertung 2025")
    for heading in ("Sitzungen 2025", "Anwesenheit im Verlauf", "Unbesetzte Sitze", "Offene Aufgaben"):
        assert heading in result.output
    out = tmp_path / "a.csv"
    result = run(runner, "--db", str(db), "auswertung", "2025", "--csv", "--out", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[1].startswith("Sitzungen 2025;Gremium;Stattgefunden")


def test_bericht_writes_a_pdf_with_summary_and_a_table_per_committee(runner, demo, tmp_path: Path):
    db, _ = demo
    out = tmp_path / "bericht.pdf"
    result = run(runner, "--db", str(db), "bericht", "2026", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == f"Geschrieben: {out}\n"  # piped: no progress bar
    text = pdf_text(out)
    snapshot = Store(db, read_only=True).open().snapshot()
    assert "Jahresbericht 2026" in text and "Zusammenfassung" in text and "Gremien in" in text
    for committee in snapshot.active_committees():
        assert holds(text, committee.name)
    again = run(runner, "--db", str(db), "bericht", "2026", "--out", str(out))
    assert again.exit_code == 2 and "gibt es schon" in again.output


# -- any text a user can type ------------------------------------------------------------------------
TYPST_SIGNS = list(" #[]{}()$*_\\`<>@/\"=;:-+~.,!?'") + list("abcXYZ019äß")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet=TYPST_SIGNS, min_size=1, max_size=60), anything=st.text(max_size=80))
def test_any_text_renders_and_typst_signs_print_literally(tmp_path: Path, name: str, anything: str):
    """Typst's markup signs in a name come out as typed; any other text (controls, emoji, scripts)
    renders without error."""
    from herford_tui.documents.render import Format, render

    snapshot, meeting = hostile_snapshot(anything)
    snapshot.committees[1].name = name
    out = tmp_path / "doc.pdf"
    out.write_bytes(render("niederschrift", Format.PDF, snapshot, meeting))
    text = pdf_text(out)
    if flat(name):
        assert flat(name) in text


def test_the_meeting_also_by_date_and_committee(runner, demo, tmp_path: Path):
    db, meeting_id = demo
    snapshot = Store(db, read_only=True).open().snapshot()
    meeting = snapshot.meetings[meeting_id]
    name = snapshot.committees[meeting.committee_id].name
    out = tmp_path / "einladung.docx"
    # unquoted, as typed in a shell: the date and the committee's words are separate arguments
    result = run(
        runner, "--db", str(db), "dokument", "einladung", format_date(meeting.date), *name.split(), "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    assert holds(docx_text(out), name)
    wrong = run(runner, "--db", str(db), "dokument", "einladung", "Lenkungskreis", "--out", str(tmp_path / "x.docx"))
    assert wrong.exit_code == 2 and "nennt keine Sitzung" in wrong.stderr and "Traceback" not in wrong.output
    assert not (tmp_path / "x.docx").exists()


def test_a_missing_folder_is_said_in_german_not_as_a_vanished_temporary_file(runner, demo, tmp_path: Path):
    """It said "Ausführen nicht möglich: …/.a.pdf.tmp-… ist verschwunden … herford-tui neu starten"."""
    db, meeting_id = demo
    out = tmp_path / "fehlt" / "a.pdf"
    result = run(runner, "--db", str(db), "dokument", "einladung", str(meeting_id), "--out", str(out))
    assert result.exit_code == 2
    assert f"{out} lässt sich nicht schreiben (Datei oder Ordner gibt es nicht)." in result.output
    assert ".tmp" not in result.output and "neu starten" not in result.output


def test_export_and_import_say_the_systems_reason_in_german(runner, demo, tmp_path: Path):
    """ "(No such file or directory)" stood in otherwise German messages."""
    db, _ = demo
    result = run(runner, "--db", str(db), "export", "csv", "personen", "--out", str(tmp_path / "fehlt" / "p.csv"))
    assert result.exit_code == 2 and "(Datei oder Ordner gibt es nicht)" in result.output
    result = run(runner, "--db", str(db), "import", "personen", str(tmp_path / "fehlt.csv"), "--ja")
    assert result.exit_code == 2 and "ist nicht lesbar (Datei oder Ordner gibt es nicht)" in result.output
    assert "No such file" not in result.output
