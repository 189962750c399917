"""The CSS is parsed once per process and shared by the apps (``ui/common/stylesheet.py``)."""

from __future__ import annotations

from textual.app import App
from textual.css.stylesheet import Stylesheet

from herford_tui.ui.common import stylesheet
from herford_tui.ui.common.stylesheet import SharedStylesheet, shared_stylesheet

CSS = """
Screen { background: $primary; }
#roster { height: 1fr; }
.note { color: $error; text-style: bold; }
"""


def _variables() -> dict[str, str]:
    return App().get_css_variables()


def _parsed(sheet: Stylesheet) -> list[str]:
    sheet.add_source(CSS, read_from=("test_shared_stylesheet", "CSS"))
    sheet.parse()
    return [rule.css for rule in sheet.rules]


def test_the_installed_textual_takes_the_shared_parse():
    """The guard lets it in (a Textual that changed ``_parse_rules`` would fall back silently:
    this test says so instead)."""
    assert stylesheet.FITS
    assert isinstance(shared_stylesheet(_variables()), SharedStylesheet)


def test_a_second_stylesheet_takes_the_parsed_rules_and_they_equal_textuals_own():
    variables = _variables()
    first, second = SharedStylesheet(variables=variables), SharedStylesheet(variables=variables)
    assert _parsed(first) == _parsed(second) == _parsed(Stylesheet(variables=variables))
    assert all(a is b for a, b in zip(first.rules, second.rules, strict=True))  # not parsed again


def test_other_variables_are_parsed_apart():
    variables = _variables()
    other = {**variables, "primary": "#123456"}
    plain, changed = SharedStylesheet(variables=variables), SharedStylesheet(variables=other)
    assert _parsed(changed) == _parsed(Stylesheet(variables=other))
    assert _parsed(plain) != _parsed(changed)  # $primary differs

    plain.set_variables(other)  # a new theme: parsed with the other variables
    plain.parse()
    assert [rule.css for rule in plain.rules] == _parsed(Stylesheet(variables=other))


def test_the_app_uses_it(world):
    assert isinstance(world.app().stylesheet, SharedStylesheet)
