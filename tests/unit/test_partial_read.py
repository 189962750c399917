"""Look-ups read only what they need (``store/partial.py``): the same records as the whole store,
and anything unusual goes the whole way, where the German messages are."""

from __future__ import annotations

import json
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from herford_tui.cli import main
from herford_tui.domain import AgendaItem, Meeting, Person, Task
from herford_tui.domain.duplicates import EVERY
from herford_tui.domain.schedule import upcoming_lines
from herford_tui.store import Store
from herford_tui.store.demo import write_demo
from herford_tui.store.partial import upcoming_meetings

TODAY = date(2026, 11, 28)
HOSTILE = '\x1b[31mRot\x1b[0m [b]fett[/b] \u202eumgekehrt \x00\x7f\x9b „Zitat“ \\ " ß'


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Small demo data, namesakes (Müller = Mueller) and hostile text in meetings around TODAY."""
    path = tmp_path_factory.mktemp("partial") / "demo.json"
    store = Store(path).open()
    write_demo(store, size="small", seed=3, today=TODAY)
    snapshot = store.snapshot()
    committee = next(iter(snapshot.committees.values()))
    jurgen = store.save(Person(given_name="Jürgen", family_name="Müller"))
    store.save(Person(given_name="Juergen", family_name="Mueller"), confirmed=EVERY)  # a namesake, on purpose
    for offset, text in ((0, HOSTILE), (1, "Müller & Mueller"), (29, HOSTILE[::-1]), (30, "am Rand"), (31, "danach")):
        store.save(
            Meeting(committee_id=committee.id, date=TODAY + timedelta(days=offset), start_time=time(9),
                    location=text, room=text,
                    agenda=[AgendaItem("1", text, minutes=text, tasks=[Task(what=text, person_id=jurgen.id)])])
        )  # fmt: skip
    return path


@pytest.mark.parametrize("days", [0, 1, 30, 400])
def test_the_chosen_meetings_are_the_whole_stores(demo: Path, days: int):
    whole = Store(demo, backups=0, read_only=True).open().snapshot()
    last = TODAY + timedelta(days=days)
    part = upcoming_meetings(demo, TODAY, last)
    assert part is not None
    assert part.committees == whole.committees
    chosen = {i: m for i, m in whole.meetings.items() if m.date and TODAY <= m.date <= last}
    assert part.meetings == {i: m for i, m in chosen.items() if m.committee_id in whole.committees}
    assert upcoming_lines(part, TODAY, days) == upcoming_lines(whole, TODAY, days)


ARGS = [[], ["--tage", "400"], ["--tage", "0"], ["--gremium", "Lenkungskreis", "--tage", "99"]]


@pytest.mark.parametrize("args", ARGS)
def test_termine_prints_what_it_printed_from_the_whole_store(runner, demo: Path, monkeypatch, args):
    fast = runner.invoke(main, ["termine", "--db", str(demo), *args])
    monkeypatch.setattr("herford_tui.store.partial.upcoming_meetings", lambda *_: None)
    whole = runner.invoke(main, ["termine", "--db", str(demo), *args])
    assert fast.exit_code == whole.exit_code == 0, fast.output
    assert fast.output == whole.output
    assert "\x1b" not in fast.output


def _rewritten(source: Path, target: Path, change) -> Path:
    data = json.loads(source.read_bytes())
    text = change(data)
    target.write_text(text if isinstance(text, str) else json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return target


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: json.dumps(d, indent=2), id="pretty-printed"),
        pytest.param(lambda d: d["meta"]["1"].update(schema=1), id="old schema"),
        pytest.param(lambda d: d.update(fremd={}), id="unknown table"),
        pytest.param(lambda d: d["meta"].clear(), id="no meta record"),
        pytest.param(lambda d: next(iter(d["meetings"].values())).update(date="12.03.2026"), id="a foreign date"),
        pytest.param(lambda d: next(iter(d["committees"].values())).update(name=5), id="a broken committee"),
    ],
)
def test_an_unusual_file_goes_the_whole_way(demo: Path, tmp_path: Path, change):
    path = _rewritten(demo, tmp_path / "odd.json", change)
    assert upcoming_meetings(path, TODAY, TODAY + timedelta(days=30)) is None


def test_a_broken_meeting_file_gets_the_whole_stores_german_message(runner, demo: Path, tmp_path: Path):
    path = _rewritten(demo, tmp_path / "odd.json", lambda d: next(iter(d["meetings"].values())).update(date=5))
    result = runner.invoke(main, ["termine", "--db", str(path)])
    assert result.exit_code == 2
    assert "Tabelle „meetings“" in result.output
