"""An erasure ends the person's open memberships on the erasure day: the past stays as
„gelöschte Person“, meetings after that day no longer list the person (domain, store, CLI)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.domain import Meeting, MeetingAttendance, Membership, Person, Role, Snapshot
from herford_tui.domain.attendance import attendance_lines
from herford_tui.domain.dsgvo import PLACEHOLDER, erasure_plan
from herford_tui.domain.erasure_end import ending, erasure_memberships_text
from herford_tui.domain.roster import roster_lines
from herford_tui.store import Store
from herford_tui.store.check import check_file
from herford_tui.store.erasure import erase_person

DAY = date(2026, 12, 3)
FUTURE = date(2027, 1, 20)


def _world() -> Snapshot:
    return Snapshot(
        persons={1: Person(id=1, given_name="Anna", family_name="Quast"), 2: Person(id=2, family_name="Berg")},
        memberships={
            1: Membership(
                id=1, person_id=1, committee_id=1, seat_key="s", start=date(2020, 1, 1), end=date(2022, 1, 1)
            ),
            2: Membership(id=2, person_id=1, committee_id=1, seat_key="s", start=date(2025, 1, 1)),
            3: Membership(
                id=3, person_id=2, committee_id=1, seat_key="s", role=Role.STELLVERTRETUNG, deputy_of=2,
                start=date(2025, 1, 1),
            ),
            4: Membership(id=4, person_id=1, committee_id=2, seat_key="t", start=FUTURE),
            5: Membership(id=5, person_id=2, committee_id=1, seat_key="u", start=date(2025, 1, 1)),
        },
        meetings={
            1: Meeting(id=1, committee_id=1, date=date(2026, 3, 1), attendance=[MeetingAttendance(1)]),
            2: Meeting(
                id=2, committee_id=1, date=FUTURE,
                attendance=[MeetingAttendance(1), MeetingAttendance(5, deputy_id=1), MeetingAttendance(2)],
            ),
        },
    )  # fmt: skip


def test_open_memberships_end_on_the_erasure_day_and_future_ones_go():
    closing = ending(_world(), 1, DAY)
    assert {m.id: m.end for m in closing.ended} == {2: DAY, 3: DAY}  # the deputy leaves with the member
    assert [m.id for m in closing.dropped] == [4]
    assert [m.id for m in closing.meetings] == [2]  # the past meeting stays as recorded
    assert closing.meetings[0].attendance == [MeetingAttendance(5), MeetingAttendance(2)]


def test_plan_saves_the_ended_memberships_and_the_future_meeting():
    snapshot = _world()
    plan = erasure_plan(snapshot, 1, DAY)
    saved = {(type(r).__name__, r.id): r for r in plan.records}
    assert saved[("Membership", 2)].end == DAY and saved[("Membership", 3)].end == DAY
    assert ("Membership", 1) not in saved  # ended long ago: untouched
    assert [m.id for m in plan.deleted] == [4] and [m.id for m in plan.ended] == [2]
    after = snapshot.with_changes(plan.records, plan.deleted)
    assert 1 not in {line.person_id for line in attendance_lines(after, after.meetings[2])}
    assert 1 in {line.person_id for line in attendance_lines(after, after.meetings[1])}


def test_question_says_what_ends_in_german():
    assert erasure_memberships_text(2, 1, DAY) == (
        "Die laufende oder künftige Mitgliedschaft wird zum 03.12.2026 beendet; "
        "alle 2 bleiben als „gelöschte Person“ im Verlauf."
    )
    assert erasure_memberships_text(1, 1, DAY).endswith(
        "Die laufende oder künftige Mitgliedschaft wird zum 03.12.2026 beendet "
        "und bleibt als „gelöschte Person“ im Verlauf."
    )
    assert erasure_memberships_text(3, 3, DAY) == (
        "Die 3 laufenden oder künftigen Mitgliedschaften werden zum 03.12.2026 beendet "
        "und bleiben als „gelöschte Person“ im Verlauf."
    )
    assert (
        erasure_memberships_text(1, 0, DAY) == "Die beendete Mitgliedschaft bleibt als „gelöschte Person“ im Verlauf."
    )
    assert erasure_memberships_text(2, 0, DAY).startswith("Die 2 beendeten Mitgliedschaften bleiben")


@pytest.fixture
def member_with_future_meeting(tmp_path: Path):
    store = Store(tmp_path / "herford.json").open()
    lk = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    person = store.save(Person(given_name="Wendelin", family_name="Quackenbusch"))
    seat = store.save(Membership(person_id=person.id, committee_id=lk.id, seat_key="landrat", start=date(2025, 1, 1)))
    later = max(FUTURE, date.today() + timedelta(days=60))  # after the erasure day, whenever the test runs
    meeting = store.save(Meeting(committee_id=lk.id, date=later, attendance=[MeetingAttendance(person.id)]))
    return store, person, lk, seat, meeting


def test_store_erasure_ends_the_membership_in_the_same_save(member_with_future_meeting):
    store, person, lk, seat, meeting = member_with_future_meeting
    result = erase_person(store, person.id, DAY)
    assert "1 laufende Mitgliedschaft zum 03.12.2026 beendet" in result.summary()
    fresh = Store(store.path).open().snapshot()
    assert fresh.memberships[seat.id].end == DAY
    on_the_day = [
        fresh.persons[line.membership.person_id].full_name
        for line in roster_lines(fresh, lk.id, DAY)
        if line.membership
    ]
    assert PLACEHOLDER in on_the_day  # the history shows the placeholder
    assert person.id not in {line.person_id for line in attendance_lines(fresh, fresh.meetings[meeting.id])}
    assert check_file(store.path).ok


def test_cli_erasure_says_the_membership_ends(runner: CliRunner, member_with_future_meeting):
    store, person, _lk, seat, meeting = member_with_future_meeting
    today = date.today()
    result = runner.invoke(main, ["person", "loeschen", str(person.id), "--db", str(store.path), "--ja"])
    assert result.exit_code == 0, result.output
    assert f"wird zum {today:%d.%m.%Y} beendet und bleibt als „gelöschte Person“ im Verlauf" in result.output
    fresh = Store(store.path).open().snapshot()
    assert fresh.memberships[seat.id].end == today
    assert fresh.meetings[meeting.id].attendance == []


def _saved_world(path: Path) -> tuple[Store, int, dict[str, int]]:
    """The records of ``_world`` in a store: a member with a deputy, a future seat, a meeting
    after the erasure day where she attends and stands in."""
    store = Store(path).open()
    lk = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    anna = store.save(Person(given_name="Anna", family_name="Quast"))
    berg = store.save(Person(family_name="Berg"))
    past = store.save(
        Membership(
            person_id=anna.id, committee_id=lk.id, seat_key="landrat", start=date(2020, 1, 1), end=date(2022, 1, 1)
        )
    )
    seat = store.save(Membership(person_id=anna.id, committee_id=lk.id, seat_key="landrat", start=date(2025, 1, 1)))
    deputy = store.save(
        Membership(
            person_id=berg.id, committee_id=lk.id, seat_key="landrat", role=Role.STELLVERTRETUNG, deputy_of=seat.id,
            start=date(2025, 1, 1),
        )
    )  # fmt: skip
    future = store.save(Membership(person_id=anna.id, committee_id=lk.id, seat_key="bildungsbuero", start=FUTURE))
    held = store.save(
        Membership(person_id=berg.id, committee_id=lk.id, seat_key="buergermeister", start=date(2025, 1, 1))
    )
    attendance = [MeetingAttendance(anna.id), MeetingAttendance(berg.id, deputy_id=anna.id)]
    later = store.save(Meeting(committee_id=lk.id, date=FUTURE, attendance=attendance))
    ids = {"past": past.id, "seat": seat.id, "deputy": deputy.id, "future": future.id, "held": held.id}
    return store, anna.id, ids | {"later": later.id, "berg": berg.id}


def _ends(snapshot: Snapshot) -> tuple[dict[int, date | None], dict[int, list[MeetingAttendance]]]:
    return {m.id: m.end for m in snapshot.memberships.values()}, {
        m.id: m.attendance for m in snapshot.meetings.values()
    }


def test_an_erasure_finished_from_the_raw_file_ends_the_same_memberships(tmp_path: Path):
    """A killed erasure (the journal written, the store's save not done) is finished from the raw
    file at the next open; the rotating backups are cleaned in their bytes. Both end the memberships
    as the live erasure does (``erasure_end.ending``, one rule): no open membership is left."""
    from herford_tui.domain.erasure_end import open_memberships
    from herford_tui.store import personal_files as pf

    (tmp_path / "live").mkdir()
    (tmp_path / "killed").mkdir()
    live, pid, ids = _saved_world(tmp_path / "live" / "herford.json")
    killed, _, _ = _saved_world(tmp_path / "killed" / "herford.json")
    erase_person(live, pid, DAY)
    pf.begin(killed.file, pid, DAY, {"Anna Quast", "Quast"})  # then killed: the database not written
    assert pf.finish_pending(killed.file)

    after = Store(live.path).open().snapshot()
    assert open_memberships(after, pid, DAY) == []
    assert ids["future"] not in after.memberships and after.memberships[ids["deputy"]].end == DAY
    assert after.meetings[ids["later"]].attendance == [MeetingAttendance(ids["berg"])]
    finished = Store(killed.path).open().snapshot()
    assert finished.persons[pid].erased_on == DAY
    assert _ends(finished) == _ends(after)
    backup = tmp_path / "backup.json"  # the version before the erasure, cleaned in its bytes
    backup.write_bytes(live.path.with_name(live.path.name + ".1.bak").read_bytes())
    restored = Store(backup, read_only=True).open().snapshot()
    assert restored.persons[pid].erased_on == DAY
    assert open_memberships(restored, pid, DAY) == []
    assert _ends(restored) == _ends(after)
