"""A record screen's detail line (what the width leaves out of the highlighted row) is drawn above
the footer: docked to the bottom like the footer, it lay under it and was never seen."""

from __future__ import annotations

from pilot_helpers import screen_text, shown, wait_for
from textual.widgets import Static

from herford_tui.domain import Person
from herford_tui.ui.directory.organisation_screen import OrganisationScreen


async def test_the_organisation_screens_detail_line_is_on_screen_at_80_columns(world):
    org = world.org["Stadt Bünde"]
    long_function = "Leitung der Abteilung für Schulentwicklung, Bildungsplanung und Übergänge"
    world.store().save(
        Person(
            given_name="Maximiliane",
            family_name="Oberschulrätin-Beispielhausen",
            organisation_id=org,
            function=long_function,
            email="maximiliane.oberschulraetin-beispielhausen@kreis-herford.example.org",
            phone="05221 13-123456",
        )
    )
    app = world.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_organisation(org)
        screen = await shown(pilot, OrganisationScreen)
        detail = screen.query_one("#organisation-detail", Static)
        footer_line = app.size.height - 1
        assert await wait_for(pilot, lambda: app.focused is not None and app.focused.screen is screen)
        await pilot.press("tab")  # to the people's table: the line tells the highlighted person's function
        assert await wait_for(pilot, lambda: bool(str(detail.render()).strip()))
        assert detail.region.y < footer_line and detail.region.height == 1
        assert await wait_for(pilot, lambda: str(detail.render()).strip()[:20] in screen_text(app)), screen_text(app)
