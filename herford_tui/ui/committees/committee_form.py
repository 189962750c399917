"""Create or edit a committee: name, purpose, rhythm and its seats."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from textual import on
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static

from herford_tui.domain import Committee, CommitteeKind, Problem, Seat
from herford_tui.domain.committee_input import CommitteeInput, SeatInput, build_committee
from herford_tui.domain.labels import COMMITTEE_KIND
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.select import Select
from herford_tui.ui.common.tickbox import TickBox
from herford_tui.ui.common.typing_input import InOrderInput
from herford_tui.ui.meetings.committee_fields import compose_meeting_fields


class SeatRow(Horizontal):
    """One seat: label, count (empty = open number), advisory flag. An empty label removes it."""

    def __init__(self, seat: Seat):
        super().__init__(classes="seat-row")
        self.seat = seat

    def compose(self) -> Iterable[Widget]:
        yield OneLineInput(
            self.seat.label, placeholder="Bezeichnung (leer = entfernen)", compact=True, classes="seat-label"
        )
        count = "" if self.seat.count is None else str(self.seat.count)
        yield InOrderInput(count, placeholder="Anz.", type="integer", compact=True, classes="seat-count")
        yield TickBox("beratend", self.seat.advisory, compact=True, classes="seat-advisory")

    def value(self) -> SeatInput:
        return SeatInput(
            self.seat,
            label=self.query_one(".seat-label", Input).value,
            count=self.query_one(".seat-count", Input).value,
            advisory=self.query_one(".seat-advisory", Checkbox).value,
        )


class CommitteeForm(FormScreen[Committee]):
    EDIT_WHAT = "Gremien bearbeiten"
    AUTO_FOCUS = "#name"

    def __init__(self, committee: Committee | None):
        super().__init__()
        self.original = committee

    def title_text(self) -> str:
        return "Neues Gremium" if self.original is None else f"Gremium bearbeiten – {self.original.name}"

    def compose_fields(self) -> Iterable[Widget]:
        # A new committee starts like the shipped Arbeitskreise: one open seat "Mitglieder",
        # so members can be added at once (seats are edited here later).
        c = self.original or Committee(
            kind=CommitteeKind.ARBEITSKREIS,
            rhythm_min=0,
            rhythm_max=0,
            seats=[Seat(key="mitglieder", label="Mitglieder", count=None)],
        )
        yield from self.field("Name", OneLineInput(c.name, compact=True, id="name"), "name")
        yield from self.field(
            "Kurzname",
            OneLineInput(c.short_name, placeholder="für den Reiter (leer = Name)", compact=True, id="short_name"),
            "short_name",
        )
        yield Static("", id="hint-short_name", classes="field-error -empty")
        kinds = [(label, kind) for kind, label in COMMITTEE_KIND.items()]
        yield from self.field("Art", Select(kinds, value=c.kind, allow_blank=False, compact=True, id="kind"), "kind")
        yield from self.field("Aufgabe", OneLineInput(c.purpose, compact=True, id="purpose"), "purpose")
        yield from self.field(
            "Sitzungen/Jahr",
            Horizontal(
                InOrderInput(str(c.rhythm_min), type="integer", compact=True, id="rhythm_min"),
                Label(" bis "),
                InOrderInput(str(c.rhythm_max), type="integer", compact=True, id="rhythm_max"),
                classes="range",
            ),
            "rhythm_min",
        )
        yield Label("", id="err-rhythm_max", classes="field-error -empty")
        yield from self.field(
            "Rhythmus-Text",
            OneLineInput(
                c.rhythm_note, placeholder="z. B. tagt regelmäßig (wenn höchstens = 0)", compact=True, id="rhythm_note"
            ),
            "rhythm_note",
        )
        yield from compose_meeting_fields(self.field, c)
        yield Label("Sitze (Anzahl leer = nicht festgelegt)", classes="section-title")
        with Vertical(id="seats"):
            for seat in c.seats:
                yield SeatRow(seat)
        yield Button("+ Sitz", id="add-seat", compact=True)
        yield Label("", id="err-seats", classes="field-error -empty")
        yield Label("", id="err-seat_label", classes="field-error -empty")
        yield Label("", id="err-seat_count", classes="field-error -empty")

    @on(Input.Changed, "#name")
    @on(Input.Changed, "#short_name")
    def _short_name_hint(self) -> None:
        """Renamed, but the tab would still show the old short name: say so."""
        hint = self.query_one("#hint-short_name", Static)
        name = self.query_one("#name", Input).value.strip()
        short = self.query_one("#short_name", Input).value.strip()
        stale = self.original is not None and name != self.original.name and short and short == self.original.short_name
        if not stale and hint.has_class("-empty"):
            return  # hidden already: an update would lay the whole form out again at every key
        hint.update(plain(f"Der Reiter zeigt weiter „{short}“: Kurzname anpassen oder leeren.") if stale else "")
        hint.set_class(not stale, "-empty")

    def show_problems(self, problems: list[Problem], *, notify: bool = True) -> None:
        super().show_problems(problems, notify=notify)
        self._short_name_hint()  # it shares the look of the error lines, not their lifetime

    @on(Button.Pressed, "#add-seat")
    async def _add_seat(self, event: Button.Pressed) -> None:
        event.stop()
        row = SeatRow(Seat(key="", label="", count=1))
        await self.query_one("#seats").mount(row)  # its inputs exist only once mounted
        row.query_one(".seat-label", Input).focus()

    def build(self) -> Committee | list[Problem]:
        """The form's values, handed to the domain's rules (``build_committee``)."""

        def text(field_id: str) -> str:
            return self.query_one(f"#{field_id}", Input).value

        values = CommitteeInput(
            self.original,
            name=text("name"),
            short_name=text("short_name"),
            kind=CommitteeKind(cast(str, self.query_one("#kind", Select).value)),
            purpose=text("purpose"),
            rhythm_min=text("rhythm_min"),
            rhythm_max=text("rhythm_max"),
            rhythm_note=text("rhythm_note"),
            quorum=text("quorum"),
            invitation_days=text("invitation_days"),
            seats=tuple(row.value() for row in self.query(SeatRow)),
        )
        return build_committee(self.snapshot, values)
