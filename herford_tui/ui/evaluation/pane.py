"""The Auswertung tab: per committee the year's meetings against the rhythm, attendance as a bar
and its trend as a sparkline, tasks, decisions and vacant seats.

The figures take about a second at x10 (every held meeting's attendance over five years): they
are computed in a thread, so the tab paints at once, keys keep working, and the figures fill in
when they are ready (kept per snapshot: back to a year already shown, they are there at once).
"""

from __future__ import annotations

import time
from collections.abc import Generator

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Sparkline, Static
from textual.worker import Worker, get_current_worker

from herford_tui.domain import Snapshot
from herford_tui.domain.evaluation import TREND_YEARS, Evaluation, evaluate_steps, figures_at_hand, trend_steps
from herford_tui.domain.pacing import later, pace
from herford_tui.ui.common.line_table import LineTable
from herford_tui.ui.common.view import SnapshotView
from herford_tui.ui.evaluation import presentation as show

Steps = Generator[int, None, Evaluation]
AT_ONCE = 0.015
"""Seconds of CPU the figures may take on the event loop before the tab's first paint; what is
left of them goes on in the thread (x10), the tab painted with "wird berechnet" meanwhile."""


class EvaluationPane(SnapshotView):
    SCOPED_CSS = False  # the rules below also look at the screen's height class (-tall)
    DEFAULT_CSS = """
    EvaluationPane #evaluation-summary { height: auto; max-height: 40%; padding: 0 1; }
    EvaluationPane.-whole #evaluation-summary { max-height: 100%; }
    EvaluationPane #evaluation-table { height: 1fr; }
    EvaluationPane #evaluation-trend-row { height: 1; padding: 0 1; }
    EvaluationPane #evaluation-trend-label { width: auto; }
    EvaluationPane #evaluation-trend { width: 12; margin-left: 1; }
    EvaluationPane #evaluation-detail { height: auto; max-height: 4; padding: 0 1; color: $text-muted; }
    Screen.-tall EvaluationPane #evaluation-detail { max-height: 6; }
    EvaluationPane.-whole #evaluation-detail { max-height: 100%; }
    """

    BINDINGS = [
        Binding("left_square_bracket", "year(-1)", "Vor-/Folgejahr", key_display="[/]", id="evaluation.previous"),
        Binding("right_square_bracket", "year(1)", "Folgejahr", show=False, id="evaluation.next"),
        Binding("z", "whole_summary", "Zusammenfassung", id="evaluation.summary"),
    ]

    year: reactive[int] = reactive(0, init=False)

    def __init__(self) -> None:
        super().__init__(classes="evaluation")
        self.evaluation: Evaluation | None = None
        self.committee_ids: list[int] = []
        self._busy_shown: int | None = None
        """The year whose "wird berechnet" the tab shows since it was mounted (painted with the tab)."""

    def compose(self) -> ComposeResult:
        yield Static(id="evaluation-summary")
        yield LineTable(id="evaluation-table", cursor_type="row", fixed_columns=1)  # the committee, scrolled right
        with Horizontal(id="evaluation-trend-row"):
            yield Static(id="evaluation-trend-label")
            yield Sparkline([], id="evaluation-trend")
        yield Static(id="evaluation-detail")

    def on_mount(self) -> None:
        self.set_reactive(EvaluationPane.year, self.herford.today.year)
        self.query_one("#evaluation-table", LineTable).set_columns(*show.columns(None))
        # "wird berechnet" in the tab's first paint: its first showing then computes at once,
        # not after a second paint that only says so.
        self.query_one("#evaluation-summary", Static).update(show.busy_heading(self.year))
        self._busy_shown = self.year
        # Unless the figures are at hand: then they are in the first paint (one paint, not two,
        # and no thread to start and hand back: x1 on a pty 165 -> ~100 ms).
        snapshot = self.herford.snapshot
        begun = self._figures_now(snapshot, self.year)
        if begun is not None:  # this snapshot is shown (or being computed): not stale
            self._busy_shown, self._stale = None, False
            if isinstance(begun, Evaluation):
                self._show(begun)
            self._compute(snapshot, self.year, begun)  # the rest of the figures, or the trend years
        super().on_mount()
        # Shown at once when built into the visible tab; a Show event does not always follow a
        # mount into an already visible pane (the benchmark's tab tour never got one).
        self.call_after_refresh(self._first_show)

    def _first_show(self) -> None:
        if self._stale and self.region.area:
            self._catch_up()

    def refresh_data(self, snapshot: Snapshot) -> None:
        if self.evaluation is None and self._busy_shown == self.year:  # the first showing: painted
            self._busy_shown = None
            self._compute(snapshot, self.year)
            return
        self._busy_shown = None
        self.query_one("#evaluation-summary", Static).update(
            show.heading(self.evaluation, busy=True) if self.evaluation else show.busy_heading(self.year)
        )
        # Paint the tab (and this "wird berechnet") first, then compute.
        self.call_after_refresh(self._compute, snapshot, self.year)

    def action_whole_summary(self) -> None:
        # The summary takes up to 40 % of the tab (its sentences at 80x24), the committee's detail
        # below the table 4 lines; on a lower terminal, or for a longer text (a committee with
        # many open seats), this shows both whole around a shorter table, and back.
        self.toggle_class("-whole")

    def action_year(self, step: int) -> None:
        self.year += step

    def watch_year(self) -> None:
        self.evaluation = None
        self.refresh_data(self.herford.snapshot)

    @work(
        thread=True,
        exclusive=True,
        group="evaluation",
        name="evaluation",
        exit_on_error=False,
        description="Auswertung",
    )
    def _compute(self, snapshot: Snapshot, year: int, begun: Evaluation | Steps | None = None) -> None:
        """In a thread: the year's figures (x10: half a second of CPU), shown; then the trend of the
        years before (a third more), shown below the table. On the event loop in slices, each turn
        of the loop handed the interpreter to the start's other thread (the search index) and waited
        for it back: 8 s instead of 3 right after the start. The thread shares the interpreter with
        the event loop, which gets it back within Python's switch interval (5 ms) for each key.
        A newer computation (the next year, a new snapshot) cancels this one: it stops at the next
        committee instead of computing on beside it.

        ``begun``: the figures shown already (the trend follows), or their steps begun on the event
        loop (``_figures_now``), to be taken on from there."""
        worker = get_current_worker()
        if isinstance(begun, Evaluation):
            first = begun
        else:
            computed = _run(begun or evaluate_steps(snapshot, year, self.herford.today, trend_first=False), worker)
            if computed is None:
                return
            first = computed
            self.app.call_from_thread(self._show, first)
        with later():  # the trend follows: it steps back while the screen is busy (the next tab)
            whole = _run(trend_steps(snapshot, first), worker)
        if whole is not None:
            self.app.call_from_thread(self._show_trend, whole)

    def _figures_now(self, snapshot: Snapshot, year: int) -> Evaluation | Steps | None:
        """The year's figures computed here if they are at hand (``figures_at_hand``): done within
        ``AT_ONCE`` of the event loop's CPU, or their steps begun for the thread to take on; None if
        they are not at hand (they would wait for the start's background reading)."""
        if not figures_at_hand(snapshot, year, self.herford.today):
            return None
        steps = evaluate_steps(snapshot, year, self.herford.today, trend_first=False)
        began = time.thread_time()
        while time.thread_time() - began < AT_ONCE:
            try:
                next(steps)
            except StopIteration as done:
                return done.value
        return steps

    def _show(self, evaluation: Evaluation) -> None:
        if evaluation.year != self.year:
            return
        self.evaluation = evaluation
        self.query_one("#evaluation-summary", Static).update(show.heading(evaluation))
        table = self.query_one("#evaluation-table", LineTable)
        keep = table.cursor_row
        self.committee_ids = [f.committee_id for f in evaluation.meetings]
        # Each row's cells are made when it is first drawn (line API): at x10 a DataTable measured
        # all 8,000 cells of the 1,007 committees before its first paint.
        table.set_columns(*show.columns(evaluation))
        rows = evaluation.meetings
        table.set_rows([str(i) for i in self.committee_ids], lambda i: show.committee_row(evaluation, rows[i]))
        if self.committee_ids:  # its Highlighted shows the committee's lines (once: each is a layout)
            table.move_cursor(row=min(max(keep, 0), len(self.committee_ids) - 1))

    @property
    def complete(self) -> bool:
        """The figures and the trend years are shown."""
        return self.evaluation is not None and len(self.evaluation.trend_years) == TREND_YEARS

    def _show_trend(self, evaluation: Evaluation) -> None:
        """The same figures with the trend years: the rows stay, the line below the table follows."""
        if self.evaluation is not None and evaluation.year == self.evaluation.year == self.year:
            self.evaluation = evaluation
            self._show_committee()

    @on(LineTable.Highlighted, "#evaluation-table")
    def _show_committee(self) -> None:
        evaluation = self.evaluation
        row = self.query_one("#evaluation-table", LineTable).cursor_row
        if evaluation is None or not 0 <= row < len(self.committee_ids):
            return
        committee_id = self.committee_ids[row]
        self.query_one("#evaluation-trend-label", Static).update(show.trend_label(evaluation, committee_id))
        self.query_one("#evaluation-trend", Sparkline).data = show.trend_values(evaluation, committee_id)
        self.query_one("#evaluation-detail", Static).update(show.detail(evaluation, committee_id))


def _run(steps: Steps, worker: Worker[None]) -> Evaluation | None:
    """The steps to their end, or None once ``worker`` is cancelled (a newer computation began)."""
    while not worker.is_cancelled:
        pace()  # in a paced block (the trend) a look at the other threads now and then
        try:
            next(steps)
        except StopIteration as done:
            return done.value
    return None
