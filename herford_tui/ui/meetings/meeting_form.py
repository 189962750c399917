"""Plan or edit a meeting's basics: committee, date, times, place, room, status, guests.

Before saving: the date must exist, the end lie after the start, the committee must not
meet at an overlapping time (refused); a holiday or school-holiday date is warned about in
the form and saved only after a confirmation; "durchgeführt" on a day still to come is warned
about under the status and saved by a second Ctrl+S.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from textual import on
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from herford_tui.domain import Meeting, MeetingStatus, Problem
from herford_tui.domain.invitation import changed_after_invitation
from herford_tui.domain.labels import DAY_TO_COME, MEETING_STATUS, format_date, format_time, parse_date
from herford_tui.domain.meeting_input import MeetingInput, build_meeting, days_from
from herford_tui.domain.meetings import holiday_warning, status_warning
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.select import Select
from herford_tui.ui.common.typing_input import InOrderInput
from herford_tui.ui.meetings.presentation import committee_options


class MeetingForm(FormScreen[Meeting]):
    AUTO_FOCUS = "#date"  # the field one types first; the committee is mostly preset

    def __init__(
        self,
        meeting: Meeting | None,
        *,
        committee_id: int | None = None,
        year: int | None = None,
        month: int | None = None,
    ):
        super().__init__()
        self.original = meeting
        self.committee_id = committee_id
        self.year, self.month = year, month
        self._confirmed: Meeting | None = None

    def title_text(self) -> str:
        return "Neue Sitzung" if self.original is None else "Sitzung bearbeiten"

    def compose_fields(self) -> Iterable[Widget]:
        m = self.original or Meeting(committee_id=self.committee_id or 0)
        committees = committee_options(self.herford.snapshot, m.committee_id or None)
        yield from self.field(
            "Gremium",
            Select(committees, value=m.committee_id or Select.NULL, prompt="Gremium wählen", compact=True,
                   open_on_typing=True, id="committee_id"),
            "committee_id",
        )  # fmt: skip
        hint = f"{DAY_TO_COME}, z. B. 09.{self.month or 12:02d}.{self.year or self.herford.today.year}"
        yield from self.field(
            "Datum", InOrderInput(format_date(m.date), placeholder=hint, compact=True, id="date"), "date"
        )
        yield Static("", id="holiday-warning", classes="holiday-warning -empty")
        yield from self.field(
            "Beginn",
            InOrderInput(format_time(m.start_time), placeholder="HH:MM", compact=True, id="start_time"),
            "start_time",
        )
        yield from self.field(
            "Ende", InOrderInput(format_time(m.end_time), placeholder="HH:MM", compact=True, id="end_time"), "end_time"
        )
        yield from self.field("Ort", OneLineInput(m.location, compact=True, id="location"), "location")
        yield from self.field("Raum", OneLineInput(m.room, compact=True, id="room"), "room")
        statuses = [(label, s) for s, label in MEETING_STATUS.items()]
        yield from self.field(
            "Status",
            Select(statuses, value=m.status, allow_blank=False, compact=True, open_on_typing=True, id="status"),
            "status",
        )
        yield from self.field(
            "eingeladen am",
            InOrderInput(format_date(m.invitation_sent), placeholder="TT.MM.JJJJ", compact=True, id="invitation_sent"),
            "invitation_sent",
        )
        yield from self.field(
            "Gäste",
            OneLineInput(", ".join(m.guests), placeholder="Namen, mit Komma getrennt", compact=True, id="guests"),
            "guests",
        )
        if self.original is None:  # later the meeting screen edits each item with all its details
            yield from self.field(
                "Tagesordnung", TextArea("", compact=True, id="agenda", placeholder="ein Punkt je Zeile"), "agenda"
            )
        yield from self.field("Notizen", OneLineInput(m.notes, compact=True, id="notes"), "notes")

    @property
    def days_from(self) -> date:
        """Where a date typed without its year counts from (``meeting_input.days_from``)."""
        return days_from(self.herford.today, self.year)

    def on_mount(self) -> None:
        super().on_mount()
        self._update_warning()

    @on(Input.Changed, "#date")
    def _update_warning(self) -> None:
        """The holiday warning shows while typing the date, long before saving."""
        warning = None
        try:
            text = self.query_one("#date", Input).value.strip()
            warning = holiday_warning(Meeting(date=parse_date(text, coming_from=self.days_from))) if text else None
        except ValueError:
            warning = None  # not a date yet: the date's own error line says so on saving
        label = self.query_one("#holiday-warning", Static)
        label.update(plain(f"Achtung: {warning}" if warning else ""))
        label.set_class(not warning, "-empty")

    def build(self) -> Meeting | list[Problem]:
        """The form's values, handed to the domain's rules (``build_meeting``)."""

        def text(field_id: str) -> str:
            return self.query_one(f"#{field_id}", Input).value

        committee = self.query_one("#committee_id", Select).value
        values = MeetingInput(
            self.original,
            committee_id=0 if committee is Select.NULL else int(str(committee)),
            date=text("date"),
            start_time=text("start_time"),
            end_time=text("end_time"),
            invitation_sent=text("invitation_sent"),
            location=text("location"),
            room=text("room"),
            status=MeetingStatus(str(self.query_one("#status", Select).value)),
            guests=text("guests"),
            notes=text("notes"),
            agenda=self.query_one("#agenda", TextArea).text if self.original is None else "",
            days_from=self.days_from,
        )
        meeting = build_meeting(self.herford.snapshot, values)
        if isinstance(meeting, list):
            return meeting
        # Warned when it was set (or imported so): not again at every later edit.
        old = self.original
        unchanged = old is not None and (old.status, old.date) == (meeting.status, meeting.date)
        warning = None if unchanged else status_warning(meeting, self.herford.today)
        if warning:
            return self.warn_once(meeting, f"{warning} Nochmals Strg+S speichert trotzdem.", "status") or meeting
        # Moved or called off after the invitations went out: the invited know only the old facts.
        news = changed_after_invitation(old, meeting, self.herford.today)
        if news is None:
            return meeting
        return self.warn_once(meeting, f"{news[1]} Nochmals Strg+S speichert.", news[0]) or meeting

    def ask_before_saving(self, result: Meeting, save: Callable[[Meeting], None]) -> None:
        """A day off (holiday, school holidays) is asked about once per day chosen."""
        warning = holiday_warning(result)
        if warning is None or (self._confirmed is not None and self._confirmed.date == result.date):
            save(result)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._confirmed = result
                save(result)

        question = f"{warning} Trotzdem an diesem Tag planen?"
        self.app.push_screen(
            ConfirmScreen(question, yes="Trotzdem speichern", title="Feiertag oder Ferien"),
            answered,
        )
