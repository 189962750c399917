"""A Ctrl+S that the form refuses puts the cursor on the first field marked red, so the
correction the user types next lands there (not in the field they were in)."""

from __future__ import annotations

from pilot_helpers import SIZE, focus_field, settle, type_text, wait_for
from textual.widgets import Input

from herford_tui.domain import Person
from herford_tui.ui.directory.person_form import PersonForm


async def _open_form(app, pilot, person: Person) -> PersonForm:
    await pilot.pause()
    app.push_screen(PersonForm(person))
    assert await wait_for(pilot, lambda: isinstance(app.screen, PersonForm) and bool(app.screen.query("#phone")))
    return app.screen


async def test_a_too_long_family_name_takes_the_cursor_and_the_correction(world):
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(app, pilot, Person())
        form.query_one("#given_name", Input).value = "Zora"
        form.query_one("#family_name", Input).value = "M" * 101
        await focus_field(pilot, "#phone")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form
        assert "100" in str(form.query_one("#err-family_name").render())
        assert form.query_one("#family_name", Input).has_focus, app.focused
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "Muster")
        assert form.query_one("#phone", Input).value == ""  # the correction went where it belongs
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, PersonForm))
    assert [p.family_name for p in world.read().persons.values() if p.given_name == "Zora"] == ["Muster"]


async def test_the_first_of_several_marked_fields_gets_the_cursor(world):
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(app, pilot, Person())
        form.query_one("#email", Input).value = "kein-at-zeichen"
        await focus_field(pilot, "#email")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        marked = [e.id for e in form.query(".field-error") if not e.has_class("-empty")]
        assert "err-email" in marked and len(marked) >= 2, marked
        first = marked[0].removeprefix("err-")
        assert form.query_one(f"#{first}", Input).has_focus, (marked, app.focused)
