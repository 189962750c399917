"""The meeting screen's keys that save at once as operations on the meeting as stored: move or
remove a TOP, tick a task, mark the meeting invited. Applied to a version a colleague changed
since the screen showed it, they do what the user meant or raise a clash; nothing else."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest

from herford_tui.domain import AgendaItem, Decision, Meeting, MeetingStatus, Task
from herford_tui.domain.agenda import AgendaClash, move_seen, remove_seen, renumbered, tick_task
from herford_tui.domain.invitation import InvitationClash, mark_invited

SEEN = Meeting(
    id=1,
    date=date(2026, 12, 9),
    start_time=time(14),
    agenda=[
        AgendaItem("1", "Begrüßung"),
        AgendaItem("2", "Haushalt", tasks=[Task("Zahlen nachreichen")]),
        AgendaItem("3", "Verschiedenes"),
    ],
)
HAUSHALT = SEEN.agenda[1]


def _titles(meeting: Meeting) -> list[str]:
    return [item.title for item in meeting.agenda]


def _with_first(meeting: Meeting, title: str) -> Meeting:
    return dataclasses.replace(meeting, agenda=renumbered([AgendaItem("", title), *meeting.agenda]))


def test_a_move_takes_the_item_the_user_saw_wherever_it_is_now():
    stored = _with_first(dataclasses.replace(SEEN, notes="Kollegin"), "Protokollkontrolle")
    moved = move_seen(stored, 1, HAUSHALT, 1)
    assert _titles(moved) == ["Protokollkontrolle", "Begrüßung", "Verschiedenes", "Haushalt"]
    assert [i.number for i in moved.agenda] == ["1", "2", "3", "4"] and moved.notes == "Kollegin"
    assert move_seen(moved, 3, HAUSHALT, 1) is moved  # at the end: nothing to write


def test_a_move_of_an_item_removed_meanwhile_is_a_clash_in_german():
    stored = dataclasses.replace(SEEN, agenda=renumbered([SEEN.agenda[0], SEEN.agenda[2]]))
    with pytest.raises(AgendaClash, match="TOP 2 „Haushalt“ wurde inzwischen von jemand anderem"):
        move_seen(stored, 1, HAUSHALT, -1)


def test_a_removal_takes_the_item_the_user_saw_and_keeps_the_colleagues_changes():
    stored = _with_first(dataclasses.replace(SEEN, notes="Kollegin"), "Protokollkontrolle")
    left = remove_seen(stored, 1, HAUSHALT)
    assert _titles(left) == ["Protokollkontrolle", "Begrüßung", "Verschiedenes"] and left.notes == "Kollegin"


def test_an_item_a_colleague_added_to_meanwhile_is_not_removed():
    agenda = list(SEEN.agenda)
    agenda[1] = dataclasses.replace(HAUSHALT, decisions=[Decision("Mittel freigegeben")])
    with pytest.raises(AgendaClash, match="wurde nicht entfernt"):
        remove_seen(dataclasses.replace(SEEN, agenda=agenda), 1, HAUSHALT)


def test_a_task_is_ticked_where_it_is_now_and_a_colleagues_same_tick_is_no_clash():
    stored = _with_first(SEEN, "Protokollkontrolle")
    ticked = tick_task(stored, 1, HAUSHALT, 0, HAUSHALT.tasks[0], True)
    assert ticked.agenda[2].tasks[0].done
    assert tick_task(ticked, 1, HAUSHALT, 0, HAUSHALT.tasks[0], True) is ticked
    again = tick_task(ticked, 2, ticked.agenda[2], 0, ticked.agenda[2].tasks[0], False)
    assert not again.agenda[2].tasks[0].done


def test_a_task_a_colleague_changed_meanwhile_is_a_clash():
    agenda = list(SEEN.agenda)
    agenda[1] = dataclasses.replace(HAUSHALT, tasks=[Task("Zahlen bis Freitag nachreichen")])
    with pytest.raises(AgendaClash, match="„Zahlen nachreichen“ wurde inzwischen"):
        tick_task(dataclasses.replace(SEEN, agenda=agenda), 1, HAUSHALT, 0, HAUSHALT.tasks[0], True)


def test_invited_on_the_version_as_stored():
    stored = dataclasses.replace(SEEN, notes="Kollegin")
    invited = mark_invited(stored, SEEN, date(2026, 11, 28))
    assert (invited.status, invited.invitation_sent, invited.notes) == (
        MeetingStatus.EINGELADEN, date(2026, 11, 28), "Kollegin",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"status": MeetingStatus.ABGESAGT}, "als „abgesagt“ eingetragen"),
        ({"status": MeetingStatus.DURCHGEFUEHRT}, "als „durchgeführt“ eingetragen"),
        ({"date": date(2026, 12, 10), "room": "101"}, "Datum, Raum der Sitzung wurden inzwischen"),
    ],
)
def test_not_invited_when_the_invitation_no_longer_fits(change, said):
    with pytest.raises(InvitationClash, match=said):
        mark_invited(dataclasses.replace(SEEN, **change), SEEN, date(2026, 11, 28))
