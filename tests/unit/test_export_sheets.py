"""One rule for what a table export holds (``exports.export_sheets``): the export dialog (E) and
``herford-tui export csv|xlsx`` write the same sheets for the same choice, and the meetings of
the year before or of every year are offered in the dialog too, and import back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.domain import Committee, Meeting, MeetingStatus, Membership, Person, Seat
from herford_tui.exchange import exports
from herford_tui.exchange.tabular import decode_text, parse_csv
from herford_tui.store import Store

TODAY = date(2026, 11, 28)


@pytest.fixture
def meetings_in_three_years(db_path: Path) -> Store:
    store = Store(db_path).open(seed={})
    committee = store.save(Committee(name="Lenkungskreis [LK]", seats=[Seat(key="offen", label="Offen", count=None)]))
    for day in (date(2024, 3, 5), date(2025, 6, 17), date(2025, 11, 4), date(2026, 2, 10)):
        store.save(Meeting(committee_id=committee.id, date=day, status=MeetingStatus.DURCHGEFUEHRT))
    # a roster with its past: one member ended, one current, and an archived committee's member
    anna = store.save(Person(given_name="Anna", family_name="Alt"))
    store.save(Membership(person_id=anna.id, committee_id=committee.id, seat_key="offen", start=date(2020, 1, 1),
                          end=date(2024, 12, 31)))  # fmt: skip
    store.save(Membership(person_id=anna.id, committee_id=committee.id, seat_key="offen", start=date(2025, 1, 1)))
    old = store.save(Committee(name="AK Alt", archived=True, seats=[Seat(key="offen", label="Offen", count=None)]))
    store.save(Membership(person_id=anna.id, committee_id=old.id, seat_key="offen", start=date(2019, 1, 1)))
    return store


def _days(sheets: list[exports.Sheet]) -> list[date]:
    [sheet] = sheets
    column = sheet.header.index("Datum")
    return [row[column] for row in sheet.rows]


@pytest.mark.parametrize(
    ("what", "days"),
    [
        ("sitzungen", [date(2026, 2, 10)]),
        ("sitzungen-vorjahr", [date(2025, 6, 17), date(2025, 11, 4)]),
        ("sitzungen-alle", [date(2024, 3, 5), date(2025, 6, 17), date(2025, 11, 4), date(2026, 2, 10)]),
    ],
)
def test_the_meeting_exports_hold_their_years(meetings_in_three_years: Store, what: str, days: list[date]):
    assert what in exports.EXPORT_CHOICES  # offered by the dialog
    assert _days(exports.export_sheets(meetings_in_three_years.snapshot(), what, TODAY)) == days


def test_an_unknown_table_is_refused_in_german(meetings_in_three_years: Store):
    with pytest.raises(ValueError, match="Unbekannte Tabelle „sitzung“"):
        exports.export_sheets(meetings_in_three_years.snapshot(), "sitzung", TODAY)


@pytest.mark.parametrize(
    ("what", "cli", "rows"),
    [
        ("sitzungen-alle", ["sitzungen", "--verlauf"], 4),
        ("sitzungen-vorjahr", ["sitzungen", "--jahr", "2025"], 2),  # the dialog's "today" is in 2026
        ("gremiendaten", ["gremiendaten"], 2),  # the archived one too
        ("gremien-verlauf", ["gremien", "--verlauf"], 3),
    ],
)
def test_the_dialog_writes_what_the_cli_writes_and_it_imports_back(
    meetings_in_three_years: Store, runner: CliRunner, tmp_path: Path, what: str, cli: list[str], rows: int
):
    """The dialog's bytes (``export_file``, as E writes them) equal the CLI's for the same choice, and
    importing them into the database they came from changes nothing."""
    db = str(meetings_in_three_years.path)
    out = tmp_path / "cli.csv"
    result = runner.invoke(main, ["export", "csv", *cli, "--out", str(out), "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    dialog = exports.export_file(meetings_in_three_years.snapshot(), what, ".csv", TODAY)
    assert dialog == out.read_bytes()
    assert len(parse_csv(decode_text(dialog)).rows) == rows
    kind = "sitzungen" if what.startswith("sitzungen") else "mitgliedschaften" if what.startswith("gremien-") else what
    written = meetings_in_three_years.path.read_bytes()
    result = runner.invoke(main, ["import", kind, str(out), "--ja", "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Nichts zu ändern" in result.output
    assert meetings_in_three_years.path.read_bytes() == written
