"""Domain rules: every bad value gives a German message that names the field."""

from __future__ import annotations

import dataclasses
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from herford_tui.domain import (
    KREISWEIT,
    MUNICIPALITIES,
    AgendaItem,
    Committee,
    Meeting,
    Membership,
    Organisation,
    Person,
    Problem,
    Role,
    Seat,
    Snapshot,
    ValidationError,
    validate,
)
from herford_tui.domain.labels import FIELD
from herford_tui.store import Store

DAY = date(2026, 3, 1)


def fields(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems]


# -- single records --------------------------------------------------------------------
VALID = [
    Committee(name="Lenkungskreis", rhythm_min=1, rhythm_max=2, seats=[Seat("landrat", "Landrat")]),
    Organisation(
        name="Kreis Herford",
        municipality="Herford",
        email="bildungsbuero@kreis-herford.de",
        phone="+49 (0)5221 13-0",
        website="https://www.kreis-herford.de",
    ),
    Person(family_name="Muster", email="a.muster@example.org", phone="05221/13 14 15"),
    Membership(person_id=1, committee_id=1, seat_key="landrat", start=DAY, end=DAY),
    Meeting(committee_id=1, date=DAY, start_time=time(14), end_time=time(16)),
]


@pytest.mark.parametrize("record", VALID, ids=lambda r: type(r).__name__)
def test_valid_records_have_no_problems(record):
    assert validate(record) == []


@pytest.mark.parametrize("place", [*MUNICIPALITIES, KREISWEIT])
def test_every_municipality_of_the_kreis_is_accepted(place: str):
    assert validate(Organisation(name="Schule", municipality=place)) == []


MEMBER = Membership(person_id=1, committee_id=1, seat_key="landrat", start=DAY)
BAD = {
    "committee-empty-name": (Committee(name=""), "name", "darf nicht leer sein"),
    "committee-blank-name": (Committee(name="   "), "name", "darf nicht leer sein"),
    "organisation-empty-name": (Organisation(name=""), "name", "darf nicht leer sein"),
    "person-empty-family-name": (Person(given_name="Anna", family_name=" "), "family_name", "darf nicht leer"),
    "person-bad-email": (Person(family_name="M", email="anna.muster.de"), "email", "keine gültige E-Mail"),
    "organisation-bad-email": (Organisation(name="O", email="info@kreis"), "email", "keine gültige E-Mail"),
    "email-with-space": (Person(family_name="M", email="a b@c.de"), "email", "keine gültige E-Mail"),
    "person-bad-phone": (Person(family_name="M", phone="05221 / abc"), "phone", "keine Telefonnummer"),
    "organisation-bad-phone": (Organisation(name="O", phone="ruf an"), "phone", "keine Telefonnummer"),
    "bad-website": (Organisation(name="O", website="kein web"), "website", "keine Web-Adresse"),
    "unknown-municipality": (Organisation(name="O", municipality="Bielefeld"), "municipality", "Bielefeld"),
    "membership-end-before-start": (
        dataclasses.replace(MEMBER, end=DAY - timedelta(days=1)),
        "end",
        "Ende liegt vor dem Beginn",
    ),
    "membership-without-start": (dataclasses.replace(MEMBER, start=None), "start", "Beginndatum"),
    "membership-without-seat": (dataclasses.replace(MEMBER, seat_key=""), "seat_key", "Sitz wählen"),
    "deputy-without-member": (
        dataclasses.replace(MEMBER, role=Role.STELLVERTRETUNG),
        "deputy_of",
        "braucht das vertretene Mitglied",
    ),
    "deputy-of-itself": (
        dataclasses.replace(MEMBER, id=7, role=Role.STELLVERTRETUNG, deputy_of=7),
        "deputy_of",
        "selbst vertreten",
    ),
    "meeting-end-before-start": (
        Meeting(committee_id=1, date=DAY, start_time=time(16), end_time=time(14, 30)),
        "end_time",
        "Ende liegt vor dem Beginn",
    ),
    "meeting-without-date": (Meeting(committee_id=1), "date", "Datum"),
    "meeting-agenda-without-title": (
        Meeting(committee_id=1, date=DAY, agenda=[AgendaItem(number="1", title=" ")]),
        "agenda",
        "Titel",
    ),
    "rhythm-max-below-min": (Committee(name="K", rhythm_min=6, rhythm_max=4), "rhythm_max", "unter der Mindestzahl"),
    "rhythm-too-high": (Committee(name="K", rhythm_min=1, rhythm_max=53), "rhythm_min", "zwischen 0 und 52"),
    "seat-count-zero": (Committee(name="K", seats=[Seat("a", "A", count=0)]), "seat_count", "mindestens 1"),
    "seat-without-label": (Committee(name="K", seats=[Seat("a", " ")]), "seat_label", "Bezeichnung"),
    "seat-keys-twice": (Committee(name="K", seats=[Seat("a", "A"), Seat("a", "B")]), "seats", "Schlüssel"),
}


@pytest.mark.parametrize("record, field, words", list(BAD.values()), ids=list(BAD))
def test_each_bad_value_gives_one_german_problem_naming_the_field(record, field: str, words: str):
    problems = validate(record)
    assert fields(problems) == [field]
    (problem,) = problems
    assert words in problem.message
    label = FIELD[field]
    assert str(problem).startswith(f"{label}: ")
    assert label in str(ValidationError(problems))


def test_validation_error_carries_every_problem():
    err = ValidationError(validate(Person(family_name="", email="x", phone="?")))
    assert sorted(fields(err.problems)) == ["email", "family_name", "phone"]
    assert all(label in str(err) for label in ("Nachname", "E-Mail", "Telefon"))


# -- rules across records (Snapshot.check) -------------------------------------------------
def snapshot(*memberships: Membership) -> Snapshot:
    committee = Committee(
        id=1,
        name="Lenkungskreis",
        seats=[
            Seat("landrat", "Landrat", count=1),
            Seat("bm", "Bürgermeister", count=2),
            Seat("schulen", "Schulen", count=None),
        ],
    )
    other = Committee(id=2, name="Arbeitskreis 1", seats=[Seat("mitglied", "Mitglied", count=None)])
    return Snapshot(
        committees={1: committee, 2: other},
        organisations={1: Organisation(id=1, name="Kreis Herford")},
        persons={i: Person(id=i, family_name=f"Person {i}") for i in range(1, 8)},
        memberships={m.id: m for m in memberships},
    )


def member(id: int, person: int, seat: str = "landrat", **kw) -> Membership:
    return Membership(id=id, rev=1, person_id=person, committee_id=1, seat_key=seat, start=DAY, **kw)


def test_seat_over_its_count_is_refused():
    snap = snapshot(member(1, 1))
    problems = snap.check(member(0, 2))
    assert fields(problems) == ["seat_key"]
    assert "Landrat" in problems[0].message and "voll besetzt" in problems[0].message
    assert str(problems[0]).startswith("Sitz: ")


def test_seat_with_two_places_takes_two_then_refuses():
    snap = snapshot(member(1, 1, "bm"), member(2, 2, "bm"))
    assert fields(snap.check(member(0, 3, "bm"))) == ["seat_key"]
    assert snapshot(member(1, 1, "bm")).check(member(0, 3, "bm")) == []


def test_seat_is_free_again_after_the_holder_left():
    snap = snapshot(member(1, 1, end=DAY + timedelta(days=10)))
    assert snap.check(dataclasses.replace(member(0, 2), start=DAY + timedelta(days=11))) == []
    assert fields(snap.check(dataclasses.replace(member(0, 2), start=DAY + timedelta(days=10)))) == ["seat_key"]


def test_guests_and_deputies_do_not_take_the_seat():
    snap = snapshot(member(1, 1))
    assert snap.check(member(0, 2, role=Role.GAST)) == []
    assert snap.check(member(0, 3, role=Role.STELLVERTRETUNG, deputy_of=1)) == []


def test_seat_without_count_takes_any_number():
    snap = snapshot(*(member(i, i, "schulen") for i in range(1, 6)))
    assert snap.check(member(0, 6, "schulen")) == []


def test_same_person_twice_on_the_same_seat_is_refused():
    snap = snapshot(member(1, 1, "schulen"))
    problems = snap.check(member(0, 1, "schulen", role=Role.VORSITZ))
    assert fields(problems) == ["person_id"]
    assert "schon eine Mitgliedschaft" in problems[0].message
    # ... but not after the first membership ended, nor on another seat.
    ended = snapshot(member(1, 1, "schulen", end=DAY + timedelta(days=3)))
    assert ended.check(dataclasses.replace(member(0, 1, "schulen"), start=DAY + timedelta(days=4))) == []
    assert snap.check(member(0, 1, "bm")) == []


def test_editing_a_membership_does_not_collide_with_itself():
    own = member(1, 1)
    assert snapshot(own).check(dataclasses.replace(own, notes="geändert")) == []


def test_deputy_must_stand_in_for_a_member_of_the_same_committee():
    elsewhere = Membership(id=9, rev=1, person_id=5, committee_id=2, seat_key="mitglied", start=DAY)
    snap = snapshot(member(1, 1), elsewhere)
    missing = snap.check(member(0, 2, role=Role.STELLVERTRETUNG, deputy_of=42))
    assert fields(missing) == ["deputy_of"]
    assert "vertretene Mitglied" in missing[0].message
    assert fields(snap.check(member(0, 2, role=Role.STELLVERTRETUNG, deputy_of=9))) == ["deputy_of"]
    assert snap.check(member(0, 2, role=Role.STELLVERTRETUNG, deputy_of=1)) == []


def test_references_to_missing_records_are_named():
    snap = snapshot()
    assert fields(snap.check(member(0, 99))) == ["person_id"]
    assert fields(snap.check(member(0, 1, "gibt-es-nicht"))) == ["seat_key"]
    assert fields(snap.check(member(0, 1, represents_id=77))) == ["represents_id"]
    assert fields(snap.check(dataclasses.replace(member(0, 1), committee_id=5))) == ["committee_id"]
    assert fields(snap.check(Person(family_name="X", organisation_id=3))) == ["organisation_id"]
    assert fields(snap.check(Meeting(committee_id=5, date=DAY))) == ["committee_id"]


def test_store_refuses_an_overfull_seat_and_writes_nothing(tmp_path: Path):
    store = Store(tmp_path / "db.json").open(seed={})
    committee = store.save(Committee(name="Lenkungskreis", seats=[Seat("landrat", "Landrat", count=1)]))
    first = store.save(Person(family_name="Eins"))
    second = store.save(Person(family_name="Zwei"))
    store.save(Membership(person_id=first.id, committee_id=committee.id, seat_key="landrat", start=DAY))
    before = store.path.read_bytes()
    with pytest.raises(ValidationError) as info:
        store.save(Membership(person_id=second.id, committee_id=committee.id, seat_key="landrat", start=DAY))
    assert fields(info.value.problems) == ["seat_key"]
    assert "voll besetzt" in str(info.value)
    assert store.path.read_bytes() == before
    with pytest.raises(ValidationError) as info:
        store.save(Person(family_name=""))
    assert "Nachname" in str(info.value)
    assert store.path.read_bytes() == before


# -- properties (hypothesis) -----------------------------------------------------------------
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(start=st.none() | dates, end=st.none() | dates, on=dates)
def test_membership_is_active_between_start_and_end_inclusive(start, end, on):
    m = Membership(start=start, end=end)
    after_start = start is None or (on - start).days >= 0
    before_end = end is None or (end - on).days >= 0
    assert m.is_active(on) == (after_start and before_end)


@given(start=dates, length=st.integers(0, 400))
def test_membership_is_active_on_its_first_and_last_day_only(start, length):
    end = start + timedelta(days=length)
    m = Membership(start=start, end=end)
    assert m.is_active(start) and m.is_active(end)
    assert not m.is_active(start - timedelta(days=1))
    assert not m.is_active(end + timedelta(days=1))


SPAN = 60  # every start lies in the first 30 days, so from day 45 on nothing changes any more


@given(
    count=st.integers(1, 3),
    periods=st.lists(st.tuples(st.integers(0, 30), st.none() | st.integers(0, 15)), max_size=8),
)
def test_accepted_holders_never_overfill_a_seat_and_refusals_are_justified(count, periods):
    """Offer memberships one by one; compare with a day-by-day count of the holders."""
    committee = Committee(id=1, name="K", seats=[Seat("s", "Sitz", count=count)])
    persons = {i: Person(id=i, family_name=f"P{i}") for i in range(1, len(periods) + 1)}
    days = [DAY + timedelta(days=d) for d in range(SPAN)]
    accepted: dict[int, Membership] = {}
    for i, (offset, length) in enumerate(periods, start=1):
        start = DAY + timedelta(days=offset)
        end = None if length is None else start + timedelta(days=length)
        offer = Membership(id=i, rev=1, person_id=i, committee_id=1, seat_key="s", start=start, end=end)
        snap = Snapshot(committees={1: committee}, persons=persons, memberships=dict(accepted))
        full = any(offer.is_active(d) and sum(m.is_active(d) for m in accepted.values()) >= count for d in days)
        problems = snap.check(offer)
        assert ("seat_key" in fields(problems)) == full
        if not problems:
            accepted[i] = offer
    for d in days:
        assert sum(m.is_active(d) for m in accepted.values()) <= count
