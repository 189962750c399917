"""A form's edit of an agenda item, decision, task or the minutes as an operation on the meeting
as stored: a colleague's changes meanwhile stay, the same field changed twice is a clash."""

from __future__ import annotations

import dataclasses

import pytest

from herford_tui.domain import AgendaItem, Decision, Meeting, Task
from herford_tui.domain.agenda import AgendaClash, assign, decide, edit_item, write_minutes

SEEN = Meeting(id=1, agenda=[AgendaItem("1", "Begrüßung"), AgendaItem("2", "Haushalt", minutes="Vorgestellt.")])


def _item(meeting: Meeting, index: int, **changes: object) -> Meeting:
    agenda = list(meeting.agenda)
    agenda[index] = dataclasses.replace(agenda[index], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(meeting, agenda=agenda)


def test_only_the_fields_the_user_changed_are_written_and_a_colleagues_task_stays():
    stored = _item(SEEN, 1, tasks=[Task("Zahlen nachreichen")], notes="von der Kollegin")
    mine = dataclasses.replace(SEEN.agenda[1], minutes="Beschlossen.")
    item = edit_item(stored, 1, SEEN.agenda[1], mine).agenda[1]
    assert item.minutes == "Beschlossen." and item.notes == "von der Kollegin"
    assert [t.what for t in item.tasks] == ["Zahlen nachreichen"]


def test_the_same_field_changed_by_both_is_a_clash_naming_it():
    stored = _item(SEEN, 1, minutes="Vertagt.")
    mine = dataclasses.replace(SEEN.agenda[1], minutes="Beschlossen.")
    with pytest.raises(AgendaClash, match="Protokoll von TOP 2 „Haushalt“"):
        edit_item(stored, 1, SEEN.agenda[1], mine)
    same = dataclasses.replace(SEEN.agenda[1], minutes="Vertagt.")
    assert edit_item(stored, 1, SEEN.agenda[1], same) == stored  # both wrote the same: nothing to do


def test_a_moved_item_is_found_and_a_removed_one_is_a_clash():
    moved = dataclasses.replace(SEEN, agenda=[SEEN.agenda[1], SEEN.agenda[0]])
    assert [d.text for d in decide(moved, 1, SEEN.agenda[1], Decision("Ja")).agenda[0].decisions] == ["Ja"]
    assert assign(moved, 1, SEEN.agenda[1], Task("Bericht")).agenda[1].tasks == []
    removed = dataclasses.replace(SEEN, agenda=[SEEN.agenda[0]])
    with pytest.raises(AgendaClash, match="umbenannt oder entfernt"):
        decide(removed, 1, SEEN.agenda[1], Decision("Ja"))


def test_the_meetings_minutes_of_a_colleague_are_not_overwritten():
    assert write_minutes(SEEN, "", "Mein Text.").minutes == "Mein Text."
    theirs = dataclasses.replace(SEEN, minutes="Ihr Text.")
    with pytest.raises(AgendaClash, match="Protokoll der Sitzung"):
        write_minutes(theirs, "", "Mein Text.")


def test_a_task_is_changed_or_removed_only_as_this_user_saw_it():
    from herford_tui.domain.agenda import edit_task, remove_task

    task = Task("Raum buchen", 7)
    seen = _item(SEEN, 1, tasks=[Task("Bericht"), task])
    item = seen.agenda[1]
    moved = dataclasses.replace(seen, agenda=[seen.agenda[1], seen.agenda[0]])  # a colleague moved the TOP
    assert edit_task(moved, 1, item, 1, task, Task("Raum buchen", 8)).agenda[0].tasks[1] == Task("Raum buchen", 8)
    assert [t.what for t in remove_task(moved, 1, item, 1, task).agenda[0].tasks] == ["Bericht"]
    ticked = _item(seen, 1, tasks=[Task("Bericht"), dataclasses.replace(task, done=True)])
    with pytest.raises(AgendaClash, match="„Raum buchen“ wurde inzwischen"):
        edit_task(ticked, 1, item, 1, task, Task("Raum buchen", 8))


def test_a_decision_is_corrected_or_removed_only_as_this_user_saw_it():
    from herford_tui.domain.agenda import edit_decision

    seen = _item(SEEN, 1, decisions=[Decision("Ja"), Decision("Ja, doppelt")])
    item = seen.agenda[1]
    fixed = edit_decision(seen, 1, item, 0, Decision("Ja"), Decision("Ja, einstimmig"))
    assert [d.text for d in fixed.agenda[1].decisions] == ["Ja, einstimmig", "Ja, doppelt"]
    assert [d.text for d in edit_decision(seen, 1, item, 1, Decision("Ja, doppelt"), None).agenda[1].decisions] == [
        "Ja"
    ]
    with pytest.raises(AgendaClash, match="„Ja, doppelt“ wurde inzwischen"):
        theirs = edit_decision(seen, 1, item, 1, Decision("Ja, doppelt"), Decision("Ja, doppelt!"))  # a colleague
        edit_decision(theirs, 1, item, 1, Decision("Ja, doppelt"), None)
