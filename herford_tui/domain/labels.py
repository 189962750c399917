"""The German words for every enum, in one place so each word reads the same everywhere."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date, datetime, time

from herford_tui.domain.models import (
    Attendance,
    Committee,
    CommitteeKind,
    DecisionResult,
    MeetingStatus,
    OrgType,
    Person,
    Role,
)
from herford_tui.domain.text import shorten

COMMITTEE_KIND = {
    CommitteeKind.KONFERENZ: "Konferenz",
    CommitteeKind.LENKUNG: "Lenkungsgremium",
    CommitteeKind.LEITUNG: "Leitungsteam",
    CommitteeKind.ARBEITSKREIS: "Arbeitskreis",
    CommitteeKind.SONSTIGE: "Sonstiges Gremium",
}

ROLE = {
    Role.VORSITZ: "Vorsitz",
    Role.CO_VORSITZ: "Co-Vorsitz",
    Role.MITGLIED: "Mitglied",
    Role.STELLVERTRETUNG: "Stellvertretung",
    Role.GAST: "Gast",
    Role.GESCHAEFTSFUEHRUNG: "Geschäftsführung",
}

MEETING_STATUS = {
    MeetingStatus.GEPLANT: "geplant",
    MeetingStatus.EINGELADEN: "eingeladen",
    MeetingStatus.DURCHGEFUEHRT: "durchgeführt",
    MeetingStatus.ABGESAGT: "abgesagt",
}

ATTENDANCE = {
    Attendance.ANWESEND: "anwesend",
    Attendance.ENTSCHULDIGT: "entschuldigt",
    Attendance.FEHLEND: "abwesend",
    Attendance.VERTRETEN: "vertreten",
}

DECISION_RESULT = {
    DecisionResult.EINSTIMMIG: "einstimmig",
    DecisionResult.MEHRHEITLICH: "mehrheitlich",
    DecisionResult.ABGELEHNT: "abgelehnt",
    DecisionResult.VERTAGT: "vertagt",
}

ORG_TYPE = {
    OrgType.VERWALTUNG: "Verwaltung",
    OrgType.SCHULAUFSICHT: "Schulaufsicht",
    OrgType.SCHULTRAEGER: "Schulträger",
    OrgType.SCHULE: "Schule",
    OrgType.KITA: "Kindertageseinrichtung",
    OrgType.VHS: "Volkshochschule",
    OrgType.BILDUNGSTRAEGER: "Bildungsträger",
    OrgType.WEITERBILDUNGSTRAEGER: "Weiterbildungsträger",
    OrgType.AUSSERSCHULISCH: "Außerschulische Einrichtung",
    OrgType.JUGENDHILFE: "Jugendhilfe",
    OrgType.GEWERKSCHAFT: "Gewerkschaft",
    OrgType.KAMMER: "Kammer",
    OrgType.ARBEITSVERWALTUNG: "Jobcenter / Arbeitsagentur",
    OrgType.WIRTSCHAFT: "Wirtschaft",
    OrgType.ARBEITGEBERVERBAND: "Arbeitgeberverband",
    OrgType.POLITIK: "Politik",
    OrgType.SPORT: "Sport",
    OrgType.KIRCHE: "Kirche",
    OrgType.ELTERN_SCHUELER: "Eltern- und Schülervertretung",
    OrgType.INTEGRATION: "Integration",
    OrgType.VERBAND: "Verband",
    OrgType.SONSTIGE: "Sonstige",
}

RECORD_NAME: dict[str, tuple[str, str]] = {
    "committees": ("Gremium", "Gremien"),
    "organisations": ("Organisation", "Organisationen"),
    "persons": ("Person", "Personen"),
    "memberships": ("Mitgliedschaft", "Mitgliedschaften"),
    "meetings": ("Sitzung", "Sitzungen"),
}
"""Each table's record in German, singular and plural: the store's and the check's messages,
the change log, the import and the search name a record alike."""

FIELD = {
    "name": "Name",
    "short_name": "Kurzname",
    "kind": "Art",
    "purpose": "Aufgabe",
    "rhythm_min": "Sitzungen pro Jahr (mindestens)",
    "rhythm_max": "Sitzungen pro Jahr (höchstens)",
    "seats": "Sitze",
    "seat_label": "Sitz",
    "seat_count": "Anzahl",
    "type": "Art",
    "municipality": "Kommune",
    "address": "Anschrift",
    "phone": "Telefon",
    "email": "E-Mail",
    "website": "Website",
    "given_name": "Vorname",
    "family_name": "Nachname",
    "title": "Titel",
    "function": "Funktion",
    "organisation_id": "Organisation",
    "person_id": "Person",
    "committee_id": "Gremium",
    "seat_key": "Sitz",
    "role": "Rolle",
    "represents_id": "vertritt",
    "deputy_of": "Stellvertretung für",
    "start": "Beginn",
    "end": "Ende",
    "date": "Datum",
    "start_time": "Beginn",
    "end_time": "Ende",
    "location": "Ort",
    "status": "Status",
    "agenda": "Tagesordnung",
    "notes": "Notizen",
    "postal_code": "PLZ",
    "school_form": "Schulform",
    "room": "Raum",
    "invitation_sent": "eingeladen am",
    "guests": "Gäste",
    "minutes": "Protokoll",
    "quorum": "Beschlussfähig ab",
    "invitation_days": "Einladungsfrist (Tage)",
    "attendance": "Anwesenheit",
    "decisions": "Beschlüsse",
    "tasks": "Aufgaben",
}


def person_label(person: Person | None, person_id: int) -> str:
    """A person named by a reference (a member, a task's "Wer", a deputy's owner), the one wording
    of every view, document and log: the full name; "Person 17" for a record without a name;
    "Person 17 (gelöscht)" for an id that no longer resolves (a colleague deleted the person,
    an import left the reference). ``Snapshot.person_name`` looks the id up."""
    if person is None:
        return f"Person {person_id} (gelöscht)"
    return person.full_name or f"Person {person_id}"


DATE_FORMAT = "%d.%m.%Y"
WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip


def format_date(value: date | None, *, weekday: bool = False) -> str:
    if value is None:
        return ""
    text = value.strftime(DATE_FORMAT)
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def format_time(value: time | None) -> str:
    return "" if value is None else value.strftime("%H:%M")


def format_moment(value: datetime | None) -> str:
    """A point in time as the office reads it: 28.11.2026 14:05 (empty for None); the caller
    turns it into office time first (``audit_text.office_time``) where it came as UTC."""
    return "" if value is None else f"{format_date(value.date())} {format_time(value.time())}"


def number(value: int) -> str:
    """A count as German text: 3.000 Personen, 12.345 Einträge (the point groups thousands)."""
    return f"{value:,}".replace(",", ".")


_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2})?)?")


def whole_number(text: str) -> int | None:
    """A count or number as typed ("12"), or None: ASCII digits only, at most 12. "²" (AltGr+2 on
    a German keyboard) passes ``str.isdigit`` but not ``int``; "-1" and "３" are no count either.
    The one rule of the forms, the import and the command line."""
    text = text.strip()
    if not text or len(text) > 12 or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def not_a_number(text: str) -> str:
    """The message for what ``whole_number`` refused."""
    return f"„{shorten(text.strip())}“ ist keine ganze Zahl."


def date_parts(text: str) -> tuple[int, int, int | None] | None:
    """Day, month and year of a date as typed: 28.11.2026, 28.11.26, and without a year 28.11.
    or 28.11 (year None); None if it is not shaped as a date. Not checked (31.2. passes): the
    one reading of a typed date, for ``parse_date`` and the search (``search_index.query_words``).
    A two-digit year is 2000-2068 or 1969-1999, as Python's ``%y``."""
    found = _DAY.fullmatch(text.strip())
    if found is None:
        return None
    day, month, year = found.groups()
    if year is None:
        return int(day), int(month), None
    full = int(year) if len(year) == 4 else int(year) + (2000 if int(year) < 69 else 1900)
    return int(day), int(month), full


DAY_TO_COME = "TT.MM.JJJJ oder TT.MM. (der nächste)"
"""The hint of a field that takes a day to come (``parse_date(..., coming_from=...)``)."""


def parse_date(text: str, *, coming_from: date | None = None) -> date:
    """Read a German date such as 28.11.2026 (also 28.11.26); raise ValueError in German.

    ``coming_from``: the date is a day to come (a task's due date, a meeting to find): without a
    year ("31.1.") it is the next such day from ``coming_from`` on (today: today). Otherwise a
    date needs its year: a day in the past (joined, left, as of) is not guessed."""
    text = text.strip()
    parts = date_parts(text)
    if parts is not None:
        day, month, year = parts
        if year is not None:
            with suppress(ValueError):  # 31.2.2026: not a day
                return date(year, month, day)
        elif coming_from is not None:
            for candidate in range(coming_from.year, coming_from.year + 9):  # the next 29.2. within 8 years
                with suppress(ValueError):
                    if (found := date(candidate, month, day)) >= coming_from:
                        return found
        elif _a_day(2000, month, day):  # a day, but here (joined, left, as of) its year is not guessed
            raise ValueError(f"„{text}“: hier bitte mit Jahr (TT.MM.JJJJ, z. B. 28.11.2026).")
    raise ValueError(f"„{text}“ ist kein Datum (TT.MM.JJJJ, z. B. 28.11.2026).")


def _a_day(year: int, month: int, day: int) -> bool:
    """Whether day and month name a day (2000 has a 29.2.)."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def parse_time(text: str) -> time:
    text = text.strip()
    for fmt in ("%H:%M", "%H.%M", "%H"):
        try:
            return datetime.strptime(text, fmt).time()
        except ValueError:
            continue
    raise ValueError(f"„{text}“ ist keine Uhrzeit (HH:MM, z. B. 14:30).")


def rhythm_text(committee: Committee) -> str:
    low, high, note = committee.rhythm_min, committee.rhythm_max, committee.rhythm_note
    if high == 0:
        return note or "Rhythmus nicht festgelegt"
    text = f"tagt {low}× im Jahr" if low == high else f"tagt {low}–{high}× im Jahr"
    return f"{text} ({note})" if note else text
