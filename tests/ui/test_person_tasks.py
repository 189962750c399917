"""The person screen (``i`` on a member) lists the person's open tasks besides the memberships:
each with its due date, the meeting's committee and date; found in a worker (the meetings may
still be pending decode after the start at x10), "wird geladen" until then."""

from __future__ import annotations

import threading
from datetime import date

from pilot_helpers import SIZE, screen_text, shown, wait_for
from textual.widgets import DataTable, Label

from herford_tui.domain import AgendaItem, Meeting, Task
from herford_tui.ui.directory import person_screen
from herford_tui.ui.directory.person_screen import PersonScreen
from herford_tui.ui.meetings.screen import MeetingScreen


def _rows(app) -> list[str]:
    table = app.screen.query_one("#person-tasks", DataTable)
    return [
        " | ".join(str(getattr(c, "plain", c)).strip() for c in table.get_row_at(i)) for i in range(table.row_count)
    ]


def _meetings(world) -> None:
    """Erika Mustermann (the chair): one task overdue, one to come, one done; Max Muster: one."""
    erika, max_ = world.person["mustermann"], world.person["muster"]
    store = world.store()
    store.save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 10, 8), agenda=[
        AgendaItem(number="2", title="Haushalt", tasks=[
            Task(what="Antrag stellen", person_id=erika, due=date(2026, 11, 20)),
            Task(what="Protokoll prüfen", person_id=erika, done=True),
            Task(what="Raum buchen", person_id=max_, due=date(2026, 12, 1)),
        ])]))  # fmt: skip
    store.save(Meeting(committee_id=world.leitungsteam, date=date(2026, 12, 3), agenda=[
        AgendaItem(number="1", title="Schulentwicklung", tasks=[
            Task(what="Zahlen melden", person_id=erika, due=date(2027, 1, 15))])]))  # fmt: skip


async def test_the_person_screen_lists_the_persons_open_tasks(world):
    _meetings(world)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.focused, DataTable))  # the roster
        await pilot.press("i")  # the roster's first line: the chair, Erika Mustermann
        title = (await shown(pilot, PersonScreen)).query_one("#person-tasks-title", Label)
        assert await wait_for(pilot, lambda: "davon 1 überfällig" in str(title.render())), str(title.render())
        assert str(title.render()).startswith("Offene Aufgaben: 2")
        assert _rows(app) == [
            "! | 20.11.2026 | Antrag stellen | Lenkungskreis | 08.10.2026 TOP 2",
            " | 15.01.2027 | Zahlen melden | Leitungsteam | 03.12.2026 TOP 1",
        ]
        assert await wait_for(pilot, lambda: "Zahlen melden" in screen_text(app))  # on the page at 80x24
        await pilot.press("tab")  # from the memberships to the tasks
        assert await wait_for(pilot, lambda: app.screen.query_one("#person-tasks", DataTable).has_focus)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        assert await wait_for(pilot, lambda: "Haushalt" in screen_text(app))


async def test_the_tasks_are_loading_while_the_page_is_shown(world, monkeypatch):
    """The worker is held (as the meetings' decoding at x10 holds it): the page shows the
    memberships and "wird geladen" meanwhile, and the tasks once it is done."""
    _meetings(world)
    release = threading.Event()
    find = person_screen.open_tasks

    def held(*args, **kwargs):
        release.wait(30)
        return find(*args, **kwargs)

    monkeypatch.setattr(person_screen, "open_tasks", held)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.focused, DataTable))
        await pilot.press("i")
        await shown(pilot, PersonScreen)
        assert await wait_for(pilot, lambda: "Mitgliedschaften: 1 aktuell" in screen_text(app))
        assert "Offene Aufgaben: wird geladen …" in screen_text(app)
        release.set()
        title = app.screen.query_one("#person-tasks-title", Label)
        assert await wait_for(pilot, lambda: str(title.render()).startswith("Offene Aufgaben: 2"))
        assert await wait_for(pilot, lambda: "Antrag stellen" in screen_text(app))


async def test_meetings_that_cannot_be_read_are_said_in_german_not_left_loading(world, monkeypatch):
    """The meetings decoded only now (pending after the start at x10) turn out unreadable: the
    worker failed without a word and the line said "wird geladen" for good."""
    from herford_tui.store import CorruptFileError

    def unreadable(*args, **kwargs):
        raise CorruptFileError(world.path, "Tabelle meetings: Eintrag 7: Feld „date“: ungültiger Wert")

    monkeypatch.setattr(person_screen, "open_tasks", unreadable)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=(120, 30)) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.focused, DataTable))
        await pilot.press("i")
        await shown(pilot, PersonScreen)
        title = app.screen.query_one("#person-tasks-title", Label)
        assert await wait_for(pilot, lambda: "nicht lesbar" in str(title.render())), str(title.render())
        # drawn at the new, longer width once the layout after the update has run
        said = "Offene Aufgaben: nicht lesbar. Die Datenbank"
        assert await wait_for(pilot, lambda: said in screen_text(app)), screen_text(app)
        text = screen_text(app)
        assert "Offene Aufgaben: nicht lesbar. Die Datenbank" in text and "wird geladen" not in text, text
        assert "Mitgliedschaften: 1 aktuell" in text  # the rest of the page is there
