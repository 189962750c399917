"""Audit log entries as German lines: "28.11.2026 14:03  anna  Person 12 „Anna Ärger“ geändert: …"."""

from __future__ import annotations

import contextlib
import json
from datetime import date, datetime, tzinfo
from typing import Any

from herford_tui.domain.labels import COMMITTEE_KIND, FIELD, MEETING_STATUS, ORG_TYPE, ROLE
from herford_tui.domain.text import printable

WHAT = {
    "committees": "Gremium",
    "organisations": "Organisation",
    "persons": "Person",
    "memberships": "Mitgliedschaft",
    "meetings": "Sitzung",
}
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
        return datetime.fromisoformat(entry["at"]).astimezone(_office_zone())
    except (KeyError, TypeError, ValueError):
        return None


def office_time(at: datetime) -> datetime:
    """``at`` in the office's time zone (the log and the backup list show the same clock)."""
    return at.astimezone(_office_zone())


def _office_zone() -> tzinfo | None:
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
}


def value_text(value: Any, name: str = "") -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and value in ENUM_LABELS.get(name, {}):
        value = ENUM_LABELS[name][value]
    if isinstance(value, str):
        text = value
        with contextlib.suppress(ValueError):  # ISO dates as the staff write them
            text = date.fromisoformat(value).strftime("%d.%m.%Y") if len(value) == 10 else value
    elif isinstance(value, bool):
        text = "ja" if value else "nein"
    else:
        text = json.dumps(value, ensure_ascii=False)
    text = printable(text)
    if len(text) > MAX_VALUE:
        text = text[: MAX_VALUE - 1] + "…"
    return f"„{text}“"


def entry_lines(entry: dict[str, Any]) -> list[str]:
    """A heading line and one indented line per changed field."""
    at = entry_time(entry)
    when = at.strftime("%d.%m.%Y %H:%M") if at else "?"
    what = WHAT.get(entry.get("table", ""), str(entry.get("table", "")))
    action = ACTION.get(entry.get("action", ""), str(entry.get("action", "")))
    label = printable(str(entry.get("label") or ""))
    head = f"{when}  {printable(str(entry.get('user', '?')))}  {what} {entry.get('id')}"
    head += f" „{label}“ {action}" if label else f" {action}"
    lines = [head]
    for name, pair in entry.get("changes", {}).items():
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        field = FIELD.get(name, name)
        if entry.get("action") in ("insert", "restore-insert") and old is None:
            lines.append(f"    {field}: {value_text(new, name)}")
        elif entry.get("action") in ("delete", "restore-delete") and new is None:
            lines.append(f"    {field}: war {value_text(old, name)}")
        else:
            lines.append(f"    {field}: {value_text(old, name)} → {value_text(new, name)}")
    return lines


def matches(
    entry: dict[str, Any],
    *,
    since: date | None = None,
    person_id: int | None = None,
    committee_id: int | None = None,
) -> bool:
    refs = entry.get("refs", {}) or {}
    if since is not None:
        at = entry_time(entry)
        if at is None or at.date() < since:
            return False
    if person_id is not None and refs.get("person") != person_id:
        return False
    return committee_id is None or refs.get("committee") == committee_id


def change_row(entry: dict[str, Any]) -> tuple[str, str, str, str]:
    """(Zeit, Wer, Eintrag, Änderung) of one entry, for the "Änderungen" table."""
    at = entry_time(entry)
    what = WHAT.get(entry.get("table", ""), str(entry.get("table", "")))
    label = str(entry.get("label") or "")
    record = f"{what} {entry.get('id')}" + (f" {label}" if label else "")
    action = ACTION.get(entry.get("action", ""), str(entry.get("action", "")))
    details = [line.strip() for line in entry_lines(entry)[1:]]
    return (
        at.strftime("%d.%m.%Y %H:%M") if at else "?",
        printable(str(entry.get("user", "?"))),
        printable(record),
        f"{action}: " + "; ".join(details) if details else action,
    )


def change_rows(entries: list[dict[str, Any]], limit: int = 1000) -> list[tuple[str, str, str, str]]:
    """The newest ``limit`` entries, newest first."""
    return [change_row(e) for e in reversed(entries[-limit:])]
