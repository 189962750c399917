"""Item 1 of issue 17: keys are handled in the order they were typed, across Tab, Shift+Tab,
Enter in a picker, a form opening and closing and a tab switch. Each form gets the same key
sequence twice, once as one burst (every key queued at once, as a terminal delivers keys
typed 10 ms apart) and once key by key with the app idle in between; the fields must hold
the same values, and the values the sequence means."""

from __future__ import annotations

from datetime import date, time
from functools import partial

from meeting_helpers import grid_focused
from pilot_helpers import SIZE, goto_row, roster_ready, screen_text, settle, wait_for
from textual.widgets import DataTable, Input, Tabs
from typing_order import burst, button_events, field_values, key_event, keys, slowly

from herford_tui.domain import Meeting
from herford_tui.ui.committees.committee_form import CommitteeForm
from herford_tui.ui.committees.membership_form import MembershipForm
from herford_tui.ui.common.key_order import settled
from herford_tui.ui.common.line_table import LineTable
from herford_tui.ui.common.picker import exact_match
from herford_tui.ui.directory.org_form import OrganisationForm
from herford_tui.ui.directory.person_form import PersonForm
from herford_tui.ui.meetings.item_forms import AgendaItemForm
from herford_tui.ui.meetings.meeting_form import MeetingForm
from herford_tui.ui.meetings.screen import MeetingScreen
from herford_tui.ui.meetings.series_form import SeriesForm


async def _both_ways(world, open_view, ready, sequence, form_type, before=None, back=()):
    """The form's field values after ``sequence`` sent as a burst and slowly, in one app: the
    burst first, into the app as it started (its first form still to be imported and styled: the
    fullest the queue gets), then, with the form closed unsaved and the view where it was
    (``back``: keys that undo a view change the sequence made), the same keys one at a time."""
    results = []
    app = world.app(open_view=open_view)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screens = len(app.screen_stack)
        for send in (burst, slowly):
            if results:  # the burst's form (and what ``before`` opened) closed without saving
                while len(app.screen_stack) > screens:
                    await app.pop_screen()
                await slowly(pilot, back)
                await ready(pilot)
            if before is not None:
                await before(pilot)
            await send(pilot, sequence)
            assert isinstance(app.screen, form_type), f"{send.__name__}: {app.screen!r}"
            results.append(field_values(pilot))
    fast, slow = results
    assert fast == slow
    return slow


async def _grid(pilot):
    assert await wait_for(pilot, lambda: grid_focused(pilot.app))


async def _directory(pilot):
    def ready() -> bool:
        table = pilot.app.focused
        return isinstance(table, LineTable) and table.id == "org-table" and table.row_count > 0

    assert await wait_for(pilot, ready)


async def test_meeting_form(world):
    sequence = keys(
        "a", "09.12.2026", "<tab>", "15:00", "<tab>", "17:00", "<tab>", "Kreishaus Herford", "<tab>", "Raum 1",
        "<shift+tab>", "Rathaus",  # back into a filled field: it was selected, typing replaces it
    )  # fmt: skip
    values = await _both_ways(world, "jahr", _grid, sequence, MeetingForm)
    assert (values["date"], values["start_time"], values["end_time"]) == ("09.12.2026", "15:00", "17:00")
    assert (values["location"], values["room"]) == ("Rathaus", "Raum 1")


async def test_series_form(world):
    # The form opens on its first typed field (the year, kept as it is), not on the committee list.
    sequence = keys("s", "<ctrl+u>", "2027", *["<tab>"] * 5, "09:30", "<tab>", "11:00", "<tab>", "Kreishaus")
    values = await _both_ways(world, "jahr", _grid, sequence, SeriesForm)
    assert (values["year"], values["start_time"], values["end_time"]) == ("2027", "09:30", "11:00")
    assert values["location"] == "Kreishaus"


async def test_person_form(world):
    sequence = keys(
        "t", "a", "Jana", "<tab>", "Schäfer", "<tab>", "Schulleitung", "<tab>", "Kreis Herford", "<enter>",
        "jana.schaefer@example.org", "<tab>", "05221 1234",
    )  # fmt: skip
    values = await _both_ways(world, "organisationen", _directory, sequence, PersonForm, back=["t"])
    assert (values["given_name"], values["family_name"], values["function"]) == ("Jana", "Schäfer", "Schulleitung")
    org = next(o for o in world.read().organisations.values() if o.name == "Kreis Herford")
    assert values["organisation"] == (org.id, "Kreis Herford")
    assert (values["email"], values["phone"]) == ("jana.schaefer@example.org", "05221 1234")


async def test_organisation_form(world):
    sequence = keys("a", "Testschule Kirchlengern", *["<tab>"] * 4, "Am Markt 1")
    values = await _both_ways(world, "organisationen", _directory, sequence, OrganisationForm)
    assert values["name"] == "Testschule Kirchlengern"
    assert "Am Markt 1" in values.values()


async def test_membership_form(world):
    async def on_open_seat(pilot):
        await goto_row(pilot, pilot.app, world.lenkungskreis, "Sozialdezernenten")

    sequence = keys(
        "a", "Paula Probe", "<enter>",  # picked: on to the next field
        "<tab>", "<tab>", "Stadt Bünde", "<enter>",  # vertritt, picked: on to Beginn
        "<ctrl+u>", "01.12.2026", "<tab>", "31.12.2027", "<tab>", "neu im Kreis",
    )  # fmt: skip
    values = await _both_ways(world, "lenkungskreis", roster_ready, sequence, MembershipForm, on_open_seat)
    assert values["person"] == (world.person["probe"], values["person"][1])
    assert values["represents"] == (world.org["Stadt Bünde"], "Stadt Bünde")
    assert (values["start"], values["end"], values["notes"]) == ("01.12.2026", "31.12.2027", "neu im Kreis")


async def test_committee_form(world):
    sequence = keys("g", " Bildung", "<tab>", "LK Bildung", "<tab>", "<tab>", "Steuerung")
    values = await _both_ways(world, "lenkungskreis", roster_ready, sequence, CommitteeForm)
    assert (values["name"], values["short_name"]) == ("Lenkungskreis Bildung", "LK Bildung")
    assert values["purpose"] == "Steuerung"


async def test_agenda_item_form(world):
    meeting = world.store().save(
        Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 9), start_time=time(14), end_time=time(16))
    )

    async def on_meeting(pilot):
        await pilot.app.push_screen(MeetingScreen(meeting.id))
        assert await wait_for(pilot, lambda: isinstance(pilot.app.focused, DataTable))

    sequence = keys("a", "Haushalt 2027", "<tab>", "<tab>", "<tab>", "Vorlage folgt")
    values = await _both_ways(world, "jahr", _grid, sequence, AgendaItemForm, on_meeting)
    assert (values["title"], values["notes"]) == ("Haushalt 2027", "Vorlage folgt")


async def test_a_click_right_after_a_burst_waits_for_the_keys(world):
    """Item 4: a click that arrives behind typed keys is handled after them. Without the line,
    the click on "Ort" moved the focus first and the date typed before it landed in "Ort"."""
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        await _grid(pilot)
        await pilot.press("a")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingForm) and app.focused is not None)
        await settled(app)
        assert app.focused.id == "date"
        place = app.screen.query_one("#location", Input).region
        typed_then_clicked_then_typed: list = [key_event(k) for k in "09.12.2026"]
        typed_then_clicked_then_typed += button_events(place.x + 1, place.y)
        typed_then_clicked_then_typed += [key_event(k) for k in "Rathaus"]
        for event in typed_then_clicked_then_typed:  # all at once, as a busy app's queue has them
            event.set_sender(app)
            app.post_message(event)
        await pilot.pause()
        await app.keys_handled()
        values = field_values(pilot)
        assert (values["date"], values["location"]) == ("09.12.2026", "Rathaus"), values
        assert app.focused.id == "location"


async def test_esc_leaves_the_filter_before_the_next_key(world):
    """Item 3: Esc from the directory filter goes back to its list; the ``2`` after it switches
    to the second committee instead of landing in the filter."""
    for send in (slowly, burst):
        app = world.app(open_view="organisationen")
        async with app.run_test(size=SIZE) as pilot:
            await _directory(pilot)
            await send(pilot, keys("f", "Jobcenter", "<escape>", "2"))
            assert app.screen.query_one("#org-filter", Input).value == "Jobcenter", send.__name__
            pane_id = f"committee-{app.snapshot.active_committees()[1].id}"
            assert await wait_for(pilot, partial(_focus_within, app, pane_id)), send.__name__


def _focus_within(app, widget_id: str) -> bool:
    return app.focused is not None and any(node.id == widget_id for node in app.focused.ancestors_with_self)


def test_a_name_typed_in_full_counts_as_picked_unless_namesakes_share_it():
    found = [(1, "Kreis Herford"), (2, "Bildungsbüro des Kreises Herford"), (3, "Erika Müller (Stadt Bünde)")]
    assert exact_match("kreis herford", found) == 1
    assert exact_match("  KREIS HERFORD ", found) == 1
    assert exact_match("erika mueller", found) == 3  # umlaut and transcription folded, detail ignored
    assert exact_match("Kreis", found) is None
    assert exact_match("Thomas Müller", [(4, "Thomas Müller (A)"), (5, "Thomas Müller (B)")]) is None


async def test_an_organisation_typed_in_full_is_saved_without_picking(world):
    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        await _directory(pilot)
        await burst(pilot, keys("t", "a", "Jana", "<tab>", "Schäfer", "<tab>", "<tab>", "kreis herford", "<ctrl+s>"))
        assert await wait_for(pilot, lambda: not isinstance(app.screen, PersonForm)), field_values(pilot)
        await settle(app, pilot)
    jana = next(p for p in world.read().persons.values() if p.family_name == "Schäfer")
    assert jana.organisation_id == world.org["Kreis Herford"]


async def test_keys_after_ctrl_s_wait_until_the_form_is_saved_and_closed(world):
    """A form closes only once its save is on disk: the keys typed behind Ctrl+S go to the list
    the form returns to (the second ``a`` opens a new form), not into the closing form. A
    colleague holds the lock meanwhile, so the save surely takes longer than the typing."""
    from filelock import FileLock

    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        await _directory(pilot)
        colleague = FileLock(str(world.path) + ".lock", thread_local=False)
        colleague.acquire()
        try:
            for key in keys("a", "Testschule Eins", "<ctrl+s>", "a", "Testschule Zwei", "<ctrl+s>"):
                event = key_event(key)
                event.set_sender(app)
                app.post_message(event)
            assert await wait_for(pilot, lambda: "Wartet auf die Datenbank" in screen_text(app))
            form = app.screen
            assert isinstance(form, OrganisationForm)
            assert form.query_one("#name", Input).value == "Testschule Eins"  # nothing typed into it
        finally:
            colleague.release()
        assert await wait_for(pilot, lambda: not app._held_input and not isinstance(app.screen, OrganisationForm))
        await settle(app, pilot)
    names = {o.name for o in world.read().organisations.values()}
    assert {"Testschule Eins", "Testschule Zwei"} <= names


async def test_esc_leaves_a_list_for_the_row_of_tabs(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await roster_ready(pilot)
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: isinstance(app.focused, Tabs)), app.focused
        await pilot.press("escape")  # nothing further out: it stays there
        assert isinstance(app.focused, Tabs)
