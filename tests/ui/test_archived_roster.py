"""An archived committee has no tab: its roster and history are read from the archive list
(Enter), read-only, and restored only with ``w``."""

from __future__ import annotations

import dataclasses
from datetime import date

from pilot_helpers import (
    SIZE,
    TODAY,
    footer_shows,
    form_ready,
    new_notice,
    roster_focused,
    screen_text,
    shown,
    shown_notices,
    wait_for,
)

from herford_tui.ui.committees.archive import ArchivedRosterScreen, ArchiveScreen
from herford_tui.ui.common.confirm import ConfirmScreen
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
        assert await wait_for(pilot, lambda: app.focused is not None and app.screen is app.screen_stack[0])
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


async def test_archiving_keeps_the_day_the_list_shows_it_and_restoring_clears_it(world):
    from herford_tui.domain.audit_text import Names, entry_lines
    from herford_tui.store.log_reader import read_entries

    ak1 = world.arbeitskreise[0]
    app = world.app(open_view="arbeitskreis-1")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, ak1)
        await pilot.press("r")
        await form_ready(pilot, ConfirmScreen)
        await pilot.press("j")
        assert await wait_for(pilot, lambda: world.read().committees[ak1].archived)
        assert world.read().committees[ak1].archived_on == TODAY
        # The dialog closes once the write is on disk: "G" only then reaches the main screen.
        assert await wait_for(pilot, lambda: app.screen is app.screen_stack[0]), app.screen
        await pilot.press("G")
        await form_ready(pilot, ArchiveScreen)
        assert await wait_for(pilot, lambda: "archiviert am 28.11.2026" in screen_text(app)), screen_text(app)
        await pilot.press("w")
        assert await wait_for(pilot, lambda: not world.read().committees[ak1].archived)
    assert world.read().committees[ak1].archived_on is None
    store = world.store()
    entries = read_entries(store.path)
    names = Names.of(store.snapshot(), entries)
    text = "\n".join(line for e in entries for line in entry_lines(e, names))
    assert "28.11.2026" in text and "archiviert am" in text, text  # the day stays in the audit log


async def test_an_empty_archive_offers_no_restore_key(world):
    """„Es gibt keine archivierten Gremien.“ with „w Wiederherstellen“ in the footer offered a key
    that does nothing: only Esc is offered then; with an archived committee ``w`` is."""
    before = world.bytes()
    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.focused is not None and app.screen is app.screen_stack[0])
        await pilot.press("G")
        screen = await shown(pilot, ArchiveScreen)  # nothing in it to focus
        assert await wait_for(pilot, lambda: "Es gibt keine archivierten Gremien." in screen_text(app))
        await footer_shows(pilot, "Schließen")
        footer = screen_text(app).splitlines()[-1]
        assert "Wiederherstellen" not in footer and "Enter" not in footer, footer
        assert screen.check_action("restore", ()) is False
        await pilot.press("w")  # not offered and does nothing
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
    assert world.bytes() == before

    archive_lenkungskreis(world)
    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.focused is not None and app.screen is app.screen_stack[0])
        await pilot.press("G")
        await form_ready(pilot, ArchiveScreen)
        await footer_shows(pilot, "Wiederherstellen")
