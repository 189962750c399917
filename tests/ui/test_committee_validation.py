"""Bad input shows the German message under its field and writes nothing.

The rules themselves (which input is refused with which words) are unit-tested in
``tests/unit/test_form_rules.py``; these check the way there in each kind of form: the
problem shows under the right field, the form stays open, the file stays as it was."""

from __future__ import annotations

from pilot_helpers import SIZE, error_text, goto_row, replace_text, settle, tab_to, type_text

from herford_tui.ui.committees.committee_form import CommitteeForm
from herford_tui.ui.committees.end_form import EndMembershipForm, MoveForm
from herford_tui.ui.committees.membership_form import MembershipForm


async def save_and_expect(app, pilot, world, before: bytes, form_type, field: str, message: str) -> None:
    """Ctrl+S keeps the form open with ``message`` under ``field``; the file is byte-for-byte unchanged."""
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    assert isinstance(app.screen, form_type), f"form closed, screen is {app.screen!r}"
    assert message in error_text(app, field), f"#err-{field}: {error_text(app, field)!r}"
    assert world.bytes() == before
    await pilot.press("escape")
    if isinstance(app.screen, form_type):  # the first Esc closed an open list of matches
        await pilot.press("escape")
    await settle(app, pilot)
    assert not isinstance(app.screen, form_type)
    assert world.bytes() == before


async def test_end_before_start(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("e")
        await tab_to(pilot, "#end")
        await type_text(pilot, "31.12.2024")
        await save_and_expect(app, pilot, world, before, MembershipForm, "end", "Das Ende liegt vor dem Beginn.")


async def test_unparseable_end_date_when_ending(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Tobias Test")
        await pilot.press("x")
        await replace_text(pilot, "31.11.2026")
        await save_and_expect(app, pilot, world, before, EndMembershipForm, "end", "„31.11.2026“ ist kein Datum")


async def test_move_needs_a_seat_and_a_later_date(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("m")
        await pilot.press("ctrl+s")
        assert "Bitte den neuen Sitz wählen." in error_text(app, "seat_key")
        app.screen.query_one("#seat").value = "sozialdezernat"
        await tab_to(pilot, "#start")
        await replace_text(pilot, "01.01.2025")
        await save_and_expect(
            app, pilot, world, before, MoveForm, "start", "Der Wechsel muss nach dem Beginn (01.01.2025) liegen."
        )


async def test_problems_clear_once_fixed(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.press("end", "ctrl+u", "ctrl+s")
        assert error_text(app, "name")
        await type_text(pilot, "Lenkungskreis Bildung")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, CommitteeForm)
    assert world.read().committees[world.lenkungskreis].name == "Lenkungskreis Bildung"
