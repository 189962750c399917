"""Item 5 of issue 17: a checkbox (and a radio button) shows its state in characters, not in colour alone."""

from __future__ import annotations

import re
from pathlib import Path

from pilot_helpers import wait_for
from textual.app import App, ComposeResult
from textual.widgets import RadioSet

import herford_tui
from herford_tui.ui.common.tickbox import RadioChoice, TickBox


class _Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("Stellvertretungen auch einladen", False, compact=True, id="off")
        yield TickBox("öffentlich", True, compact=True, id="on")
        with RadioSet(compact=True, id="format"):
            yield RadioChoice("PDF", True, id="pdf")
            yield RadioChoice("DOCX", id="docx")


def _line(app: App, widget_id: str) -> str:
    return "".join(segment.text for segment in app.query_one(f"#{widget_id}").render_line(0))


async def test_ticked_and_empty_boxes_differ_without_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = _Boxes()
    async with app.run_test(size=(60, 5)) as pilot:
        assert "[ ] Stellvertretungen auch einladen" in _line(app, "off")
        assert "[x] öffentlich" in _line(app, "on")
        box = app.query_one("#off", TickBox)
        box.focus()
        assert await wait_for(pilot, lambda: box.has_focus)  # focus() takes effect a message later
        await pilot.press("space")  # "Leertaste" ticks it
        assert await wait_for(pilot, lambda: box.value)
        assert "[x] Stellvertretungen" in _line(app, "off")


async def test_chosen_and_other_radio_buttons_differ_without_colour(monkeypatch):
    """Trying the app with NO_COLOR: the document dialog showed "●" before both PDF and DOCX."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = _Boxes()
    async with app.run_test(size=(60, 6)) as pilot:
        assert "(*) PDF" in _line(app, "pdf")
        assert "( ) DOCX" in _line(app, "docx")
        app.query_one("#format", RadioSet).focus()
        await pilot.press("right", "enter")  # move to DOCX and choose it
        # PDF is let go by the RadioSet a message after DOCX is chosen: wait for both lines
        assert await wait_for(pilot, lambda: "( ) PDF" in _line(app, "pdf") and "(*) DOCX" in _line(app, "docx"))


def test_the_ui_has_no_plain_checkbox():
    """Textual's Checkbox draws an X in both states; every box in the UI is a TickBox."""
    ui = Path(herford_tui.__file__).parent / "ui"
    plain = [
        f"{path.relative_to(ui)}:{n}"
        for path in ui.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"(?<![A-Za-z])(Checkbox|RadioButton)\(", line)
        and "class TickBox(Checkbox)" not in line
        and "class RadioChoice(RadioButton)" not in line
    ]
    assert plain == []
