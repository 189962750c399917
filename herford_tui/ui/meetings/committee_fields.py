"""The committee form's meeting settings (quorum, invitation deadline), kept here so the
committee form only calls two functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input

from herford_tui.domain import Committee, Problem

Field = Callable[[str, Widget, str], Iterable[Widget]]


def compose_meeting_fields(field: Field, c: Committee) -> Iterable[Widget]:
    yield from field(
        "Beschlussfähig ab",
        Input("" if c.quorum is None else str(c.quorum), placeholder="Anwesende (leer = keine Regel)",
              compact=True, id="quorum"),
        "quorum",
    )  # fmt: skip
    yield from field(
        "Einladungsfrist",
        Input(str(c.invitation_days), placeholder="Tage vor der Sitzung", compact=True, id="invitation_days"),
        "invitation_days",
    )


@dataclass(frozen=True)
class MeetingSettings:
    quorum: int | None = None
    invitation_days: int = 14


def read_meeting_fields(form: DOMNode) -> tuple[MeetingSettings, list[Problem]]:
    problems: list[Problem] = []
    quorum_text = form.query_one("#quorum", Input).value.strip()
    days_text = form.query_one("#invitation_days", Input).value.strip() or "14"
    quorum = int(quorum_text) if quorum_text.isdigit() else None
    if quorum_text and quorum is None:
        problems.append(Problem("quorum", f"„{quorum_text}“ ist keine ganze Zahl."))
    if not days_text.isdigit():
        problems.append(Problem("invitation_days", f"„{days_text}“ ist keine ganze Zahl."))
    return MeetingSettings(quorum, int(days_text) if days_text.isdigit() else 14), problems
