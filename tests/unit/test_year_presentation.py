"""The year grid's text, without Textual: status letters that read without colour, rhythm marks,
holiday rows, the missed invitation deadline."""

from __future__ import annotations

from datetime import date, time, timedelta

from herford_tui.domain import Committee, Meeting, MeetingStatus, Snapshot
from herford_tui.domain.evaluation import evaluate
from herford_tui.ui.evaluation.presentation import committee_row, detail
from herford_tui.ui.year.presentation import (
    LEGEND,
    LEGEND_COMPACT,
    PUBLIC_ROW,
    SCHOOL_ROW,
    cell_detail,
    grid_rows,
    list_row,
)

TODAY = date(2026, 11, 28)


def _snapshot() -> Snapshot:
    konferenz = Committee(id=1, name="Bildungskonferenz", short_name="Konferenz", rhythm_min=1, rhythm_max=1)
    rlt = Committee(id=2, name="Regionales Leitungsteam", rhythm_min=6, rhythm_max=8, order=1)
    meetings = {
        1: Meeting(id=1, committee_id=1, date=date(2026, 3, 2), status=MeetingStatus.DURCHGEFUEHRT),
        2: Meeting(id=2, committee_id=1, date=date(2026, 6, 4), status=MeetingStatus.ABGESAGT),
        3: Meeting(id=3, committee_id=1, date=date(2026, 6, 17), status=MeetingStatus.DURCHGEFUEHRT),
        4: Meeting(id=4, committee_id=1, date=date(2026, 12, 9), start_time=time(14)),
        5: Meeting(id=5, committee_id=1, date=date(2026, 12, 16), status=MeetingStatus.EINGELADEN),
    }
    return Snapshot(committees={1: konferenz, 2: rlt}, meetings=meetings)


def test_grid_rows_letters_marks_and_holidays():
    rows = grid_rows(_snapshot(), 2026, TODAY)
    assert [r.key for r in rows] == [PUBLIC_ROW, SCHOOL_ROW, "c1", "c2"]
    public, school, konferenz, rlt = ([c.plain for c in r.cells] for r in rows)
    assert public[2 + 9] == "3" and public[2 + 11] == "25–26"  # 03.10., Weihnachten
    assert school[2 + 6] == "20–31"  # Sommerferien from 20.07.
    assert konferenz[:2] == ["Konferenz", "4/1 +"]  # the cancelled one does not count
    assert konferenz[2 + 2] == "2d" and konferenz[2 + 5] == "4x* 17d" and konferenz[2 + 11] == "9g! 16e"
    assert rlt[1] == "0/6–8 -"
    assert [r.key for r in grid_rows(_snapshot(), 2026, TODAY, committee_id=2)][2:] == ["c2"]


def test_cell_detail_and_list_row_in_words():
    snapshot = _snapshot()
    rows = grid_rows(snapshot, 2026, TODAY)
    detail = cell_detail(snapshot, rows[2], 12, 2026, TODAY).plain
    assert "2026: 4 (Soll 1) zu viele" in detail
    assert "Einladung überfällig (fällig 25.11.2026)" in detail
    assert "Fronleichnam" in cell_detail(snapshot, rows[0], 6, 2026, TODAY).plain
    cells = [c.plain for c in list_row(snapshot, snapshot.meetings[2], TODAY)]
    assert cells[4] == "x abgesagt" and "Fronleichnam" in cells[5]


def test_the_legend_names_each_status_as_the_list_does():
    snapshot = _snapshot()
    shown = {list_row(snapshot, m, TODAY)[4].plain for m in snapshot.meetings.values()}
    assert shown == {"g geplant", "e eingeladen", "d durchgeführt", "x abgesagt"}
    for legend in (LEGEND, LEGEND_COMPACT):
        assert legend[0].split(" · ") == ["g geplant", "e eingeladen", "d durchgeführt", "x abgesagt"]
        assert shown <= set(legend[0].split(" · "))


def test_list_window_keeps_today_in_view_and_counts_the_rest():
    from herford_tui.ui.year.presentation import list_window

    meetings = [Meeting(id=i, committee_id=1, date=date(2026, 1, 1) + timedelta(days=i // 3))
                for i in range(1000)]  # fmt: skip
    shown, hidden = list_window(meetings, TODAY, 100)
    assert len(shown) == 100 and hidden == 900
    assert shown[0].date < TODAY <= shown[-1].date
    assert list_window(meetings[:50], TODAY, 100) == (meetings[:50], 0)


def test_the_year_grid_and_the_evaluation_show_the_same_count_against_the_rhythm():
    """One text for both (they differed: the evaluation counted only held meetings against a
    mark taken from held and planned ones: „2/3–6“ without „-“); the detail splits the count."""
    snapshot = _snapshot()
    grid = {r.key: [c.plain for c in r.cells][1] for r in grid_rows(snapshot, 2026, TODAY)}
    ev = evaluate(snapshot, 2026, TODAY)
    table = {f"c{f.committee_id}": committee_row(ev, f)[1].plain for f in ev.meetings}
    assert table == {"c1": grid["c1"], "c2": grid["c2"]} == {"c1": "4/1 +", "c2": "0/6–8 -"}
    assert detail(ev, 1).plain.startswith("Bildungskonferenz 2026: 2 durchgeführt, 2 geplant, 1 abgesagt · Unbesetzt")
