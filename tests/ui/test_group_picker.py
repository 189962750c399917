"""A shared tab with more than a dozen committees: a line and a list (k) instead of a tab strip.

Keys on screen and the file: the list filters by typing (folded, "Mueller" finds Müller), Enter
shows the chosen committee, a save through its view lands in the file; crossing the limit
switches between strip and list in place; many other committees share "Weitere Gremien".
"""

from __future__ import annotations

import dataclasses

from pilot_helpers import (
    SIZE,
    TODAY,
    form_ready,
    roster_ready,
    roster_text,
    screen_text,
    settle,
    shown,
    type_text,
    wait_for,
)
from textual.widgets import OptionList, Tab, TabbedContent, Tabs

from herford_tui.domain import Committee, CommitteeKind, Seat
from herford_tui.ui.committees.chooser import CommitteeChooser
from herford_tui.ui.committees.membership_form import MembershipForm
from herford_tui.ui.navigation import MANY

NAMES = ["Übergang Schule–Beruf", "Ganztag", "Müller-Stiftung Kooperation"]


def add_committees(world, count: int, kind: CommitteeKind = CommitteeKind.ARBEITSKREIS, names=()) -> list[int]:
    """``count`` more committees of ``kind`` (the first ones named from ``names``), saved as a colleague would."""
    store = world.store()
    ids = []
    for i in range(count):
        name = names[i] if i < len(names) else f"Projektgruppe {i + 1:02d}"
        committee = Committee(
            name=name, kind=kind, order=100 + i, seats=[Seat(key="mitglieder", label="Mitglieder", count=None)]
        )
        ids.append(store.save(committee).id)
    return ids


def shown_ak(app) -> int:
    return int((app.query_one("#arbeitskreise ContentSwitcher").current or "").removeprefix("committee-"))


async def open_arbeitskreise(pilot) -> None:
    await roster_ready(pilot)
    await pilot.press("4")  # the fourth committee is the first Arbeitskreis
    assert await wait_for(pilot, lambda: pilot.app.query("#committee-choice"))


async def test_long_group_shows_a_line_and_the_list_filters_folded(world):
    added = add_committees(world, MANY, names=NAMES)  # 4 from the seed + 12 = 16 Arbeitskreise
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_arbeitskreise(pilot)
        assert not app.query("#committee-picker")  # no tab strip
        assert await wait_for(pilot, lambda: "Arbeitskreis 1 von 16: AK 1" in screen_text(app))

        await pilot.press("k")
        await form_ready(pilot, CommitteeChooser)  # typing needs its filter field focused (AUTO_FOCUS, after the mount)
        choices = app.screen.query_one(OptionList)
        assert choices.option_count == 16
        assert await wait_for(pilot, lambda: "Arbeitskreis wählen (16)" in screen_text(app))
        await type_text(pilot, "mueller")  # folded: finds Müller
        assert await wait_for(pilot, lambda: choices.option_count == 1)
        assert await wait_for(pilot, lambda: "Müller-Stiftung Kooperation" in screen_text(app))
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, CommitteeChooser))
        assert await wait_for(pilot, lambda: shown_ak(app) == added[2])
        assert await wait_for(pilot, lambda: "Arbeitskreis 7 von 16: Müller-Stiftung Kooperation" in screen_text(app))
        assert app.focused is app.query_one(f"#committee-{added[2]} #roster")  # its keys work at once


async def test_list_keys_arrows_escape_and_a_save_writes_the_file(world):
    added = add_committees(world, MANY, names=NAMES)
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_arbeitskreise(pilot)
        await pilot.press("k")
        await shown(pilot, CommitteeChooser)  # pushed at once, composed a moment later
        await pilot.press("escape")  # closes, nothing changes
        assert await wait_for(pilot, lambda: not isinstance(app.screen, CommitteeChooser))
        assert shown_ak(app) == world.arbeitskreise[0]

        await pilot.press("k")
        await form_ready(pilot, CommitteeChooser)  # the arrows move the list only from the focused filter field
        await pilot.press("down", "down", "down", "down", "down")  # from the shown one (1st) to the 6th
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: shown_ak(app) == added[1])  # seed AKs 1-4, then our 1st, 2nd
        assert await wait_for(pilot, lambda: "Arbeitskreis 6 von 16: Ganztag" in screen_text(app))

        await pilot.press("a")  # a member for the chosen Arbeitskreis, through its view
        await form_ready(pilot, MembershipForm)  # pushed at once, composed and focused a moment later
        await type_text(pilot, "Muster")
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
        row = "Mitglieder | Max Muster | Mitglied |  | 28.11.2026"
        assert await wait_for(pilot, lambda: row in roster_text(app, added[1]))
    [m] = world.read().memberships_of(added[1], TODAY)
    assert (m.person_id, m.committee_id) == (world.person["muster"], added[1])


async def test_crossing_the_limit_switches_between_strip_and_list_in_place(world):
    added = add_committees(world, MANY - 4)  # exactly MANY Arbeitskreise: still a strip
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await roster_ready(pilot)
        await pilot.press("4")
        assert await wait_for(pilot, lambda: len(app.query("#committee-picker Tab")) == MANY)
        [more] = add_committees(world, 1, names=["Ganztag"])  # a colleague adds the 13th
        assert await wait_for(pilot, lambda: app.query("#committee-choice") and not app.query("#committee-picker"))
        assert shown_ak(app) == world.arbeitskreise[0]  # the shown view stays
        # the list's line is drawn after the list is mounted: wait for the line itself
        assert await wait_for(pilot, lambda: f"Arbeitskreis 1 von {MANY + 1}" in screen_text(app))

        store = world.store()  # and archives two: back to a strip, with the kept tabs' labels
        for cid in (more, added[0]):
            store.save(dataclasses.replace(store.snapshot().committees[cid], archived=True))
        assert await wait_for(pilot, lambda: len(app.query("#committee-picker Tab")) == MANY - 1)
        assert not app.query("#committee-choice")
        picker = app.query_one("#committee-picker", Tabs)
        assert await wait_for(pilot, lambda: picker.active == f"pick-{world.arbeitskreise[0]}"), picker.active
        assert str(app.query_one(f"#pick-{world.arbeitskreise[1]}", Tab).label) == "AK 2"


async def test_many_other_committees_share_one_tab(world):
    added = add_committees(world, MANY + 1, kind=CommitteeKind.SONSTIGE, names=NAMES)
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        await roster_ready(pilot)
        tabs = app.query_one(TabbedContent)
        panes = [pane.id for pane in tabs.query("TabPane") if pane.parent.parent is tabs]
        assert "weitere-gremien" in panes and not any(f"gremium-{cid}" == p for cid in added for p in panes)
        # at 80 columns eight tabs share the row: the longer labels are shortened ("Weitere…")
        assert await wait_for(pilot, lambda: "Weitere…" in screen_text(app))
        assert tabs.get_tab("weitere-gremien").region.right <= SIZE[0]
        await pilot.press("9")  # by number: the 9th committee (7 of the seed) is the 2nd of these
        assert await wait_for(pilot, lambda: "Gremium 2 von 13: Ganztag" in screen_text(app))
