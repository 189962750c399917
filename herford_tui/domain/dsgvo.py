"""DSGVO: what is stored about a person (Art. 15 "Auskunft") and how it is erased (Art. 17).

Erasure keeps the person's record as an anonymous placeholder ("gelöschte Person"): the
memberships stay on their seats with their dates, so rosters, the seat history and meeting
attendance counts of the past stay as they were, but nothing in them names the person any more.
From the erasure day on the person is no member (``erasure_end``): open memberships end then.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from herford_tui.domain.audit_text import Names, entry_lines, office_zone
from herford_tui.domain.erasure_end import ending
from herford_tui.domain.erasure_search import Needles
from herford_tui.domain.fold import match_key
from herford_tui.domain.labels import ATTENDANCE, FIELD, ROLE, format_date, format_moment
from herford_tui.domain.mentions import Mention, named_in
from herford_tui.domain.models import Membership, Organisation, Person, Record
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import printable

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
    """Everything stored about one person, resolved to readable names, times in office time."""

    person: Person
    organisation: Organisation | None
    memberships: list[dict[str, Any]]
    attendance: list[dict[str, Any]]
    audit: list[Mapping[str, Any]]
    audit_available: bool
    as_of: date
    record_times: dict[str, str] = dataclasses.field(default_factory=dict)
    """When the person's record was created and last changed ("created", "modified", ISO)."""
    stand_ins: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    """Meetings where the person stood in for another."""
    guest: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    """Meetings whose guest list names the person."""
    tasks: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    responsible: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    """Agenda items the person is responsible for."""
    files: list[tuple[str, list[str]]] = dataclasses.field(default_factory=list)
    """Per kind of file beside the database (``store/personal_files.py``): the files naming the person."""
    audit_lines: list[str] | None = None
    """The log entries as the staff read them, numbers and keys by name ("Sitz: „Landrat“", not
    "landrat"), set by the caller that can name them (``name_audit``); None: the
    same lines (``audit_text.entry_lines``) with the stored numbers and keys."""

    def as_json(self) -> dict[str, Any]:
        return {
            "auskunft_nach": "Art. 15 DSGVO",
            "stand": self.as_of.isoformat(),
            "person": {
                "id": self.person.id,
                **{name: to_json(getattr(self.person, name)) for name in PERSON_FIELDS},
                **{key: local_iso(value) for key, value in self.record_times.items()},
            },
            "organisation": self.organisation.name if self.organisation else None,
            "mitgliedschaften": self.memberships,
            "anwesenheit": self.attendance,
            "vertretung_in_sitzungen": self.stand_ins,
            "gast_in_sitzungen": self.guest,
            "aufgaben": self.tasks,
            "verantwortlich_fuer_tagesordnungspunkte": self.responsible,
            "aenderungsprotokoll": [
                dict(entry) | ({"at": local_iso(entry["at"])} if isinstance(entry.get("at"), str) else {})
                for entry in self.audit
            ]
            if self.audit_available
            else None,
            "dateien": [{"art": label, "pfade": paths} for label, paths in self.files],
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
            lines.append(f"  {_meeting(a)}: {a['status']}")
        if not self.attendance:
            lines.append("  keine Einträge")
        sections = (
            ("Vertretung in Sitzungen", self.stand_ins, lambda a: f"{_meeting(a)}: vertrat {a['vertreten']}"),
            ("Als Gast in Sitzungen", self.guest, lambda a: f"{_meeting(a)}: „{a['eintrag']}“"),
            ("Aufgaben", self.tasks, _task_line),
            ("Verantwortlich für Tagesordnungspunkte", self.responsible, _item_line),
        )
        for title, rows, line in sections:
            lines += ["", f"{title} ({len(rows)})"]
            lines += [f"  {line(row)}" for row in rows] or ["  keine"]
        lines += ["", "Änderungsprotokoll"]
        if not self.audit_available:
            lines.append("  Es wird kein Änderungsprotokoll geführt.")
        elif not self.audit:
            lines.append("  keine Einträge zu dieser Person")
        else:
            named = self.audit_lines
            if named is None:
                named = [line for entry in self.audit for line in entry_lines(dict(entry))]
            lines += [f"  {line}" for line in named]
        if self.files:
            lines += ["", "Dateien mit Angaben zur Person"]
            for label, paths in self.files:
                lines.append(f"  {label}: {', '.join(paths)}")
        lines += ["", PURPOSE]
        return "\n".join(printable(line, keep_newlines=True) for line in lines) + "\n"


def name_audit(report: Disclosure, snapshot: Snapshot) -> Disclosure:
    """``report`` with its log entries as readable lines (the Art. 15 text read "Sitz: – →
    bezreg_schulabteilung" and "Organisation: – → 6"); the JSON keeps the stored values."""
    entries = [dict(entry) for entry in report.audit]
    names = dataclasses.replace(Names.of(snapshot, entries), longest=sys.maxsize)  # Art. 15: nothing cut
    report.audit_lines = [line for entry in entries for line in entry_lines(entry, names)]
    return report


def _meeting(row: Mapping[str, Any]) -> str:
    day = format_date(date.fromisoformat(row["datum"])) if row.get("datum") else "ohne Datum"
    return f"{row['gremium']}, {day}"


def _task_line(row: Mapping[str, Any]) -> str:
    due = f", fällig {format_date(date.fromisoformat(row['faellig']))}" if row.get("faellig") else ""
    done = ", erledigt" if row.get("erledigt") else ""
    return f"{_meeting(row)}, TOP {row['top']}: {row['aufgabe']}{due}{done}"


def _item_line(row: Mapping[str, Any]) -> str:
    return f"{_meeting(row)}, TOP {row['top']}: {row['titel']}"


def local_iso(text: str) -> str:
    """A stored UTC time ("2026-11-28T13:20:04+00:00") in office time ("…T14:20:04+01:00")."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.utcoffset() is None:
        return text
    return moment.astimezone(office_zone()).isoformat()


def _timestamp(text: str) -> str:
    """ "2026-11-28T14:20:04+00:00" as "28.11.2026 15:20" (office time); anything else as it is."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.utcoffset() is not None:
        moment = moment.astimezone(office_zone())
    return format_moment(moment)


def membership_line(m: Mapping[str, Any]) -> str:
    period = f"{m['beginn_text'] or 'ohne Beginn'} – {m['ende_text'] or 'offen'}"
    parts = [m["gremium"], f"Sitz „{m['sitz']}“", m["rolle"], period]
    if m["vertritt"]:
        parts.append(f"vertritt {m['vertritt']}")
    if m["stellvertretung_fuer"]:
        parts.append(f"Stellvertretung für {m['stellvertretung_fuer']}")
    return " · ".join(parts)


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
    report = Disclosure(person, org, memberships, [], list(audit or ()), audit is not None, today)
    spellings = (person.full_name, f"{person.given_name} {person.family_name}", person.sort_name)
    names = [
        re.compile(rf"(?<!\w){re.escape(match_key(n))}(?!\w)") for n in set(spellings) if len(n.strip()) >= MIN_NEEDLE
    ]
    for meeting in sorted(snapshot.meetings.values(), key=lambda m: (m.date or date.min, m.id)):
        committee = snapshot.committees.get(meeting.committee_id)
        where = {
            "sitzung_id": meeting.id,
            "gremium": committee.name if committee else "?",
            "datum": to_json(meeting.date),
        }
        for guest in meeting.guests:  # free text: matched by name, not by number
            if any(name.search(match_key(guest)) for name in names):  # "Anna Bartels", not "Johanna Bartels"
                report.guest.append(where | {"eintrag": guest})
        for named in named_in(meeting, person_id):  # the same walk as the reference rule's
            entry, item, task = named.entry, named.item, named.task
            if named.how is Mention.ATTENDANCE and entry is not None:
                report.attendance.append(where | {"status": ATTENDANCE[entry.status]})
            elif named.how is Mention.STAND_IN and entry is not None:
                report.stand_ins.append(where | {"vertreten": snapshot.person_name(entry.person_id)})
            elif item is not None:
                top = where | {"top": item.number, "titel": item.title}
                if named.how is Mention.RESPONSIBLE:
                    report.responsible.append(top)
                elif task is not None:
                    report.tasks.append(
                        top | {"aufgabe": task.what, "faellig": to_json(task.due), "erledigt": task.done}
                    )
    return report


def _membership_entry(snapshot: Snapshot, m: Membership) -> dict[str, Any]:
    committee = snapshot.committees.get(m.committee_id)
    seat = committee.seat(m.seat_key) if committee else None
    represents = snapshot.organisations.get(m.represents_id) if m.represents_id else None
    owner = snapshot.memberships.get(m.deputy_of) if m.deputy_of else None
    return {
        "id": m.id,
        "gremium": committee.name if committee else "?",
        "sitz": seat.label if seat else m.seat_key,
        "rolle": ROLE[m.role],
        "vertritt": represents.name if represents else "",
        "stellvertretung_fuer": snapshot.person_name(owner.person_id) if owner else "",
        "beginn": to_json(m.start),
        "ende": to_json(m.end),
        "beginn_text": format_date(m.start),
        "ende_text": format_date(m.end),
        "notizen": m.notes,
    }


# -- erasure (Art. 17) ----------------------------------------------------------------------
def needles_of(
    person: Person,
    snapshot: Snapshot | None = None,
    *,
    other_family_names: Iterable[str] | None = None,
    keep_shared: bool = False,
) -> set[str]:
    """The strings that identify ``person`` and must not survive anywhere in the files.

    The family name alone counts only when no other person bears it: "Müller" in a
    meeting note about another Müller must stay. The others are those of ``snapshot``, or
    ``other_family_names`` (a raw file's persons: an older backup erased again on restore).
    With a ``snapshot``, a name another person bears in full (a namesake: two "Thomas Müller")
    does not count either (``shared_names``), unless ``keep_shared``.
    """
    found = {
        person.full_name,
        f"{person.given_name} {person.family_name}",
        person.sort_name,
        person.email,
        person.phone,
    }
    if snapshot is not None:
        other_family_names = (p.family_name for p in snapshot.persons.values() if p.id != person.id)
    if other_family_names is not None:
        key = match_key(person.family_name)
        if not any(match_key(name) == key for name in other_family_names):
            found.add(person.family_name)
    needles = {n.strip() for n in found if len(n.strip()) >= MIN_NEEDLE}
    if snapshot is not None and not keep_shared:
        needles -= shared_names(snapshot, person.id, needles)
    return needles


def shared_names(snapshot: Snapshot, person_id: int, needles: Iterable[str]) -> set[str]:
    """The ``needles`` that another (not erased) person bears as their name or family name: a
    namesake's.

    A text naming "Thomas Müller" may mean either of two namesakes, so erasing one must not
    scrub it (a meeting's minutes about the other would lose their name), as the family name
    alone stays where another person bears it (also one found in an older backup, where
    nobody else bore it then)."""
    borne = {
        match_key(name)
        for p in snapshot.persons.values()
        if p.id != person_id and p.erased_on is None
        for name in (p.full_name, f"{p.given_name} {p.family_name}", p.sort_name, p.family_name)
    }
    return {n for n in needles if match_key(n) in borne}


def scrub_text(text: str, needles: Iterable[str]) -> str:
    """``text`` with every needle (case-insensitive, longest first) replaced by ``[gelöscht]``.

    Case-insensitive as ``casefold`` has it, not merely as ``re.IGNORECASE``: "WEISSHAUPT" and
    "Weisshaupt" are "Weißhaupt" folded (ß → ss), and the byte search after an erasure looks
    for the folded form. Returns ``text`` itself when nothing matched (callers compare by
    identity to skip records).
    """
    folded = ""
    for index, needle in enumerate(_prepared(_frozen(needles))):
        if index == 0:
            folded = text.casefold()
        if needle in folded:
            # whole words only: erasing "Kemper" must leave "Kempermann" alone
            text = _replace_words(text, needle)
            folded = text.casefold()
    return text


def _replace_words(text: str, needle: str) -> str:
    """Each whole-word occurrence of the case-folded ``needle`` in ``text`` (compared folded)
    replaced by ``REDACTED``."""
    origin: list[int] = []  # for each character of the folded text: its character in ``text``
    for position, char in enumerate(text):
        origin.extend([position] * len(char.casefold()))
    folded = text.casefold()
    out, kept, start = [], 0, 0
    while (found := folded.find(needle, start)) != -1:
        end = found + len(needle)
        first, last = origin[found], origin[end - 1] + 1
        # a match that begins or ends inside one letter's folded form ("weis" in "Weiß") is
        # inside a word, as is one next to a word character
        inside = (found and origin[found - 1] == first) or (end < len(origin) and origin[end] == last - 1)
        word_starts = not inside and (first == 0 or _WORD.match(text, first - 1) is None)
        word_ends = last == len(text) or _WORD.match(text, last) is None
        if word_starts and word_ends:
            out.append(text[kept:first] + REDACTED)
            kept, start = last, end
        else:
            start = found + 1
    return text if not out else "".join(out) + text[kept:]


_WORD = re.compile(r"\w")


def _frozen(needles: Iterable[str]) -> frozenset[str]:
    return needles if isinstance(needles, frozenset) else frozenset(needles)


@functools.lru_cache(maxsize=16)
def _prepared(needles: frozenset[str]) -> tuple[str, ...]:
    """Each needle case-folded, longest first (built once per erasure)."""
    return tuple(sorted({n.casefold() for n in needles if n.casefold()}, key=lambda n: (-len(n), n)))


def scrub_value(value: Any, needles: Iterable[str]) -> Any:
    """Strings anywhere in ``value`` (dataclasses, lists, dicts) scrubbed; other values as they are.

    What holds no needle comes back as the same object, so a whole snapshot is checked without
    copying it.
    """
    needles = _frozen(needles)
    if isinstance(value, str):
        return scrub_text(value, needles)
    if isinstance(value, list):
        items = [scrub_value(v, needles) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, dict):
        pairs = {k: scrub_value(v, needles) for k, v in value.items()}
        return value if all(pairs[k] is v for k, v in value.items()) else pairs
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            current = getattr(value, f.name)
            if isinstance(current, str | list) and (new := scrub_value(current, needles)) is not current:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


def anonymised(person: Person, today: date) -> Person:
    """The placeholder that keeps the person's id (and so their seats) without personal data."""
    return Person(id=person.id, rev=person.rev, family_name=PLACEHOLDER, erased_on=person.erased_on or today)


@dataclasses.dataclass(frozen=True)
class ErasurePlan:
    records: list[Record]
    """The placeholder first, then every other record that held some of the person's data or
    changes because the person is no member from the erasure day on (``erasure_end``)."""
    needles: frozenset[str]
    deleted: list[Record] = dataclasses.field(default_factory=list)
    """Memberships that would only have begun after the erasure day (``erasure_end``)."""
    ended: list[Membership] = dataclasses.field(default_factory=list)
    """The person's own memberships that end on the erasure day."""
    shared: tuple[str, ...] = ()
    """The person's names (also former ones) that a namesake bears: left in other records' texts."""


def erasure_plan(snapshot: Snapshot, person_id: int, today: date, extra_needles: Iterable[str] = ()) -> ErasurePlan:
    """What to save to erase ``person_id``: the placeholder, their memberships without notes and
    ended on ``today`` (``erasure_end``), and any record whose text names them (a meeting note,
    a committee's description)."""
    person = snapshot.persons.get(person_id)
    if person is None:
        raise PersonNotFound(f"Eine Person mit der Nummer {person_id} gibt es nicht.")
    # a rerun: the name is gone; the namesakes' names are taken out below, with the former names
    own = needles_of(person, snapshot, keep_shared=True) if person.erased_on is None else set()
    wanted = own | {n.strip() for n in extra_needles if len(n.strip()) >= MIN_NEEDLE}
    shared = shared_names(snapshot, person_id, wanted)  # a former name too: renamed, now a namesake's
    needles = frozenset(wanted - shared)
    day = person.erased_on or today  # a rerun keeps the first erasure's day
    closing = ending(snapshot, person_id, day)
    dropped = {m.id for m in closing.dropped}
    moved: list[Record] = [*closing.ended, *closing.meetings]
    changed: dict[tuple[type, int], Record] = {(type(r), r.id): r for r in moved}

    def current(record: Record) -> Record:
        return changed.get((type(record), record.id), record)

    records: list[Record] = [anonymised(person, today)]
    memberships = [current(m) for m in snapshot.memberships.values() if m.id not in dropped]
    others: list[Record] = [
        *snapshot.committees.values(),
        *snapshot.organisations.values(),
        *(current(m) for m in snapshot.meetings.values()),
    ]
    # Only records whose JSON text holds a folded needle at all are scrubbed value by value
    # (at x10 a few of 86,000 records, instead of 2.2 million values).
    naming = {id(r) for r in Needles(needles).naming([*memberships, *others])}
    for record in [*memberships, *others]:
        new = record
        if isinstance(new, Membership) and new.person_id == person_id and new.notes:
            new = dataclasses.replace(new, notes="")
        elif id(record) in naming:
            new = scrub_value(new, needles)
        if new != record or (type(record), record.id) in changed:
            records.append(new)
    for other in snapshot.persons.values():
        if other.id != person_id and (notes := scrub_text(other.notes, needles)) != other.notes:
            records.append(dataclasses.replace(other, notes=notes))
    own_ended = [m for m in closing.ended if m.person_id == person_id]
    return ErasurePlan(records, needles, list(closing.dropped), own_ended, tuple(sorted(shared)))


def is_erased(person: Person | None) -> bool:
    return person is not None and person.erased_on is not None
