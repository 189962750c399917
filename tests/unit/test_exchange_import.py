"""CSV/XLSX import: whole file checked first, all or nothing, German report by line and column."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import Workbook

from herford_tui.cli import main
from herford_tui.domain import Membership, Organisation, Person, Role
from herford_tui.exchange.importing import plan_import
from herford_tui.exchange.tabular import decode_text, parse_csv
from herford_tui.store import Store

ROOT = Path(__file__).resolve().parents[2]
ORG_HEADER = "Name;Art;Kommune;Anschrift;Telefon;E-Mail;Website;Notizen\n"


def run(runner: CliRunner, db: Path, *args: str):
    yes = ["--ja"] if args[0] == "import" and "--dry-run" not in args else []  # no terminal to ask
    return runner.invoke(main, [*args, *yes, "--db", str(db)], catch_exceptions=False)


def test_three_bad_lines_import_nothing_and_are_named(runner: CliRunner, store: Store, tmp_path: Path):
    before = store.path.read_bytes()
    csv_file = tmp_path / "orgs.csv"
    csv_file.write_text(
        ORG_HEADER
        + "Gute Schule;Schule;Herford;;;;;\n"
        + "Falscher Ort;Schule;Bielefeld;;;;;\n"  # line 3: municipality
        + ";Schule;Enger;;;;;\n"  # line 4: name missing
        + "Gute Kita;Kita;Enger;;;;;\n"
        + "Schlechte Post;Schule;Vlotho;;;keine-adresse;;\n",  # line 6: e-mail
        encoding="utf-8",
    )
    result = run(runner, store.path, "import", "organisationen", str(csv_file))
    assert result.exit_code == 1
    assert "Zeile 3, Kommune: „Bielefeld“ ist keine Kommune im Kreis Herford" in result.output
    assert "Zeile 4, Name: Der Name darf nicht leer sein." in result.output
    assert "Zeile 6, E-Mail: „keine-adresse“ ist keine gültige E-Mail-Adresse." in result.output
    assert "3 Fehler in 3 Zeilen. Nichts wurde importiert." in result.output
    assert store.path.read_bytes() == before


def test_windows_1252_with_umlauts_and_commas_imports(runner: CliRunner, store: Store, tmp_path: Path):
    csv_file = tmp_path / "excel.csv"
    text = (
        "Name,Art,Kommune\r\n"
        "Grundschule Rödinghausen-Süd,Schule,Roedinghausen\r\n"
        "Kita Löwenzahn,Kindertageseinrichtung,Löhne\r\n"
    )
    csv_file.write_bytes(text.encode("cp1252"))
    result = run(runner, store.path, "import", "organisationen", str(csv_file))
    assert result.exit_code == 0, result.output
    assert "Windows-1252" in result.output
    orgs = {o.name: o for o in Store(store.path).snapshot().organisations.values()}
    assert orgs["Grundschule Rödinghausen-Süd"].municipality == "Rödinghausen"
    assert orgs["Kita Löwenzahn"].municipality == "Löhne"
    assert orgs["Kita Löwenzahn"].type.value == "kita"


def test_utf8_with_and_without_bom_is_read():
    for raw, encoding in ((b"\xef\xbb\xbf", "UTF-8 mit BOM"), (b"", "UTF-8")):
        table = parse_csv(decode_text(raw + "Name;Kommune\nAß;Löhne\n".encode()))
        assert (table.header, table.rows, table.encoding) == (["Name", "Kommune"], [(2, ["Aß", "Löhne"])], encoding)


def test_duplicates_of_existing_records_are_reported_not_doubled(runner: CliRunner, store: Store, tmp_path: Path):
    org = store.save(Organisation(name="Müller-Schule", municipality="Bünde"))
    store.save(Person(given_name="Jürgen", family_name="Groß", email="j.gross@example.org", organisation_id=org.id))
    csv_file = tmp_path / "p.csv"
    csv_file.write_text(
        "Vorname;Nachname;E-Mail;Organisation\n"
        "Juergen;Gross;J.Gross@example.org;Mueller-Schule\n"
        "Anna;Neu;anna@example.org;Müller-Schule\n",
        encoding="utf-8",
    )
    result = run(runner, store.path, "import", "personen", str(csv_file))
    assert result.exit_code == 0, result.output
    assert "Doppelt: Zeile 2: „Jürgen Groß“ (j.gross@example.org) gibt es schon" in result.output
    persons = Store(store.path).snapshot().persons.values()
    assert sorted(p.family_name for p in persons) == ["Groß", "Neu"]
    assert all(p.organisation_id == org.id for p in persons)

    orgs = tmp_path / "o.csv"
    orgs.write_text(ORG_HEADER + "MUELLER-SCHULE;Schule;Buende;;;;;\n", encoding="utf-8")
    result = run(runner, store.path, "import", "organisationen", str(orgs))
    assert "Doppelt: Zeile 2: „Müller-Schule“ (Bünde) gibt es schon" in result.output
    assert "Nichts zu ändern: 0 Organisationen neu angelegt, 0 geändert, 0 unverändert, 1 doppelt übersprungen." in (
        result.output
    )


def test_dry_run_saves_nothing(runner: CliRunner, store: Store, tmp_path: Path):
    before = store.path.read_bytes()
    result = run(
        runner, store.path, "import", "organisationen", str(ROOT / "data" / "beispiel-organisationen.csv"), "--dry-run"
    )
    assert result.exit_code == 0, result.output
    assert "Probelauf: 3 Organisationen würden neu angelegt" in result.output
    assert store.path.read_bytes() == before


def test_the_sample_files_import_in_order(runner: CliRunner, db_path: Path):
    for kind in ("organisationen", "personen", "mitgliedschaften"):
        result = run(runner, db_path, "import", kind, str(ROOT / "data" / f"beispiel-{kind}.csv"))
        assert result.exit_code == 0, result.output
    snap = Store(db_path).snapshot()
    (m,) = snap.memberships.values()
    assert snap.persons[m.person_id].family_name == "Beispiel"
    assert snap.organisations[m.represents_id].name == "Beispiel-Gesamtschule Musterstadt"


def test_xlsx_first_sheet_and_deputy_of_an_earlier_row(runner: CliRunner, store: Store, tmp_path: Path):
    a = store.save(Person(given_name="Ada", family_name="Seat"))
    b = store.save(Person(given_name="Bo", family_name="Deputy"))
    book = Workbook()
    sheet = book.active
    sheet.append(["Gremium", "Sitz", "Vorname", "Nachname", "Rolle", "Beginn", "Stellvertretung für"])
    from datetime import datetime

    sheet.append(
        ["Regionales Leitungsteam", "Vertretung der Schulen", "Ada", "Seat", "Mitglied", datetime(2026, 1, 1), None]
    )
    sheet.append(
        [
            "Regionales Leitungsteam",
            "Vertretung der Schulen",
            "Bo",
            "Deputy",
            "Stellvertretung",
            "01.02.2026",
            "Ada Seat",
        ]
    )
    book.create_sheet("Ignoriert").append(["x"])
    path = tmp_path / "m.xlsx"
    book.save(path)
    result = run(runner, store.path, "import", "mitgliedschaften", str(path))
    assert result.exit_code == 0, result.output
    ms = {m.person_id: m for m in Store(store.path).snapshot().memberships.values()}
    assert ms[b.id].role is Role.STELLVERTRETUNG and ms[b.id].deputy_of == ms[a.id].id


def test_plan_reports_missing_required_column(store: Store):
    table = parse_csv(("Vorname;E-Mail\nA;a@example.org\n", "UTF-8"))
    plan = plan_import("personen", table, store.snapshot())
    assert [str(p) for p in plan.problems] == ["Zeile 1, Nachname: Die Spalte fehlt."]


def test_an_empty_committee_cell_asks_for_the_committee(store: Store):
    """Walkthrough, session 8: an empty Gremium cell read „Das Gremium „“ gibt es nicht.“"""
    table = parse_csv(("Gremium;Datum\n;28.11.2026\n", "UTF-8"))
    plan = plan_import("sitzungen", table, store.snapshot())
    assert [str(p) for p in plan.problems] == ["Zeile 2, Gremium: Bitte das Gremium angeben."]


def test_a_top_whose_responsible_person_is_not_there_is_refused(store: Store):
    """Walkthrough, session 8: the tasks' persons were checked, a TOP's „Zuständig“ was not, and
    a file naming a person that is not in the directory was imported."""
    agenda = json.dumps([{"number": "1", "title": "Haushalt", "responsible_person_id": 9999,
                          "tasks": [{"what": "Bericht", "person_id": 8888}]}])  # fmt: skip
    cell = '"' + agenda.replace('"', '""') + '"'  # quoted as the export writes it
    table = parse_csv((f"Gremium;Datum;Tagesordnung\nLenkungskreis;28.11.2026;{cell}\n", "UTF-8"))
    plan = plan_import("sitzungen", table, store.snapshot())
    assert [str(p) for p in plan.problems] == [
        "Zeile 2, Tagesordnung: TOP 1: Die Person bei „Zuständig“ fehlt im Verzeichnis.",
        "Zeile 2, Aufgaben: TOP 1: Die Person der Aufgabe „Bericht“ fehlt im Verzeichnis.",
    ]


def test_seat_count_is_checked_across_rows(store: Store):
    snap = store.snapshot()
    lenkung = next(c for c in snap.committees.values() if c.name == "Lenkungskreis")
    landrat = next(s for s in lenkung.seats if s.label == "Landrat")
    assert landrat.count == 1
    ids = [store.save(Person(given_name="P", family_name=f"N{i}")).id for i in range(2)]
    rows = "".join(f"Lenkungskreis;Landrat;N{i};P;01.01.2026\n" for i in range(2))
    table = parse_csv(("Gremium;Sitz;Nachname;Vorname;Beginn\n" + rows, "UTF-8"))
    plan = plan_import("mitgliedschaften", table, store.snapshot())
    assert len(plan.records) == 1 and isinstance(plan.records[0], Membership)
    assert plan.records[0].person_id == ids[0]
    assert [(p.line, p.column) for p in plan.problems] == [(3, "Sitz")]
    assert "voll besetzt" in plan.problems[0].message
    json.loads(store.path.read_bytes())


def test_committees_and_meetings_without_nr_update_by_name_and_date(store: Store):
    snap = store.snapshot()
    lenkung = next(c for c in snap.committees.values() if c.name == "Lenkungskreis")
    table = parse_csv(("Name;Rhythmus\nLenkungskreis;alle zwei Monate\nNeuer Kreis;\n", "UTF-8"))
    plan = plan_import("gremiendaten", table, snap)
    assert plan.ok, [str(p) for p in plan.problems]
    assert [c.name for c in plan.updates] == ["Lenkungskreis"] and plan.updates[0].id == lenkung.id
    assert plan.updates[0].seats == lenkung.seats and plan.updates[0].rhythm_note == "alle zwei Monate"
    assert [c.name for c in plan.inserts] == ["Neuer Kreis"]
    store.save_import(plan.inserts, plan.updates, plan.base)
    table = parse_csv(("Gremium;Datum;Beginn;Ort\nLenkungskreis;28.11.2026;17:30;Kreishaus\n", "UTF-8"))
    first = plan_import("sitzungen", table, store.snapshot())
    assert first.ok and len(first.inserts) == 1, [str(p) for p in first.problems]
    store.save_import(first.inserts, first.updates, first.base)
    again = plan_import("sitzungen", table, store.snapshot())
    assert again.nothing_to_do and again.unchanged == 1


def test_a_nr_of_another_record_is_refused(store: Store):
    person = store.save(Person(given_name="Ida", family_name="Hier"))
    assert person.id == 1
    table = parse_csv((f"Nr.;Vorname;Nachname\n{person.id};Otto;Anderswo\n", "UTF-8"))
    plan = plan_import("personen", table, store.snapshot())
    assert [p.column for p in plan.problems] == ["Nr."]
    assert "Nr. 1 ist hier „Ida Hier“. Stammt die Datei aus einer anderen Datenbank?" in plan.problems[0].message


def test_a_directory_workbook_is_read_whole_whichever_of_its_kinds_was_chosen(store: Store):
    """Organisations first, then the persons checked against them (the person refers to the new
    organisation by name); unknown columns are named with their sheet; the outcome stands first
    in the dialog's report and names both counts, in the singular where it is one."""
    from herford_tui.exchange.tabular import Table
    from herford_tui.ui.import_dialog import report_text

    orgs = Table(["Nr.", "Name", "Art", "Kommune"], [(2, ["", "Kita Sonne", "Kita", "Vlotho"])], title="Organisationen")
    header = ["Vorname", "Nachname", "Organisation", "Farbe"]
    people = Table(header, [(2, ["Ida", "Import", "Kita Sonne", "blau"])], title="Personen")
    for chosen in ("organisationen", "personen", "verzeichnis"):
        plan = plan_import(chosen, [orgs, people], store.snapshot())
        assert plan.kind == "verzeichnis" and [part.kind for part in plan.parts] == ["organisationen", "personen"]
        assert plan.notes == ["Blatt „Personen“: Spalte „Farbe“ ist unbekannt und wird nicht eingelesen."]
        [org, person] = plan.inserts
        assert org.name == "Kita Sonne" and person.organisation_id == org.id < 0  # provisional, followed on save
        lines = report_text(plan).splitlines()
        assert lines[0] == (
            "In Ordnung: 1 Organisation und 1 Person bereit zum Import (2 neu, 0 geändert, 0 unverändert, 0 doppelt)."
        )
        assert lines[1:] == [f"Hinweis: {n}" for n in plan.notes]
    saved = store.save_import(plan.inserts, plan.updates, plan.base)
    snap = store.snapshot()
    [kita] = [o for o in snap.organisations.values() if o.name == "Kita Sonne"]
    assert snap.persons[saved[1].id].organisation_id == kita.id > 0
    only_people = plan_import("verzeichnis", [people], store.snapshot())
    assert [p.message for p in only_people.problems] == ["Kein Tabellenblatt hat die Spalten für Organisationen."]


def test_every_problem_of_a_row_is_named(runner: CliRunner, store: Store, tmp_path: Path):
    """A bad date and an unknown organisation in one row: both named, with the row's number,
    not only the first (a new user fixed one, imported again and met the next)."""
    persons = tmp_path / "personen.csv"
    persons.write_text(
        "Vorname;Nachname;Organisation;E-Mail;DSGVO-gelöscht am\n"
        "Ida;Import;Gibtsnicht GmbH;kein-at;31.02.2026\n"  # line 2: date, organisation and e-mail
        "Otto;;Kreis Herford;otto@example.org;gestern\n",  # line 3: date and the name (the forms' rule)
        encoding="utf-8",
    )
    before = store.path.read_bytes()
    result = run(runner, store.path, "import", "personen", str(persons))
    assert result.exit_code == 1
    assert "Fehler: Zeile 2, DSGVO-gelöscht am: „31.02.2026“ ist kein Datum (TT.MM.JJJJ, z. B. 28.11.2026)." in (
        result.output
    )
    assert "Fehler: Zeile 2, Organisation: Die Organisation „Gibtsnicht GmbH“ gibt es nicht" in result.output
    assert "Fehler: Zeile 2, E-Mail: „kein-at“ ist keine gültige E-Mail-Adresse." in result.output
    assert "Fehler: Zeile 3, DSGVO-gelöscht am: „gestern“ ist kein Datum" in result.output
    assert "Fehler: Zeile 3, Nachname:" in result.output
    assert "5 Fehler in 2 Zeilen. Nichts wurde importiert." in result.output
    assert store.path.read_bytes() == before

    roster = parse_csv(
        (
            "Gremium;Sitz;Nachname;Vorname;Beginn;vertritt\n"
            "Gibtsnicht-Kreis;Mitglied;Niemand;Nora;1.13.2025;Gibtsauchnicht e.V.\n",
            "UTF-8",
        )
    )
    plan = plan_import("mitgliedschaften", roster, store.snapshot())
    assert [(p.line, p.column) for p in plan.problems] == [
        (2, "Gremium"),
        (2, "Nachname"),
        (2, "Beginn"),
        (2, "vertritt"),
    ], plan.problems
    assert not plan.records


def test_one_problem_is_named_once_even_where_a_cell_is_read_twice(store: Store):
    table = parse_csv(("Nr.;Vorname;Nachname\nzwölf;Ida;Import\n", "UTF-8"))
    plan = plan_import("personen", table, store.snapshot())
    assert [str(p) for p in plan.problems] == ["Zeile 2, Nr.: „zwölf“ ist keine ganze Zahl."]


def test_a_persons_organisation_by_number_by_name_emptied_or_left(runner: CliRunner, store: Store, tmp_path: Path):
    """One rule for an organisation a row names (also the one a member represents): a known Nr.
    is taken, an unknown one is a problem, a name finds it, an empty column clears it."""
    org = store.save(Organisation(name="Kita Sonne", municipality="Enger"))
    kept = store.save(Person(given_name="Ida", family_name="Bleibt", organisation_id=org.id))
    csv_file = tmp_path / "persons.csv"
    csv_file.write_text(
        f"Vorname;Nachname;Organisation Nr.\nAnna;Nummer;{org.id}\nBert;Unbekannt;99999\n", encoding="utf-8"
    )
    result = run(runner, store.path, "import", "personen", str(csv_file))
    assert result.exit_code == 1 and "Zeile 3" in result.output and "Nr. 99999 gibt es nicht" in result.output
    csv_file.write_text(f"Vorname;Nachname;Organisation Nr.\nAnna;Nummer;{org.id}\n", encoding="utf-8")
    assert run(runner, store.path, "import", "personen", str(csv_file)).exit_code == 0
    csv_file.write_text("Vorname;Nachname;Organisation\nCarla;Name;Kita Sonne\n", encoding="utf-8")
    assert run(runner, store.path, "import", "personen", str(csv_file)).exit_code == 0
    csv_file.write_text(f"Nr.;Vorname;Nachname;Organisation\n{kept.id};Ida;Bleibt;\n", encoding="utf-8")
    assert run(runner, store.path, "import", "personen", str(csv_file)).exit_code == 0
    persons = {p.family_name: p for p in Store(store.path).snapshot().persons.values()}
    assert persons["Nummer"].organisation_id == org.id and persons["Name"].organisation_id == org.id
    assert persons["Bleibt"].organisation_id is None  # the emptied column
    assert "Unbekannt" not in persons


def test_headers_copied_from_the_readme_table_with_their_remarks_are_read(store: Store):
    """The README explains columns in brackets ("Organisation (Name)"); such a header was
    "unbekannt", so the people came in without their organisation and with no error."""
    org = next(o for o in store.snapshot().organisations.values() if o.name == "Stadt Bünde")
    header = "Vorname;Nachname;Organisation (Name);Kommune der Organisation (nur wenn der Name mehrdeutig ist)"
    table = parse_csv((f"{header}\nThomas;Müller;Stadt Bünde;Bünde\n", "UTF-8"))
    plan = plan_import("personen", table, store.snapshot())
    assert not plan.problems and not plan.notes
    assert [p.organisation_id for p in plan.inserts] == [org.id]
    # A header whose bracket belongs to it still matches whole; a real unknown one is still named.
    table = parse_csv(("Name;Einladungsfrist (Tage);Farbe (blau)\nAK 9;10;x\n", "UTF-8"))
    plan = plan_import("gremiendaten", table, store.snapshot())
    assert plan.notes == ["Spalte „Farbe (blau)“ ist unbekannt und wird nicht eingelesen."]
