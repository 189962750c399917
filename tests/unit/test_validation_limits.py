"""Every text field has a length limit with a German message (forms, imports and ``check``)."""

from __future__ import annotations

from herford_tui.domain.models import AgendaItem, Committee, Meeting, Organisation, Person, Seat
from herford_tui.domain.validation import max_length, validate


def test_every_text_field_has_a_length_limit_with_a_german_message():
    person = Person(family_name="x" * 101, given_name="y" * 101, notes="z" * 10_001)
    assert [str(p) for p in validate(person)] == [
        "Vorname: Höchstens 100 Zeichen erlaubt, hier sind es 101.",
        "Nachname: Höchstens 100 Zeichen erlaubt, hier sind es 101.",
        "Notizen: Höchstens 10.000 Zeichen erlaubt, hier sind es 10.001.",
    ]
    assert validate(Person(family_name="x" * 100, title="Dr." * 20)) == []
    meeting = Meeting(committee_id=1, location="o" * 301, agenda=[AgendaItem(number="1", title="t" * 500)])
    assert [str(p) for p in validate(meeting)][:1] == ["Ort: Höchstens 300 Zeichen erlaubt, hier sind es 301."]
    meeting.agenda.append(AgendaItem(title="t" * 501))
    assert "Tagesordnung: Tagesordnungspunkt 2, Titel: Höchstens 500 Zeichen erlaubt, hier sind es 501." in [
        str(p) for p in validate(meeting)
    ]
    committee = Committee(name="K", seats=[Seat(key="k", label="l" * 201)])
    assert "Sitze: Sitz 1, Bezeichnung: Höchstens 200 Zeichen erlaubt" in str(validate(committee)[0])
    org = Organisation(name="n" * 201, email="e" * 300)
    messages = [str(p) for p in validate(org)]
    assert messages[0].startswith("Name: Höchstens 200 Zeichen")
    assert all("eeeeeeeeee" not in m for m in messages)  # an over-long value is never quoted


def test_forms_can_ask_for_the_limit():
    assert max_length("family_name") == 100
    assert max_length("notes") == 10_000
    assert max_length("a_field_added_later") == 1000
