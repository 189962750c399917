"""Acceptance: bad input in each form shows the German message in the form and writes nothing."""

from __future__ import annotations

import pytest
from pilot_helpers import SIZE, error_text, goto_row, replace_text, settle, tab_to, type_text

from herford_tui.domain import Role
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


async def test_new_person_without_family_name(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Sozialdezernenten")
        await pilot.press("a")
        await type_text(pilot, "Hanna")
        await pilot.press("enter")  # "+ Neue Person anlegen: „Hanna“": Hanna becomes the family name
        await pilot.press("tab")  # given name -> family name
        assert app.focused.id == "family_name"
        await pilot.press("end", "ctrl+u")
        await save_and_expect(
            app, pilot, world, before, MembershipForm, "family_name", "Der Nachname darf nicht leer sein."
        )


async def test_end_before_start(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("e")
        await tab_to(pilot, "#end")
        await type_text(pilot, "31.12.2024")
        await save_and_expect(app, pilot, world, before, MembershipForm, "end", "Das Ende liegt vor dem Beginn.")


@pytest.mark.parametrize("text", ["31.02.2026", "morgen", "2026-11-30"])
async def test_unparseable_start_date(world, text):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Sozialdezernenten")
        await pilot.press("a")
        await type_text(pilot, "Max")
        await pilot.press("enter")
        await tab_to(pilot, "#start")
        await replace_text(pilot, text)
        await save_and_expect(
            app,
            pilot,
            world,
            before,
            MembershipForm,
            "start",
            f"„{text}“ ist kein Datum (TT.MM.JJJJ, z. B. 28.11.2026).",
        )


async def test_unparseable_end_date_when_ending(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Tobias Test")
        await pilot.press("x")
        await replace_text(pilot, "31.11.2026")
        await save_and_expect(app, pilot, world, before, EndMembershipForm, "end", "„31.11.2026“ ist kein Datum")


async def test_ending_before_the_start(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Tobias Test")
        await pilot.press("x")
        await replace_text(pilot, "01.01.2024")
        await save_and_expect(app, pilot, world, before, EndMembershipForm, "end", "Das Ende liegt vor dem Beginn.")


async def test_seat_full(world):
    """The Landrat seat has one place, taken by Erika Mustermann."""
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Landrat")
        await pilot.press("a")
        assert app.screen.query_one("#seat").value == "landrat"
        await type_text(pilot, "Max")
        await pilot.press("enter")
        await save_and_expect(
            app, pilot, world, before, MembershipForm, "seat_key", "Der Sitz „Landrat“ ist voll besetzt (1 von 1)."
        )


async def test_duplicate_active_membership(world):
    """Bernd Beispiel already holds one of the two Bürgermeister places."""
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Paula Probe")
        await pilot.press("down")  # the open Bürgermeister place
        assert app.query_one(f"#committee-{world.lenkungskreis}").current_line.membership is None
        await pilot.press("a")
        await type_text(pilot, "Beispiel")
        await pilot.press("enter")
        await save_and_expect(
            app,
            pilot,
            world,
            before,
            MembershipForm,
            "person_id",
            "Diese Person hat in diesem Zeitraum schon eine Mitgliedschaft auf diesem Sitz.",
        )


async def test_person_typed_but_not_picked(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Sozialdezernenten")
        await pilot.press("a")
        await type_text(pilot, "Max")
        await save_and_expect(
            app,
            pilot,
            world,
            before,
            MembershipForm,
            "person_id",
            "Bitte eine Person aus der Liste wählen oder neu anlegen.",
        )


async def test_organisation_typed_but_not_picked(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("e")
        await tab_to(pilot, "#represents-input")
        await replace_text(pilot, "Gibt es nicht")
        await save_and_expect(
            app, pilot, world, before, MembershipForm, "represents_id", "Bitte eine Organisation aus der Liste wählen."
        )


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


async def test_committee_with_empty_name(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert app.focused.id == "name"
        await pilot.press("end", "ctrl+u")
        await save_and_expect(app, pilot, world, before, CommitteeForm, "name", "Der Name darf nicht leer sein.")


async def test_new_committee_with_empty_name(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await save_and_expect(app, pilot, world, before, CommitteeForm, "name", "Der Name darf nicht leer sein.")


async def test_rhythm_max_below_min(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await tab_to(pilot, "#rhythm_min")
        await replace_text(pilot, "3")
        await pilot.press("tab")
        assert app.focused.id == "rhythm_max"
        await replace_text(pilot, "1")
        await save_and_expect(
            app,
            pilot,
            world,
            before,
            CommitteeForm,
            "rhythm_max",
            "Höchstzahl der Sitzungen liegt unter der Mindestzahl.",
        )


async def test_removing_a_seat_that_has_memberships(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        landrat = next(i for i in app.screen.query(".seat-label") if i.value == "Landrat")
        await tab_to(pilot, landrat)
        await pilot.press("end", "ctrl+u")
        await save_and_expect(
            app,
            pilot,
            world,
            before,
            CommitteeForm,
            "seats",
            "Sitz „Landrat“ hat Mitgliedschaften (auch frühere) und bleibt.",
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


async def test_role_stellvertretung_needs_the_v_key(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Sozialdezernenten")
        await pilot.press("a")
        await type_text(pilot, "Max")
        await pilot.press("enter")
        app.screen.query_one("#role").value = Role.STELLVERTRETUNG
        await save_and_expect(
            app,
            pilot,
            world,
            before,
            MembershipForm,
            "role",
            "Stellvertretungen bitte mit „v“ beim vertretenen Mitglied benennen.",
        )


async def test_new_person_with_the_name_of_an_existing_one_is_refused(world):
    from pilot_helpers import SIZE, settle
    from textual.widgets import Input

    from herford_tui.ui.committees.membership_form import MembershipForm

    before = world.bytes()
    existing = world.read().persons[world.person["beispiel"]]
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, MembershipForm)
        form.creating_person = True
        form.query_one("#new-person").remove_class("-hidden")
        form.query_one("#given_name", Input).value = existing.given_name
        form.query_one("#family_name", Input).value = existing.family_name
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MembershipForm)
        assert "gibt es schon" in str(form.query_one("#err-family_name").render())
    assert world.bytes() == before
