"""Pick one committee of a shared tab from a list: type to filter, arrows to choose, Enter to open.

A tab strip of hundreds of Arbeitskreise cannot be read or used by keyboard; this dialog
(``k`` in a shared tab) lists them all, and typing part of a name narrows the list.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from herford_tui.ui.committees.choices import chooser_title, matching
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.fields import OneLineInput
from herford_tui.ui.common.filtered_list import move_from_field
from herford_tui.ui.common.format import plain


class CommitteeChooser(HerfordAccess, ModalScreen[int | None]):
    """Dismisses with the chosen committee's id, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Schließen", id="chooser.close")]
    AUTO_FOCUS = "#choice-filter"

    def __init__(self, committee_ids: tuple[int, ...], shown: int | None, noun: str):
        super().__init__()
        self.committee_ids = committee_ids
        self.shown = shown
        self.noun = noun

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog chooser"):
            yield Label(plain(chooser_title(self.noun, len(self.committee_ids))), classes="dialog-title")
            yield OneLineInput(placeholder="Name tippen … („Mueller“ findet Müller)", compact=True, id="choice-filter")
            yield OptionList(compact=True, id="choices")
            yield Label("Pfeiltasten wählen, Enter öffnet, Esc schließt.", classes="dialog-text")
        yield Footer()

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, text: str) -> None:
        found = matching(self.herford.snapshot, self.committee_ids, text)
        choices = self.query_one(OptionList)
        choices.clear_options()
        choices.add_options([Option(plain(label), id=str(cid)) for cid, label in found])
        ids = [cid for cid, _ in found]
        if ids:
            choices.highlighted = ids.index(self.shown) if not text and self.shown in ids else 0

    @on(Input.Changed, "#choice-filter")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    @on(Input.Submitted, "#choice-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        choices = self.query_one(OptionList)
        if choices.highlighted is not None:
            self._choose(choices.get_option_at_index(choices.highlighted))

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option)

    def _choose(self, option: Option) -> None:
        self.dismiss(int(option.id or 0))

    def on_key(self, event: events.Key) -> None:
        move_from_field(event, self.query_one("#choice-filter", Input), self.query_one(OptionList))
