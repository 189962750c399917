"""Merging two records of the same person: the memberships move, the history stays.

The kept record takes over the other's memberships and everything meetings name it for
(attendance, standing in, responsibility for a TOP, tasks); its empty fields
are filled from the other record. The other record is deleted afterwards.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from herford_tui.domain.mentions import named_in
from herford_tui.domain.models import Meeting, MeetingAttendance, Membership, Person, Record
from herford_tui.domain.snapshot import Snapshot

FILLED = ("title", "given_name", "function", "organisation_id", "email", "phone", "notes")


@dataclass(frozen=True)
class MergePlan:
    keep: Person
    drop: Person
    save: list[Record]
    """The kept person with filled fields, the moved memberships, the changed meetings."""
    problems: list[str]


def merge_plan(snapshot: Snapshot, keep_id: int, drop_id: int) -> MergePlan:
    keep, drop = snapshot.persons[keep_id], snapshot.persons[drop_id]
    problems = []
    if keep_id == drop_id:
        problems.append("Eine Person lässt sich nicht mit sich selbst zusammenführen.")
    if keep.erased_on or drop.erased_on:
        problems.append("Gelöschte Personen (DSGVO) werden nicht zusammengeführt.")
    filled = {name: getattr(drop, name) for name in FILLED if not getattr(keep, name) and getattr(drop, name)}
    if keep.notes and drop.notes and drop.notes not in keep.notes:
        filled["notes"] = f"{keep.notes}\n{drop.notes}"
    save: list[Record] = [dataclasses.replace(keep, **filled)]
    moved: list[Membership] = [
        dataclasses.replace(m, person_id=keep_id) for m in snapshot.memberships_of_person(drop_id)
    ]
    for m in moved:
        for other in snapshot.memberships_of_person(keep_id):
            if other.committee_id == m.committee_id and other.seat_key == m.seat_key and m.overlaps(other):
                committee = snapshot.committees.get(m.committee_id)
                problems.append(
                    f"Beide haben zur selben Zeit denselben Sitz in „{committee.name if committee else '?'}“; "
                    "bitte zuerst eine der Mitgliedschaften beenden oder löschen."
                )
    save += moved
    for meeting in snapshot.meetings.values():
        if named_in(meeting, drop_id):
            save.append(_move_mentions(meeting, keep_id, drop_id))
    return MergePlan(keep, drop, save, problems)


def _move_mentions(meeting: Meeting, keep_id: int, drop_id: int) -> Meeting:
    """``meeting`` naming ``keep_id`` wherever it named ``drop_id`` (``mentions.named_in``: the
    attendance, standing in, a TOP's responsibility, tasks); everything else as it was. Before,
    only the attendance lines moved and every stand-in of the meeting was dropped with them (the
    save was refused: „Bei „vertreten“ fehlt, wer vertreten hat“), and a twin named as stand-in,
    responsible or in a task kept the merge from deleting it."""

    def moved(person_id: int | None) -> int | None:
        return keep_id if person_id == drop_id else person_id

    entries: list[MeetingAttendance] = []
    seen: set[int] = set()
    for a in meeting.attendance:
        person_id = keep_id if a.person_id == drop_id else a.person_id
        if person_id not in seen:  # both records on the list: the first entry stays
            entries.append(dataclasses.replace(a, person_id=person_id, deputy_id=moved(a.deputy_id)))
            seen.add(person_id)
    agenda = [
        dataclasses.replace(
            item,
            responsible_person_id=moved(item.responsible_person_id),
            tasks=[dataclasses.replace(t, person_id=moved(t.person_id)) for t in item.tasks],
        )
        for item in meeting.agenda
    ]
    return dataclasses.replace(meeting, attendance=entries, agenda=agenda)
