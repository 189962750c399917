"""Plan or edit a meeting: committee, date, times, place, status, agenda."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, cast

from textual.widget import Widget
from textual.widgets import Input, TextArea

from herford_tui.domain import AgendaItem, Meeting, MeetingStatus, Problem
from herford_tui.domain.labels import MEETING_STATUS, format_date, format_time, parse_date, parse_time
from herford_tui.domain.text import printable
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.common.format import plain
from herford_tui.ui.common.select import Select


class MeetingForm(FormScreen[Meeting]):
    EDIT_WHAT = "Sitzungen bearbeiten"
    AUTO_FOCUS = "#committee_id"

    def __init__(self, meeting: Meeting | None, *, committee_id: int | None = None):
        super().__init__()
        self.original = meeting
        self.committee_id = committee_id

    def title_text(self) -> str:
        return "Neue Sitzung" if self.original is None else "Sitzung bearbeiten"

    def compose_fields(self) -> Iterable[Widget]:
        m = self.original or Meeting(committee_id=self.committee_id or 0)
        committees = [(plain(c.name), c.id) for c in self.snapshot.active_committees()]
        yield from self.field(
            "Gremium",
            Select(
                committees,
                value=m.committee_id or Select.NULL,
                prompt="Gremium wählen",
                compact=True,
                id="committee_id",
            ),
            "committee_id",
        )
        yield from self.field(
            "Datum", OneLineInput(format_date(m.date), placeholder="TT.MM.JJJJ", compact=True, id="date"), "date"
        )
        yield from self.field(
            "Beginn",
            OneLineInput(format_time(m.start_time), placeholder="HH:MM", compact=True, id="start_time"),
            "start_time",
        )
        yield from self.field(
            "Ende", OneLineInput(format_time(m.end_time), placeholder="HH:MM", compact=True, id="end_time"), "end_time"
        )
        yield from self.field("Ort", OneLineInput(m.location, compact=True, id="location"), "location")
        statuses = [(label, s) for s, label in MEETING_STATUS.items()]
        yield from self.field(
            "Status", Select(statuses, value=m.status, allow_blank=False, compact=True, id="status"), "status"
        )
        # A TextArea draws its text as it is: control characters in stored titles are shown
        # (and, if saved, kept) as visible escapes, never sent to the terminal.
        agenda = "\n".join(printable(item.title) for item in m.agenda)
        yield from self.field("Tagesordnung", TextArea(agenda, compact=True, id="agenda"), "agenda")
        yield from self.field("Notizen", OneLineInput(m.notes, compact=True, id="notes"), "notes")

    def build(self) -> Meeting | list[Problem]:
        problems: list[Problem] = []
        values: dict[str, Any] = {}
        for name, parse in (("date", parse_date), ("start_time", parse_time), ("end_time", parse_time)):
            text = self.query_one(f"#{name}", Input).value.strip()
            try:
                values[name] = parse(text) if text else None
            except ValueError as exc:
                problems.append(Problem(name, str(exc)))
                values[name] = None
        committee = self.query_one("#committee_id", Select).value
        lines = [line.strip() for line in self.query_one("#agenda", TextArea).text.splitlines() if line.strip()]
        meeting = dataclasses.replace(
            self.original or Meeting(),
            committee_id=0 if committee is Select.NULL else int(cast(int, committee)),
            location=self.query_one("#location", Input).value.strip(),
            status=MeetingStatus(cast(str, self.query_one("#status", Select).value)),
            agenda=[AgendaItem(number=str(i), title=title) for i, title in enumerate(lines, start=1)],
            notes=self.query_one("#notes", Input).value.strip(),
            **values,
        )
        checked = self.snapshot.check(meeting)
        problems += [p for p in checked if not any(q.field == p.field for q in problems)]
        return problems or meeting
