"""DSGVO: what is stored about a person (Art. 15 "Auskunft") and how it is erased (Art. 17).

Erasure keeps the person's record as an anonymous placeholder ("gelöschte Person"): the
memberships stay on their seats with their dates, so rosters, the seat history and meeting
attendance counts stay as they were, but nothing in them names the person any more.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from herford_tui.domain.fold import match_key
from herford_tui.domain.labels import ATTENDANCE, FIELD, ROLE, format_date
from herford_tui.domain.models import Committee, Meeting, Membership, Organisation, Person, Record
from herford_tui.domain.snapshot import Snapshot

PLACEHOLDER = "gelöschte Person"
REDACTED = "[gelöscht]"
MIN_NEEDLE = 3
"""Shorter strings (an initial, "Dr.") would wipe unrelated text."""

PERSON_FIELDS = ("title", "given_name", "family_name", "function", "organisation_id", "email", "phone", "notes")
PURPOSE = (
    "Zweck der Verarbeitung: Organisation der Gremien der Bildungsregion Kreis Herford "
    "(Besetzung, Einladungen, Sitzungen) durch das Bildungsbüro des Kreises Herford."
)


class PersonNotFound(LookupError):
    """There is no person with this number."""


@dataclasses.dataclass
class Disclosure:
    """Everything the database holds about one person, resolved to readable names."""

    person: Person
    organisation: Organisation | None
    memberships: list[dict[str, Any]]
    attendance: list[dict[str, Any]]
    audit: list[Mapping[str, Any]]
    audit_available: bool
    as_of: date
    record_times: dict[str, str] = dataclasses.field(default_factory=dict)
    """When the person's record was created and last changed ("created", "modified", ISO)."""

    def as_json(self) -> dict[str, Any]:
        return {
            "auskunft_nach": "Art. 15 DSGVO",
            "stand": self.as_of.isoformat(),
            "person": {
                "id": self.person.id,
                **{name: to_json(getattr(self.person, name)) for name in PERSON_FIELDS},
                **self.record_times,
            },
            "organisation": self.organisation.name if self.organisation else None,
            "mitgliedschaften": self.memberships,
            "anwesenheit": self.attendance,
            "aenderungsprotokoll": [dict(entry) for entry in self.audit] if self.audit_available else None,
            "zweck": PURPOSE,
        }

    def as_text(self) -> str:
        p = self.person
        lines = [
            "Auskunft nach Art. 15 DSGVO",
            f"Stand: {format_date(self.as_of)}",
            "",
            f"Gespeicherte Angaben zur Person (Nr. {p.id})",
        ]
        for name in PERSON_FIELDS:
            value = getattr(p, name)
            if name == "organisation_id":
                value = self.organisation.name if self.organisation else ""
            lines.append(f"  {FIELD[name]}: {value or '–'}")
        if p.erased_on:
            lines.append(f"  Personenbezogene Daten gelöscht am {format_date(p.erased_on)}")
        for key, label in (("created", "Angelegt"), ("modified", "Zuletzt geändert")):
            if key in self.record_times:
                lines.append(f"  {label}: {_timestamp(self.record_times[key])}")
        lines += ["", f"Mitgliedschaften in Gremien ({len(self.memberships)})"]
        for m in self.memberships:
            lines.append("  " + membership_line(m))
            if m["notizen"]:
                lines.append(f"    Notizen: {m['notizen']}")
        if not self.memberships:
            lines.append("  keine")
        lines += ["", f"Anwesenheit in Sitzungen ({len(self.attendance)})"]
        for a in self.attendance:
            lines.append(f"  {a['gremium']}, {format_date(date.fromisoformat(a['datum']))}: {a['status']}")
        if not self.attendance:
            lines.append("  keine Einträge")
        lines += ["", "Änderungsprotokoll"]
        if not self.audit_available:
            lines.append("  Es wird kein Änderungsprotokoll geführt.")
        elif not self.audit:
            lines.append("  keine Einträge zu dieser Person")
        else:
            lines += [f"  {audit_line(entry)}" for entry in self.audit]
        lines += ["", PURPOSE]
        return "\n".join(lines) + "\n"


def _timestamp(text: str) -> str:
    """ "2026-11-28T14:20:04+00:00" as "28.11.2026 14:20 UTC"; anything else as it is."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    zone = " UTC" if moment.utcoffset() is not None and not moment.utcoffset() else ""
    return f"{format_date(moment.date())} {moment:%H:%M}{zone}"


def membership_line(m: Mapping[str, Any]) -> str:
    period = f"{m['beginn_text'] or 'ohne Beginn'} – {m['ende_text'] or 'offen'}"
    parts = [m["gremium"], f"Sitz „{m['sitz']}“", m["rolle"], period]
    if m["vertritt"]:
        parts.append(f"vertritt {m['vertritt']}")
    if m["stellvertretung_fuer"]:
        parts.append(f"Stellvertretung für {m['stellvertretung_fuer']}")
    return " · ".join(parts)


def audit_line(entry: Mapping[str, Any]) -> str:
    """One audit entry as text; the audit log (issue 10) decides its keys, so show them all."""
    return ", ".join(f"{key}: {value}" for key, value in entry.items())


def to_json(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def disclosure(
    snapshot: Snapshot,
    person_id: int,
    today: date,
    audit: Sequence[Mapping[str, Any]] | None = None,
) -> Disclosure:
    """The Art. 15 report of ``person_id``; ``audit`` None means no audit log exists."""
    person = snapshot.persons.get(person_id)
    if person is None:
        raise PersonNotFound(f"Eine Person mit der Nummer {person_id} gibt es nicht.")
    org = snapshot.organisations.get(person.organisation_id) if person.organisation_id else None
    memberships = [
        _membership_entry(snapshot, m)
        for m in sorted(snapshot.memberships_of_person(person_id), key=lambda m: (m.start or date.min, m.id))
    ]
    attendance = []
    for meeting in sorted(snapshot.meetings.values(), key=lambda m: (m.date or date.min, m.id)):
        for entry in meeting.attendance:
            if entry.person_id == person_id:
                committee = snapshot.committees.get(meeting.committee_id)
                attendance.append(
                    {
                        "sitzung_id": meeting.id,
                        "gremium": committee.name if committee else "?",
                        "datum": to_json(meeting.date),
                        "status": ATTENDANCE[entry.status],
                    }
                )
    return Disclosure(person, org, memberships, attendance, list(audit or ()), audit is not None, today)


def _membership_entry(snapshot: Snapshot, m: Membership) -> dict[str, Any]:
    committee = snapshot.committees.get(m.committee_id)
    seat = committee.seat(m.seat_key) if committee else None
    represents = snapshot.organisations.get(m.represents_id) if m.represents_id else None
    owner = snapshot.memberships.get(m.deputy_of) if m.deputy_of else None
    owner_person = snapshot.persons.get(owner.person_id) if owner else None
    return {
        "id": m.id,
        "gremium": committee.name if committee else "?",
        "sitz": seat.label if seat else m.seat_key,
        "rolle": ROLE[m.role],
        "vertritt": represents.name if represents else "",
        "stellvertretung_fuer": owner_person.full_name if owner_person else "",
        "beginn": to_json(m.start),
        "ende": to_json(m.end),
        "beginn_text": format_date(m.start),
        "ende_text": format_date(m.end),
        "notizen": m.notes,
    }


# -- erasure (Art. 17) ----------------------------------------------------------------------
def needles_of(person: Person, snapshot: Snapshot | None = None) -> set[str]:
    """The strings that identify ``person`` and must not survive anywhere in the files.

    The family name alone counts only when no other person bears it: "Müller" in a
    meeting note about another Müller must stay.
    """
    found = {
        person.full_name,
        f"{person.given_name} {person.family_name}",
        person.sort_name,
        person.email,
        person.phone,
    }
    if snapshot is not None:
        key = match_key(person.family_name)
        if not any(p.id != person.id and match_key(p.family_name) == key for p in snapshot.persons.values()):
            found.add(person.family_name)
    return {n.strip() for n in found if len(n.strip()) >= MIN_NEEDLE}


def scrub_text(text: str, needles: Iterable[str]) -> str:
    """``text`` with every needle (case-insensitive, longest first) replaced by ``[gelöscht]``."""
    for needle in sorted(needles, key=len, reverse=True):
        if needle.casefold() in text.casefold():
            # whole words only: erasing "Kemper" must leave "Kempermann" alone
            text = re.sub(rf"(?<!\w){re.escape(needle)}(?!\w)", REDACTED, text, flags=re.IGNORECASE)
    return text


def scrub_value(value: Any, needles: Iterable[str]) -> Any:
    """Strings anywhere in ``value`` (dataclasses, lists, dicts) scrubbed; other values as they are."""
    if isinstance(value, str):
        return scrub_text(value, needles)
    if isinstance(value, list):
        return [scrub_value(v, needles) for v in value]
    if isinstance(value, dict):
        return {k: scrub_value(v, needles) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: scrub_value(getattr(value, f.name), needles)
            for f in dataclasses.fields(value)
            if isinstance(getattr(value, f.name), str | list)
        }
        return dataclasses.replace(value, **changes)
    return value


def anonymised(person: Person, today: date) -> Person:
    """The placeholder that keeps the person's id (and so their seats) without personal data."""
    return Person(id=person.id, rev=person.rev, family_name=PLACEHOLDER, erased_on=person.erased_on or today)


@dataclasses.dataclass(frozen=True)
class ErasurePlan:
    records: list[Record]
    """The placeholder first, then every other record that held some of the person's data."""
    needles: frozenset[str]


def erasure_plan(snapshot: Snapshot, person_id: int, today: date, extra_needles: Iterable[str] = ()) -> ErasurePlan:
    """What to save to erase ``person_id``: the placeholder, their memberships without notes,
    and any record whose text names them (a meeting note, a committee's description)."""
    person = snapshot.persons.get(person_id)
    if person is None:
        raise PersonNotFound(f"Eine Person mit der Nummer {person_id} gibt es nicht.")
    own = needles_of(person, snapshot) if person.erased_on is None else set()  # a rerun: the name is gone
    needles = frozenset(own | {n.strip() for n in extra_needles if len(n.strip()) >= MIN_NEEDLE})
    records: list[Record] = [anonymised(person, today)]
    for m in snapshot.memberships.values():
        if m.person_id == person_id and m.notes:
            records.append(dataclasses.replace(m, notes=""))
        elif (scrubbed := scrub_value(m, needles)) != m:
            records.append(scrubbed)
    others: list[Committee | Organisation | Meeting] = [
        *snapshot.committees.values(),
        *snapshot.organisations.values(),
        *snapshot.meetings.values(),
    ]
    for record in others:
        if (scrubbed := scrub_value(record, needles)) != record:
            records.append(scrubbed)
    for other in snapshot.persons.values():
        if other.id != person_id and (notes := scrub_text(other.notes, needles)) != other.notes:
            records.append(dataclasses.replace(other, notes=notes))
    return ErasurePlan(records, needles)


def is_erased(person: Person | None) -> bool:
    return person is not None and person.erased_on is not None
