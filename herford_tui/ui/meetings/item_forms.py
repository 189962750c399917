"""Small forms of the meeting screen: an agenda item, a decision, a task, the meeting's minutes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import TypeVar

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Static

from herford_tui.domain import AgendaItem, Decision, DecisionResult, Meeting, Problem, Record, Task
from herford_tui.domain.labels import DAY_TO_COME, DECISION_RESULT, format_date, parse_date
from herford_tui.domain.text import single_line
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.form import FormScreen
from herford_tui.ui.common.select import Select
from herford_tui.ui.common.tickbox import TickBox
from herford_tui.ui.common.typing_input import InOrderInput
from herford_tui.ui.data import WriteJob
from herford_tui.ui.meetings.text_area import StoredTextArea

People = list[tuple[Text, int]]
"""(name, person id) choices: the committee's roster on the meeting's date."""

T = TypeVar("T")

WritesTo = tuple[int, Callable[[T], Callable[[Meeting], Meeting]]]
"""(meeting id, what the form's result does to the meeting as stored: a ``domain.agenda`` operation)."""


class MeetingPartForm(FormScreen[T]):
    """A form for a part of a meeting: an agenda item, a decision, a task, the minutes.

    With ``writes_to`` it writes its result onto the meeting as stored now (``Store.save_change``,
    under the lock) and stays open until that is on disk: a colleague's changes to other parts
    stay, and a failure (no rights, the disk, a colleague's change of the same field) is said in
    the form with the input still there. Without it the form closes with its result."""

    def __init__(self, writes_to: WritesTo[T] | None = None):
        super().__init__()
        self.writes_to = writes_to

    def save_result(self, result: T) -> None:
        if self.writes_to is None:
            self.dismiss(result)
            return
        meeting_id, apply = self.writes_to
        self._result = result
        self.start_write(WriteJob([], change=(Meeting, meeting_id, apply(result))))

    def saved_result(self, result: T, saved: list[Record]) -> T:
        return result


def _person_select(people: People, value: int | None, widget_id: str) -> Select[int]:
    options = list(people)
    return Select(options, value=value if value in {v for _, v in options} else Select.NULL,
                  prompt="niemand", compact=True, open_on_typing=True, id=widget_id)  # fmt: skip


def _of_item(what: str, item: AgendaItem | None) -> str:
    """ "Beschluss festhalten – TOP 3 „Haushalt“": which item the form is for (user text: the
    form shows its title as plain text)."""
    return what if item is None else f"{what} – TOP {item.number} „{single_line(item.title)[0]}“"


def _selected(select: Select[int]) -> int | None:
    value = select.value
    return None if value is Select.NULL else int(str(value))


class AgendaItemForm(MeetingPartForm[AgendaItem]):
    AUTO_FOCUS = "#title"

    def __init__(self, item: AgendaItem | None, people: People, writes_to: WritesTo[AgendaItem] | None = None):
        super().__init__(writes_to)
        self.original = item
        self.people = people

    def title_text(self) -> str:
        return "Neuer Tagesordnungspunkt" if self.original is None else f"TOP {self.original.number} bearbeiten"

    def compose_fields(self) -> Iterable[Widget]:
        item = self.original or AgendaItem()
        yield from self.field("Titel", OneLineInput(item.title, compact=True, id="title"), "title")
        yield from self.field("", TickBox("öffentlich", item.public, compact=True, id="public"), "public")
        yield from self.field(
            "Zuständig", _person_select(self.people, item.responsible_person_id, "responsible"), "responsible"
        )
        yield from self.field("Notizen", OneLineInput(item.notes, compact=True, id="notes"), "notes")
        yield from self.field("Protokoll", StoredTextArea(item.minutes, compact=True, id="minutes"), "minutes")

    def build(self) -> AgendaItem | list[Problem]:
        title = single_line(self.query_one("#title", Input).value.strip())[0]
        if not title:
            return [Problem("title", "Ein Tagesordnungspunkt braucht einen Titel.")]
        return dataclasses.replace(
            self.original or AgendaItem(),
            title=title,
            public=self.query_one("#public", Checkbox).value,
            responsible_person_id=_selected(self.query_one("#responsible", Select)),
            notes=self.query_one("#notes", Input).value.strip(),
            minutes=self.query_one("#minutes", StoredTextArea).stored_text.strip(),
        )


class DecisionForm(MeetingPartForm[Decision]):
    """A new decision, or (``decision``) one to correct; emptied, the one to correct is removed
    after asking (entered by mistake)."""

    AUTO_FOCUS = "#text"

    def __init__(
        self,
        item: AgendaItem | None = None,
        writes_to: WritesTo[Decision] | None = None,
        decision: Decision | None = None,
    ):
        super().__init__(writes_to)
        self.item = item
        self.original = decision

    def title_text(self) -> str:
        return _of_item("Beschluss ändern" if self.original else "Beschluss festhalten", self.item)

    def compose_fields(self) -> Iterable[Widget]:
        decision = self.original or Decision()
        yield from self.field("Beschluss", OneLineInput(decision.text, compact=True, id="text"), "text")
        results = [(label, r) for r, label in DECISION_RESULT.items()]
        yield from self.field(
            "Ergebnis",
            Select(results, value=decision.result, allow_blank=False, compact=True, open_on_typing=True, id="result"),
            "result",
        )
        if self.original is not None:
            yield Static("Leer gespeichert wird der Beschluss entfernt (mit Rückfrage).", classes="field-hint")

    def build(self) -> Decision | list[Problem]:
        text = self.query_one("#text", Input).value.strip()
        if not text and self.original is None:
            return [Problem("text", "Bitte den Beschluss eintragen.")]
        return Decision(text, DecisionResult(str(self.query_one("#result", Select).value)))

    def ask_before_saving(self, result: Decision, save: Callable[[Decision], None]) -> None:
        if result.text or self.original is None:
            save(result)
            return
        from herford_tui.ui.common.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                save(result)

        question = f"Beschluss „{self.original.text}“ entfernen?"
        self.app.push_screen(ConfirmScreen(question, yes="Entfernen"), answered)


class TaskForm(MeetingPartForm[Task]):
    AUTO_FOCUS = "#what"

    def __init__(
        self,
        people: People,
        task: Task | None = None,
        item: AgendaItem | None = None,
        writes_to: WritesTo[Task] | None = None,
    ):
        super().__init__(writes_to)
        self.people = people
        self.original = task
        self.item = item

    def title_text(self) -> str:
        return _of_item("Aufgabe ändern" if self.original else "Aufgabe festhalten", self.item)

    def compose_fields(self) -> Iterable[Widget]:
        task = self.original or Task()
        yield from self.field("Was", OneLineInput(task.what, compact=True, id="what"), "what")
        yield from self.field("Wer", _person_select(self.people, task.person_id, "person"), "person")
        yield from self.field(
            "Bis", InOrderInput(format_date(task.due), placeholder=DAY_TO_COME, compact=True, id="due"), "due"
        )

    def build(self) -> Task | list[Problem]:
        problems = []
        what = single_line(self.query_one("#what", Input).value.strip())[0]
        if not what:
            problems.append(Problem("what", "Bitte beschreiben, was zu tun ist."))
        due_text = self.query_one("#due", Input).value.strip()
        due = None
        try:
            due = parse_date(due_text, coming_from=self.herford.today) if due_text else None  # 31.1.: the next one
        except ValueError as exc:
            problems.append(Problem("due", str(exc)))
        if problems:
            return problems
        return dataclasses.replace(
            self.original or Task(), what=what, person_id=_selected(self.query_one("#person", Select)), due=due
        )


class MinutesForm(MeetingPartForm[str]):
    AUTO_FOCUS = "#minutes"
    TITLE_TEXT = "Protokoll der Sitzung (allgemein)"

    def __init__(self, minutes: str, writes_to: WritesTo[str] | None = None):
        super().__init__(writes_to)
        self.minutes = minutes

    def compose_fields(self) -> Iterable[Widget]:
        yield from self.field("Protokoll", StoredTextArea(self.minutes, compact=True, id="minutes"), "minutes")

    def build(self) -> str | list[Problem]:
        return self.query_one("#minutes", StoredTextArea).stored_text.strip()
