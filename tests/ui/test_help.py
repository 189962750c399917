"""F1 / ? shows the bindings active on the current screen; the README's key table is the same source."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import SIZE, screen_text, shown, wait_for
from textual.widgets import Markdown

from herford_tui.app import HerfordApp
from herford_tui.ui.common.help import HelpScreen, active_entries, key_label, readme_section

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize(
    ("view", "key", "present", "absent"),
    [
        ("lenkungskreis", "f1", "Mitglied hinzufügen", "neue Organisation"),
        (
            "organisationen",
            "question_mark",
            "Liste filtern (Name, Ort, Art, Funktion; „Mueller“ findet Müller)",
            "Mitglied hinzufügen",
        ),
        ("jahr", "f1", "Vorjahr", "Stellvertretung benennen"),
    ],
)
async def test_help_lists_exactly_the_active_bindings(world, view, key, present, absent):
    app = world.app(open_view=view)
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.focused is not None)
        expected = active_entries(app.screen.active_bindings)
        await pilot.press(key)
        await shown(pilot, HelpScreen)  # pushed at once, composed a moment later
        source = app.screen.query_one(Markdown).source
        listed = [line for line in source.splitlines() if line.startswith("| ") and "Taste" not in line]
        assert listed == [f"| {e.keys_text} | {e.text} |" for e in expected]
        assert present in source and absent not in source
        assert "Erste Schritte" in source
        assert "/" in {k for e in expected for k in e.keys}  # the search key is listed everywhere
        await pilot.press("escape")
        assert await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))
        assert "Hilfe" in screen_text(app)  # F1 is in the footer


def test_readme_key_table_is_generated_from_the_bindings():
    assert readme_section(HerfordApp) in README.read_text(encoding="utf-8"), (
        "README key table is stale: run `python -m herford_tui.app` and paste its output"
    )


@pytest.mark.parametrize(
    ("key", "label"),
    [("ctrl+s", "Strg+S"), ("f1", "F1"), ("f", "f"), ("G", "G"), ("delete", "Entf"), ("slash", "/"),
     ("shift+tab", "Umschalt+Tab"), ("left_square_bracket", "[")],
)  # fmt: skip
def test_key_labels_are_german(key, label):
    assert key_label(key) == label


@pytest.mark.parametrize("view", ["lenkungskreis", "organisationen", "jahr"])
async def test_footer_at_80_columns_shows_every_key_marked_important(world, view):
    """show=True marks the keys that matter on a screen: all of them must fit the 80-column footer,
    the rest is one key away (F1)."""
    app = world.app(open_view=view)
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: app.focused is not None)
        shown = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.show}
        assert shown, "no key marked for the footer"

        def missing() -> list[str]:
            footer = screen_text(app).splitlines()[-1]
            return [d for d in shown if d not in footer] + [w for w in ("Hilfe", "Suche") if w not in footer]

        # The footer is drawn a refresh after the focus settles: wait for it, then say what lacks.
        await wait_for(pilot, lambda: not missing())
        footer = screen_text(app).splitlines()[-1]
        assert missing() == [], f"footer at 80 columns lacks {missing()}: {footer!r}"
        assert "Hilfe" in footer and "Suche" in footer
