"""A save that changes a member's cells changes only those cells: the roster keeps its rows."""

from __future__ import annotations

from pilot_helpers import SIZE, goto_row, replace_text, roster, roster_text, settle

from herford_tui.ui.committees.presentation import roster_rows


async def test_a_changed_member_changes_only_its_cells(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        row = await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        table = roster(app, world.lenkungskreis)
        rows = list(table.rows.values())
        before = [table.get_row_at(i) for i in range(table.row_count)]
        await pilot.press("e", "tab")  # seat -> represents (the role of a begun membership is fixed)
        await replace_text(pilot, "Stadt Enger")
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)

        assert all(a is b for a, b in zip(table.rows.values(), rows, strict=True)), "no clear and refill"
        after = [table.get_row_at(i) for i in range(table.row_count)]
        changed = [(i, j) for i in range(len(after)) for j in range(len(after[i])) if after[i][j] is not before[i][j]]
        assert [i for i, _ in changed] == [row], "only the saved member's row"
        assert any("Bernd Beispiel | Mitglied | Stadt Enger" in r for r in roster_text(app, world.lenkungskreis))
        # what a fresh fill shows
        view = app.query_one(f"#committee-{world.lenkungskreis}")
        fresh = roster_rows(app.snapshot, view.lines)
        shown = [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert shown == [[row_[c].plain for c in view._plan.shown] for row_ in fresh]
