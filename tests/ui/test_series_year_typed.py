"""The series form reads its year by the one rule of a typed number (``labels.whole_number``):
"²" (AltGr+2) passed ``isdigit`` and crashed ``int`` when the preview was built."""

from __future__ import annotations

from meeting_helpers import grid_focused
from pilot_helpers import form_ready, wait_for
from textual.widgets import Input, Static

from herford_tui.domain.labels import whole_number
from herford_tui.ui.meetings.series_form import SeriesForm


async def test_a_superscript_two_is_no_year(world):
    assert whole_number("202²") is None
    app = world.app(open_view="jahr")
    async with app.run_test(size=(120, 40)) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("s")
        form = await form_ready(pilot, SeriesForm)  # pushed at once, composed and focused a moment later
        form.query_one("#committee_id").value = world.leitungsteam
        form.query_one("#year", Input).value = "202²"
        await pilot.pause()
        await pilot.press("ctrl+s")
        error = form.query_one("#err-year", Static)
        assert await wait_for(pilot, lambda: "„202²“ ist kein Jahr (z. B. 2027)." in str(error.render()))
        assert app.screen is form and world.read().meetings_of(world.leitungsteam) == []
