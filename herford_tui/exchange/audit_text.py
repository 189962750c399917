"""Audit log entries as German lines: "28.11.2026 14:03  anna  Person 12 „Anna Ärger“ geändert: …"."""

from __future__ import annotations

import contextlib
import json
from datetime import date, datetime
from typing import Any

from herford_tui.domain.labels import FIELD
from herford_tui.domain.text import printable

WHAT = {
    "committees": "Gremium",
    "organisations": "Organisation",
    "persons": "Person",
    "memberships": "Mitgliedschaft",
    "meetings": "Sitzung",
}
ACTION = {"insert": "angelegt", "update": "geändert", "delete": "gelöscht", "restore": "wiederhergestellt"}
MAX_VALUE = 80


def entry_time(entry: dict[str, Any]) -> datetime | None:
    try:
        return datetime.fromisoformat(entry["at"]).astimezone()
    except (KeyError, TypeError, ValueError):
        return None


def value_text(value: Any) -> str:
    if value is None or value == "":
        return "—"
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
        if entry.get("action") == "insert":
            lines.append(f"    {field}: {value_text(new)}")
        elif entry.get("action") == "delete":
            lines.append(f"    {field}: war {value_text(old)}")
        else:
            lines.append(f"    {field}: {value_text(old)} → {value_text(new)}")
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
