"""Screens that skip Textual's restyle of the whole screen at their first resume."""

from __future__ import annotations

from textual import events


class StyledAtMount:
    """For a ``Screen`` (before it in the bases): at the first resume, the push, every widget was
    styled as it was mounted (``App._register``; the order-dependent and focus styles as they
    were set), and Textual's restyle of the whole screen there changed nothing: 8 ms of CPU
    before the main screen's first frame, a third of the CPU of opening a form. A later resume
    (a dialog over the screen closed) restyles as Textual does."""

    _resumed = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler (``Screen._on_screen_resume``, later in the class
        # order), which reads the flag.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
