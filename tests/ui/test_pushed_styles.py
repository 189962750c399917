"""The CSS of pushed screens (``stylesheet.PUSHED``: forms.tcss, screens.tcss) is not parsed for
the first frame: it is read once the first screen is up, or when a screen is pushed before that.
A dialog looks the same either way."""

from __future__ import annotations

from pilot_helpers import SIZE, TODAY, shown, wait_for

from herford_tui.app import HerfordApp
from herford_tui.ui.common.help import HelpScreen
from herford_tui.ui.common.stylesheet import PUSHED


def _read(app: HerfordApp) -> bool:
    return all(app.stylesheet.has_source(str(path)) for path in PUSHED)


def _dialog_styled(screen: HelpScreen) -> bool:
    dialogs = screen.query(".dialog")
    return bool(dialogs) and dialogs.first().styles.border_top[0] == "thick"  # forms.tcss: .dialog


async def test_pushed_styles_are_read_once_the_first_screen_is_up(world):
    app = world.app()
    async with app.run_test(size=SIZE) as pilot:
        assert await wait_for(pilot, lambda: _read(app))
        await pilot.press("f1")
        help_screen = await shown(pilot, HelpScreen)
        assert await wait_for(pilot, lambda: _dialog_styled(help_screen))


class _PushingAtOnce(HerfordApp):
    """Pushes a dialog in its own mount, before the app's (and so before its first frame)."""

    pushed_before_read: bool | None = None

    def on_mount(self) -> None:
        self.pushed_before_read = not _read(self)
        self.push_screen(HelpScreen({}))


async def test_a_screen_pushed_before_the_first_frame_gets_its_styles(world):
    app = _PushingAtOnce(world.store(), today=lambda: TODAY, poll_interval=0.1)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        help_screen = await shown(pilot, HelpScreen)
        assert app.pushed_before_read is True
        assert await wait_for(pilot, lambda: _dialog_styled(help_screen))
        assert help_screen.styles.align_horizontal == "center"  # forms.tcss: ModalScreen
