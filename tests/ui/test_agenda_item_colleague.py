"""A colleague works on the same meeting while an agenda item, decision, task or the minutes
are open in a form (walkthrough, session 8).

Before, the forms closed with their result and the meeting screen wrote the whole item as it
was when the form opened: a task a colleague had added to that item meanwhile was dropped
without a word (the view was current), or the save failed on the colleague's newer version
and what was typed was gone with the closed form (the view was out of date). Now each form
writes its part onto the meeting as stored and stays open until that is on disk; a colleague's
change of the very same field is said in German and the input stays.
"""

from __future__ import annotations

import dataclasses
from datetime import date, time

from meeting_helpers import meeting_ready
from pilot_helpers import SIZE, form_ready, screen_text, type_text, wait_for
from textual.pilot import Pilot

from herford_tui.domain import AgendaItem, Meeting, Task
from herford_tui.ui.meetings.item_forms import AgendaItemForm, DecisionForm, MinutesForm
from herford_tui.ui.meetings.screen import MeetingScreen

NEVER = 3600.0
"""Poll interval: the app does not pick the colleague's change up by itself."""


def _meeting(world) -> int:
    meeting = Meeting(
        committee_id=world.lenkungskreis,
        date=date(2026, 12, 9),
        start_time=time(14),
        agenda=[AgendaItem("1", "Begrüßung"), AgendaItem("2", "Haushalt", minutes="Vorgestellt.")],
    )
    return world.store().save(meeting).id


async def _type_in_area(pilot: Pilot, text: str) -> None:
    """Key by key into the focused text area (``type_text`` fills an Input)."""
    await pilot.press(*text)


def _colleague(world, meeting_id: int, change) -> None:
    """A colleague's app saves ``change`` of the meeting (another Store on the same file)."""
    store = world.store()
    store.save(change(store.snapshot().meetings[meeting_id]))


def _with_task(meeting: Meeting) -> Meeting:
    agenda = list(meeting.agenda)
    agenda[1] = dataclasses.replace(agenda[1], tasks=[Task("Zahlen nachreichen")])
    return dataclasses.replace(meeting, agenda=agenda)


async def _item_form(pilot, app, meeting_id: int) -> AgendaItemForm:
    """The meeting open, the cursor on TOP 2, its form open and ready for keys."""
    assert await wait_for(pilot, lambda: app.focused is not None)
    app.call_later(app.open_meeting, meeting_id)
    assert await wait_for(pilot, lambda: meeting_ready(app))
    await pilot.press("down")
    assert await wait_for(pilot, lambda: app.screen.query_one("#agenda-table").cursor_row == 1)
    await pilot.press("e")
    form = await form_ready(pilot, AgendaItemForm)
    form.query_one("#minutes").focus()
    assert await wait_for(pilot, lambda: form.query_one("#minutes").has_focus)
    await pilot.press("end")
    return form


async def test_a_colleagues_task_stays_when_the_item_is_saved_from_an_old_view(world):
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        await _item_form(pilot, app, meeting_id)
        _colleague(world, meeting_id, _with_task)  # the app still shows the meeting without it
        await _type_in_area(pilot, " Beschlossen.")
        await pilot.press("ctrl+s")
        assert await wait_for(
            pilot, lambda: world.read().meetings[meeting_id].agenda[1].minutes.endswith("Beschlossen.")
        )
        assert await wait_for(pilot, lambda: meeting_ready(app)), screen_text(app)
    item = world.read().meetings[meeting_id].agenda[1]
    assert item.minutes == "Vorgestellt. Beschlossen."
    assert [t.what for t in item.tasks] == ["Zahlen nachreichen"]


async def test_a_colleagues_task_stays_when_the_view_is_current(world):
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        await _item_form(pilot, app, meeting_id)
        _colleague(world, meeting_id, _with_task)
        app.set_snapshot(app.store.snapshot())  # the app has seen it (its poll came)
        assert await wait_for(pilot, lambda: app.snapshot.meetings[meeting_id].agenda[1].tasks != [])
        await _type_in_area(pilot, " Beschlossen.")
        await pilot.press("ctrl+s")
        assert await wait_for(
            pilot, lambda: world.read().meetings[meeting_id].agenda[1].minutes.endswith("Beschlossen.")
        )
    item = world.read().meetings[meeting_id].agenda[1]
    assert [t.what for t in item.tasks] == ["Zahlen nachreichen"]


async def test_the_same_field_changed_by_a_colleague_is_said_and_the_input_stays(world):
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        form = await _item_form(pilot, app, meeting_id)

        def theirs(meeting: Meeting) -> Meeting:
            agenda = list(meeting.agenda)
            agenda[1] = dataclasses.replace(agenda[1], minutes="Vertagt (Kollegin).")
            return dataclasses.replace(meeting, agenda=agenda)

        _colleague(world, meeting_id, theirs)
        await _type_in_area(pilot, " Beschlossen.")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: "inzwischen" in screen_text(app)), screen_text(app)
        assert app.screen is form
        assert "Protokoll" in screen_text(app) and "Ihre Eingaben stehen noch im Formular" in screen_text(app)
        assert form.query_one("#minutes").text == "Vorgestellt. Beschlossen."
    assert world.read().meetings[meeting_id].agenda[1].minutes == "Vertagt (Kollegin)."


async def test_a_decision_lands_on_its_item_after_a_colleague_moved_the_agenda(world):
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.focused is not None)
        app.call_later(app.open_meeting, meeting_id)
        assert await wait_for(pilot, lambda: meeting_ready(app))
        await pilot.press("down")
        assert await wait_for(pilot, lambda: app.screen.query_one("#agenda-table").cursor_row == 1)
        await pilot.press("d")
        await form_ready(pilot, DecisionForm)

        def swapped(meeting: Meeting) -> Meeting:
            first, second = meeting.agenda
            return dataclasses.replace(
                meeting, agenda=[dataclasses.replace(second, number="1"), dataclasses.replace(first, number="2")]
            )

        _colleague(world, meeting_id, swapped)  # "Haushalt" is TOP 1 now
        await type_text(pilot, "Haushalt genehmigt")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: world.read().meetings[meeting_id].agenda[0].decisions != [])
    first, second = world.read().meetings[meeting_id].agenda
    assert first.title == "Haushalt" and [d.text for d in first.decisions] == ["Haushalt genehmigt"]
    assert second.decisions == []


async def test_the_meetings_minutes_of_a_colleague_are_not_overwritten(world):
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.focused is not None)
        app.call_later(app.open_meeting, meeting_id)
        assert await wait_for(pilot, lambda: meeting_ready(app))
        await pilot.press("p")
        form = await form_ready(pilot, MinutesForm)
        _colleague(world, meeting_id, lambda m: dataclasses.replace(m, minutes="Protokoll der Kollegin."))
        app.set_snapshot(app.store.snapshot())
        assert await wait_for(pilot, lambda: app.snapshot.meetings[meeting_id].minutes != "")
        await _type_in_area(pilot, "Mein Protokoll.")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: "inzwischen" in screen_text(app)), screen_text(app)
        assert app.screen is form and form.query_one("#minutes").text == "Mein Protokoll."
    assert world.read().meetings[meeting_id].minutes == "Protokoll der Kollegin."


async def test_a_meeting_deleted_by_a_colleague_keeps_the_open_form_and_its_input(world):
    meeting_id = _meeting(world)
    app = world.app(poll_interval=NEVER)
    async with app.run_test(size=SIZE) as pilot:
        form = await _item_form(pilot, app, meeting_id)
        await _type_in_area(pilot, " Beschlossen.")
        store = world.store()
        store.delete(store.snapshot().meetings[meeting_id])
        app.set_snapshot(app.store.snapshot())  # the app's poll came: the meeting is gone
        assert await wait_for(pilot, lambda: meeting_id not in app.snapshot.meetings)
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: "gelöscht" in screen_text(app)), screen_text(app)
        assert app.screen is form and form.query_one("#minutes").text == "Vorgestellt. Beschlossen."
        await pilot.press("escape")  # unsaved input: asked first
        assert await wait_for(pilot, lambda: "Verwerfen" in screen_text(app))
        await pilot.press("j")
        # the meeting screen below closes once shown again: back in the year view
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MeetingScreen) and app.screen is not form)
