"""Export (E) meets the DSGVO erasure (L on the person page): the rosters' export writes the
family and the given name in columns side by side ("…;Müller;Zora;…"). A person without e-mail
and phone whose family name others bear is found only by "Zora Müller" or "Müller, Zora", and
the search of the program's files looked for those as text: the erasure named no file to delete
by hand, though the export still held her. It looks for the name's words one after the other."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pilot_helpers import SIZE, screen_text, shown, wait_for
from textual.widgets import Input

from herford_tui.domain import Membership, Person
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.directory.person_screen import PersonScreen
from herford_tui.ui.export_dialog import ExportScreen


async def test_the_erasure_names_the_export_that_holds_her_name_in_two_columns(world, tmp_path: Path):
    store = world.store()
    zora = store.save(Person(given_name="Zora", family_name="Mustermann"))  # "Mustermann": Erika's too
    store.save(
        Membership(person_id=zora.id, committee_id=world.lenkungskreis, seat_key="sozialdezernat",
                   start=date(2026, 1, 1))
    )  # fmt: skip
    target = tmp_path / "besetzung.csv"
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("E")
        screen = await shown(pilot, ExportScreen)
        assert await wait_for(pilot, lambda: screen.query_one("#path", Input).has_focus)
        await pilot.press("end", "ctrl+u", *str(target), "ctrl+s")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ExportScreen))
        assert "Mustermann;Zora" in target.read_text(encoding="utf-8-sig")

        app.open_person(zora.id)
        await shown(pilot, PersonScreen)
        await pilot.press("L")
        question = await shown(pilot, ConfirmScreen)
        await pilot.press("j")
        # the files to delete by hand: a dialog of its own, until Esc (a notice covered every view)
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen) and app.screen is not question)
        # pushed at once, composed and drawn a moment later
        assert await wait_for(pilot, lambda: "DSGVO: Dateien von Hand löschen" in screen_text(app)), screen_text(app)
        assert str(target) in app.screen.question and "bitte von Hand löschen" in app.screen.question
        await pilot.press("escape")
        await shown(pilot, PersonScreen)
    assert world.read().persons[zora.id].erased_on is not None
    assert "Mustermann;Zora" in target.read_text(encoding="utf-8-sig")  # the user's file: named, not touched
