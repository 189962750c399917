"""The other processes of a benchmark run: ``python benchmarks/child.py KIND PATH [ARGS]``.

Each prints one JSON object per answer on stdout, so ``run.py`` reads figures, never logs.

- ``ui PATH OPTIONS``: the real app, headless (Pilot), OPTIONS a JSON object (keys, saves,
  seconds, max_tabs): key presses in the first committee's roster, Ctrl+S in a member form, a
  colleague's saves seen in the roster, the first visit of every tab (or an even sample of
  ``max_tabs``), then the peak RSS.
- ``bare_ui ROWS OPTIONS``: the baselines of ``ui`` in a bare Textual app with a table of ROWS rows.
- ``tabs PATH OPTIONS``: the real app, headless: the first visit of every tab (an even sample of
  committee tabs), each with the shape of its largest table (rows × columns), then key presses in
  the first roster; the collector's passes over the whole session (``gc.callbacks``).
- ``bare_tabs SHAPES``: the baselines of ``tabs``: a bare Textual tab of each shape, its first visit.
- ``parse PATH``: ``json.loads`` of the file, nothing else; peak RSS (the baseline of ``ui``'s).
- ``colleague PATH``: a colleague's app process: on each ``save TEXT`` line it saves a person's
  notes and answers with the monotonic time the save returned.
- ``writer PATH ID N``: one of the concurrent writers: after each ``go TAG`` it inserts N organisations.
"""

from __future__ import annotations

import asyncio
import gc
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

MIN_SAVES = 3
"""Form saves and a colleague's saves per app process, even when their time budget is spent."""
MIN_TABS = 5
"""Tabs of the tour, even when its time budget is spent: Arbeitskreise, Organisationen, Jahr and two committees."""


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


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)] if ordered else 0.0


BACKGROUND = frozenset({"meetings", "search-index", "calendar", "preload", "evaluation"})
"""The app's workers after the start (``Store.complete`` and the pending meetings, the search index,
this year's holidays, the warm-up of the modules imported late, ``ui/preload.py``): no screen waits
for them, so no figure does. A tab visit right after the start waited for the search index to be
built (x10: 3.3 s for a tab of 0.2 s), and, once the warm-up came, for every module to be imported
(x1: the Arbeitskreise tab, first in the tour, 434 ms for a tab painted in ~100 ms). And the
Auswertung's: after the table's figures (which its visit waits for, ``_computed``) it goes on
with the trend line below, paced; its visit waited for that too (x1: 430 ms for figures shown
after 190 ms), which is recorded apart (``complete_s``)."""


async def _settle(app, pilot) -> None:
    """Until the app is quiet, then paint: every message handled (also those of widgets mounted
    meanwhile), every worker done but the background ones, the screen's layout and paint done
    now. Not ``pilot.pause()``: its idle detection sleeps 20 ms at least, twice per key, more
    than a key costs."""
    seen = -1
    while True:
        await pilot._wait_for_screen()
        workers = [worker for worker in app.workers if worker.name not in BACKGROUND]
        if workers:  # (an empty list would wait for all)
            await app.workers.wait_for_complete(workers)
        count = sum(1 for _ in app.screen.walk_children(with_self=True))
        if count == seen:
            break
        seen = count
    app.screen._on_timer_update()  # what the refresh timer does: layout and paint what changed


def _send(app, key: str) -> None:
    """A key as the terminal delivers it (as ``Pilot.press`` sends it, without its idle waits)."""
    from textual import events

    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)


async def _until(app, pilot, condition, what: str, timeout: float = 120.0) -> None:
    """Let the app run until ``condition`` holds (checked every millisecond), then one repaint."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not after {timeout:.0f} s")
        await asyncio.sleep(0.001)
    await _settle(app, pilot)


async def _press_keys(app, pilot, table, presses: int) -> list[float]:
    """Cursor down (up at the end of the table) ``presses`` times: press → screen updated."""
    took: list[float] = []
    table.focus()
    await _settle(app, pilot)
    step = "down"
    for _ in range(presses):
        if table.cursor_row >= table.row_count - 1:
            step = "up"
        elif table.cursor_row <= 0:
            step = "down"
        row = table.cursor_row
        start = time.perf_counter()
        _send(app, step)
        await _until(
            app, pilot, lambda row=row: table.cursor_row != row or table.row_count < 2, f"{step} in row {row}", 30
        )
        took.append(time.perf_counter() - start)
    return took


def _exists(screen, selector: str) -> bool:
    return any(True for _ in screen.query(selector))


def _row(table, row: int) -> list[str]:
    return [str(getattr(cell, "plain", cell)) for cell in table.get_row_at(row)] if row < table.row_count else []


def _roster_cells(table) -> list[str]:
    return [str(getattr(cell, "plain", cell)) for row in range(table.row_count) for cell in table.get_row_at(row)]


def ui(path: Path, options: dict[str, float]) -> None:
    asyncio.run(_ui(path, options))


async def _ui(path: Path, options: dict[str, float]) -> None:
    """All UI figures in one app process (its start costs seconds at x10), in this order:
    keys in the first committee's roster, Ctrl+S in a member form, a colleague's saves,
    then the tour of the tabs, then the peak RSS. The app polls every 20 ms, so a colleague's
    save is the refresh, not the poll interval (1 s in use); a poll without a change is one stat."""
    from textual.widgets import DataTable, TabbedContent, TabPane

    from herford_tui.app import create_app

    out: dict[str, object] = {}
    started = time.perf_counter()
    app = create_app(path, poll_interval=0.02)
    app.animation_level = "none"
    saves, seconds = int(options["saves"]), options["seconds"]
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        out["start_s"] = time.perf_counter() - started
        table = next(t for t in app.screen.query("#roster").results(DataTable) if t.region.area)
        view = table.parent
        out["roster_rows"] = table.row_count
        errors: dict[str, str] = {}
        parts = {
            "keys": lambda: _press_keys(app, pilot, table, int(options["keys"])),
            "ctrl_s": lambda: _form_saves(app, pilot, table, view, saves, seconds),
            "colleague": lambda: _colleague_saves(app, pilot, path, table, view, saves, seconds),
        }
        for key, measure in parts.items():
            try:  # a part that no longer fits the app (a key, a field renamed) costs its figure only
                out[key] = await measure()
            except Exception as exc:
                out[key], errors[key] = [], f"{type(exc).__name__}: {exc}"
                while app.screen is not app.main:  # back to the roster for the next part
                    app.pop_screen()
                await _settle(app, pilot)
        out["errors"] = errors
        tabs = app.screen.query(TabbedContent).first()
        panes = [pane.id for pane in tabs.query(TabPane) if pane.id]
        tour = [p for p in _sample(panes, int(options["max_tabs"])) if p != tabs.active]  # the start tab is built
        tour.sort(key=lambda p: p.startswith("gremium-"))  # Arbeitskreise, Organisationen, Jahr first
        visits: dict[str, float] = {}
        began = time.perf_counter()
        for n, pane_id in enumerate(tour):
            if n >= MIN_TABS and time.perf_counter() - began > seconds:
                break
            start = time.perf_counter()
            tabs.active = pane_id
            await _settle(app, pilot)
            visits[pane_id] = time.perf_counter() - start
        out.update(_visits(visits), rss_mib=_peak_rss_mib(), tabs_in_app=len(panes))
    _say(out)


def _visits(visits: dict[str, float]) -> dict[str, object]:
    slowest = max(visits, key=lambda k: visits[k]) if visits else ""
    return {
        "tabs": len(visits),
        "first_visits": visits,
        "first_visit_p95_s": _p95(list(visits.values())),
        "first_visit_max_s": visits.get(slowest, 0.0),
        "first_visit_slowest": slowest,
    }


def _two_organisations(snapshot) -> list[tuple[int, str]]:
    """Two organisations a picker finds first by their full name (typing it picks that one)."""
    from herford_tui.domain.search import find_organisations

    found: list[tuple[int, str]] = []
    for org in sorted(snapshot.organisations.values(), key=lambda o: o.id)[:200]:
        hits = find_organisations(snapshot, org.name, limit=2)
        if hits and hits[0].id == org.id and (len(hits) == 1 or hits[1].name != org.name):
            found.append((org.id, org.name))
            if len(found) == 2:
                return found
    raise RuntimeError("no two organisations a picker finds by name")


async def _form_saves(app, pilot, table, view, runs: int, seconds: float) -> list[float]:
    """``e`` on a current member, a new organisation in "vertritt", then Ctrl+S → the roster shows it."""
    from textual.widgets import Input

    row = next(
        i
        for i, line in enumerate(view.lines)
        if line.membership is not None and not line.ended and not line.upcoming and not line.deputy
    )
    orgs = _two_organisations(app.snapshot)
    took: list[float] = []
    began = time.perf_counter()
    for run in range(runs):
        if run >= MIN_SAVES and time.perf_counter() - began > seconds:
            break
        table.focus()
        table.move_cursor(row=row)
        await _settle(app, pilot)
        _send(app, "e")
        await _until(app, pilot, lambda: _exists(app.screen, "#represents-input"), "the member form")
        field = app.screen.query_one("#represents-input", Input)
        name = orgs[0][1] if field.value != orgs[0][1] else orgs[1][1]  # a change every time
        field.focus()
        field.value = name
        await _until(app, pilot, lambda: not _exists(app.screen, ".picker-matches.-empty"), "the picker's matches")
        _send(app, "enter")
        await _until(app, pilot, lambda field=field, name=name: field.value == name, f"the picker taking {name!r}", 30)
        if field.value != name:
            raise RuntimeError(f"the picker took {field.value!r} for {name!r}")
        start = time.perf_counter()
        _send(app, "ctrl+s")
        await _until(
            app, pilot, lambda name=name: app.screen is app.main and name in _row(table, row), "the roster after Ctrl+S"
        )
        took.append(time.perf_counter() - start)
    return took


async def _colleague_saves(app, pilot, path: Path, table, view, runs: int, seconds: float) -> list[float]:
    """A colleague's process changes the family name of the person on the first roster line
    (the Name column: a wide seat may push the function column off a 120-column roster);
    from its save returning to the roster showing it."""
    line = next(line for line in view.lines if line.membership is not None)
    person_id = line.membership.person_id
    other = subprocess.Popen(
        [sys.executable, __file__, "colleague", str(path), str(person_id), "family_name"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert other.stdin is not None and other.stdout is not None
    took: list[float] = []
    try:
        json.loads(other.stdout.readline())
        began = time.perf_counter()
        for i in range(runs):
            if i >= MIN_SAVES and time.perf_counter() - began > seconds:
                break
            text = f"Nachname {i}"
            other.stdin.write(f"save {text}\n")
            other.stdin.flush()
            saved_at = json.loads(other.stdout.readline())["saved_at"]
            await _until(
                app,
                pilot,
                lambda text=text: any(text in cell for cell in _roster_cells(table)),  # in the full name
                "a colleague's save in the roster",
            )
            took.append(time.monotonic() - saved_at)
    finally:
        other.stdin.close()
        other.wait()
    return took


def bare_ui(rows: int, options: dict[str, float]) -> None:
    asyncio.run(_bare_ui(rows, options))


async def _bare_ui(rows: int, options: dict[str, float]) -> None:
    """The baselines of the UI figures: a bare Textual app with the same tab skeleton, its
    tabs built on their first visit with a table of ``rows`` rows (as the app's roster)."""
    from bare_app import BareApp
    from textual.widgets import DataTable, TabbedContent

    app = BareApp(rows=rows, lazy=True)
    out: dict[str, object] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        table = app.query_one(DataTable)
        out["roster_rows"] = table.row_count
        out["keys"] = await _press_keys(app, pilot, table, int(options["keys"]))
        tabs = app.query_one(TabbedContent)
        visits: dict[str, float] = {}
        for pane_id in app.pane_ids[1:]:
            start = time.perf_counter()
            tabs.active = pane_id
            await _settle(app, pilot)
            visits[pane_id] = time.perf_counter() - start
        out.update(_visits(visits))
    _say(out)


class Pauses:
    """Every pass of the collector in this process (``gc.callbacks``): when, which generation, how
    long, and in which phase of the session (start, tour, keys). The app freezes what lives as long
    as a snapshot; a pass that walks it anyway shows up here as a long one. Long by the wall
    clock (what the user waits) and by the thread's CPU time (the collector's own work: on a busy
    machine the system may take the CPU away in the middle of a short pass)."""

    LONG = 0.05

    def __init__(self) -> None:
        self.phase = "start"
        self.passes: list[tuple[str, int, float, float]] = []
        self._began = (0.0, 0.0)
        gc.callbacks.append(self._callback)

    def _callback(self, what: str, info: dict[str, int]) -> None:
        if what == "start":
            self._began = (time.perf_counter(), time.thread_time())
        else:
            wall, cpu = time.perf_counter() - self._began[0], time.thread_time() - self._began[1]
            self.passes.append((self.phase, info["generation"], wall, cpu))

    def summary(self) -> dict[str, object]:
        long = [
            (phase, gen, round(wall * 1000, 1), round(cpu * 1000, 1))
            for phase, gen, wall, cpu in self.passes
            if wall > self.LONG
        ]
        return {
            "passes": len(self.passes),
            "over_50ms": len(long),
            "over_50ms_after_start": sum(1 for phase, *_ in long if phase != "start"),
            "over_50ms_cpu_after_start": sum(
                1 for phase, _, _, cpu in long if phase != "start" and cpu > self.LONG * 1000
            ),
            "max_ms": round(max((wall for *_, wall, _ in self.passes), default=0.0) * 1000, 1),
            "long": long,
        }


def _shape(pane) -> tuple[int, int]:
    """Rows × columns of the largest table shown in ``pane`` (a DataTable or a line-API table)."""
    from textual.widgets import DataTable

    from herford_tui.ui.common.line_table import LineTable

    shapes = [(t.row_count, len(t.columns)) for t in pane.query(DataTable) if t.display]
    shapes += [(t.row_count, len(t.labels)) for t in pane.query(LineTable) if t.display]
    return max(shapes, key=lambda shape: (shape[0] * shape[1], shape), default=(0, 0))


def _computed(pane, complete: bool = False) -> bool:
    """The tab shows its data: every view shown in it has filled itself from the snapshot (a view
    fills itself on its Show or first Resize, a frame after it is mounted: the Organisationen
    tab's visit, ended at the first quiet moment, was sometimes timed with its table still empty,
    its shape 0×0), and the Auswertung's once it has computed its figures (after its first paint;
    the trend line below follows; ``complete``: that too). Not an import of the views' modules:
    that would be timed in the first tab the tour visits (the Auswertung's: 50 ms, a third of the
    Arbeitskreise tab at x1), and the app imports them for its own tabs."""
    base = sys.modules.get("herford_tui.ui.common.view")
    shown = [view for view in pane.query(base.SnapshotView) if view.display] if base is not None else []
    if not shown or any(view._stale for view in shown):
        return False
    if pane.id != "auswertung":
        return True
    module = sys.modules.get("herford_tui.ui.evaluation.pane")
    views = list(pane.query(module.EvaluationPane)) if module is not None else []
    return bool(views) and all(view.complete if complete else view.evaluation is not None for view in views)


def tabs(path: Path, options: dict[str, float]) -> None:
    asyncio.run(_tabs(path, options))


async def _tabs(path: Path, options: dict[str, float]) -> None:
    from textual.widgets import DataTable, TabbedContent, TabPane

    from herford_tui.app import create_app

    pauses = Pauses()
    started = time.perf_counter()
    app = create_app(path)
    app.animation_level = "none"
    out: dict[str, object] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        out["start_s"] = time.perf_counter() - started
        pauses.phase = "tour"
        tabbed = app.screen.query(TabbedContent).first()
        panes = [pane for pane in tabbed.query(TabPane) if pane.id]
        labels = {pane.id: str(tabbed.get_tab(pane.id).label.plain) for pane in panes if pane.id}
        first = tabbed.active
        tour = [p for p in _sample([p.id for p in panes if p.id], int(options["max_tabs"])) if p != first]
        tour.sort(key=lambda p: p.startswith("gremium-"))
        visits: dict[str, dict[str, object]] = {}
        for pane_id in tour:
            start = time.perf_counter()
            tabbed.active = pane_id
            pane = tabbed.get_pane(pane_id)
            await _until(app, pilot, lambda pane=pane: _computed(pane), f"the tab {pane_id}", 300)
            took = time.perf_counter() - start
            visits[pane_id] = {"s": took, "shape": _shape(pane), "label": labels.get(pane_id, pane_id)}
            if pane_id == "auswertung":  # and its trend line, before the next tab (as before)
                await _until(app, pilot, lambda pane=pane: _computed(pane, complete=True), "the trend", 300)
                visits[pane_id]["complete_s"] = time.perf_counter() - start
        pauses.phase = "keys"
        tabbed.active = first
        await _settle(app, pilot)
        table = next(t for t in app.screen.query("#roster").results(DataTable) if t.region.area)
        keys = await _press_keys(app, pilot, table, int(options["keys"]))
        roster = (table.row_count, len(table.columns), table.size.height)  # rows on screen: it scrolls
        out.update(visits=visits, keys=keys, roster=roster, gc=pauses.summary(), tabs_in_app=len(panes))
    _say(out)


def bare_tabs(options: dict[str, object]) -> None:
    asyncio.run(_bare_tabs(options))


def _keyed_app(shapes: list[tuple[int, int]]):
    """A ``ShapedApp`` whose last tab is the roster's baseline: as in the roster, the tab's detail
    line (its last line, a fixed height) follows the cursor, redrawn without a layout."""
    from bare_app import ShapedApp
    from textual.widgets import DataTable, Static

    class KeyedApp(ShapedApp):
        def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
            pane = event.data_table.parent
            if pane is not None and pane.id == self.pane_ids[-1] and isinstance(pane.children[-1], Static):
                pane.children[-1].update(f"Zeile {event.cursor_row}", layout=False)

    return KeyedApp(shapes)


async def _bare_tabs(options: dict[str, object]) -> None:
    """OPTIONS: ``shapes`` (rows, columns per tab), ``roster`` (rows, columns and the height on
    screen of the table the keys are pressed in, a tab of its own after the others), ``keys``.

    The roster's baseline has the roster's height on screen: a table taller than the screen
    never scrolls, and its cursor runs out of sight after the rows that fit (the roster's
    table scrolls on most keys of the tour, which redraws every row on screen)."""
    from textual.widgets import DataTable, TabbedContent

    shapes = [(int(r), int(c)) for r, c in options["shapes"]]  # type: ignore[union-attr]
    rows, columns, *height = options["roster"]  # type: ignore[misc]
    app = _keyed_app([*shapes, (int(rows), int(columns))])
    visits: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        tabbed = app.query_one(TabbedContent)
        for pane_id in app.pane_ids[1:]:
            start = time.perf_counter()
            tabbed.active = pane_id
            await _settle(app, pilot)
            visits.append(time.perf_counter() - start)
        table = tabbed.get_pane(app.pane_ids[-1]).query_one(DataTable)
        if height:
            table.styles.height = int(height[0])
        keys = await _press_keys(app, pilot, table, int(options["keys"]))  # type: ignore[call-overload]
    _say({"visits": visits[:-1], "keys": keys})


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
        setattr(person, field, text)  # a str field of Person: notes, function, family_name
        store.save(person)
        _say({"saved_at": time.monotonic()})


def writer(path: Path, writer_id: str, count: int) -> None:
    """On each ``go TAG`` line: insert ``count`` organisations named after the writer and TAG."""
    from herford_tui.domain import Organisation
    from herford_tui.store import Store

    store = Store(path).open()
    _say({"ready": True})
    for line in sys.stdin:
        command, _, tag = line.strip().partition(" ")
        if command != "go":
            return
        errors: list[str] = []
        saved: list[str] = []
        for k in range(count):
            name = f"Benchmark-Schreiber {writer_id}-{tag}-{k}"
            try:
                store.save(Organisation(name=name))
                saved.append(name)
            except Exception as exc:  # a refused save is a figure (the user is told), not a crash
                errors.append(f"{type(exc).__name__}: {exc}")
        _say({"done_at": time.monotonic(), "errors": errors, "saved": saved})


if __name__ == "__main__":
    kind, file, *rest = sys.argv[1:]
    target = Path(file)
    if kind == "ui":
        ui(target, json.loads(rest[0]))
    elif kind == "tabs":
        tabs(target, json.loads(rest[0]))
    elif kind == "bare_tabs":
        bare_tabs(json.loads(file))
    elif kind == "bare_ui":
        bare_ui(int(file), json.loads(rest[0]))
    elif kind == "parse":
        parse(target)
    elif kind == "colleague":
        colleague(target, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else "notes")
    elif kind == "writer":
        writer(target, rest[0], int(rest[1]))
    else:
        sys.exit(f"unknown child {kind!r}")
