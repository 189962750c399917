"""What a meeting's documents say, as plain data (dicts of German strings).

The Typst templates get exactly this as JSON through ``sys.inputs`` and the DOCX writer reads it:
user text is never spliced into template code. Every string passes ``printable`` (control
characters become visible escapes; a PDF or a DOCX cannot hold them anyway).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from herford_tui.domain.attendance import quorum
from herford_tui.domain.attendance_list import attendance_list
from herford_tui.domain.directory import person_named
from herford_tui.domain.fold import sort_key
from herford_tui.domain.labels import DECISION_RESULT, ROLE, format_date
from herford_tui.domain.meetings import invitation_due, time_range
from herford_tui.domain.models import Meeting, Person, Role
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import printable

Data = dict[str, Any]

OFFICE = "Bildungsbüro des Kreises Herford"
OFFICE_ADDRESS = ("Amtshausstraße 3", "32051 Herford")
CARRIER = "Kreis Herford"
"""The letterhead's facts, for the PDF templates (``briefkopf.typ``) and the DOCX letters alike."""


def letterhead() -> Data:
    return {"office": OFFICE, "office_address": list(OFFICE_ADDRESS), "carrier": CARRIER}


def clean(text: str, *, lines: bool = False) -> str:
    return printable(text, keep_newlines=lines)


def person_name(snapshot: Snapshot, person_id: int | None) -> str:
    return "" if person_id is None else clean(snapshot.person_name(person_id))


def person_told_apart(snapshot: Snapshot, person_id: int | None) -> str:
    """A name the document names someone by outside a row of their own (a task's owner, whom a
    deputy stands in for): a namesake's with organisation and number (``person_named``)."""
    return clean(person_named(snapshot, person_id))


def organisation_name(snapshot: Snapshot, person: Person | None, represents_id: int | None = None) -> str:
    org_id = represents_id if represents_id is not None else (person.organisation_id if person else None)
    org = snapshot.organisations.get(org_id) if org_id is not None else None
    return clean(org.name) if org else ""


def _head(snapshot: Snapshot, meeting: Meeting) -> Data:
    """What every document of a meeting starts with."""
    committee = snapshot.committees.get(meeting.committee_id)
    times = time_range(meeting)
    return {
        **letterhead(),
        "committee": clean(committee.name) if committee else "Gremium",
        "date": format_date(meeting.date) or "Datum offen",
        "weekday_date": format_date(meeting.date, weekday=True) or "Datum offen",
        "time": f"{times} Uhr" if times else "wird noch bekannt gegeben",
        "location": clean(meeting.location),
        "room": clean(meeting.room),
        "place": clean(", ".join(p for p in (meeting.location, meeting.room) if p)) or "wird noch bekannt gegeben",
        "today": format_date(date.today()),
    }


def _contact(snapshot: Snapshot, meeting: Meeting) -> Data:
    """The committee's office (Geschäftsführung) on the meeting's day, else the Bildungsbüro."""
    day = meeting.date or date.today()
    for m in snapshot.memberships_of(meeting.committee_id, day):
        if m.role is Role.GESCHAEFTSFUEHRUNG and (person := snapshot.persons.get(m.person_id)):
            return {
                "name": clean(person.full_name or person.sort_name),
                "email": clean(person.email),
                "phone": clean(person.phone),
            }
    return {"name": OFFICE, "email": "", "phone": ""}


def _agenda(meeting: Meeting) -> list[Data]:
    return [{"number": clean(i.number), "title": clean(i.title), "public": i.public} for i in meeting.agenda]


def invitation(snapshot: Snapshot, meeting: Meeting) -> Data:
    committee = snapshot.committees.get(meeting.committee_id)
    due = invitation_due(meeting, committee) if committee else None
    agenda = _agenda(meeting)
    return {
        **_head(snapshot, meeting),
        "kind": "Einladung",
        "agenda_public": [i for i in agenda if i["public"]],
        "agenda_closed": [i for i in agenda if not i["public"]],
        "deadline": format_date(due) if due else "",
        "invitation_days": committee.invitation_days if committee else 0,
        "contact": _contact(snapshot, meeting),
    }


def minutes(snapshot: Snapshot, meeting: Meeting) -> Data:
    # Who attended as whom: the same rows as the attendance export (``domain/attendance_list.py``).
    rows = [row for row in attendance_list(snapshot, meeting) if row.person_id is not None]  # guests: below
    people = [
        {
            "name": clean(row.name),
            "organisation": clean(row.organisation),
            "seat": clean(row.seat),
            "role": row.role,
            "status": row.status or "nicht erfasst",
            "deputy": clean(row.represented_by),
            "stands_in_for": clean(row.stands_in_for),
        }
        for row in rows
    ]
    stand_ins = [{"name": clean(row.name), "for": clean(row.stands_in_for)} for row in rows if row.stands_in_for]
    items = []
    for item in meeting.agenda:
        items.append(
            {
                "number": clean(item.number),
                "title": clean(item.title),
                "public": item.public,
                "minutes": clean(item.minutes, lines=True),
                "decisions": [
                    {"text": clean(d.text, lines=True), "result": DECISION_RESULT[d.result]} for d in item.decisions
                ],
                "tasks": [
                    {
                        "what": clean(t.what, lines=True),
                        "owner": person_told_apart(snapshot, t.person_id) or "offen",
                        "due": format_date(t.due) or "ohne Frist",
                        "done": t.done,
                    }
                    for t in item.tasks
                ],
            }
        )
    return {
        **_head(snapshot, meeting),
        "kind": "Niederschrift",
        "attendance": people,
        "stand_ins": stand_ins,
        "guests": [clean(g) for g in meeting.guests],
        "quorum": quorum(snapshot, meeting).text,
        "items": items,
        "minutes": clean(meeting.minutes, lines=True),
        "notes": clean(meeting.notes, lines=True),
    }


def attendance_sheet(snapshot: Snapshot, meeting: Meeting) -> Data:
    """Everyone expected (members, their deputies, advisory seats), then the guests, to sign."""
    day = meeting.date or date.today()
    rows: list[Data] = []
    seen: set[int] = set()
    active = snapshot.memberships_of(meeting.committee_id, day)
    for m in sorted(active, key=lambda m: (m.role is Role.STELLVERTRETUNG, _sort_name(snapshot, m.person_id))):
        if m.person_id in seen:
            continue
        seen.add(m.person_id)
        person = snapshot.persons.get(m.person_id)
        role = ROLE[m.role]
        if m.deputy_of is not None and (owner := snapshot.memberships.get(m.deputy_of)):
            role = f"{role} für {person_told_apart(snapshot, owner.person_id)}"
        rows.append(
            {
                "name": person_name(snapshot, m.person_id),
                "organisation": organisation_name(snapshot, person, m.represents_id),
                "role": role,
            }
        )
    for guest in meeting.guests:
        rows.append({"name": clean(guest), "organisation": "", "role": "Gast"})
    return {**_head(snapshot, meeting), "kind": "Anwesenheitsliste", "rows": rows, "blank_rows": 5}


def _sort_name(snapshot: Snapshot, person_id: int) -> str:
    person = snapshot.persons.get(person_id)
    return sort_key(person.sort_name) if person else ""
