"""Acceptance: two colleagues edit the same membership; nothing is lost, the second one decides."""

from __future__ import annotations

from pilot_helpers import (
    SIZE,
    focus_field,
    form_ready,
    goto_row,
    replace_text,
    roster_text,
    screen_text,
    settle,
    type_text,
    wait_for,
)
from textual.widgets import Button, DataTable, TabbedContent

from herford_tui.domain import Committee, CommitteeKind, Membership, Seat
from herford_tui.ui.committees.membership_form import MembershipForm
from herford_tui.ui.common.conflict import ConflictScreen
from herford_tui.ui.common.saving import SaveFailed


async def open_edit_form(pilot, app, world) -> None:
    await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
    await pilot.press("e")
    await form_ready(pilot, MembershipForm)
    await focus_field(pilot, "#notes")


def table_rows(screen: ConflictScreen) -> list[tuple[str, ...]]:
    table = screen.query_one("#versions", DataTable)
    return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


class Recorder(list):
    """A run_test message hook keeping B's SaveFailed messages."""

    def __call__(self, message) -> None:
        if isinstance(message, SaveFailed):
            self.append(message)


async def two_colleagues_save(world, pilot_a, app_a, pilot_b, app_b, failures) -> ConflictScreen:
    """A and B open the same membership; A saves notes 'Fassung A', then B saves 'Fassung B'."""
    await open_edit_form(pilot_a, app_a, world)
    await open_edit_form(pilot_b, app_b, world)
    await replace_text(pilot_a, "Fassung A")
    await pilot_a.press("ctrl+s")
    await settle(app_a, pilot_a)
    assert world.read().memberships[world.membership["bm"]].notes == "Fassung A"

    await focus_field(pilot_b, "#end")
    await replace_text(pilot_b, "31.12.2026")
    await focus_field(pilot_b, "#notes")
    await replace_text(pilot_b, "Fassung B")
    await pilot_b.press("ctrl+s")
    await settle(app_b, pilot_b)

    screen = app_b.screen
    assert isinstance(screen, ConflictScreen), f"B sees {screen!r}"
    [failed] = failures
    assert failed.error is screen.error
    # B's version is not lost: it travels with the error and is shown beside A's.
    mine = failed.error.mine
    assert isinstance(mine, Membership) and (mine.notes, str(mine.end)) == ("Fassung B", "2026-12-31")
    assert failed.error.theirs.notes == "Fassung A"
    assert table_rows(screen) == [("Ende", "31.12.2026", "–"), ("Notizen", "Fassung B", "Fassung A")]
    shown = screen_text(app_b)
    assert "Mitgliedschaft von Bernd Beispiel – Lenkungskreis" in shown
    assert "Nichts wurde" in shown  # the end of the message, not cut off at the dialog's edge
    saved = world.read().memberships[world.membership["bm"]]
    assert (saved.notes, saved.end, saved.rev) == ("Fassung A", None, 2)
    return screen


async def test_conflict_keep_mine(world):
    app_a, app_b = world.app(open_view="lenkungskreis"), world.app(open_view="lenkungskreis")
    failures = Recorder()
    async with app_a.run_test(size=SIZE) as pilot_a, app_b.run_test(size=SIZE, message_hook=failures) as pilot_b:
        await two_colleagues_save(world, pilot_a, app_a, pilot_b, app_b, failures)
        await pilot_b.press("ctrl+s")  # "Meine speichern"
        await settle(app_b, pilot_b)
        assert not isinstance(app_b.screen, ConflictScreen)
        saved = world.read().memberships[world.membership["bm"]]
        assert (saved.notes, str(saved.end), saved.rev) == ("Fassung B", "2026-12-31", 3)
        # A's app picks B's version up without a key press
        assert await wait_for(pilot_a, lambda: app_a.snapshot.memberships[world.membership["bm"]].notes == "Fassung B")


async def test_conflict_keep_theirs(world):
    app_a, app_b = world.app(open_view="lenkungskreis"), world.app(open_view="lenkungskreis")
    failures = Recorder()
    async with app_a.run_test(size=SIZE) as pilot_a, app_b.run_test(size=SIZE, message_hook=failures) as pilot_b:
        await two_colleagues_save(world, pilot_a, app_a, pilot_b, app_b, failures)
        before = world.bytes()
        await pilot_b.press("a")  # "Andere behalten": B's input is dropped on purpose
        await settle(app_b, pilot_b)
        assert not isinstance(app_b.screen, (ConflictScreen, MembershipForm))
        assert world.bytes() == before
        assert app_b.snapshot.memberships[world.membership["bm"]].notes == "Fassung A"


async def test_esc_in_the_conflict_dialog_goes_back_to_the_form_with_the_input_kept(world):
    """Esc means "back" everywhere; in the conflict dialog it dropped B's input unasked."""
    app_a, app_b = world.app(open_view="lenkungskreis"), world.app(open_view="lenkungskreis")
    failures = Recorder()
    async with app_a.run_test(size=SIZE) as pilot_a, app_b.run_test(size=SIZE, message_hook=failures) as pilot_b:
        await two_colleagues_save(world, pilot_a, app_a, pilot_b, app_b, failures)
        dialog = app_b.screen
        buttons = {str(b.label): b for b in dialog.query(Button)}
        assert set(buttons) == {"Zusammenführen (Strg+S)", "Andere behalten (a)", "Zurück (Esc)"}
        assert all(b.region.right <= dialog.query_one(".dialog").content_region.right for b in buttons.values())
        before = world.bytes()
        await pilot_b.press("escape")
        await settle(app_b, pilot_b)
        form = app_b.screen
        assert isinstance(form, MembershipForm), f"B sees {form!r}"
        assert form.query_one("#notes").value == "Fassung B"
        status = str(form.query_one("#save-status").render())
        assert "Ihre Eingaben stehen noch im Formular; Strg+S zeigt beide Fassungen wieder" in status
        assert world.bytes() == before
        await pilot_b.press("ctrl+s")  # both versions again, and this time B merges
        await settle(app_b, pilot_b)
        assert isinstance(app_b.screen, ConflictScreen)
        await pilot_b.press("ctrl+s")
        await settle(app_b, pilot_b)
        saved = world.read().memberships[world.membership["bm"]]
        assert (saved.notes, str(saved.end)) == ("Fassung B", "2026-12-31")


async def test_conflict_when_the_colleague_deleted_the_entry(world):
    app_a, app_b = world.app(open_view="lenkungskreis"), world.app(open_view="lenkungskreis")
    async with app_a.run_test(size=SIZE) as pilot_a, app_b.run_test(size=SIZE) as pilot_b:
        await goto_row(pilot_b, app_b, world.lenkungskreis, "Tobias Test")
        await pilot_b.press("e")
        await goto_row(pilot_a, app_a, world.lenkungskreis, "Tobias Test")
        await pilot_a.press("delete", "j")
        await settle(app_a, pilot_a)
        before = world.bytes()
        await focus_field(pilot_b, "#notes")
        await replace_text(pilot_b, "zu spät")
        await pilot_b.press("ctrl+s")
        await settle(app_b, pilot_b)
        screen = app_b.screen
        assert isinstance(screen, ConflictScreen)
        assert "gelöscht" in str(screen.query_one(".dialog-text").render())
        assert screen.error.mine.notes == "zu spät"  # still in memory for the user to re-enter
        await pilot_b.press("escape")
        await settle(app_b, pilot_b)
        assert world.bytes() == before


async def test_colleague_changing_the_committees_while_a_form_is_open(world):
    """Regression: the tab rebuild replaced the open form's content with the main screen;
    Ctrl+S then crashed the app and the entry was lost. Now the tabs change in place."""
    app = world.app(open_view="lenkungskreis", poll_interval=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "2")  # the Arbeitskreise tab is built once shown
        view = app.query_one(f"#committee-{world.lenkungskreis}")
        await goto_row(pilot, app, world.lenkungskreis, "Sozialdezernenten")
        await pilot.press("a")
        form = await form_ready(pilot, MembershipForm)
        await type_text(pilot, "Max")
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: form.query_one("#person-input").value == "Max Muster")  # picked
        colleague = world.store()
        colleague.save(
            Committee(
                name="AK Ganztag",
                kind=CommitteeKind.ARBEITSKREIS,
                order=8,
                seats=[Seat(key="mitglieder", label="Mitglieder", count=None)],
            )
        )
        assert await wait_for(pilot, lambda: len(app.query("#committee-picker Tab")) == 5)
        assert app.screen is form
        assert form.query_one("#person-input").value == "Max Muster"
        assert not form.query("#tabs")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        row = "Sozialdezernenten | Max Muster | Mitglied |  | 28.11.2026"
        assert await wait_for(pilot, lambda: row in roster_text(app, world.lenkungskreis))
        assert app.query_one("#tabs", TabbedContent).active == f"gremium-{world.lenkungskreis}"
        assert app.query_one(f"#committee-{world.lenkungskreis}") is view  # changed in place
        assert await wait_for(pilot, lambda: view.current_line.membership.person_id == world.person["muster"])
    assert [m.seat_key for m in world.read().memberships_of_person(world.person["muster"])] == ["sozialdezernat"]


async def test_conflict_merges_changes_to_different_fields(world):
    """A changes the notes, B the end date: saving in B keeps both, nothing is lost."""
    app_a, app_b = world.app(open_view="lenkungskreis"), world.app(open_view="lenkungskreis")
    async with app_a.run_test(size=SIZE) as pilot_a, app_b.run_test(size=SIZE) as pilot_b:
        await open_edit_form(pilot_a, app_a, world)
        await open_edit_form(pilot_b, app_b, world)
        await replace_text(pilot_a, "Notiz von A")
        await pilot_a.press("ctrl+s")
        await settle(app_a, pilot_a)
        await wait_for(pilot_b, lambda: app_b.snapshot.memberships[world.membership["bm"]].notes == "Notiz von A")
        await focus_field(pilot_b, "#end")
        await replace_text(pilot_b, "31.12.2026")
        await pilot_b.press("ctrl+s")
        await settle(app_b, pilot_b)
        screen = app_b.screen
        assert isinstance(screen, ConflictScreen)
        assert "Zusammenführen" in screen_text(app_b) and not screen.clashes
        await pilot_b.press("ctrl+s")
        await settle(app_b, pilot_b)
    saved = world.read().memberships[world.membership["bm"]]
    assert (saved.notes, str(saved.end), saved.rev) == ("Notiz von A", "2026-12-31", 3)
