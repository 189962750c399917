"""The columns of the import and export tables, German headers as the README documents them.

Exports write these headers and imports read them, so an exported table can be imported again.
Headers are matched umlaut- and case-insensitively ("E-Mail" = "e-mail" = "EMail" is not, though).
"""

from __future__ import annotations

from herford_tui.domain.fold import match_key

ORGANISATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("type", "Art"),
    ("municipality", "Kommune"),
    ("address", "Anschrift"),
    ("phone", "Telefon"),
    ("email", "E-Mail"),
    ("website", "Website"),
    ("notes", "Notizen"),
)

PERSON_COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "Titel"),
    ("given_name", "Vorname"),
    ("family_name", "Nachname"),
    ("function", "Funktion"),
    ("organisation", "Organisation"),
    ("organisation_municipality", "Kommune der Organisation"),
    ("email", "E-Mail"),
    ("phone", "Telefon"),
    ("notes", "Notizen"),
)

MEMBERSHIP_COLUMNS: tuple[tuple[str, str], ...] = (
    ("committee", "Gremium"),
    ("seat", "Sitz"),
    ("family_name", "Nachname"),
    ("given_name", "Vorname"),
    ("email", "E-Mail"),
    ("role", "Rolle"),
    ("represents", "vertritt"),
    ("represents_municipality", "Kommune der vertretenen Organisation"),
    ("start", "Beginn"),
    ("end", "Ende"),
    ("deputy_of", "Stellvertretung für"),
    ("notes", "Notizen"),
)

MEETING_COLUMNS: tuple[str, ...] = ("Gremium", "Datum", "Beginn", "Ende", "Ort", "Status", "Tagesordnung", "Notizen")

REQUIRED: dict[str, tuple[str, ...]] = {
    "organisationen": ("name",),
    "personen": ("family_name",),
    "mitgliedschaften": ("committee", "seat", "family_name", "start"),
}

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "organisationen": ORGANISATION_COLUMNS,
    "personen": PERSON_COLUMNS,
    "mitgliedschaften": MEMBERSHIP_COLUMNS,
}


def headers(columns: tuple[tuple[str, str], ...]) -> list[str]:
    return [header for _, header in columns]


def header_key(text: str) -> str:
    """Headers compare without case, umlauts, spaces and hyphens ("E-Mail" = "email" = "E Mail")."""
    return "".join(c for c in match_key(text) if c.isalnum())
