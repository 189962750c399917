"""Columns by priority: facts (dates, periods, phone numbers, e-mail) whole or left out, never cut;
what is left out is named for the detail line. The year grid's twelve months at 80 columns."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from herford_tui.ui.common.fit import (
    PADDING,
    RESERVE,
    TAB_MINIMUM,
    TAB_PADDING,
    Column,
    dropped_text,
    fit_labels,
    pick,
    plan_columns,
    shorten,
    text_width,
)
from herford_tui.ui.year.presentation import COMPACT, FULL, GAP, grid_layout

COLUMNS = (
    Column("Name", minimum=16),
    Column("Funktion", priority=4),
    Column("Organisation", priority=2),
    Column("E-Mail", priority=3, whole=True),
    Column("Telefon", priority=1, whole=True),
)
ROW = ("Dr. Karin Krüger-Neumann", "Stellv. Schulleitung", "Demo-Gesamtschule Kirchlengern 1",
       "karin.krueger-neumann.85@example.org", "05221 13-1234")  # fmt: skip


def _used(plan) -> int:
    return sum(plan.widths) + PADDING * len(plan.shown)


def test_wide_terminal_shows_every_column_and_nothing_is_dropped():
    plan = plan_columns(COLUMNS, [ROW], 160)
    assert plan.shown == (0, 1, 2, 3, 4) and plan.dropped == ()
    assert pick(ROW, plan) == ROW and dropped_text(COLUMNS, plan, ROW) == ""


def test_at_80_columns_facts_stay_whole_and_the_dropped_ones_are_named():
    plan = plan_columns(COLUMNS, [ROW], 80)
    assert _used(plan) <= 80 - RESERVE
    widths = dict(zip(plan.shown, plan.widths, strict=True))
    assert widths[4] == len("05221 13-1234")  # the phone number whole, never "0123 789-10"
    assert 3 not in widths or widths[3] == len(ROW[3])
    assert plan.dropped and set(plan.dropped) <= {1, 2, 3}
    assert 4 not in plan.dropped  # priority 1 goes last
    text = dropped_text(COLUMNS, plan, ROW)
    assert "E-Mail: karin.krueger-neumann.85@example.org" in text


def test_columns_go_by_priority_highest_number_first():
    narrow = plan_columns(COLUMNS, [ROW], 40)
    assert narrow.shown == (0, 4)  # the name and the phone number
    assert narrow.dropped == (1, 2, 3)


def test_extra_columns_give_way_before_a_readable_column_is_cut():
    """The Lenkungskreis at 120 columns showed "Leitung der…" for two seats beside the members'
    own organisation (spelled out in the detail line): the extras go first, then the seat is cut."""
    from herford_tui.ui.committees.presentation import COLUMNS as ROSTER

    row = ("Leitung der Schulabteilung der Bezirksregierung Detmold", "Prof. Dr. Fatma Diekmann",
           "Stellvertretung", "Bezirksregierung Detmold", "01.08.2020", "Fachbereichsleitung",
           "Bezirksregierung Detmold")  # fmt: skip
    plan = plan_columns(ROSTER, [row], 120)
    assert [ROSTER[i].label for i in plan.dropped] == ["Funktion", "Organisation"]
    seat = dict(zip(plan.shown, plan.widths, strict=True))[0]
    assert seat >= 26 and _used(plan) <= 120 - RESERVE
    assert dropped_text(ROSTER, plan, row) == "Funktion: Fachbereichsleitung · Organisation: Bezirksregierung Detmold"
    assert plan_columns(ROSTER, [row], 220).dropped == (), "with room enough every column is back"
    narrow = plan_columns(ROSTER, [row], 80)  # nothing extra left to give: the seat is cut as before
    assert 0 in narrow.shown and 4 in narrow.shown


def test_a_spare_column_is_cut_last():
    columns = (Column("Gremium", minimum=10, spare=True), Column("Person", minimum=10), Column("Rolle", minimum=8))
    row = ("Arbeitskreis Übergang Schule–Beruf", "Prof. Dr. Heike Köhler-Neumann", "Stellvertretung")
    plan = plan_columns(columns, [row], 2 + 34 + 10 + 8 + 3 * PADDING)
    assert plan.widths == (34, 10, 8), "person and role down to their minimum before the committee"
    assert plan_columns(columns, [row], 2 + 20 + 10 + 8 + 3 * PADDING).widths == (20, 10, 8)


def test_a_period_is_never_cut_even_when_nothing_else_can_go():
    columns = (Column("Gremium"), Column("Zeitraum", whole=True))
    plan = plan_columns(columns, [("Regionales Leitungsteam", "10.05.2019 bis 01.12.2026")], 40)
    assert plan.widths[1] == len("10.05.2019 bis 01.12.2026")


@given(
    rows=st.lists(st.tuples(*(st.text(max_size=40) for _ in COLUMNS)), max_size=6),
    width=st.integers(20, 200),
)
def test_plans_never_cut_a_whole_fact_and_fit_when_they_can(rows, width):
    plan = plan_columns(COLUMNS, rows, width)
    for i, w in zip(plan.shown, plan.widths, strict=True):
        if COLUMNS[i].whole:
            assert all(len(row[i]) <= w for row in rows if row[i].isascii())
    assert set(plan.shown) | set(plan.dropped) == set(range(len(COLUMNS)))
    if len(plan.shown) > 1:  # more than the name: it had room
        assert _used(plan) <= width - RESERVE


def test_year_grid_has_twelve_months_at_80_and_full_cells_at_120():
    small, large = grid_layout(80), grid_layout(120)
    assert len(small.widths) == 14 and small.month == COMPACT and small.compact
    assert sum(small.widths) + GAP * 14 <= 80 - 2
    assert large.month >= FULL and not large.compact
    assert sum(large.widths) + GAP * 14 <= 120 - 2


def test_a_date_column_at_the_tables_edge_is_brought_into_view_or_pushed_out():
    from herford_tui.ui.common.layout import keep_whole

    widths = [26, 20, 16, 18, 14, 18]  # Sitz, Name, Rolle, vertritt, seit, Funktion (padding 1)
    fitted = keep_whole(widths, {4}, 98, 1)  # 100 columns: "seit" from 88 to 104
    assert sum(w + 2 for w in fitted[:5]) <= 98 and fitted[4] == 14  # whole, the text gave way
    pushed = keep_whole(widths, {4}, 80, 1)
    assert pushed == widths  # at 80 it starts beyond the edge: nothing to do
    narrow = keep_whole([12, 12, 14], {2}, 30, 1)  # no text to shorten: out of view instead
    assert sum(w + 2 for w in narrow[:2]) >= 30


TABS = ["Konferenz", "Lenkungskreis", "Leitungsteam", "Arbeitskreise", "Organisationen", "Jahr", "Auswertung"]


def _row_width(labels: list[str]) -> int:
    return sum(text_width(label) + TAB_PADDING for label in labels)


def test_tab_labels_whole_when_they_fit_the_longest_shortened_when_not():
    assert fit_labels(TABS, 120) == TABS
    fitted = fit_labels(TABS, 80)
    assert _row_width(fitted) <= 80
    assert fitted[0] == "Konferenz" and fitted[5] == "Jahr"  # short ones stay whole
    assert fitted[4] == "Organisat…"
    assert fit_labels(TABS, 80, mark="...")[4].endswith("...")


@given(labels=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=20), width=st.integers(10, 200))
@example(labels=["\u2764\ufe0f" * 6], width=10)  # a heart with the emoji selector: two cells, not one plus none
def test_tab_labels_fit_when_they_can_and_never_below_the_minimum(labels, width):
    fitted = fit_labels(labels, width)
    assert len(fitted) == len(labels)
    for label, whole in zip(fitted, labels, strict=True):
        if label != whole:
            assert label.endswith("…") and whole.startswith(label[:-1].rstrip())
            assert text_width(label) <= max(text_width(whole), TAB_MINIMUM)
    floor = sum(min(text_width(label), TAB_MINIMUM) + TAB_PADDING for label in labels)
    if floor + 1 < width:  # room for the shortest labels (a wide character may need one cell more)
        assert _row_width(fitted) <= width


def test_a_label_is_cut_by_the_width_of_the_cut_as_a_whole():
    """A character's width depends on its neighbours: summed one by one, six hearts with the emoji
    selector (12 cells) were cut to 13 cells with the mark, wider than the whole label."""
    hearts, family = "\u2764\ufe0f" * 6, "\U0001f468\u200d\U0001f469" * 5  # 12 and 10 cells
    for width in range(TAB_MINIMUM, 12):
        for label in (hearts, family):
            cut = shorten(label, width)
            assert text_width(cut) <= width and label.startswith(cut[:-1]) and cut.endswith("…")
            assert not cut[:-1].endswith("\u200d"), "a joiner at the end would join the mark to the cut"
