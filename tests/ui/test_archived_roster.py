"""An archived committee has no tab: its roster and history are read from the archive list
(Enter), read-only, and restored only with ``w``."""

from __future__ import annotations

import dataclasses
from datetime import date

from pilot_helpers import SIZE, footer_shows, form_ready, new_notice, screen_text, shown, shown_notices, wait_for

from herford_tui.ui.committees.archive import ArchivedRosterScreen, ArchiveScreen
from herford_tui.ui.directory.person_screen import PersonScreen


def archive_lenkungskreis(world) -> None:
    """The Lenkungskreis archived, the office lead's membership ended (history)."""
    store = world.store()
    snap = store.snapshot()
    gf = snap.memberships[world.membership["gf"]]
    store.save(dataclasses.replace(gf, end=date(2026, 6, 30)))
    store.save(dataclasses.replace(store.snapshot().committees[world.lenkungskreis], archived=True))


async def test_enter_in_the_archive_shows_the_roster_read_only(world):
    archive_lenkungskreis(world)
    before = world.bytes()
    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        await form_ready(pilot, ArchiveScreen)
        await pilot.press("enter")
        screen = await shown(pilot, ArchivedRosterScreen)
        assert await wait_for(pilot, lambda: "Mustermann" in screen_text(app)), screen_text(app)
        text = screen_text(app)
        assert "Lenkungskreis (archiviert)" in text
        assert "Test" in text  # the ended membership: the history is shown
        await footer_shows(pilot, "Verlauf")
        footer = screen_text(app).splitlines()[-1]
        for offered in ("Neu", "Ändern", "Austritt", "Vertretung", "Wiederherstellen"):
            assert offered not in footer, footer
        # The roster's write keys do nothing here: no form opens, nothing is written. "h" after
        # them says it hid the history: the keys before it were handled by then.
        for key in ("a", "e", "x", "v", "m", "w", "c", "delete", "g", "n", "p", "r"):
            await pilot.press(key)
        notices = shown_notices(app)
        await pilot.press("h")
        await new_notice(pilot, notices, containing="Verlauf ausgeblendet")
        assert app.screen is screen, app.screen
        await pilot.press("escape")
        await shown(pilot, ArchiveScreen)
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
    assert world.bytes() == before
    assert world.read().committees[world.lenkungskreis].archived


async def test_a_membership_of_an_archived_committee_opens_its_roster_from_the_person_page(world):
    archive_lenkungskreis(world)
    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        app.open_person(world.person["mustermann"])
        await shown(pilot, PersonScreen)
        assert await wait_for(pilot, lambda: "Lenkungskreis" in screen_text(app)), screen_text(app)
        await pilot.press("enter")
        await shown(pilot, ArchivedRosterScreen)
        assert await wait_for(pilot, lambda: "Lenkungskreis (archiviert)" in screen_text(app)), screen_text(app)
