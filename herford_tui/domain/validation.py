"""Checks of single records; each problem names the field and says in German what is wrong."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from herford_tui.domain.labels import FIELD
from herford_tui.domain.models import (
    KREISWEIT,
    MUNICIPALITIES,
    Committee,
    Meeting,
    Membership,
    Organisation,
    Person,
    Record,
    Role,
)
from herford_tui.domain.text import shorten

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^(?=.*[0-9])[0-9+()/ \-]{3,}$")
WEBSITE_RE = re.compile(r"^(https?://)?[^\s/]+\.[^\s]+$")
MAX_MEETINGS_PER_YEAR = 52

MAX_LENGTH: dict[str, int] = {
    # names and short texts shown in lists and titles
    "name": 200,
    "short_name": 40,
    "title": 60,
    "given_name": 100,
    "family_name": 100,
    "function": 200,
    "key": 60,
    "label": 200,
    "group": 200,
    "seat_key": 60,
    "number": 20,
    "location": 300,
    "municipality": 60,
    # contact data
    "address": 300,
    "phone": 60,
    "email": 254,  # the longest address the mail standards allow
    "website": 300,
    # free text
    "rhythm_note": 500,
    "purpose": 4000,
    "notes": 10_000,
}
"""Most characters each text field may hold; forms, imports and ``check`` use the same limits."""
NESTED_MAX_LENGTH: dict[str, int] = {"agenda.title": 500, "agenda.number": 20, "seats.label": 200, "seats.key": 60}
"""Limits of the fields of sub-records, where the name alone would mislead (an agenda title is
not a person's title)."""
DEFAULT_MAX_LENGTH = 1000
"""For a text field not named above (e.g. one added later): still bounded."""
NESTED_FIELD = {"seats": "Sitz", "agenda": "Tagesordnungspunkt"}
"""How a list of sub-records names one of its entries in a message."""
NESTED_LABEL = {"key": "Schlüssel", "label": "Bezeichnung", "group": "Gruppe", "number": "Nummer", "title": "Titel"}


@dataclass(frozen=True)
class Problem:
    """What is wrong with a field of a record, in German."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{FIELD.get(self.field, self.field)}: {self.message}"


class ValidationError(ValueError):
    """Raised by the store when a record fails its checks; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def max_length(field_name: str) -> int:
    """The most characters field ``field_name`` may hold (for a form's ``Input(max_length=...)``)."""
    return MAX_LENGTH.get(field_name, DEFAULT_MAX_LENGTH)


def _german_number(n: int) -> str:
    from herford_tui.domain.labels import number  # labels imports the models, as this module does

    return number(n)


def _too_long(value: str, limit: int) -> str:
    return f"Höchstens {_german_number(limit)} Zeichen erlaubt, hier sind es {_german_number(len(value))}."


def text_length_problems(record: object) -> list[Problem]:
    """Every text field of ``record`` (and of its seats or agenda items) longer than its limit.

    The messages never quote the text itself: a hostile 50 MB name must not become a 50 MB message.
    """
    problems: list[Problem] = []
    for f in dataclasses.fields(record):  # type: ignore[arg-type]
        value = getattr(record, f.name)
        if isinstance(value, str):
            limit = max_length(f.name)
            if len(value) > limit:
                problems.append(Problem(f.name, _too_long(value, limit)))
        elif isinstance(value, list):
            for position, item in enumerate(value, start=1):
                if not dataclasses.is_dataclass(item):
                    continue
                for sub in dataclasses.fields(item):
                    text = getattr(item, sub.name)
                    limit = NESTED_MAX_LENGTH.get(f"{f.name}.{sub.name}", max_length(sub.name))
                    if isinstance(text, str) and len(text) > limit:
                        where = (
                            f"{NESTED_FIELD.get(f.name, 'Eintrag')} {position}, {NESTED_LABEL.get(sub.name, sub.name)}"
                        )
                        problems.append(Problem(f.name, f"{where}: {_too_long(text, limit)}"))
    return problems


def _fits(field_name: str, value: str) -> bool:
    """Format checks quote the value; an over-long one is already reported by its length."""
    return len(value) <= max_length(field_name)


def _required(problems: list[Problem], name: str, value: str, what: str) -> None:
    if not value.strip():
        problems.append(Problem(name, f"{what} darf nicht leer sein."))


def _email(problems: list[Problem], value: str) -> None:
    if value and _fits("email", value) and not EMAIL_RE.match(value):
        problems.append(Problem("email", f"„{value}“ ist keine gültige E-Mail-Adresse."))


def _phone(problems: list[Problem], value: str) -> None:
    if value and _fits("phone", value) and not PHONE_RE.match(value):
        problems.append(Problem("phone", f"„{value}“ ist keine Telefonnummer (nur Ziffern, +, /, -, Leerzeichen)."))


def validate_committee(c: Committee) -> list[Problem]:
    problems = text_length_problems(c)
    _required(problems, "name", c.name, "Der Name")
    if c.rhythm_min < 0 or c.rhythm_max > MAX_MEETINGS_PER_YEAR:
        problems.append(
            Problem("rhythm_min", f"Sitzungen pro Jahr müssen zwischen 0 und {MAX_MEETINGS_PER_YEAR} liegen.")
        )
    if c.rhythm_max < c.rhythm_min:
        problems.append(Problem("rhythm_max", "Höchstzahl der Sitzungen liegt unter der Mindestzahl."))
    keys: set[str] = set()
    for seat in c.seats:
        if not seat.label.strip():
            problems.append(Problem("seat_label", "Ein Sitz braucht eine Bezeichnung."))
        if seat.count is not None and seat.count < 1:
            problems.append(Problem("seat_count", f"Sitz „{shorten(seat.label)}“: Anzahl muss mindestens 1 sein."))
        if not seat.key or seat.key in keys:
            problems.append(Problem("seats", f"Sitz „{shorten(seat.label)}“ hat keinen eindeutigen Schlüssel."))
        keys.add(seat.key)
    return problems


def validate_organisation(o: Organisation) -> list[Problem]:
    problems = text_length_problems(o)
    _required(problems, "name", o.name, "Der Name")
    if o.municipality != KREISWEIT and o.municipality not in MUNICIPALITIES and _fits("municipality", o.municipality):
        problems.append(
            Problem(
                "municipality",
                f"„{o.municipality}“ ist keine Kommune im Kreis Herford "
                f"(erlaubt: {', '.join(MUNICIPALITIES)} oder „{KREISWEIT}“).",
            )
        )
    _email(problems, o.email)
    _phone(problems, o.phone)
    if o.postal_code and not (len(o.postal_code) == 5 and o.postal_code.isascii() and o.postal_code.isdigit()):
        message = f"„{o.postal_code}“ ist keine Postleitzahl (fünf Ziffern, z. B. 32051)."
        problems.append(Problem("postal_code", message))
    if o.website and _fits("website", o.website) and not WEBSITE_RE.match(o.website):
        problems.append(Problem("website", f"„{o.website}“ ist keine Web-Adresse."))
    return problems


def validate_person(p: Person) -> list[Problem]:
    problems = text_length_problems(p)
    _required(problems, "family_name", p.family_name, "Der Nachname")
    _email(problems, p.email)
    _phone(problems, p.phone)
    return problems


def validate_membership(m: Membership) -> list[Problem]:
    problems = text_length_problems(m)
    if not m.person_id:
        problems.append(Problem("person_id", "Bitte eine Person wählen."))
    if not m.committee_id:
        problems.append(Problem("committee_id", "Bitte ein Gremium wählen."))
    if not m.seat_key:
        problems.append(Problem("seat_key", "Bitte einen Sitz wählen."))
    if m.start is None:
        problems.append(Problem("start", "Bitte ein Beginndatum angeben."))
    if m.start and m.end and m.end < m.start:
        problems.append(Problem("end", "Das Ende liegt vor dem Beginn."))
    if m.role is Role.STELLVERTRETUNG and not m.deputy_of:
        problems.append(Problem("deputy_of", "Eine Stellvertretung braucht das vertretene Mitglied."))
    if m.deputy_of and m.deputy_of == m.id:
        problems.append(Problem("deputy_of", "Niemand kann sich selbst vertreten."))
    return problems


def validate_meeting(m: Meeting) -> list[Problem]:
    problems = text_length_problems(m)
    if not m.committee_id:
        problems.append(Problem("committee_id", "Bitte ein Gremium wählen."))
    if m.date is None:
        problems.append(Problem("date", "Bitte ein Datum angeben."))
    if m.start_time and m.end_time and m.end_time < m.start_time:
        problems.append(Problem("end_time", "Das Ende liegt vor dem Beginn."))
    elif m.start_time and m.end_time and m.end_time == m.start_time:
        problems.append(Problem("end_time", "Beginn und Ende sind gleich."))
    for item in m.agenda:
        if not item.title.strip():
            problems.append(Problem("agenda", "Ein Tagesordnungspunkt braucht einen Titel."))
    return problems


def validate(record: Record) -> list[Problem]:
    """Every problem of ``record`` on its own (text lengths first, then the rules of its type)."""
    match record:
        case Committee():
            return validate_committee(record)
        case Organisation():
            return validate_organisation(record)
        case Person():
            return validate_person(record)
        case Membership():
            return validate_membership(record)
        case Meeting():
            return validate_meeting(record)
    raise TypeError(f"unknown record type {type(record).__name__}")
