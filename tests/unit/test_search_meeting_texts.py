"""Search finds minutes, decisions and tasks, each with its meeting (palette line and ``suche`` card)."""

from __future__ import annotations

from datetime import date, time

from herford_tui.cli import main
from herford_tui.domain import AgendaItem, Decision, DecisionResult, Meeting, Person, Task
from herford_tui.domain.search import Kind, search
from herford_tui.domain.search_text import describe, match_card
from herford_tui.store import Store

DAY = date(2026, 3, 12)


def _meeting(store: Store) -> tuple[Meeting, Person]:
    committee = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    worker = store.save(Person(given_name="Petra", family_name="Quade"))
    item = AgendaItem(
        "3",
        "Übergang Schule–Beruf",
        minutes="Die Kommunale Koordinierung berichtet über Praktikumsbörsen.",
        decisions=[Decision("Der Lenkungskreis beschließt die Talentscouts-Förderung.", DecisionResult.MEHRHEITLICH)],
        tasks=[Task("Kostenschätzung Berufsorientierungscamp einholen", worker.id, date(2026, 4, 30))],
    )
    meeting = Meeting(committee_id=committee.id, date=DAY, start_time=time(10), agenda=[item],
                      minutes="Allgemeines: Haushaltssperre erläutert.")  # fmt: skip
    return store.save(meeting), worker


def test_minutes_decisions_and_tasks_are_found_with_their_meeting(store: Store):
    meeting, worker = _meeting(store)
    snap = store.snapshot()
    today = date(2026, 3, 1)
    minutes = search(snap, "Praktikumsbörsen")
    assert [(m.kind, m.record.id, m.item.number if m.item else None) for m in minutes] == [
        (Kind.MINUTES, meeting.id, "3")
    ]
    title, detail = describe(minutes[0], snap, today)
    assert "Praktikumsbörsen" in title and "Lenkungskreis" in detail and "12.03.2026" in detail and "TOP 3" in detail
    general = search(snap, "Haushaltssperre")
    assert general[0].kind is Kind.MINUTES and general[0].item is None
    decision = search(snap, "talentscouts")
    assert decision[0].kind is Kind.DECISION and decision[0].detail is meeting.agenda[0].decisions[0]
    assert "mehrheitlich" in describe(decision[0], snap, today)[0]
    task = search(snap, "Berufsorientierungscamp")
    assert task[0].kind is Kind.TASK and "offen, bis 30.04.2026" in describe(task[0], snap, today)[0]
    # the palette's line says whose task it is, as the meeting's task lines do
    assert describe(task[0], snap, today)[0].endswith(f"einholen – {worker.full_name} (offen, bis 30.04.2026)")
    assert search(snap, "Aufgabe Quade offen")[0].kind is Kind.TASK  # by who does it and its state
    assert search(snap, "Beschluss März Lenkungskreis", kinds=[Kind.DECISION])[0].record.id == meeting.id
    card = match_card(task[0], snap, today)
    assert card[0].startswith("Aufgabe: Kostenschätzung") and "Lenkungskreis" in card[1]


def test_suche_prints_the_decision_with_its_meeting(store: Store, runner):
    _meeting(store)
    result = runner.invoke(main, ["suche", "--db", str(store.path), "Talentscouts"])
    assert result.exit_code == 0, result.output
    assert "Beschluss: Der Lenkungskreis beschließt die Talentscouts-Förderung. (mehrheitlich)" in result.output
    assert "Lenkungskreis, Do., 12.03.2026" in result.output or "12.03.2026" in result.output
