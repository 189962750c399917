"""The ``suche`` card of an open task (and of the other parts of a meeting) says "Nr." once per
thing: the task's person told apart from a namesake kept their number at the head, and the
meeting's number stood right behind it, unlabelled ("… (Stadt Bünde, Nr. 6) (offen) (Nr. 12)")."""

from __future__ import annotations

from datetime import date

from herford_tui.domain import AgendaItem, Decision, Meeting, Person, Task
from herford_tui.domain.search import Kind, search
from herford_tui.domain.search_text import match_card
from herford_tui.store import Store

TODAY = date(2026, 11, 28)


def _world(store: Store) -> tuple[Meeting, Person]:
    snap = store.snapshot()
    lk = next(c.id for c in snap.committees.values() if c.name == "Lenkungskreis")
    buende = next(o.id for o in snap.organisations.values() if o.name == "Stadt Bünde")
    mine = store.save(Person(given_name="Thomas", family_name="Müller", organisation_id=buende))
    store.save(Person(given_name="Thomas", family_name="Müller"))  # the namesake
    item = AgendaItem(
        "1",
        "Haushalt",
        decisions=[Decision("Mittel werden freigegeben")],
        tasks=[Task("Bericht vorbereiten", mine.id, date(2027, 1, 15))],
    )
    return store.save(Meeting(committee_id=lk, date=date(2026, 12, 9), agenda=[item])), mine


def test_a_task_card_says_nr_once_per_thing_the_meetings_with_the_meeting(store: Store):
    meeting, mine = _world(store)
    snap = store.snapshot()
    [task] = [m for m in search(snap, "bericht vorbereiten") if m.kind is Kind.TASK]
    head, where = match_card(task, snap, TODAY)
    assert head == f"Aufgabe: Bericht vorbereiten – Thomas Müller (Stadt Bünde, Nr. {mine.id}) (offen, bis 15.01.2027)"
    assert head.count("Nr.") == 1
    assert where == f"  Sitzung Nr. {meeting.id}: Lenkungskreis, Mi 09.12.2026 · TOP 1 Haushalt"


def test_the_other_parts_of_a_meeting_name_its_number_with_the_meeting(store: Store):
    meeting, _ = _world(store)
    snap = store.snapshot()
    [decision] = [m for m in search(snap, "Mittel freigegeben") if m.kind is Kind.DECISION]
    card = match_card(decision, snap, TODAY)
    assert card[0].startswith("Beschluss: Mittel werden freigegeben") and "Nr." not in card[0]
    assert card[1].startswith(f"  Sitzung Nr. {meeting.id}: Lenkungskreis")
    [whole] = [m for m in search(snap, "Lenkungskreis Dezember") if m.kind is Kind.MEETING]
    assert match_card(whole, snap, TODAY)[0].endswith(f"(Nr. {meeting.id})")  # a meeting hit: at its head
