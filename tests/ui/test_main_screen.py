"""The main screen: tabs built on first show, changed in place, user text shown literally."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time

from pilot_helpers import SIZE, TODAY, roster_focused, screen_text, shown, wait_for
from textual.widgets import TabbedContent

from herford_tui.app import HerfordApp
from herford_tui.domain import pacing
from herford_tui.ui.committees.archive import ArchiveScreen
from herford_tui.ui.committees.view import CommitteeView


async def test_only_the_shown_committee_is_built_at_start(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, world.lenkungskreis)  # --open shows the view a refresh after start
        assert [v.committee_id for v in app.query(CommitteeView)] == [world.lenkungskreis]
        await pilot.press("5")  # Arbeitskreis 2: its tab is built now, with only that committee
        await roster_focused(pilot, world.arbeitskreise[1])
        built = {v.committee_id for v in app.query(CommitteeView)}
        assert built == {world.lenkungskreis, world.arbeitskreise[1]}
        await pilot.press("2")
        tabs = app.query_one("#tabs", TabbedContent)
        assert await wait_for(pilot, lambda: tabs.active == f"gremium-{world.lenkungskreis}"), tabs.active


async def test_the_background_work_of_an_app_that_ended_steps_back_no_more(world, monkeypatch):
    """Threads outlive their app. A paced block of an ended app that went on stepping back held
    the turn the process's next app waits for: that app's pending tables stayed pending (a test
    process starts hundreds of apps; two full runs of five failed so)."""
    from herford_tui.store import typed
    from herford_tui.store.store import VERIFY_ENV

    blocks: list[pacing._Pacer] = []
    release = threading.Event()

    def complete() -> None:  # the app's background decoding, held until the test lets it go
        blocks.append(pacing._running[-1])
        release.wait(30)

    monkeypatch.setattr(typed, "DEFER_FROM", 0)
    monkeypatch.delenv(VERIFY_ENV)
    app = world.app(open_view="lenkungskreis")
    monkeypatch.setattr(app, "complete_start", complete)
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert await wait_for(pilot, lambda: bool(blocks))
            assert not blocks[0].hurried, "it steps back while its app runs"
        assert blocks[0].hurried, "its app ended: it steps back no more"
    finally:
        release.set()


async def test_markup_in_committee_names_is_shown_literally(world):
    store = world.store()
    snap = store.snapshot()
    store.save(dataclasses.replace(snap.committees[world.lenkungskreis], short_name="LK[/]"))
    store.save(dataclasses.replace(snap.committees[world.arbeitskreise[0]], short_name="[b]x[/b]"))
    store.save(dataclasses.replace(snap.committees[world.arbeitskreise[1]], name="[bold red]Alt[/]", archived=True))
    app = world.app(open_view="arbeitskreis-1")
    async with app.run_test(size=SIZE) as pilot:
        await roster_focused(pilot, world.arbeitskreise[0])  # --open builds the view a refresh after start-up
        tabs = app.query_one("#tabs", TabbedContent)
        assert tabs.get_tab(f"gremium-{world.lenkungskreis}").label.plain == "LK[/]"
        assert app.query_one(f"#pick-{world.arbeitskreise[0]}").label.plain == "[b]x[/b]"
        assert await wait_for(pilot, lambda: "LK[/]" in screen_text(app) and "[b]x[/b]" in screen_text(app))
        await pilot.press("G")
        await shown(pilot, ArchiveScreen)
        assert await wait_for(pilot, lambda: "[bold red]Alt[/]" in screen_text(app)), screen_text(app)


async def test_a_colleague_renaming_a_tab_to_markup_keeps_the_app_running(world):
    app = world.app(open_view="lenkungskreis", poll_interval=0.05)
    async with app.run_test(size=(120, 40)) as pilot:  # room for the whole label (80: shortened)
        colleague = world.store()
        lk = colleague.snapshot().committees[world.lenkungskreis]
        colleague.save(dataclasses.replace(lk, short_name="LK[/]\x1b]0;HACK\x07"))
        tab = app.query_one("#tabs", TabbedContent).get_tab(f"gremium-{world.lenkungskreis}")
        assert await wait_for(pilot, lambda: tab.label.plain == "LK[/]\\x1b]0;HACK\\x07")
        assert "\x1b" not in screen_text(app)


async def test_tables_left_pending_at_start_are_decoded_after_the_first_frame(world, monkeypatch):
    """A large file: the start decodes one committee's meetings, members and persons; the rest
    follows in a thread."""
    from herford_tui.domain import Meeting
    from herford_tui.store import typed
    from herford_tui.store.store import VERIFY_ENV

    world.store().save(Meeting(committee_id=world.lenkungskreis, date=TODAY, location="Kreishaus"))
    monkeypatch.setattr(typed, "DEFER_FROM", 0)
    monkeypatch.delenv(VERIFY_ENV)
    app = world.app(open_view="lenkungskreis")
    assert app.snapshot.pending
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: not app.snapshot.pending)
        assert "Kreishaus" in screen_text(app), "the start screen's next meeting"
        assert app.snapshot.meetings == world.read().meetings
        assert app.snapshot.persons == world.read().persons
        assert app.snapshot.memberships == world.read().memberships


async def ended(app: HerfordApp, timeout: float = 20.0) -> bool:
    """Wait for the app to end, the decoding after the start hurried and the screen not polled.

    That decoding is paced: it steps back while the event loop works. ``wait_for``'s pauses every
    20 ms (each walks every widget and repaints) can keep the loop busy enough on a loaded machine
    that it hardly goes on: the test failed after 20 s in 2 of 5 full runs (never alone). What is
    proved here is the error path; the pacing has its own tests (``tests/unit/test_pacing.py``).
    """
    deadline = time.monotonic() + timeout
    while app.return_code is None and time.monotonic() < deadline:
        pacing.hurry()  # the paced blocks running now (the decoding, once begun) no longer step back
        await asyncio.sleep(0.05)
    return app.return_code is not None


async def test_a_pending_meeting_that_does_not_decode_ends_the_app_in_german(world, monkeypatch):
    import json

    from herford_tui.domain import Meeting
    from herford_tui.store import typed
    from herford_tui.store.files import encode_json
    from herford_tui.store.store import VERIFY_ENV

    saved = world.store().save(Meeting(committee_id=world.arbeitskreise[0], date=TODAY))
    data = json.loads(world.bytes())
    data["meetings"][str(saved.id)]["date"] = "kein Datum"
    world.path.write_bytes(encode_json(data))
    monkeypatch.setattr(typed, "DEFER_FROM", 0)
    monkeypatch.delenv(VERIFY_ENV)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE):
        assert await ended(app)
    assert app.return_code == 2


async def test_a_pending_person_that_does_not_decode_ends_the_app_in_german(world, monkeypatch):
    """A person not on the first screen: the start shows the file, the decoding after it refuses it."""
    import json

    from herford_tui.domain import Person
    from herford_tui.store import typed
    from herford_tui.store.files import encode_json
    from herford_tui.store.store import VERIFY_ENV

    saved = world.store().save(Person(given_name="Nicht", family_name="Lesbar"))
    data = json.loads(world.bytes())
    data["persons"][str(saved.id)]["erased_on"] = "kein Datum"
    world.path.write_bytes(encode_json(data))
    monkeypatch.setattr(typed, "DEFER_FROM", 0)
    monkeypatch.delenv(VERIFY_ENV)
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE):
        assert await ended(app)
    assert app.return_code == 2
