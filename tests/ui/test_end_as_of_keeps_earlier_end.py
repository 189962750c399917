"""Deleting a person with references (Entf): "Strg+T beendet die aktuelle Mitgliedschaft zum
Datum". A membership that ends before that day already had its end moved to it (until 31.12.
ended "as of" 31.03. ran three months longer), and one that ends on that very day (a guest until
today, ended as of today) changed nothing while the dialog closed without a word. Only what runs
past the day is ended; otherwise the dialog says there is nothing to end."""

from __future__ import annotations

from datetime import date

from pilot_helpers import SIZE, screen_text, settle, shown, type_text, wait_for
from textual.widgets import Input

from herford_tui.domain import Membership, Person
from herford_tui.ui.common.line_table import LineTable
from herford_tui.ui.directory.person_screen import PersonScreen
from herford_tui.ui.directory.references_dialog import ReferencesDialog


async def test_ending_as_of_a_later_day_keeps_the_earlier_end_and_says_so(world):
    store = world.store()
    ida = store.save(Person(given_name="Ida", family_name="Quellmann"))
    until = date(2026, 12, 31)
    membership = store.save(
        Membership(person_id=ida.id, committee_id=world.lenkungskreis, seat_key="sozialdezernat",
                   start=date(2026, 1, 1), end=until)
    )  # fmt: skip
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        assert await wait_for(pilot, lambda: app.query_one("#org-table", LineTable).has_focus)
        await pilot.press("t", "f")
        await type_text(pilot, "Ida Quellmann")
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: app.query_one("#org-table", LineTable).has_focus)
        await pilot.press("enter")
        await shown(pilot, PersonScreen)
        await pilot.press("delete")
        dialog = await shown(pilot, ReferencesDialog)
        assert await wait_for(pilot, lambda: dialog.query_one("#as-of", Input).has_focus)
        await pilot.press("ctrl+u", *"31.03.2027", "ctrl+t")
        said = "Zu beenden ist nichts: die Mitgliedschaft endet schon am 31.12.2026."
        assert await wait_for(pilot, lambda: said in str(dialog.query_one("#references-problem").render()))
        assert "Zu beenden ist nichts" in screen_text(app)
        assert app.screen is dialog  # still open: the date can be corrected
        await pilot.press("ctrl+u", *"15.12.2026", "ctrl+t")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ReferencesDialog))
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: world.read().memberships[membership.id].end == date(2026, 12, 15))
    assert world.read().memberships[membership.id].end == date(2026, 12, 15)
