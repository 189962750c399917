"""User text is data, never markup: a committee short name ``LK[/]`` typed into the committee
form in one of two apps on one file; both keep running and show it literally."""

from __future__ import annotations

from pilot_helpers import SIZE, form_ready, replace_text, roster_focused, screen_text, settle, tab_to, wait_for

from herford_tui.ui.committees.committee_form import CommitteeForm
from herford_tui.ui.directory.person_form import PersonForm


async def test_short_name_with_markup_in_two_running_apps(world):
    app_a, app_b = world.app(open_view="lenkungskreis"), world.app(open_view="lenkungskreis")
    async with app_a.run_test(size=SIZE) as pilot_a, app_b.run_test(size=SIZE) as pilot_b:
        await roster_focused(pilot_a, world.lenkungskreis)  # --open shows the view a refresh after start
        await pilot_a.press("g")
        await form_ready(pilot_a, CommitteeForm)
        await tab_to(pilot_a, "#short_name")
        await replace_text(pilot_a, "LK[/]")
        await pilot_a.press("ctrl+s")
        await settle(app_a, pilot_a)
        assert await wait_for(pilot_a, lambda: not isinstance(app_a.screen, CommitteeForm))
        assert world.read().committees[world.lenkungskreis].short_name == "LK[/]"
        assert await wait_for(pilot_a, lambda: "LK[/]" in screen_text(app_a))  # the tab shows it literally
        # B picks the colleague's change up by itself, and shows it literally too.
        assert await wait_for(pilot_b, lambda: "LK[/]" in screen_text(app_b))
        # Both still work: the committee form opens with the name in it, the title too.
        for pilot, app in ((pilot_a, app_a), (pilot_b, app_b)):
            await roster_focused(pilot, world.lenkungskreis)
            await pilot.press("g")
            assert (await form_ready(pilot, CommitteeForm)).query_one("#short_name").value == "LK[/]"
            await pilot.press("escape")
            assert await wait_for(pilot, lambda app=app: not isinstance(app.screen, CommitteeForm))
            assert app.is_running


async def test_click_markup_in_a_name_is_no_action(world):
    """``[@click=app.screenshot()]`` in a family name shows as text in the form title."""
    store = world.store()
    person = store.snapshot().persons[world.person["beispiel"]]
    store.save(type(person)(**{**vars(person), "family_name": "[@click=app.screenshot()]X[/]"}))
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = app.query_one(f"#committee-{world.lenkungskreis} #roster")
        assert await wait_for(pilot, lambda: rows.has_focus)
        from pilot_helpers import goto_row

        await goto_row(pilot, app, world.lenkungskreis, "Bernd")
        await pilot.press("p")
        title = (await form_ready(pilot, PersonForm)).query_one(".dialog-title")
        assert "[@click=app.screenshot()]X[/]" in str(title.render())
        assert not title.render().spans or all("@click" not in str(s.style) for s in title.render().spans)
        await pilot.click(".dialog-title")
        await settle(app, pilot)
    assert not list(world.path.parent.glob("*.svg"))  # no screenshot was written
