"""Namesakes in the person form: an edit that leaves name, organisation and e-mail alone saves
with one Ctrl+S; a duplicate a colleague saved meanwhile is refused under the lock, named, and
saved on the next Ctrl+S."""

from __future__ import annotations

import dataclasses

from meeting_helpers import meeting_ready
from pilot_helpers import SIZE, settle, shown, wait_for
from textual.widgets import Input

from herford_tui.domain import Person
from herford_tui.domain.duplicates import Confirmed
from herford_tui.ui.directory.person_form import PersonForm


def _error(form: PersonForm) -> str:
    return str(form.query_one("#err-family_name").render())


async def test_changing_only_the_phone_of_a_person_with_a_namesake_saves_at_once(world):
    store = world.store()
    first = store.save(Person(given_name="Thomas", family_name="Müller"))
    second = store.save(Person(given_name="Thomas", family_name="Mueller"), confirmed=Confirmed.of([first]))
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(PersonForm(second))
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonForm) and bool(app.screen.query("#phone")))
        app.screen.query_one("#phone", Input).value = "05221 13-0"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, PersonForm))
    saved = world.read().persons[second.id]
    assert saved.phone == "05221 13-0" and saved.rev == second.rev + 1


async def test_a_duplicate_saved_by_a_colleague_meanwhile_is_refused_then_confirmed(world):
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(PersonForm(Person()))
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonForm) and bool(app.screen.query("#phone")))
        form = app.screen
        form.query_one("#given_name", Input).value = "Erika"
        form.query_one("#family_name", Input).value = "Doppelgänger"
        # A colleague (another Store on the same file) saves the same person first.
        colleague = world.store().save(Person(given_name="Erika", family_name="Doppelgaenger"))
        before = world.bytes()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: f"Nr. {colleague.id}" in _error(form))
        assert "Möglicherweise doppelt" in _error(form)
        assert isinstance(app.screen, PersonForm) and world.bytes() == before
        await pilot.press("ctrl+s")  # seen and confirmed: a namesake after all
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, PersonForm))
    names = sorted(p.family_name for p in world.read().persons.values() if p.given_name == "Erika")
    assert names.count("Doppelgänger") == 1 and names.count("Doppelgaenger") == 1
    assert dataclasses.is_dataclass(colleague)


async def test_a_namesake_added_with_a_membership_is_warned_about_once(world):
    from pilot_helpers import goto_row, type_text

    from herford_tui.ui.committees.membership_form import MembershipForm

    twin = world.store().save(Person(given_name="Bernd", family_name="Zwilling"))
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Leitung der Schulabteilung")
        await pilot.press("a")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MembershipForm) and isinstance(app.focused, Input))
        form = app.screen
        await type_text(pilot, "Xaver Qwertz")
        await pilot.press("enter")  # no match: the only option creates a new person
        assert await wait_for(pilot, lambda: not form.query_one("#new-person").has_class("-hidden"))
        form.query_one("#given_name", Input).value = "Bernd"
        form.query_one("#family_name", Input).value = "Zwilling"
        before = world.bytes()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: f"Nr. {twin.id}" in _error(form))
        assert "Möglicherweise doppelt" in _error(form) and world.bytes() == before
        await pilot.press("ctrl+s")  # a namesake: saved with the membership
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MembershipForm))
    snap = world.read()
    twins = [p for p in snap.persons.values() if p.full_name == "Bernd Zwilling"]
    assert len(twins) == 2
    new = max(twins, key=lambda p: p.id)
    assert [m.committee_id for m in snap.memberships_of_person(new.id)] == [world.lenkungskreis]


async def test_the_meetings_person_choices_tell_two_thomas_mueller_apart(world):
    """Zuständig/Wer listed "Thomas Müller" twice: the task went to whichever the user guessed."""
    from datetime import date

    from herford_tui.domain import AgendaItem, Meeting, Membership
    from herford_tui.ui.common.select import Select
    from herford_tui.ui.meetings.item_forms import AgendaItemForm
    from herford_tui.ui.meetings.screen import MeetingScreen

    store = world.store()
    first = store.save(Person(given_name="Thomas", family_name="Müller", organisation_id=world.org["Stadt Bünde"]))
    second = store.save(Person(given_name="Thomas", family_name="Müller"), confirmed=Confirmed.of([first]))
    for person, seat in ((first, "sozialdezernat"), (second, "sozialdezernat")):
        store.save(
            Membership(person_id=person.id, committee_id=world.lenkungskreis, seat_key=seat, start=date(2025, 1, 1))
        )
    meeting = store.save(
        Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 7), agenda=[AgendaItem("1", "Haushalt")])
    )
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(MeetingScreen(meeting.id))
        # "e" is the agenda's key: pressed once the screen is built and the agenda has the focus
        assert await wait_for(pilot, lambda: meeting_ready(app))
        await pilot.press("e")
        form = await shown(pilot, AgendaItemForm)
        options = [str(prompt) for prompt, _ in form.query_one("#responsible", Select)._options]
    assert f"Thomas Müller (Stadt Bünde, Nr. {first.id})" in options
    assert f"Thomas Müller (Nr. {second.id})" in options
    assert "Erika Mustermann" in options  # no namesake: the name alone, as before


async def test_the_erasure_question_tells_the_namesakes_apart(world, runner):
    """Namesakes meet the DSGVO erasure: the question (person screen L, ``person loeschen``)
    said only „Thomas Müller“; it names the organisation and number, as every choice of persons
    does, so nobody confirms the erasure of the other one."""
    from herford_tui.cli import main
    from herford_tui.ui.common.confirm import ConfirmScreen
    from herford_tui.ui.directory.person_screen import PersonScreen

    store = world.store()
    snap = store.snapshot()
    kreis, bezreg = (
        next(o for o in snap.organisations.values() if o.name == name)
        for name in ("Kreis Herford", "Bezirksregierung Detmold")
    )
    first = store.save(Person(given_name="Thomas", family_name="Müller", organisation_id=kreis.id))
    store.save(
        Person(given_name="Thomas", family_name="Müller", organisation_id=bezreg.id), confirmed=Confirmed.of([first])
    )
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_person(first.id)
        await shown(pilot, PersonScreen)
        await pilot.press("L")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert f"„Thomas Müller (Kreis Herford, Nr. {first.id})“" in app.screen.question
        await pilot.press("escape")
    result = runner.invoke(main, ["person", "loeschen", str(first.id), "--db", str(world.path)], input="n\n")
    assert f"Person {first.id}: Thomas Müller (Kreis Herford, Nr. {first.id})" in result.output
    assert world.read().persons[first.id].family_name == "Müller"


async def test_the_agenda_and_the_task_lines_tell_two_thomas_mueller_apart(world):
    """The choice told them apart, but the agenda's "Zuständig" column, the item's task lines and
    the open tasks' "Wer" showed the bare "Thomas Müller" of either."""
    from datetime import date

    from pilot_helpers import screen_text

    from herford_tui.domain import AgendaItem, Meeting, Task
    from herford_tui.ui.meetings.screen import MeetingScreen
    from herford_tui.ui.meetings.tasks import TasksScreen

    store = world.store()
    first = store.save(Person(given_name="Thomas", family_name="Müller", organisation_id=world.org["Stadt Bünde"]))
    second = store.save(Person(given_name="Thomas", family_name="Müller"), confirmed=Confirmed.of([first]))
    item = AgendaItem(
        "1", "Haushalt", responsible_person_id=first.id, tasks=[Task(what="Zahlen prüfen", person_id=second.id)]
    )
    meeting = store.save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 7), agenda=[item]))
    app = world.app(open_view="jahr")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        app.push_screen(MeetingScreen(meeting.id))
        assert await wait_for(pilot, lambda: meeting_ready(app))
        first_label = f"Thomas Müller (Stadt Bünde, Nr. {first.id})"
        second_label = f"Thomas Müller (Nr. {second.id})"
        assert await wait_for(pilot, lambda: first_label in screen_text(app)), screen_text(app)  # Zuständig
        assert await wait_for(pilot, lambda: f"Zahlen prüfen – {second_label}" in screen_text(app)), screen_text(app)
        app.open_tasks()
        await shown(pilot, TasksScreen)
        assert await wait_for(pilot, lambda: second_label in screen_text(app)), screen_text(app)  # Wer


async def test_the_open_tasks_detail_line_names_the_namesake_the_80_columns_cut(world):
    """At 80 columns the open tasks' "Wer" was cut to "Thomas Müll…": the line below the list spells
    the highlighted task out whole, with what tells the two apart."""
    from datetime import date

    from pilot_helpers import screen_text

    from herford_tui.domain import AgendaItem, Meeting, Task
    from herford_tui.ui.meetings.tasks import TasksScreen

    store = world.store()
    first = store.save(Person(given_name="Thomas", family_name="Müller", organisation_id=world.org["Stadt Bünde"]))
    second = store.save(Person(given_name="Thomas", family_name="Müller"), confirmed=Confirmed.of([first]))
    task = Task(what="Zahlen [/b] prüfen", person_id=first.id, due=date(2026, 12, 1))
    store.save(
        Meeting(committee_id=world.lenkungskreis, date=date(2026, 11, 2), agenda=[AgendaItem("1", "X", tasks=[task])])
    )
    app = world.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_tasks()
        screen = await shown(pilot, TasksScreen)
        assert await wait_for(pilot, lambda: bool(screen.found))
        row = next(i for i, found in enumerate(screen.found) if found.task.person_id == first.id)
        screen.query_one("#open-tasks").move_cursor(row=row)
        whole = f"Zahlen [/b] prüfen – Thomas Müller (Stadt Bünde, Nr. {first.id}) · fällig 01.12.2026"
        assert await wait_for(pilot, lambda: whole in screen_text(app)), screen_text(app)
        assert second.id != first.id
