"""Ending a membership, and moving a member to another seat (ends the old, starts the new).

The rules of a move live in ``domain/membership_input.py``; ``Move`` is imported from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta

from textual.widget import Widget
from textual.widgets import Label

from herford_tui.domain import Membership, Problem, Record, plans
from herford_tui.domain.labels import ROLE, format_date
from herford_tui.domain.membership_input import Move, build_end, build_move
from herford_tui.domain.plans import Follow
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.select import Select


def _person_name(screen: FormScreen, m: Membership) -> str:
    return screen.snapshot.person_name(m.person_id)


class EndMembershipForm(FormScreen[Membership]):
    """Sets the end date; the membership stays as history."""

    EDIT_WHAT = "Austritt eintragen"

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
        today = format_date(self.herford.today)
        yield from self.field("Ende zum", OneLineInput(today, placeholder="TT.MM.JJJJ", compact=True, id="end"), "end")
        deputies = [
            _person_name(self, d) for d in plans.ending_deputies(self.snapshot, self.membership, self.herford.today)
        ]
        if deputies:
            yield Label(
                plain(f"Die Stellvertretung durch {', '.join(deputies)} endet zum selben Datum."),
                id="deputies-note",
                classes="dialog-text",
            )
        ahead = plans.entered_ahead(self.snapshot, self.membership, self.herford.today)
        if ahead:  # a hand-over or role change entered for later: it ends too (asked by name first)
            who = _person_name(self, self.membership)
            later = ", ".join(f"ab {format_date(m.start)} als {ROLE[m.role]}" for m in ahead)
            yield Label(
                plain(
                    f"{who} ist außerdem {later} eingetragen. Der Austritt beendet "
                    f"{'auch diesen Eintrag' if len(ahead) == 1 else 'auch diese Einträge'} "
                    "(was erst danach begänne, wird gelöscht); vor dem Speichern wird gefragt."
                ),
                id="ahead-note",
                classes="dialog-text",
            )

    def build(self) -> Membership | list[Problem]:
        return build_end(self.snapshot, self.membership, self.query_one("#end", OneLineInput).value)

    _leaving: plans.Leaving | None = None
    """The Austritt as confirmed (``ask_before_saving``): saved as the user was told."""

    def _plan(self, result: Membership) -> plans.Leaving:
        leaving = self._leaving
        if leaving is None or leaving.items[0] != result:
            leaving = plans.leave(self.snapshot, result, self.herford.today)
        return leaving

    def ask_before_saving(self, result: Membership, save: Callable[[Membership], None]) -> None:
        """The person's entries for later that the Austritt ends or deletes are named first."""
        from herford_tui.ui.common.confirm import ConfirmScreen

        leaving = plans.leave(self.snapshot, result, self.herford.today)
        if not leaving.removed and not leaving.closed:
            self._leaving = leaving
            save(result)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._leaving = leaving
                save(result)

        self.app.push_screen(
            ConfirmScreen(
                leaving_question(self, result, leaving), title="Späteren Eintrag beenden?", yes="Austritt speichern"
            ),
            answered,
        )

    def save_items(self, result: Membership) -> list[Record | Follow]:
        """The member leaves; deputies serving beyond that day leave with them, and the
        person's entries for later end or go (``plans.leave``), in one step."""
        return self._plan(result).items

    def removed_items(self, result: Membership) -> list[Record]:
        return list(self._plan(result).removed)


def leaving_question(screen: FormScreen, ended: Membership, leaving: plans.Leaving) -> str:
    """The confirmation of an Austritt that ends or deletes the person's entries for later, each named."""
    who = _person_name(screen, ended)
    end = format_date(ended.end)
    lines = []
    for m in leaving.removed:
        if m.person_id == ended.person_id:
            lines.append(
                f"ab {format_date(m.start)} als {ROLE[m.role]}: wird gelöscht (hätte erst nach dem {end} begonnen)"
            )
        else:
            lines.append(f"Stellvertretung durch {_person_name(screen, m)} ab {format_date(m.start)}: wird gelöscht")
    for m in leaving.closed:
        lines.append(f"seit {format_date(m.start)} als {ROLE[m.role]}: endet ebenfalls zum {end}")
    return (
        f"{who} scheidet zum {end} aus. Außerdem eingetragen:\n• "
        + "\n• ".join(lines)
        + "\nDas Änderungsprotokoll behält die Einträge. Austritt so speichern?"
    )


class MoveForm(FormScreen[Move]):
    """Moving keeps history: the old membership ends the day before the new one starts."""

    EDIT_WHAT = "Sitzwechsel"

    AUTO_FOCUS = "#seat"

    def __init__(self, membership: Membership):
        super().__init__()
        self.membership = membership

    def title_text(self) -> str:
        return f"Auf anderen Sitz verschieben – {_person_name(self, self.membership)}"

    def compose_fields(self) -> Iterable[Widget]:
        snapshot = self.snapshot
        committee = snapshot.committees[self.membership.committee_id]
        old = committee.seat(self.membership.seat_key)
        note = (
            f"Bisher: „{old.label if old else '–'}“. "
            "Die bisherige Mitgliedschaft endet am Vortag und bleibt als Verlauf."
        )
        deputies = [_person_name(self, d) for d in snapshot.deputies_of(self.membership.id, self.herford.today)]
        if deputies:
            note += f" Die Stellvertretung durch {', '.join(deputies)} wechselt mit."
        yield Label(plain(note), id="move-note", classes="dialog-text")
        seats = [(plain(s.label), s.key) for s in committee.seats if s.key != self.membership.seat_key]
        yield from self.field("Neuer Sitz", Select(seats, prompt="Sitz wählen", compact=True, id="seat"), "seat_key")
        # A move needs a day of the old seat first: not before the day after it started.
        earliest = max(self.herford.today, (self.membership.start or self.herford.today) + timedelta(days=1))
        yield from self.field(
            "ab", OneLineInput(format_date(earliest), placeholder="TT.MM.JJJJ", compact=True, id="start"), "start"
        )

    def build(self) -> Move | list[Problem]:
        seat = self.query_one("#seat", Select).value
        on = self.query_one("#start", OneLineInput).value
        return build_move(self.snapshot, self.membership, "" if seat is Select.NULL else str(seat), on)

    def save_items(self, result: Move) -> list[Record | Follow]:
        """Old and new membership in one step; deputies follow their member to the new seat."""
        return plans.move_member(self.snapshot, result.ended, result.new, self.herford.today)

    def saved_result(self, result: Move, saved: list[Record]) -> Move:
        ended, new = saved[0], saved[1]
        assert isinstance(ended, Membership) and isinstance(new, Membership)
        return Move(ended, new)
