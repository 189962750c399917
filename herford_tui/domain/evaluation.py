"""The year in figures: meetings against the rhythm, attendance, seats, tasks and decisions.

Pure functions over a snapshot (no store, no Textual): the Auswertung tab, ``herford-tui
auswertung`` and the annual report all show what ``evaluate`` returns.
"""

from __future__ import annotations

import heapq
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Generator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property

from herford_tui.domain.evaluation_attendance import (
    NO_SEAT,
    Counted,
    Rate,
    Rates,
    SeatHolders,
    add_meeting,
    held,
)
from herford_tui.domain.fold import sort_key
from herford_tui.domain.meetings import RhythmCheck, invitation_due, rhythm_check
from herford_tui.domain.models import Committee, Meeting, MeetingStatus, Membership, Organisation, Person
from herford_tui.domain.pacing import pace, taken
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.tally import MeetingTally

TREND_YEARS = 5
"""The attendance trend covers the report's year and the four before it."""


@dataclass(frozen=True)
class MeetingFigures:
    committee_id: int
    name: str
    held: int
    planned: int
    """Not cancelled, still ahead."""
    cancelled: int
    late_invitations: int
    """Invitation sent after the committee's deadline."""
    no_invitation_date: int
    """Held or invited meetings with no date of sending recorded."""
    rhythm: RhythmCheck


@dataclass(frozen=True)
class Vacancy:
    committee: str
    seat: str
    open_places: int
    since: date | None
    """The day after the last holder left; ``None``: never held (as far as recorded)."""
    days: int | None


@dataclass(frozen=True)
class Tenure:
    person_id: int
    name: str
    committee: str
    seat: str
    since: date
    days: int


@dataclass(frozen=True)
class TaskFigures:
    committee_id: int
    name: str
    open: int
    overdue: int


@dataclass
class Evaluation:
    year: int
    today: date
    meetings: list[MeetingFigures] = field(default_factory=list)
    trend_years: list[int] = field(default_factory=list)
    attendance: dict[int, list[Rate | None]] = field(default_factory=dict)
    """Committee id → rate per year of ``trend_years`` (the last is ``year``)."""
    organisations: list[tuple[str, Rate]] = field(default_factory=list)
    """Organisation name and its seats' rate in ``year``, lowest rate first."""
    vacancies: list[Vacancy] = field(default_factory=list)
    tenures: list[Tenure] = field(default_factory=list)
    without_seat: list[str] = field(default_factory=list)
    tasks: list[TaskFigures] = field(default_factory=list)
    decisions: dict[int, int] = field(default_factory=dict)
    """Year → decisions taken."""
    decisions_by_committee: dict[int, int] = field(default_factory=dict)
    """Committee id → decisions taken in ``year``."""
    names: dict[int, str] = field(default_factory=dict)
    """Committee id → name, for every committee in the figures."""

    def rate(self, committee_id: int) -> Rate | None:
        """The committee's rate in ``year``."""
        rates = self.attendance.get(committee_id)
        return rates[-1] if rates else None

    def task_figures(self, committee_id: int) -> TaskFigures | None:
        return self._tasks_by_committee.get(committee_id)

    def open_places(self, committee: str) -> int:
        """Places open today on the seats of the committee of this name."""
        return self._open_places.get(committee, 0)

    @cached_property
    def _tasks_by_committee(self) -> dict[int, TaskFigures]:
        found: dict[int, TaskFigures] = {}
        for t in self.tasks:
            found.setdefault(t.committee_id, t)
        return found

    @cached_property
    def _open_places(self) -> dict[str, int]:
        """A table row per committee asks: one pass over the vacancies, not one per row."""
        found: dict[str, int] = defaultdict(int)
        for v in self.vacancies:
            found[v.committee] += v.open_places
        return dict(found)


def meeting_figures(snapshot: Snapshot, committee: Committee, year: int, today: date) -> MeetingFigures:
    return _meeting_figures(committee, snapshot.meetings_of(committee.id), year, today)


def _meeting_figures(committee: Committee, of_committee: list[Meeting], year: int, today: date) -> MeetingFigures:
    meetings = [m for m in of_committee if m.date and m.date.year == year]
    cancelled = sum(1 for m in meetings if m.status is MeetingStatus.ABGESAGT)
    done = sum(1 for m in meetings if held(m, today))
    ahead = sum(1 for m in meetings if m.status is not MeetingStatus.ABGESAGT and not held(m, today))
    late = no_date = 0
    for m in meetings:
        if m.status is MeetingStatus.ABGESAGT or (m.status is MeetingStatus.GEPLANT and not held(m, today)):
            continue
        due = invitation_due(m, committee)
        if m.invitation_sent is None:
            no_date += 1
        elif due is not None and m.invitation_sent > due:
            late += 1
    return MeetingFigures(
        committee.id,
        _shown_name(committee),
        done,
        ahead,
        cancelled,
        late,
        no_date,
        rhythm_check(committee, meetings, year),
    )


def _shown_name(committee: Committee) -> str:
    """The committee's name in the figures; one archived since is marked so."""
    return f"{committee.name} (archiviert)" if committee.archived else committee.name


def vacancies(snapshot: Snapshot, today: date) -> list[Vacancy]:
    """Seats of the active committees with fewer holders today than places, longest open first."""
    found = [v for c in snapshot.active_committees() for v in committee_vacancies(snapshot, c, today)]
    return _longest_open_first(found)


def _longest_open_first(found: list[Vacancy]) -> list[Vacancy]:
    return sorted(found, key=lambda v: (v.since is not None, v.since or date.min, sort_key(v.committee)))


def committee_vacancies(snapshot: Snapshot, committee: Committee, today: date) -> list[Vacancy]:
    members = snapshot.memberships_of(committee.id)

    def on_seat(key: str) -> tuple[int, date | None]:
        holders = [m for m in members if m.seat_key == key and m.role.takes_seat]
        ended = [m.end for m in holders if m.end is not None and m.end < today]
        return sum(1 for m in holders if m.is_active(today)), max(ended) if ended else None

    return _vacancies(committee, on_seat, today)


def _vacancies(committee: Committee, on_seat: Callable[[str], tuple[int, date | None]], today: date) -> list[Vacancy]:
    """``committee_vacancies``, given for each seat (``on_seat`` its key) the memberships on it
    today and the last day of the last one that has ended."""
    found: list[Vacancy] = []
    for seat in committee.seats:
        if seat.count is None or seat.advisory:
            continue
        current, ended = on_seat(seat.key)
        if current >= seat.count:
            continue
        since = ended + timedelta(days=1) if ended else None
        days = (today - since).days if since else None
        found.append(Vacancy(committee.name, seat.label, seat.count - current, since, days))
    return found


def _held_since(mine: list[Membership], current: Membership) -> date | None:
    """The start of the unbroken run of memberships of one person on one seat that ends in ``current``."""
    since = current.start
    if since is None or len(mine) == 1:
        return since
    earlier = sorted((m for m in mine if m.start is not None and m.id != current.id), key=lambda m: m.start or date.min)
    for m in reversed(earlier):
        if m.start is not None and m.start < since and (m.end is None or m.end >= since - timedelta(days=1)):
            since = m.start
    return since


def tenures(snapshot: Snapshot, today: date, limit: int = 10) -> list[Tenure]:
    """Seats held longest by the same person (role changes on the seat do not break the run);
    advisory places are no seats."""
    found = [t for c in snapshot.active_committees() for t in committee_tenures(snapshot, c, today)]
    return _longest(found, limit)


def _longest(found: list[Tenure], limit: int) -> list[Tenure]:
    return sorted(found, key=lambda t: (t.since, sort_key(t.name)))[:limit]


def committee_tenures(snapshot: Snapshot, committee: Committee, today: date) -> list[Tenure]:
    return [_tenure(snapshot, run, today) for run in _runs(snapshot, committee, today)]


Run = tuple[date, int, str, Committee]
"""A seat held today: since when, by whom (person id), which seat (key), of which committee."""
HolderKey = tuple[int, str]
"""A person on a seat: person id, seat key."""


def _runs(snapshot: Snapshot, committee: Committee, today: date) -> list[Run]:
    """The seats of ``committee`` held today and since when, without the names (the evaluation
    names only the longest ten of tens of thousands at x10)."""
    return _seats_today(snapshot, committee, today)[0]


def _seats_today(snapshot: Snapshot, committee: Committee, today: date) -> tuple[list[Run], set[int]]:
    """``_runs`` and ``seated_organisations`` of ``committee`` in one pass over its memberships
    (the evaluation reads them in ``_read_seats``, held to this)."""
    persons = snapshot.persons  # once, not per membership (a descriptor: pending tables)
    advisory = {seat.key for seat in committee.seats if seat.advisory}
    by_holder: dict[HolderKey, list[Membership]] = defaultdict(list)
    seated: set[int] = set()
    for m in snapshot.memberships_of(committee.id):
        if m.role.takes_seat and m.is_active(today):
            if m.represents_id is not None:
                seated.add(m.represents_id)
            person = persons.get(m.person_id)
            if person is not None and person.organisation_id is not None:
                seated.add(person.organisation_id)
        if m.role not in NO_SEAT and m.seat_key not in advisory:
            by_holder[(m.person_id, m.seat_key)].append(m)
    current: dict[HolderKey, Membership] = {}
    for key, mine in by_holder.items():
        held_today = next((m for m in mine if m.is_active(today)), None)
        if held_today is not None:
            current[key] = held_today
    return _held_runs(by_holder, current, persons, committee), seated


def _held_runs(
    by_holder: dict[HolderKey, list[Membership]],
    current: dict[HolderKey, Membership],
    persons: dict[int, Person],
    committee: Committee,
) -> list[Run]:
    """The runs of ``committee``'s seats held today, from its seat memberships by person and seat
    and the first of each held today (``current``)."""
    found: list[Run] = []
    for (person_id, seat_key), mine in by_holder.items():
        current_one = current.get((person_id, seat_key))
        if current_one is None:
            continue
        since = _held_since(mine, current_one)
        if since is not None and person_id in persons:
            found.append((since, person_id, seat_key, committee))
    return found


CommitteeSeats = tuple[SeatHolders, list[Vacancy], list[Run], set[int]]
"""What the evaluation asks of one committee's memberships: its voting seats within the counted
days (``SeatHolders``), ``committee_vacancies`` and ``_seats_today``."""


def _read_seats(snapshot: Snapshot, committee: Committee, today: date, counted: tuple[date, date]) -> CommitteeSeats:
    """``CommitteeSeats`` in one pass over the committee's memberships (x10: 60,000, read by five
    loops before; ``test_evaluation_counts`` holds it to the three definitions): each membership's
    days compared once, the seat holders of the counted days made ``SeatHolders``' tuples at once,
    a list kept only for a person on a seat more than once."""
    persons = snapshot.persons  # once, not per membership (a descriptor: pending tables)
    advisory = {seat.key for seat in committee.seats if seat.advisory}
    first, last = counted
    deputies: dict[int, list[Membership]] = {}
    counting: list[Counted] = []
    """The voting seat memberships on a counted day: (membership, first day, last day, organisation)."""
    today_on: dict[str, int] = defaultdict(int)
    ended_on: dict[str, date] = {}
    first_on: dict[HolderKey, Membership] = {}
    more_on: dict[HolderKey, list[Membership]] = {}
    current: dict[HolderKey, Membership] = {}
    seated: set[int] = set()
    for m in snapshot.memberships_of(committee.id):
        if m.deputy_of is not None:
            deputies.setdefault(m.deputy_of, []).append(m)
        if m.role in NO_SEAT:  # deputies and guests: no seat
            continue
        seat_key, person_id, represents = m.seat_key, m.person_id, m.represents_id
        start, end = m.start, m.end
        active = (start is None or start <= today) and (end is None or end >= today)  # m.is_active(today)
        if active:
            today_on[seat_key] += 1
        elif end is not None and end < today and (seat_key not in ended_on or ended_on[seat_key] < end):
            ended_on[seat_key] = end
        person = persons.get(person_id) if active or represents is None else None
        own = person.organisation_id if person is not None else None
        if active:
            if represents is not None:
                seated.add(represents)
            if own is not None:
                seated.add(own)
        if seat_key in advisory:
            continue
        span_start, span_end = start or date.min, end or date.max
        if span_start <= last and span_end >= first:
            counting.append((m, span_start, span_end, represents if represents is not None else own))
        key = (person_id, seat_key)
        earlier = first_on.setdefault(key, m)
        if earlier is not m:
            more_on.setdefault(key, []).append(m)
        if active and key not in current:
            current[key] = m
    seats = SeatHolders.read(counting, deputies, counted)
    open_seats = _vacancies(committee, lambda key: (today_on.get(key, 0), ended_on.get(key)), today)
    by_holder = {key: [m, *more_on[key]] if key in more_on else [m] for key, m in first_on.items() if key in current}
    return seats, open_seats, _held_runs(by_holder, current, persons, committee), seated


def _tenure(snapshot: Snapshot, run: Run, today: date) -> Tenure:
    since, person_id, seat_key, committee = run
    person = snapshot.persons[person_id]
    seat = committee.seat(seat_key)
    name = person.full_name or person.sort_name
    return Tenure(person_id, name, committee.name, seat.label if seat else seat_key, since, (today - since).days)


def _longest_runs(snapshot: Snapshot, runs: list[Run], today: date, limit: int) -> list[Tenure]:
    """``_longest`` of the tenures of ``runs``, naming only those that can be among them: the
    ``limit`` longest are held since the ``limit``-th earliest day or before (ties go by name)."""
    if not runs:
        return []
    last = max(heapq.nsmallest(limit, (run[0] for run in runs)))
    return _longest([_tenure(snapshot, run, today) for run in runs if run[0] <= last], limit)


def organisations_without_seat(snapshot: Snapshot, today: date) -> list[Organisation]:
    """Organisations that neither hold nor are represented on a seat of an active committee today."""
    seated: set[int] = set()
    for committee in snapshot.active_committees():
        seated |= seated_organisations(snapshot, committee, today)
    return _unseated(snapshot, seated)


def _unseated(snapshot: Snapshot, seated: set[int]) -> list[Organisation]:
    return sorted((o for o in snapshot.organisations.values() if o.id not in seated), key=lambda o: sort_key(o.name))


def seated_organisations(snapshot: Snapshot, committee: Committee, today: date) -> set[int]:
    """Organisations holding or represented on a seat of ``committee`` today."""
    return _seats_today(snapshot, committee, today)[1]


def task_figures(snapshot: Snapshot, today: date, tallies: list[MeetingTally] | None = None) -> list[TaskFigures]:
    """Open and overdue tasks per committee (committees without open tasks are left out), as
    ``schedule.open_tasks`` counts them; ``tallies``: the snapshot's, if the caller has them."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for meeting in snapshot.meeting_tallies() if tallies is None else tallies:
        if meeting.open_dues:
            entry = counts[meeting.committee_id]
            entry[0] += len(meeting.open_dues)
            entry[1] += sum(1 for due in meeting.open_dues if due is not None and due < today)
    found = []
    for committee_id, (n_open, n_overdue) in counts.items():
        committee = snapshot.committees.get(committee_id)
        found.append(TaskFigures(committee_id, committee.name if committee else "?", n_open, n_overdue))
    return sorted(found, key=lambda t: (-t.overdue, -t.open, sort_key(t.name)))


def _decisions(tallies: list[MeetingTally], year: int, today: date) -> tuple[dict[int, int], dict[int, int]]:
    """Decisions taken per year, and per committee in ``year``: one pass over the meetings. A
    decision drafted into a meeting still ahead (or cancelled) is not taken yet."""
    per_year: Counter[int] = Counter()
    per_committee: Counter[int] = Counter()
    for meeting in tallies:
        if meeting.date is None or not meeting.took_place(today):
            continue
        per_year[meeting.date.year] += meeting.decisions
        if meeting.date.year == year:
            per_committee[meeting.committee_id] += meeting.decisions
    return dict(sorted(per_year.items())), dict(per_committee)


def evaluate(snapshot: Snapshot, year: int, today: date) -> Evaluation:
    """Every figure of ``year``; seats and tasks as they stand on ``today``."""
    steps = evaluate_steps(snapshot, year, today)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def evaluate_steps(
    snapshot: Snapshot, year: int, today: date, *, trend_first: bool = True
) -> Generator[int, None, Evaluation]:
    """``evaluate`` in steps: yields the number of committees done so far after each one, returns
    the evaluation. A caller on an event loop (the Auswertung tab) hands control back between
    steps; the report's progress bar counts them. At x10 the whole takes about a second; asked
    again on the same snapshot (back to a year already shown), it is at hand at once.

    ``trend_first=False``: the attendance of ``year`` only (``trend_years == [year]``), a third
    less work; ``trend_steps`` adds the years before it (the tab shows its table first)."""
    with taken(_reading(snapshot)):  # the warm-up, if it is reading: hurried, its reads taken
        return (yield from _evaluate_steps(snapshot, year, today, trend_first))


def _evaluate_steps(snapshot: Snapshot, year: int, today: date, trend_first: bool) -> Generator[int, None, Evaluation]:
    committees = snapshot.committees_of_year(year)  # one archived since counts in the years it met
    done = _evaluations(snapshot)
    for key in ((year, today), (year, today, trend_first)):
        if key in done:
            yield from range(1, len(committees) + 1)
            return done[key]
    snapshot.decode_pending("persons", "memberships")  # every committee's members and their persons
    meetings_of = _meetings_of(snapshot, None if trend_first else year)
    trend = list(range(year - TREND_YEARS + 1 if trend_first else year, year + 1))
    rates: Rates = (defaultdict(Rate), defaultdict(Rate))
    found_vacancies: list[Vacancy] = []
    runs: list[Run] = []
    seated: set[int] = set()
    figures: list[MeetingFigures] = []
    counted = (date(trend[0], 1, 1), date(year, 12, 31))
    read = _seats_read(snapshot)
    for n, committee in enumerate(committees, 1):
        found = read.pop((committee.id, today, counted), None)  # read by the warm-up
        seats, open_seats, held_today, seated_today = found or _read_seats(snapshot, committee, today, counted)
        mine = meetings_of(committee.id)
        for meeting in mine:
            add_meeting(meeting, trend[0], year, today, seats, rates)
        figures.append(_meeting_figures(committee, mine, year, today))
        if not committee.archived:  # seats as they stand today: an archived committee has none
            found_vacancies += open_seats
            runs += held_today
            seated |= seated_today
        yield n
    organisations = [
        (snapshot.organisations[org_id].name, rate)
        for org_id, rate in rates[1].items()
        if org_id in snapshot.organisations
    ]
    organisations.sort(key=lambda pair: (pair[1].value if pair[1].value is not None else 2.0, sort_key(pair[0])))
    tallies = snapshot.meeting_tallies()  # decisions and open tasks of every meeting, read once
    per_year, per_committee = _decisions(tallies, year, today)
    done[(year, today) if trend_first else (year, today, False)] = evaluation = Evaluation(
        year=year,
        today=today,
        meetings=figures,
        trend_years=trend,
        attendance={c.id: [rates[0].get((c.id, y)) for y in trend] for c in committees},
        organisations=organisations,
        vacancies=_longest_open_first(found_vacancies),
        tenures=_longest_runs(snapshot, runs, today, 10),
        without_seat=[o.name for o in _unseated(snapshot, seated)],
        tasks=task_figures(snapshot, today, tallies),
        decisions=per_year,
        decisions_by_committee=per_committee,
        names={c.id: _shown_name(c) for c in committees},
    )
    return evaluation


def trend_steps(snapshot: Snapshot, first: Evaluation) -> Generator[int, None, Evaluation]:
    """``first`` (an evaluation of its year's attendance only) with the trend years before it:
    the very evaluation ``evaluate`` gives; yields after each committee like ``evaluate_steps``."""
    year, today = first.year, first.today
    done = _evaluations(snapshot)
    if (year, today) in done:
        return done[(year, today)]
    trend = list(range(year - TREND_YEARS + 1, year + 1))
    snapshot.decode_pending("persons", "memberships")  # as ``evaluate_steps``
    snapshot.meetings_index()  # the years before ``year``: the whole table (see ``_meetings_of``)
    earlier: dict[tuple[int, int], Rate] = defaultdict(Rate)
    counted = (date(trend[0], 1, 1), date(year - 1, 12, 31))
    for n, committee_id in enumerate(first.names, 1):
        seats = SeatHolders(snapshot, committee_id, within=counted)
        for meeting in snapshot.meetings_of(committee_id):
            add_meeting(meeting, trend[0], year - 1, today, seats, (earlier, defaultdict(Rate)))
        yield n
    attendance = {
        committee_id: [*(earlier.get((committee_id, y)) for y in trend[:-1]), *rates[-1:]]
        for committee_id, rates in first.attendance.items()
    }
    done[(year, today)] = evaluation = replace(first, trend_years=trend, attendance=attendance)
    return evaluation


def _meetings_of(snapshot: Snapshot, year: int | None) -> Callable[[int], list[Meeting]]:
    """A committee's meetings (of ``year`` only, if given) by its id.

    Every year: the whole table and its index by committee at once (right after the start the
    table may still be pending: asked for one committee at a time, each record would be found
    and decoded alone, beside the thread decoding them all). One year: only that year's records
    (pending, the rest is not decoded: x10 a fifth of the table)."""
    if year is None:
        snapshot.meetings_index()
        return snapshot.meetings_of
    grouped: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in snapshot.meetings_in_year(year):
        grouped[meeting.committee_id].append(meeting)
    return lambda committee_id: grouped.get(committee_id, [])


def warm_up(snapshot: Snapshot, year: int, today: date) -> None:
    """Read now what the first figures of ``year`` read (``evaluate_steps`` with ``trend_first=
    False``): the persons and memberships, the year's meetings and every meeting's tally, each
    committee's seats (kept on the snapshot until the figures take them). The app does it in its
    background block after the start, before it decodes the rest of the meetings (paced: it steps
    back while the screen works); an Auswertung opened meanwhile waits for it (hurried) instead
    of reading the same beside it. At x10 this is two thirds of the figures' work (about 250 of
    350 ms); what is left for the tab is counting the attendance and the figures themselves.
    Does nothing while the figures are being computed (they read it all themselves)."""
    reading = _reading(snapshot)
    if not reading.acquire(blocking=False):
        return
    try:
        if any(key in _evaluations(snapshot) for key in ((year, today), (year, today, False))):
            return
        snapshot.decode_pending("persons", "memberships")
        committees = snapshot.committees_of_year(year)
        snapshot.meetings_in_year(year)  # pending: just the year's records decoded
        snapshot.meeting_tallies()  # pending: read from the bytes, paced
        counted = (date(year, 1, 1), date(year, 12, 31))
        read = _seats_read(snapshot)
        for committee in committees:
            pace()
            read[(committee.id, today, counted)] = _read_seats(snapshot, committee, today, counted)
    finally:
        reading.release()


def figures_at_hand(snapshot: Snapshot, year: int, today: date) -> bool:
    """The first figures of ``year`` (``evaluate_steps`` with ``trend_first=False``) read nothing
    still to be decoded and wait for nobody: computed already, or the warm-up has read what they
    read and no one is reading now. What is left is counting (x1: ~10 ms, x10: a few hundred),
    which a screen may start on the event loop and hand to a thread if it takes longer."""
    if any(key in _evaluations(snapshot) for key in ((year, today), (year, today, False))):
        return True
    if _reading(snapshot).locked() or any(map(snapshot.is_pending, ("persons", "memberships"))):
        return False
    counted = (date(year, 1, 1), date(year, 12, 31))
    read = _seats_read(snapshot)
    return all((c.id, today, counted) in read for c in snapshot.committees_of_year(year))


def _reading(snapshot: Snapshot) -> threading.Lock:
    """Held while the warm-up or an evaluation reads ``snapshot`` (``warm_up``)."""
    lock: threading.Lock = snapshot.__dict__.setdefault("_evaluation_reading", threading.Lock())
    return lock


def _seats_read(snapshot: Snapshot) -> dict[tuple[int, date, tuple[date, date]], CommitteeSeats]:
    """``_read_seats`` of the warm-up, by committee id, day and the days counted."""
    return snapshot.__dict__.setdefault("_seats_read", {})


def _evaluations(snapshot: Snapshot) -> dict[tuple[object, ...], Evaluation]:
    """The evaluations computed on this snapshot, by year and day. A snapshot never changes (a
    save makes a new one, which starts without them), so they stay right as long as it lives."""
    return snapshot.__dict__.setdefault("_evaluations", {})
