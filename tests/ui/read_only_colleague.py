"""Run as a non-root colleague by test_read_only_user.py: open the app on a 0440 file, try the
edit keys, and print what happened as one JSON line."""

from __future__ import annotations

import asyncio
import json
import sys

from herford_tui.app import create_app

KEYS = ("a", "e", "x", "v", "m", "delete", "g", "n", "p", "r")


def say(**values: object) -> None:
    print(json.dumps(values), flush=True)


async def run(db: str) -> None:
    app = create_app(db, open_view="lenkungskreis", poll_interval=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        opened = []
        for key in KEYS:
            await pilot.press(key)
            await pilot.pause()
            if app.screen is not app.screen_stack[0]:
                opened.append(key)
                await pilot.press("escape")
        notes = [str(n.message) for n in app._notifications]
        say(reason=app.read_only_reason, sub_title=app.sub_title, opened=opened, notes=notes)


if __name__ == "__main__":
    asyncio.run(run(sys.argv[1]))
