"""Text typed right behind the key that opens a form (one burst: "a" then the name, as quick
typing over SSH arrives) was taken as the form's opening value: Esc closed the form without
"Verwerfen?" and the name was gone. The form remembers its opening values as it is mounted,
before any key typed behind the opening one is handled.

In a terminal the screen is repainted on a timer (60 times a second) while the held keys go on
as soon as the one before is handled, so the keys came before the form's first repaint. Pilot
repaints between them; the test holds back what the form waits a repaint for until the burst
is handled, as the terminal's timing did."""

from __future__ import annotations

from pilot_helpers import SIZE, settle, wait_for
from textual.widgets import Input
from typing_order import burst, keys

from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.line_table import LineTable
from herford_tui.ui.directory.org_form import OrganisationForm


async def test_esc_asks_before_dropping_a_name_typed_in_the_burst_that_opened_the_form(world, monkeypatch):
    after_repaint: list = []
    monkeypatch.setattr(
        OrganisationForm, "call_after_refresh", lambda self, callback, *a: after_repaint.append(callback)
    )
    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:

        def directory_ready() -> bool:
            table = app.focused
            return isinstance(table, LineTable) and table.id == "org-table" and table.row_count > 0

        assert await wait_for(pilot, directory_ready)
        await burst(pilot, keys("a", "Testschule Spenge"))
        for callback in after_repaint:  # the form's first repaint, after the keys
            callback()
        await burst(pilot, keys("<escape>"))
        assert isinstance(app.screen, ConfirmScreen), app.screen  # asked, not closed
        assert "Verwerfen?" in app.screen.question
        await burst(pilot, keys("<escape>"))  # no: back to the form, the name still there
        form = app.screen
        assert isinstance(form, OrganisationForm), form
        assert form.query_one("#name", Input).value == "Testschule Spenge"
        await burst(pilot, keys("<ctrl+s>"))
        assert await wait_for(pilot, lambda: not isinstance(app.screen, OrganisationForm))
        await settle(app, pilot)
    assert "Testschule Spenge" in {o.name for o in world.read().organisations.values()}
