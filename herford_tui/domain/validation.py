"""Checks of single records; each problem names the field and says in German what is wrong."""

from __future__ import annotations

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

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^(?=.*[0-9])[0-9+()/ \-]{3,}$")
WEBSITE_RE = re.compile(r"^(https?://)?[^\s/]+\.[^\s]+$")
MAX_MEETINGS_PER_YEAR = 52


@dataclass(frozen=True)
class Problem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{FIELD.get(self.field, self.field)}: {self.message}"


class ValidationError(ValueError):
    """Raised by the store when a record fails its checks; carries every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _required(problems: list[Problem], name: str, value: str, what: str) -> None:
    if not value.strip():
        problems.append(Problem(name, f"{what} darf nicht leer sein."))


def _email(problems: list[Problem], value: str) -> None:
    if value and not EMAIL_RE.match(value):
        problems.append(Problem("email", f"„{value}“ ist keine gültige E-Mail-Adresse."))


def _phone(problems: list[Problem], value: str) -> None:
    if value and not PHONE_RE.match(value):
        problems.append(Problem("phone", f"„{value}“ ist keine Telefonnummer (nur Ziffern, +, /, -, Leerzeichen)."))


def validate_committee(c: Committee) -> list[Problem]:
    problems: list[Problem] = []
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
            problems.append(Problem("seat_count", f"Sitz „{seat.label}“: Anzahl muss mindestens 1 sein."))
        if not seat.key or seat.key in keys:
            problems.append(Problem("seats", f"Sitz „{seat.label}“ hat keinen eindeutigen Schlüssel."))
        keys.add(seat.key)
    return problems


def validate_organisation(o: Organisation) -> list[Problem]:
    problems: list[Problem] = []
    _required(problems, "name", o.name, "Der Name")
    if o.municipality != KREISWEIT and o.municipality not in MUNICIPALITIES:
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
    if o.website and not WEBSITE_RE.match(o.website):
        problems.append(Problem("website", f"„{o.website}“ ist keine Web-Adresse."))
    return problems


def validate_person(p: Person) -> list[Problem]:
    problems: list[Problem] = []
    _required(problems, "family_name", p.family_name, "Der Nachname")
    _email(problems, p.email)
    _phone(problems, p.phone)
    return problems


def validate_membership(m: Membership) -> list[Problem]:
    problems: list[Problem] = []
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
    problems: list[Problem] = []
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
