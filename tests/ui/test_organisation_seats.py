"""An organisation page counts the seats it holds: a guest or a deputy sits beside a seat, not on
one (``Role.takes_seat``, as rosters and the Auswertung count), so neither is a seat."""

from __future__ import annotations

from datetime import date

from pilot_helpers import SIZE, screen_text, shown, wait_for

from herford_tui.domain import Membership, Role
from herford_tui.domain.people import organisation_seats, seats_held
from herford_tui.ui.directory.organisation_screen import OrganisationScreen


def add_guest(world) -> None:
    """A guest from Stadt Bünde in the Lenkungskreis (beside the mayor and his deputy)."""
    store = world.store()
    store.save(
        Membership(
            person_id=world.person["muster"],
            committee_id=world.lenkungskreis,
            seat_key="buergermeister",
            role=Role.GAST,
            represents_id=world.org["Stadt Bünde"],
            start=date(2025, 1, 1),
        )
    )


def test_guests_deputies_and_memberships_to_come_hold_no_seat(world):
    add_guest(world)
    store = world.store()
    store.save(
        Membership(
            person_id=world.person["muster"],
            committee_id=world.leitungsteam,
            seat_key=store.snapshot().committees[world.leitungsteam].seats[0].key,
            represents_id=world.org["Stadt Bünde"],
            start=date(2027, 1, 1),
        )
    )
    rows = organisation_seats(store.snapshot(), world.org["Stadt Bünde"], date(2026, 11, 28))
    assert sorted(r.membership.role for r in rows) == sorted(
        [Role.MITGLIED, Role.STELLVERTRETUNG, Role.GAST, Role.MITGLIED]
    )
    assert seats_held(rows) == 1  # the mayor's; the deputy, the guest and the one to come are no seat


async def test_the_organisation_page_does_not_count_a_guest_as_a_seat(world):
    add_guest(world)
    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_organisation(world.org["Stadt Bünde"])
        await shown(pilot, OrganisationScreen)
        assert await wait_for(pilot, lambda: "Max Muster" in screen_text(app)), screen_text(app)  # the guest's row
        text = screen_text(app)
        assert "Vertreten in den Gremien: 1 Sitz aktuell" in text, text
