"""Each CSS source parsed once per process, not once per app.

Textual parses an app's CSS (app.tcss, forms.tcss, every widget's ``DEFAULT_CSS``) for every
``App`` anew: its parse cache lives in the app's ``Stylesheet``. A process that builds many
apps (the Pilot tests start about 250, ``herford-tui web`` one per browser session) parsed the
same text each time: 30-40 ms of each start's ~250 ms of CPU.

``shared_stylesheet`` gives the app a ``Stylesheet`` whose parsed rules come from a cache of
the process, keyed by everything the parse reads: the text, where it came from, its place in
the cascade and the CSS variables (the theme). The rules are not changed after the parse (the
app builds its own lists and maps of them), so sharing them changes nothing an app shows.

The CSS of the screens pushed over the tabs (``PUSHED``: dialogs, forms, record and meeting
screens) is not the first screen's: ``read_pushed`` adds it once that screen is painted, or before
the first screen is pushed if that comes first. Its parse (15 ms of a cold start's ~300 ms of CPU)
so no longer delays the first frame, and no rule of it matches a widget of the first screen, so
what that frame shows is the same.

This overrides ``Stylesheet._parse_rules``, a private method (Textual has no public hook for
it). Guarded: when the installed Textual's method is not the one this was written against
(its parameters), the app keeps Textual's own ``Stylesheet`` and only loses the saving.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

LIMIT = 512
"""Parsed sources kept (the app and its forms use about 80); past it the cache starts anew."""

_parsed: dict[tuple[Any, ...], list[RuleSet]] = {}

_EXPECTED = ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]


def _fits() -> bool:
    """Whether the installed Textual parses through ``_parse_rules`` as this module expects."""
    method = getattr(Stylesheet, "_parse_rules", None)
    try:
        return method is not None and list(inspect.signature(method).parameters) == _EXPECTED
    except (TypeError, ValueError):
        return False


FITS = _fits()


def _variables_key(variables: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((variables or {}).items()))


class SharedStylesheet(Stylesheet):
    """A ``Stylesheet`` that takes parsed sources from the process's cache."""

    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._shared_key = _variables_key(variables)

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._shared_key = _variables_key(variables)

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (self._shared_key, css, read_from, is_default_rules, tie_breaker, scope)
        rules = _parsed.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if len(_parsed) >= LIMIT:
                _parsed.clear()
            _parsed[key] = rules
        return rules


def shared_stylesheet(variables: dict[str, str]) -> Stylesheet:
    """The stylesheet for a new app: shared parses where Textual allows it (``FITS``)."""
    return SharedStylesheet(variables=variables) if FITS else Stylesheet(variables=variables)


STYLES = Path(__file__).resolve().parent.parent / "styles"
PUSHED = (STYLES / "forms.tcss", STYLES / "screens.tcss")
"""The CSS of pushed screens only (see the module): read after the first frame."""


def read_pushed(stylesheet: Stylesheet) -> None:
    """Add the pushed screens' CSS and parse it (once; cached for the next app of the process)."""
    missing = [path for path in PUSHED if not stylesheet.has_source(str(path))]
    for path in missing:
        stylesheet.read(path)
    if missing:
        stylesheet.parse()  # now, not with the next widget styled (the first visit of a tab)
