"""The look of the directory, the organisation screen and the person screen at 80x24 and 120x40.

Data: the fixture (seed plus the Lenkungskreis members), the chair with an ended membership in
the Leitungsteam and a phone number, her organisation with phone and address; "today" frozen
at 28.11.2026. Update with ``--snapshot-update`` after
looking at the SVGs.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from pilot_helpers import footer_shows, roster_ready, shown, wait_for
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label

from herford_tui.domain import Membership
from herford_tui.ui.directory.organisation_screen import OrganisationScreen
from herford_tui.ui.directory.pane import DirectoryPane
from herford_tui.ui.directory.person_screen import PersonScreen

SIZES = [(80, 24), (120, 40)]


async def _steady(pilot: Pilot) -> None:
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def _open_directory(pilot: Pilot) -> None:
    """``o`` once the start view has the keys; the directory is built on its first showing."""
    await roster_ready(pilot)
    await pilot.press("o")
    await footer_shows(pilot, "Filtern")
    # The footer comes with the tab, the rows and their count with its first fill (a snapshot
    # of an empty list was once taken and kept): wait for the count, which only the fill writes.
    count = pilot.app.query_one("#directory-count", Label)
    assert await wait_for(pilot, lambda: "Organisationen" in str(count.render()))
    await _fitted(pilot)


async def _fitted(pilot: Pilot) -> None:
    """The columns planned for the table's laid-out width: the first fill may come before the
    layout, and the refit after it runs after a repaint, which a 5 ms idle window can precede."""
    pane = pilot.app.query_one(DirectoryPane)
    assert await wait_for(pilot, lambda: pane.fitted)


async def _directory(pilot: Pilot) -> None:
    await _open_directory(pilot)
    await _steady(pilot)


async def _persons(pilot: Pilot) -> None:
    await _open_directory(pilot)
    await pilot.press("t")
    count = pilot.app.query_one("#directory-count", Label)
    assert await wait_for(pilot, lambda: "Personen" in str(count.render()))  # written by the refill
    await _fitted(pilot)
    await _steady(pilot)


async def _organisation(pilot: Pilot) -> None:
    await _open_directory(pilot)
    await pilot.press("f")
    field = pilot.app.query_one("#org-filter", Input)
    assert await wait_for(pilot, lambda: field.has_focus)  # typed before, the letters were the table's keys
    await pilot.press(*"kreis herford", "enter")
    table = pilot.app.query_one("#org-table")
    assert await wait_for(pilot, lambda: table.has_focus)  # Enter filters and hands the keys to the list
    await pilot.press("down", "enter")  # the second hit
    # The page is pushed by the Enter: wait for it and for its seats, which only its fill writes.
    title = (await shown(pilot, OrganisationScreen)).query_one("#organisation-seats-title", Label)
    assert await wait_for(pilot, lambda: "Vertreten in den Gremien" in str(title.render()))
    await _steady(pilot)


async def _person(pilot: Pilot) -> None:
    # --open shows its view after start-up: the roster must have the focus before "i"
    assert await wait_for(pilot, lambda: isinstance(pilot.app.focused, DataTable))
    await pilot.press("i")  # from the roster: the chair
    screen = await shown(pilot, PersonScreen)
    title = screen.query_one("#person-memberships-title", Label)
    assert await wait_for(pilot, lambda: "Mitgliedschaften" in str(title.render()))  # its fill
    tasks = screen.query_one("#person-tasks-title", Label)
    assert await wait_for(pilot, lambda: "wird geladen" not in str(tasks.render()))  # its worker's result
    await _steady(pilot)


def _with_history(world) -> None:
    """The chair's ended membership, her phone number and her organisation's (whole at 80x24)."""
    store = world.store()
    snapshot = store.snapshot()
    chair = snapshot.persons[world.person["mustermann"]]
    store.save(dataclasses.replace(chair, phone="05221 13-1234 567"))
    kreis = snapshot.organisations[world.org["Kreis Herford"]]
    store.save(dataclasses.replace(kreis, phone="05221 13-0", address="Amtshausstraße 3, Herford", postal_code="32051"))
    seat = snapshot.committees[world.leitungsteam].seats[0].key
    store.save(
        Membership(
            person_id=world.person["mustermann"],
            committee_id=world.leitungsteam,
            seat_key=seat,
            start=date(2019, 2, 1),
            end=date(2024, 7, 31),
        )
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_directory_organisations(world, snap_compare, size):
    assert snap_compare(world.app(), terminal_size=size, run_before=_directory)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_directory_persons(world, snap_compare, size):
    assert snap_compare(world.app(), terminal_size=size, run_before=_persons)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_organisation_screen(world, snap_compare, size):
    _with_history(world)
    assert snap_compare(world.app(), terminal_size=size, run_before=_organisation)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_person_screen(world, snap_compare, size):
    _with_history(world)
    assert snap_compare(world.app(open_view="lenkungskreis"), terminal_size=size, run_before=_person)
