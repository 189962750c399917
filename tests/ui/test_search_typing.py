"""No keystroke lost: keys typed 10 ms apart, delivered as the terminal driver delivers them.

The driver reads keys in its own thread and hands each to the App's queue as it arrives
(``asyncio.run_coroutine_threadsafe(app._post_message(key), loop)``), whether or not the
App has finished with the previous one. ``pilot.press`` instead waits for every key to be
processed, which hides reordering. The typist below is a thread that posts exactly like the
driver, 10 ms apart.
"""

from __future__ import annotations

import asyncio
import threading
import time

from pilot_helpers import SIZE, wait_for
from textual import events
from textual.command import CommandInput, CommandPalette

from herford_tui.app import HerfordApp
from herford_tui.domain import Person

# The example: "muller", six Backspaces, "Fischer".
KEYS = [*"muller", *["backspace"] * 6, *"Fischer"]
ROUNDS = 3  # reordering depends on timing: three rounds make a regression show reliably


def _key(name: str) -> events.Key:
    if name == "backspace":
        return events.Key("backspace", "\x7f")
    return events.Key(name, name)


def type_like_a_terminal(app: HerfordApp, keys: list[str], interval: float = 0.010) -> threading.Thread:
    loop = asyncio.get_running_loop()

    def typist() -> None:
        for name in keys:
            asyncio.run_coroutine_threadsafe(app._post_message(_key(name)), loop)
            time.sleep(interval)  # the typist's pace, not a synchronisation

    thread = threading.Thread(target=typist, daemon=True)
    thread.start()
    return thread


async def _typed(pilot, app: HerfordApp, field, thread: threading.Thread) -> str:
    assert await wait_for(pilot, lambda: not thread.is_alive())
    # All keys are queued; wait until the field has taken the last one (or give up).
    await wait_for(pilot, lambda: field.value.endswith("r") and len(field.value) >= 7)
    await pilot.pause()
    return field.value


async def test_global_search_keeps_every_key(world):
    store = world.store()
    store.save(Person(given_name="Birgit", family_name="Fischer"))
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert await wait_for(pilot, lambda: CommandPalette.is_open(app))
        field = app.screen.query_one(CommandInput)
        assert await wait_for(pilot, lambda: field.has_focus)
        for _ in range(ROUNDS):
            await pilot.press("ctrl+u")
            thread = type_like_a_terminal(app, KEYS)
            assert await _typed(pilot, app, field, thread) == "Fischer"
        # and the hits are for what was typed, the person first
        assert await wait_for(pilot, lambda: "Birgit Fischer" in _hits(app))


async def test_directory_filter_keeps_every_key(world):
    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        # "f" is the list's key: --open shows the directory a refresh after start
        assert await wait_for(pilot, lambda: any(table.has_focus for table in app.query("#org-table")))
        await pilot.press("f")
        field = app.query_one("#org-filter")
        assert await wait_for(pilot, lambda: field.has_focus)
        for _ in range(ROUNDS):
            await pilot.press("ctrl+u")
            thread = type_like_a_terminal(app, KEYS)
            assert await _typed(pilot, app, field, thread) == "Fischer"
        await pilot.press("ctrl+u")
        thread = type_like_a_terminal(app, [*"bünde"])
        assert await wait_for(pilot, lambda: not thread.is_alive() and field.value == "bünde")
        # the table follows the last text once the keys pause
        assert await wait_for(pilot, lambda: [str(row[0]) for row in _rows(app)] == ["Stadt Bünde"])


def _rows(app: HerfordApp) -> list:
    from herford_tui.ui.common.line_table import LineTable

    table = app.query_one("#org-table", LineTable)
    return [table.get_row_at(i) for i in range(table.row_count)]


def _hits(app: HerfordApp) -> str:
    from textual.command import CommandList

    options = app.screen.query_one(CommandList)
    return "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))
