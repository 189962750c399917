"""Hand-made data for the evaluation's tests: the corners the demo data may not have."""

from __future__ import annotations

from datetime import date

from herford_tui.domain import (
    Attendance,
    Committee,
    Meeting,
    MeetingAttendance,
    MeetingStatus,
    Membership,
    Organisation,
    Person,
    Role,
    Seat,
    Snapshot,
)


def mixed() -> Snapshot:
    """Two committees, one archived since; namesakes (two Anna Xs of two organisations of one name),
    guests, deputies (one of them for two members, one recorded „vertreten“ for a member), an
    advisory seat, members who leave or join within 2026, a representative, a person without an
    organisation, a seat held in two runs without a break, and meetings held, cancelled, ahead and
    without a recorded attendance."""
    orgs = {1: Organisation(1, 1, name="Schule Nord"), 2: Organisation(2, 1, name="Schule Nord")}
    orgs[3] = Organisation(3, 1, name="Jobcenter")
    persons = {
        1: Person(1, 1, given_name="Anna", family_name="X", organisation_id=1),
        2: Person(2, 1, given_name="Anna", family_name="X", organisation_id=2),  # a namesake
        3: Person(3, 1, given_name="Bert", family_name="Y", organisation_id=3),
        4: Person(4, 1, given_name="Clara", family_name="Z"),  # no organisation
        5: Person(5, 1, given_name="Dora", family_name="D", organisation_id=1),
        6: Person(6, 1, given_name="Emil", family_name="E", organisation_id=2),
        7: Person(7, 1, given_name="Frida", family_name="F", organisation_id=3),
        8: Person(8, 1, given_name="Gast", family_name="G", organisation_id=3),
    }
    seats = [Seat("a", "A", count=4), Seat("b", "B", count=2), Seat("r", "Beratend", count=1, advisory=True)]
    committees = {
        1: Committee(1, 1, name="Kreis", seats=seats),
        2: Committee(2, 1, name="Alt", seats=seats, archived=True),
    }

    def member(i: int, person: int, committee: int, seat: str, role: Role = Role.MITGLIED, **more) -> Membership:
        return Membership(i, 1, person, committee, seat, role, **more)

    memberships = {
        m.id: m
        for m in [
            member(1, 1, 1, "a", start=date(2020, 1, 1)),
            member(2, 2, 1, "a", Role.VORSITZ),  # no start, no end
            member(3, 3, 1, "a", start=date(2020, 1, 1), end=date(2026, 6, 30)),  # leaves within the year
            member(4, 4, 1, "b", represents_id=3, start=date(2026, 7, 1)),  # joins within the year
            member(5, 5, 1, "b", start=date(2019, 1, 1), end=date(2027, 12, 31)),
            member(6, 6, 1, "a", Role.STELLVERTRETUNG, deputy_of=1, start=date(2020, 1, 1)),
            member(7, 6, 1, "a", Role.STELLVERTRETUNG, deputy_of=3, start=date(2020, 1, 1)),  # for two
            member(8, 7, 1, "a", Role.STELLVERTRETUNG, deputy_of=3, start=date(2026, 3, 1)),
            member(9, 8, 1, "a", Role.GAST, start=date(2020, 1, 1)),
            member(10, 7, 1, "r", start=date(2020, 1, 1)),  # advisory: no seat line
            member(11, 1, 2, "a", start=date(2020, 1, 1), end=date(2026, 2, 28)),
            member(12, 2, 2, "a", start=date(2020, 1, 1)),
            member(13, 6, 2, "a", Role.STELLVERTRETUNG, deputy_of=12, start=date(2020, 1, 1)),
            member(14, 3, 2, "b", start=date(2025, 5, 1), end=date(2025, 12, 31)),
            member(15, 5, 1, "b", start=date(2016, 3, 1), end=date(2018, 12, 31)),  # Dora's seat since 2016
        ]
    }
    a, e, f, v = Attendance.ANWESEND, Attendance.ENTSCHULDIGT, Attendance.FEHLEND, Attendance.VERTRETEN
    records = [
        [(1, a), (2, a), (3, a), (5, a), (8, a)],
        [(1, e), (2, a), (3, f), (5, a), (6, a)],  # one deputy for two absent members: fills one seat
        [(1, e), (2, a), (3, e), (5, a), (6, a), (7, a)],
        [(1, v), (2, f), (4, a), (5, e), (6, a)],  # Anna „vertreten“ (by Emil), Bert has left
        [(1, a), (2, e), (4, e), (5, a), (6, e), (7, a)],
        [(1, a), (1, f), (2, a), (4, a), (5, a)],  # recorded twice: the last entry counts
        [],  # held, nothing recorded: not counted
    ]
    days = [date(2026, 1, 12), date(2026, 2, 9), date(2026, 3, 9), date(2026, 9, 7), date(2026, 10, 5)]
    days += [date(2026, 11, 2), date(2026, 11, 16)]
    meetings = {}
    for n, (day, record) in enumerate(zip(days, records, strict=True), 1):
        attendance = [MeetingAttendance(p, s, deputy_id=6 if s is v else None) for p, s in record]
        meetings[n] = Meeting(n, 1, 1, day, status=MeetingStatus.DURCHGEFUEHRT, attendance=attendance)
    some = [MeetingAttendance(p, s) for p, s in records[1]]
    meetings[20] = Meeting(20, 1, 1, date(2026, 4, 4), status=MeetingStatus.ABGESAGT, attendance=some)
    meetings[21] = Meeting(21, 1, 1, date(2026, 12, 14), attendance=some)  # ahead
    meetings[22] = Meeting(22, 1, 1, date(2025, 6, 2), attendance=some)  # passed, not marked: held
    meetings[23] = Meeting(23, 1, 1, None, attendance=some)
    meetings[24] = Meeting(24, 1, 2, date(2026, 1, 19), status=MeetingStatus.DURCHGEFUEHRT, attendance=some)
    meetings[25] = Meeting(25, 1, 2, date(2025, 9, 1), status=MeetingStatus.DURCHGEFUEHRT, attendance=some)
    return Snapshot(committees, orgs, persons, memberships, meetings)
