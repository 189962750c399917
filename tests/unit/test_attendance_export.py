"""Attendance list of a meeting (domain rows, CSV/XLSX export) and the e-mail list forms."""

from __future__ import annotations

import csv
import io
from datetime import date, time
from pathlib import Path

import openpyxl
import pytest

from herford_tui.cli import main
from herford_tui.domain import Attendance, Meeting, MeetingAttendance, Membership, Person, Role
from herford_tui.domain.attendance import quorum
from herford_tui.domain.attendance_list import attendance_list, present_count
from herford_tui.exchange.mail_lists import formatted, mailto_bcc
from herford_tui.store import Store

DAY = date(2026, 3, 10)


@pytest.fixture
def meeting(store: Store) -> tuple[Store, Meeting, dict[str, Person]]:
    snap = store.snapshot()
    committee = next(c for c in snap.committees.values() if c.name == "Lenkungskreis")
    seats = [s for s in committee.seats if not s.advisory][:4]
    people: dict[str, Person] = {}
    holders: dict[str, Membership] = {}
    for key, seat in zip(("da", "entschuldigt", "vertreten", "fehlt"), seats, strict=True):
        person = store.save(Person(given_name=key.title(), family_name="=Müller [Kita]", email=f"{key}@example.org"))
        people[key] = person
        holders[key] = store.save(
            Membership(person_id=person.id, committee_id=committee.id, seat_key=seat.key, start=date(2025, 1, 1))
        )
    deputy = store.save(Person(given_name="Vera", family_name="Vertretung, Dr.", email="vera@example.org"))
    people["deputy"] = deputy
    deputyship = Membership(
        person_id=deputy.id,
        committee_id=committee.id,
        seat_key=seats[2].key,
        role=Role.STELLVERTRETUNG,
        deputy_of=holders["vertreten"].id,
        start=date(2025, 1, 1),
    )
    store.save(deputyship)
    attendance = [
        MeetingAttendance(people["da"].id, Attendance.ANWESEND),
        MeetingAttendance(people["entschuldigt"].id, Attendance.ENTSCHULDIGT),
        MeetingAttendance(people["vertreten"].id, Attendance.VERTRETEN, deputy.id),
        MeetingAttendance(people["fehlt"].id, Attendance.FEHLEND),
    ]
    saved = store.save(Meeting(committee_id=committee.id, date=DAY, start_time=time(10), attendance=attendance,
                               guests=["Gast Gustav"]))  # fmt: skip
    return store, saved, people


def test_rows_say_who_was_there_as_whom_and_who_stood_in(meeting):
    store, saved, people = meeting
    snap = store.snapshot()
    rows = {row.name: row for row in attendance_list(snap, saved)}
    da = rows[people["da"].full_name]
    assert da.present and da.status == "anwesend" and da.role == "Mitglied" and da.voting
    assert rows[people["entschuldigt"].full_name].excused and not rows[people["entschuldigt"].full_name].present
    represented = rows[people["vertreten"].full_name]
    assert represented.status == "vertreten" and represented.represented_by == people["deputy"].full_name
    stand_in = rows[people["deputy"].full_name]
    assert stand_in.present and stand_in.stands_in_for == people["vertreten"].full_name
    assert stand_in.role == "Stellvertretung"
    assert rows[people["fehlt"].full_name].status == "abwesend"
    assert rows["Gast Gustav"].role == "Gast"
    voting_present = sum(1 for row in rows.values() if row.present and row.voting)
    assert voting_present == quorum(snap, saved).present  # the same count the meeting screen shows
    assert present_count(list(rows.values())) == 2


def test_cli_writes_csv_and_xlsx(meeting, runner, tmp_path: Path):
    store, saved, people = meeting
    out = tmp_path / "anwesenheit.csv"
    result = runner.invoke(main, ["export", "anwesenheit", str(saved.id), "--db", str(store.path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "anwesend" in result.output
    table = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert table[0][:3] == ["Name", "Organisation", "Sitz"]
    names = [row[0].lstrip("'") for row in table[1:]]
    assert people["deputy"].full_name in names and "Gast Gustav" in names
    xlsx = tmp_path / "anwesenheit.xlsx"
    by_date = ["export", "anwesenheit", DAY.strftime("%d.%m.%Y"), "--gremium", "Lenkungskreis"]
    result = runner.invoke(main, [*by_date, "--db", str(store.path), "--out", str(xlsx)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(xlsx).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][5] == "Anwesenheit" and len(cells) == len(table)
    assert all(not isinstance(c, str) or not c.startswith("=") for row in cells for c in row)
    unknown = runner.invoke(
        main, ["export", "anwesenheit", "999999", "--db", str(store.path), "--out", str(out), "--force"]
    )
    assert unknown.exit_code == 2 and "gibt es nicht" in unknown.stderr


def test_email_forms():
    entries = ['"Vertretung, Dr. Vera" <vera@example.org>', "Da Müller <da@example.org>"]
    assert formatted(entries, "komma") == '"Vertretung, Dr. Vera" <vera@example.org>, Da Müller <da@example.org>\n'
    assert formatted(entries, "semikolon").count("; ") == 1
    assert formatted(entries, "zeilen").splitlines() == entries
    assert mailto_bcc(entries) == "mailto:?bcc=vera@example.org,da@example.org"


def test_cli_email_forms(meeting, runner):
    store, _, _ = meeting
    base = ["export", "emails", "--db", str(store.path), "--gremium", "Lenkungskreis"]
    one_line = runner.invoke(main, [*base, "--form", "semikolon"])
    assert one_line.exit_code == 0, one_line.output
    assert len(one_line.stdout.strip().splitlines()) == 1 and "vera@example.org" in one_line.stdout
    link = runner.invoke(main, [*base, "--form", "mailto"])
    assert link.stdout.startswith("mailto:?bcc=") and "da@example.org" in link.stdout
