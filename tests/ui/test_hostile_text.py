"""Property test (issue 6, item 1): whatever text a file holds, every view, form and dialog
opens without a crash and no raw escape sequence reaches the screen.

The text goes into the file directly, as an import or a hand edit could put it there
(the forms would refuse some of it, e.g. 10,000 characters in a name).
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from datetime import date
from pathlib import Path

from conftest import build_world
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pilot_helpers import SIZE, screen_text, settle

from herford_tui.domain import AgendaItem, Meeting
from herford_tui.store import ConflictError
from herford_tui.ui.common.conflict import ConflictScreen

HOSTILE = [
    "[/b]", "[/]", "[b]x[/b]", "[@click=app.quit]x[/]", "[@click=app.screenshot()]y[/]", "[link=http://x]y[/link]",
    "\x1b]0;title\x07", "\x1b[2J", "\x9b31m", "\r", "\u202e", "\u200b", "a" * 10_000, "🙂", "Sommer [/b]",
]  # fmt: skip
hostile = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))

FREE_TEXT = {
    "committees": ("name", "short_name", "purpose", "rhythm_note"),
    "organisations": ("name", "address", "phone", "email", "website", "notes"),
    "persons": ("title", "given_name", "family_name", "function", "email", "phone", "notes"),
    "memberships": ("notes",),
    "meetings": ("location", "notes"),
}
RAW = ("\x1b", "\x9b", "\x07", "\r", "\u202e")
"""Never on the screen as such: each must have become a visible stand-in."""

COMMITTEE_KEYS = ("a", "e", "x", "v", "m", "g", "n", "p", "r", "delete")
PANE_KEYS = ("a", "e", "delete")


def poison(path: Path, text: str) -> None:
    """Every free-text field of every record (and seat labels, agenda titles) becomes ``text``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for table, fields in FREE_TEXT.items():
        for doc in data.get(table, {}).values():
            for name in fields:
                doc[name] = text
            for seat in doc.get("seats", []):
                seat["label"] = text
            for item in doc.get("agenda", []):
                item["title"] = text
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def assert_clean(app, where: str) -> None:
    shown = screen_text(app)
    leaked = [repr(c) for c in RAW if c in shown]
    assert not leaked, f"{where}: raw {leaked} on screen"


async def open_and_close(app, pilot, key: str, where: str) -> None:
    await pilot.press(key)
    await settle(app, pilot)
    assert app.is_running, where
    assert_clean(app, where)
    while app.screen is not app.screen_stack[0]:
        await pilot.press("escape")
        await settle(app, pilot)
        if app.screen is not app.screen_stack[0] and "Verwerfen" in screen_text(app):
            await pilot.press("j")  # a form asked whether to discard: yes
            await settle(app, pilot)


async def visit_everything(path: Path, committee_id: int) -> None:
    """Keys only (as a user would): every tab, every form and dialog it offers, help, archive."""
    from pilot_helpers import TODAY

    from herford_tui.app import create_app

    app = create_app(path, today=lambda: TODAY, poll_interval=0.1, open_view=str(committee_id))
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert_clean(app, "start")
        for key in COMMITTEE_KEYS:
            await open_and_close(app, pilot, key, f"Lenkungskreis/{key}")
        assert app.snapshot is not None
        for n in range(1, min(len(app.snapshot.active_committees()), 9) + 1):
            await open_and_close(app, pilot, str(n), f"Gremium {n}")
        for tab in ("o", "j"):
            await open_and_close(app, pilot, tab, f"Reiter {tab}")
            for key in PANE_KEYS:
                await open_and_close(app, pilot, key, f"{tab}/{key}")
        await open_and_close(app, pilot, "G", "Archiv")
        await open_and_close(app, pilot, "f1", "Hilfe")
        # The conflict dialog with both versions of a poisoned record.
        person = next(iter(app.snapshot.persons.values()))
        mine = type(person)(**{**vars(person), "notes": person.notes + "!"})
        app.push_screen(ConflictScreen(ConflictError(mine, person), base=person))
        await settle(app, pilot)
        assert_clean(app, "Konflikt")
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.is_running


@settings(
    max_examples=2,  # plus the two explicit examples: bounded to well under a minute
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@example(text="".join(HOSTILE[:-3]) + "🙂")
@given(text=hostile)
def test_every_view_form_and_dialog_survives_hostile_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "herford.json"
        world = build_world(path)
        store = world.store()
        store.save(
            Meeting(
                committee_id=world.lenkungskreis,
                date=date(2026, 12, 3),
                agenda=[AgendaItem(number="1", title="Begrüßung")],
            )
        )
        poison(path, text)
        asyncio.run(visit_everything(path, world.lenkungskreis))
