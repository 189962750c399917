"""The typed way from a widget or screen to the app: ``self.herford``.

Textual types ``self.app`` as a bare ``App``; views and screens need the app's
snapshot, "today" and save methods. Mix ``HerfordAccess`` in front of the Textual base
class and use ``self.herford`` instead of ``self.app``; mypy then checks every use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from textual.app import App

    from herford_tui.app import HerfordApp


class HerfordAccess:
    if TYPE_CHECKING:
        app: App[Any]  # given by the Textual class this is mixed into

    @property
    def herford(self) -> HerfordApp:
        """The running ``HerfordApp`` (the only app these widgets run in)."""
        return cast("HerfordApp", self.app)
