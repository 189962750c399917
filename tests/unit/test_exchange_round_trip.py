"""Exchange round trips: export CSV and XLSX → import into a new database → export again gives the
same rows; importing the same files again (or into the database they came from) changes nothing.

On a demo shaped like x1 at a twentieth of its size (namesakes, history, extra committees; the size
is not the point here, the benchmarks time x1) through the CLI, and as a property over generated data with
namesakes, umlauts, hostile text and empty optional fields, for both formats.
"""

from __future__ import annotations

import dataclasses
import string
import zipfile
from datetime import date, time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from herford_tui.cli import main
from herford_tui.domain import (
    AgendaItem,
    Attendance,
    Committee,
    Decision,
    Meeting,
    MeetingAttendance,
    MeetingStatus,
    Membership,
    Organisation,
    OrgType,
    Person,
    Role,
    Seat,
    Task,
)
from herford_tui.domain.models import MUNICIPALITIES
from herford_tui.exchange import exports
from herford_tui.exchange.importing import KINDS, fitting_kind, plan_import
from herford_tui.exchange.tabular import Sheet, csv_bytes, decode_text, parse_csv, read_xlsx, xlsx_bytes
from herford_tui.store import Store
from herford_tui.store.demo import write_demo
from tests.unit.demo_tenth import TWENTIETH, write_tenth_demo

# (export WAS, import ART) in the order an empty database takes them
ORDER = (
    ("organisationen", "organisationen"),
    ("personen", "personen"),
    ("gremiendaten", "gremiendaten"),
    ("gremien", "mitgliedschaften"),
    ("sitzungen", "sitzungen"),
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = write_tenth_demo(tmp_path_factory.mktemp("demo") / "demo.json", shape=TWENTIETH)
    snap = Store(path).snapshot()
    names = [p.full_name for p in snap.persons.values()]
    assert len(names) > len(set(names)), "the round trip needs namesakes"
    assert any(m.end is not None for m in snap.memberships.values()), "and history (--verlauf)"
    return path


def run(runner: CliRunner, db: Path, *args: str):
    yes = ["--ja"] if args[0] == "import" and "--dry-run" not in args else []  # no terminal to ask
    return runner.invoke(main, [*args, *yes, "--db", str(db)], catch_exceptions=False)


def _export_all(runner: CliRunner, db: Path, folder: Path, fmt: str) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    files = {}
    for what, _ in ORDER:
        out = folder / f"{what}.{fmt}"
        result = run(runner, db, "export", fmt, what, "--verlauf", "--out", str(out))
        assert result.exit_code == 0, result.output
        files[what] = out
    return files


def _rows(path: Path) -> list:
    """The file's bytes; of a workbook each part's but the time it was written (docProps/core.xml).

    The same sheets to the byte: stricter than the cells openpyxl read from them before, which
    took a third of the xlsx round trip's time (issue 20.7)."""
    if path.suffix == ".csv":
        return [path.read_bytes()]
    with zipfile.ZipFile(path) as book:
        return [(name, book.read(name)) for name in sorted(book.namelist()) if name != "docProps/core.xml"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_demo_round_trip_through_a_new_database(demo: Path, runner: CliRunner, tmp_path: Path, fmt: str):
    first = _export_all(runner, demo, tmp_path / "a", fmt)
    fresh = tmp_path / "neu.json"
    for what, kind in ORDER:
        result = run(runner, fresh, "import", kind, str(first[what]))
        assert result.exit_code == 0, result.output
        assert "0 geändert" in result.output
    snap, before = Store(fresh).snapshot(), Store(demo).snapshot()
    assert (len(snap.persons), len(snap.memberships), len(snap.meetings)) == (150, 300, 100)
    assert snap.persons == {k: _same_rev(v, snap.persons[k]) for k, v in before.persons.items()}
    second = _export_all(runner, fresh, tmp_path / "b", fmt)
    for what, _ in ORDER:
        assert _rows(second[what]) == _rows(first[what]), what
    # The same files again, into the new database and into the one they came from: nothing to do.
    for db in (fresh, demo):
        written = db.read_bytes()
        for what, kind in ORDER:
            result = run(runner, db, "import", kind, str(first[what]))
            assert result.exit_code == 0, result.output
            assert "Nichts zu ändern: 0 " in result.output and " 0 geändert" in result.output, result.output
        assert db.read_bytes() == written


def _same_rev(record, other):
    return dataclasses.replace(record, rev=other.rev)


def test_mitgliedschaften_reads_every_sheet_of_a_gremien_workbook(runner: CliRunner, tmp_path: Path):
    small = tmp_path / "small.json"
    write_demo(Store(small, backups=0).open(), size="small", seed=1)
    out = tmp_path / "gremien.xlsx"
    assert run(runner, small, "export", "xlsx", "gremien", "--out", str(out)).exit_code == 0
    result = run(runner, small, "import", "mitgliedschaften", str(out), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Tabellenblätter" in result.output
    snap, today = Store(small).snapshot(), date.today()
    current = sum(len(snap.memberships_of(c.id, today)) for c in snap.active_committees())
    assert current > 40 and f"Nichts zu ändern: 0 Mitgliedschaften neu angelegt, 0 geändert, {current} unverändert" in (
        result.output
    )


def test_every_export_is_read_as_its_own_kind_whatever_kind_was_chosen(demo: Path):
    """The import dialog's "Was" starts on Organisationen: a roster, committee or meeting export
    checked under any kind is read as the kind it is (a directory workbook keeps the kind chosen
    for either of its sheets)."""
    snap, today = Store(demo).snapshot(), date(2026, 11, 28)
    sheets = {
        "organisationen": [exports.organisations_sheet(snap)],
        "personen": [exports.persons_sheet(snap)],
        "gremiendaten": [exports.committees_sheet(snap)],
        "gremien": exports.roster_sheets(snap, snap.active_committees(), today),
        "sitzungen": [exports.meetings_sheet(snap, today.year)],
    }
    for what, kind in ORDER:
        tables = read_xlsx(xlsx_bytes(sheets[what]))
        for chosen in KINDS:
            assert fitting_kind(chosen, tables) == kind, (what, chosen)
    directory = read_xlsx(xlsx_bytes([exports.organisations_sheet(snap), exports.persons_sheet(snap)]))
    assert [fitting_kind(k, directory) for k in ("organisationen", "personen")] == ["organisationen", "personen"]


def test_the_cli_names_the_kind_of_a_file_checked_as_another(runner: CliRunner, tmp_path: Path):
    small = tmp_path / "small.json"
    write_demo(Store(small, backups=0).open(), size="small", seed=1)
    out = tmp_path / "gremien.xlsx"
    assert run(runner, small, "export", "xlsx", "gremien", "--out", str(out)).exit_code == 0
    before = small.read_bytes()
    result = run(runner, small, "import", "organisationen", str(out))
    assert result.exit_code == 1
    assert "Spalten von „Mitgliedschaften“" in result.output and f"import mitgliedschaften {out}" in result.output
    assert small.read_bytes() == before
    # the export's own name for it, and the German name of --dry-run
    again = run(runner, small, "import", "gremien", str(out), "--probelauf")
    assert again.exit_code == 0 and "Nichts zu ändern: 0 Mitgliedschaften neu angelegt" in again.output, again.output


def test_a_changed_cell_updates_only_that_record(store: Store, runner: CliRunner, tmp_path: Path):
    person = store.save(Person(given_name="Ida", family_name="Import", phone="05221 1"))
    out = tmp_path / "p.csv"
    assert run(runner, store.path, "export", "csv", "personen", "--out", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8-sig").replace("05221 1", "05221 2")
    out.write_text(text, encoding="utf-8")
    result = run(runner, store.path, "import", "personen", str(out))
    assert result.exit_code == 0 and "0 Personen neu angelegt, 1 geändert" in result.output, result.output
    saved = Store(store.path).snapshot().persons[person.id]
    assert saved.phone == "05221 2" and saved.rev == person.rev + 1


# -- the property: generated data, both formats ---------------------------------------------------
HOSTILE = "=+-@'\"; ,\n\t\x1b\x07\x00\u202e\u200b[/b]#ÄÖÜäöüß"
text = st.text(alphabet=st.sampled_from(string.ascii_letters + "äöüßÄÖÜ é" + HOSTILE), max_size=12).map(str.strip)
name = st.text(alphabet=st.sampled_from("AaBbMmÜüöß =+-@'\x1b"), min_size=1, max_size=8).map(str.strip).filter(bool)
mail = st.sampled_from(["", "a@example.org", "b.mueller@example.org"])
phone = st.sampled_from(["", "+49 5221 13-0", "05221 1234", "-1234"])
optional_date = st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))


@st.composite
def worlds(draw) -> list:
    orgs = [
        Organisation(
            id=i,
            name=draw(name),
            type=draw(st.sampled_from(list(OrgType))),
            municipality=draw(st.sampled_from(MUNICIPALITIES)),
            address=draw(text),
            postal_code=draw(st.sampled_from(["", "32051"])),
            phone=draw(phone),
            email=draw(mail),
            notes=draw(text),
            school_form=draw(st.sampled_from(["", "Gymnasium"])),
        )
        for i in range(1, draw(st.integers(1, 3)) + 1)
    ]
    persons = []
    for i in range(1, draw(st.integers(1, 5)) + 1):
        twin = persons and draw(st.booleans())
        persons.append(
            Person(
                id=i,
                title=draw(text),
                given_name=persons[-1].given_name if twin else draw(text),
                family_name=persons[-1].family_name if twin else draw(name),
                function=draw(text),
                organisation_id=draw(st.sampled_from([None, *(o.id for o in orgs)])),
                email=draw(mail),
                phone=draw(phone),
                notes=draw(text),
            )
        )
    seats = [Seat(key=f"s{i}", label=draw(name), group=draw(text), count=None) for i in range(1, 3)]
    committee = Committee(
        id=1,
        name="Gremium " + draw(name),
        short_name=draw(text),
        purpose=draw(text),
        rhythm_min=1,
        rhythm_max=draw(st.integers(1, 12)),
        rhythm_note=draw(text),
        seats=seats,
        quorum=draw(st.one_of(st.none(), st.integers(1, 9))),
        archived=draw(st.booleans()),
    )
    if committee.archived:  # one archived before the day was kept has none
        committee.archived_on = draw(optional_date)
    memberships = []
    for i, person in enumerate(persons, start=1):
        start = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 1, 1)))
        memberships.append(
            Membership(
                id=i,
                person_id=person.id,
                committee_id=committee.id,
                seat_key=draw(st.sampled_from(["s1", "s2"])),
                role=draw(st.sampled_from([Role.MITGLIED, Role.GAST])),
                represents_id=draw(st.sampled_from([None, *(o.id for o in orgs)])),
                start=start,
                end=draw(st.sampled_from([None, date(2027, 1, 1)])),
                notes=draw(text),
            )
        )
    item = AgendaItem(
        number="1",
        title=draw(name),
        public=draw(st.booleans()),
        responsible_person_id=persons[0].id,
        notes=draw(text),
        minutes=draw(text),
        decisions=[Decision(text=draw(name))],
        tasks=[Task(what=draw(name), person_id=persons[-1].id, due=draw(optional_date))],
    )
    meeting = Meeting(
        id=1,
        committee_id=committee.id,
        date=draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))),
        start_time=draw(st.sampled_from([None, time(17, 30)])),
        end_time=None,
        location=draw(text),
        room=draw(text),
        status=draw(st.sampled_from(list(MeetingStatus))),
        agenda=[item],
        attendance=[MeetingAttendance(person_id=persons[0].id, status=draw(st.sampled_from(list(Attendance)[:3])))],
        notes=draw(text),
        guests=draw(st.lists(name, max_size=2)),
        minutes=draw(text),
        invitation_sent=draw(optional_date),
    )
    return [*orgs, committee, *persons, *memberships, meeting]


def _sheets(snapshot) -> dict[str, list[Sheet]]:
    committees = sorted(snapshot.committees.values(), key=lambda c: c.id)
    return {
        "organisationen": [exports.organisations_sheet(snapshot)],
        "personen": [exports.persons_sheet(snapshot)],
        "gremiendaten": [exports.committees_sheet(snapshot)],
        "mitgliedschaften": exports.roster_sheets(snapshot, committees, None),
        "sitzungen": [exports.meetings_sheet(snapshot, None)],
    }


def _files(snapshot, fmt: str) -> dict[str, bytes]:
    out = {}
    for kind, sheets in _sheets(snapshot).items():
        if fmt == "xlsx":
            out[kind] = xlsx_bytes(sheets)
        else:
            table = exports.combined(sheets, kind)
            out[kind] = csv_bytes(table.header, table.rows)
    return out


def _tables(raw: bytes, fmt: str):
    return read_xlsx(raw) if fmt == "xlsx" else [parse_csv(decode_text(raw))]


def _content(files: dict[str, bytes], fmt: str) -> dict[str, list]:
    """What a file says, without the workbook's time stamps."""
    return {kind: [(t.title, t.header, t.rows) for t in _tables(raw, fmt)] for kind, raw in files.items()}


def _import_all(store: Store, files: dict[str, bytes], fmt: str) -> list[int]:
    """Import every file; the number of records each wrote."""
    written = []
    for kind in ("organisationen", "personen", "gremiendaten", "mitgliedschaften", "sitzungen"):
        plan = plan_import(kind, _tables(files[kind], fmt), store.snapshot())
        assert plan.ok, [str(p) for p in plan.problems]
        if not plan.nothing_to_do:
            store.save_import(plan.inserts, plan.updates, plan.base)
        written.append(len(plan.records))
    return written


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=worlds(), fmt=st.sampled_from(["csv", "xlsx"]))
def test_generated_data_round_trips_in_both_formats(tmp_path_factory, records, fmt):
    folder = tmp_path_factory.mktemp("rt")
    source = Store(folder / "a.json", backups=0).open(seed={})
    source.save_many(records)
    files = _files(source.snapshot(), fmt)
    target = Store(folder / "b.json", backups=0).open(seed={})
    _import_all(target, files, fmt)
    assert _content(_files(target.snapshot(), fmt), fmt) == _content(files, fmt)
    assert _import_all(target, files, fmt) == [0, 0, 0, 0, 0]  # a second import changes nothing
    assert _import_all(source, files, fmt) == [0, 0, 0, 0, 0]


def test_a_directory_workbook_imports_in_one_step_into_an_empty_database(
    runner: CliRunner, empty_store: Store, tmp_path: Path
):
    """Export "verzeichnis" (sheets Organisationen and Personen), then one import, with a dry run
    first: both sheets, organisations before the persons that refer to them, both counts named."""
    small = tmp_path / "small.json"
    write_demo(Store(small, backups=0).open(), size="small", seed=1)
    out = tmp_path / "verzeichnis.xlsx"
    assert run(runner, small, "export", "xlsx", "verzeichnis", "--out", str(out)).exit_code == 0
    source = Store(small).snapshot()
    orgs, persons = len(source.organisations), len(source.persons)
    assert orgs > 30 and persons > 100 and any(p.organisation_id for p in source.persons.values())
    db = empty_store.path
    untouched = db.read_bytes()
    dry = run(runner, db, "import", "organisationen", str(out), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert (
        f"Probelauf: {orgs} Organisationen würden neu angelegt, 0 würden geändert, 0 unverändert; "
        f"{persons} Personen würden neu angelegt, 0 würden geändert, 0 unverändert." in dry.output
    ), dry.output
    assert db.read_bytes() == untouched
    done = run(runner, db, "import", "personen", str(out))  # either kind of the two reads both sheets
    assert done.exit_code == 0, done.output
    assert f"{orgs} Organisationen neu angelegt" in done.output and f"{persons} Personen neu angelegt" in done.output
    snap = Store(db).snapshot()
    assert snap.organisations == {k: _same_rev(v, snap.organisations[k]) for k, v in source.organisations.items()}
    assert snap.persons == {k: _same_rev(v, snap.persons[k]) for k, v in source.persons.items()}
    again = run(runner, db, "import", "verzeichnis", str(out))
    assert again.exit_code == 0 and "Nichts zu ändern: 0 Organisationen neu angelegt" in again.output, again.output
    wrong = run(runner, db, "import", "mitgliedschaften", str(out))
    assert wrong.exit_code == 1 and f"Bitte „import verzeichnis {out}“ verwenden" in wrong.output, wrong.output
