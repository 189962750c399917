"""Save plans for roster changes: which records one user action writes, never the writing.

A plan is a list for one ``Store.save_all`` (all or nothing). An item may be a ``Follow``:
a function of the records saved before it in the same plan, for a record that points at
one created in the same step (a membership of a person created now, deputies following
their member to a new membership). The view asks for a plan and hands it to the app.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from herford_tui.domain.models import Membership, Person, Record
from herford_tui.domain.snapshot import Snapshot

Follow = Callable[[list[Record]], Record]
"""A record built from the ones saved before it in the same plan (``Store.save_all`` calls it)."""
Plan = list[Record | Follow]


def ending_deputies(snapshot: Snapshot, member: Membership, end: date | None) -> list[Membership]:
    """The deputies of ``member`` still serving on ``end`` (or at all): they leave with the member.

    A deputy who already left on or before ``end`` keeps their own end; one starting
    after ``end`` never served for this membership and is left alone (the store's rules
    then refuse a deputy for an ended member).
    """
    return [
        d
        for d in snapshot.memberships.values()
        if d.deputy_of == member.id
        and (d.end is None or end is None or d.end > end)
        and (end is None or d.start is None or d.start <= end)
    ]


def entered_ahead(snapshot: Snapshot, member: Membership, today: date) -> list[Membership]:
    """The same person's memberships in the committee that begin after ``today``: a role or
    seat change entered ahead, which ending ``member`` leaves standing (they are their own)."""
    return sorted(
        (
            m
            for m in snapshot.memberships_of_person(member.person_id)
            if m.id != member.id and m.committee_id == member.committee_id and m.start is not None and m.start > today
        ),
        key=lambda m: (m.start or today, m.id),
    )


def end_membership(snapshot: Snapshot, ended: Membership) -> Plan:
    """``ended`` (with its new end date) and its deputies ending on the same day."""
    deputies = ending_deputies(snapshot, ended, ended.end)
    return [ended, *(dataclasses.replace(d, end=ended.end) for d in deputies)]


def move_member(snapshot: Snapshot, ended: Membership, new: Membership, today: date) -> Plan:
    """A move to another seat: the old membership ends, the new one starts, and the deputies
    serving today stand in for the new membership on its seat.

    The new membership is the second item; the deputies follow it (its id is given on saving).
    """

    def follow(deputy: Membership) -> Follow:
        def to_new_seat(saved: list[Record]) -> Record:
            moved = saved[1]
            assert isinstance(moved, Membership)
            return dataclasses.replace(deputy, deputy_of=moved.id, seat_key=moved.seat_key)

        return to_new_seat

    return [ended, new, *(follow(d) for d in snapshot.deputies_of(ended.id, today))]


def member_with_new_person(person: Person, membership: Membership) -> Plan:
    """A person created in the membership form: the person first, then the membership pointing at them."""
    return [person, lambda saved: dataclasses.replace(membership, person_id=saved[0].id)]


@dataclasses.dataclass(frozen=True)
class Leaving:
    """An Austritt in one save: what is written, and the later entries that go with it."""

    items: Plan
    """The ended membership first, then its deputies ending that day, then the same person's
    later memberships that begin by the end (closed that day) and the deputies standing in for
    a removed one (they stay as history of the ended membership, ending that day)."""
    removed: list[Membership]
    """The person's memberships entered ahead that would begin only after the end (a role change
    or hand-over from a later day, never held), and deputies of them who never served: deleted in
    the same save. The audit log keeps them."""
    closed: list[Membership]
    """The later memberships (of the person) that begin by the end and now end with it."""


def leave(snapshot: Snapshot, ended: Membership, today: date) -> Leaving:
    """``ended`` (with its new end) leaves for good: besides ``end_membership``, the same person's
    memberships in the committee entered for later (``entered_ahead``) end too, or are removed
    when they would only begin after the end. Deputies are never dropped silently: one serving
    for a removed membership goes back to ``ended`` and ends with it; one who never served goes."""
    end = ended.end
    items: Plan = list(end_membership(snapshot, ended))
    removed: list[Membership] = []
    closed: list[Membership] = []
    if end is None:
        return Leaving(items, removed, closed)
    for later in entered_ahead(snapshot, ended, today):
        deputies = sorted((d for d in snapshot.memberships.values() if d.deputy_of == later.id), key=lambda d: d.id)
        if later.start is not None and later.start > end:  # never held: it goes
            removed.append(later)
            for d in deputies:
                if d.start is not None and d.start > end:
                    removed.append(d)
                else:
                    # back to the member and seat it stood in for (a seat move ahead had moved it)
                    back = dataclasses.replace(d, deputy_of=ended.id, seat_key=ended.seat_key)
                    items.append(dataclasses.replace(back, end=_earlier(d.end, end)))
        else:
            if later.end is None or later.end > end:
                closed.append(later)
                items.append(dataclasses.replace(later, end=end))
            items.extend(dataclasses.replace(d, end=end) for d in ending_deputies(snapshot, later, end))
    return Leaving(items, removed, closed)


def _earlier(a: date | None, b: date) -> date:
    return b if a is None else min(a, b)
