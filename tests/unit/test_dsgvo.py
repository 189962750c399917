"""DSGVO: Auskunft lists everything stored about a person; Löschen leaves no trace of them in
the database file nor in its backups, keeps the seat history consistent and passes the check."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, time
from pathlib import Path

import pytest

from herford_tui.domain import Meeting, MeetingAttendance, Membership, Person, Role, ValidationError
from herford_tui.domain.dsgvo import PLACEHOLDER, disclosure, erasure_plan, needles_of, scrub_text
from herford_tui.domain.duplicates import Confirmed
from herford_tui.domain.roster import roster_lines
from herford_tui.store import NotFoundError, Store
from herford_tui.store.check import check_file
from herford_tui.store.erasure import erase_person, person_disclosure

TODAY = date(2026, 11, 28)
NAME, EMAIL, PHONE = "Quirina Zwiebelhaupt", "q.zwiebelhaupt@example.org", "05221 987654"
OLD_EMAIL = "quirina@alt.example.org"


def _files(path: Path) -> list[Path]:
    """The database, its backups and its log."""
    return [path, *sorted(path.parent.glob(path.name + ".*.bak")), path.with_name(path.name + ".log")]


@pytest.fixture
def erased_world(tmp_path: Path):
    """A person with two memberships (one ended, one a deputy's owner), attendance, a meeting
    note naming her, and an older e-mail that only the backups still hold."""
    store = Store(tmp_path / "herford.json").open()
    snap = store.snapshot()
    lk = next(c for c in snap.committees.values() if c.name == "Lenkungskreis")
    kreis = next(o for o in snap.organisations.values() if o.name == "Kreis Herford")
    person = store.save(
        Person(
            title="Dr.",
            given_name="Quirina",
            family_name="Zwiebelhaupt",
            function="Landrätin",
            organisation_id=kreis.id,
            email=OLD_EMAIL,
            phone=PHONE,
            notes="erreichbar vormittags",
        )
    )
    other = store.save(Person(given_name="Otto", family_name="Anders", notes=f"vertritt manchmal {NAME}"))
    old = store.save(
        Membership(
            person_id=person.id,
            committee_id=lk.id,
            seat_key="landrat",
            role=Role.MITGLIED,
            start=date(2020, 1, 1),
            end=date(2024, 12, 31),
            notes="Wechsel nach der Wahl",
        )
    )
    chair = store.save(
        Membership(
            person_id=person.id,
            committee_id=lk.id,
            seat_key="landrat",
            role=Role.VORSITZ,
            represents_id=kreis.id,
            start=date(2025, 1, 1),
        )
    )
    deputy = store.save(
        Membership(
            person_id=other.id,
            committee_id=lk.id,
            seat_key="landrat",
            role=Role.STELLVERTRETUNG,
            deputy_of=chair.id,
            start=date(2025, 1, 1),
        )
    )
    meeting = store.save(
        Meeting(
            committee_id=lk.id,
            date=date(2026, 3, 12),
            start_time=time(14),
            location="Kreishaus",
            notes=f"{NAME} leitet die Sitzung, Rückfragen an {EMAIL}",
            attendance=[MeetingAttendance(person.id), MeetingAttendance(other.id)],
        )
    )
    person = store.save(dataclasses.replace(person, email=EMAIL))  # the old one now only in a backup
    return store, person, lk, {"old": old, "chair": chair, "deputy": deputy}, meeting


def test_auskunft_contains_every_field_membership_and_attendance(erased_world):
    store, person, _lk, members, meeting = erased_world
    report = person_disclosure(store, person.id, TODAY)
    text = report.as_text()
    fields = ("Dr.", "Quirina", "Zwiebelhaupt", "Landrätin", "Kreis Herford", EMAIL, PHONE, "erreichbar vormittags")
    for value in fields:
        assert value in text
    assert "Lenkungskreis · Sitz „Landrat“ · Vorsitz · 01.01.2025 – offen · vertritt Kreis Herford" in text
    assert "Mitglied · 01.01.2020 – 31.12.2024" in text and "Wechsel nach der Wahl" in text
    assert "Lenkungskreis, 12.03.2026: anwesend" in text
    assert "Person 1 „Dr. Quirina Zwiebelhaupt“ angelegt" in text  # the log, in office time
    assert "Es wird kein Änderungsprotokoll geführt" not in text
    data = json.loads(json.dumps(report.as_json()))
    assert data["person"].pop("created") and data["person"].pop("modified")
    assert "Zuletzt geändert" in text
    assert data["person"] == {
        "id": person.id,
        "title": "Dr.",
        "given_name": "Quirina",
        "family_name": "Zwiebelhaupt",
        "function": "Landrätin",
        "organisation_id": person.organisation_id,
        "email": EMAIL,
        "phone": PHONE,
        "notes": "erreichbar vormittags",
    }
    assert {m["id"] for m in data["mitgliedschaften"]} == {members["old"].id, members["chair"].id}
    assert data["anwesenheit"] == [
        {"sitzung_id": meeting.id, "gremium": "Lenkungskreis", "datum": "2026-03-12", "status": "anwesend"}
    ]


def test_erasure_leaves_no_trace_in_the_file_nor_the_backups(erased_world):
    store, person, lk, members, meeting = erased_world
    path = store.path
    assert any(OLD_EMAIL.encode() in f.read_bytes() for f in _files(path)[1:])  # the premise
    result = erase_person(store, person.id, TODAY)
    assert result.backups_cleaned
    for f in _files(path):
        raw = f.read_bytes()
        for secret in ("Zwiebelhaupt", "Quirina", EMAIL, OLD_EMAIL, PHONE, "erreichbar vormittags"):
            assert secret.encode() not in raw, f"{secret} still in {f.name}"
        if not f.name.endswith(".log"):
            json.loads(raw)  # every file still parses
    report = check_file(path)
    assert report.ok, report.lines()
    fresh = Store(path).open().snapshot()
    placeholder = fresh.persons[person.id]
    assert placeholder.full_name == PLACEHOLDER and placeholder.erased_on == TODAY
    # the seat history stays: same memberships, same dates, the deputy still stands in
    assert {m.id for m in fresh.memberships_of_person(person.id)} == {members["old"].id, members["chair"].id}
    assert fresh.memberships[members["deputy"].id].deputy_of == members["chair"].id
    assert len(fresh.meetings[meeting.id].attendance) == 2
    assert "[gelöscht] leitet die Sitzung" in fresh.meetings[meeting.id].notes
    lines = roster_lines(fresh, lk.id, TODAY)
    names = [fresh.persons[line.membership.person_id].full_name for line in lines if line.membership]
    assert PLACEHOLDER in names


def test_erased_person_cannot_be_edited_back_nor_given_a_new_seat(erased_world):
    store, person, lk, _, _ = erased_world
    erase_person(store, person.id, TODAY)
    with pytest.raises(ValidationError, match="gelöscht"):
        store.save(dataclasses.replace(store.snapshot().persons[person.id], erased_on=None, family_name="X"))
    with pytest.raises(ValidationError, match="gelöscht"):
        store.save(Membership(person_id=person.id, committee_id=lk.id, seat_key="landrat", start=TODAY))


def test_unreadable_backup_is_removed_rather_than_left_with_the_data(erased_world):
    store, person, *_ = erased_world
    broken = store.path.with_name(store.path.name + ".2.bak")
    broken.write_bytes(b'{"persons": {"1": {"family_name": "Zwiebelhaupt"')
    erase_person(store, person.id, TODAY)  # the save moved it to .3.bak, the cleaning removed it
    for f in _files(store.path):
        assert b"Zwiebelhaupt" not in f.read_bytes()
        if f.name.endswith(".bak"):
            json.loads(f.read_bytes())


def test_two_erased_persons_share_the_placeholder_name(erased_world):
    store, person, *_ = erased_world
    other = next(p for p in store.snapshot().persons.values() if p.family_name == "Anders")
    erase_person(store, person.id, TODAY)
    erase_person(store, other.id, TODAY)  # the same-name rule does not apply to placeholders
    names = [p.full_name for p in store.snapshot().persons.values()]
    assert names.count(PLACEHOLDER) == 2
    assert check_file(store.path).ok


def test_unknown_person_is_reported(store):
    with pytest.raises(NotFoundError, match="4711"):
        erase_person(store, 4711, TODAY)


def test_family_name_alone_is_scrubbed_only_when_nobody_else_bears_it():
    from herford_tui.domain import Snapshot

    a = Person(id=1, given_name="Anna", family_name="Müller", email="a@x.de")
    b = Person(id=2, given_name="Bernd", family_name="Mueller")
    assert "Müller" not in needles_of(a, Snapshot(persons={1: a, 2: b}))
    assert "Müller" in needles_of(a, Snapshot(persons={1: a}))
    assert scrub_text("Frau müller und Herr Müllermann", {"Müller"}) == "Frau [gelöscht] und Herr Müllermann"


def test_record_times_read_in_german():
    from herford_tui.domain.dsgvo import _timestamp

    assert _timestamp("2026-11-28T14:20:04+00:00") == "28.11.2026 15:20"  # office time, as the log
    assert _timestamp("2026-07-28T14:20:04+00:00") == "28.07.2026 16:20"
    assert _timestamp("kaputt") == "kaputt"


def test_plan_clears_notes_of_own_memberships_only():
    from herford_tui.domain import Snapshot

    p = Person(id=1, given_name="Anna", family_name="Quast")
    mine = Membership(id=1, person_id=1, committee_id=1, seat_key="s", notes="privat")
    theirs = Membership(id=2, person_id=2, committee_id=1, seat_key="s", notes="Sachstand")
    plan = erasure_plan(Snapshot(persons={1: p}, memberships={1: mine, 2: theirs}), 1, TODAY)
    assert [type(r).__name__ for r in plan.records] == ["Person", "Membership"]
    assert plan.records[1].notes == ""
    assert disclosure(Snapshot(persons={1: plan.records[0]}), 1, TODAY).person.family_name == PLACEHOLDER


def test_auskunft_finds_the_person_as_guest_by_whole_name_only():
    from herford_tui.domain import Snapshot

    anna = Person(id=1, given_name="Anna", family_name="Bartels")
    meeting = Meeting(id=1, committee_id=1, date=date(2026, 3, 12), guests=["Johanna Bartels", "bartels, anna (Gast)"])
    report = disclosure(Snapshot(persons={1: anna}, meetings={1: meeting}), 1, TODAY)
    assert [g["eintrag"] for g in report.guest] == ["bartels, anna (Gast)"]


def test_auskunft_text_shows_escapes_literally_and_keeps_line_breaks_of_notes():
    from herford_tui.domain import Snapshot

    p = Person(id=1, given_name="Anna", family_name="Bartels\x1b]0;x\x07", notes="Zeile 1\nZeile 2")
    text = disclosure(Snapshot(persons={1: p}), 1, TODAY).as_text()
    assert "\x1b" not in text and "\x07" not in text
    assert "Zeile 1\nZeile 2" in text


def test_scrubbing_folds_case_as_casefold_does_whole_words_only():
    """ "WEISSHAUPT" and "Weisshaupt" are "Weißhaupt" case-folded (ß → ss): re.IGNORECASE alone
    missed them, and the byte search after an erasure looks for the folded form."""
    from herford_tui.domain.dsgvo import REDACTED, scrub_text

    needles = {"Quirina Weißhaupt", "Weißhaupt", "q.weiss@example.org", "Kemper", "Weis"}
    cases = {
        "Frau WEISSHAUPT ruft an": f"Frau {REDACTED} ruft an",
        "QUIRINA WEISSHAUPT, Weisshaupt": f"{REDACTED}, {REDACTED}",
        "Q.WEISS@EXAMPLE.ORG": REDACTED,
        "Kempermann und KEMPER.": f"Kempermann und {REDACTED}.",  # whole words only
        "Weißhauptstraße": "Weißhauptstraße",
        "Weiß": "Weiß",  # "weis" ends inside the folded ß: part of a longer word
        "_Kemper": "_Kemper",
    }
    for text, expected in cases.items():
        assert scrub_text(text, needles) == expected, text
    untouched = "nichts davon"
    assert scrub_text(untouched, needles) is untouched


def test_an_old_name_goes_but_a_given_name_shared_with_others_stays(tmp_path: Path):
    """The log's older values count as whole names ("Anna Alt") and e-mails; a family name alone
    only where nobody else bears it; a given name alone never (every other Anna keeps hers)."""
    store = Store(tmp_path / "herford.json").open()
    lk = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    anna = store.save(Person(given_name="Anna", family_name="Altmoor", email="anna@alt.example.org"))
    anna = store.save(dataclasses.replace(anna, family_name="Neumoor", email="anna@neu.example.org"))
    store.save(Person(given_name="Anna", family_name="Berg"))
    meeting = store.save(
        Meeting(
            committee_id=lk.id,
            date=date(2026, 3, 12),
            notes="Anna Berg und ANNA ALTMOOR kommen; Frau Altmoor schreibt an anna@alt.example.org",
            guests=["Anna Berg"],
        )
    )

    erase_person(store, anna.id, TODAY)

    kept = store.snapshot().meetings[meeting.id]
    assert kept.notes == "Anna Berg und [gelöscht] kommen; Frau [gelöscht] schreibt an [gelöscht]"
    assert kept.guests == ["Anna Berg"]
    for path in _files(store.path):
        text = path.read_text(encoding="utf-8").casefold()
        assert "altmoor" not in text and "neumoor" not in text and "anna@" not in text
        assert "anna berg" in text or path.name.endswith(".bak")


def test_auskunft_names_seat_role_and_organisation_in_the_log_and_cuts_nothing(erased_world):
    """Trying the CLI: the Art. 15 text's log read "Sitz: – → landrat", "Rolle: – → vorsitz" and
    "Organisation: – → 3"; it names them now, as `herford-tui log` does, and keeps long values whole."""
    from click.testing import CliRunner

    from herford_tui.cli import main

    store, person, _lk, _members, _meeting = erased_world
    long_notes = "Telefonisch nur vormittags erreichbar, " * 5
    store.save(dataclasses.replace(store.snapshot().persons[person.id], notes=long_notes.strip()))
    result = CliRunner().invoke(main, ["person", "auskunft", str(person.id), "--db", str(store.path)])
    assert result.exit_code == 0, result.output
    log = result.output.split("\nÄnderungsprotokoll\n", 1)[1]
    assert "Sitz: „Landrat“" in log and "Rolle: „Vorsitz“" in log and "Organisation: „Kreis Herford“" in log
    assert "→ landrat" not in log and "→ vorsitz" not in log
    assert long_notes.strip() in log, "an Auskunft cuts no value"
    raw = json.loads(
        CliRunner().invoke(main, ["person", "auskunft", str(person.id), "--json", "--db", str(store.path)]).output
    )
    assert any(e["changes"].get("seat_key") == [None, "landrat"] for e in raw["aenderungsprotokoll"]), "JSON: as stored"


def test_auskunft_without_names_shows_log_entries_as_the_log_does():
    """One formatter for a log entry (``audit_text.entry_lines``): the Auskunft had a second one
    with its own labels; without names it now shows the stored numbers in the same lines."""
    from herford_tui.domain import Snapshot
    from herford_tui.domain.audit_text import entry_lines

    anna = Person(id=1, given_name="Anna", family_name="Bartels")
    entry = {
        "at": "2026-11-28T13:20:04+00:00",
        "user": "hf_kollege [b]",
        "table": "persons",
        "id": 1,
        "action": "update",
        "label": "Anna Bartels",
        "changes": {"email": [None, "a.bartels@example.org"], "organisation_id": [None, 6]},
    }
    text = disclosure(Snapshot(persons={1: anna}), 1, TODAY, [entry]).as_text()
    lines = entry_lines(entry)
    assert lines[0] == "28.11.2026 14:20  hf_kollege [b]  Person 1 „Anna Bartels“ geändert"
    assert all(f"  {line}\n" in text for line in lines)


def test_erasing_one_of_two_namesakes_leaves_the_others_name_in_every_text(tmp_path: Path):
    """Directory meets DSGVO: two "Thomas Müller" at different organisations. Erasing one took
    the full name as a needle and turned the other's mentions into "[gelöscht]" (the minutes of
    a meeting, an organisation's note) in the file, the backups and the log. A full name another
    person bears now stays, as a family name borne by others did; the summary says to check it.
    The same holds for a former name: renamed since, it is a namesake's name now."""
    store = Store(tmp_path / "herford.json").open()
    snap = store.snapshot()
    lk = next(c for c in snap.committees.values() if c.name == "Lenkungskreis")
    kreis, bezreg, nrw = (
        next(o for o in snap.organisations.values() if o.name == name)
        for name in ("Kreis Herford", "Bezirksregierung Detmold", "Land Nordrhein-Westfalen")
    )
    school = store.save(
        Person(given_name="Thomas", family_name="Müller", organisation_id=bezreg.id, email="mueller@schule.example.org")
    )
    renamed = store.save(
        Person(given_name="Thomas", family_name="Müller", organisation_id=nrw.id, email="tm@agentur.example.org")
    )
    renamed = store.save(dataclasses.replace(renamed, family_name="Müller-Brandt"))
    agency = store.save(Person(given_name="Thomas", family_name="Müller", organisation_id=kreis.id))
    meeting = store.save(
        Meeting(committee_id=lk.id, date=date(2026, 3, 12), minutes="Thomas Müller (Kreis) berichtet.")
    )
    store.save(dataclasses.replace(store.snapshot().organisations[kreis.id], notes="Ansprechpartner: Thomas Müller"))

    # files the program wrote: one names the school's Müller by e-mail, one only by the shared name
    from herford_tui.store.written import write_recorded

    by_mail, by_name = tmp_path / "mail.csv", tmp_path / "anwesenheit.csv"
    write_recorded(store.path, by_mail, b"Thomas M\xc3\xbcller;mueller@schule.example.org\r\n")
    write_recorded(store.path, by_name, b"Thomas M\xc3\xbcller;anwesend\r\n")
    files = dict(person_disclosure(store, school.id, TODAY).files)
    assert [str(by_mail)] in files.values() and [str(by_name)] in files.values()  # one surely, one maybe

    first = erase_person(store, school.id, TODAY)
    assert (first.exports, first.ambiguous) == ([by_mail], [by_name])
    assert f"bitte prüfen, wen sie nennen, und gegebenenfalls von Hand löschen): {by_name}" in first.summary()
    second = erase_person(store, renamed.id, TODAY)

    snap = store.snapshot()
    assert snap.meetings[meeting.id].minutes == "Thomas Müller (Kreis) berichtet."
    assert snap.organisations[kreis.id].notes == "Ansprechpartner: Thomas Müller"
    assert snap.persons[agency.id].full_name == "Thomas Müller"
    for result in (first, second):
        assert "Der Name „Thomas Müller“ blieb in Texten" in result.summary()
    for path in _files(store.path):
        text = path.read_text(encoding="utf-8")
        if "(Kreis) berichtet" in text:  # not in the backups older than the meeting
            assert "Thomas Müller (Kreis) berichtet." in text, path.name
        for gone in ("mueller@schule.example.org", "tm@agentur.example.org", "Müller-Brandt"):
            assert gone not in text, (gone, path.name)


def test_the_log_names_no_erased_namesake_in_the_labels_of_their_memberships(tmp_path: Path):
    """DSGVO meets namesakes in the log: a membership's entries are labelled "<person> – <committee>".
    The name went only where it was among the erased values, and a name another person bears
    is not (it stays in texts): the log still said "Thomas Müller – Lenkungskreis" for every
    change of the erased one's memberships. Those entries are theirs by reference; the other
    Thomas Müller's own entries keep the name."""
    store = Store(tmp_path / "herford.json").open()
    lk = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    erased = store.save(Person(given_name="Thomas", family_name="Müller"))
    other = store.save(
        Person(given_name="Thomas", family_name="Müller", email="tm@example.org"), confirmed=Confirmed.of([erased])
    )
    for who, seat in ((erased, "landrat"), (other, "sozialdezernat")):
        store.save(Membership(person_id=who.id, committee_id=lk.id, seat_key=seat, start=date(2026, 1, 1)))
    erase_person(store, erased.id, TODAY)
    log = [json.loads(line) for line in store.path.with_name(store.path.name + ".log").read_text().splitlines()]
    labels = {(e["refs"]["person"], e["label"]) for e in log if e["table"] == "memberships"}
    assert labels == {(erased.id, "[gelöscht] – Lenkungskreis"), (other.id, "Thomas Müller – Lenkungskreis")}
