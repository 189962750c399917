"""The columns of the import and export tables, German headers as the README documents them.

Exports write these headers and imports read them, so an exported table can be imported again
and gives the same rows. Each row carries our number (``Nr.``): importing a file again updates
the records it names instead of adding them twice, and importing into a new database keeps the
numbers, so the rows that point at each other (``Person Nr.``, ``Stellvertretung für Nr.``) still
do. Every field a form edits has a column; lists inside a record (a committee's seats, a
meeting's agenda and attendance) are one cell of JSON each.

Headers are matched umlaut- and case-insensitively, without spaces and hyphens.
"""

from __future__ import annotations

import re
from collections.abc import Container

from herford_tui.domain.fold import match_key

Columns = tuple[tuple[str, str], ...]

ORGANISATION_COLUMNS: Columns = (
    ("id", "Nr."),
    ("name", "Name"),
    ("type", "Art"),
    ("school_form", "Schulform"),
    ("municipality", "Kommune"),
    ("address", "Anschrift"),
    ("postal_code", "PLZ"),
    ("phone", "Telefon"),
    ("email", "E-Mail"),
    ("website", "Website"),
    ("notes", "Notizen"),
)

PERSON_COLUMNS: Columns = (
    ("id", "Nr."),
    ("title", "Titel"),
    ("given_name", "Vorname"),
    ("family_name", "Nachname"),
    ("function", "Funktion"),
    ("organisation_id", "Organisation Nr."),
    ("organisation", "Organisation"),
    ("organisation_municipality", "Kommune der Organisation"),
    ("email", "E-Mail"),
    ("phone", "Telefon"),
    ("notes", "Notizen"),
    ("erased_on", "DSGVO-gelöscht am"),
)

MEMBERSHIP_COLUMNS: Columns = (
    ("id", "Nr."),
    ("committee", "Gremium"),
    ("seat", "Sitz"),
    ("seat_key", "Sitz-Schlüssel"),
    ("person_id", "Person Nr."),
    ("family_name", "Nachname"),
    ("given_name", "Vorname"),
    ("email", "E-Mail"),
    ("role", "Rolle"),
    ("represents_id", "vertritt Nr."),
    ("represents", "vertritt"),
    ("represents_municipality", "Kommune der vertretenen Organisation"),
    ("start", "Beginn"),
    ("end", "Ende"),
    ("deputy_of_id", "Stellvertretung für Nr."),
    ("deputy_of", "Stellvertretung für"),
    ("notes", "Notizen"),
)

COMMITTEE_COLUMNS: Columns = (
    ("id", "Nr."),
    ("name", "Name"),
    ("short_name", "Kurzname"),
    ("kind", "Art"),
    ("purpose", "Zweck"),
    ("rhythm_min", "Sitzungen pro Jahr mindestens"),
    ("rhythm_max", "Sitzungen pro Jahr höchstens"),
    ("rhythm_note", "Rhythmus"),
    ("order", "Reihenfolge"),
    ("archived", "Archiviert"),
    ("archived_on", "Archiviert am"),
    ("quorum", "Beschlussfähig ab"),
    ("invitation_days", "Einladungsfrist (Tage)"),
    ("seats", "Sitze"),
)

MEETING_COLUMNS: Columns = (
    ("id", "Nr."),
    ("committee", "Gremium"),
    ("date", "Datum"),
    ("start_time", "Beginn"),
    ("end_time", "Ende"),
    ("location", "Ort"),
    ("room", "Raum"),
    ("status", "Status"),
    ("invitation_sent", "Einladung verschickt am"),
    ("notes", "Notizen"),
    ("minutes", "Protokoll"),
    ("guests", "Gäste"),
    ("agenda", "Tagesordnung"),
    ("attendance", "Anwesenheit"),
)

REQUIRED: dict[str, tuple[str, ...]] = {
    "organisationen": ("name",),
    "personen": ("family_name",),
    "mitgliedschaften": ("committee", "seat", "family_name", "start"),
    "gremiendaten": ("name",),
    "sitzungen": ("committee", "date"),
}

COLUMNS: dict[str, Columns] = {
    "organisationen": ORGANISATION_COLUMNS,
    "personen": PERSON_COLUMNS,
    "mitgliedschaften": MEMBERSHIP_COLUMNS,
    "gremiendaten": COMMITTEE_COLUMNS,
    "sitzungen": MEETING_COLUMNS,
}


def headers(columns: Columns) -> list[str]:
    return [header for _, header in columns]


def header_key(text: str) -> str:
    """Headers compare without case, umlauts, spaces and hyphens ("E-Mail" = "email" = "E Mail")."""
    return "".join(c for c in match_key(text) if c.isalnum())


_REMARK = re.compile(r"\s*\([^()]*\)\s*$")


def known_key(text: str, known: Container[str]) -> str:
    """``header_key`` of a header, or of it without a closing remark in brackets when only that
    is a column: the README's table explains columns that way ("Organisation (Name)", "Beginn
    (TT.MM.JJJJ)"), and a header copied from it was ignored ("unbekannt") with its data.
    Headers whose bracket is part of the name ("Einladungsfrist (Tage)") match whole first."""
    key = header_key(text)
    if key in known:
        return key
    bare = _REMARK.sub("", text)
    return header_key(bare) if bare else key
