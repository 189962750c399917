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
