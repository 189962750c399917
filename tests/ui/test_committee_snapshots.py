"""The look of the committee screens, at the SSH size (80x24) and a roomy terminal (120x40).

Data: the fixture's Lenkungskreis (chair, a mayor with a deputy, the office lead, empty
seats), "today" frozen at 28.11.2026. Update with ``pytest tests/ui --snapshot-update`` and
review the SVGs before committing.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from pilot_helpers import notified, roster_ready, steady, type_text, wait_for
from textual.pilot import Pilot
from textual.widgets import DataTable

SIZES = [(80, 24), (120, 40)]


async def _history(pilot: Pilot) -> None:
    await roster_ready(pilot)
    await pilot.press("h")
    # its notice says the history is shown (rows counted before that were today's only)
    assert await wait_for(pilot, lambda: notified(pilot.app, "Verlauf eingeblendet."))
    pilot.app.clear_notifications()  # the "Verlauf eingeblendet." toast would time out mid-test
    table = pilot.app.focused  # the Lenkungskreis roster
    assert isinstance(table, DataTable)
    await pilot.press(*["down"] * (table.row_count - 1 - table.cursor_row))  # to the ended line
    await steady(pilot)


async def _add_member_form(pilot: Pilot) -> None:
    await roster_ready(pilot)
    await pilot.press("down")  # Sozialdezernenten, an open seat
    await pilot.press("a")
    await steady(pilot)


async def _add_member_form_new_person(pilot: Pilot) -> None:
    await roster_ready(pilot)
    await pilot.press("down", "a")
    await type_text(pilot, "Hanna Neumann")
    await pilot.press("enter")  # "+ Neue Person anlegen": the form grows by four fields
    await steady(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_lenkungskreis_roster(world, snap_compare, size):
    app = world.app(open_view="lenkungskreis")
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_lenkungskreis_history(world, snap_compare, size):
    """Ended memberships shown with h: struck through, with their period."""
    store = world.store()
    gf = store.snapshot().memberships[world.membership["gf"]]
    store.save(dataclasses.replace(gf, end=date(2026, 10, 31)))
    app = world.app(open_view="lenkungskreis")
    assert snap_compare(app, terminal_size=size, run_before=_history)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_add_member_form(world, snap_compare, size):
    app = world.app(open_view="lenkungskreis")
    assert snap_compare(app, terminal_size=size, run_before=_add_member_form)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_add_member_form_with_new_person(world, snap_compare, size):
    app = world.app(open_view="lenkungskreis")
    assert snap_compare(app, terminal_size=size, run_before=_add_member_form_new_person)
