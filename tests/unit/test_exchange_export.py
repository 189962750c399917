"""Exports: CSV and XLSX round trips, the e-mail list, never overwriting, x1 directory round trip."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from herford_tui.cli import main
from herford_tui.domain import Membership, Organisation, Person
from herford_tui.domain.fold import match_key
from herford_tui.exchange import exports
from herford_tui.exchange.tabular import cell_text, csv_bytes, csv_text, xlsx_bytes
from herford_tui.store import Store
from tests.unit.demo_tenth import write_tenth_demo


@pytest.fixture(scope="module")
def x1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tenth_demo(tmp_path_factory.mktemp("x1") / "x1.json")  # x1's shape, a tenth of its size


def run(runner: CliRunner, db: Path, *args: str):
    yes = ["--ja"] if args[0] == "import" and "--dry-run" not in args else []  # no terminal to ask
    return runner.invoke(main, [*args, *yes, "--db", str(db)], catch_exceptions=False)


def test_csv_round_trip_gives_the_same_values(x1: Path):
    snap = Store(x1).snapshot()
    sheet = exports.persons_sheet(snap)
    raw = csv_bytes(sheet.header, sheet.rows)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == sheet.header
    assert rows[1:] == [[csv_text(v) for v in row] for row in sheet.rows]
    assert len(rows) == 1 + len(snap.persons)


def test_xlsx_round_trip_one_sheet_per_committee(x1: Path):
    snap = Store(x1).snapshot()
    committees = snap.active_committees()
    sheets = exports.roster_sheets(snap, committees, date(2026, 11, 28))
    book = load_workbook(io.BytesIO(xlsx_bytes(sheets)))
    assert len(book.worksheets) == len(committees)
    for ws, sheet in zip(book.worksheets, sheets, strict=True):
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.bold
        values = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        assert values[0] == sheet.header
        assert values[1:] == [[csv_text(c) for c in row] for row in sheet.rows]
        assert ws.column_dimensions["B"].width >= len("Gremium")
    assert sum(len(s.rows) for s in sheets) == sum(
        len(snap.memberships_of(c.id, date(2026, 11, 28))) for c in committees
    )


def test_email_list_equals_the_members_with_email(store: Store, runner: CliRunner):
    snap = store.snapshot()
    konferenz = next(c for c in snap.committees.values() if c.name == "Bildungskonferenz")
    seat = konferenz.seats[0].key
    with_mail = store.save(Person(given_name="Anna", family_name="Ärger", email="anna@example.org"))
    comma = store.save(Person(given_name="Bernd", family_name="Kurz, jun.", email="b@example.org"))
    no_mail = store.save(Person(given_name="Carla", family_name="Ohne"))
    ended = store.save(Person(given_name="Dora", family_name="Alt", email="alt@example.org"))
    for p in (with_mail, comma, no_mail):
        store.save(Membership(person_id=p.id, committee_id=konferenz.id, seat_key=seat, start=date(2025, 1, 1)))
    store.save(
        Membership(
            person_id=ended.id, committee_id=konferenz.id, seat_key=seat, start=date(2020, 1, 1), end=date(2024, 12, 31)
        )
    )
    result = runner.invoke(main, ["export", "emails", "--gremium", "bildungskonferenz", "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["Anna Ärger <anna@example.org>", '"Bernd Kurz, jun." <b@example.org>']
    assert "Carla Ohne hat keine E-Mail-Adresse." in result.stderr


def test_existing_file_is_not_overwritten_without_force(store: Store, runner: CliRunner, tmp_path: Path):
    target = tmp_path / "orgs.csv"
    target.write_text("wichtig")
    result = run(runner, store.path, "export", "csv", "organisationen", "--out", str(target))
    assert result.exit_code == 2
    assert "gibt es schon und bleibt unverändert. Mit --force überschreiben." in result.stderr
    assert target.read_text() == "wichtig"
    result = run(runner, store.path, "export", "csv", "organisationen", "--out", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith("\ufeffNr.;Name;Art;Schulform;Kommune".encode())
    assert oct(target.stat().st_mode & 0o777) == "0o660"


def test_meetings_of_a_year(x1: Path, runner: CliRunner, tmp_path: Path):
    out = tmp_path / "s.xlsx"
    result = run(runner, x1, "export", "xlsx", "sitzungen", "--jahr", "2026", "--out", str(out))
    assert result.exit_code == 0, result.output
    ws = load_workbook(out).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Nr.", "Gremium", "Datum")
    assert len(rows) - 1 == len(Store(x1).snapshot().meetings_in_year(2026)) > 0
    assert all(r[2].year == 2026 for r in rows[1:])  # real date cells


def test_x1_directory_export_then_import_into_a_new_database(x1: Path, runner: CliRunner, tmp_path: Path):
    """The demo has namesakes (two persons of one name): they come over as two persons."""
    for what in ("organisationen", "personen"):
        result = run(runner, x1, "export", "csv", what, "--out", str(tmp_path / f"{what}.csv"))
        assert result.exit_code == 0, result.output
    fresh = tmp_path / "neu.json"
    for what in ("organisationen", "personen"):
        result = run(runner, fresh, "import", what, str(tmp_path / f"{what}.csv"))
        assert result.exit_code == 0, result.output

    def orgs(path: Path) -> list[tuple]:
        return sorted(_org_fields(o) for o in Store(path).snapshot().organisations.values())

    def persons(path: Path) -> list[tuple]:
        snap = Store(path).snapshot()
        return sorted(_person_fields(p, snap.organisations) for p in snap.persons.values())

    assert orgs(fresh) == orgs(x1)
    assert persons(fresh) == persons(x1)
    names = [(p[1], p[2]) for p in persons(fresh)]
    assert len(names) > len(set(names))  # namesakes


def _org_fields(o: Organisation) -> tuple:
    return (
        o.name,
        o.type,
        o.municipality,
        o.address,
        o.phone,
        o.email,
        o.website,
        o.notes,
        o.postal_code,
        o.school_form,
    )


def _person_fields(p: Person, orgs: dict[int, Organisation]) -> tuple:
    org = orgs.get(p.organisation_id or 0)
    where = (match_key(org.name), org.municipality) if org else ("", "")
    return (p.title, p.given_name, p.family_name, p.function, where, p.email, p.phone, p.notes)
