"""Bad input shows the German message under its field and writes nothing.

The rules themselves (which input is refused with which words) are unit-tested in
``tests/unit/test_form_rules.py``; these check the way there in each kind of form: the
problem shows under the right field, the form stays open, the file stays as it was."""

from __future__ import annotations

from pilot_helpers import (
    SIZE,
    error_text,
    form_ready,
    goto_row,
    replace_text,
    roster_focused,
    tab_to,
    type_text,
    wait_for,
)

from herford_tui.ui.committees.committee_form import CommitteeForm
from herford_tui.ui.committees.end_form import EndMembershipForm, MoveForm
from herford_tui.ui.committees.membership_form import MembershipForm
from herford_tui.ui.common.confirm import ConfirmScreen


async def save_and_expect(app, pilot, world, before: bytes, form_type, field: str, message: str) -> None:
    """Ctrl+S keeps the form open with ``message`` under ``field``; the file is byte-for-byte unchanged.
    Then Esc leaves the form (an open list of matches is closed by an Esc of its own first): each
    step waits for what its key causes, so a second Esc never answers the first one's question."""
    await pilot.press("ctrl+s")
    assert await wait_for(pilot, lambda: message in error_text(app, field)), f"#err-{field}: {error_text(app, field)!r}"
    form = app.screen
    assert isinstance(form, form_type), f"form closed, screen is {form!r}"
    assert world.bytes() == before

    def matches_open() -> bool:
        return any(matches.display for matches in form.query(".picker-matches"))

    if matches_open():
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not matches_open())
    await pilot.press("escape")
    assert await wait_for(pilot, lambda: app.screen is not form)
    assert world.bytes() == before


async def back_to_roster(app, pilot) -> None:
    """After a form closed: a question whether to drop its input is answered yes."""
    if isinstance(app.screen, ConfirmScreen):
        await pilot.press("j")
    assert await wait_for(pilot, lambda: app.screen is app.screen_stack[0]), f"not back at the roster: {app.screen!r}"


async def end_before_start(app, pilot, world, before: bytes) -> None:
    await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
    await pilot.press("e")
    await form_ready(pilot, MembershipForm)  # Tab pressed before reached no field of it
    await tab_to(pilot, "#end")
    await type_text(pilot, "31.12.2024")
    await save_and_expect(app, pilot, world, before, MembershipForm, "end", "Das Ende liegt vor dem Beginn.")


async def unparseable_end_date_when_ending(app, pilot, world, before: bytes) -> None:
    await goto_row(pilot, app, world.lenkungskreis, "Tobias Test")
    await pilot.press("x")
    await form_ready(pilot, EndMembershipForm)  # typed before, the date went to the roster
    await replace_text(pilot, "31.11.2026")
    await save_and_expect(app, pilot, world, before, EndMembershipForm, "end", "„31.11.2026“ ist kein Datum")


async def move_needs_a_seat_and_a_later_date(app, pilot, world, before: bytes) -> None:
    await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
    await pilot.press("m")
    await form_ready(pilot, MoveForm)  # Ctrl+S before it would save nothing: no form yet
    await pilot.press("ctrl+s")
    assert await wait_for(pilot, lambda: "Bitte den neuen Sitz wählen." in error_text(app, "seat_key"))
    app.screen.query_one("#seat").value = "sozialdezernat"
    await tab_to(pilot, "#start")
    await replace_text(pilot, "01.01.2025")
    await save_and_expect(
        app, pilot, world, before, MoveForm, "start", "Der Wechsel muss nach dem Beginn (01.01.2025) liegen."
    )


async def test_each_roster_form_shows_its_problem_and_writes_nothing(world):
    """The membership form (end before start), the end form (no such date) and the move form
    (no seat, then a date too early), one after the other from one app start: each is left
    with its input dropped, so the next begins at the roster as in an app of its own."""
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        for check in (end_before_start, unparseable_end_date_when_ending, move_needs_a_seat_and_a_later_date):
            await check(app, pilot, world, before)
            await back_to_roster(app, pilot)


async def test_problems_clear_once_fixed(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, world.lenkungskreis)  # "g" is the view's key: --open shows it a refresh later
        await pilot.press("g")
        await form_ready(pilot, CommitteeForm)  # its name field takes End, Ctrl+U
        await pilot.press("end", "ctrl+u", "ctrl+s")
        assert await wait_for(pilot, lambda: bool(error_text(app, "name")))
        await type_text(pilot, "Lenkungskreis Bildung")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, CommitteeForm))  # closed once on disk
    assert world.read().committees[world.lenkungskreis].name == "Lenkungskreis Bildung"
