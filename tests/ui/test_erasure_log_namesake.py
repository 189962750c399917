"""DSGVO erasure meets the audit log and a namesake: after erasing one of two "Thomas Müller"
on the person page (L, j), "Änderungen" (L) listed the changes of their memberships as
"Mitgliedschaft 7 Thomas Müller – Lenkungskreis", and the log file kept that label: the name
was left out of the erasure because the other Thomas Müller bears it too."""

from __future__ import annotations

from datetime import date

from pilot_helpers import SIZE, new_notice, screen_text, shown, shown_notices, wait_for
from textual.widgets import DataTable

from herford_tui.domain import Membership, Person
from herford_tui.domain.duplicates import Confirmed
from herford_tui.store.audit import log_path
from herford_tui.ui.changes import ChangesScreen
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.directory.person_screen import PersonScreen


async def test_the_changes_screen_and_the_log_no_longer_name_the_erased_namesake(world):
    store = world.store()
    erased = store.save(Person(given_name="Thomas", family_name="Müller", organisation_id=world.org["Kreis Herford"]))
    store.save(Person(given_name="Thomas", family_name="Müller"), confirmed=Confirmed.of([erased]))
    membership = store.save(
        Membership(person_id=erased.id, committee_id=world.lenkungskreis, seat_key="sozialdezernat",
                   start=date(2026, 1, 1), end=date(2026, 6, 30))
    )  # fmt: skip
    label = "Thomas Müller – Lenkungskreis"
    assert label in log_path(world.path).read_text(encoding="utf-8")
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_person(erased.id)
        await shown(pilot, PersonScreen)
        before = shown_notices(app)
        await pilot.press("L")
        await shown(pilot, ConfirmScreen)
        await pilot.press("j")
        await new_notice(pilot, before, "Personenbezogene Daten von Person")
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, PersonScreen))
        await pilot.press("L")
        table = (await shown(pilot, ChangesScreen)).query_one("#changes", DataTable)
        assert await wait_for(pilot, lambda: table.row_count > 0)  # the log is read in a worker
        rows = [" ".join(str(getattr(c, "plain", c)) for c in table.get_row_at(i)) for i in range(table.row_count)]
        ours = [row for row in rows if f"Mitgliedschaft {membership.id} " in row]
        assert ours and all("[gelöscht] – Lenkungskreis" in row for row in ours), ours
        assert "Thomas Müller – Lenkungskreis" not in screen_text(app)
    assert label not in log_path(world.path).read_text(encoding="utf-8")
    assert world.read().persons[erased.id].erased_on is not None
