"""Turning record values into the German text a user reads."""

from __future__ import annotations

import enum
from datetime import date, time

from herford_tui.domain import labels


def _enum_label(value: enum.Enum) -> str:
    for table in (labels.ROLE, labels.MEETING_STATUS, labels.ORG_TYPE, labels.COMMITTEE_KIND, labels.ATTENDANCE):
        if value in table:
            return table[value]
    return str(value.value)


def display_value(value: object) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, enum.Enum):
        return _enum_label(value)
    if isinstance(value, date):
        return labels.format_date(value)
    if isinstance(value, time):
        return labels.format_time(value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list):
        return f"{len(value)} Einträge"
    return str(value)
