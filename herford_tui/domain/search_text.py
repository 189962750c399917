"""What a search hit says, in German: one line for the palette, a card for ``herford-tui suche``."""

from __future__ import annotations

from datetime import date

from herford_tui.domain.directory import person_named
from herford_tui.domain.labels import (
    DECISION_RESULT,
    MEETING_STATUS,
    ORG_TYPE,
    RECORD_NAME,
    ROLE,
    format_date,
    format_time,
)
from herford_tui.domain.models import KREISWEIT, Committee, Decision, Meeting, Organisation, Person, Task
from herford_tui.domain.search import Match
from herford_tui.domain.search_index import Kind
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import shorten

NO_MATCHES = "Keine Treffer. Weniger Wörter oder eine andere Schreibweise versuchen."

KIND_LABEL = {
    Kind.COMMITTEE: RECORD_NAME["committees"][0],
    Kind.PERSON: RECORD_NAME["persons"][0],
    Kind.ORGANISATION: RECORD_NAME["organisations"][0],
    Kind.MEETING: RECORD_NAME["meetings"][0],
    Kind.AGENDA_ITEM: "Tagesordnung",
    Kind.MINUTES: "Protokoll",
    Kind.DECISION: "Beschluss",
    Kind.TASK: "Aufgabe",
}
SNIPPET = 80


def describe(match: Match, snapshot: Snapshot, today: date) -> tuple[str, str]:
    """(title, detail) of a hit: the detail says what it is and what tells it apart."""
    record, label = match.record, KIND_LABEL[match.kind]
    if isinstance(record, Committee):
        upcoming = snapshot.next_meeting(record.id, today)
        when = f"nächste Sitzung {format_date(upcoming.date)}" if upcoming else "keine Sitzung geplant"
        return record.name, f"{label} · {when}"
    if isinstance(record, Person):
        parts = [p for p in (record.function, _organisation_name(snapshot, record)) if p]
        committees = committees_of(snapshot, record, today)
        parts.append(", ".join(committees) if committees else "ohne aktuelles Gremium")
        return record.full_name, f"{label} · " + " · ".join(parts)
    if isinstance(record, Organisation):
        return record.name, f"{label} · {ORG_TYPE[record.type]}, {record.municipality}"
    committee = _committee_name(snapshot, record)
    when = format_date(record.date, weekday=True)
    if match.kind in (Kind.MINUTES, Kind.DECISION, Kind.TASK):
        return _meeting_text(match, record, snapshot), f"{label} · {_where(match, committee, when)}"
    if match.item is not None:
        number = f"TOP {match.item.number}: " if match.item.number else ""
        return f"{number}{match.item.title}", f"{label} · {committee}, {when}"
    times = format_time(record.start_time)
    place = record.location or "Ort offen"
    status = MEETING_STATUS[record.status]
    return f"{committee}, {when}", f"{label} · {' '.join(p for p in (times, place) if p)} · {status}"


def _meeting_text(match: Match, meeting: Meeting, snapshot: Snapshot) -> str:
    """The hit's own text, one line, shortened: the decision, the task with whose it is (as the
    meeting's task lines write it: "Bericht – Thomas Müller", namesakes told apart by
    ``person_named``), the start of the minutes."""
    detail = match.detail
    if isinstance(detail, Decision):
        text = f"{detail.text} ({DECISION_RESULT[detail.result]})"
    elif isinstance(detail, Task):  # the task's text shortened alone: whose it is and its state stay
        who = person_named(snapshot, detail.person_id)
        due = f", bis {format_date(detail.due)}" if detail.due else ""
        what = shorten(" ".join(detail.what.split()), SNIPPET)
        return f"{what}{f' – {who}' if who else ''} ({'erledigt' if detail.done else 'offen'}{due})"
    else:
        text = match.item.minutes if match.item is not None else meeting.minutes
    line = " ".join(text.split())
    return shorten(line, SNIPPET)


def _where(match: Match, committee: str, when: str) -> str:
    top = f" · TOP {match.item.number} {match.item.title}".rstrip() if match.item is not None else ""
    return f"{committee}, {when}{top}"


def committees_of(snapshot: Snapshot, person: Person, today: date) -> list[str]:
    """Current committees of a person with role, e.g. "Lenkungskreis (Vorsitz)"."""
    found = set()
    for m in snapshot.memberships_of_person(person.id, today):
        committee = snapshot.committees.get(m.committee_id)
        if committee is not None and not committee.archived:
            found.add(f"{committee.name} ({ROLE[m.role]})")
    return sorted(found)


def person_card(snapshot: Snapshot, person: Person, today: date) -> list[str]:
    """A person as plain text lines: name, function and organisation, committees, contact."""
    lines = [person.full_name]
    job = ", ".join(p for p in (person.function, _organisation_name(snapshot, person)) if p)
    if job:
        lines.append(f"  {job}")
    committees = committees_of(snapshot, person, today)
    lines.append("  Gremien: " + ("; ".join(committees) if committees else "keine aktuellen"))
    if person.email:
        lines.append(f"  E-Mail: {person.email}")
    if person.phone:
        lines.append(f"  Telefon: {person.phone}")
    return lines


def organisation_card(snapshot: Snapshot, org: Organisation, today: date) -> list[str]:
    """An organisation as plain text lines: type and place, contact, who represents it where."""
    place = "kreisweit" if org.municipality == KREISWEIT else org.municipality
    lines = [org.name, f"  {ORG_TYPE[org.type]}, {place}"]
    for label, value in (("Anschrift", org.address), ("Telefon", org.phone), ("E-Mail", org.email)):
        if value:
            lines.append(f"  {label}: {value}")
    seats = []
    for m in snapshot.memberships.values():
        committee = snapshot.committees.get(m.committee_id)
        if m.represents_id == org.id and m.is_active(today) and committee is not None and not committee.archived:
            seats.append(f"{committee.name}: {snapshot.person_name(m.person_id)} ({ROLE[m.role]})")
    if seats:
        lines.append("  Vertreten durch:")
        lines += [f"    {seat}" for seat in sorted(seats)]
    else:
        lines.append("  Vertreten durch: niemanden in einem Gremium")
    return lines


def meeting_card(snapshot: Snapshot, meeting: Meeting) -> list[str]:
    times = "–".join(t for t in (format_time(meeting.start_time), format_time(meeting.end_time)) if t)
    head = f"{_committee_name(snapshot, meeting)}, {format_date(meeting.date, weekday=True)} {times}".rstrip()
    lines = [head, f"  {meeting.location or 'Ort offen'} · {MEETING_STATUS[meeting.status]}"]
    lines += [f"  TOP {item.number}: {item.title}" for item in meeting.agenda]
    return lines


def _organisation_name(snapshot: Snapshot, person: Person) -> str:
    org = snapshot.organisations.get(person.organisation_id) if person.organisation_id else None
    return org.name if org else ""


def _committee_name(snapshot: Snapshot, meeting: Meeting) -> str:
    committee = snapshot.committees.get(meeting.committee_id)
    return committee.name if committee else "?"


def match_card(match: Match, snapshot: Snapshot, today: date) -> list[str]:
    """A hit as plain text lines for ``herford-tui suche``, headed by what it is."""
    record, label = match.record, KIND_LABEL[match.kind]
    if isinstance(record, Person):
        lines = person_card(snapshot, record, today)
    elif isinstance(record, Organisation):
        lines = organisation_card(snapshot, record, today)
    elif isinstance(record, Committee):
        title, detail = describe(match, snapshot, today)
        members = len(snapshot.memberships_of(record.id, today))
        lines = [title, f"  {detail.split(' · ', 1)[1]} · {members} aktuelle Mitgliedschaften"]
    elif match.item is not None or match.kind is Kind.MINUTES:
        # A part of a meeting (an agenda item, minutes, a decision, a task): its meeting's number
        # stands with the meeting, labelled. At the head it read as the part's own, and beside a
        # task's person told apart from a namesake ("Thomas Müller (Stadt Bünde, Nr. 6)") the
        # head said "Nr." twice, for two different things.
        title, detail = describe(match, snapshot, today)
        return [f"{label}: {title}", f"  Sitzung Nr. {record.id}: {detail.split(' · ', 1)[1]}"]
    else:
        lines = meeting_card(snapshot, record)
    # The number too, for the commands that take it (``person auskunft NR``, ``dokument … NR``).
    number = f" (Nr. {record.id})" if isinstance(record, (Person, Organisation, Meeting)) else ""
    return [f"{label}: {lines[0]}{number}", *lines[1:]]
