"""Flows added after the first round: new committee is shown, restore from the archive, person edit,
organisation and meeting editing, atomic multi-record saves."""

from __future__ import annotations

from datetime import date

from pilot_helpers import SIZE, screen_text, settle, wait_for
from textual.widgets import ContentSwitcher, Input, TabbedContent

from herford_tui.domain import Meeting, MeetingStatus
from herford_tui.ui.committees.archive import ArchiveScreen
from herford_tui.ui.committees.committee_form import CommitteeForm
from herford_tui.ui.directory.org_form import OrganisationForm
from herford_tui.ui.directory.person_form import PersonForm
from herford_tui.ui.meetings.meeting_form import MeetingForm


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


async def test_new_committee_is_shown_after_saving(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, CommitteeForm)
        app.screen.query_one("#name", Input).value = "Fachgruppe Inklusion"
        app.screen.query_one("#short_name", Input).value = "Inklusion"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        for _ in range(20):
            await pilot.pause()
        new = next(c for c in world.read().committees.values() if c.name == "Fachgruppe Inklusion")
        assert app.query_one("#tabs", TabbedContent).active == "arbeitskreise"  # the form's default kind
        assert app.query_one("#arbeitskreise ContentSwitcher", ContentSwitcher).current == f"committee-{new.id}"


async def test_archived_committee_is_restored_from_the_archive_list(world):
    ak1 = world.arbeitskreise[0]
    app = world.app(open_view="arbeitskreis-1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("j")  # "j" = ja in the confirm dialog
        await settle(app, pilot)
        assert world.read().committees[ak1].archived
        await pilot.press("G")
        await settle(app, pilot)
        assert isinstance(app.screen, ArchiveScreen)
        await pilot.press("enter")
        await settle(app, pilot)
        assert not world.read().committees[ak1].archived
        assert app.query(f"#committee-{ak1}")


async def test_person_contact_data_is_edited_with_p(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonForm)
        app.screen.query_one("#phone", Input).value = "05221 13-0"
        app.screen.query_one("#email", Input).value = "kaputt"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonForm)  # bad e-mail: stays open, says why
        assert "keine gültige E-Mail" in str(app.screen.query_one("#err-email").render())
        app.screen.query_one("#email", Input).value = "landraetin@example.org"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    phones = {p.phone for p in world.read().persons.values()}
    assert "05221 13-0" in phones


async def test_organisation_is_added_in_the_directory(world):
    before = world.bytes()
    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, OrganisationForm)
        await pilot.press("ctrl+s")  # empty name
        await settle(app, pilot)
        assert "darf nicht leer sein" in str(app.screen.query_one("#err-name").render())
        assert world.bytes() == before
        app.screen.query_one("#name", Input).value = "Demo-Realschule Löhne"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert "Demo-Realschule Löhne" in {o.name for o in world.read().organisations.values()}


async def test_meeting_is_planned_in_the_year_view_with_holiday_hint(world):
    lk = world.lenkungskreis
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, MeetingForm)
        form = app.screen
        form.query_one("#committee_id").value = lk
        form.query_one("#date", Input).value = "23.12.2026"
        form.query_one("#start_time", Input).value = "14:00"
        form.query_one("#end_time", Input).value = "13:00"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Ende liegt vor dem Beginn" in str(form.query_one("#err-end_time").render())
        form.query_one("#end_time", Input).value = "16:00"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("j")  # yes, plan it in the Weihnachtsferien
        await settle(app, pilot)
        assert "23g*" in str(app.query_one("#year-grid").get_row(f"c{lk}")[-1])
        assert "Weihnachtsferien" in str(app.query_one("#meeting-detail").render())
    [meeting] = world.read().meetings_of(lk)
    assert isinstance(meeting, Meeting)
    assert (meeting.date, meeting.status) == (date(2026, 12, 23), MeetingStatus.GEPLANT)


async def test_escape_on_a_filled_form_asks_before_discarding(world):
    from herford_tui.ui.committees.membership_form import MembershipForm
    from herford_tui.ui.common.confirm import ConfirmScreen

    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press("escape")  # nothing typed: closes at once
        await settle(app, pilot)
        assert app.screen is app.screen_stack[0]
        await pilot.press("a")
        await settle(app, pilot)
        app.screen.query_one("#notes", Input).value = "wichtig"
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await settle(app, pilot)
        assert isinstance(app.screen, MembershipForm)
        assert app.screen.query_one("#notes", Input).value == "wichtig"
        await pilot.press("ctrl+q")  # quitting asks too
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("j")  # discard
        await settle(app, pilot)
        assert app.screen is app.screen_stack[0]
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
        await pilot.pause()
        table = app.query_one(f"#committee-{world.lenkungskreis} #roster")
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        # the date in the "seit" column, whole at 80 columns (in the name it was cut: "… (ab…")
        assert any(row[1] == person.full_name and "ab 01.02.2027" in row for row in rows), rows


async def test_search_opens_the_persons_page_and_from_there_their_committee(world):
    from textual.command import CommandPalette

    from herford_tui.ui.directory.person_screen import PersonScreen

    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await _type(pilot, "beispiel")
        assert await wait_for(pilot, lambda: "Bernd Beispiel" in screen_text(app))  # only a hit has it
        await pilot.press("down", "enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert app.screen.person_id == world.person["beispiel"]
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
