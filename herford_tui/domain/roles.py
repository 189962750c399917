"""Role changes that keep history: plans of records to save, never writes.

A new role from a day on ends the old membership the day before and starts a new one
with the same person, seat, represented organisation and notes; "Vorsitz seit …" then
shows the day the chair was taken, and the old role stays in the history (``h``).

Each plan is a list for one ``Store.save_all`` (all or nothing), in an order in which
every step passes ``Snapshot.check`` against the steps before it: the old chair ends
before the new one starts. Items that point at a membership created in the same step
(deputies moving to the new membership) are functions of the records saved before
them, like the store's ``Follow``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, timedelta

from herford_tui.domain.labels import ROLE, format_date, parse_date
from herford_tui.domain.models import Membership, Record, Role
from herford_tui.domain.plans import Follow, Plan
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.validation import Problem, ValidationError


def split_from(m: Membership, on: date, **changes: object) -> tuple[Membership, Membership]:
    """``m`` changes from ``on`` and keeps its history: it ends the day before, and a new
    membership (same person, seat, represented organisation, notes and end, with
    ``changes``) starts on ``on``. The one split behind role changes and seat moves."""
    ended = dataclasses.replace(m, end=on - timedelta(days=1))
    new = dataclasses.replace(m, id=0, rev=0, start=on, end=m.end, deputy_of=None)
    return ended, dataclasses.replace(new, **changes)  # type: ignore[arg-type]


@dataclasses.dataclass(frozen=True)
class RolePlan:
    """The records of a role change for one save, and where the cursor goes afterwards."""

    items: Plan
    focus: int
    """Index (in the saved list) of the membership that now holds the new role."""


def plan_role_change(
    snapshot: Snapshot, membership: Membership, role: Role | None, on: str
) -> RolePlan | list[Problem]:
    """The role form's values (``on`` as typed) as a checked plan, or the problems in German."""
    day = _day(on)
    if isinstance(day, Problem):
        return [day]
    if role is None:
        return [Problem("role", "Bitte die neue Rolle wählen.")]
    try:
        plan = change_role(snapshot, membership, role, day)
    except ValidationError as exc:
        return exc.problems
    return check_plan(snapshot, plan) or RolePlan(plan, _focus(plan, membership.person_id, role))


def plan_chair_handover(
    snapshot: Snapshot, committee_id: int, to: Membership | None, on: str
) -> RolePlan | list[Problem]:
    """The hand-over form's values (``on`` as typed) as a checked plan, or the problems."""
    day = _day(on)
    problems = [day] if isinstance(day, Problem) else []
    if to is None:
        problems.insert(0, Problem("person_id", "Bitte das Mitglied wählen, das den Vorsitz übernimmt."))
    if problems or to is None or isinstance(day, Problem):
        return problems
    try:
        plan = hand_over_chair(snapshot, committee_id, to, day)
    except ValidationError as exc:
        return exc.problems
    return check_plan(snapshot, plan) or RolePlan(plan, _focus(plan, to.person_id, Role.VORSITZ))


def chair_of(snapshot: Snapshot, committee_id: int, on: date) -> Membership | None:
    """The committee's Vorsitz on ``on`` (the earliest, should a file still hold two)."""
    chairs = [m for m in snapshot.memberships_of(committee_id, on) if m.role is Role.VORSITZ]
    return min(chairs, key=lambda m: (m.start or date.min, m.id), default=None)


def next_chair(snapshot: Snapshot, committee_id: int, today: date) -> Membership | None:
    """The committee's Vorsitz entered to begin after ``today`` (a hand-over planned ahead), the first."""
    later = [
        m
        for m in snapshot.memberships_of(committee_id)
        if m.role is Role.VORSITZ and m.start is not None and m.start > today
    ]
    return min(later, key=lambda m: (m.start or date.max, m.id), default=None)


def change_role(snapshot: Snapshot, membership: Membership, new_role: Role, on: date) -> Plan:
    """``membership`` holds ``new_role`` from ``on``: the old one ends the day before.

    A membership that starts on ``on`` is changed in place (there is no earlier day to keep).
    Deputies serving on or after ``on`` stand in for the new membership. Raises
    ``ValidationError`` (German) for a day before the start, an ended membership, the same
    role, or a deputy role.
    """
    return _change(snapshot, membership, new_role, on, offset=0)


def hand_over_chair(snapshot: Snapshot, committee_id: int, to_membership: Membership, on: date) -> Plan:
    """``to_membership`` takes the Vorsitz from ``on``; the chair until then stays as Mitglied.

    Both changes keep history (see ``change_role``) and go into one plan, so the committee
    is never without a chair nor with two.
    """
    to = to_membership
    who = _name(snapshot, to)
    if to.committee_id != committee_id:
        raise ValidationError([Problem("person_id", f"{who} gehört nicht zu diesem Gremium.")])
    if to.role is Role.VORSITZ:
        raise ValidationError([Problem("person_id", f"{who} hat den Vorsitz schon.")])
    if not to.role.takes_seat:
        raise ValidationError(
            [Problem("person_id", f"Den Vorsitz kann nur übernehmen, wer einen Sitz innehat ({who}: {ROLE[to.role]}).")]
        )
    plan: Plan = []
    current = chair_of(snapshot, committee_id, on)
    if current is not None:
        plan += _change(snapshot, current, Role.MITGLIED, on, offset=0)
    plan += _change(snapshot, to, Role.VORSITZ, on, offset=len(plan))
    return plan


def check_plan(snapshot: Snapshot, plan: Plan) -> list[Problem]:
    """The problems ``Store.save_all(plan)`` would raise, found without writing.

    Records new in the plan get provisional negative ids, so later steps can point at them.
    """
    saved: list[Record] = []
    view = snapshot
    for n, item in enumerate(plan, start=1):
        record = item(saved) if callable(item) else item
        problems = view.check(record)
        if problems:
            return problems
        if record.id:
            record = dataclasses.replace(record, rev=record.rev + 1)
        else:
            record = dataclasses.replace(record, id=-n, rev=1)
        saved.append(record)
        view = view.with_changes([record])
    return []


def later_concurrent_chairs(memberships: Iterable[Membership]) -> list[tuple[Membership, Membership]]:
    """Pairs (later chair, chair it overlaps) of Vorsitz memberships sharing days in one committee.

    Chairs are taken in order of their start; one that overlaps a chair kept so far is
    "later" and is not kept, so turning every later one into Co-Vorsitz leaves at most one
    Vorsitz on any day, with the fewest changes.
    """
    by_committee: dict[int, list[Membership]] = {}
    for m in memberships:
        if m.role is Role.VORSITZ:
            by_committee.setdefault(m.committee_id, []).append(m)
    found: list[tuple[Membership, Membership]] = []
    for chairs in by_committee.values():
        kept: list[Membership] = []
        for m in sorted(chairs, key=lambda m: (m.start or date.min, m.id)):
            clash = next((k for k in kept if k.overlaps(m)), None)
            if clash is None:
                kept.append(m)
            else:
                found.append((m, clash))
    return found


# -- helpers -------------------------------------------------------------------------------------
def _day(text: str) -> date | Problem:
    if not text.strip():
        return Problem("start", "Bitte das Datum angeben, ab dem die neue Rolle gilt.")
    try:
        return parse_date(text)
    except ValueError as exc:
        return Problem("start", str(exc))


def _focus(plan: Plan, person_id: int, role: Role) -> int:
    """The record of ``plan`` that gives ``person_id`` the new ``role`` (new, or changed in place)."""
    found = [
        i
        for i, item in enumerate(plan)
        if isinstance(item, Membership) and item.person_id == person_id and item.role is role
    ]
    return found[-1] if found else 0


def _change(snapshot: Snapshot, m: Membership, new_role: Role, on: date, *, offset: int) -> Plan:
    """``change_role`` for a plan that already holds ``offset`` items before this one."""
    problems = _refusals(snapshot, m, new_role, on)
    if problems:
        raise ValidationError(problems)
    if m.start == on:  # nothing before ``on`` to keep: the role is simply corrected
        return [dataclasses.replace(m, role=new_role, deputy_of=None)]
    ended, new = split_from(m, on, role=new_role)
    new_index = offset + 1  # where ``new`` lands in the saved list

    def follow(deputy: Membership) -> Follow:  # same seat: only whom the deputy stands in for changes
        return lambda saved: dataclasses.replace(deputy, deputy_of=saved[new_index].id)

    return [ended, new, *(follow(d) for d in _deputies_from(snapshot, m, on))]


def _refusals(snapshot: Snapshot, m: Membership, new_role: Role, on: date) -> list[Problem]:
    if m.end is not None and m.end < on:
        return [Problem("start", f"Die Mitgliedschaft ist am {format_date(m.end)} beendet; sie wechselt nicht mehr.")]
    if m.start is not None and on < m.start:
        return [
            Problem(
                "start",
                f"Der Wechsel ({format_date(on)}) liegt vor dem Beginn der Mitgliedschaft ({format_date(m.start)}).",
            )
        ]
    if new_role is m.role:
        return [Problem("role", f"{_name(snapshot, m)} hat die Rolle „{ROLE[new_role]}“ schon.")]
    if new_role is Role.STELLVERTRETUNG:
        return [
            Problem("role", "Eine Stellvertretung wird beim vertretenen Mitglied benannt, nicht als Rollenwechsel.")
        ]
    if not new_role.takes_seat:
        deputies = _deputies_from(snapshot, m, on)
        if deputies:
            names = ", ".join(_name(snapshot, d) for d in deputies)
            return [
                Problem(
                    "role",
                    f"Als {ROLE[new_role]} hat {_name(snapshot, m)} keinen Sitz, den {names} vertreten könnte. "
                    "Bitte die Stellvertretung zuerst beenden.",
                )
            ]
    return []


def _deputies_from(snapshot: Snapshot, m: Membership, on: date) -> list[Membership]:
    """Deputies of ``m`` still serving on or after ``on``; those who left earlier stay with the old one."""
    return sorted(
        (d for d in snapshot.memberships.values() if d.deputy_of == m.id and (d.end is None or d.end >= on)),
        key=lambda d: d.id,
    )


def _name(snapshot: Snapshot, m: Membership) -> str:
    return snapshot.person_name(m.person_id)
