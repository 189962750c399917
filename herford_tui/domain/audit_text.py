"""Audit log entries as German lines: "28.11.2026 14:03  anna  Person 12 „Anna Ärger“ geändert: …".

Numbers inside an entry (a membership's person, a task's assignee, a seat's key) are shown by name
(``Names``); agenda, decisions, tasks and attendance are compared part by part, so a change reads
"TOP 1 „Haushalt“: Protokoll — → „Beschlossen.“" instead of two cut JSON texts.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from herford_tui.domain.labels import (
    ATTENDANCE,
    COMMITTEE_KIND,
    DECISION_RESULT,
    FIELD,
    MEETING_STATUS,
    ORG_TYPE,
    RECORD_NAME,
    ROLE,
    format_date,
    format_moment,
)
from herford_tui.domain.text import printable, shorten

if TYPE_CHECKING:
    from herford_tui.domain import Snapshot

Entry = dict[str, Any]

WHAT = {table: one for table, (one, _) in RECORD_NAME.items()}
ACTION = {
    "insert": "angelegt",
    "update": "geändert",
    "delete": "gelöscht",
    "erase": "personenbezogene Daten gelöscht (DSGVO)",
    "restore-insert": "durch Wiederherstellung zurückgeholt",
    "restore-update": "durch Wiederherstellung geändert",
    "restore-delete": "durch Wiederherstellung entfernt",
}
MAX_VALUE = 80


def entry_time(entry: dict[str, Any]) -> datetime | None:
    """When the change happened, in the office's time zone (whatever the server's is)."""
    try:
        return datetime.fromisoformat(entry["at"]).astimezone(office_zone())
    except (KeyError, TypeError, ValueError):
        return None


def office_time(at: datetime) -> datetime:
    """``at`` in the office's time zone (the log and the backup list show the same clock)."""
    return at.astimezone(office_zone())


def office_zone() -> tzinfo | None:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Berlin")
    except Exception:  # no time zone data on this system: the server's local time
        return None


ENUM_LABELS: dict[str, dict[str, str]] = {
    "role": {k.value: v for k, v in ROLE.items()},
    "type": {k.value: v for k, v in ORG_TYPE.items()},
    "status": {k.value: v for k, v in MEETING_STATUS.items()},
    "kind": {k.value: v for k, v in COMMITTEE_KIND.items()},
    "result": {k.value: v for k, v in DECISION_RESULT.items()},
}

LABEL = FIELD | {
    "erased_on": "nach DSGVO gelöscht am",
    "archived": "archiviert",
    "archived_on": "archiviert am",
    "order": "Reihenfolge",
    "rhythm_note": "Rhythmus (Hinweis)",
    "public": "öffentlich",
    "responsible_person_id": "zuständig",
    "text": "Text",
    "result": "Ergebnis",
    "what": "Aufgabe",
    "due": "fällig",
    "done": "erledigt",
    "number": "Nummer",
    "label": "Bezeichnung",
    "group": "Gruppe",
    "count": "Anzahl",
    "advisory": "beratend",
    "key": "Schlüssel",
    "deputy_id": "vertreten durch",
}
"""Field names as the staff read them; a field not named here keeps its own name."""

REFERENCES = {
    "person_id": "persons",
    "organisation_id": "organisations",
    "committee_id": "committees",
    "represents_id": "organisations",
    "deputy_of": "memberships",
    "responsible_person_id": "persons",
    "deputy_id": "persons",
}
"""Fields holding the number of another record: shown by that record's name."""

ITEMS = {"agenda": "TOP", "decisions": "Beschluss", "tasks": "Aufgabe", "seats": "Sitz"}
"""Lists of parts inside a record, compared part by part."""


@dataclass
class Names:
    """Names for the numbers in log entries: from the current data, else from the log's own labels
    (a deleted record keeps the name it had), else "Nr. 12"."""

    labels: dict[tuple[str, int], str] = field(default_factory=dict)
    seats: dict[tuple[int, str], str] = field(default_factory=dict)
    longest: int = MAX_VALUE
    """A value longer than this is cut with "…" (a log line stays readable; the Auskunft cuts nothing)."""

    @classmethod
    def of(cls, snapshot: Snapshot | None, entries: Iterable[Entry] = ()) -> Names:
        names = cls()
        for entry in entries:
            label, table, number = entry.get("label"), entry.get("table"), entry.get("id")
            if label and isinstance(table, str) and isinstance(number, int):
                names.labels[(table, number)] = str(label)
        if snapshot is not None:
            for person in snapshot.persons.values():
                names.labels[("persons", person.id)] = person.full_name or "gelöschte Person"
            for organisation in snapshot.organisations.values():
                names.labels[("organisations", organisation.id)] = organisation.name
            for committee in snapshot.committees.values():
                names.labels[("committees", committee.id)] = committee.name
                for seat in committee.seats:
                    names.seats[(committee.id, seat.key)] = seat.label
            for membership in snapshot.memberships.values():
                member = snapshot.persons.get(membership.person_id)
                body = snapshot.committees.get(membership.committee_id)
                if member is not None and body is not None:
                    names.labels[("memberships", membership.id)] = f"{member.full_name} – {body.name}"
        return names

    def record(self, table: str, number: Any) -> str:
        if not isinstance(number, int) or isinstance(number, bool):
            return str(number)
        return self.labels.get((table, number)) or f"Nr. {number}"

    def seat(self, committee_id: Any, key: str) -> str:
        return self.seats.get((committee_id, key), key) if isinstance(committee_id, int) else key


NO_NAMES = Names()


def value_text(value: Any, name: str = "", names: Names = NO_NAMES, committee_id: Any = None) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if name in REFERENCES:
        value = names.record(REFERENCES[name], value)
    elif name == "seat_key" and isinstance(value, str):
        value = names.seat(committee_id, value)
    elif isinstance(value, str) and value in ENUM_LABELS.get(name, {}):
        value = ENUM_LABELS[name][value]
    if isinstance(value, str):
        text = value
        with contextlib.suppress(ValueError):  # ISO dates as the staff write them
            text = format_date(date.fromisoformat(value)) if len(value) == 10 else value
    elif isinstance(value, bool):
        text = "ja" if value else "nein"
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = ", ".join(value)
    else:
        text = json.dumps(value, ensure_ascii=False)
    text = printable(text)
    text = shorten(text, names.longest)
    return f"„{text}“"


def field_label(name: str) -> str:
    return LABEL.get(name, name)


def change_text(name: str, old: Any, new: Any, action: str, names: Names, committee_id: Any) -> list[str]:
    """One field's change as lines without indentation (several for agenda and attendance)."""
    if name == "attendance" and isinstance(old or [], list) and isinstance(new or [], list):
        return attendance_changes(old or [], new or [], names)
    if name in ITEMS and _dict_list(old) and _dict_list(new):
        return item_changes(name, old or [], new or [], names, committee_id)
    label = field_label(name)
    if action in ("insert", "restore-insert") and old is None:
        return [f"{label}: {value_text(new, name, names, committee_id)}"]
    if action in ("delete", "restore-delete") and new is None:
        return [f"{label}: war {value_text(old, name, names, committee_id)}"]
    return [f"{label}: {value_text(old, name, names, committee_id)} → {value_text(new, name, names, committee_id)}"]


def _dict_list(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(v, dict) for v in value))


def _item_name(kind: str, item: dict[str, Any], position: int) -> str:
    if kind == "agenda":
        number = printable(str(item.get("number") or position + 1))
        title = item.get("title")
        return f"TOP {number} „{printable(str(title))}“" if title else f"TOP {number}"
    if kind == "seats":
        return f"Sitz „{printable(str(item.get('label') or item.get('key') or position + 1))}“"
    return f"{ITEMS[kind]} {position + 1}"


def item_changes(
    kind: str, old: list[dict[str, Any]], new: list[dict[str, Any]], names: Names, committee_id: Any
) -> list[str]:
    """Parts of a list (agenda items, decisions, tasks, seats) compared by position: what came, went
    or changed, field by field; nothing when both sides are the same."""
    lines = []
    for position in range(max(len(old), len(new))):
        before = old[position] if position < len(old) else None
        after = new[position] if position < len(new) else None
        if before is None and after is not None:
            lines.append(f"{_item_name(kind, after, position)} neu")
            lines.extend(f"  {line}" for line in _fields(after, None, names, committee_id, inserted=True))
        elif after is None and before is not None:
            lines.append(f"{_item_name(kind, before, position)} entfernt")
        elif before is not None and after is not None and before != after:
            head = _item_name(kind, after, position)
            for line in _fields(before, after, names, committee_id):
                lines.append(f"{head}: {line}")
    return lines


def _fields(
    before: dict[str, Any], after: dict[str, Any] | None, names: Names, committee_id: Any, *, inserted: bool = False
) -> list[str]:
    lines = []
    if inserted:
        for name, value in before.items():
            shown_in_heading = name in ("number", "title", "label", "key")
            if value not in (None, "", [], False) and not shown_in_heading and not (name == "public" and value):
                lines.extend(change_text(name, None, value, "insert", names, committee_id))
        return lines
    assert after is not None
    for name in dict.fromkeys([*before, *after]):
        if before.get(name) != after.get(name):
            lines.extend(change_text(name, before.get(name), after.get(name), "update", names, committee_id))
    return lines


def _attendance_text(row: dict[str, Any], names: Names) -> str:
    status = ENUM_LABELS_ATTENDANCE.get(str(row.get("status")), str(row.get("status")))
    if row.get("deputy_id") is not None:
        status += f" (durch {printable(names.record('persons', row.get('deputy_id')))})"
    return status


ENUM_LABELS_ATTENDANCE = {k.value: v for k, v in ATTENDANCE.items()}


def attendance_changes(old: list[Any], new: list[Any], names: Names) -> list[str]:
    """Attendance per person: "Anna Ärger: anwesend → vertreten (durch Bert Vertreter)"."""
    before = {row.get("person_id"): row for row in old if isinstance(row, dict)}
    after = {row.get("person_id"): row for row in new if isinstance(row, dict)}
    lines = []
    for person in dict.fromkeys([*before, *after]):
        who = printable(names.record("persons", person))
        was, now = before.get(person), after.get(person)
        if was is None and now is not None:
            lines.append(f"Anwesenheit {who}: {_attendance_text(now, names)}")
        elif now is None and was is not None:
            lines.append(f"Anwesenheit {who}: nicht mehr erfasst (war {_attendance_text(was, names)})")
        elif was != now and was is not None and now is not None:
            lines.append(f"Anwesenheit {who}: {_attendance_text(was, names)} → {_attendance_text(now, names)}")
    return lines


def entry_lines(entry: dict[str, Any], names: Names = NO_NAMES) -> list[str]:
    """A heading line and one indented line per change (agenda and attendance part by part)."""
    at = entry_time(entry)
    when = format_moment(at) or "?"
    what = WHAT.get(entry.get("table", ""), str(entry.get("table", "")))
    action = ACTION.get(entry.get("action", ""), str(entry.get("action", "")))
    label = printable(str(entry.get("label") or ""))
    head = f"{when}  {printable(str(entry.get('user', '?')))}  {what} {entry.get('id')}"
    head += f" „{label}“ {action}" if label else f" {action}"
    lines = [head]
    changes = entry.get("changes", {}) or {}
    committee_id = _committee_of(entry, changes)
    for name, pair in changes.items():
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        for line in change_text(name, old, new, str(entry.get("action", "")), names, committee_id):
            lines.append(f"    {line}")
    return lines


def _committee_of(entry: dict[str, Any], changes: dict[str, Any]) -> Any:
    """The committee whose seats a seat key names: the entry's own, or the one it refers to."""
    pair = changes.get("committee_id")
    if isinstance(pair, list) and len(pair) == 2:
        return pair[1] if pair[1] is not None else pair[0]
    if entry.get("table") == "committees":
        return entry.get("id")
    return (entry.get("refs") or {}).get("committee")


def matches(
    entry: dict[str, Any],
    *,
    since: date | None = None,
    until: date | None = None,
    person_id: int | None = None,
    committee_id: int | None = None,
    persons: AbstractSet[int] | None = None,
    committees: AbstractSet[int] | None = None,
) -> bool:
    """Whether ``entry`` is in the time span and about the person and the committee; ``persons``
    and ``committees``: about any of them (a name typed on "Änderungen" that several bear)."""
    refs = entry.get("refs", {}) or {}
    if since is not None or until is not None:
        at = entry_time(entry)
        if at is None or (since is not None and at.date() < since) or (until is not None and at.date() > until):
            return False
    if person_id is not None:
        persons = {person_id} if persons is None else persons & {person_id}
    if persons is not None and refs.get("person") not in persons and not _names_person(entry, persons):
        return False
    if committee_id is not None:
        committees = {committee_id} if committees is None else committees & {committee_id}
    return committees is None or refs.get("committee") in committees


def _names_person(entry: dict[str, Any], persons: AbstractSet[int]) -> bool:
    """A meeting whose attendance or tasks changed for one of the persons also belongs to their
    history; a change of someone else's line does not, though the whole list names the person
    too (the log of one person showed everyone's attendance of each meeting they were in).

    Each part of a list is walked once for all of ``persons`` (a first name typed on "Änderungen"
    is borne by dozens: walked once per person, 2,000 meetings took seconds at every key)."""
    if entry.get("table") != "meetings":
        return False
    for pair in (entry.get("changes") or {}).values():
        if not isinstance(pair, list):
            continue
        if len(pair) == 2 and all(isinstance(side, list) for side in pair):
            old, new = pair
            named_old, named_new = ([_named(part, persons) for part in side] for side in (old, new))
            for person in set().union(*named_old, *named_new):
                mine_old = [part for part, named in zip(old, named_old, strict=True) if person in named]
                mine_new = [part for part, named in zip(new, named_new, strict=True) if person in named]
                if mine_old != mine_new:
                    return True
        elif any(_named(side, persons) for side in pair):
            return True
    return False


def _named(value: Any, persons: AbstractSet[int]) -> set[int]:
    """Which of ``persons`` the value names (as attendee, stand-in or one responsible)."""
    found: set[int] = set()
    if isinstance(value, dict):
        for key, v in value.items():
            if key in ("person_id", "deputy_id", "responsible_person_id") and isinstance(v, int) and v in persons:
                found.add(v)
            elif isinstance(v, dict | list):
                found |= _named(v, persons)
    elif isinstance(value, list):
        for v in value:
            found |= _named(v, persons)
    return found


def change_row(entry: dict[str, Any], names: Names = NO_NAMES) -> tuple[str, str, str, str]:
    """(Zeit, Wer, Eintrag, Änderung) of one entry, for the "Änderungen" table."""
    at = entry_time(entry)
    what = WHAT.get(entry.get("table", ""), str(entry.get("table", "")))
    label = str(entry.get("label") or "")
    record = f"{what} {entry.get('id')}" + (f" {label}" if label else "")
    action = ACTION.get(entry.get("action", ""), str(entry.get("action", "")))
    details = [line.strip() for line in entry_lines(entry, names)[1:]]
    return (
        (format_moment(at) or "?"),
        printable(str(entry.get("user", "?"))),
        printable(record),
        f"{action}: " + "; ".join(details) if details else action,
    )


def change_rows(
    entries: list[dict[str, Any]], limit: int = 1000, names: Names = NO_NAMES
) -> list[tuple[str, str, str, str]]:
    """The newest ``limit`` entries, newest first."""
    return [change_row(e, names) for e in reversed(entries[-limit:])]
