"""The "Änderungen" screen: the audit log, newest change first (who, when, which record, old → new).

The log is read and filtered in a thread worker (it can hold tens of thousands of lines); the
screen shows "wird gelesen …" meanwhile and never waits on the disk. Three fields filter it:
a person's name, a committee's name and a first day (TT.MM.JJJJ).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Label, Static
from textual.worker import get_current_worker

from herford_tui.domain import Snapshot
from herford_tui.domain.audit_text import Names, change_row, entry_lines, matches
from herford_tui.domain.directory import count_text
from herford_tui.domain.fold import match_key
from herford_tui.domain.labels import number, parse_date
from herford_tui.store import StoreError
from herford_tui.store.log_reader import read_entries
from herford_tui.ui.common.access import HerfordAccess
from herford_tui.ui.common.format import plain, plain_cell
from herford_tui.ui.common.row_table import RowTable
from herford_tui.ui.common.typing_input import InOrderInput

LIMIT = 1000
"""The newest matching entries shown; ``herford-tui log`` prints all of them."""


@dataclass(frozen=True)
class Filters:
    person: str = ""
    committee: str = ""
    since: str = ""


@dataclass
class Shown:
    """What one read of the log gives the screen: table rows, detail texts, the summary line."""

    rows: list[tuple[str, str, str, str]]
    details: list[str]
    summary: str


def filtered(
    entries: list[dict[str, Any]], snapshot: Snapshot, filters: Filters, cancelled: Callable[[], bool] = lambda: False
) -> Shown | None:
    """The entries matching ``filters``, newest first, as rows (pure: the worker calls it); None
    once ``cancelled`` says a newer filter was typed (a thread is not stopped from outside)."""
    problems = []
    since = None
    if filters.since.strip():
        try:
            since = parse_date(filters.since)
        except ValueError as exc:
            problems.append(str(exc))
    person_ids = _ids(filters.person, {p.id: p.full_name for p in snapshot.persons.values()})
    committee_ids = _ids(filters.committee, {c.id: f"{c.name} {c.short_name}" for c in snapshot.committees.values()})
    names = Names.of(snapshot, entries)
    found = []
    for n, entry in enumerate(reversed(entries)):
        if n % 1000 == 0 and cancelled():
            return None
        if not matches(entry, since=since, persons=person_ids, committees=committee_ids):
            continue
        found.append(entry)
        if len(found) == LIMIT:
            break
    rows = [change_row(e, names) for e in found]
    details = ["\n".join(entry_lines(e, names)) for e in found]
    return Shown(rows, details, " ".join(problems) or _summary(len(entries), len(found), filters))


def _ids(text: str, names: dict[int, str]) -> set[int] | None:
    """Records whose name contains ``text`` (case and umlauts ignored); None without a filter."""
    key = match_key(text.strip())
    if not key:
        return None
    return {number for number, name in names.items() if key in match_key(name)}


def _summary(total: int, found: int, filters: Filters) -> str:
    if not total:
        return "Noch keine Änderungen protokolliert."
    filtering = any(value.strip() for value in (filters.person, filters.committee, filters.since))
    if filtering and not found:
        return "Keine Änderung passt zu den Filtern."
    if found == LIMIT:
        return f"Die neuesten {number(LIMIT)} passenden von {number(total)} Änderungen (alle: herford-tui log)."
    if filtering:
        return f"{number(found)} von {number(total)} Änderungen, die neueste zuerst."
    return f"{count_text(total, 'Änderung', 'Änderungen')}, die neueste zuerst."


class ChangesScreen(HerfordAccess, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Schließen", id="changes.close"),
        # as in the directory: from the list to the filter (typing in the list did nothing)
        Binding("f", "filter", "Filtern", id="changes.filter"),
    ]
    DEFAULT_CSS = """
    ChangesScreen #changes-filters { height: auto; }
    ChangesScreen #changes-filters Input { width: 1fr; }
    ChangesScreen DataTable { height: 1fr; }
    ChangesScreen #change-detail { height: auto; max-height: 8; margin-top: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.details: list[str] = []
        self.entries: list[dict[str, Any]] | None = None
        """The whole log, read once by the first worker; the filters work on this copy."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="changes-dialog"):
            yield Label("Änderungen", classes="dialog-title")
            with Horizontal(id="changes-filters"):
                yield InOrderInput(placeholder="Person", compact=True, id="filter-person")
                yield InOrderInput(placeholder="Gremium", compact=True, id="filter-committee")
                yield InOrderInput(placeholder="ab TT.MM.JJJJ", compact=True, id="filter-since")
            yield Label("Das Protokoll wird gelesen …", id="changes-summary")
            yield RowTable(id="changes", cursor_type="row", zebra_stripes=True)
            yield Static("", id="change-detail")
        yield Footer()

    def on_mount(self) -> None:
        dialog = self.query_one("#changes-dialog")
        # Inline: the shared .dialog rule (76 wide, auto height) would win over DEFAULT_CSS.
        dialog.styles.width = "95%"
        dialog.styles.height = "95%"
        table = self.query_one("#changes", DataTable)
        # The entry's label at most half of what time and login leave: a membership's label
        # ("Mitgliedschaft 116 Anna Beispiel – Regionales Leitungsteam") took the whole width
        # at 80 columns and the change itself was not seen at all (the line below shows it whole).
        entry = max(20, min(40, (self.app.size.width * 95 // 100 - 34) // 2))
        table.add_column("Zeit")
        table.add_column("Wer")
        table.add_column("Eintrag", width=entry)
        table.add_column("Änderung")
        table.focus()
        self.load(self.filters())

    def filters(self) -> Filters:
        return Filters(
            self.query_one("#filter-person", Input).value,
            self.query_one("#filter-committee", Input).value,
            self.query_one("#filter-since", Input).value,
        )

    def action_filter(self) -> None:
        self.query_one("#filter-person", Input).focus()

    @on(Input.Changed)
    def _filter(self) -> None:
        # The rows below are the last filter's until the new one is through: said so at once
        # (a common name took seconds at x1, and the old rows under the new filter looked like its result).
        self.query_one("#changes-summary", Label).update("Wird gefiltert …")
        self.load(self.filters())

    @on(Input.Submitted)
    def _to_table(self) -> None:
        self.query_one("#changes", DataTable).focus()

    @work(thread=True, exclusive=True, group="changes")
    def load(self, filters: Filters) -> None:
        """Read the log once (off the UI thread), filter, and hand the rows to the screen."""
        worker = get_current_worker()
        if self.entries is None:
            try:
                self.entries = read_entries(self.herford.db_path)
            except StoreError as exc:
                self.app.call_from_thread(self._failed, str(exc))
                return
        shown = filtered(self.entries, self.herford.snapshot, filters, lambda: worker.is_cancelled)
        if shown is not None and not worker.is_cancelled:  # a newer filter is already on its way
            self.app.call_from_thread(self._show, shown)

    def _failed(self, message: str) -> None:
        self.query_one("#changes-summary", Label).update(plain(message))

    def _show(self, shown: Shown) -> None:
        table = self.query_one("#changes", DataTable)
        table.clear()
        self.details = shown.details
        for row in shown.rows:
            table.add_row(*(plain_cell(cell) for cell in row))
        self.query_one("#changes-summary", Label).update(plain(shown.summary))
        self.query_one("#change-detail", Static).update(
            plain(self.details[0], keep_newlines=True) if self.details else ""
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole change of the chosen line, wrapped: the table cuts it off at 80 columns."""
        if 0 <= event.cursor_row < len(self.details):
            self.query_one("#change-detail", Static).update(plain(self.details[event.cursor_row], keep_newlines=True))
