"""Helpers shared by the Pilot tests (imported by the test modules)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input
from textual.worker import WorkerCancelled

from herford_tui.app import HerfordApp
from herford_tui.ui.common.form import FormScreen

TODAY = date(2026, 11, 28)
SIZE = (80, 24)
S = TypeVar("S", bound=Screen)


# -- helpers for the tests ---------------------------------------------------------
async def settle(app: HerfordApp, pilot: Pilot) -> None:
    """Wait for the save workers (and those they start, e.g. person then membership)."""
    for _ in range(10):
        for worker in list(app.workers):
            with contextlib.suppress(WorkerCancelled):  # its screen closed meanwhile: done too
                await worker.wait()
        await pilot.pause()
        if all(worker.is_finished for worker in app.workers):
            return
    raise AssertionError("workers still running after 10 rounds")


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 20.0) -> bool:
    """Poll ``condition`` while the app runs; True as soon as it holds, False after ``timeout``.

    The deadline only bounds a failure: a passing test returns as soon as the condition holds.
    It is generous because at a load of 6 on 2 cores (the search index is built in a thread
    then) a lazily built tab took longer than 5 s to show.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()


async def shown(pilot: Pilot, screen_type: type[S]) -> S:
    """Wait until the screen on top is a built ``screen_type`` (composed, its ``on_mount`` run) and
    return it. A pushed screen is on the stack at once but composes in its own task: a query or a
    key right after ``isinstance(app.screen, ...)`` held could find none of its widgets yet."""

    def built() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, screen_type) and screen.is_mounted

    assert await wait_for(pilot, built), f"no built {screen_type.__name__} on top: {pilot.app.screen!r}"
    screen = pilot.app.screen
    assert isinstance(screen, screen_type)
    return screen


async def form_ready(pilot: Pilot, form_type: type[S]) -> S:
    """``shown``, and the focus inside the form (its ``AUTO_FOCUS`` is set when the screen is
    first resumed, after its mount): keys typed now reach its fields. A ``FormScreen`` has also
    remembered its opening values (as it is mounted): what is entered now counts as changed."""
    form = await shown(pilot, form_type)

    def ready() -> bool:
        focused = pilot.app.focused
        remembered = not isinstance(form, FormScreen) or getattr(form, "_initial", None) is not None
        return focused is not None and focused.screen is form and remembered

    assert await wait_for(pilot, ready), f"{form!r} not ready: focus on {pilot.app.focused!r}"
    return form


async def type_text(pilot: Pilot, text: str) -> None:
    """Enter ``text`` into the focused Input as the terminal delivers a paste.

    Pressing key by key costs ~60 ms a key; a paste goes through the same Input
    handling (insert at the cursor, ``Input.Changed``), so pickers react the same way.
    """
    focused = pilot.app.focused
    assert isinstance(focused, Input), f"typing needs a focused Input, not {focused!r}"
    focused.post_message(events.Paste(text))
    await pilot.pause()
    assert text in focused.value


async def replace_text(pilot: Pilot, text: str) -> None:
    """Clear the focused Input (End, then Ctrl+U) and type ``text``."""
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, text)


def notified(app: HerfordApp, text: str) -> bool:
    """A notification containing ``text`` has been shown. ``notify`` posts a message to the app, so
    a test waits for it (``wait_for``) rather than reading right after the key that caused it."""
    return any(text in str(n.message) for n in app._notifications)


def shown_notices(app: HerfordApp) -> set[str]:
    """The identities of the notifications shown now: ``new_notice`` waits for one not among them.
    Counting them does not tell a new one apart: each expires after its timeout (5 s by default),
    so on a slow machine an earlier one vanishes while the next comes and the count stays."""
    return {n.identity for n in app._notifications}


async def new_notice(pilot: Pilot, before: set[str], containing: str = "") -> str:
    """Wait for a notification not among ``before`` (from ``shown_notices``) that contains
    ``containing``; its message."""

    def new() -> list[str]:
        messages = (str(n.message) for n in pilot.app._notifications if n.identity not in before)
        return [message for message in messages if containing in message]

    assert await wait_for(pilot, lambda: bool(new())), f"no new notification: {list(pilot.app._notifications)}"
    return new()[-1]


def roster_text(app: HerfordApp, committee_id: int) -> list[str]:
    """The visible roster rows of a committee as 'Sitz | Name | Rolle | vertritt | Zeitraum'."""
    table = app.query_one(f"#committee-{committee_id} #roster", DataTable)
    rows = []
    for i in range(table.row_count):
        cells = [str(getattr(c, "plain", c)) for c in table.get_row_at(i)]
        rows.append(" | ".join(cells[:5]))
    return rows


def field(app: HerfordApp, selector: str) -> Input:
    return app.screen.query_one(selector, Input)


def error_text(app: HerfordApp, name: str) -> str:
    widget = app.screen.query_one(f"#err-{name}")
    if widget.has_class("-empty") or not widget.display:
        return ""
    return str(widget.render())


def roster(app: HerfordApp, committee_id: int) -> DataTable:
    return app.query_one(f"#committee-{committee_id} #roster", DataTable)


async def roster_focused(pilot: Pilot, committee_id: int) -> None:
    """The roster of ``committee_id`` exists (a tab builds its view on first show; ``--open`` shows
    it a refresh after start-up) and has the focus: the view's keys reach it now."""

    def focused() -> bool:
        return any(table.has_focus for table in pilot.app.query(f"#committee-{committee_id} #roster"))

    assert await wait_for(pilot, focused), f"roster of committee {committee_id} not focused: {pilot.app.focused!r}"


async def goto_row(pilot: Pilot, app: HerfordApp, committee_id: int, text: str) -> int:
    """Move the roster cursor to the first row containing ``text`` (last step by arrow key)."""
    table = roster(app, committee_id)
    # --open shows its view one refresh after start-up: wait until that roster has the focus
    assert await wait_for(pilot, lambda: table.has_focus), f"roster not focused: {app.focused!r}"
    rows = roster_text(app, committee_id)
    target = next((i for i, row in enumerate(rows) if text in row), None)
    assert target is not None, f"{text!r} not in roster: {rows}"
    if abs(target - table.cursor_row) > 2:  # arrow keys cost ~0.1 s each on a busy machine
        table.move_cursor(row=target + (1 if target < table.cursor_row else -1))
    while table.cursor_row != target:
        await pilot.press("down" if table.cursor_row < target else "up")
    return target


def screen_text(app: HerfordApp) -> str:
    """What the terminal shows right now (all screens, modal on top), as plain text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


async def tab_to(pilot: Pilot, selector: str | Widget, limit: int = 20) -> None:
    """Press Tab until ``selector`` (on the current screen) has the focus: proves it is reachable."""
    target = pilot.app.screen.query_one(selector) if isinstance(selector, str) else selector
    for _ in range(limit):
        if target.has_focus:
            return
        await pilot.press("tab")
    raise AssertionError(f"{selector} not reachable with Tab; focus stays on {pilot.app.focused!r}")


async def focus_field(pilot: Pilot, selector: str) -> None:
    """Put the focus on a field of the screen on top, as a click would: for tests about what is
    typed there (that Tab reaches each field is what ``tab_to`` and the tab-order tests show)."""
    target = pilot.app.screen.query_one(selector)
    target.focus()
    await pilot.pause()
    assert target.has_focus, f"{selector} did not take the focus; it stays on {pilot.app.focused!r}"


async def steady(pilot: Pilot) -> None:
    """No blinking cursor in a snapshot: it would be on or off depending on timing."""
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


async def roster_ready(pilot: Pilot) -> None:
    """The start view's roster has the focus and its rows: keys pressed now reach it; and the tab
    bar marks its tab (a dialog opened now shows it marked behind it)."""

    def ready() -> bool:
        table = pilot.app.focused
        return isinstance(table, DataTable) and table.row_count > 0 and tab_underlined(pilot.app)

    assert await wait_for(pilot, ready)


def tab_underlined(app: HerfordApp) -> bool:
    """The tab bar's underline stands under the active tab. It is moved a refresh after the start
    (``ContentTabs._highlight_active``): a dialog opened before that left the bar unmarked behind
    it (the import dialog's snapshot, once in a fresh-clone run). Snapshots of dialogs wait for it."""
    from textual.widgets import Tab, Tabs
    from textual.widgets._tabs import Underline

    found = app.screen.query(Tabs)
    if not found:  # the main screen not composed yet
        return False
    tabs = found.first()
    active = next((tab for tab in tabs.query(Tab) if tab.has_class("-active")), None)
    if active is None:
        return False
    start, end = active.virtual_region.shrink(active.styles.gutter).column_span
    underline = tabs.query_one(Underline)
    return (
        end > start
        and underline.show_highlight
        and (underline.highlight_start, underline.highlight_end) == (start, end)
    )


async def footer_shows(pilot: Pilot, text: str) -> None:
    """The footer (the last line on screen) shows ``text``: a view built on first show has taken
    the focus and its keys are drawn, so a snapshot taken now shows them."""
    assert await wait_for(pilot, lambda: text in screen_text(pilot.app).splitlines()[-1]), screen_text(pilot.app)
