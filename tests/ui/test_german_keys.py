"""Footers and Textual's own hints name keys in German: Esc, Entf, Leertaste, Strg+S, F1.

Textual writes "esc", "del", "space", "^s" and "Do you want to quit? Press ctrl+q".
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from pilot_helpers import SIZE, new_notice, settle, shown_notices, wait_for
from textual.binding import Binding
from textual.widgets import DataTable, Footer

import herford_tui.ui
from herford_tui.ui.common.keys import key_label
from herford_tui.ui.directory.person_screen import PersonScreen

ENGLISH_KEYS = re.compile(
    r"(?<![\w-])(esc|escape|del|delete|space|ctrl|shift|enter ⏎|pgup|pgdn|pageup|pagedown|backspace|home|insert|f\d+)"
    r"(?![\w-])|\^[a-z]|⏎|⌫"
)


def footer_text(app) -> str:
    """The key names the footer of the current screen shows."""
    lines = []
    for footer in app.screen.query(Footer):
        for key in footer.query("FooterKey"):
            lines.append(key.key_display)
    return " | ".join(lines)


async def drawn_footer(pilot) -> str:
    """The footer's keys once drawn: the footer composes them after the screen's focus settled,
    a refresh after the screen shows (read at once, they were missing once)."""
    await wait_for(pilot, lambda: bool(footer_text(pilot.app)))
    return footer_text(pilot.app)


def declared_bindings() -> list[tuple[str, Binding]]:
    found = []
    for info in pkgutil.walk_packages(herford_tui.ui.__path__, "herford_tui.ui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__:
                for binding in getattr(value, "BINDINGS", []):
                    if isinstance(binding, Binding):
                        found.extend((f"{value.__name__}: {b.key}", b) for b in Binding.make_bindings([binding]))
    return found


@pytest.mark.parametrize("binding", declared_bindings(), ids=lambda item: item[0])
def test_every_declared_key_has_a_german_name(binding):
    _, b = binding
    shown = b.key_display or key_label(b.key)
    assert not ENGLISH_KEYS.search(shown), shown


def test_key_labels():
    assert [key_label(k) for k in ("escape", "delete", "space", "ctrl+s", "f1", "G", "ctrl+shift+z")] == [
        "Esc",
        "Entf",
        "Leertaste",
        "Strg+S",
        "F1",
        "G",
        "Strg+Umschalt+Z",
    ]


async def test_footers_show_german_key_names_and_ctrl_c_answers_in_german(world):
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        seen = {}
        seen["Gremium"] = await drawn_footer(pilot)
        for key in ("L", "escape", "o", "j", "f1"):
            await pilot.press(key)
            await settle(app, pilot)
            seen[f"nach {key}"] = await drawn_footer(pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        for where, text in seen.items():
            assert text, f"{where}: no footer keys"
            assert not ENGLISH_KEYS.search(text), f"{where}: {text}"
        assert any("Esc" in text for text in seen.values()) or any("F1" in text for text in seen.values())

        before = shown_notices(app)
        await pilot.press("ctrl+c")
        # the notice Ctrl+C causes, not whichever was shown first (a notice of an earlier step)
        message = await new_notice(pilot, before, containing="Strg+Q")
        note = next(n for n in app._notifications if n.identity not in before and n.message == message)
        assert note.title == "Beenden?" and "quit" not in message.lower()


async def test_the_footer_at_80_columns_names_keys_in_german(world):
    app = world.app(open_view="organisationen")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = await drawn_footer(pilot)
        assert text and not ENGLISH_KEYS.search(text), text


async def test_every_footer_key_of_the_person_page_fits_80_columns(world):
    """The page's own five actions fill the line; "q" stays a key without a label (it was cut to "q")."""
    app = world.app(open_view="lenkungskreis")
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_for(pilot, lambda: isinstance(app.focused, DataTable))
        await pilot.press("i")
        assert await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        await settle(app, pilot)

        def footer_keys() -> list:
            return list(app.screen.query_one(Footer).query("FooterKey"))

        # The footer composes its keys a refresh after the screen shows: wait until they are laid out.
        assert await wait_for(pilot, lambda: bool(footer_keys()) and all(k.region.width for k in footer_keys()))
        keys = footer_keys()
        assert [k.description for k in keys][-1] == "Hilfe"
        assert all(k.region.right <= 80 for k in keys), [(k.description, k.region) for k in keys]
        await pilot.press("q")
        assert await wait_for(pilot, lambda: app.return_code is not None or not app.is_running)
