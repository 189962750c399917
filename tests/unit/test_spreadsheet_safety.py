"""Safe, typed spreadsheets: formula-like cells are neutralised (CSV: a leading apostrophe; XLSX: a
text cell with the quote prefix), phone numbers stay text, dates and times are real cells, the
header is frozen with an autofilter, control characters never crash an export and come back
unchanged, and the import strips only what the export added."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from herford_tui.cli import main
from herford_tui.domain import Meeting, Organisation, Person
from herford_tui.domain.duplicates import EVERY
from herford_tui.exchange import exports
from herford_tui.exchange.tabular import export_text, import_text
from herford_tui.store import Store

HOSTILE_NAMES = ['=HYPERLINK("http://x";"klick")', "+SUM(1)", "-2+3", "@cmd", "'=eigener Apostroph", "'normal"]


def run(runner: CliRunner, db: Path, *args: str):
    yes = ["--ja"] if args[0] == "import" and "--dry-run" not in args else []
    return runner.invoke(main, [*args, *yes, "--db", str(db)], catch_exceptions=False)


@pytest.fixture
def hostile(store: Store) -> Store:
    org = store.save(Organisation(name="=Schule", municipality="Herford", phone="+49 5221 13-0"))
    for i, name in enumerate(HOSTILE_NAMES):
        store.save(
            Person(
                given_name="Eva",
                family_name=name,
                phone="05221 1234" if i % 2 else "+49 5221 13-0",
                notes="ESC\x1b]0;title\x07 NUL\x00 CR\r LF\n Tab\t ende",
                organisation_id=org.id,
            ),
            confirmed=EVERY,
        )
    committee = next(iter(store.snapshot().committees.values()))
    store.save(
        Meeting(committee_id=committee.id, date=date(2026, 11, 28), start_time=time(17, 30), location="=Rathaus")
    )
    return store


def test_csv_fields_start_with_the_neutralising_apostrophe(hostile: Store, runner: CliRunner, tmp_path: Path):
    out = tmp_path / "p.csv"
    assert run(runner, hostile.path, "export", "csv", "personen", "--out", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert b"\x1b" not in raw and b"\x00" not in raw and b"\x07" not in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    names = {r["Nachname"] for r in rows}
    assert {'\'=HYPERLINK("http://x";"klick")', "'+SUM(1)", "'-2+3", "'@cmd"} <= names
    assert "''=eigener Apostroph" in names and "'normal" in names  # a user's own apostrophe: one more
    assert {r["Telefon"] for r in rows if r["Nachname"]} == {"'+49 5221 13-0", "05221 1234"}
    notes = [r["Notizen"] for r in rows if r["Notizen"].startswith("ESC")]
    assert notes == ["ESC␛]0;title␇ NUL␀ CR\r LF\n Tab\t ende"] * len(HOSTILE_NAMES)


def test_xlsx_cells_are_text_dates_and_times_with_filter_and_frozen_header(
    hostile: Store, runner: CliRunner, tmp_path: Path
):
    out = tmp_path / "v.xlsx"
    assert run(runner, hostile.path, "export", "xlsx", "verzeichnis", "--out", str(out)).exit_code == 0
    book = load_workbook(out)
    persons = book["Personen"]
    assert persons.freeze_panes == "A2" and persons.auto_filter.ref.startswith("A1:")
    header = [c.value for c in persons[1]]
    name_col, phone_col = header.index("Nachname") + 1, header.index("Telefon") + 1
    cells = {persons.cell(r, name_col).value: r for r in range(2, persons.max_row + 1)}
    for name in HOSTILE_NAMES:
        cell = persons.cell(cells[name], name_col)
        assert cell.data_type == "s" and cell.value == name  # text, never a formula
    assert persons.cell(cells['=HYPERLINK("http://x";"klick")'], name_col).quotePrefix
    phones = {persons.cell(r, phone_col).value for r in cells.values()}
    assert phones == {"+49 5221 13-0", "05221 1234"}
    assert all(persons.cell(r, phone_col).data_type == "s" for r in cells.values())
    out = tmp_path / "s.xlsx"
    assert run(runner, hostile.path, "export", "xlsx", "sitzungen", "--jahr", "2026", "--out", str(out)).exit_code == 0
    meetings = load_workbook(out).worksheets[0]
    header = [c.value for c in meetings[1]]
    when = meetings.cell(2, header.index("Datum") + 1)
    start = meetings.cell(2, header.index("Beginn") + 1)
    assert when.is_date and when.value == datetime(2026, 11, 28) and when.number_format == "DD.MM.YYYY"
    assert start.value == time(17, 30) and start.number_format == "HH:MM"
    assert meetings.cell(2, header.index("Ort") + 1).data_type == "s"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_import_strips_only_what_the_export_added(hostile: Store, runner: CliRunner, tmp_path: Path, fmt: str):
    out = tmp_path / f"p.{fmt}"
    assert run(runner, hostile.path, "export", fmt, "personen", "--out", str(out)).exit_code == 0
    result = run(runner, hostile.path, "import", "personen", str(out))
    assert result.exit_code == 0 and "Nichts zu ändern" in result.output, result.output
    fresh = tmp_path / "neu.json"
    org_file = tmp_path / f"o.{fmt}"
    assert run(runner, hostile.path, "export", fmt, "organisationen", "--out", str(org_file)).exit_code == 0
    assert run(runner, fresh, "import", "organisationen", str(org_file)).exit_code == 0
    result = run(runner, fresh, "import", "personen", str(out))
    assert result.exit_code == 0, result.output
    names = {p.family_name for p in Store(fresh).snapshot().persons.values()}
    assert set(HOSTILE_NAMES) <= names
    notes = {p.notes for p in Store(fresh).snapshot().persons.values() if p.given_name == "Eva"}
    assert notes == {"ESC\x1b]0;title\x07 NUL\x00 CR\r LF\n Tab\t ende"}


def test_export_text_and_import_text_are_inverse():
    for text in [
        *["=1", "'=1", "''=1", "'x", "x'", "", "-", "\t=1", "\r", "a\x1bb", "␛", "+49 5221"],
        *["0522112345", "'0522112345", "01234", "0", "32051", "1234567890123456", "05221 1234", "0,5"],
    ]:
        assert import_text(export_text(text)) == text.replace("␛", "\x1b")
    # what a spreadsheet would turn into a changed number is neutralised, like a formula
    assert [export_text(t) for t in ("0522112345", "01234", "1234567890123456")] == [
        "'0522112345",
        "'01234",
        "'1234567890123456",
    ]
    assert [export_text(t) for t in ("32051", "0", "05221 1234", "123456789012345")] == [
        "32051",
        "0",
        "05221 1234",
        "123456789012345",
    ]


def test_leading_zeros_survive_a_spreadsheet_and_come_back_unchanged(store: Store, runner: CliRunner, tmp_path: Path):
    org = store.save(Organisation(name="Kita Ost", municipality="Herford", postal_code="01234", phone="0522112345"))
    store.save(Person(given_name="Ida", family_name="Null", phone="0522199", organisation_id=org.id))
    for fmt in ("csv", "xlsx"):
        orgs, persons = tmp_path / f"o.{fmt}", tmp_path / f"p.{fmt}"
        assert run(runner, store.path, "export", fmt, "organisationen", "--out", str(orgs)).exit_code == 0
        assert run(runner, store.path, "export", fmt, "personen", "--out", str(persons)).exit_code == 0
        if fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(orgs.read_text("utf-8-sig"), newline=""), delimiter=";"))
            row = next(r for r in rows if r["Name"] == "Kita Ost")
            assert (row["PLZ"], row["Telefon"]) == ("'01234", "'0522112345")  # text to a spreadsheet
        else:
            sheet = load_workbook(orgs).worksheets[0]
            header = [c.value for c in sheet[1]]
            row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("Name")].value == "Kita Ost")
            cell = row[header.index("PLZ")]
            assert (cell.value, cell.data_type, cell.quotePrefix) == ("01234", "s", True)
        fresh = tmp_path / f"neu-{fmt}.json"
        assert run(runner, fresh, "import", "organisationen", str(orgs)).exit_code == 0
        assert run(runner, fresh, "import", "personen", str(persons)).exit_code == 0
        snapshot = Store(fresh).snapshot()
        kita = next(o for o in snapshot.organisations.values() if o.name == "Kita Ost")
        assert (kita.postal_code, kita.phone) == ("01234", "0522112345")
        assert next(p for p in snapshot.persons.values() if p.family_name == "Null").phone == "0522199"
        again = run(runner, store.path, "import", "organisationen", str(orgs))
        assert again.exit_code == 0 and "Nichts zu ändern" in again.output, again.output


def test_no_export_crashes_on_control_characters(hostile: Store, runner: CliRunner, tmp_path: Path):
    for fmt, whats in (("csv", ("gremien", "organisationen", "personen", "gremiendaten", "sitzungen")),):
        for what in whats:
            for f in (fmt, "xlsx"):
                out = tmp_path / f"{what}.{f}"
                result = run(runner, hostile.path, "export", f, what, "--verlauf", "--out", str(out), "--force")
                assert result.exit_code == 0, result.output
    snapshot, today = hostile.snapshot(), date(2026, 11, 28)
    for what, _ in [*exports.EXPORT_CHOICES.items()]:  # what the TUI's E writes
        assert exports.export_file(snapshot, what, ".xlsx", today)


def test_a_text_longer_than_an_excel_cell_is_refused_in_german_and_csv_keeps_it(
    store: Store, runner: CliRunner, tmp_path: Path
):
    from herford_tui.domain import AgendaItem

    committee = next(iter(store.snapshot().committees.values()))
    notes = "Aussprache. " * 830  # 9,960 characters: within the field's limit
    agenda = [AgendaItem(number=str(n), title=f"Punkt {n}", notes=notes) for n in range(1, 5)]
    store.save(Meeting(committee_id=committee.id, date=date(2026, 11, 28), agenda=agenda))
    out = tmp_path / "s.xlsx"
    result = run(runner, store.path, "export", "xlsx", "sitzungen", "--jahr", "2026", "--out", str(out))
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "Spalte „Tagesordnung“" in message and "eine Excel-Zelle fasst 32.767" in message, message
    assert "bitte als CSV ausgeben" in message and "Traceback" not in result.output
    assert not out.exists()  # refused whole: not cut, not split
    csv_out = tmp_path / "s.csv"
    assert run(runner, store.path, "export", "csv", "sitzungen", "--jahr", "2026", "--out", str(csv_out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(csv_out.read_text("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows[0]["Tagesordnung"]) > 32_767 and rows[0]["Tagesordnung"].count(notes) == 4
