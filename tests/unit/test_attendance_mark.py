"""An attendance key is an operation on one person's entry, re-applied to the newest meeting."""

from __future__ import annotations

import pytest

from herford_tui.domain import Attendance, Meeting, MeetingAttendance
from herford_tui.domain.attendance_mark import Mark, MarkClash, entry_of

A, E, X, V = Attendance.ANWESEND, Attendance.ENTSCHULDIGT, Attendance.FEHLEND, Attendance.VERTRETEN


def meeting(*entries: MeetingAttendance, rev: int = 2) -> Meeting:
    return Meeting(id=7, rev=rev, committee_id=1, attendance=list(entries))


def test_marks_of_different_people_both_land_on_the_newer_meeting():
    mine = Mark(1, A, seen=None)  # made while the meeting was at rev 2, nobody recorded
    theirs = meeting(MeetingAttendance(2, E), MeetingAttendance(3, X), rev=3)  # a colleague's version
    result = mine.onto(theirs)
    assert entry_of(result, 1) == MeetingAttendance(1, A)
    assert (entry_of(result, 2), entry_of(result, 3)) == (MeetingAttendance(2, E), MeetingAttendance(3, X))
    assert result.rev == 3  # the stored version it is written over (the store checks it)


def test_a_colleagues_change_to_the_same_person_is_a_clash_and_names_their_entry():
    mark = Mark(2, E, seen=None)
    newest = meeting(MeetingAttendance(2, A), rev=3)
    with pytest.raises(MarkClash) as caught:
        mark.onto(newest)
    assert caught.value.person_id == 2 and caught.value.theirs == MeetingAttendance(2, A)
    assert caught.value.deputy_reason is None
    assert "nichts wurde überschrieben" in str(caught.value)


def test_a_colleague_clearing_the_entry_is_a_clash_too():
    with pytest.raises(MarkClash) as caught:
        Mark(2, X, seen=MeetingAttendance(2, E)).onto(meeting(rev=3))
    assert caught.value.theirs is None


def test_the_same_value_recorded_by_the_colleague_is_no_clash_and_no_change():
    newest = meeting(MeetingAttendance(2, E), rev=3)
    assert Mark(2, E, seen=None).onto(newest) is newest


def test_my_own_earlier_entry_is_changed_and_cleared():
    seen = MeetingAttendance(2, A)
    assert entry_of(Mark(2, E, seen=seen).onto(meeting(seen)), 2) == MeetingAttendance(2, E)
    assert entry_of(Mark(2, None, seen=seen).onto(meeting(seen)), 2) is None


def test_a_stand_in_taken_meanwhile_is_a_clash_with_the_reason():
    mark = Mark(1, V, deputy_id=9, seen=None)
    assert entry_of(mark.onto(meeting()), 1) == MeetingAttendance(1, V, 9)
    newest = meeting(MeetingAttendance(9, A), rev=3)  # the colleague marked the stand-in present
    with pytest.raises(MarkClash) as caught:
        mark.onto(newest)
    assert caught.value.deputy_reason == "ist selbst anwesend" and caught.value.theirs is None


def test_a_deputy_is_only_kept_with_vertreten():
    assert Mark(1, A, deputy_id=9).entry == MeetingAttendance(1, A, None)
