"""A decision with a typo or entered by mistake is corrected or removed with `D` on its TOP
(walkthrough, session 8): before, a decision could only be added; the wording of a Beschluss in
the minutes could not be fixed, nor a double removed, except with the whole TOP."""

from __future__ import annotations

from datetime import date, time

from meeting_helpers import meeting_ready
from pilot_helpers import SIZE, form_ready, replace_text, screen_text, shown, wait_for
from textual.widgets import Input, Markdown

from herford_tui.domain import AgendaItem, Decision, DecisionResult, Meeting
from herford_tui.ui.common.confirm import ConfirmScreen
from herford_tui.ui.common.help import HelpScreen
from herford_tui.ui.meetings.item_forms import DecisionForm
from herford_tui.ui.year.choose import ChooseMeeting


def _meeting(world, decisions: list[Decision]) -> int:
    meeting = Meeting(
        committee_id=world.lenkungskreis,
        date=date(2026, 12, 9),
        start_time=time(14),
        agenda=[AgendaItem("1", "Haushalt", decisions=decisions)],
    )
    return world.store().save(meeting).id


async def _opened(pilot, app, meeting_id: int) -> None:
    assert await wait_for(pilot, lambda: app.focused is not None)
    app.call_later(app.open_meeting, meeting_id)
    assert await wait_for(pilot, lambda: meeting_ready(app))


def _decisions(world, meeting_id: int) -> list[Decision]:
    return world.read().meetings[meeting_id].agenda[0].decisions


async def test_a_decisions_wording_is_corrected(world):
    meeting_id = _meeting(world, [Decision("Der Hausalt wird beschlossen.")])
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await _opened(pilot, app, meeting_id)
        await pilot.press("f1")
        await shown(pilot, HelpScreen)  # pushed at once, composed a moment later
        assert "| `D` | Beschluss des TOPs ändern" in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: meeting_ready(app))
        await pilot.press("D")
        form = await form_ready(pilot, DecisionForm)
        assert "Beschluss ändern – TOP 1 „Haushalt“" in screen_text(app)
        assert form.query_one("#text", Input).value == "Der Hausalt wird beschlossen."
        await replace_text(pilot, "Der Haushalt wird beschlossen.")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: _decisions(world, meeting_id)[0].text == "Der Haushalt wird beschlossen.")
    assert _decisions(world, meeting_id) == [Decision("Der Haushalt wird beschlossen.", DecisionResult.EINSTIMMIG)]


async def test_one_of_two_decisions_is_removed_after_asking(world):
    meeting_id = _meeting(world, [Decision("Ja"), Decision("Ja, doppelt", DecisionResult.MEHRHEITLICH)])
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await _opened(pilot, app, meeting_id)
        await pilot.press("D")
        # the list takes the focus (AUTO_FOCUS) a moment after it is built: "down" only reaches it then
        await form_ready(pilot, ChooseMeeting)
        assert await wait_for(pilot, lambda: "Welcher Beschluss von TOP 1?" in screen_text(app)), screen_text(app)
        await pilot.press("down", "enter")
        form = await form_ready(pilot, DecisionForm)
        assert form.query_one("#text", Input).value == "Ja, doppelt"
        await replace_text(pilot, "")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = "Beschluss „Ja, doppelt“ entfernen?"  # drawn after the dialog's first layout
        assert await wait_for(pilot, lambda: question in " ".join(screen_text(app).split())), screen_text(app)
        await pilot.press("j")
        assert await wait_for(pilot, lambda: len(_decisions(world, meeting_id)) == 1)
    assert _decisions(world, meeting_id) == [Decision("Ja")]
