"""Acceptance: every roster and committee flow, driven by keys, checked on screen and in the file."""

from __future__ import annotations

import dataclasses
from datetime import date

from pilot_helpers import (
    SIZE,
    TODAY,
    error_text,
    form_ready,
    goto_row,
    new_notice,
    notified,
    replace_text,
    roster,
    roster_focused,
    roster_text,
    screen_text,
    settle,
    shown,
    shown_notices,
    type_text,
    wait_for,
)
from textual.css.query import NoMatches
from textual.widgets import Input, Select, Tab, Tabs

from herford_tui.domain import Committee, CommitteeKind, Role
from herford_tui.ui.committees.committee_form import CommitteeForm
from herford_tui.ui.committees.end_form import EndMembershipForm, MoveForm
from herford_tui.ui.committees.membership_form import MembershipForm
from herford_tui.ui.committees.role_form import ChangeRoleForm
from herford_tui.ui.common.confirm import ConfirmScreen


def active_in_file(world, committee_id: int):
    return world.read().memberships_of(committee_id, TODAY)


async def choose(pilot, select_id: str, label_start: str) -> None:
    """Open the focused Select with Enter and move to the option whose label starts with ``label_start``."""
    app = pilot.app
    select = app.screen.query_one(select_id, Select)
    assert select.has_focus, f"{select_id} not focused: {app.focused!r}"
    options = list(select._options)
    target = next(i for i, (prompt, _) in enumerate(options) if str(prompt).startswith(label_start))
    overlay = select.query_one("SelectOverlay")
    await pilot.press("enter")
    # Up/Down pressed before the list is open and focused would move nothing (or the form's focus)
    assert await wait_for(pilot, lambda: select.expanded and overlay.has_focus), f"{select_id} did not open"
    while overlay.highlighted != target:
        await pilot.press("down" if (overlay.highlighted or 0) < target else "up")
    await pilot.press("enter")
    value = options[target][1]
    assert await wait_for(pilot, lambda: select.value == value and not select.expanded), f"{label_start!r} not chosen"


async def test_add_member_picking_an_existing_person(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Sozialdezernenten")
        await pilot.press("a")
        form = await form_ready(pilot, MembershipForm)
        assert form.query_one("#seat", Select).value == "sozialdezernat"
        await type_text(pilot, "Muster")  # matches Max Muster first, then Erika Mustermann
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: form.query_one("#person-input", Input).value == "Max Muster")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        assert await wait_for(pilot, lambda: not isinstance(app.screen, MembershipForm))
        row = "Sozialdezernenten | Max Muster | Mitglied |  | 28.11.2026"
        assert await wait_for(pilot, lambda: row in roster_text(app, world.lenkungskreis))
        view = app.query_one(f"#committee-{world.lenkungskreis}")
        # cursor on the new line, its detail below: placed and written by the refresh after the save
        assert await wait_for(pilot, lambda: view.current_line.membership.person_id == world.person["muster"])
        detail = view.query_one("#member-detail")
        assert await wait_for(
            pilot, lambda: "Mitglied seit 28.11.2026 · Sitz „Sozialdezernenten“" in str(detail.render())
        )
    [m] = [m for m in active_in_file(world, world.lenkungskreis) if m.person_id == world.person["muster"]]
    assert (m.seat_key, m.role, m.start, m.end) == ("sozialdezernat", Role.MITGLIED, TODAY, None)


async def test_add_member_on_a_full_seat_starts_on_a_seat_with_room(world):
    """ "a" on the chair's row (Landrat, 1 of 1): the form offers a seat that can take someone."""
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Landrat")
        await pilot.press("a")
        seat = (await shown(pilot, MembershipForm)).query_one("#seat", Select).value
        committee = world.read().committees[world.lenkungskreis]
        assert seat != "landrat" and seat == next(
            s.key
            for s in committee.seats
            if s.count is None or len(world.read().seat_holders(world.lenkungskreis, s.key, TODAY)) < s.count
        )


async def test_add_member_creating_a_new_person_inline(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Leitung der Schulabteilung")
        await pilot.press("a")
        form = await form_ready(pilot, MembershipForm)
        await type_text(pilot, "Hanna Neumann")
        await pilot.press("enter")  # no match: the only option creates a new person
        # both names were typed already: on to the first field still empty, nothing selected
        assert await wait_for(pilot, lambda: app.focused is form.query_one("#function", Input)), app.focused
        assert not form.query_one("#new-person").has_class("-hidden")
        assert form.query_one("#given_name", Input).value == "Hanna"
        assert form.query_one("#family_name", Input).value == "Neumann"
        await type_text(pilot, "Abteilungsdirektorin")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        row = "Leitung der Schulabteilung der Bezirksregierung Detmold | Hanna Neumann | Mitglied |  | 28.11.2026"
        assert await wait_for(pilot, lambda: row in roster_text(app, world.lenkungskreis))
    snap = world.read()
    [person] = [p for p in snap.persons.values() if p.family_name == "Neumann"]
    assert (person.given_name, person.function) == ("Hanna", "Abteilungsdirektorin")
    [m] = snap.memberships_of_person(person.id)
    assert (m.committee_id, m.seat_key, m.start) == (world.lenkungskreis, "bezreg_schulabteilung", TODAY)


async def test_a_bracketed_part_of_a_typed_name_stays_with_the_family_name(world):
    """ "Müller [Kita]" typed for a new person was split as given "Müller", family "[Kita]": now
    all of it is the family name, and the form asks for the given name next."""
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Leitung der Schulabteilung")
        await pilot.press("a")
        form = await form_ready(pilot, MembershipForm)
        await type_text(pilot, "Müller [Kita]")
        await pilot.press("enter")  # no match: the only option creates a new person
        assert await wait_for(pilot, lambda: app.focused is form.query_one("#given_name", Input)), app.focused
        assert form.query_one("#given_name", Input).value == ""
        assert form.query_one("#family_name", Input).value == "Müller [Kita]"
        await type_text(pilot, "Maria")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    [person] = [p for p in world.read().persons.values() if p.family_name == "Müller [Kita]"]
    assert person.given_name == "Maria"


async def test_edit_membership_represented_organisation_role_only_by_w(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("e")
        form = await form_ready(pilot, MembershipForm)
        # begun in 2025: its role changes from a date on with "w", so the history stays
        assert form.query_one("#role", Select).disabled
        assert await wait_for(pilot, lambda: "Rolle wechseln: w" in screen_text(app))
        await pilot.press("tab")  # seat -> represents (the role is skipped)
        assert await wait_for(pilot, lambda: app.focused is form.query_one("#represents-input", Input))
        await replace_text(pilot, "Stadt Enger")
        await pilot.press("enter")  # picked: the whole name, and on to the next field
        assert await wait_for(pilot, lambda: app.focused is form.query_one("#start", Input)), app.focused
        assert form.query_one("#represents-input", Input).value == "Stadt Enger"
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        row = "Bernd Beispiel | Mitglied | Stadt Enger | 01.01.2025"
        assert await wait_for(pilot, lambda: any(row in r for r in roster_text(app, world.lenkungskreis)))
    m = world.read().memberships[world.membership["bm"]]
    assert (m.role, m.represents_id, m.rev) == (Role.MITGLIED, world.org["Stadt Enger"], 2)


async def test_end_membership_keeps_it_as_history(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Tobias Test")
        await pilot.press("x")
        await form_ready(pilot, EndMembershipForm)
        assert app.focused.value == "28.11.2026"  # today is offered
        await replace_text(pilot, "31.10.2026")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        vacant = "Leitung der Geschäftsstelle des Bildungsbüros | unbesetzt |  |  | "
        assert await wait_for(pilot, lambda: vacant in roster_text(app, world.lenkungskreis))
        assert not any("Tobias Test" in r for r in roster_text(app, world.lenkungskreis))
        await pilot.press("h")
        ended = "Leitung der Geschäftsstelle des Bildungsbüros | ✗ Tobias Test | Geschäftsführung |  | bis 31.10.2026"
        assert await wait_for(pilot, lambda: ended in roster_text(app, world.lenkungskreis))
        assert [r for r in roster_text(app, world.lenkungskreis) if "Tobias Test" in r] == [ended]
        await goto_row(pilot, app, world.lenkungskreis, "bis 31.10.2026")
        detail = app.query_one(f"#committee-{world.lenkungskreis} #member-detail")
        seat = "Sitz „Leitung der Geschäftsstelle des Bildungsbüros“"
        line = f"Geschäftsführung bis 31.10.2026 (seit 01.03.2024) · {seat}"
        assert await wait_for(pilot, lambda: line in str(detail.render())), str(detail.render())
        await pilot.press("h")
        assert await wait_for(pilot, lambda: not any("Tobias Test" in r for r in roster_text(app, world.lenkungskreis)))
    m = world.read().memberships[world.membership["gf"]]
    assert (m.start, m.end) == (date(2024, 3, 1), date(2026, 10, 31))


async def test_ending_a_member_ends_the_deputy_too(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("x")
        form = await form_ready(pilot, EndMembershipForm)
        assert "Paula Probe" in str(form.query_one("#deputies-note").render())
        await replace_text(pilot, "27.11.2026")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, EndMembershipForm))

        def ended() -> bool:
            return not any("Beispiel" in r or "Probe" in r for r in roster_text(app, world.lenkungskreis))

        assert await wait_for(pilot, ended), roster_text(app, world.lenkungskreis)
    snap = world.read()
    assert snap.memberships[world.membership["bm"]].end == date(2026, 11, 27)
    assert snap.memberships[world.membership["deputy"]].end == date(2026, 11, 27)


async def test_name_a_deputy(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Erika Mustermann")
        await pilot.press("v")
        form = await form_ready(pilot, MembershipForm)
        assert form.query_one("#seat", Select).disabled and form.query_one("#role", Select).disabled
        await type_text(pilot, "Max")
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: form.query_one("#person-input", Input).value == "Max Muster")  # picked
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        deputy = " | ↳ Max Muster | Stellvertretung |  | 28.11.2026"
        assert await wait_for(pilot, lambda: deputy in roster_text(app, world.lenkungskreis))
        rows = roster_text(app, world.lenkungskreis)
        at = rows.index("Landrat | Erika Mustermann | Vorsitz | Kreis Herford | 01.01.2025")
        assert rows[at + 1] == " | ↳ Max Muster | Stellvertretung |  | 28.11.2026"  # seat named once
    [m] = world.read().memberships_of_person(world.person["muster"])
    assert (m.role, m.deputy_of, m.seat_key) == (Role.STELLVERTRETUNG, world.membership["vorsitz"], "landrat")


async def test_move_to_another_seat_ends_the_old_membership_and_deputies_follow(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("m")
        form = await form_ready(pilot, MoveForm)
        assert "Paula Probe wechselt mit" in str(form.query_one("#move-note").render())
        await choose(pilot, "#seat", "Sozialdezernenten")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        moved = "Sozialdezernenten | Bernd Beispiel | Mitglied | Stadt Bünde | 28.11.2026"
        assert await wait_for(pilot, lambda: moved in roster_text(app, world.lenkungskreis))
        rows = roster_text(app, world.lenkungskreis)
        at = rows.index(moved)
        assert rows[at + 1] == " | ↳ Paula Probe | Stellvertretung |  | 01.01.2025"
        bm = rows.index("Bürgermeister der kreisangehörigen Städte und Gemeinden | unbesetzt |  |  | ")
        assert rows[bm + 1] == " | unbesetzt |  |  | "
        # the cursor follows the member to the new seat
        assert await wait_for(pilot, lambda: roster(app, world.lenkungskreis).cursor_row == at)
    assert world.bytes() != before
    snap = world.read()
    old = snap.memberships[world.membership["bm"]]
    assert (old.seat_key, old.end) == ("buergermeister", date(2026, 11, 27))
    [new] = [m for m in snap.memberships_of_person(world.person["beispiel"]) if m.id != old.id]
    assert (new.seat_key, new.start, new.end, new.represents_id) == (
        "sozialdezernat",
        TODAY,
        None,
        world.org["Stadt Bünde"],
    )
    deputy = snap.memberships[world.membership["deputy"]]
    assert (deputy.deputy_of, deputy.seat_key) == (new.id, "sozialdezernat")


async def test_rename_an_arbeitskreis_updates_the_picker(world):
    ak1 = world.arbeitskreise[0]
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await roster_focused(pilot, ak1)  # the tab is built on its first show: "g" needs its view
        await pilot.press("g")
        await form_ready(pilot, CommitteeForm)
        assert app.focused.id == "name"
        await replace_text(pilot, "AK Übergang Schule-Beruf")
        await pilot.press("tab")
        await replace_text(pilot, "Übergang Schule-Beruf")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        assert await wait_for(pilot, lambda: not isinstance(app.screen, CommitteeForm))
        tab = app.query_one(f"#pick-{ak1}", Tab)
        assert await wait_for(pilot, lambda: str(tab.label) == "Übergang Schule-Beruf"), str(tab.label)
        info = app.query_one(f"#committee-{ak1} #committee-info")
        assert await wait_for(pilot, lambda: str(info.render()).startswith("AK Übergang Schule-Beruf"))
    c = world.read().committees[ak1]
    assert (c.name, c.short_name) == ("AK Übergang Schule-Beruf", "Übergang Schule-Beruf")


async def test_rename_keeps_the_arbeitskreis_in_view(world):
    ak3 = world.arbeitskreise[2]
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await roster_focused(pilot, ak3)  # the tab is built on its first show: "g" needs its view
        await pilot.press("g")
        await form_ready(pilot, CommitteeForm)
        await pilot.press("tab")  # short name
        await replace_text(pilot, "AK Inklusion")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        tab = app.query_one(f"#pick-{ak3}", Tab)
        assert await wait_for(pilot, lambda: str(tab.label) == "AK Inklusion"), str(tab.label)
        assert app.query_one("#tabs").active == "arbeitskreise"
        assert app.query_one("#committee-picker", Tabs).active == f"pick-{ak3}"
        # the tabs were rebuilt: the keys must still reach the roster on screen
        assert await wait_for(pilot, lambda: roster(app, ak3).has_focus), app.focused
        await pilot.press("a")
        assert (await shown(pilot, MembershipForm)).committee_id == ak3


async def test_rename_a_committee_updates_its_tab(world):
    app = world.app(open_view="leitungsteam")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, world.leitungsteam)  # --open shows the view a refresh after start
        await pilot.press("g")
        await form_ready(pilot, CommitteeForm)
        await pilot.press("tab")
        await replace_text(pilot, "RLT")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        pane_id = f"gremium-{world.leitungsteam}"
        assert await wait_for(pilot, lambda: str(app.query_one("#tabs").get_tab(pane_id).label) == "RLT")
        assert app.query_one("#tabs").active == pane_id
    assert world.read().committees[world.leitungsteam].short_name == "RLT"


async def test_add_a_committee(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, world.lenkungskreis)
        await pilot.press("n")
        form = await form_ready(pilot, CommitteeForm)
        await type_text(pilot, "Arbeitskreis Ganztag")
        await pilot.press("tab")
        assert await wait_for(pilot, lambda: app.focused is form.query_one("#short_name"))
        await type_text(pilot, "AK Ganztag")
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        assert await wait_for(pilot, lambda: not isinstance(app.screen, CommitteeForm))
        [new] = [c for c in world.read().committees.values() if c.name == "Arbeitskreis Ganztag"]
        assert await wait_for(pilot, lambda: bool(app.query(f"#pick-{new.id}")))  # the new tab, a refresh later
        assert str(app.query_one(f"#pick-{new.id}", Tab).label) == "AK Ganztag"
        # a new committee can take members at once: it comes with an open seat
        assert [s.label for s in new.seats] == ["Mitglieder"]
        assert not new.archived
        await pilot.press(str(len(world.read().active_committees())))

        def shown() -> list[str]:  # the tab builds its view lazily: wait for it, not one pause
            try:
                return roster_text(app, new.id)
            except NoMatches:
                return []

        assert await wait_for(pilot, lambda: shown() == ["Mitglieder | unbesetzt |  |  | "])


async def test_archive_can_be_cancelled_then_hides_the_tab_and_keeps_the_data(world):
    ak4 = world.arbeitskreise[3]
    before = world.bytes()
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await roster_focused(pilot, ak4)  # the tab is built on its first show: "r" needs its view
        assert app.query_one("#committee-picker", Tabs).active == f"pick-{ak4}"
        await pilot.press("r")
        await form_ready(pilot, ConfirmScreen)
        await pilot.press("escape")  # cancelled: the committee stays, nothing is written
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        await settle(app, pilot)
        assert app.query(f"#committee-{ak4}") and app.query(f"#pick-{ak4}")
        assert world.bytes() == before
        await roster_focused(pilot, ak4)
        await pilot.press("r")
        await form_ready(pilot, ConfirmScreen)
        await pilot.press("j")
        await settle(app, pilot)

        assert await wait_for(pilot, lambda: not app.query(f"#pick-{ak4}") and not app.query(f"#committee-{ak4}"))
        await pilot.press("7")  # only six committees left
        assert await wait_for(pilot, lambda: notified(app, "nur 6 Gremien"))
    assert world.read().committees[ak4].archived is True


async def test_restored_committee_comes_back(world):
    """There is no restore key yet: a restore saved elsewhere (another app, a future UI) shows up."""
    lt = world.leitungsteam
    store = world.store()
    archived = store.save(dataclasses.replace(store.snapshot().committees[lt], archived=True))
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        assert not app.query(f"TabPane#gremium-{lt}")
        store.save(dataclasses.replace(archived, archived=False))
        assert await wait_for(pilot, lambda: bool(app.query(f"TabPane#gremium-{lt}")))
        await pilot.press("3")
        assert await wait_for(pilot, lambda: app.query_one("#tabs").active == f"gremium-{lt}")


async def test_delete_an_entry_made_in_error(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Tobias Test")
        await pilot.press("delete")
        await form_ready(pilot, ConfirmScreen)
        # the whole question, wrapped
        assert await wait_for(pilot, lambda: "bleibt als Verlauf erhalten." in screen_text(app)), screen_text(app)
        await pilot.press("j")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not any("Tobias Test" in r for r in roster_text(app, world.lenkungskreis)))
        view = app.query_one(f"#committee-{world.lenkungskreis}")
        await pilot.press("h")  # deleted, not ended: not in the history either
        assert await wait_for(pilot, lambda: view.show_history)
        await pilot.pause()  # the history's lines: written by the same refresh as the flag
        assert not any("Tobias Test" in r for r in roster_text(app, world.lenkungskreis))
    assert world.membership["gf"] not in world.read().memberships


async def test_delete_names_the_deputies_and_deletes_them_together(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("delete")
        await form_ready(pilot, ConfirmScreen)
        # Before any "Ja": the deputy the store would refuse on alone is named
        # (``deletion.referring``), and the question is whether to delete both.
        assert await wait_for(pilot, lambda: "Alle zusammen endgültig löschen?" in screen_text(app)), screen_text(app)
        assert "Stellvertretung von Paula Probe" in screen_text(app), screen_text(app)
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        await settle(app, pilot)
        assert world.bytes() == before  # Esc: nothing written
        await pilot.press("delete")
        await form_ready(pilot, ConfirmScreen)  # pushed at once, composed and focused a moment later
        await pilot.press("j")
        assert await wait_for(pilot, lambda: world.membership["bm"] not in world.read().memberships)
        await settle(app, pilot)

        def deleted() -> bool:
            return not any("Beispiel" in r or "Probe" in r for r in roster_text(app, world.lenkungskreis))

        assert await wait_for(pilot, deleted), roster_text(app, world.lenkungskreis)
    after = world.read().memberships
    assert world.membership["bm"] not in after and world.membership["deputy"] not in after
    assert world.membership["vorsitz"] in after  # nothing else


async def test_cancel_with_escape_writes_nothing(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        for key in ("a", "e", "x", "v", "m", "w", "c", "g", "n"):
            await roster_focused(pilot, world.lenkungskreis)  # back from the last form: the keys reach it
            await pilot.press(key)
            assert await wait_for(pilot, lambda: app.screen is not app.screen_stack[0]), key
            form = app.screen
            assert await wait_for(pilot, lambda form=form: app.focused is not None and app.focused.screen is form), key
            await pilot.press("escape")
            assert await wait_for(pilot, lambda: app.screen is app.screen_stack[0]), key
        # the focus comes back to the roster as the main screen resumes, a moment after the pop
        await roster_focused(pilot, world.lenkungskreis)
    assert world.bytes() == before


async def test_picker_offers_the_organisation_whose_word_starts_with_the_text_first(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("e")
        form = await form_ready(pilot, MembershipForm)
        await pilot.press("tab")  # seat -> represents (the role of a begun membership is fixed)
        assert await wait_for(pilot, lambda: app.focused is form.query_one("#represents-input", Input))
        await replace_text(pilot, "Enger")
        await pilot.press("enter")
        field = form.query_one("#represents-input", Input)
        assert await wait_for(pilot, lambda: field.value == "Stadt Enger"), field.value


async def test_renaming_without_short_name_warns_that_the_tab_keeps_it(world):
    ak1 = world.arbeitskreise[0]
    app = world.app(open_view="arbeitskreis-1")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, ak1)  # --open shows the view a refresh after start
        await pilot.press("g")
        form = await form_ready(pilot, CommitteeForm)
        await replace_text(pilot, "AK Übergang Schule-Beruf")
        hint = form.query_one("#hint-short_name")
        warning = "Der Reiter zeigt weiter „AK 1“: Kurzname anpassen oder leeren."
        assert await wait_for(pilot, lambda: str(hint.render()) == warning), str(hint.render())
        await pilot.press("tab")
        assert await wait_for(pilot, lambda: app.focused is form.query_one("#short_name"))
        await pilot.press("end", "ctrl+u")  # empty short name: the tab shows the name
        assert await wait_for(pilot, lambda: hint.has_class("-empty"))
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        tab = app.query_one(f"#pick-{ak1}", Tab)
        assert await wait_for(pilot, lambda: str(tab.label) == "AK Übergang Schule-Beruf"), str(tab.label)
    assert world.read().committees[ak1].short_name == ""


async def test_a_deputy_made_member_stands_in_for_nobody_any_more(world):
    """Regression: role changed from Stellvertretung kept deputy_of, and the roster listed her twice."""
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Paula Probe")
        await pilot.press("w")  # her role began in 2025: it changes from today, the deputy years stay
        form = await form_ready(pilot, ChangeRoleForm)
        assert app.focused is form.query_one("#role", Select)
        await choose(pilot, "#role", "Mitglied")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        rows = roster_text(app, world.lenkungskreis)
        assert sum("Paula Probe" in r for r in rows) == 1, rows
        assert " | Paula Probe | Mitglied |  | 28.11.2026" in rows
    snap = world.read()
    old = snap.memberships[world.membership["deputy"]]
    assert (old.role, old.deputy_of, old.end) == (Role.STELLVERTRETUNG, world.membership["bm"], date(2026, 11, 27))
    [m] = [m for m in snap.memberships_of_person(world.person["probe"]) if m.id != old.id]
    assert (m.role, m.deputy_of, m.start) == (Role.MITGLIED, None, TODAY)


async def test_history_and_deputy_lines_refuse_what_does_not_apply(world):
    store = world.store()
    gf = store.snapshot().memberships[world.membership["gf"]]
    store.save(dataclasses.replace(gf, end=date(2026, 10, 31)))
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    ended = "Diese Mitgliedschaft ist schon beendet."

    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Paula Probe")
        shown = shown_notices(app)
        await pilot.press("v")  # a deputy cannot get a deputy
        await new_notice(pilot, shown, containing="Eine Stellvertretung kann keine eigene Stellvertretung haben.")
        assert not isinstance(app.screen, MembershipForm)
        shown = shown_notices(app)
        await pilot.press("m")  # a deputy moves with her member, not alone
        await new_notice(pilot, shown, containing="Eine Stellvertretung wechselt mit ihrem Mitglied den Sitz.")
        assert app.screen is app.screen_stack[0]
        await pilot.press("h")
        assert await wait_for(pilot, lambda: any("Tobias Test" in row for row in roster_text(app, world.lenkungskreis)))
        await goto_row(pilot, app, world.lenkungskreis, "Tobias Test")
        for key in ("m", "v", "x"):  # moving or ending again would reopen the history
            shown = shown_notices(app)
            await pilot.press(key)
            await new_notice(pilot, shown, containing=ended)
            assert app.screen is app.screen_stack[0], key
    assert world.bytes() == before


async def test_picker_keys_arrows_choose_and_escape_closes_the_list_first(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Sozialdezernenten")
        await pilot.press("a")
        form = await form_ready(pilot, MembershipForm)
        await type_text(pilot, "Muster")
        matches = form.query_one("#person-matches")
        assert await wait_for(pilot, lambda: matches.option_count == 3), matches.options  # the typing's matches
        assert [str(o.prompt) for o in matches.options] == [
            "Max Muster",
            "Erika Mustermann (Kreis Herford)",
            "+ Neue Person anlegen: „Muster“",
        ]
        await pilot.press("down")  # the first Down enters the list on the first match
        assert await wait_for(pilot, lambda: matches.highlighted == 0)
        await pilot.press("down", "enter")
        assert await wait_for(pilot, lambda: app.focused is form.query_one("#seat"))  # on to the next field
        assert form.query_one("#person-input", Input).value == "Erika Mustermann (Kreis Herford)"
        await pilot.press("shift+tab")
        assert await wait_for(pilot, lambda: app.focused is form.query_one("#person-input"))
        await pilot.press("x")  # back (the name selected), typing: the pick is undone
        assert await wait_for(pilot, lambda: form.query_one("#person-input", Input).value == "x")
        assert await wait_for(pilot, lambda: matches.display)
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not matches.display)
        assert app.screen is form
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MembershipForm))


async def test_committee_changes_keep_the_views_in_place(world):
    """A colleague adds an Arbeitskreis and renames a tab: tabs change in place, the shown
    view stays the same widget with its cursor (no rebuild of the main screen)."""
    app = world.app(open_view="lenkungskreis", poll_interval=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "2")  # the Arbeitskreise tab is built once shown
        view = app.query_one(f"#committee-{world.lenkungskreis}")
        table = roster(app, world.lenkungskreis)
        assert await wait_for(pilot, lambda: table.has_focus)
        await pilot.press("down", "down")
        colleague = world.store()
        lt = colleague.snapshot().committees[world.leitungsteam]
        colleague.save(dataclasses.replace(lt, short_name="[b]RLT[/b]"))
        colleague.save(Committee(name="AK Neu", kind=CommitteeKind.ARBEITSKREIS, order=9))
        assert await wait_for(pilot, lambda: len(app.query("#committee-picker Tab")) == 5)
        tabs = app.query_one("#tabs")
        assert await wait_for(pilot, lambda: tabs.get_tab(f"gremium-{world.leitungsteam}").label.plain == "[b]RLT[/b]")
        assert app.query_one(f"#committee-{world.lenkungskreis}") is view
        assert table.cursor_row == 2 and table.has_focus


async def test_a_person_edited_after_adding_a_member_keeps_the_cursor_on_their_row(world):
    """Roster meets person form: after adding a member (the cursor goes to the new line), the
    user moves to another member and edits that person with p. The save's refresh kept the
    added member as the place to go and sent the cursor back there."""
    from herford_tui.ui.directory.person_form import PersonForm

    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Sozialdezernenten")
        await pilot.press("a")
        form = await shown(pilot, MembershipForm)
        assert await wait_for(pilot, lambda: form.query_one("#person-input").has_focus)
        await type_text(pilot, "Muster")
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: form.query_one("#seat").has_focus)  # picked: on to the seat
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MembershipForm))
        view = app.query_one(f"#committee-{world.lenkungskreis}")
        assert await wait_for(pilot, lambda: view.current_line.membership.person_id == world.person["muster"])
        await goto_row(pilot, app, world.lenkungskreis, "Tobias Test")
        await pilot.press("p")
        (await shown(pilot, PersonForm)).query_one("#function", Input).value = "Referent Schulentwicklung"
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, PersonForm))
        detail = view.query_one("#member-detail")

        def refreshed() -> bool:  # either way the save's refresh went
            on = view.current_line.membership.person_id
            return on == world.person["muster"] or "Referent Schulentwicklung" in str(detail.render())

        assert await wait_for(pilot, refreshed)
        assert view.current_line.membership.person_id == world.person["test"], str(detail.render())


async def test_the_chair_moves_to_another_seat_and_stays_chair(world):
    """Seat change meets the chair rule: the new membership (Vorsitz on the new seat) was checked
    beside the old one not yet ended, so the move was refused with "den Vorsitz hat in diesem
    Zeitraum schon Erika Mustermann": the chair clashed with herself."""
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Erika Mustermann")
        await pilot.press("m")
        await form_ready(pilot, MoveForm)  # choose() needs the seat focused, not only the form built
        await choose(pilot, "#seat", "Sozialdezernenten")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MoveForm)), screen_text(app)
        assert await wait_for(
            pilot,
            lambda: (
                "Sozialdezernenten | Erika Mustermann | Vorsitz | Kreis Herford | 28.11.2026"
                in roster_text(app, world.lenkungskreis)
            ),
        )
    chairs = [m for m in world.read().memberships_of_person(world.person["mustermann"]) if m.end is None]
    assert [(m.seat_key, m.role) for m in chairs] == [("sozialdezernat", Role.VORSITZ)]


async def test_a_deputy_named_for_a_chair_handing_over_ahead_ends_with_that_chair(world):
    """Stand-in meets a hand-over entered ahead: Erika Mustermann's Vorsitz ends on 31.12.2026
    (Bernd Beispiel takes over). A deputy named for it ran on without end, standing in from
    2027 for a membership that had ended. The form offers the member's end, and a later or
    open end is refused in German."""
    from herford_tui.domain.roles import hand_over_chair

    store = world.store()
    snap = store.snapshot()
    bernd = snap.memberships[world.membership["bm"]]
    store.save_all(hand_over_chair(snap, world.lenkungskreis, bernd, date(2027, 1, 1)))
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Erika Mustermann | Vorsitz")
        await pilot.press("v")
        form = await form_ready(pilot, MembershipForm)  # typed into the focused person field
        assert form.query_one("#end", Input).value == "31.12.2026"
        await type_text(pilot, "Max")
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: form.query_one("#person-input", Input).value == "Max Muster")  # picked
        form.query_one("#end", Input).value = ""
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: "endet spätestens mit der Mitgliedschaft" in error_text(app, "end"))
        assert isinstance(app.screen, MembershipForm)
        form.query_one("#end", Input).value = "31.12.2026"
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MembershipForm))
    [m] = world.read().memberships_of_person(world.person["muster"])
    assert (m.role, m.deputy_of, m.end) == (Role.STELLVERTRETUNG, world.membership["vorsitz"], date(2026, 12, 31))


async def test_ending_a_member_names_a_role_entered_for_later(world):
    """Austritt meets a hand-over entered ahead: ending Erika Mustermann's Vorsitz today left her
    Mitglied membership from 01.01.2027 standing (she "left", and was a member again next year),
    and the form only said to delete it by hand. The form names it; Ctrl+S asks by name, and
    "ja" ends the Vorsitz and deletes the later entry in one save (the audit log keeps it)."""
    from herford_tui.domain.audit_text import Names, entry_lines
    from herford_tui.domain.roles import hand_over_chair
    from herford_tui.store.log_reader import read_entries

    store = world.store()
    snap = store.snapshot()
    store.save_all(
        hand_over_chair(snap, world.lenkungskreis, snap.memberships[world.membership["bm"]], date(2027, 1, 1))
    )
    later = next(
        m
        for m in world.read().memberships_of_person(world.person["mustermann"])
        if m.start == date(2027, 1, 1) and m.role is Role.MITGLIED
    )
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Erika Mustermann | Vorsitz")
        await pilot.press("x")
        form = await form_ready(pilot, EndMembershipForm)
        note = str(form.query_one("#ahead-note").render())
        assert "Erika Mustermann ist außerdem ab 01.01.2027 als Mitglied eingetragen." in note
        assert "Der Austritt beendet auch diesen Eintrag" in note
        before = world.bytes()
        await pilot.press("ctrl+s")
        confirm = await shown(pilot, ConfirmScreen)
        assert "ab 01.01.2027 als Mitglied: wird gelöscht" in confirm.question
        await pilot.press("escape")  # not now: the form stays, nothing written
        assert await wait_for(pilot, lambda: app.screen is form)
        assert world.bytes() == before
        await pilot.press("ctrl+s")
        await shown(pilot, ConfirmScreen)
        await pilot.press("j")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, (EndMembershipForm, ConfirmScreen)))
    after = world.read()
    assert after.memberships[world.membership["vorsitz"]].end == TODAY
    assert later.id not in after.memberships  # never held: deleted with the Austritt
    assert not [m for m in after.memberships_of_person(world.person["mustermann"]) if m.end is None]
    entries = read_entries(world.path)
    (gone,) = [e for e in entries if e["action"] == "delete" and e["id"] == later.id]  # the audit log keeps it
    assert gone["changes"]["start"] == ["2027-01-01", None] and gone["changes"]["role"] == ["mitglied", None]
    assert "gelöscht" in "\n".join(entry_lines(gone, Names.of(after, entries)))


async def test_archiving_names_the_meetings_still_planned(world):
    """Archive meets the year's planning: an archived committee's planned meetings stay (in the
    year overview, `termine`, the calendar export) without a word in the question."""
    from herford_tui.domain import Meeting

    store = world.store()
    store.save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 10)))
    store.save(Meeting(committee_id=world.lenkungskreis, date=date(2027, 2, 3)))
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Erika Mustermann")
        await pilot.press("r")
        dialog = await shown(pilot, ConfirmScreen)
        assert "2 Sitzungen sind noch angesetzt (ab 10.12.2026); sie bleiben es" in dialog.question
        await pilot.press("escape")
