"""Use the space: taller detail panes at 32+ lines, nothing changes at 80x24.

The directory fits its columns itself (tests/ui/test_people*.py).
"""

from __future__ import annotations

import pytest
from pilot_helpers import SIZE, goto_row, wait_for
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Static

from herford_tui.ui.common.layout import shares


def _widths(table: DataTable) -> list[int]:
    return [c.width for c in table.columns.values()]


@pytest.mark.parametrize(("size", "height"), [((80, 24), 5), ((120, 40), 10)])
async def test_roster_detail_grows_on_a_tall_terminal(world, size, height):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=size) as pilot:
        detail = app.query_one(f"#committee-{world.lenkungskreis} #member-detail", Static)
        assert await wait_for(pilot, lambda: detail.outer_size.height == height), detail.outer_size


async def test_a_new_screen_is_not_styled_again_at_its_first_resize(world, monkeypatch):
    """The breakpoint classes are set before a screen is styled: set at its first Resize (as
    Textual does), they restyled every widget on it a second time (the main screen at every
    start, each form as it opened). A later change of the terminal's size still sets them."""
    changed: list[tuple[str, set[str]]] = []
    update_classes = Screen.update_classes

    def recorded(self, classes, *args, **kwargs):
        before = set(self.classes)
        result = update_classes(self, classes, *args, **kwargs)
        if set(self.classes) != before:
            changed.append((type(self).__name__, set(self.classes)))
        return result

    monkeypatch.setattr(Screen, "update_classes", recorded)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("e")  # a form
        assert await wait_for(pilot, lambda: app.screen.is_modal and app.screen.size == SIZE)
        assert {"-narrow", "-short"} <= app.screen.classes and {"-narrow", "-short"} <= app.main.classes
        assert changed == []
        await pilot.resize_terminal(130, 40)
        assert await wait_for(pilot, lambda: ("MainScreen", {"-wide", "-tall"}) in changed)


async def test_a_widget_is_styled_when_it_is_mounted_not_when_it_is_built(world, monkeypatch):
    """Textual styled a widget, without its parents, each time its constructor set a class
    (Input's compact, Button's variant): thrown away, as it is styled again when mounted."""
    styled: list[object] = []
    apply = Stylesheet.apply

    def recorded(self, node, *args, **kwargs):
        styled.append(node)
        return apply(self, node, *args, **kwargs)

    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr(Stylesheet, "apply", recorded)
        field, button = Input("x", compact=True), Button("Speichern", variant="primary")
        assert styled == [] and field.has_class("-textual-compact") and button.has_class("-primary")
        await app.main.mount(field, button)
        assert field in styled and button in styled
        await pilot.pause()
        assert field.outer_size.height == 1  # compact (no border): styled with its class


def test_extra_room_is_shared_in_proportion():
    assert shares(10, [20, 10]) == [7, 3]
    assert shares(0, [20, 10]) == [0, 0]
    assert shares(-5, [20]) == [0]


async def test_roster_detail_follows_the_cursor_in_its_fixed_height(world):
    """The detail is redrawn without a layout (its height is fixed): a long text (wrapped past its
    nine lines, cut at the bottom) and a short one each show, in the same height."""
    from herford_tui.domain import Person
    from herford_tui.store import Store

    store = Store(world.path).open()
    person = store.get(Person, world.person["beispiel"])
    person.function = " ".join(["Beauftragte für lange Funktionen"] * 6)[:200]
    store.save(person)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=(40, 40)) as pilot:  # tall: the detail wraps
        table = app.query_one(f"#committee-{world.lenkungskreis} #roster", DataTable)
        detail = app.query_one(f"#committee-{world.lenkungskreis} #member-detail", Static)
        rows = {line.membership.id: i for i, line in enumerate(table.parent.lines) if line.membership}
        assert await wait_for(pilot, lambda: detail.outer_size.height == 10)  # the tall screen's layout
        for key, name in (("vorsitz", "Erika Mustermann"), ("bm", "Bernd Beispiel, Beauftragte"), ("gf", "Tobias")):
            table.move_cursor(row=rows[world.membership[key]])
            assert await wait_for(pilot, lambda name=name: str(detail.render()).startswith(name)), str(detail.render())
            assert detail.outer_size.height == 10


async def test_views_resized_while_hidden_fit_the_width_when_shown(world):
    """The terminal narrowed while another tab was shown: the year grid and the directory
    planned for 120 columns were cut off at 80 until the tab was left and shown again. (In a
    real terminal Textual sent the hidden view neither a Resize nor, on showing, a Show; the
    headless driver does, so this holds the behaviour, and the fix was seen in tmux by hand.)"""
    from herford_tui.ui.common.line_table import LineTable
    from herford_tui.ui.directory.pane import DirectoryPane
    from herford_tui.ui.year.pane import YearPane

    app = world.app(open_view="jahr")
    async with app.run_test(size=(120, 40)) as pilot:
        year = app.query_one(YearPane)
        assert await wait_for(pilot, lambda: year.grid and not year._layout.compact)
        await pilot.press("o")
        assert await wait_for(pilot, lambda: bool(app.query(DirectoryPane)))  # the tab is built on first show
        directory = app.query_one(DirectoryPane)
        table = directory.query_one("#org-table", LineTable)
        assert await wait_for(pilot, lambda: directory._cells and directory._width == table.size.width > 100)
        await pilot.press("j")
        assert await wait_for(pilot, lambda: year.region.area > 0)
        await pilot.resize_terminal(80, 24)  # while the year is shown, the directory hidden
        assert await wait_for(pilot, lambda: year._layout.compact)
        await pilot.press("o")
        assert await wait_for(pilot, lambda: directory._width == table.size.width <= 80)
        await pilot.resize_terminal(120, 40)  # now the year is hidden
        await pilot.press("j")
        assert await wait_for(pilot, lambda: year.region.area > 0 and not year._layout.compact)
