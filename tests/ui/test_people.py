"""People and organisations (issue 9): directory facets, the organisation and person screens,
contacts, duplicates, guarded delete, merge and DSGVO, driven by keys and checked on the file."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from pilot_helpers import SIZE, TODAY, form_ready, goto_row, screen_text, settle, shown, type_text, wait_for
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, Label

from herford_tui.app import create_app
from herford_tui.domain import AgendaItem, Meeting, Membership, OrgType, Person, Role, Task
from herford_tui.domain.dsgvo import PLACEHOLDER
from herford_tui.store import Store
from herford_tui.store.demo import write_demo
from herford_tui.ui.common.line_table import LineTable
from herford_tui.ui.directory.organisation_screen import OrganisationScreen
from herford_tui.ui.directory.person_form import PersonForm
from herford_tui.ui.directory.person_screen import PersonScreen
from herford_tui.ui.directory.references_dialog import ReferencesDialog


def _count(app) -> str:
    return str(app.query_one("#directory-count", Label).render())


def _table_rows(app, selector: str) -> list[str]:
    table = app.screen.query_one(selector)
    return [" | ".join(str(getattr(c, "plain", c)) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def _open_directory(app, pilot) -> None:
    await pilot.pause()
    await pilot.press("o")
    assert await wait_for(pilot, lambda: app.query_one("#org-table", LineTable).has_focus)


# -- the directory ---------------------------------------------------------------------------
async def test_type_and_municipality_filters_count_the_demo_schools_in_buende(tmp_path: Path):
    path = tmp_path / "demo.json"
    write_demo(Store(path, backups=0).open(), size="small", seed=1, today=TODAY)
    snapshot = Store(path).open().snapshot()
    schools_in_buende = [
        o for o in snapshot.organisations.values() if o.type is OrgType.SCHULE and o.municipality == "Bünde"
    ]
    assert schools_in_buende, "the demo data should hold schools in Bünde"
    app = create_app(path, today=lambda: TODAY)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await _open_directory(app, pilot)
        total = len(snapshot.organisations)
        # the count is written once the list is filled, which may come after the focus
        assert await wait_for(pilot, lambda: _count(app) == f"{total} Organisationen"), _count(app)
        await pilot.press("k", "enter", *"Schule", "enter")  # type filter: type to search, Enter
        schools = sum(1 for o in snapshot.organisations.values() if o.type is OrgType.SCHULE)
        assert await wait_for(pilot, lambda: _count(app) == f"{schools} Organisationen"), _count(app)
        await pilot.press("tab", "enter", *"Bünde", "enter")  # municipality filter
        want = f"{len(schools_in_buende)} Organisation" + ("" if len(schools_in_buende) == 1 else "en")
        assert await wait_for(pilot, lambda: _count(app) == want), _count(app)
        names = {row.split(" | ")[0] for row in _table_rows(app, "#org-table")}
        assert names == {o.name for o in schools_in_buende}
        await pilot.press("f")  # the text filter combines with both facets
        assert await wait_for(pilot, lambda: app.query_one("#org-filter").has_focus)  # typed before: the list's keys
        await type_text(pilot, "Gymnasium")
        gyms = [o for o in schools_in_buende if "Gymnasium" in o.name]
        assert await wait_for(pilot, lambda: _count(app).startswith(f"{len(gyms)} Organisation"))


async def test_jobcenter_question_is_answered_one_key_after_the_search(world):
    store = world.store()
    jana = store.save(Person(given_name="Jana", family_name="Jobst", organisation_id=world.org["Jobcenter"]))
    store.save(
        Membership(
            person_id=jana.id,
            committee_id=world.lenkungskreis,
            seat_key="sozialdezernat",
            represents_id=world.org["Jobcenter"],
            start=date(2025, 1, 1),
        )
    )
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await form_ready(pilot, CommandPalette)  # pushed at once, composed and focused a moment later
        await type_text(pilot, "Jobcenter kreisweit")  # the place: only the organisation, not its people
        assert await wait_for(pilot, lambda: "Organisation · " in screen_text(app))
        await pilot.press("enter")  # the search's hit opens the organisation screen at once
        assert await wait_for(pilot, lambda: isinstance(app.screen, OrganisationScreen))

        def seat_line() -> bool:  # drawn after the pushed screen's first layout
            return any("Lenkungskreis" in line and "Jana Jobst" in line for line in screen_text(app).splitlines())

        assert await wait_for(pilot, seat_line), screen_text(app)


async def test_person_screen_from_the_roster_shows_current_and_ended_memberships(world):
    store = world.store()
    store.save(
        Membership(
            person_id=world.person["mustermann"],
            committee_id=world.leitungsteam,
            seat_key=store.snapshot().committees[world.leitungsteam].seats[0].key,
            role=Role.MITGLIED,
            start=date(2019, 2, 1),
            end=date(2024, 7, 31),
        )
    )
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.focused, DataTable))  # the roster, shown
        await pilot.press("i")  # the roster's first line: the chair, Erika Mustermann
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        rows = _table_rows(app, "#person-memberships")
        # 80 columns: the committee whole ("Regionales …" told nothing); whom she represents
        # gives way to the detail line of the highlighted membership
        assert rows[0] == "Lenkungskreis | Landrat | Vorsitz | seit 01.01.2025"
        detail = app.screen.query_one("#person-detail")
        assert await wait_for(pilot, lambda: "vertritt: Kreis Herford" in str(detail.render()))
        assert rows[1].startswith("✗ Regionales Leitungsteam") and rows[1].endswith("01.02.2019 bis 31.07.2024")
        text = screen_text(app)
        assert "1 aktuell, 1 beendet" in text and "e.mustermann@example.org" in text
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, PersonScreen))


async def test_contact_without_membership_is_created_and_found(world):
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await _open_directory(app, pilot)
        await pilot.press("t", "a")  # persons, new
        await form_ready(pilot, PersonForm)  # pushed at once, composed and focused a moment later
        await type_text(pilot, "Kora")
        await pilot.press("tab")
        await type_text(pilot, "Kontaktfrau")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, PersonForm))
        assert await wait_for(pilot, lambda: "Kora Kontaktfrau" in " ".join(_table_rows(app, "#org-table")))
        await pilot.press("f")
        assert await wait_for(pilot, lambda: app.query_one("#org-filter").has_focus)  # typed before: the list's keys
        await type_text(pilot, "kontaktfr")
        assert await wait_for(pilot, lambda: _count(app) == "1 Person")
        await pilot.press("enter")  # to the list
        assert await wait_for(pilot, lambda: app.query_one("#org-table", LineTable).has_focus)
        await pilot.press("enter")  # open the person
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert await wait_for(pilot, lambda: "0 aktuell, 0 beendet" in screen_text(app)), screen_text(app)
    saved = [p for p in world.read().persons.values() if p.family_name == "Kontaktfrau"]
    assert len(saved) == 1 and not world.read().memberships_of_person(saved[0].id)


async def test_duplicate_person_mueller_is_caught_before_saving(world):
    world.store().save(Person(given_name="Hans", family_name="Müller", email="h.mueller@example.org"))
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await _open_directory(app, pilot)
        await pilot.press("t", "a")
        await form_ready(pilot, PersonForm)  # pushed at once, composed and focused a moment later
        await type_text(pilot, "Hans")
        await pilot.press("tab")
        await type_text(pilot, "Mueller")
        before = world.bytes()
        await pilot.press("ctrl+s")
        form = app.screen
        assert isinstance(form, PersonForm)  # the same name: a warning naming the other one

        def warning() -> str:
            return str(form.query_one("#err-family_name").render())

        assert await wait_for(pilot, lambda: "gleicher Name" in warning()), warning()
        assert "Möglicherweise doppelt" in warning() and "Hans Müller" in warning()
        assert world.bytes() == before
        form.query_one("#given_name", Input).value = "Hanna"
        form.query_one("#email", Input).value = "H.Mueller@example.org"
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: "gleiche E-Mail" in warning()), warning()
        assert "Möglicherweise doppelt" in warning()  # a warning only
        assert world.bytes() == before
        await pilot.press("ctrl+s")  # warned once: saving the same input goes ahead
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, PersonForm))
    assert any(p.full_name == "Hanna Mueller" for p in world.read().persons.values())


async def test_referenced_organisation_is_not_deleted_and_its_memberships_are_ended(world):
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await _open_directory(app, pilot)
        await pilot.press("f")
        assert await wait_for(pilot, lambda: app.query_one("#org-filter").has_focus)  # typed before: the list's keys
        await type_text(pilot, "Stadt Bünde")
        await pilot.press("enter")  # filtered, and the keys handed back to the list
        assert await wait_for(pilot, lambda: app.query_one("#org-table").has_focus)
        await pilot.press("delete")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ReferencesDialog))
        # the footer is drawn after the dialog (a frame later on a loaded machine)
        assert await wait_for(pilot, lambda: "Strg+T Zum Datum beenden" in screen_text(app))  # not Strg+B (tmux)
        text = screen_text(app)
        assert "kann nicht gelöscht werden" in text and "2 Personen gehören dazu" in text
        ways = " ".join(str(s.render()) for s in app.screen.query(".dialog-text"))
        assert "Strg+T beendet die aktuelle Mitgliedschaft zum Datum (sie bleibt als Verlauf" in ways, ways
        field = app.screen.query_one("#as-of", Input)
        assert field.has_focus  # the key reaches the dialog past the field that has the focus
        field.value = "31.12.2026"
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ReferencesDialog))
    snapshot = world.read()
    assert world.org["Stadt Bünde"] in snapshot.organisations  # still there
    assert snapshot.memberships[world.membership["bm"]].end == date(2026, 12, 31)
    assert snapshot.memberships[world.membership["deputy"]].end == date(2026, 12, 31)  # with its deputy


async def test_two_records_of_one_person_are_merged(world):
    store = world.store()
    twin = store.save(Person(given_name="E.", family_name="Mustermann", phone="05221 13-0"))  # an old twin
    old = store.save(
        Membership(
            person_id=twin.id,
            committee_id=world.konferenz,
            seat_key=store.snapshot().committees[world.konferenz].seats[0].key,
            start=date(2018, 1, 1),
            end=date(2020, 12, 31),
        )
    )
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.focused, DataTable))  # the roster, shown
        await pilot.press("i")
        await shown(pilot, PersonScreen)  # pushed at once, composed a moment later
        await pilot.press("M")
        assert await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "merge-input")
        await type_text(pilot, "Mustermann")
        assert await wait_for(pilot, lambda: f"Nr. {twin.id}" in screen_text(app))
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: twin.id not in world.read().persons)
        assert await wait_for(pilot, lambda: "0 aktuell, 1 beendet" not in screen_text(app))
        assert "1 aktuell, 1 beendet" in screen_text(app)
    snapshot = world.read()
    assert snapshot.memberships[old.id].person_id == world.person["mustermann"]  # history kept
    assert snapshot.persons[world.person["mustermann"]].phone == "05221 13-0"  # empty field filled


async def test_dsgvo_erasure_from_the_person_screen(world, tmp_path: Path, monkeypatch):
    from herford_tui.ui.common.confirm import ConfirmScreen

    store = world.store()
    person = store.snapshot().persons[world.person["beispiel"]]
    store.save(dataclasses.replace(person, email="bernd.beispiel@example.org", phone="05223 161-0"))
    monkeypatch.setenv("HOME", str(tmp_path))
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("i")
        await shown(pilot, PersonScreen)  # pushed at once, composed a moment later
        await pilot.press("i")  # Auskunft
        assert await wait_for(pilot, lambda: "bernd.beispiel@example.org" in screen_text(app))
        assert "Es wird kein Änderungsprotokoll geführt" not in screen_text(app)  # the log is part of it
        text = str(app.screen.query_one("#disclosure-text").render())  # the whole text, not only what fits
        for section in ("Vertretung in Sitzungen (", "Aufgaben (", "Verantwortlich für Tagesordnungspunkte ("):
            assert section in text
        await pilot.press("J")
        assert await wait_for(pilot, lambda: any(tmp_path.glob("auskunft-person-*.json")))
        await pilot.press("escape")
        await shown(pilot, PersonScreen)  # pushed at once, composed a moment later
        await pilot.press("L")
        assert await wait_for(pilot, lambda: "Art. 17 DSGVO" in screen_text(app))
        await pilot.press("j")
        assert await wait_for(pilot, lambda: b"Beispiel" not in world.bytes())
        assert await wait_for(pilot, lambda: PLACEHOLDER in screen_text(app))
        # the saved Auskunft still names him: the erasure says so, to delete by hand (it stays)
        saved = next(tmp_path.glob("auskunft-person-*.json"))

        notice = await shown(pilot, ConfirmScreen)  # a dialog until closed, not a notice over every view
        assert str(saved) in notice.question and "von Hand löschen" in notice.question and saved.exists()
        await pilot.press("escape")  # closes it
        await shown(pilot, PersonScreen)
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: PLACEHOLDER in screen_text(app))  # the roster
    for f in [world.path, *world.path.parent.glob("herford.json.*.bak"), *world.path.parent.glob("herford.json.log*")]:
        for secret in (b"Beispiel", b"bernd.beispiel@example.org", b"05223 161-0"):
            assert secret not in f.read_bytes(), f.name


async def test_vertritt_defaults_to_the_organisation_of_the_person(world):
    from herford_tui.ui.committees.membership_form import MembershipForm
    from herford_tui.ui.common.picker import RecordPicker

    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Sozialdezernenten")
        await pilot.press("a")
        await form_ready(pilot, MembershipForm)  # pushed at once, composed and focused a moment later
        await type_text(pilot, "Hanna Neumann")
        await pilot.press("enter")  # "+ Neue Person anlegen"
        assert await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "function")
        await pilot.press("tab")  # Funktion -> Organisation
        await type_text(pilot, "Jobcenter")
        await pilot.press("enter")
        represents = app.screen.query_one("#represents", RecordPicker)
        assert await wait_for(pilot, lambda: represents.value == world.org["Jobcenter"])
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MembershipForm))
    snapshot = world.read()
    hanna = next(p for p in snapshot.persons.values() if p.family_name == "Neumann")
    assert hanna.organisation_id == world.org["Jobcenter"]
    [m] = snapshot.memberships_of_person(hanna.id)
    assert m.represents_id == world.org["Jobcenter"]


async def test_search_finds_a_contact_in_the_directory_and_opens_the_person(world):
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await form_ready(pilot, CommandPalette)  # pushed at once, composed and focused a moment later
        await type_text(pilot, "Max Muster")
        assert await wait_for(pilot, lambda: "ohne aktuelles Gremium" in screen_text(app))
        await pilot.press("down", "enter")  # Max Muster has no membership: his page all the same
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert app.screen.person_id == world.person["muster"]


async def test_a_contact_without_references_is_deleted_from_the_person_screen(world):
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await _open_directory(app, pilot)
        await pilot.press("t", "f")
        await type_text(pilot, "Max Muster")
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: app.query_one("#org-table", LineTable).has_focus)
        await pilot.press("enter")
        await shown(pilot, PersonScreen)  # pushed at once, composed a moment later
        await pilot.press("delete")
        assert await wait_for(pilot, lambda: "löschen?" in screen_text(app))
        await pilot.press("j")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, PersonScreen))
        assert await wait_for(pilot, lambda: _count(app) == "0 Personen")
    assert world.person["muster"] not in world.read().persons


async def _delete_from_person_screen(app, pilot, name: str) -> None:
    await _open_directory(app, pilot)
    await pilot.press("t", "f")
    await type_text(pilot, name)
    await pilot.press("enter")
    assert await wait_for(pilot, lambda: app.query_one("#org-table", LineTable).has_focus)
    await pilot.press("enter")
    await shown(pilot, PersonScreen)  # pushed at once, composed a moment later
    await pilot.press("delete")


async def test_deleting_a_task_assignee_names_the_task_before_asking(world):
    # Only a task of a meeting names Max Muster: the store would refuse the delete, so the dialog
    # says so, naming the task, instead of a plain "löschen?" that ends in an error.
    store = world.store()
    item = AgendaItem("3", "Haushalt", tasks=[Task("Raum buchen", world.person["muster"])])
    store.save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 3, 4), agenda=[item]))
    before = world.bytes()
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await _delete_from_person_screen(app, pilot, "Max Muster")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ReferencesDialog))
        # The dialog's footer (its keys) is drawn after the dialog: it was missing once under load.
        assert await wait_for(pilot, lambda: "Bleibt im Verlauf" in screen_text(app)), screen_text(app)
        text = screen_text(app)
        assert "kann nicht gelöscht werden" in text and "löschen?" not in text
        assert "Sitzung „Lenkungskreis“ am 04.03.2026: Aufgabe „Raum buchen“ (TOP 3)" in text
        assert "Bleibt im Verlauf" in text and "DSGVO-Löschen" in text  # the ways on, no dead end
        await pilot.press("escape")  # it stays in the history
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
    assert world.bytes() == before


async def test_a_person_who_has_left_is_kept_or_erased_from_the_delete_dialog(world):
    from herford_tui.ui.common.confirm import ConfirmScreen

    store = world.store()
    gf = store.snapshot().memberships[world.membership["gf"]]
    store.save(dataclasses.replace(gf, end=date(2025, 7, 26)))  # Tobias Test left: history only
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await _delete_from_person_screen(app, pilot, "Tobias Test")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ReferencesDialog))
        assert await wait_for(pilot, lambda: "Bleibt im Verlauf" in screen_text(app)), screen_text(app)  # footer drawn
        text = screen_text(app)
        assert "Mitgliedschaft in „Lenkungskreis“ (bis 26.07.2025)" in text
        assert "Strg+T" not in text  # nothing current to end: not offered
        await pilot.press("L")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert await wait_for(pilot, lambda: "endgültig löschen" in screen_text(app))
        await pilot.press("j")
        assert await wait_for(pilot, lambda: world.read().persons[world.person["test"]].erased_on is not None)
    snapshot = world.read()
    assert snapshot.persons[world.person["test"]].family_name == PLACEHOLDER
    assert snapshot.memberships[world.membership["gf"]].person_id == world.person["test"]  # history kept


async def test_duplicate_organisation_in_the_same_municipality_is_warned(world):
    from herford_tui.ui.directory.org_form import OrganisationForm

    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await _open_directory(app, pilot)
        await pilot.press("a")
        await form_ready(pilot, OrganisationForm)  # pushed at once, composed and focused a moment later
        await type_text(pilot, "Stadt Buende")
        app.screen.query_one("#municipality").value = "Bünde"
        before = world.bytes()
        await pilot.press("ctrl+s")
        form = app.screen
        assert await wait_for(pilot, lambda: "Möglicherweise doppelt" in str(form.query_one("#err-name").render()))
        assert world.bytes() == before
        app.screen.query_one("#municipality").value = "Enger"  # another town: no duplicate
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, OrganisationForm))
    assert any(o.name == "Stadt Buende" and o.municipality == "Enger" for o in world.read().organisations.values())


async def test_referenced_person_hands_the_seat_to_a_replacement(world):
    from herford_tui.ui.common.picker import RecordPicker

    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Tobias Test")
        await pilot.press("i")
        await shown(pilot, PersonScreen)  # pushed at once, composed a moment later
        await pilot.press("delete")
        await form_ready(pilot, ReferencesDialog)  # composed and focused: its fields and keys are there
        said = "Mitgliedschaft in „Lenkungskreis“ (offen)"
        assert await wait_for(pilot, lambda: said in screen_text(app)), screen_text(app)
        app.screen.query_one("#as-of", Input).value = "31.12.2026"
        await pilot.press("tab")
        await type_text(pilot, "Max Muster")
        picker = app.screen.query_one("#replacement", RecordPicker)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: picker.value == world.person["muster"])
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ReferencesDialog))
    snapshot = world.read()
    assert snapshot.memberships[world.membership["gf"]].end == date(2026, 12, 31)
    [new] = snapshot.memberships_of_person(world.person["muster"])
    assert (new.seat_key, new.role, new.start) == ("bildungsbuero", Role.GESCHAEFTSFUEHRUNG, date(2027, 1, 1))
    assert world.person["test"] in snapshot.persons  # history stays, so the person stays


async def test_hostile_names_show_as_text_on_the_person_screen(world):
    store = world.store()
    person = store.snapshot().persons[world.person["mustermann"]]
    store.save(dataclasses.replace(person, function="[b]fett[/b] \x1b[2J", notes="[@click=app.quit]x[/]"))
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.focused, DataTable))  # the roster, shown
        await pilot.press("i")
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert await wait_for(pilot, lambda: "[@click=app.quit]x[/]" in screen_text(app)), screen_text(app)
        text = screen_text(app)
        assert "[b]fett[/b] \\x1b[2J" in text and "[@click=app.quit]x[/]" in text
        assert "\x1b" not in text


async def test_ending_a_persons_memberships_refuses_one_that_begins_later(world):
    """The delete dialog's Strg+T meets a hand-over entered ahead: Bernd Beispiel takes the chair
    on 01.01.2027. Ending his memberships today turned that one into a Vorsitz of 01.01.2027 alone
    (ended on its first day): the dialog says what begins later and saves nothing."""
    from pilot_helpers import shown

    from herford_tui.domain.roles import hand_over_chair

    store = world.store()
    snap = store.snapshot()
    store.save_all(
        hand_over_chair(snap, world.lenkungskreis, snap.memberships[world.membership["bm"]], date(2027, 1, 1))
    )
    before = world.bytes()
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_person(world.person["beispiel"])
        await shown(pilot, PersonScreen)
        await pilot.press("delete")
        dialog = await shown(pilot, ReferencesDialog)
        await pilot.press("ctrl+t")
        problem = dialog.query_one("#references-problem")
        assert await wait_for(pilot, lambda: "ab 01.01.2027 als Vorsitz in „Lenkungskreis“" in str(problem.render()))
        assert "zuerst im Gremium mit Entf löschen" in str(problem.render())
        assert app.screen is dialog
    assert world.bytes() == before
