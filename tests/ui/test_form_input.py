"""Item 5 of issue 6: form input that behaves (entering a filled field, error lines that clear
while typing, pasted line breaks)."""

from __future__ import annotations

from pilot_helpers import SIZE, error_text, form_ready, goto_row, notified, settle, tab_to, wait_for
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input

from herford_tui.ui.committees.membership_form import MembershipForm
from herford_tui.ui.common.fields import JOINED, OneLineInput
from herford_tui.ui.common.typing_input import InOrderInput


class TwoFields(App[None]):
    CSS = "Input { width: 20; }"

    def compose(self) -> ComposeResult:
        yield OneLineInput(id="form-field")
        yield InOrderInput(id="filter")


async def test_a_typed_character_costs_no_layout_and_a_long_text_scrolls_with_the_cursor():
    """Input asks for a layout of the whole screen on every change of its value (its virtual
    size, the text's width); the app's fields, of fixed size, only repaint (issue 20)."""
    app = TwoFields()
    async with app.run_test(size=(40, 10)) as pilot:
        layouts = 0
        screen_layout = app.screen._refresh_layout

        def counted(*args, **kwargs):
            nonlocal layouts
            layouts += 1
            return screen_layout(*args, **kwargs)

        for field in app.query(Input):
            field.focus()
            await pilot.pause()
            app.screen._refresh_layout = counted  # type: ignore[method-assign]
            await pilot.press(*"abcdefghijklmnopqrstuvwxyz0123456789")
            assert await wait_for(pilot, lambda field=field: field.value.endswith("789")), field.value
            assert layouts == 0, field.id
            app.screen._refresh_layout = screen_layout  # type: ignore[method-assign]
            # 36 characters in 20 cells: the field scrolled so that the cursor stays in view
            assert field.value.endswith("789") and field.scroll_x == field.max_scroll_x > 0
            assert field.region.contains_point(field.cursor_screen_offset)
            await pilot.press("home")
            assert await wait_for(pilot, lambda field=field: field.scroll_x == 0), field.scroll_x


async def test_entering_a_filled_date_field_selects_it_so_typing_replaces_it(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("e")
        await form_ready(pilot, MembershipForm)
        await tab_to(pilot, "#start")
        field = app.screen.query_one("#start")
        assert field.value == "01.01.2025" and field.selected_text == "01.01.2025"
        await pilot.press(*"31.12.2025")
        assert await wait_for(pilot, lambda: len(field.value) >= 10), field.value
        assert field.value == "31.12.2025"  # never "01.01.202531.12.2025"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert str(world.read().memberships[world.membership["bm"]].start) == "2025-12-31"


async def test_an_error_line_goes_away_as_soon_as_the_field_is_valid(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("e")
        await form_ready(pilot, MembershipForm)
        await tab_to(pilot, "#end")
        field = app.screen.query_one("#end")
        await pilot.press(*"31.02.2026", "ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: "kein Datum" in error_text(app, "end"))
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await pilot.press(*"2025")  # 31.02.2025: still no date, the line stays
        assert await wait_for(pilot, lambda: field.value == "31.02.2025"), field.value
        assert "kein Datum" in error_text(app, "end")
        await pilot.press("ctrl+u", *"31.12.2026")  # valid now: gone without Ctrl+S
        assert await wait_for(pilot, lambda: field.value == "31.12.2026"), field.value
        assert await wait_for(pilot, lambda: error_text(app, "end") == "")
        assert isinstance(app.screen, MembershipForm)


async def test_pasted_line_breaks_become_spaces_and_the_user_is_told(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("e")
        await form_ready(pilot, MembershipForm)
        await tab_to(pilot, "#notes")
        notes = app.screen.query_one("#notes")
        notes.post_message(events.Paste("Brink\nmann\r\nkommt"))
        assert await wait_for(pilot, lambda: notes.value == "Brink mann kommt"), notes.value
        assert await wait_for(pilot, lambda: notified(app, JOINED))
