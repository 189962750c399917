"""A committee from what the committee form holds: numbers as typed, seats as listed.

The form hands over its field values; what comes back is the committee to save or the
problems in German under their fields. Unit-tested without starting the app.
"""

from __future__ import annotations

import dataclasses

from herford_tui.domain.fold import slug
from herford_tui.domain.labels import not_a_number, whole_number
from herford_tui.domain.models import Committee, CommitteeKind, Seat
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.validation import Problem


@dataclasses.dataclass(frozen=True)
class SeatInput:
    """One seat row: the seat it was opened with (key "" for a new one) and what it holds now.

    An empty label removes the seat."""

    seat: Seat
    label: str
    count: str
    advisory: bool


@dataclasses.dataclass(frozen=True)
class CommitteeInput:
    original: Committee | None
    name: str = ""
    short_name: str = ""
    kind: CommitteeKind = CommitteeKind.ARBEITSKREIS
    purpose: str = ""
    rhythm_min: str = "0"
    rhythm_max: str = "0"
    rhythm_note: str = ""
    quorum: str = ""
    invitation_days: str = "14"
    seats: tuple[SeatInput, ...] = ()


@dataclasses.dataclass(frozen=True)
class MeetingSettings:
    quorum: int | None = None
    invitation_days: int = 14


def meeting_settings(quorum: str, invitation_days: str) -> tuple[MeetingSettings, list[Problem]]:
    """Quorum (empty = no rule) and invitation deadline in days (empty = 14) as typed."""
    problems: list[Problem] = []
    quorum, days = quorum.strip(), invitation_days.strip() or "14"
    quorum_number, days_number = whole_number(quorum), whole_number(days)
    if quorum and quorum_number is None:
        problems.append(Problem("quorum", not_a_number(quorum)))
    if days_number is None:
        problems.append(Problem("invitation_days", not_a_number(days)))
    settings = MeetingSettings(quorum_number, 14 if days_number is None else days_number)
    return settings, problems


def build_committee(snapshot: Snapshot, values: CommitteeInput) -> Committee | list[Problem]:
    problems: list[Problem] = []
    numbers: dict[str, int] = {}
    for name, text in (("rhythm_min", values.rhythm_min), ("rhythm_max", values.rhythm_max)):
        text = text.strip() or "0"
        try:
            numbers[name] = int(text)
        except ValueError:
            problems.append(Problem(name, f"„{text}“ ist keine ganze Zahl."))
    settings, settings_problems = meeting_settings(values.quorum, values.invitation_days)
    problems += settings_problems
    seats = _seats(values.seats, problems)
    original = values.original
    removed = {s.key for s in (original.seats if original else [])} - {s.key for s in seats}
    for key in sorted(removed):
        if original and any(m.seat_key == key for m in snapshot.memberships_of(original.id)):
            seat = original.seat(key)
            label = seat.label if seat else key
            problems.append(Problem("seats", f"Sitz „{label}“ hat Mitgliedschaften (auch frühere) und bleibt."))
    if problems:
        return problems
    base = original or Committee(order=1 + max((c.order for c in snapshot.committees.values()), default=0))
    committee = dataclasses.replace(
        base,
        name=values.name.strip(),
        short_name=values.short_name.strip(),
        kind=values.kind,
        purpose=values.purpose.strip(),
        rhythm_min=numbers["rhythm_min"],
        rhythm_max=numbers["rhythm_max"],
        rhythm_note=values.rhythm_note.strip(),
        seats=seats,
        quorum=settings.quorum,
        invitation_days=settings.invitation_days,
    )
    return snapshot.check(committee) or committee


def _seats(rows: tuple[SeatInput, ...], problems: list[Problem]) -> list[Seat]:
    """The listed seats (empty labels dropped); new ones get a key from their label."""
    seats: list[Seat] = []
    for row in rows:
        label, count = row.label.strip(), row.count.strip()
        if not label:
            continue
        if count and whole_number(count) is None:
            problems.append(Problem("seat_count", not_a_number(count)))
            continue
        seats.append(dataclasses.replace(row.seat, label=label, count=whole_number(count), advisory=row.advisory))
    used = {s.key for s in seats if s.key}
    for i, seat in enumerate(seats):
        if not seat.key:
            key = _unique(seat_key(seat.label), used)
            used.add(key)
            seats[i] = dataclasses.replace(seat, key=key)
    return seats


def seat_key(label: str) -> str:
    """A stable key for a new seat from its label ("Schulamt für den Kreis" → "schulamt-fur-den-kreis")."""
    return slug(label) or "sitz"


def _unique(base: str, used: set[str]) -> str:
    key, n = base, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    return key
