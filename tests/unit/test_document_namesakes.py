"""Two „Thomas Müller“ in one committee: the minutes, the signature list and the attendance
export say which one a task belongs to and whom a deputy stood in for (walkthrough, session 8).

Before, the minutes read „Stellvertretungen: Anna Ärger (für Thomas Müller)“ and a task
„Zuständig: Thomas Müller“ for either of them; the rows of their own have the organisation
beside the name, these cross-references had nothing.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from herford_tui.documents.content import attendance_sheet, minutes
from herford_tui.domain import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingAttendance,
    Membership,
    Organisation,
    Person,
    Role,
    Task,
)
from herford_tui.domain.attendance_list import attendance_list
from herford_tui.store import Store


def _meeting(path: Path):
    store = Store(path / "herford.json").open()
    lk = next(c.id for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    seat = next(s.key for s in store.snapshot().committees[lk].seats if s.count is None or s.count >= 2)
    kita = store.save(Organisation(name="Kita Sonnenschein", municipality="Bünde"))
    gym = store.save(Organisation(name="Gymnasium Löhne", municipality="Löhne"))
    t1 = store.save(Person(given_name="Thomas", family_name="Müller", organisation_id=kita.id))
    t2 = store.save(Person(given_name="Thomas", family_name="Müller", organisation_id=gym.id))
    anna = store.save(Person(given_name="Anna", family_name="Ärger", organisation_id=kita.id))
    start = date(2026, 1, 1)
    m1 = store.save(Membership(person_id=t1.id, committee_id=lk, seat_key=seat, start=start))
    store.save(Membership(person_id=t2.id, committee_id=lk, seat_key=seat, start=start))
    store.save(
        Membership(
            person_id=anna.id, committee_id=lk, seat_key=seat, role=Role.STELLVERTRETUNG, deputy_of=m1.id, start=start
        )
    )
    meeting = store.save(
        Meeting(
            committee_id=lk,
            date=date(2026, 12, 9),
            start_time=time(14),
            attendance=[
                MeetingAttendance(t1.id, Attendance.VERTRETEN, anna.id),
                MeetingAttendance(t2.id, Attendance.ANWESEND),
            ],
            agenda=[AgendaItem("1", "Haushalt", tasks=[Task("Zahlen nachreichen", t2.id)])],
        )
    )
    return store.snapshot(), meeting, t1.id


def test_the_minutes_say_which_thomas_mueller(tmp_path: Path):
    snapshot, meeting, t1 = _meeting(tmp_path)
    data = minutes(snapshot, meeting)
    assert data["stand_ins"] == [{"name": "Anna Ärger", "for": f"Thomas Müller (Kita Sonnenschein, Nr. {t1})"}]
    [task] = data["items"][0]["tasks"]
    assert task["owner"] == f"Thomas Müller (Gymnasium Löhne, Nr. {t1 + 1})"
    # their own rows keep the plain name: the organisation stands in its own column
    assert {(p["name"], p["organisation"]) for p in data["attendance"] if p["name"] == "Thomas Müller"} == {
        ("Thomas Müller", "Kita Sonnenschein"),
        ("Thomas Müller", "Gymnasium Löhne"),
    }


def test_the_signature_list_and_the_attendance_export_say_whom_the_deputy_stands_in_for(tmp_path: Path):
    snapshot, meeting, t1 = _meeting(tmp_path)
    roles = [row["role"] for row in attendance_sheet(snapshot, meeting)["rows"] if row["name"] == "Anna Ärger"]
    assert roles == [f"Stellvertretung für Thomas Müller (Kita Sonnenschein, Nr. {t1})"]
    [deputy] = [row for row in attendance_list(snapshot, meeting) if row.name == "Anna Ärger"]
    assert deputy.stands_in_for == f"Thomas Müller (Kita Sonnenschein, Nr. {t1})"
