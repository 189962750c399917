"""The evaluation counts attendance without building each meeting's seat lines (``SeatHolders``,
``add_meeting``) and names only the longest-held seats: held against the plain definitions
(``seat_presence`` per meeting, ``committee_tenures`` of every committee) on the demo data and on
hand-made corner cases, so the fast path can never drift from what the lines say."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from herford_tui.domain import (
    Attendance,
    Committee,
    Meeting,
    MeetingAttendance,
    MeetingStatus,
    Membership,
    Person,
    Role,
    Seat,
    Snapshot,
    evaluation,
)
from herford_tui.domain.evaluation import (
    _read_seats,
    _seats_today,
    committee_tenures,
    committee_vacancies,
    evaluate,
    evaluate_steps,
    figures_at_hand,
    organisations_without_seat,
    tenures,
    trend_steps,
    vacancies,
    warm_up,
)
from herford_tui.domain.evaluation_attendance import (
    Presence,
    SeatHolders,
    attendance_rates,
    held,
    organisation_of,
    seat_presence,
)
from herford_tui.domain.fold import sort_key
from herford_tui.store import Store
from herford_tui.store.demo import write_demo
from herford_tui.store.store import VERIFY_ENV
from tests.unit.evaluation_data import mixed

TODAY = date(2026, 11, 28)
Counts = dict[object, tuple[int, int, int]]


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The x1 demo data (2,000 meetings, attendance recorded from 2023): the small one records
    a dozen meetings only."""
    path = tmp_path_factory.mktemp("evaluation") / "demo.json"
    write_demo(Store(path).open(), size="x1", seed=1, today=TODAY)
    return path


@pytest.fixture(scope="module")
def demo(demo_path: Path) -> Snapshot:
    return Store(demo_path).open().snapshot()


def by_the_lines(snapshot: Snapshot, first: int, last: int, today: date) -> tuple[Counts, Counts]:
    """The rates as the definition reads: every held meeting's seat lines, counted."""
    committees: dict[object, list[int]] = defaultdict(lambda: [0, 0, 0])
    organisations: dict[object, list[int]] = defaultdict(lambda: [0, 0, 0])
    for meeting in snapshot.meetings.values():
        day = meeting.date
        if day is None or not first <= day.year <= last or not held(meeting, today) or not meeting.attendance:
            continue
        committee = committees[(meeting.committee_id, day.year)]  # a held meeting counts even without lines
        for line in seat_presence(snapshot, meeting):
            org = organisation_of(snapshot, line.membership) if day.year == last else None
            for count in (committee, organisations[org]) if org is not None else (committee,):
                count[0] += line.presence is Presence.SELBST
                count[1] += line.presence is Presence.VERTRETEN
                count[2] += 1
    return _tuples(committees), _tuples(organisations)


def _tuples(counts: dict[object, list[int]]) -> Counts:
    return {key: (a, b, c) for key, (a, b, c) in counts.items()}


def counted(snapshot: Snapshot, first: int, last: int, today: date) -> tuple[Counts, Counts]:
    committees, organisations = attendance_rates(snapshot, first, last, today)
    return (
        {k: (r.present, r.stood_in, r.expected) for k, r in committees.items()},
        {k: (r.present, r.stood_in, r.expected) for k, r in organisations.items()},
    )


@pytest.mark.parametrize(("first", "last"), [(2022, 2026), (2021, 2025), (2026, 2026), (2023, 2023)])
def test_the_rates_count_what_the_seat_lines_of_the_demo_data_say(demo: Snapshot, first: int, last: int):
    expected = by_the_lines(demo, first, last, TODAY)
    assert sum(c[2] for c in expected[0].values()) > 100  # the demo data has held meetings with records
    assert counted(demo, first, last, TODAY) == expected


def test_the_longest_held_seats_are_those_of_every_committees_tenures(demo: Snapshot):
    everyone = [t for c in demo.active_committees() for t in committee_tenures(demo, c, TODAY)]
    longest = sorted(everyone, key=lambda t: (t.since, sort_key(t.name)))[:10]
    assert len(everyone) > 10
    assert [(t.since, t.person_id, t.seat) for t in tenures(demo, TODAY)] == [
        (t.since, t.person_id, t.seat) for t in longest
    ]
    assert evaluate(demo, 2026, TODAY).tenures == tenures(demo, TODAY)


def crowded() -> Snapshot:
    """Corner cases of the seat lines: a person on two seats at once (one line), two absent
    members sharing one deputy who came (fills one seat only), a member recorded twice."""
    committee = Committee(1, 1, name="Kreis", seats=[Seat("a", "A", count=3), Seat("b", "B", count=2)])
    persons = {i: Person(i, 1, given_name=f"P{i}", family_name="X", organisation_id=i) for i in range(1, 7)}
    memberships = {
        1: Membership(1, 1, 1, 1, "a", Role.MITGLIED, start=date(2020, 1, 1)),
        2: Membership(2, 1, 1, 1, "b", Role.MITGLIED, represents_id=6, start=date(2024, 1, 1)),  # Anna twice
        3: Membership(3, 1, 2, 1, "a", Role.MITGLIED, start=date(2020, 1, 1)),
        4: Membership(4, 1, 3, 1, "a", Role.MITGLIED, start=date(2020, 1, 1), end=date(2026, 3, 31)),
        5: Membership(5, 1, 4, 1, "b", Role.STELLVERTRETUNG, deputy_of=3, start=date(2020, 1, 1)),
        6: Membership(6, 1, 4, 1, "b", Role.STELLVERTRETUNG, deputy_of=4, start=date(2020, 1, 1)),
        7: Membership(7, 1, 5, 1, "b", Role.STELLVERTRETUNG, deputy_of=4, start=date(2026, 1, 1)),
    }
    record = [
        MeetingAttendance(1, Attendance.ANWESEND),
        MeetingAttendance(2, Attendance.FEHLEND),
        MeetingAttendance(3, Attendance.ENTSCHULDIGT),
        MeetingAttendance(4, Attendance.ANWESEND),
        MeetingAttendance(5, Attendance.ANWESEND),
        MeetingAttendance(3, Attendance.ANWESEND),  # recorded twice: the last entry counts
    ]
    meetings = {
        n: Meeting(n, 1, 1, day, status=MeetingStatus.DURCHGEFUEHRT, attendance=record[:size])
        for n, (day, size) in enumerate(
            [(date(2026, 2, 2), 4), (date(2026, 2, 3), 6), (date(2026, 5, 5), 5), (date(2023, 6, 6), 3)], 1
        )
    }
    return Snapshot({1: committee}, {}, persons, memberships, meetings)


def test_the_rates_count_the_corner_cases_as_the_seat_lines():
    for snapshot in (crowded(), mixed()):
        for first, last in ((2023, 2026), (2026, 2026), (2023, 2023), (2025, 2025)):
            assert counted(snapshot, first, last, TODAY) == by_the_lines(snapshot, first, last, TODAY)
    snapshot = crowded()
    committees, _ = counted(snapshot, 2026, 2026, TODAY)
    # February: Anna (one line for two seats), Bert, Clara; May: Clara has left. The shared deputy
    # fills Bert's seat, so Clara's stays empty on 2 February (no second deputy there yet).
    assert committees[(1, 2026)] == (1 + 2 + 1, 1 + 1 + 1, 3 + 3 + 2)


@pytest.mark.parametrize("today", [TODAY, date(2026, 3, 31), date(2026, 4, 1), date(2024, 1, 1)])
def test_one_pass_over_a_committees_memberships_reads_what_the_three_definitions_say(demo: Snapshot, today: date):
    """``_read_seats`` (the evaluation's pass per committee) against ``SeatHolders``,
    ``committee_vacancies`` and ``_seats_today``, each reading the memberships itself."""
    for snapshot in (demo, crowded(), mixed()):
        for year in (today.year, today.year - 2, today.year - 1):
            counted = (date(year, 1, 1), date(today.year, 12, 31))
            for committee in snapshot.committees_of_year(year):
                seats, open_seats, runs, seated = _read_seats(snapshot, committee, today, counted)
                plain = SeatHolders(snapshot, committee.id, within=counted)
                assert (seats.holders, seats.once) == (plain.holders, plain.once)
                assert open_seats == committee_vacancies(snapshot, committee, today)
                assert (runs, seated) == _seats_today(snapshot, committee, today)
    whole = evaluate(demo.with_changes(), today.year, today)
    assert whole.vacancies == vacancies(demo, today)
    assert whole.without_seat == [o.name for o in organisations_without_seat(demo, today)]
    assert whole.tenures == tenures(demo, today)


def test_an_evaluation_is_computed_once_per_snapshot():
    snapshot = crowded()
    first = evaluate(snapshot, 2026, TODAY)
    assert evaluate(snapshot, 2026, TODAY) is first
    assert evaluate(snapshot, 2025, TODAY) is not first
    changed = snapshot.with_changes([Meeting(9, 1, 1, date(2026, 7, 7), status=MeetingStatus.ABGESAGT)])
    again = evaluate(changed, 2026, TODAY)
    assert again is not first and again.meetings[0].cancelled == first.meetings[0].cancelled + 1


def test_a_snapshot_shows_its_sizes_not_its_records():
    # Textual's @work puts its arguments' repr into the worker's description: at x10 that took seconds.
    assert repr(crowded()) == "Snapshot(1 committees, 0 organisations, 6 persons, 7 memberships, 4 meetings)"


def _run(steps):
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


@pytest.mark.parametrize("year", [2026, 2024])
def test_the_years_figures_first_then_the_trend_make_the_whole_evaluation(demo: Snapshot, year: int):
    whole = evaluate(demo.with_changes(), year, TODAY)  # a snapshot of its own: nothing cached yet
    snapshot = demo.with_changes()
    first = _run(evaluate_steps(snapshot, year, TODAY, trend_first=False))
    assert first.trend_years == [year] and all(len(rates) == 1 for rates in first.attendance.values())
    assert first.meetings == whole.meetings and first.organisations == whole.organisations
    assert repr(_run(trend_steps(snapshot, first))) == repr(whole)
    assert evaluate(snapshot, year, TODAY) is _run(trend_steps(snapshot, first))  # kept for the next ask


@pytest.mark.parametrize("year", [2026, 2024])
def test_the_years_figures_right_after_the_start_decode_only_that_years_meetings(
    demo: Snapshot, demo_path: Path, year: int, monkeypatch: pytest.MonkeyPatch
):
    """The Auswertung shown while the meetings are pending: the year's records decoded, the
    others' tallies read from the bytes; the same figures as on the decoded table."""
    monkeypatch.delenv(VERIFY_ENV)  # the check against the general path would decode at once
    whole = evaluate(demo.with_changes(), year, TODAY)
    snapshot = Store(demo_path, defer=True).open().snapshot()
    assert snapshot.pending
    first = _run(evaluate_steps(snapshot, year, TODAY, trend_first=False))
    assert snapshot.is_pending("meetings"), "the year's figures did not decode every meeting"
    # every committee's members are read: decoded whole at once, not committee by committee
    assert not snapshot.is_pending("memberships") and not snapshot.is_pending("persons")
    assert first.meetings == whole.meetings and first.organisations == whole.organisations
    assert (first.tasks, first.decisions, first.decisions_by_committee) == (
        whole.tasks,
        whole.decisions,
        whole.decisions_by_committee,
    )
    assert repr(_run(trend_steps(snapshot, first))) == repr(whole)


def test_the_warm_up_reads_what_the_years_figures_read_and_they_take_it(
    demo: Snapshot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The app's warm-up after the start (``warm_up``) on the meetings still pending: the figures
    then read no committee's seats again, and come out as on the decoded table."""
    monkeypatch.delenv(VERIFY_ENV)  # the check against the general path would decode at once
    whole = evaluate(demo.with_changes(), 2026, TODAY)
    snapshot = Store(demo_path, defer=True).open().snapshot()
    warm_up(snapshot, 2026, TODAY)
    assert snapshot.is_pending("meetings"), "the warm-up decoded every meeting"
    assert not snapshot.is_pending("memberships") and not snapshot.is_pending("persons")

    def read_again(*args):
        raise AssertionError("a committee's seats read twice")

    monkeypatch.setattr(evaluation, "_read_seats", read_again)
    first = _run(evaluate_steps(snapshot, 2026, TODAY, trend_first=False))
    assert first.meetings == whole.meetings and first.organisations == whole.organisations
    assert (first.vacancies, first.tenures, first.without_seat) == (whole.vacancies, whole.tenures, whole.without_seat)
    assert (first.tasks, first.decisions) == (whole.tasks, whole.decisions)
    assert not evaluation._seats_read(snapshot), "the figures took what the warm-up read"


def test_the_warm_up_leaves_the_reading_to_figures_being_computed(demo_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(VERIFY_ENV)
    snapshot = Store(demo_path, defer=True).open().snapshot()
    steps = evaluate_steps(snapshot, 2026, TODAY, trend_first=False)
    next(steps)  # the figures have begun
    warm_up(snapshot, 2026, TODAY)
    assert not evaluation._seats_read(snapshot)
    first = _run(steps)
    warm_up(snapshot, 2026, TODAY)  # once they are there, nothing to read
    assert not evaluation._seats_read(snapshot)
    assert evaluate(snapshot, 2026, TODAY).meetings == first.meetings


def test_the_figures_are_at_hand_once_the_warm_up_has_read_or_they_were_computed(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """``figures_at_hand``: the Auswertung computes its figures before its first paint only when
    they read nothing pending and wait for nobody (``ui/evaluation/pane.py``)."""
    monkeypatch.delenv(VERIFY_ENV)
    snapshot = Store(demo_path, defer=True).open().snapshot()
    assert snapshot.is_pending("persons") or snapshot.is_pending("memberships")
    assert not figures_at_hand(snapshot, 2026, TODAY), "pending persons and memberships: not at hand"
    with evaluation._reading(snapshot):  # the warm-up reading now
        assert not figures_at_hand(snapshot, 2026, TODAY)
    warm_up(snapshot, 2026, TODAY)
    assert figures_at_hand(snapshot, 2026, TODAY)
    assert not figures_at_hand(snapshot, 2025, TODAY), "another year's seats were not read"
    with evaluation._reading(snapshot):
        assert not figures_at_hand(snapshot, 2026, TODAY), "someone reads: the figures would wait"
    first = _run(evaluate_steps(snapshot, 2026, TODAY, trend_first=False))
    assert figures_at_hand(snapshot, 2026, TODAY), "computed: at hand (the seats read were taken)"
    assert _run(evaluate_steps(snapshot, 2026, TODAY, trend_first=False)) is first
