"""Audit entries as German text: dates, enum labels, control characters made visible."""

from __future__ import annotations

from datetime import date

from herford_tui.domain.audit_text import change_row, entry_lines, matches, value_text


def entry(**kw):
    base = {"v": 1, "at": "2026-11-28T13:05:00+00:00", "user": "anna", "table": "memberships", "id": 7}
    return base | kw


def test_update_lines_show_old_and_new_in_german():
    e = entry(
        action="update",
        label="Erika – Lenkungskreis",
        changes={"role": ["mitglied", "vorsitz"], "end": [None, "2026-12-31"]},
    )
    assert entry_lines(e) == [
        "28.11.2026 14:05  anna  Mitgliedschaft 7 „Erika – Lenkungskreis“ geändert",
        "    Rolle: „Mitglied“ → „Vorsitz“",
        "    Ende: — → „31.12.2026“",
    ]
    assert change_row(e) == (
        "28.11.2026 14:05",
        "anna",
        "Mitgliedschaft 7 Erika – Lenkungskreis",
        "geändert: Rolle: „Mitglied“ → „Vorsitz“; Ende: — → „31.12.2026“",
    )


def test_hostile_text_is_shown_escaped():
    e = entry(
        action="update", table="persons", label="\x1b[2J", user="x\x1b]0;t\x07", changes={"notes": ["", "\u202eabc"]}
    )
    text = "\n".join(entry_lines(e))
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert value_text("a" * 200).endswith("…“")


def test_filters():
    e = entry(action="insert", refs={"person": 3, "committee": 2})
    assert matches(e, person_id=3) and not matches(e, person_id=4)
    assert matches(e, committee_id=2) and not matches(e, committee_id=1)
    from datetime import date

    assert matches(e, since=date(2026, 11, 28)) and not matches(e, since=date(2026, 11, 29))


def test_numbers_are_shown_by_name_and_seats_by_label(store):
    import dataclasses

    from herford_tui.domain import Membership, Person
    from herford_tui.domain.audit_text import Names
    from herford_tui.store.log_reader import read_entries

    snap = store.snapshot()
    lk = next(c for c in snap.committees.values() if c.name == "Lenkungskreis")
    person = store.save(Person(given_name="Anna", family_name="Ärger"))
    store.save(Membership(person_id=person.id, committee_id=lk.id, seat_key=lk.seats[0].key, start=date(2025, 1, 1)))
    gone = store.save(Person(given_name="Gustav", family_name="Gegangen"))
    store.delete(gone)
    store.save(dataclasses.replace(store.snapshot().persons[person.id], phone="0521 1"))
    entries = read_entries(store.path)
    names = Names.of(store.snapshot(), entries)
    text = "\n".join(line for e in entries for line in entry_lines(e, names))
    assert f"    Person: „Anna Ärger“\n    Gremium: „Lenkungskreis“\n    Sitz: „{lk.seats[0].label}“" in text
    assert f"„{lk.seats[0].key}“" not in text and f"Person: „{person.id}“" not in text
    # a deleted record keeps the name the log gave it
    assert names.record("persons", gone.id) == "Gustav Gegangen"
    assert names.record("persons", 9999) == "Nr. 9999"


def test_agenda_and_attendance_changes_read_as_text():
    from herford_tui.domain.audit_text import Names

    names = Names(labels={("persons", 1): "Anna Ärger", ("persons", 2): "Bert Vertreter"})
    item = {"number": "1", "title": "Haushalt", "public": True, "minutes": "", "decisions": [], "tasks": []}
    long_minutes = "Beschlossen. " + "x" * 200
    e = entry(
        action="update",
        table="meetings",
        label="Lenkungskreis am 09.12.2026",
        changes={
            "agenda": [
                [item, item | {"number": "2", "title": "Schulen"}],
                [item | {"minutes": long_minutes, "tasks": [{"what": "Antrag", "person_id": 2, "done": False}]}],
            ],
            "attendance": [
                [{"person_id": 1, "status": "anwesend", "deputy_id": None}],
                [{"person_id": 1, "status": "vertreten", "deputy_id": 2}, {"person_id": 2, "status": "anwesend"}],
            ],
        },
    )
    lines = entry_lines(e, names)
    assert lines[1:] == [
        "    TOP 1 „Haushalt“: Protokoll: — → „" + (long_minutes[:79]) + "…“",
        "    TOP 1 „Haushalt“: Aufgabe 1 neu",
        "    TOP 1 „Haushalt“:   Aufgabe: „Antrag“",
        "    TOP 1 „Haushalt“:   Person: „Bert Vertreter“",
        "    TOP 2 „Schulen“ entfernt",
        "    Anwesenheit Anna Ärger: anwesend → vertreten (durch Bert Vertreter)",
        "    Anwesenheit Bert Vertreter: anwesend",
    ]
    assert not any("{" in line for line in lines)


def test_erased_on_and_erasure_read_in_german():
    e = entry(action="update", table="persons", changes={"erased_on": [None, "2026-11-28"]})
    assert entry_lines(e)[1] == "    nach DSGVO gelöscht am: — → „28.11.2026“"
    erased = entry(action="erase", table="persons", label="", changes={})
    assert "erase" not in entry_lines(erased)[0]


def test_filters_find_a_person_in_a_meetings_attendance():
    e = entry(
        action="update",
        table="meetings",
        refs={"committee": 2},
        changes={"attendance": [[], [{"person_id": 5, "status": "anwesend", "deputy_id": None}]]},
    )
    assert matches(e, person_id=5) and not matches(e, person_id=6)
    assert matches(e, until=date(2026, 11, 28)) and not matches(e, until=date(2026, 11, 27))


def test_a_persons_log_leaves_out_changes_to_the_others_in_the_same_attendance_list():
    """Trying `log --person`: every attendance key press of a meeting was listed for each person
    in it ("Anwesenheit Markus Meyer: anwesend" in Wolfgang Kemper's log): the list names all."""
    kemper = {"person_id": 5, "status": "anwesend", "deputy_id": None}
    meyer_open, meyer_there = ({"person_id": 6, "status": s, "deputy_id": None} for s in (None, "anwesend"))
    stand_in = {"person_id": 6, "status": "vertreten", "deputy_id": 7}
    others = entry(
        action="update", table="meetings", changes={"attendance": [[kemper, meyer_open], [kemper, meyer_there]]}
    )
    assert matches(others, person_id=6) and not matches(others, person_id=5)
    deputy = entry(
        action="update", table="meetings", changes={"attendance": [[kemper, meyer_open], [kemper, stand_in]]}
    )
    assert matches(deputy, person_id=7) and matches(deputy, person_id=6) and not matches(deputy, person_id=5)
    tasks = [{"number": "1", "title": "Haushalt", "tasks": [{"what": "Antrag", "person_id": 5, "done": False}]}]
    done = [{"number": "1", "title": "Haushalt", "tasks": [{"what": "Antrag", "person_id": 5, "done": True}]}]
    assert matches(entry(action="update", table="meetings", changes={"agenda": [tasks, done]}), person_id=5)
