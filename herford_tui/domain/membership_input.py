"""A membership and a seat move from what a form holds: the rules, not the widgets.

The membership form (``a``/``e``/``v`` in a roster) and the move form (``m``) hand their
field values here as text and ids; what comes back is the draft to save, or the problems in
German, each under the field it belongs to. Unit-tested without starting the app.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from herford_tui.domain.labels import format_date, parse_date
from herford_tui.domain.models import Membership, Person, Role
from herford_tui.domain.roles import check_plan, split_from
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.validation import Problem, validate_person

PICK_PERSON = "Bitte eine Person aus der Liste wählen oder neu anlegen."
PICK_ORGANISATION = "Bitte eine Organisation aus der Liste wählen."
DEPUTY_BY_V = "Stellvertretungen bitte mit „v“ beim vertretenen Mitglied benennen."
PICK_SEAT = "Bitte den neuen Sitz wählen."


@dataclasses.dataclass(frozen=True)
class NewPersonInput:
    """The fields of a person created in the membership form."""

    given_name: str = ""
    family_name: str = ""
    function: str = ""
    email: str = ""
    organisation_id: int | None = None
    organisation_text: str = ""
    """What is typed in the organisation picker (text without a pick is a problem)."""


@dataclasses.dataclass(frozen=True)
class MembershipInput:
    """What the membership form holds. Dates are the typed text."""

    committee_id: int
    original: Membership | None = None
    """The membership edited, or None for a new one."""
    deputy_for: Membership | None = None
    """The member a new deputy stands in for (``v``)."""
    seat_key: str = ""
    role: Role = Role.MITGLIED
    represents_id: int | None = None
    represents_text: str = ""
    start: str = ""
    end: str = ""
    notes: str = ""
    person_id: int | None = None
    """The person picked for a new membership."""
    new_person: NewPersonInput | None = None
    """A person to create with it ("+ Neue Person anlegen")."""


@dataclasses.dataclass(frozen=True)
class MembershipDraft:
    """What the form hands back: the membership, and a person to create first if new."""

    membership: Membership
    new_person: Person | None = None


def build_membership(snapshot: Snapshot, values: MembershipInput) -> MembershipDraft | list[Problem]:
    """The membership (and new person) the form's values describe, or why it cannot be saved."""
    problems: list[Problem] = []
    start = parse_day(values.start, "start", problems)
    end = parse_day(values.end, "end", problems)
    if values.represents_id is None and values.represents_text.strip():
        problems.append(Problem("represents_id", PICK_ORGANISATION))
    base = values.original or Membership(committee_id=values.committee_id)
    if values.deputy_for is not None:
        deputy_of: int | None = values.deputy_for.id
    else:  # a deputy made a member of its own stands in for nobody any more
        deputy_of = base.deputy_of if values.role is Role.STELLVERTRETUNG else None
    membership = dataclasses.replace(
        base,
        seat_key=values.seat_key,
        role=values.role,
        represents_id=values.represents_id,
        deputy_of=deputy_of,
        start=start,
        end=end,
        notes=values.notes.strip(),
    )
    new_person = None
    if values.original is None:
        if values.new_person is not None:
            new_person, person_problems = _new_person(snapshot, values.new_person)
            problems += person_problems
        elif values.person_id is None:
            problems.append(Problem("person_id", PICK_PERSON))
        else:
            membership = dataclasses.replace(membership, person_id=values.person_id)
    checked = [
        Problem("role", DEPUTY_BY_V) if p.field == "deputy_of" and values.deputy_for is None else p
        for p in snapshot.check(membership)
    ]
    if new_person is not None or (values.original is None and membership.person_id == 0):
        checked = [p for p in checked if p.field != "person_id"]
    problems += [p for p in checked if p.field not in {"start", "end"} or not _has(problems, p.field)]
    owner = values.deputy_for
    if owner is not None and owner.end is not None and not _has(problems, "end") and (end is None or end > owner.end):
        who = snapshot.person_name(owner.person_id)
        problems.append(
            Problem(
                "end",
                f"Die Stellvertretung endet spätestens mit der Mitgliedschaft von {who} ({format_date(owner.end)}); "
                "für die Zeit danach bitte bei der dann geltenden Mitgliedschaft benennen.",
            )
        )
    return problems or MembershipDraft(membership, new_person)


def _new_person(snapshot: Snapshot, values: NewPersonInput) -> tuple[Person, list[Problem]]:
    person = Person(
        given_name=values.given_name.strip(),
        family_name=values.family_name.strip(),
        function=values.function.strip(),
        email=values.email.strip(),
        organisation_id=values.organisation_id,
    )
    problems: list[Problem] = []
    if person.organisation_id is None and values.organisation_text.strip():
        problems.append(Problem("organisation_id", PICK_ORGANISATION))
    problems += validate_person(person)
    # Namesakes are allowed: the form warns once about a likely duplicate (domain/duplicates.py).
    return person, problems


def build_end(snapshot: Snapshot, membership: Membership, end: str) -> Membership | list[Problem]:
    """``membership`` ending on the day ``end`` (text); it stays as history."""
    problems: list[Problem] = []
    day = parse_day(end, "end", problems, required="Bitte das Datum angeben, zu dem die Mitgliedschaft endet.")
    if day is None:
        return problems
    ended = dataclasses.replace(membership, end=day)
    return snapshot.check(ended) or ended


# -- a move to another seat -------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Move:
    ended: Membership
    new: Membership


def build_move(snapshot: Snapshot, membership: Membership, seat_key: str, on: str) -> Move | list[Problem]:
    """``membership`` moves to ``seat_key`` from the day ``on`` (text): the old membership ends
    the day before and stays as history (the same split as a role change, ``roles.split_from``)."""
    if not seat_key:
        return [Problem("seat_key", PICK_SEAT)]
    problems: list[Problem] = []
    start = parse_day(on, "start", problems, required="Bitte das Datum angeben, ab dem der neue Sitz gilt.")
    if start is None:
        return problems
    if membership.start and start <= membership.start:
        return [Problem("start", f"Der Wechsel muss nach dem Beginn ({format_date(membership.start)}) liegen.")]
    ended, new = split_from(membership, start, seat_key=seat_key)
    # one after the other, as the store saves them: the new seat is checked with the old one
    # ended (checked beside it, a chair's move clashed with the chair it was itself)
    return check_plan(snapshot, [ended, new]) or Move(ended, new)


# -- helpers ---------------------------------------------------------------------------------
def parse_day(text: str, field: str, problems: list[Problem], *, required: str | None = None) -> date | None:
    """The date typed in ``field``, or None (empty, or not a date: then a problem is added).

    With ``required``, an empty field is a problem with that message."""
    text = text.strip()
    if not text:
        if required:
            problems.append(Problem(field, required))
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        problems.append(Problem(field, str(exc)))
        return None


def _has(problems: list[Problem], field: str) -> bool:
    return any(p.field == field for p in problems)


def seat_for_new_member(snapshot: Snapshot, committee_id: int, preferred: str | None, today: date) -> str | None:
    """The seat a new member's form starts on: the highlighted row's seat if it has room, else
    the first seat with room (a full seat would only be refused on saving), else the
    highlighted one."""
    committee = snapshot.committees.get(committee_id)
    if committee is None:
        return preferred

    def has_room(key: str) -> bool:
        seat = next((s for s in committee.seats if s.key == key), None)
        if seat is None:
            return False
        return seat.count is None or len(snapshot.seat_holders(committee_id, key, today)) < seat.count

    if preferred is not None and has_room(preferred):
        return preferred
    return next((s.key for s in committee.seats if has_room(s.key)), preferred)
