"""At 80x24 the record screens keep the facts (issue 17, item 4): they open at the top with the
name and the address, periods and phone numbers are whole, an ended membership is marked by a
glyph and "bis", not by grey alone; the roster sorts by family name under German rules."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from pilot_helpers import SIZE, footer_shows, roster_ready, roster_text, screen_text, type_text, wait_for
from textual.widgets import DataTable

from herford_tui.domain import Membership, Person
from herford_tui.ui.directory.organisation_screen import OrganisationScreen
from herford_tui.ui.directory.person_screen import PersonScreen

PHONE = "05221 13-1234 567"


def _facts(world) -> None:
    """The chair with a long phone number and an ended membership; her organisation with a phone."""
    store = world.store()
    snapshot = store.snapshot()
    chair = snapshot.persons[world.person["mustermann"]]
    store.save(dataclasses.replace(chair, phone=PHONE))
    kreis = snapshot.organisations[world.org["Kreis Herford"]]
    store.save(dataclasses.replace(kreis, phone="05221 13-0", address="Amtshausstraße 3, Herford", postal_code="32051"))
    seat = snapshot.committees[world.leitungsteam].seats[0].key
    store.save(
        Membership(
            person_id=chair.id,
            committee_id=world.leitungsteam,
            seat_key=seat,
            start=date(2019, 5, 10),
            end=date(2024, 7, 31),
        )
    )


async def test_person_screen_at_80x24_shows_whole_periods_phone_and_marks_the_ended(world):
    _facts(world)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.focused, DataTable))
        await pilot.press("i")  # the roster's first line: the chair
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert await wait_for(pilot, lambda: "bis 31.07.2024" in screen_text(app))
        lines = screen_text(app).splitlines()
        assert "Erika Mustermann" in lines[0]  # opened at the top: the name first
        assert any(PHONE in line for line in lines)
        ended = next(line for line in lines if "✗" in line)
        assert "10.05.2019 bis 31.07.2024" in ended, "\n".join(lines)
        assert any("seit 01.01.2025" in line for line in lines)


async def test_organisation_screen_opens_at_the_top_with_name_and_address(world):
    _facts(world)
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await roster_ready(pilot)
        await pilot.press("o")
        await footer_shows(pilot, "Filtern")
        await pilot.press("f")
        field = app.query_one("#org-filter")
        assert await wait_for(pilot, lambda: field.has_focus)  # typed before, the text went to the list
        await type_text(pilot, "Kreis Herford")
        await pilot.press("enter")
        table = app.query_one("#org-table")
        assert await wait_for(pilot, lambda: table.has_focus and table.row_count == 3)
        await pilot.press("down")  # the second hit
        assert await wait_for(pilot, lambda: str(table.get_row_at(table.cursor_row)[0]) == "Kreis Herford")
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, OrganisationScreen))
        assert await wait_for(pilot, lambda: "Amtshausstraße 3, 32051" in screen_text(app))
        lines = screen_text(app).splitlines()
        assert "Kreis Herford" in lines[0]
        assert any("05221 13-0" in line for line in lines)
        assert any("Erika Mustermann" in line and "seit 01.01.2025" in line for line in lines)


async def test_roster_sorts_by_family_name_under_german_rules(world):
    store = world.store()
    seat = next(s for s in store.snapshot().committees[world.lenkungskreis].seats if s.count is None or s.count > 1)
    for given, family in (("Leonie", "Schwarz"), ("Jana", "Schäfer")):
        person = store.save(Person(given_name=given, family_name=family))
        store.save(
            Membership(person_id=person.id, committee_id=world.lenkungskreis, seat_key=seat.key, start=date(2025, 1, 1))
        )
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await roster_ready(pilot)
        rows = roster_text(app, world.lenkungskreis)
        names = [row for row in rows if "Schäfer" in row or "Schwarz" in row]
        assert len(names) == 2 and "Jana Schäfer" in names[0] and "Leonie Schwarz" in names[1]


async def test_a_long_seat_list_keeps_every_period_whole_at_80x24(world):
    """Many seats: the table is capped in height and scrolls itself; its scrollbar must not
    cut the last column (it gave "seit 16.02.202" on the x1 demo)."""
    store = world.store()
    kreis = world.org["Kreis Herford"]
    seat = next(s for s in store.snapshot().committees[world.lenkungskreis].seats if s.count is None or s.count > 1)
    for n in range(25):
        person = store.save(
            Person(given_name=f"Maximiliane {n}", family_name="Mustermann-Langname", organisation_id=kreis)
        )
        store.save(
            Membership(
                person_id=person.id,
                committee_id=world.lenkungskreis,
                seat_key=seat.key,
                represents_id=kreis,
                start=date(2025, 1, 1 + n),
            )
        )
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await roster_ready(pilot)
        app.push_screen(OrganisationScreen(kreis))
        assert await wait_for(pilot, lambda: "Maximiliane" in screen_text(app))
        lines = [line for line in screen_text(app).splitlines() if "Maximiliane" in line]
        assert lines and all(re.search(r"seit \d\d\.\d\d\.\d{4}(\s|$)", line) for line in lines), "\n".join(lines)


async def test_the_committee_of_each_membership_is_whole_at_80x24(world):
    """Trying the app: an organisation's seats read "Demo-Arbeitsk…" on every line, so whom it
    sends where could not be told; the committee is now cut last (person, role, seat first)."""
    store = world.store()
    snapshot = store.snapshot()
    long_name = "Arbeitskreis Übergang Schule–Beruf"
    ak = snapshot.committees[world.leitungsteam]
    store.save(dataclasses.replace(ak, name=long_name))
    chair = snapshot.persons[world.person["mustermann"]]
    store.save(Membership(person_id=chair.id, committee_id=ak.id, seat_key=ak.seats[0].key, start=date(2024, 2, 1)))
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.focused, DataTable))
        await pilot.press("i")  # the roster's first line: the chair
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        assert await wait_for(pilot, lambda: "seit 01.02.2024" in screen_text(app))
        line = next(line for line in screen_text(app).splitlines() if "seit 01.02.2024" in line)
        assert long_name in line, line
        await pilot.press("o")  # her organisation: who sits where for it
        assert await wait_for(pilot, lambda: isinstance(app.screen, OrganisationScreen))
        assert await wait_for(pilot, lambda: "seit 01.02.2024" in screen_text(app))
        line = next(line for line in screen_text(app).splitlines() if "seit 01.02.2024" in line)
        assert "Arbeitskreis Übergang Schule" in line and "Erika" in line, line  # the person beside it
