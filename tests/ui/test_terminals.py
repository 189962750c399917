"""Any terminal: the Linux console (no glyphs its font lacks), NO_COLOR, no animations over SSH."""

from __future__ import annotations

import pytest
from pilot_helpers import SIZE, screen_text, type_text, wait_for
from textual.command import CommandPalette

from herford_tui.ui.common import glyphs as glyphs_module
from herford_tui.ui.common.terminal import slow_link

CONSOLE_LACKS = "↳━╸╺⭘🔎▶▔▁▂▃▅▆▇▉▊▋▍▎▏"
"""Glyphs the Linux console's font lacks (it has the code page 437 blocks "▀▄█▌▐░▒▓", no eighths)."""


@pytest.fixture
def linux_console(monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    glyphs_module.glyphs.cache_clear()
    yield
    glyphs_module.glyphs.cache_clear()


async def test_linux_console_shows_no_glyphs_its_font_lacks(world, linux_console):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.has_class("-ascii"))
        assert await wait_for(pilot, lambda: "-> Paula Probe" in screen_text(app))  # the deputy line
        assert not set(screen_text(app)) & set(CONSOLE_LACKS), "the roster with its scrollbar"
        await pilot.press("e")  # a form: buttons
        assert await wait_for(pilot, lambda: "Speichern" in screen_text(app))
        assert not set(screen_text(app)) & set(CONSOLE_LACKS), "a form with its buttons"
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: "Speichern" not in screen_text(app))
        await pilot.press("slash")
        assert await wait_for(pilot, lambda: CommandPalette.is_open(app))
        await type_text(pilot, "probe")
        assert await wait_for(pilot, lambda: "Paula Probe" in screen_text(app))
        assert not set(screen_text(app)) & set(CONSOLE_LACKS), set(screen_text(app)) & set(CONSOLE_LACKS)
        assert app.animation_level == "none"


async def test_linux_console_dialogs_draw_their_fields_without_eighth_blocks(world, linux_console):
    """The export and import dialogs' text fields and pickers had Textual's "tall" borders
    ("▊▔▁▎"), a form's person matches a "wide" side line ("▎"), its opened lists "tall" borders:
    unknown glyphs around every field on the console."""
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.has_class("-ascii"))
        for key, title in (("E", "Exportieren"), ("I", "Importieren")):
            await pilot.press(key)
            assert await wait_for(pilot, lambda title=title: title in screen_text(app))
            assert not set(screen_text(app)) & set(CONSOLE_LACKS), (title, set(screen_text(app)) & set(CONSOLE_LACKS))
            await pilot.press("tab", "enter")  # the picker's list open
            assert await wait_for(pilot, lambda: app.screen.query_one("SelectOverlay").display)
            assert not set(screen_text(app)) & set(CONSOLE_LACKS), (title, set(screen_text(app)) & set(CONSOLE_LACKS))
            await pilot.press("escape", "escape")
            assert await wait_for(pilot, lambda title=title: title not in screen_text(app))
        await pilot.press("a")  # a form: its person picker's matches, then the seat's list
        assert await wait_for(pilot, lambda: "Speichern" in screen_text(app))
        await type_text(pilot, "Pro")
        assert await wait_for(pilot, lambda: "Paula Probe" in screen_text(app))
        assert not set(screen_text(app)) & set(CONSOLE_LACKS), set(screen_text(app)) & set(CONSOLE_LACKS)
        await pilot.press("escape", "tab", "enter")
        assert await wait_for(pilot, lambda: app.screen.query_one("SelectOverlay").display)
        assert not set(screen_text(app)) & set(CONSOLE_LACKS), set(screen_text(app)) & set(CONSOLE_LACKS)


async def test_xterm_keeps_its_symbols(world, monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    glyphs_module.glyphs.cache_clear()
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: "↳ Paula Probe" in screen_text(app))
        assert not app.has_class("-ascii")
    glyphs_module.glyphs.cache_clear()


@pytest.mark.parametrize(
    ("env", "slow"),
    [
        ({"SSH_CONNECTION": "10.0.0.1 5 10.0.0.2 22", "TERM": "xterm"}, True),
        ({"TERM": "linux"}, True),
        ({"TERM": "xterm-256color"}, False),
        ({"SSH_TTY": "/dev/pts/3", "TEXTUAL_ANIMATIONS": "full"}, False),  # the user's choice wins
    ],
)
def test_slow_link_means_no_animations(env, slow):
    assert slow_link(env) is slow


def test_ascii_switch():
    assert glyphs_module.ascii_only({"HERFORD_TUI_ASCII": "1", "TERM": "xterm"})
    assert not glyphs_module.ascii_only({"HERFORD_TUI_ASCII": "0", "TERM": "xterm"})


async def test_no_color_marks_the_cursor_by_reverse_text(world, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        assert await wait_for(pilot, lambda: "Erika Mustermann" in screen_text(app))
        strips = app.screen._compositor.render_strips()
        cursor_line = next(strip for strip in strips if "Erika Mustermann" in "".join(s.text for s in strip))
        marked = [seg for seg in cursor_line if "Erika" in seg.text]
        assert marked and all(seg.style is not None and seg.style.reverse for seg in marked)


@pytest.mark.parametrize("key, shown", [("o", "Kommune"), ("j", "Anz."), ("A", "Anwesenheit")])
async def test_no_color_draws_every_line_table(world, monkeypatch, key, shown):
    """NO_COLOR's filter takes every segment's style: a line table drawn before its columns
    are known gave an empty segment without one, and the app ended with a traceback."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert await wait_for(pilot, lambda: shown in screen_text(app))
    assert app.return_code in (None, 0)
