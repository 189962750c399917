"""The global search: umlauts typed without umlauts, meetings by date, German texts, Enter jumps."""

from __future__ import annotations

from datetime import date, time

from pilot_helpers import SIZE, form_ready, roster_text, screen_text, tab_to, type_text, wait_for
from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable

from herford_tui.domain import Meeting, Membership, Person
from herford_tui.ui.directory.organisation_screen import OrganisationScreen
from herford_tui.ui.directory.person_screen import PersonScreen
from herford_tui.ui.meetings.screen import MeetingScreen
from herford_tui.ui.year.pane import YearPane


def _hits(app) -> list[str]:
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def _search(pilot, app, text: str, key: str = "slash") -> None:
    await pilot.press(key)
    assert await wait_for(pilot, lambda: CommandPalette.is_open(app))
    await type_text(pilot, text)


async def test_umlaut_name_typed_without_umlaut_opens_the_person_page(world):
    store = world.store()
    person = store.save(Person(given_name="Jürgen", family_name="Müller", function="Schulrat"))
    store.save(
        Membership(person_id=person.id, committee_id=world.lenkungskreis, seat_key="untere_schulaufsicht",
                   start=date(2025, 1, 1))
    )  # fmt: skip
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        await _search(pilot, app, "mueller jur")
        assert await wait_for(pilot, lambda: any("Jürgen Müller" in hit for hit in _hits(app)))
        assert "Schulrat" in screen_text(app)
        await pilot.press("enter")
        page = await form_ready(pilot, PersonScreen)  # Enter is its table's: focused a moment after the push
        assert page.person_id == person.id
        await pilot.press("enter")  # the page's membership: its committee, the cursor on him
        assert await wait_for(pilot, lambda: app.query_one("#tabs").active == f"gremium-{world.lenkungskreis}")
        table = app.query_one(f"#committee-{world.lenkungskreis} #roster", DataTable)
        assert await wait_for(pilot, lambda: "Müller" in roster_text(app, world.lenkungskreis)[table.cursor_row])


async def test_ctrl_p_and_ctrl_f_open_it_too_and_no_match_is_said_in_german(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        for key in ("ctrl+p", "ctrl+f"):
            await _search(pilot, app, "xyzzyq", key=key)
            assert await wait_for(pilot, lambda: "Keine Treffer" in screen_text(app))
            assert "No matches" not in screen_text(app)
            await pilot.press("escape")
            assert await wait_for(pilot, lambda: not CommandPalette.is_open(app))


async def test_a_date_finds_the_meeting_and_enter_shows_it_in_the_year(world):
    store = world.store()
    meeting = store.save(
        Meeting(committee_id=world.lenkungskreis, date=date(2027, 3, 12), start_time=time(14), location="Kreishaus")
    )
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await _search(pilot, app, "12.3.")
        assert await wait_for(pilot, lambda: any("Lenkungskreis, Fr 12.03.2027" in hit for hit in _hits(app)))
        await pilot.press("enter")
        pane = app.query_one(YearPane)
        assert await wait_for(pilot, lambda: pane.year == 2027 and pane.current is not None)
        assert await wait_for(pilot, lambda: pane.current is not None and pane.current.id == meeting.id)
        assert app.query_one("#tabs").active == "jahr"


async def test_a_hit_of_this_year_puts_the_cursor_on_its_meeting_at_the_first_showing(world):
    """The year tab built by the hit placed its cursor on the current month afterwards: "Keine
    Sitzung in diesem Monat" instead of the meeting (a meeting of another year was found)."""
    store = world.store()
    meeting = store.save(
        Meeting(committee_id=world.lenkungskreis, date=date(2026, 3, 12), start_time=time(14), location="Kreishaus")
    )
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await _search(pilot, app, "12.3.")
        assert await wait_for(pilot, lambda: any("Lenkungskreis, Do 12.03.2026" in hit for hit in _hits(app)))
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: bool(app.query(YearPane)))
        pane = app.query_one(YearPane)
        assert await wait_for(pilot, lambda: pane.current is not None and pane.current.id == meeting.id)
        await pilot.press("enter")  # and Enter opens it, as the help says
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))


async def test_organisation_by_type_and_place_opens_its_page(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await _search(pilot, app, "Bünde Verwaltung")
        assert await wait_for(pilot, lambda: bool(_hits(app)) and _hits(app)[0].splitlines()[0] == "Stadt Bünde")
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, OrganisationScreen))
        assert app.screen.organisation_id == world.org["Stadt Bünde"]
    assert world.read().organisations[world.org["Stadt Bünde"]].name == "Stadt Bünde"  # nothing written


async def test_open_dropdown_footer_is_german(world):
    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert await wait_for(pilot, lambda: len(app.screen_stack) == 2)
        await tab_to(pilot, "#type")
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: "Liste schließen" in screen_text(app))
        assert "Dismiss" not in screen_text(app)


async def test_a_name_with_an_escape_code_is_found_by_its_letters(world):
    """The palette shows "Mül\\x1bler" with the escape made visible; typed "mueller" found
    nothing, as the index cut the name at the escape."""
    world.store().save(Person(given_name="Thomas", family_name="Mül\x1bler", function="Schulrat"))
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        await _search(pilot, app, "mueller")
        assert await wait_for(pilot, lambda: any("Thomas Mül\\x1bler" in hit for hit in _hits(app))), _hits(app)
        assert "\x1b" not in screen_text(app)
