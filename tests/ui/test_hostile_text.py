"""Property test (issue 6, item 1): whatever text a file holds, every view, form and dialog
opens without a crash and no raw escape sequence reaches the screen.

The text goes into the file directly, as an import or a hand edit could put it there
(the forms would refuse some of it, e.g. 10,000 characters in a name).

Two parts (issue 20.7: the sweep as fast checks): the text builders of every view get any text
(each hostile string, then generated ones) without an app; Pilot runs open every view, form
and dialog by keys, one part of the app per test. There every field holds the combined hostile
string followed by another single one (so every field has every escape and markup, and each
string, the 10,000 characters too, is on screen somewhere).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pilot_helpers import SIZE, TODAY, screen_text, settle

from herford_tui.domain import AgendaItem, Attendance, Decision, Meeting, MeetingAttendance, Snapshot, Task
from herford_tui.domain.attendance import attendance_lines
from herford_tui.domain.people import organisation_facts, person_facts
from herford_tui.domain.roster import roster_lines
from herford_tui.domain.text import printable
from herford_tui.store import ConflictError, Store
from herford_tui.ui.committees.presentation import committee_info, member_detail, roster_rows
from herford_tui.ui.common.conflict import ConflictScreen
from herford_tui.ui.directory.record_tables import facts_text
from herford_tui.ui.meetings import presentation as meeting_texts
from herford_tui.ui.year import presentation as year_texts

HOSTILE = [
    "[/b]", "[/]", "[b]x[/b]", "[@click=app.quit]x[/]", "[@click=app.screenshot()]y[/]", "[link=http://x]y[/link]",
    "\x1b]0;title\x07", "\x1b[2J", "\x9b31m", "\r", "\u202e", "\u200b", "a" * 10_000, "🙂", "Sommer [/b]",
]  # fmt: skip
COMBINED = "".join(HOSTILE[:-3]) + "🙂"
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


def poison(path: Path, text: Callable[[], str]) -> None:
    """Every free-text field of every record (and seat labels, agenda titles) becomes ``text()``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for table, fields in FREE_TEXT.items():
        for doc in data.get(table, {}).values():
            for name in fields:
                doc[name] = text()
            for seat in doc.get("seats", []):
                seat["label"] = text()
            for item in doc.get("agenda", []):
                item["title"] = text()
                item["notes"] = text()
                for decision in item.get("decisions", []):
                    decision["text"] = text()
                for task in item.get("tasks", []):
                    task["what"] = text()
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def hostile_world(world) -> int:
    """The committee fixture's file plus a meeting with agenda, decision, task and attendance."""
    world.store().save(
        Meeting(
            committee_id=world.lenkungskreis,
            date=date(2026, 12, 3),
            agenda=[
                AgendaItem(
                    number="1",
                    title="Begrüßung",
                    notes="n",
                    responsible_person_id=world.person["test"],
                    decisions=[Decision(text="beschlossen")],
                    tasks=[Task(what="t", person_id=world.person["probe"], due=date(2026, 12, 10))],
                )
            ],
            attendance=[MeetingAttendance(person_id=world.person["beispiel"], status=Attendance.ANWESEND)],
        )
    )
    return world.lenkungskreis


# -- the text builders of every view, without an app ------------------------------------------------
@pytest.fixture
def clean_file(world) -> tuple[bytes, int]:
    committee_id = hostile_world(world)
    return world.bytes(), committee_id


def shown_texts(snap: Snapshot, committee_id: int) -> list[str]:
    """The plain text of everything the views build from the snapshot (what reaches the terminal)."""
    lines = roster_lines(snap, committee_id, TODAY, history=True)
    texts = [committee_info(snap, c, TODAY).plain for c in snap.committees.values()]
    texts += [cell.plain for row in roster_rows(snap, lines) for cell in row]
    texts += [member_detail(snap, line, committee_id, TODAY).plain for line in lines]
    for meeting in snap.meetings.values():
        texts.append(meeting_texts.header(snap, meeting, TODAY).plain)
        for i in range(len(meeting.agenda)):
            texts += [c.plain for c in meeting_texts.agenda_row(snap, meeting, i)]
            texts.append(meeting_texts.item_detail(snap, meeting, i, TODAY).plain)
        att = attendance_lines(snap, meeting)
        texts += [c.plain for line in att for c in meeting_texts.attendance_row(snap, line)]
        texts.append(meeting_texts.attendance_summary(snap, meeting, att).plain)
        texts.append(year_texts.meeting_line(snap, meeting, TODAY).plain)
        texts += [c.plain for c in year_texts.list_row(snap, meeting, TODAY)]
    for row in year_texts.grid_rows(snap, 2026, TODAY):
        texts += [c.plain for c in year_texts.row_cells(row, 12)]
        texts += [year_texts.cell_detail(snap, row, month, 2026, TODAY).plain for month in (None, 12)]
    texts += [facts_text(person_facts(snap, p)).plain for p in snap.persons.values()]
    texts += [facts_text(organisation_facts(o)).plain for o in snap.organisations.values()]
    return texts


def check_builders(clean_file: tuple[bytes, int], folder: Path, text: str) -> None:
    raw, committee_id = clean_file
    path = folder / "herford.json"
    path.write_bytes(raw)
    poison(path, lambda: text)
    snap = Store(path).open().snapshot()
    texts = shown_texts(snap, committee_id)
    for shown in texts:
        leaked = [repr(c) for c in RAW if c in shown]
        assert not leaked, f"raw {leaked} in {shown[:200]!r}"
    if text.strip() and "\n" not in text:  # the chair's name as stored, made visible, never parsed as markup
        assert any(printable(text) in shown for shown in texts)


@pytest.mark.parametrize("text", [COMBINED, *HOSTILE], ids=lambda text: ascii(text)[:30])
def test_every_view_text_shows_hostile_text_literally(clean_file, tmp_path: Path, text: str) -> None:
    check_builders(clean_file, tmp_path, text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile)
def test_every_view_text_survives_any_text(clean_file, tmp_path_factory, text: str) -> None:
    check_builders(clean_file, tmp_path_factory.mktemp("any"), text)


# -- every view, form and dialog in the running app -----------------------------------------------
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


def the_conflict_dialog(app) -> ConflictScreen:
    """The conflict dialog with both versions of a poisoned record."""
    person = next(iter(app.snapshot.persons.values()))
    mine = type(person)(**{**vars(person), "notes": person.notes + "!"})
    return ConflictScreen(ConflictError(mine, person), base=person)


# Each part of the app, reached by keys as a user would from the committee's roster: every form
# and dialog of the roster, every committee's tab, the directory and the year with their forms,
# the archive, the help and the conflict dialog. (One app start per part: a part is a fast check.)
PARTS: dict[str, tuple[str, ...]] = {
    "roster-1": COMMITTEE_KEYS[:5],
    "roster-2": COMMITTEE_KEYS[5:],
    "committees": tuple(str(n) for n in range(1, 10)),
    "directory": ("o", *PANE_KEYS),
    "year": ("j", *PANE_KEYS),
    "archive-help-conflict": ("G", "f1", "conflict"),
}
TABS = ("o", "j")
"""Keys that switch the tab and stay there: the keys after them act on that tab."""


async def visit(path: Path, committee_id: int, part: str) -> None:
    from herford_tui.app import create_app

    app = create_app(path, today=lambda: TODAY, poll_interval=0.1, open_view=str(committee_id))
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert_clean(app, "start")
        assert app.snapshot is not None
        tab = "Lenkungskreis"
        for key in PARTS[part]:
            if key.isdigit() and int(key) > len(app.snapshot.active_committees()):
                continue  # fewer committees than digit keys: nothing to switch to
            if key == "conflict":
                app.push_screen(the_conflict_dialog(app))
                await settle(app, pilot)
                assert_clean(app, "Konflikt")
                await pilot.press("escape")
                await settle(app, pilot)
            else:
                await open_and_close(app, pilot, key, f"{tab}/{key}")
            if key in TABS:
                tab = key
        assert app.is_running


def combined_then_each() -> Callable[[], str]:
    """The combined string, then each hostile string in turn (neighbouring fields: other ones)."""
    strings = itertools.cycle(HOSTILE)
    return lambda: COMBINED + next(strings)


@pytest.mark.parametrize("part", PARTS)
def test_every_view_form_and_dialog_survives_hostile_text(world, part: str) -> None:
    committee_id = hostile_world(world)
    poison(world.path, combined_then_each())
    asyncio.run(visit(world.path, committee_id, part))
