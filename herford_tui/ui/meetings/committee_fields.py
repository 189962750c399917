"""The committee form's meeting settings (quorum, invitation deadline); their rules are
``domain/committee_input.meeting_settings``."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.widget import Widget

from herford_tui.domain import Committee
from herford_tui.ui.common.typing_input import InOrderInput

Field = Callable[[str, Widget, str], Iterable[Widget]]


def compose_meeting_fields(field: Field, c: Committee) -> Iterable[Widget]:
    yield from field(
        "Beschlussfähig ab",
        InOrderInput("" if c.quorum is None else str(c.quorum), placeholder="Anwesende (leer = keine Regel)",
              compact=True, id="quorum"),
        "quorum",
    )  # fmt: skip
    yield from field(
        "Einladungsfrist",
        InOrderInput(str(c.invitation_days), placeholder="Tage vor der Sitzung", compact=True, id="invitation_days"),
        "invitation_days",
    )
