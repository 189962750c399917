"""``herford-tui suche TEXT``: plain text, exit 0 when found, 1 when not, 2 without a file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.domain import AgendaItem, Meeting, Membership, Person, Role, Task
from herford_tui.store import Store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "herford.json"
    store = Store(path).open()
    snap = store.snapshot()
    org = {o.name: o.id for o in snap.organisations.values()}
    lk = next(c.id for c in snap.committees.values() if c.name == "Lenkungskreis")
    person = store.save(
        Person(
            given_name="Jürgen",
            family_name="Müller",
            function="Bürgermeister",
            organisation_id=org["Stadt Bünde"],
            email="j.mueller@example.org",
            phone="0123 456",
        )
    )
    start = date.today() - timedelta(days=30)
    store.save(
        Membership(
            person_id=person.id, committee_id=lk, seat_key="buergermeister", role=Role.MITGLIED,
            represents_id=org["Stadt Bünde"], start=start,
        )
    )  # fmt: skip
    store.save(Person(given_name="Eve", family_name="\x1b[31mRot"))  # hostile text
    store.save(
        Meeting(committee_id=lk, date=date(2027, 3, 12), location="Kreishaus", agenda=[AgendaItem("1", "Haushalt")])
    )
    return path


def _id(db, table: str, name: str) -> int:
    records = getattr(Store(db).snapshot(), table).values()
    return next(r.id for r in records if getattr(r, "full_name", getattr(r, "name", "")) == name)


def run(db, *args):
    return CliRunner().invoke(main, ["suche", "--db", str(db), *args])


def test_person_with_committees_function_organisation_and_contact(db):
    result = run(db, "mueller")
    assert result.exit_code == 0
    assert result.output.splitlines()[:5] == [
        f"Person: Jürgen Müller (Nr. {_id(db, 'persons', 'Jürgen Müller')})",
        "  Bürgermeister, Stadt Bünde",
        "  Gremien: Lenkungskreis (Mitglied)",
        "  E-Mail: j.mueller@example.org",
        "  Telefon: 0123 456",
    ]


def test_organisation_with_its_representatives(db):
    result = run(db, "stadt", "bunde")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"Organisation: Stadt Bünde (Nr. {_id(db, 'organisations', 'Stadt Bünde')})"
    assert "    Lenkungskreis: Jürgen Müller (Mitglied)" in lines


def test_meeting_by_date(db):
    result = run(db, "12.3.27")
    assert result.exit_code == 0
    assert result.output.startswith("Sitzung: Lenkungskreis, Fr 12.03.2027")
    assert "  TOP 1: Haushalt" in result.output


def test_nothing_found_exits_1(db):
    result = run(db, "xyzzyq")
    assert result.exit_code == 1
    assert "Nichts gefunden" in result.output


def test_control_characters_never_reach_the_terminal(db):
    result = run(db, "eve")
    assert result.exit_code == 0
    assert "\x1b" not in result.output


def test_an_empty_query_is_refused_in_german(db):
    result = run(db, " ")
    assert result.exit_code == 2 and "Bitte einen Suchbegriff angeben" in result.output


def test_missing_file_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["suche", "--db", str(tmp_path / "nope.json"), "x"])
    assert result.exit_code == 2


def test_more_hits_than_shown_are_told_and_all_shown_with_max_0(db):
    """The best hits are shown (``--max``, 10 without it); one line says when there are more, and
    ``--max 0`` shows them all."""
    everything = run(db, "--max", "0", "lenkungskreis")
    assert everything.exit_code == 0
    cards = everything.output.split("\n\n")
    assert len(cards) >= 3 and "weitere Treffer" not in everything.output
    one = run(db, "--max", "1", "lenkungskreis")
    assert one.exit_code == 0
    assert one.output.split("\n\n") == [cards[0], "… und weitere Treffer: mehr mit --max 2, alle mit --max 0.\n"]
    exact = run(db, "--max", str(len(cards)), "lenkungskreis")
    assert exact.output == everything.output, "as many hits as asked for: nothing more to tell"


def test_a_negative_max_is_refused_in_german(db):
    result = run(db, "--max", "-1", "lenkungskreis")
    assert result.exit_code == 2 and "liegt nicht im Bereich" in result.output


def test_a_task_hit_names_whose_task_it_is_namesakes_told_apart(tmp_path):
    """„Aufgabe: Bericht vorbereiten (offen, bis …)“ did not say whose task it is: the card names
    the person as the meeting's task lines do, and of two "Thomas Müller" says which one
    (``person_named``: organisation and number), on the quick way and the whole way alike."""
    path = tmp_path / "herford.json"
    store = Store(path).open()
    snap = store.snapshot()
    org = {o.name: o.id for o in snap.organisations.values()}
    lk = next(c.id for c in snap.committees.values() if c.name == "Lenkungskreis")
    mine = store.save(Person(given_name="Thomas", family_name="Müller", organisation_id=org["Stadt Bünde"]))
    store.save(Person(given_name="Thomas", family_name="Mueller"))  # the namesake
    task = Task(what="Bericht vorbereiten", person_id=mine.id, due=date(2027, 1, 15))
    meeting = Meeting(committee_id=lk, date=date(2026, 12, 9), agenda=[AgendaItem("1", "Haushalt", tasks=[task])])
    meeting = store.save(meeting)
    result = run(path, "thomas mueller")
    assert result.exit_code == 0, result.output
    cards = [card.splitlines() for card in result.output.split("\n\n")]
    tasks = [card for card in cards if card[0].startswith("Aufgabe:")]
    assert tasks and tasks[0][:2] == [
        f"Aufgabe: Bericht vorbereiten – Thomas Müller (Stadt Bünde, Nr. {mine.id}) (offen, bis 15.01.2027)",
        f"  Sitzung Nr. {meeting.id}: Lenkungskreis, Mi 09.12.2026 · TOP 1 Haushalt",
    ], result.output
    alone = run(path, "bericht")  # found by its own words: whose it is all the same
    assert f"Aufgabe: Bericht vorbereiten – Thomas Müller (Stadt Bünde, Nr. {mine.id}) (offen" in alone.output
