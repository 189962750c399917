"""The rules behind the membership, move, role and committee forms, without starting the app
(item 7 of issue 16): the values a form holds go in, the record or plan to save or the German
problems under their fields come out. These were Pilot tests that started a full app each."""

from __future__ import annotations

import dataclasses
from datetime import date
from datetime import time as clock

import pytest

from herford_tui.domain import Committee, Meeting, Membership, Person, Role, Snapshot
from herford_tui.domain.committee_input import CommitteeInput, SeatInput, build_committee, seat_key
from herford_tui.domain.meeting_input import MeetingInput, build_meeting
from herford_tui.domain.membership_input import (
    DEPUTY_BY_V,
    PICK_ORGANISATION,
    PICK_PERSON,
    PICK_SEAT,
    MembershipDraft,
    MembershipInput,
    Move,
    NewPersonInput,
    build_end,
    build_membership,
    build_move,
    seat_for_new_member,
)
from herford_tui.domain.roles import RolePlan, plan_chair_handover, plan_role_change
from herford_tui.store import Store

START = date(2025, 1, 1)


@dataclasses.dataclass
class Lk:
    """The seed's Lenkungskreis with a chair, a mayor and her deputy, as the Pilot tests had it."""

    snap: Snapshot
    committee: Committee
    person: dict[str, int]
    membership: dict[str, Membership]
    org: dict[str, int]


@pytest.fixture(scope="module")
def lk(tmp_path_factory) -> Lk:
    store = Store(tmp_path_factory.mktemp("form") / "db.json").open()
    snap = store.snapshot()
    org = {o.name: o.id for o in snap.organisations.values()}
    committee = next(c for c in snap.committees.values() if c.name == "Lenkungskreis")
    names = {"mustermann": ("Erika", "Mustermann"), "beispiel": ("Bernd", "Beispiel"), "probe": ("Paula", "Probe"),
             "muster": ("Max", "Muster")}  # fmt: skip
    person = {key: store.save(Person(given_name=g, family_name=f)).id for key, (g, f) in names.items()}

    def join(key: str, seat: str, role: Role = Role.MITGLIED, **kw) -> Membership:
        return store.save(
            Membership(person_id=person[key], committee_id=committee.id, seat_key=seat, role=role, start=START, **kw)
        )

    chair = join("mustermann", "landrat", Role.VORSITZ)
    bm = join("beispiel", "buergermeister")
    deputy = join("probe", "buergermeister", Role.STELLVERTRETUNG, deputy_of=bm.id)
    membership = {"chair": chair, "bm": bm, "deputy": deputy}
    return Lk(store.snapshot(), committee, person, membership, org)


def new(lk: Lk, **values) -> MembershipInput:
    """A new membership on the Sozialdezernat seat (empty), from today."""
    values.setdefault("seat_key", "sozialdezernat")
    values.setdefault("start", "28.11.2026")
    return MembershipInput(committee_id=lk.committee.id, **values)


def edit(lk: Lk, key: str, **values) -> MembershipInput:
    m = lk.membership[key]
    values.setdefault("start", "01.01.2025")
    values.setdefault("role", m.role)
    return MembershipInput(lk.committee.id, original=m, seat_key=m.seat_key, **values)


def problem(result, field: str) -> str:
    assert isinstance(result, list), result
    messages = [p.message for p in result if p.field == field]
    assert messages, result
    return messages[0]


# -- memberships ------------------------------------------------------------------------------
def test_a_picked_person_gives_the_membership(lk):
    result = build_membership(lk.snap, new(lk, person_id=lk.person["muster"]))
    assert isinstance(result, MembershipDraft) and result.new_person is None
    m = result.membership
    assert (m.person_id, m.seat_key, m.role, m.start, m.end) == (
        lk.person["muster"], "sozialdezernat", Role.MITGLIED, date(2026, 11, 28), None,
    )  # fmt: skip


def test_a_new_person_comes_with_the_membership(lk):
    person = NewPersonInput("Hanna", " Neumann ", "Schulrätin", organisation_id=lk.org["Stadt Bünde"])
    result = build_membership(lk.snap, new(lk, new_person=person))
    assert isinstance(result, MembershipDraft) and result.new_person is not None
    assert (result.new_person.full_name, result.new_person.organisation_id) == ("Hanna Neumann", lk.org["Stadt Bünde"])


def test_new_person_without_family_name(lk):
    result = build_membership(lk.snap, new(lk, new_person=NewPersonInput("Hanna", "")))
    assert problem(result, "family_name") == "Der Nachname darf nicht leer sein."


def test_new_person_with_the_name_of_an_existing_one_is_a_namesake(lk):
    """Namesakes are allowed; the form warns about a likely duplicate (domain/duplicates.py)."""
    result = build_membership(lk.snap, new(lk, new_person=NewPersonInput("bernd", "BEISPIEL")))
    assert isinstance(result, MembershipDraft) and result.new_person is not None


def test_new_persons_organisation_typed_but_not_picked(lk):
    person = NewPersonInput("Hanna", "Neumann", organisation_text="Gibt es nicht")
    assert problem(build_membership(lk.snap, new(lk, new_person=person)), "organisation_id") == PICK_ORGANISATION


def test_end_before_start(lk):
    result = build_membership(lk.snap, edit(lk, "bm", end="31.12.2024"))
    assert problem(result, "end") == "Das Ende liegt vor dem Beginn."


@pytest.mark.parametrize("text", ["31.02.2026", "morgen", "2026-11-30"])
def test_unparseable_start_date(lk, text):
    result = build_membership(lk.snap, new(lk, person_id=lk.person["muster"], start=text))
    assert problem(result, "start") == f"„{text}“ ist kein Datum (TT.MM.JJJJ, z. B. 28.11.2026)."
    assert [p.field for p in result].count("start") == 1  # not also "no start" from the check


def test_a_start_without_its_year_is_asked_for_with_its_year(lk):
    """A membership's start may lie before or after today: "1.3." is not guessed, and the message
    says what is missing (it said "ist kein Datum")."""
    result = build_membership(lk.snap, new(lk, person_id=lk.person["muster"], start="1.3."))
    assert problem(result, "start") == "„1.3.“: hier bitte mit Jahr (TT.MM.JJJJ, z. B. 28.11.2026)."


def test_seat_full(lk):
    result = build_membership(lk.snap, new(lk, person_id=lk.person["muster"], seat_key="landrat"))
    assert problem(result, "seat_key") == "Der Sitz „Landrat“ ist voll besetzt (1 von 1)."


def test_a_new_members_form_starts_on_a_seat_with_room(lk):
    """The highlighted row's seat when it has room; a full one gives way to the first with room."""
    seats = [s.key for s in lk.committee.seats]
    today = START
    first_free = next(
        s.key
        for s in lk.committee.seats
        if s.count is None or len(lk.snap.seat_holders(lk.committee.id, s.key, today)) < s.count
    )
    assert first_free != "landrat" and "landrat" in seats
    assert seat_for_new_member(lk.snap, lk.committee.id, "landrat", today) == first_free  # Landrat: 1 of 1
    assert seat_for_new_member(lk.snap, lk.committee.id, first_free, today) == first_free
    assert seat_for_new_member(lk.snap, lk.committee.id, None, today) == first_free
    assert seat_for_new_member(lk.snap, lk.committee.id, "landrat", date(2024, 1, 1)) == "landrat"  # before the chair


def test_duplicate_active_membership(lk):
    result = build_membership(lk.snap, new(lk, person_id=lk.person["beispiel"], seat_key="buergermeister"))
    assert (
        problem(result, "person_id") == "Diese Person hat in diesem Zeitraum schon eine Mitgliedschaft auf diesem Sitz."
    )


def test_person_typed_but_not_picked(lk):
    assert problem(build_membership(lk.snap, new(lk)), "person_id") == PICK_PERSON


def test_organisation_typed_but_not_picked(lk):
    result = build_membership(lk.snap, edit(lk, "bm", represents_text="Gibt es nicht"))
    assert problem(result, "represents_id") == PICK_ORGANISATION


def test_role_stellvertretung_needs_the_v_key(lk):
    result = build_membership(lk.snap, new(lk, person_id=lk.person["muster"], role=Role.STELLVERTRETUNG))
    assert problem(result, "role") == DEPUTY_BY_V


def test_a_deputy_named_with_v_stands_in_for_the_member(lk):
    bm = lk.membership["bm"]
    values = new(lk, person_id=lk.person["muster"], seat_key=bm.seat_key, role=Role.STELLVERTRETUNG, deputy_for=bm)
    result = build_membership(lk.snap, values)
    assert isinstance(result, MembershipDraft) and result.membership.deputy_of == bm.id


def test_a_deputy_made_member_stands_in_for_nobody(lk):
    result = build_membership(lk.snap, edit(lk, "deputy", role=Role.MITGLIED, end="31.12.2025"))
    assert isinstance(result, MembershipDraft)
    assert result.membership.deputy_of is None


# -- ending and moving ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "message"),
    [("31.11.2026", "„31.11.2026“ ist kein Datum"), ("01.01.2024", "Das Ende liegt vor dem Beginn."), ("", "Datum")],
)
def test_ending_needs_a_date_after_the_start(lk, text, message):
    assert message in problem(build_end(lk.snap, lk.membership["bm"], text), "end")


def test_ending_sets_the_end(lk):
    ended = build_end(lk.snap, lk.membership["bm"], "30.11.2026")
    assert isinstance(ended, Membership) and ended.end == date(2026, 11, 30)


def test_move_needs_a_seat_and_a_later_date(lk):
    bm = lk.membership["bm"]
    assert problem(build_move(lk.snap, bm, "", "01.12.2026"), "seat_key") == PICK_SEAT
    result = build_move(lk.snap, bm, "sozialdezernat", "01.01.2025")
    assert problem(result, "start") == "Der Wechsel muss nach dem Beginn (01.01.2025) liegen."
    assert "ist kein Datum" in problem(build_move(lk.snap, bm, "sozialdezernat", "32.12.2026"), "start")


def test_a_move_ends_the_old_membership_the_day_before(lk):
    bm = lk.membership["bm"]
    move = build_move(lk.snap, bm, "sozialdezernat", "01.12.2026")
    assert isinstance(move, Move)
    assert (move.ended.id, move.ended.end, move.ended.seat_key) == (bm.id, date(2026, 11, 30), "buergermeister")
    new_one = move.new
    assert (new_one.id, new_one.seat_key, new_one.start, new_one.end) == (0, "sozialdezernat", date(2026, 12, 1), None)
    assert (new_one.person_id, new_one.represents_id, new_one.role) == (bm.person_id, bm.represents_id, bm.role)


# -- roles --------------------------------------------------------------------------------------
def test_a_role_change_is_planned_from_the_typed_day(lk):
    bm = lk.membership["bm"]
    plan = plan_role_change(lk.snap, bm, Role.CO_VORSITZ, "01.12.2026")
    assert isinstance(plan, RolePlan)
    ended, started = plan.items[0], plan.items[plan.focus]
    assert isinstance(ended, Membership) and isinstance(started, Membership)
    assert (ended.end, started.start, started.role) == (date(2026, 11, 30), date(2026, 12, 1), Role.CO_VORSITZ)


@pytest.mark.parametrize(
    ("role", "day", "field", "message"),
    [
        (None, "01.12.2026", "role", "Bitte die neue Rolle wählen."),
        (Role.CO_VORSITZ, "", "start", "Bitte das Datum angeben"),
        (Role.CO_VORSITZ, "1.13.2026", "start", "ist kein Datum"),
        (Role.CO_VORSITZ, "01.01.2024", "start", "liegt vor dem Beginn der Mitgliedschaft (01.01.2025)"),
        (Role.MITGLIED, "01.12.2026", "role", "hat die Rolle „Mitglied“ schon"),
    ],
)
def test_a_role_change_refused_in_german(lk, role, day, field, message):
    assert message in problem(plan_role_change(lk.snap, lk.membership["bm"], role, day), field)


def test_the_chair_is_handed_over_or_refused(lk):
    bm = lk.membership["bm"]
    plan = plan_chair_handover(lk.snap, lk.committee.id, bm, "01.12.2026")
    assert isinstance(plan, RolePlan)
    chair = plan.items[plan.focus]
    assert isinstance(chair, Membership) and (chair.person_id, chair.role) == (bm.person_id, Role.VORSITZ)
    refused = plan_chair_handover(lk.snap, lk.committee.id, None, "")
    assert [p.field for p in refused] == ["person_id", "start"]


# -- committees -------------------------------------------------------------------------------
def committee_values(lk: Lk, **changes) -> CommitteeInput:
    c = lk.committee
    seats = tuple(SeatInput(s, s.label, "" if s.count is None else str(s.count), s.advisory) for s in c.seats)
    values = CommitteeInput(
        c, name=c.name, short_name=c.short_name, kind=c.kind, purpose=c.purpose, rhythm_min=str(c.rhythm_min),
        rhythm_max=str(c.rhythm_max), rhythm_note=c.rhythm_note, seats=seats,
    )  # fmt: skip
    return dataclasses.replace(values, **changes)


def test_committee_with_empty_name(lk):
    assert (
        problem(build_committee(lk.snap, committee_values(lk, name="  ")), "name") == "Der Name darf nicht leer sein."
    )
    fresh = CommitteeInput(None, name="")
    assert problem(build_committee(lk.snap, fresh), "name") == "Der Name darf nicht leer sein."


def test_rhythm_max_below_min(lk):
    result = build_committee(lk.snap, committee_values(lk, rhythm_min="3", rhythm_max="1"))
    assert problem(result, "rhythm_max") == "Höchstzahl der Sitzungen liegt unter der Mindestzahl."


@pytest.mark.parametrize(("field", "text"), [("rhythm_min", "x"), ("quorum", "drei"), ("invitation_days", "-1")])
def test_numbers_that_are_none(lk, field, text):
    assert (
        problem(build_committee(lk.snap, committee_values(lk, **{field: text})), field)
        == f"„{text}“ ist keine ganze Zahl."
    )


def test_removing_a_seat_that_has_memberships(lk):
    values = committee_values(lk)
    seats = tuple(dataclasses.replace(s, label="") if s.seat.key == "landrat" else s for s in values.seats)
    result = build_committee(lk.snap, dataclasses.replace(values, seats=seats))
    assert problem(result, "seats") == "Sitz „Landrat“ hat Mitgliedschaften (auch frühere) und bleibt."


def test_a_new_committee_gets_keys_for_its_seats_and_the_next_order(lk):
    from herford_tui.domain import Seat

    rows = tuple(SeatInput(Seat("", ""), label, count, False) for label, count in [("Schulen", "2"), ("Schulen", "")])
    result = build_committee(lk.snap, CommitteeInput(None, name="AK Ganztag", quorum="3", seats=rows))
    assert isinstance(result, Committee)
    assert [(s.key, s.count) for s in result.seats] == [("schulen", 2), ("schulen-2", None)]
    assert result.order == 1 + max(c.order for c in lk.snap.committees.values())
    assert (result.quorum, result.invitation_days) == (3, 14)


def test_seat_keys_are_plain_ascii():
    assert seat_key("Schulämter & Straßen") == "schulamter-strassen"
    assert seat_key("–") == "sitz"


# -- meetings ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "start", "end", "field", "message"),
    [
        ("31.02.2026", "14:00", "16:00", "date", "„31.02.2026“ ist kein Datum"),
        ("09.12.2026", "16:00", "14:00", "end_time", "Das Ende liegt vor dem Beginn."),
        ("09.12.2026", "15:00", "17:00", "date", "Das Gremium hat am 09.12.2026 schon eine Sitzung (14:00–16:00)."),
        ("09.12.2026", "25:00", "26:00", "start_time", "„25:00“ ist keine Uhrzeit"),
    ],
)
def test_bad_meeting_input_is_refused_in_german(lk, day, start, end, field, message):
    held = Meeting(id=99, rev=1, committee_id=lk.committee.id, date=date(2026, 12, 9), start_time=clock(14),
                   end_time=clock(16))  # fmt: skip
    snap = lk.snap.with_changes([held])
    values = MeetingInput(None, committee_id=lk.committee.id, date=day, start_time=start, end_time=end)
    assert message in problem(build_meeting(snap, values), field)


def test_a_meeting_from_the_form_values(lk):
    values = MeetingInput(
        None, committee_id=lk.committee.id, date="9.12.2026", start_time="14", end_time="16:30",
        location=" Kreishaus\nHerford ", guests="Anna Gast,  , Bert Gast", agenda="Begrüßung\n\n Haushalt 2027 ",
    )  # fmt: skip
    meeting = build_meeting(lk.snap, values)
    assert isinstance(meeting, Meeting)
    assert (meeting.date, meeting.start_time, meeting.end_time) == (date(2026, 12, 9), clock(14), clock(16, 30))
    assert (meeting.location, meeting.guests) == ("Kreishaus Herford", ["Anna Gast", "Bert Gast"])
    assert [(i.number, i.title) for i in meeting.agenda] == [("1", "Begrüßung"), ("2", "Haushalt 2027")]
