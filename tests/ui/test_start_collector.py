"""The CLI starts the app with the garbage collector off; the app turns it on after its first frame."""

from __future__ import annotations

import gc
from pathlib import Path

from click.testing import CliRunner
from pilot_helpers import SIZE, TODAY, wait_for

from herford_tui.app import create_app
from herford_tui.cli import main
from herford_tui.domain import pacing
from herford_tui.domain.pacing import collector_paused


async def test_the_collector_paused_for_the_start_is_on_after_the_first_frame(world):
    gc.disable()
    try:
        app = create_app(world.path, today=lambda: TODAY, resume_collector=True)
        async with app.run_test(size=SIZE) as pilot:
            # after the first frame's refresh (or, when a thread of an earlier test still builds
            # with the collector paused, when that build ends)
            assert await wait_for(pilot, gc.isenabled)
    finally:
        gc.enable()


async def test_a_background_pause_keeps_it_off_until_the_pause_ends(world):
    """The start's pending tables are decoded in a thread with the collector paused: the first
    frame does not turn it on under that block, its end does."""
    gc.disable()
    try:
        with collector_paused():
            app = create_app(world.path, today=lambda: TODAY, resume_collector=True)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                await pilot.pause()
                assert not gc.isenabled()
        assert gc.isenabled() or _paused_elsewhere()
    finally:
        gc.enable()


def _paused_elsewhere() -> bool:
    """A thread of an earlier test's app still builds with the collector paused: its end turns
    the collector on (``pacing.collect_again``)."""
    return pacing._paused > 0


def test_a_start_that_fails_leaves_the_collector_on(tmp_path: Path):
    broken = tmp_path / "kaputt.json"
    broken.write_bytes(b"\xff not json")
    result = CliRunner().invoke(main, ["--db", str(broken)])
    assert result.exit_code == 2
    assert gc.isenabled()
