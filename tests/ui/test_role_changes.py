"""Role changes keep history (issue 6, item 4): hand over the chair (c), change a role from a date (w),
a second chair refused, an old file with two chairs migrated. Checked on screen and in the file."""

from __future__ import annotations

import json
from datetime import date

from pilot_helpers import (
    SIZE,
    TODAY,
    error_text,
    goto_row,
    replace_text,
    roster_text,
    screen_text,
    settle,
    shown,
    type_text,
    wait_for,
)
from test_committee_flows import choose

from herford_tui.domain import Role
from herford_tui.store.check import check_file
from herford_tui.ui.committees.membership_form import MembershipForm
from herford_tui.ui.committees.role_form import ChangeRoleForm, HandOverChairForm

EVE = date(2026, 11, 27)
BM = "Bürgermeister der kreisangehörigen Städte und Gemeinden"


async def test_hand_over_the_chair_keeps_both_chairs_in_the_history(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("c")
        form = await shown(pilot, HandOverChairForm)
        assert await wait_for(pilot, lambda: "Vorsitz bisher Erika Mustermann (seit 01.01.2025)" in screen_text(app))
        assert form.query_one("#chair").value == world.membership["bm"]  # the highlighted member
        assert form.query_one("#start").value == "28.11.2026"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, HandOverChairForm))

        # the roster shows the save after the form closed, once the new snapshot reaches the view
        new_chair = f"{BM} | Bernd Beispiel | Vorsitz | Stadt Bünde | 28.11.2026"
        assert await wait_for(pilot, lambda: new_chair in roster_text(app, world.lenkungskreis))
        rows = roster_text(app, world.lenkungskreis)
        assert "Landrat | Erika Mustermann | Mitglied | Kreis Herford | 28.11.2026" in rows
        assert f"{BM} | Bernd Beispiel | Vorsitz | Stadt Bünde | 28.11.2026" in rows
        assert " | ↳ Paula Probe | Stellvertretung |  | 01.01.2025" in rows  # her deputy follows her member
        await pilot.press("h")
        ended_chair = "Landrat | ✗ Erika Mustermann | Vorsitz | Kreis Herford | bis 27.11.2026"
        assert await wait_for(pilot, lambda: ended_chair in roster_text(app, world.lenkungskreis))
        history = roster_text(app, world.lenkungskreis)
        assert f"{BM} | ✗ Bernd Beispiel | Mitglied | Stadt Bünde | bis 27.11.2026" in history
        await goto_row(pilot, app, world.lenkungskreis, "Erika Mustermann | Vorsitz")
        detail = app.query_one(f"#committee-{world.lenkungskreis} #member-detail")
        # the detail line follows the cursor's highlight, a message after the last arrow key
        assert await wait_for(pilot, lambda: "Vorsitz bis 27.11.2026 (seit 01.01.2025)" in str(detail.render()))

    snap = world.read()
    periods = sorted(
        (m.person_id, m.start, m.end, m.role)
        for m in snap.memberships_of(world.lenkungskreis)
        if m.person_id in (world.person["mustermann"], world.person["beispiel"])
    )
    start = date(2025, 1, 1)
    assert periods == [
        (world.person["mustermann"], start, EVE, Role.VORSITZ),
        (world.person["mustermann"], TODAY, None, Role.MITGLIED),
        (world.person["beispiel"], start, EVE, Role.MITGLIED),
        (world.person["beispiel"], TODAY, None, Role.VORSITZ),
    ]
    deputy = snap.memberships[world.membership["deputy"]]
    assert snap.memberships[deputy.deputy_of].role is Role.VORSITZ
    assert check_file(world.path).ok


async def test_change_role_from_a_date_moves_the_deputy_along(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("w")
        await shown(pilot, ChangeRoleForm)
        assert await wait_for(pilot, lambda: "Bernd Beispiel: bisher Mitglied seit 01.01.2025" in screen_text(app))
        assert await wait_for(pilot, lambda: app.screen.query_one("#role").has_focus)
        await choose(pilot, "#role", "Co-Vorsitz")
        await pilot.press("tab")
        await replace_text(pilot, "01.10.2026")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, ChangeRoleForm))

        co_chair = f"{BM} | Bernd Beispiel | Co-Vorsitz | Stadt Bünde | 01.10.2026"
        assert await wait_for(pilot, lambda: co_chair in roster_text(app, world.lenkungskreis))
        rows = roster_text(app, world.lenkungskreis)
        assert rows[rows.index(co_chair) + 1] == " | ↳ Paula Probe | Stellvertretung |  | 01.01.2025"
        view = app.query_one(f"#committee-{world.lenkungskreis}")
        # cursor on the new role: placed by the refresh that shows the saved lines
        assert await wait_for(pilot, lambda: view.current_line.membership.role is Role.CO_VORSITZ)
    snap = world.read()
    old = snap.memberships[world.membership["bm"]]
    assert (old.role, old.end) == (Role.MITGLIED, date(2026, 9, 30))
    new = snap.memberships[snap.memberships[world.membership["deputy"]].deputy_of]
    assert (new.person_id, new.role, new.start, new.end) == (
        world.person["beispiel"],
        Role.CO_VORSITZ,
        date(2026, 10, 1),
        None,
    )
    assert (new.seat_key, new.represents_id) == (old.seat_key, old.represents_id)


async def test_a_second_chair_is_refused_with_the_current_chair_named(world):
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Sozialdezernenten")
        await pilot.press("a")
        form = await shown(pilot, MembershipForm)
        assert await wait_for(pilot, lambda: form.query_one("#person-input").has_focus)
        await type_text(pilot, "Max")
        await pilot.press("enter")  # picked: on to the seat
        assert await wait_for(pilot, lambda: form.query_one("#seat").has_focus)
        await pilot.press("tab")  # then the role
        assert await wait_for(pilot, lambda: form.query_one("#role").has_focus)
        await choose(pilot, "#role", "Vorsitz")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: "Den Vorsitz" in error_text(app, "role"))
        assert app.screen is form
        message = error_text(app, "role")
        assert "Den Vorsitz im Gremium „Lenkungskreis“ hat in diesem Zeitraum schon Erika Mustermann" in message
        assert "Co-Vorsitz" in message
        assert world.bytes() == before
        await choose(pilot, "#role", "Co-Vorsitz")  # sharing the chair on purpose is allowed
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: not isinstance(app.screen, MembershipForm))
        co_chair = "Sozialdezernenten | Max Muster | Co-Vorsitz |  | 28.11.2026"
        assert await wait_for(pilot, lambda: co_chair in roster_text(app, world.lenkungskreis))
    [m] = world.read().memberships_of_person(world.person["muster"])
    assert m.role is Role.CO_VORSITZ


async def test_an_old_file_with_two_chairs_opens_with_a_co_chair_and_passes_check(world):
    data = json.loads(world.bytes())
    data["meta"]["1"]["schema"] = 1  # as an older herford-tui wrote it: two chairs were accepted
    data["memberships"][str(world.membership["bm"])]["role"] = "vorsitz"
    world.path.write_text(json.dumps(data, ensure_ascii=False))
    original = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        rows = roster_text(app, world.lenkungskreis)
        assert f"{BM} | Bernd Beispiel | Co-Vorsitz | Stadt Bünde | 01.01.2025" in rows
        assert "Landrat | Erika Mustermann | Vorsitz | Kreis Herford | 01.01.2025" in rows
    assert world.path.with_name("herford.json.1.bak").read_bytes() == original
    report = check_file(world.path)
    assert report.ok and not report.notes, report.lines()


async def test_change_role_starts_from_the_current_role_not_vorsitz(world):
    """New-user test: "w" on a Mitglied of a committee with a chair preselected "Vorsitz"."""
    before = world.bytes()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Bernd Beispiel")
        await pilot.press("w")
        form = await shown(pilot, ChangeRoleForm)
        assert form.query_one("#role").value is Role.MITGLIED
        assert await wait_for(pilot, lambda: "Mitglied (bisher)" in screen_text(app))
        await pilot.press("ctrl+s")  # unchanged: nothing to do, said under the field
        await settle(app, pilot)
        assert await wait_for(pilot, lambda: "hat die Rolle „Mitglied“ schon" in error_text(app, "role"))
        assert app.screen is form
    assert world.bytes() == before


async def test_a_hand_over_entered_for_later_is_named_in_the_form_and_in_the_refusal(world):
    """Two hand-overs meet: Bernd Beispiel takes the chair from 01.01.2027 (entered ahead). The
    form named only the chair now, "seit 01.01.2025", and a hand-over to someone else before that
    day was refused with "(seit 01.01.2027)" for a chair yet to come and the advice to hand the
    chair over, given inside the hand-over form."""
    from herford_tui.domain.roles import hand_over_chair

    store = world.store()
    snap = store.snapshot()
    store.save_all(
        hand_over_chair(snap, world.lenkungskreis, snap.memberships[world.membership["bm"]], date(2027, 1, 1))
    )
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await goto_row(pilot, app, world.lenkungskreis, "Tobias Test")
        await pilot.press("c")
        form = await shown(pilot, HandOverChairForm)
        chair_now = form.query_one("#chair-now")
        assert await wait_for(pilot, lambda: "Vorsitz bisher" in str(chair_now.render()))
        text = str(chair_now.render())
        assert "Vorsitz bisher Erika Mustermann (seit 01.01.2025, bis 31.12.2026)" in text
        assert "Ab 01.01.2027 ist schon Bernd Beispiel als Vorsitz eingetragen." in text
        assert form.query_one("#chair").value == world.membership["gf"]  # the highlighted member
        await pilot.press("tab")
        await replace_text(pilot, "15.12.2026")
        await pilot.press("ctrl+s")
        refusal = "Den Vorsitz im Gremium „Lenkungskreis“ hat ab 01.01.2027 schon Bernd Beispiel (eingetragen)"
        assert await wait_for(pilot, lambda: refusal in error_text(app, "form"))
        assert "seit 01.01.2027" not in error_text(app, "form")
