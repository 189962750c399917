"""A new user in a meeting reads the footer and F1: every key says what it does in words,
not "Entf." or "TO"; the agenda's state column is whole at 80 columns (found trying the app as
the office would)."""

from __future__ import annotations

from datetime import date

from meeting_helpers import grid_focused
from pilot_helpers import SIZE, footer_shows, screen_text, shown, wait_for
from textual.widgets import Markdown

from herford_tui.domain import AgendaItem, Decision, Meeting, Task
from herford_tui.ui.common.help import HelpScreen
from herford_tui.ui.common.line_table import LineTable
from herford_tui.ui.meetings.screen import MeetingScreen


async def test_meeting_footer_and_help_spell_out_each_key(world):
    world.store().save(
        Meeting(
            committee_id=world.lenkungskreis,
            date=date(2026, 12, 7),
            location="Kreishaus",
            agenda=[AgendaItem(number="1", title="Haushalt")],
        )
    )
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        await pilot.press("f1")
        await shown(pilot, HelpScreen)  # pushed at once, composed a moment later
        year_help = app.screen.query_one(Markdown).source
        assert "Kalender des gezeigten Jahres als .ics-Datei speichern" in year_help
        assert "| `f` | nach Gremium filtern |" in year_help
        assert "(`14 T` = 14 Tage)" in year_help and "`12e` eingeladen" in year_help  # the grid's signs
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))
        await pilot.press("l")
        table = app.query_one("#year-table", LineTable)
        assert await wait_for(pilot, lambda: table.display and table.has_focus and table.row_count == 1)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        assert await wait_for(pilot, lambda: "Haushalt" in screen_text(app))
        assert await wait_for(pilot, lambda: "Dokumente" in screen_text(app).splitlines()[3])
        keys = screen_text(app).splitlines()[3]  # the line under the meeting's date and place
        assert keys.strip().endswith("E N A Dokumente  Esc zurück"), f"documents' keys must fit at 80: {keys!r}"
        # The footer draws the agenda's keys a refresh after the screen's own lines.
        await footer_shows(pilot, "Entf Entfernen")
        footer = screen_text(app).splitlines()[-1]
        assert "Entf Entfernen" in footer and "Entf." not in footer
        assert "Esc Zurück" in footer, f"the way back must fit the 80-column footer: {footer!r}"
        await pilot.press("f1")
        await shown(pilot, HelpScreen)  # pushed at once, composed a moment later
        help_text = app.screen.query_one(Markdown).source
        for text in ("TOP entfernen (mit Rückfrage)", "Reiter Anwesenheit", "Daten der Sitzung ändern"):
            assert text in help_text
        assert "| TO |" not in help_text and "| Entf. |" not in help_text
        assert "`1 B` ein Beschluss, `1/2 A` eine von zwei Aufgaben offen" in help_text


async def test_agenda_state_is_whole_at_80_columns(world):
    """It read "1 B …": decisions, open/all tasks and minutes of a TOP did not fit beside the title."""
    item = AgendaItem(
        number="1",
        title="Haushalt 2027 und Bericht des Jobcenters",
        minutes="Vorgestellt.",
        decisions=[Decision(text="Empfohlen.")],
        tasks=[Task(what="Weiterleiten", person_id=world.person["beispiel"])],
    )
    meeting = world.store().save(Meeting(committee_id=world.lenkungskreis, date=date(2026, 12, 7), agenda=[item]))
    app = world.app(open_view="jahr")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: grid_focused(app))
        app.open_meeting(meeting.id)
        assert await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
        assert await wait_for(pilot, lambda: "1 B 1/1 A P" in screen_text(app)), screen_text(app)
