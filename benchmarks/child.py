"""The other processes of a benchmark run: ``python benchmarks/child.py KIND PATH [ARGS]``.

Each prints one JSON object per answer on stdout, so ``run.py`` reads figures, never logs.

- ``rss PATH [MAX_TABS]``: the real app, headless (Pilot), visits every tab (or an even sample of
  ``MAX_TABS``); peak RSS and the slowest first visit of a tab.
- ``parse PATH``: ``json.loads`` of the file, nothing else; peak RSS (the baseline of ``rss``).
- ``colleague PATH``: a colleague's app process: on each ``save TEXT`` line it saves a person's
  notes and answers with the monotonic time the save returned.
- ``ui_colleague PATH N``: the app, headless, while a colleague's process saves N times: how
  long from each save to the roster showing it.
- ``writer PATH ID N``: one of the concurrent writers: after ``go`` it inserts N organisations.
"""

from __future__ import annotations

import asyncio
import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def _peak_rss_mib() -> float:
    """This process's peak RSS. Not ``ru_maxrss``: Linux carries the parent's peak over a
    fork and exec into it (``signal->maxrss``), so a child of the big benchmark process
    would report the parent's memory. ``VmHWM`` belongs to this program's own memory map."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _say(figures: dict[str, object]) -> None:
    print(json.dumps(figures), flush=True)


def parse(path: Path) -> None:
    data = json.loads(path.read_bytes())
    _say({"rss_mib": _peak_rss_mib(), "tables": len(data)})


def rss(path: Path, max_tabs: int) -> None:
    asyncio.run(_visit_every_tab(path, max_tabs))


def _sample(panes: list[str], limit: int) -> list[str]:
    """Every tab if there are at most ``limit``; else every tab that is not a single committee
    (Arbeitskreise, Organisationen, Jahr) and committee tabs spread evenly over the rest."""
    if len(panes) <= limit:
        return panes
    special = [p for p in panes if not p.startswith("gremium-")]
    single = [p for p in panes if p.startswith("gremium-")]
    room = max(limit - len(special), 1)
    picked = {single[i * len(single) // room] for i in range(room)}
    return [p for p in panes if p in special or p in picked]


async def _visit_every_tab(path: Path, max_tabs: int) -> None:
    from textual.widgets import TabbedContent, TabPane

    from herford_tui.app import create_app

    app = create_app(path, poll_interval=3600)  # no colleague here: polling would only add noise
    app.animation_level = "none"
    visits: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        tabs = app.screen.query(TabbedContent).first()
        panes = [pane.id for pane in tabs.query(TabPane) if pane.id]
        for pane_id in _sample(panes, max_tabs):
            start = time.perf_counter()
            tabs.active = pane_id
            await _settle(app, pilot)
            visits[pane_id] = time.perf_counter() - start
    slowest = max(visits, key=lambda k: visits[k]) if visits else ""
    _say(
        {
            "rss_mib": _peak_rss_mib(),
            "tabs": len(visits),
            "tabs_in_app": len(panes),
            "first_visit_max_s": visits.get(slowest, 0.0),
            "first_visit_slowest": slowest,
            "first_visit_total_s": sum(visits.values()),
        }
    )


async def _settle(app, pilot) -> None:
    """Until the shown tab has built and refreshed: messages handled, workers done, painted."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def colleague(path: Path, person_id: int | None = None, field: str = "notes") -> None:
    from herford_tui.domain import Person
    from herford_tui.store import Store

    store = Store(path).open()
    person_id = person_id or min(store.snapshot().persons)
    _say({"ready": True, "person_id": person_id})
    for line in sys.stdin:
        command, _, text = line.rstrip("\n").partition(" ")
        if command != "save":
            break
        person = store.get(Person, person_id)
        setattr(person, field, text)  # a str field of Person: notes, function
        store.save(person)
        _say({"saved_at": time.monotonic()})


def ui_colleague(path: Path, runs: int) -> None:
    asyncio.run(_ui_colleague(path, runs))


async def _ui_colleague(path: Path, runs: int) -> None:
    """The app shows the first committee; a colleague's process changes the function of the
    person on its first roster line; how long until the roster shows it. The app polls every
    20 ms here, so the figure is the refresh, not the poll interval (1 s in the app)."""
    from textual.widgets import DataTable

    from herford_tui.app import create_app

    app = create_app(path, poll_interval=0.02)
    app.animation_level = "none"
    took: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        table = next(t for t in app.screen.query("#roster").results(DataTable) if t.region.area)
        view = table.parent
        line = next(line for line in view.lines if line.membership is not None)  # type: ignore[union-attr]
        person_id = line.membership.person_id
        other = subprocess.Popen(
            [sys.executable, __file__, "colleague", str(path), str(person_id), "function"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        assert other.stdin is not None and other.stdout is not None
        try:
            json.loads(other.stdout.readline())
            for i in range(runs):
                text = f"Funktion {i}"
                other.stdin.write(f"save {text}\n")
                other.stdin.flush()
                saved_at = json.loads(other.stdout.readline())["saved_at"]
                while not any(text in str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)):
                    await pilot.pause(0.002)
                took.append(time.monotonic() - saved_at)
        finally:
            other.stdin.close()
            other.wait()
    _say({"seconds": took})


def writer(path: Path, writer_id: str, count: int) -> None:
    from herford_tui.domain import Organisation
    from herford_tui.store import Store

    store = Store(path).open()
    _say({"ready": True})
    if sys.stdin.readline().strip() != "go":
        return
    errors: list[str] = []
    failed: list[int] = []
    for k in range(count):
        try:
            store.save(Organisation(name=f"Benchmark-Schreiber {writer_id}-{k}"))
        except Exception as exc:  # a refused save is a figure (the user is told), not a crash
            errors.append(f"{type(exc).__name__}: {exc}")
            failed.append(k)
    _say({"done_at": time.monotonic(), "errors": errors, "failed": failed})


if __name__ == "__main__":
    kind, file, *rest = sys.argv[1:]
    target = Path(file)
    if kind == "rss":
        rss(target, int(rest[0]) if rest else 1_000_000)
    elif kind == "parse":
        parse(target)
    elif kind == "colleague":
        colleague(target, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else "notes")
    elif kind == "ui_colleague":
        ui_colleague(target, int(rest[0]))
    elif kind == "writer":
        writer(target, rest[0], int(rest[1]))
    else:
        sys.exit(f"unknown child {kind!r}")
