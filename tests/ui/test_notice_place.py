"""Notices at 80 columns leave the lines under the roster readable: at the bottom (Textual's
place, three lines each) "Gespeichert." covered the right half of the detail lines, the lines
that show what was just saved. They now sit at the top right (``app.tcss``, Toast), a short one
in the header line beside the title."""

from __future__ import annotations

from pilot_helpers import SIZE, goto_row, notified, screen_text, shown, wait_for
from textual.widgets import Input, Static

from herford_tui.ui.committees.membership_form import MembershipForm


async def test_the_saved_notice_leaves_the_member_detail_readable(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE, notifications=True) as pilot:  # Pilot shows no toasts unless asked
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("e")
        (await shown(pilot, MembershipForm)).query_one("#notes", Input).value = "Vertritt auch die Stadt Enger"
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: notified(app, "Gespeichert."))
        detail = app.query_one(f"#committee-{world.lenkungskreis} #member-detail", Static)

        def covered() -> list[str]:
            """The detail's lines not among the four lines above the footer as drawn now."""
            rows = [line.strip() for line in screen_text(app).splitlines()[-5:-1]]
            return [line[:70] for line in str(detail.render()).splitlines() if not any(line[:70] in r for r in rows)]

        # The notice is drawn a repaint after it is posted, the detail's lines a repaint after the
        # save's refresh wrote them: wait for a frame with both, then say what is covered.
        await wait_for(pilot, lambda: "Gespeichert." in screen_text(app) and not covered())
        lines = screen_text(app).splitlines()
        assert "Gespeichert." in lines[0], "\n".join(lines)  # in the header line, beside the title
        assert "herford-tui — Bildungsregion Kreis Herford" in lines[0]
        assert covered() == [], "covered:\n" + "\n".join(lines)
