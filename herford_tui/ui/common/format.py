"""Turning record values into the German text a user reads."""

from __future__ import annotations

import enum
from datetime import date, time

from rich.text import Text
from textual.content import Content

from herford_tui.domain import labels
from herford_tui.domain.directory import count_text
from herford_tui.domain.text import printable


def _enum_label(value: enum.Enum) -> str:
    tables: tuple[dict, ...] = (
        labels.ROLE,
        labels.MEETING_STATUS,
        labels.ORG_TYPE,
        labels.COMMITTEE_KIND,
        labels.ATTENDANCE,
    )
    for table in tables:
        if value in table:
            return str(table[value])
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
        return count_text(len(value), "Eintrag", "Einträge")
    return str(value)


def plain(text: str, style: str = "", *, keep_newlines: bool = False) -> Content:
    """User data for a Label, Static, title or notification: never parsed as markup,
    control characters shown as visible escapes (see ``domain.text``)."""
    return (
        Content.styled(printable(text, keep_newlines=keep_newlines), style)
        if style
        else Content(printable(text, keep_newlines=keep_newlines))
    )


def plain_cell(text: str, style: str = "") -> Text:
    """User data for a DataTable cell: DataTable parses plain ``str`` cells as markup."""
    return Text(printable(text), style=style, overflow="ellipsis", no_wrap=True)
