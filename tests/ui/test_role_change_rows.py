"""A role changed from a later date (w) shows two rows at 80x24: the current one reads "bis" its
last day, the new one "ab" its first, both whole in the "seit" column; the name is not cut by a
date ("Wolfgang Kemper (ab…" was), and the detail line below says the same in words."""

from __future__ import annotations

from datetime import date

from pilot_helpers import SIZE, form_ready, goto_row, replace_text, screen_text, settle, wait_for
from test_committee_flows import choose

from herford_tui.domain import Role
from herford_tui.ui.committees.role_form import ChangeRoleForm


def detail(app, committee_id: int) -> str:
    return str(app.query_one(f"#committee-{committee_id} #member-detail").render())


def row_on_screen(app, *cells: str) -> str:
    """The screen line holding every one of ``cells`` (each whole), or ""."""
    return next((line for line in screen_text(app).splitlines() if all(c in line for c in cells)), "")


async def test_a_later_role_reads_ab_and_the_current_one_bis_at_80_columns(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("w")
        await form_ready(pilot, ChangeRoleForm)
        await choose(pilot, "#role", "Co-Vorsitz")
        await pilot.press("tab")
        await replace_text(pilot, "01.12.2026")  # three days after "today", 28.11.2026
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ChangeRoleForm))
        # both rows drawn, the cursor on the new role: the refresh after the save, then a repaint
        assert await wait_for(pilot, lambda: bool(row_on_screen(app, "Co-Vorsitz", "ab 01.12.2026")))
        assert await wait_for(pilot, lambda: "Co-Vorsitz ab 01.12.2026" in detail(app, world.lenkungskreis))
        current = row_on_screen(app, "Bernd Beispiel", "Mitglied", "bis 30.11.2026")
        later = row_on_screen(app, "Bernd Beispiel", "Co-Vorsitz", "ab 01.12.2026")
        assert current and later, screen_text(app)
        assert "…" not in later.split("Co-Vorsitz")[0], later  # the name whole, no date cut in it
        assert "Co-Vorsitz ab 01.12.2026" in detail(app, world.lenkungskreis)  # the cursor is on the new role

        await pilot.press("up")  # the current row, right above her later one (no free place between)
        line = "Mitglied bis 30.11.2026 (seit 01.01.2025)"
        assert await wait_for(pilot, lambda: line in detail(app, world.lenkungskreis)), detail(app, world.lenkungskreis)

    snap = world.read()
    periods = sorted(
        (m.start, m.end, m.role)
        for m in snap.memberships_of(world.lenkungskreis)
        if m.person_id == world.person["beispiel"]
    )
    assert periods == [
        (date(2025, 1, 1), date(2026, 11, 30), Role.MITGLIED),
        (date(2026, 12, 1), None, Role.CO_VORSITZ),
    ]
