"""Ending a membership, and moving a member to another seat (ends the old, starts the new)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, timedelta

from textual.widget import Widget
from textual.widgets import Input, Label

from herford_tui.domain import Membership, Problem, Snapshot
from herford_tui.domain.labels import format_date, parse_date
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.common.select import Select


def _person_name(screen: FormScreen, m: Membership) -> str:
    person = screen.app.snapshot.persons.get(m.person_id)
    return person.full_name if person else "?"


class EndMembershipForm(FormScreen[Membership]):
    """Sets the end date; the membership stays as history."""

    AUTO_FOCUS = "#end"

    def __init__(self, membership: Membership):
        super().__init__()
        self.membership = membership

    def title_text(self) -> str:
        return f"Mitgliedschaft beenden – {_person_name(self, self.membership)}"

    def compose_fields(self) -> Iterable[Widget]:
        yield Label(
            "Mitglied bis einschließlich zu diesem Tag; danach bleibt die Mitgliedschaft "
            "als Verlauf erhalten („h“ blendet ihn ein).",
            classes="dialog-text",
        )
        today = format_date(self.app.today)
        yield from self.field("Ende zum", Input(today, placeholder="TT.MM.JJJJ", compact=True, id="end"), "end")
        deputies = [_person_name(self, d) for d in ending_deputies(self.app.snapshot, self.membership, self.app.today)]
        if deputies:
            yield Label(
                f"Die Stellvertretung durch {', '.join(deputies)} endet zum selben Datum.",
                id="deputies-note",
                classes="dialog-text",
            )

    def build(self) -> Membership | list[Problem]:
        text = self.query_one("#end", Input).value
        try:
            end = parse_date(text)
        except ValueError as exc:
            return [Problem("end", str(exc))]
        ended = dataclasses.replace(self.membership, end=end)
        return self.app.snapshot.check(ended) or ended


def ending_deputies(snapshot: Snapshot, member: Membership, end: date | None) -> list[Membership]:
    """The deputies of ``member`` still serving on ``end`` (or at all): they leave with the member."""
    return [
        d
        for d in snapshot.memberships.values()
        if d.deputy_of == member.id
        and (d.end is None or end is None or d.end > end)
        and (end is None or d.start is None or d.start <= end)
    ]


@dataclasses.dataclass(frozen=True)
class Move:
    ended: Membership
    new: Membership


class MoveForm(FormScreen[Move]):
    """Moving keeps history: the old membership ends the day before the new one starts."""

    AUTO_FOCUS = "#seat"

    def __init__(self, membership: Membership):
        super().__init__()
        self.membership = membership

    def title_text(self) -> str:
        return f"Auf anderen Sitz verschieben – {_person_name(self, self.membership)}"

    def compose_fields(self) -> Iterable[Widget]:
        snapshot = self.app.snapshot
        committee = snapshot.committees[self.membership.committee_id]
        old = committee.seat(self.membership.seat_key)
        note = (
            f"Bisher: „{old.label if old else '–'}“. "
            "Die bisherige Mitgliedschaft endet am Vortag und bleibt als Verlauf."
        )
        deputies = [_person_name(self, d) for d in snapshot.deputies_of(self.membership.id, self.app.today)]
        if deputies:
            note += f" Die Stellvertretung durch {', '.join(deputies)} wechselt mit."
        yield Label(note, id="move-note", classes="dialog-text")
        seats = [(s.label, s.key) for s in committee.seats if s.key != self.membership.seat_key]
        yield from self.field("Neuer Sitz", Select(seats, prompt="Sitz wählen", compact=True, id="seat"), "seat_key")
        # A move needs a day of the old seat first: not before the day after it started.
        earliest = max(self.app.today, (self.membership.start or self.app.today) + timedelta(days=1))
        yield from self.field(
            "ab", Input(format_date(earliest), placeholder="TT.MM.JJJJ", compact=True, id="start"), "start"
        )

    def build(self) -> Move | list[Problem]:
        seat = self.query_one("#seat", Select).value
        if seat is Select.NULL:
            return [Problem("seat_key", "Bitte den neuen Sitz wählen.")]
        try:
            start = parse_date(self.query_one("#start", Input).value)
        except ValueError as exc:
            return [Problem("start", str(exc))]
        old = self.membership
        if old.start and start <= old.start:
            return [Problem("start", f"Der Wechsel muss nach dem Beginn ({format_date(old.start)}) liegen.")]
        ended = dataclasses.replace(old, end=start - timedelta(days=1))
        new = dataclasses.replace(old, id=0, rev=0, seat_key=str(seat), start=start, end=old.end, deputy_of=None)
        snapshot = self.app.snapshot
        problems = snapshot.check(ended) + snapshot.check(new)
        return problems or Move(ended, new)
