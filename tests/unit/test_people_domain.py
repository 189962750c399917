"""Domain rules for people and organisations: directory filters, duplicates, merge, deletion,
the rows of the person and organisation screens, and the directory's column widths."""

from __future__ import annotations

import dataclasses
from datetime import date

from herford_tui.domain import (
    AgendaItem,
    Attendance,
    Committee,
    Meeting,
    MeetingAttendance,
    Membership,
    Organisation,
    OrgType,
    Person,
    Role,
    Seat,
    Snapshot,
    Task,
)
from herford_tui.domain.deletion import SHOWN, end_plan, nothing_to_end, references, referring, replacement_plan
from herford_tui.domain.directory import PLACES, Facets, count_text, filter_organisations, filter_persons
from herford_tui.domain.duplicates import organisation_duplicates, person_duplicates, person_warning
from herford_tui.domain.people import (
    CURRENT,
    ENDED,
    UPCOMING,
    membership_counts,
    organisation_facts,
    organisation_seats,
    person_memberships,
)
from herford_tui.domain.person_merge import merge_plan
from herford_tui.domain.validation import validate

TODAY = date(2026, 11, 28)


def _world() -> Snapshot:
    orgs = {
        1: Organisation(
            1, name="Gymnasium am Markt", type=OrgType.SCHULE, school_form="Gymnasium", municipality="Bünde"
        ),
        2: Organisation(
            2, name="Berufskolleg Bünde", type=OrgType.SCHULE, school_form="Berufskolleg", municipality="Bünde"
        ),
        3: Organisation(3, name="Musikschule Bünde", type=OrgType.AUSSERSCHULISCH, municipality="Bünde"),
        4: Organisation(4, name="Grundschule Enger", type=OrgType.SCHULE, municipality="Enger"),
        5: Organisation(5, name="Jobcenter", type=OrgType.ARBEITSVERWALTUNG),
    }
    persons = {
        1: Person(1, given_name="Özlem", family_name="Özdemir", organisation_id=1),
        2: Person(2, given_name="Otto", family_name="Weber", organisation_id=4),
        3: Person(3, given_name="Hans", family_name="Müller", email="hm@example.org", organisation_id=5),
        4: Person(4, given_name="Olaf", family_name="Otto"),
    }
    lk = Committee(1, name="Lenkungskreis", seats=[Seat("s", "Sitz", count=None)])
    memberships = {
        1: Membership(1, person_id=3, committee_id=1, seat_key="s", represents_id=5, start=date(2025, 1, 1)),
        2: Membership(2, person_id=3, committee_id=1, seat_key="s", start=date(2020, 1, 1), end=date(2024, 1, 1)),
        3: Membership(
            3, person_id=2, committee_id=1, seat_key="s", role=Role.STELLVERTRETUNG, deputy_of=1, start=date(2025, 2, 1)
        ),
    }
    meetings = {1: Meeting(1, committee_id=1, date=date(2026, 3, 1), attendance=[MeetingAttendance(3)])}
    return Snapshot(committees={1: lk}, organisations=orgs, persons=persons, memberships=memberships, meetings=meetings)


def test_buende_schule_finds_the_schools_of_buende_not_the_music_school():
    found = filter_organisations(_world(), Facets(text="Bünde Schule"))
    assert [o.name for o in found] == ["Berufskolleg Bünde", "Gymnasium am Markt"]


def test_facets_combine_and_the_text_folds_umlauts():
    snap = _world()
    assert len(filter_organisations(snap, Facets(type=OrgType.SCHULE))) == 3
    assert len(filter_organisations(snap, Facets(type=OrgType.SCHULE, municipality="Bünde"))) == 2
    assert [o.id for o in filter_organisations(snap, Facets(text="bunde gymnasium"))] == [1]
    assert [p.id for p in filter_persons(snap, Facets(text="mueller"))] == [3]
    assert [p.id for p in filter_persons(snap, Facets(municipality="Bünde"))] == [1]


def test_persons_sort_in_german_order_oezdemir_with_o():
    names = [p.family_name for p in filter_persons(_world(), Facets())]
    assert names == ["Müller", "Otto", "Özdemir", "Weber"]
    assert PLACES[0] == "kreisweit" and PLACES.index("Löhne") < PLACES.index("Rödinghausen")


def test_count_text():
    assert count_text(1, "Organisation", "Organisationen") == "1 Organisation"
    assert count_text(1800, "Person", "Personen") == "1.800 Personen"


def test_postal_code_is_five_digits():
    assert validate(Organisation(name="x", postal_code="32051")) == []
    assert validate(Organisation(name="x", postal_code="3205"))[0].field == "postal_code"
    assert validate(Organisation(name="x", postal_code="32O51"))[0].field == "postal_code"


def test_duplicates_are_found_umlaut_insensitive():
    snap = _world()
    hans = snap.persons[3]
    assert person_duplicates(snap, Person(given_name="Hans", family_name="Mueller")) == (
        [hans] if not hans.organisation_id else []
    )
    same_place = Person(given_name="Hans", family_name="Mueller", organisation_id=hans.organisation_id)
    assert person_duplicates(snap, same_place) == [hans]
    assert person_duplicates(snap, Person(given_name="Hanna", family_name="X", email="HM@example.org")) == [
        snap.persons[3]
    ]
    assert person_duplicates(snap, snap.persons[3]) == []  # itself is no duplicate
    warning = person_warning(snap, dataclasses.replace(same_place, family_name="Muller"))
    assert warning and "Hans Müller" in warning and "Jobcenter" in warning
    twin = Organisation(name="Musikschule Buende", municipality="Bünde")
    assert organisation_duplicates(snap, twin) == [snap.organisations[3]]
    assert organisation_duplicates(snap, Organisation(name="Musikschule Bünde", municipality="Enger")) == []


def test_merge_moves_memberships_and_attendance_and_fills_empty_fields():
    snap = _world()
    plan = merge_plan(snap, 4, 3)
    assert not plan.problems
    keep = plan.save[0]
    assert isinstance(keep, Person) and keep.email == "hm@example.org" and keep.organisation_id == 5
    moved = [r for r in plan.save if isinstance(r, Membership)]
    assert {m.id for m in moved} == {1, 2} and all(m.person_id == 4 for m in moved)
    meeting = next(r for r in plan.save if isinstance(r, Meeting))
    assert [a.person_id for a in meeting.attendance] == [4]


def test_merge_refuses_two_holders_of_one_seat_at_once():
    snap = _world()
    snap.memberships[9] = Membership(9, person_id=4, committee_id=1, seat_key="s", start=date(2025, 6, 1))
    assert merge_plan(snap, 4, 3).problems


def test_references_block_delete_and_the_end_plan_takes_the_deputy_along():
    snap = _world()
    refs = references(snap, snap.persons[3], TODAY)
    assert refs.blocked and any("Lenkungskreis" in line for line in refs.lines)
    ended = end_plan(snap, refs, date(2026, 12, 31))
    assert {m.id: m.end for m in ended} == {1: date(2026, 12, 31), 3: date(2026, 12, 31)}
    assert not references(snap, snap.persons[4], TODAY).blocked
    org_refs = references(snap, snap.organisations[5], TODAY)
    assert org_refs.blocked and "1 Person gehört dazu" in org_refs.lines[0]


def test_replacement_takes_the_seat_from_the_next_day():
    snap = _world()
    refs = references(snap, snap.persons[3], TODAY)
    plan = replacement_plan(snap, snap.persons[3], refs, 4, date(2026, 12, 31))
    new = [m for m in plan if isinstance(m, Membership) and m.id == 0]
    assert len(new) == 1 and new[0].person_id == 4 and new[0].start == date(2027, 1, 1)
    assert new[0].represents_id == 5
    org_plan = replacement_plan(snap, snap.organisations[5], references(snap, snap.organisations[5], TODAY), 1, TODAY)
    assert {type(r).__name__ for r in org_plan} == {"Person", "Membership"}


def test_what_ends_on_its_own_before_the_day_is_neither_ended_nor_handed_over_then():
    """Ended "as of" a day after its own end, a membership ran until that day; handed over, the
    replacement got a seat the person had left already, open-ended."""
    snap = _world()
    snap.memberships[1] = dataclasses.replace(snap.memberships[1], end=date(2026, 12, 31))
    refs = references(snap, snap.persons[3], TODAY)
    later = date(2027, 3, 31)
    assert end_plan(snap, refs, later) == []
    assert nothing_to_end(refs, later) == "Zu beenden ist nichts: die Mitgliedschaft endet schon am 31.12.2026."
    assert [r for r in replacement_plan(snap, snap.persons[3], refs, 4, later) if isinstance(r, Membership)] == []
    assert nothing_to_end(refs, date(2026, 12, 15)) is None
    assert {m.id: m.end for m in end_plan(snap, refs, date(2026, 12, 15))} == {
        1: date(2026, 12, 15),
        3: date(2026, 12, 15),
    }


def test_person_and_organisation_rows():
    snap = _world()
    rows = person_memberships(snap, 3, TODAY)
    assert [(r.status, r.start, r.end) for r in rows] == [
        ("aktuell", "01.01.2025", ""),
        ("beendet", "01.01.2020", "01.01.2024"),
    ]
    seats = organisation_seats(snap, 5, TODAY)
    assert [(r.committee, r.person) for r in seats] == [("Lenkungskreis", "Hans Müller")]
    assert len(organisation_seats(snap, 5, TODAY, history=True)) == 2  # the ended one via the person
    facts = dict(
        organisation_facts(Organisation(address="Amtshausstraße 3", postal_code="32051", municipality="Herford"))
    )
    assert facts["Anschrift"] == "Amtshausstraße 3, 32051 Herford"
    seed_style = Organisation(address="Amtshausstraße 3, Herford", postal_code="32051")
    assert dict(organisation_facts(seed_style))["Anschrift"] == "Amtshausstraße 3, 32051 Herford"
    demo_style = Organisation(address="Beispielweg 5, Bünde", postal_code="32257", municipality="Bünde")
    assert dict(organisation_facts(demo_style))["Anschrift"] == "Beispielweg 5, 32257 Bünde"


def test_every_reference_the_store_refuses_on_is_named():
    snap = _world()
    item = AgendaItem("2", "Haushalt", responsible_person_id=4, tasks=[Task("Raum buchen", 4)])
    stood_in = MeetingAttendance(3, Attendance.VERTRETEN, deputy_id=4)
    snap.meetings[2] = Meeting(2, committee_id=1, date=date(2026, 5, 6), attendance=[stood_in], agenda=[item])
    assert referring(snap, snap.persons[4]) == [
        "Sitzung „Lenkungskreis“ am 06.05.2026: als Vertretung, zuständig für TOP 2, Aufgabe „Raum buchen“ (TOP 2)"
    ]
    refs = references(snap, snap.persons[4], TODAY)
    assert refs.blocked and refs.history_only and not refs.active  # nothing to end: keep or erase
    assert referring(snap, snap.memberships[1]) == ["Stellvertretung von Otto Weber"]
    assert referring(snap, snap.committees[1]) == [
        "3 Mitgliedschaften in diesem Gremium",
        "2 Sitzungen dieses Gremiums",
    ]


def test_a_person_with_only_ended_memberships_is_history_only():
    snap = _world()
    snap.memberships[3] = dataclasses.replace(snap.memberships[3], end=date(2025, 6, 30))
    refs = references(snap, snap.persons[2], TODAY)
    assert refs.history_only and refs.lines == ["Mitgliedschaft in „Lenkungskreis“ (bis 30.06.2025)"]
    assert not references(snap, snap.persons[3], TODAY).history_only  # a current membership: end or hand over


def test_a_long_list_of_references_is_cut_with_a_count():
    snap = _world()
    for i in range(10, 10 + SHOWN + 5):
        snap.meetings[i] = Meeting(i, committee_id=1, date=date(2026, 1, 1), attendance=[MeetingAttendance(4)])
    lines = referring(snap, snap.persons[4])
    assert len(lines) == SHOWN and lines[-1] == "… und 6 weitere Verweise"


def test_membership_counts_name_a_later_role_apart():
    assert membership_counts([CURRENT, UPCOMING, ENDED, CURRENT]) == "2 aktuell, 1 künftig, 1 beendet"
    assert membership_counts([CURRENT, ENDED]) == "1 aktuell, 1 beendet"
    assert membership_counts([]) == "0 aktuell, 0 beendet"
