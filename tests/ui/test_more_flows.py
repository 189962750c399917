"""Flows added after the first round: new committee is shown, restore from the archive, person edit,
organisation and meeting editing, atomic multi-record saves."""

from __future__ import annotations

from datetime import date

from meeting_helpers import grid_focused
from pilot_helpers import SIZE, form_ready, roster_focused, screen_text, settle, wait_for
from textual.widgets import ContentSwitcher, Input, TabbedContent

from herford_tui.domain import Meeting, MeetingStatus
from herford_tui.ui.committees.archive import ArchiveScreen
from herford_tui.ui.committees.committee_form import CommitteeForm
from herford_tui.ui.committees.membership_form import MembershipForm
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.directory.org_form import OrganisationForm
from herford_tui.ui.directory.person_form import PersonForm
from herford_tui.ui.meetings.meeting_form import MeetingForm


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


async def test_new_committee_is_shown_after_saving(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, world.lenkungskreis)  # --open shows the view a refresh after start
        await pilot.press("n")
        form = await form_ready(pilot, CommitteeForm)
        form.query_one("#name", Input).value = "Fachgruppe Inklusion"
        form.query_one("#short_name", Input).value = "Inklusion"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        new = next(c for c in world.read().committees.values() if c.name == "Fachgruppe Inklusion")

        # the view of the new committee is shown once its tab is built (20 pauses were no proof)
        def current() -> str | None:
            switchers = app.query("#arbeitskreise ContentSwitcher").results(ContentSwitcher)
            return next((switcher.current for switcher in switchers), None)

        assert await wait_for(pilot, lambda: current() == f"committee-{new.id}"), current()
        assert app.query_one("#tabs", TabbedContent).active == "arbeitskreise"  # the form's default kind


async def test_archived_committee_is_restored_from_the_archive_list(world):
    ak1 = world.arbeitskreise[0]
    app = world.app(open_view="arbeitskreis-1")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, ak1)  # --open shows the view a refresh after start
        await pilot.press("r")
        await form_ready(pilot, ConfirmScreen)
        await pilot.press("j")  # "j" = ja in the confirm dialog
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not app.query(f"#committee-{ak1}"))  # its tab is gone
        assert world.read().committees[ak1].archived
        await pilot.press("G")
        await form_ready(pilot, ArchiveScreen)
        await pilot.press("w")  # Enter shows the roster read-only (test_archived_roster.py)
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: bool(app.query(f"#committee-{ak1}")))  # its tab is back
        assert not world.read().committees[ak1].archived


async def test_person_contact_data_is_edited_with_p(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, world.lenkungskreis)  # --open shows the view a refresh after start
        await pilot.press("p")
        form = await form_ready(pilot, PersonForm)
        form.query_one("#phone", Input).value = "05221 13-0"
        form.query_one("#email", Input).value = "kaputt"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        error = form.query_one("#err-email")
        assert await wait_for(pilot, lambda: "keine gültige E-Mail" in str(error.render()))
        assert app.screen is form  # bad e-mail: stays open, says why
        form.query_one("#email", Input).value = "landraetin@example.org"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, PersonForm))
    phones = {p.phone for p in world.read().persons.values()}
    assert "05221 13-0" in phones


async def test_organisation_is_added_in_the_directory(world):
    before = world.bytes()
    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one("#org-table")
        assert await wait_for(pilot, lambda: table.has_focus)  # --open shows the view a refresh after start
        await pilot.press("a")
        form = await form_ready(pilot, OrganisationForm)
        await pilot.press("ctrl+s")  # empty name
        error = form.query_one("#err-name")
        assert await wait_for(pilot, lambda: "darf nicht leer sein" in str(error.render()))
        assert world.bytes() == before
        form.query_one("#name", Input).value = "Demo-Realschule Löhne"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, OrganisationForm))
    assert "Demo-Realschule Löhne" in {o.name for o in world.read().organisations.values()}


async def test_meeting_is_planned_in_the_year_view_with_holiday_hint(world):
    lk = world.lenkungskreis
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))  # the tab is built on its first show
        await pilot.press("a")
        form = await form_ready(pilot, MeetingForm)
        form.query_one("#committee_id").value = lk
        form.query_one("#date", Input).value = "23.12.2026"
        form.query_one("#start_time", Input).value = "14:00"
        form.query_one("#end_time", Input).value = "13:00"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        error = form.query_one("#err-end_time")
        assert await wait_for(pilot, lambda: "Ende liegt vor dem Beginn" in str(error.render()))
        form.query_one("#end_time", Input).value = "16:00"
        await pilot.press("ctrl+s")
        await form_ready(pilot, ConfirmScreen)  # the holiday question
        await pilot.press("j")  # yes, plan it in the Weihnachtsferien
        await settle(app, pilot)
        grid, detail = app.query_one("#year-grid"), app.query_one("#meeting-detail")
        assert await wait_for(pilot, lambda: "23g*" in str(grid.get_row(f"c{lk}")[-1]))
        assert await wait_for(pilot, lambda: "Weihnachtsferien" in str(detail.render())), str(detail.render())
    [meeting] = world.read().meetings_of(lk)
    assert isinstance(meeting, Meeting)
    assert (meeting.date, meeting.status) == (date(2026, 12, 23), MeetingStatus.GEPLANT)


async def test_escape_on_a_filled_form_asks_before_discarding(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, world.lenkungskreis)  # --open shows the view a refresh after start
        await pilot.press("a")
        await form_ready(pilot, MembershipForm)
        await pilot.press("escape")  # nothing typed: closes at once
        assert await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        await roster_focused(pilot, world.lenkungskreis)
        await pilot.press("a")
        form = await form_ready(pilot, MembershipForm)  # its opening values remembered: "wichtig" is typed
        form.query_one("#notes", Input).value = "wichtig"
        await pilot.press("escape")
        question = await form_ready(pilot, ConfirmScreen)
        await pilot.press("n")  # keep editing
        assert await wait_for(pilot, lambda: app.screen is form)
        assert form.query_one("#notes", Input).value == "wichtig"
        await pilot.press("ctrl+q")  # quitting asks too
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen) and app.screen is not question)
        await form_ready(pilot, ConfirmScreen)
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: app.screen is form)
        await pilot.press("escape")
        await form_ready(pilot, ConfirmScreen)
        await pilot.press("j")  # discard
        assert await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        await settle(app, pilot)
    assert world.bytes() == before


async def test_a_membership_starting_later_is_shown_with_its_date(world):
    from herford_tui.domain import Membership

    store_snapshot = world.read()
    person = next(iter(store_snapshot.persons.values()))
    from herford_tui.store import Store

    Store(world.path).open().save(
        Membership(
            person_id=person.id, committee_id=world.lenkungskreis, seat_key="sozialdezernat", start=date(2027, 2, 1)
        )
    )
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, world.lenkungskreis)  # --open shows the view a refresh after start
        table = app.query_one(f"#committee-{world.lenkungskreis} #roster")
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        # the date in the "seit" column, whole at 80 columns (in the name it was cut: "… (ab…")
        assert any(row[1] == person.full_name and "ab 01.02.2027" in row for row in rows), rows


async def test_search_opens_the_persons_page_and_from_there_their_committee(world):
    from textual.command import CommandPalette

    from herford_tui.ui.directory.person_screen import PersonScreen

    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one("#org-table")
        assert await wait_for(pilot, lambda: table.has_focus)  # --open shows the view a refresh after start
        await pilot.press("ctrl+f")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await _type(pilot, "beispiel")
        assert await wait_for(pilot, lambda: "Bernd Beispiel" in screen_text(app))  # only a hit has it
        await pilot.press("down", "enter")
        page = await form_ready(pilot, PersonScreen)  # the memberships' list has the focus: Enter opens
        assert page.person_id == world.person["beispiel"]
        await pilot.press("enter")  # his one membership: the Lenkungskreis, the cursor on him
        assert await wait_for(
            pilot, lambda: app.query_one("#tabs", TabbedContent).active == f"gremium-{world.lenkungskreis}"
        )
        view = app.query_one(f"#committee-{world.lenkungskreis}")
        assert await wait_for(
            pilot,
            lambda: (
                view.current_line is not None
                and view.current_line.membership is not None
                and view.current_line.membership.person_id == world.person["beispiel"]
            ),
        )
