"""merge_plan moves every mention of the twin in meetings and keeps the other stand-ins."""

from __future__ import annotations

from datetime import date

from herford_tui.domain import AgendaItem, Attendance, Meeting, MeetingAttendance, Person, Snapshot, Task
from herford_tui.domain.person_merge import merge_plan


def test_stand_in_responsibility_and_tasks_move_and_other_stand_ins_stay():
    persons = [Person(id=i, given_name="P", family_name=str(i)) for i in (1, 2, 3, 4)]
    meeting = Meeting(
        id=1,
        committee_id=1,
        date=date(2026, 3, 4),
        attendance=[
            MeetingAttendance(2, Attendance.ANWESEND),
            MeetingAttendance(3, Attendance.VERTRETEN, 4),
            MeetingAttendance(4, Attendance.VERTRETEN, 2),
        ],
        agenda=[AgendaItem("1", "Haushalt", responsible_person_id=2, tasks=[Task("Bericht", 2), Task("Raum", 3)])],
    )
    snapshot = Snapshot(persons={p.id: p for p in persons}, meetings={meeting.id: meeting})
    [moved] = [r for r in merge_plan(snapshot, 1, 2).save if isinstance(r, Meeting)]
    assert moved.attendance == [
        MeetingAttendance(1, Attendance.ANWESEND),
        MeetingAttendance(3, Attendance.VERTRETEN, 4),
        MeetingAttendance(4, Attendance.VERTRETEN, 1),
    ]
    assert moved.agenda[0].responsible_person_id == 1
    assert [t.person_id for t in moved.agenda[0].tasks] == [1, 3]
