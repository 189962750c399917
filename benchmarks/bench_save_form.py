"""Ctrl+S in a member form → roster, against a bare modal plus the write (issue 20, point 4).

``python benchmarks/bench_save_form.py [--sizes x1,x10] [--runs 3] [--saves 8] [--data FOLDER] [--json]
[--before TREE]``

For each size, on the demo data (``herford-tui demo --size … --seed 1``, or ``--data FOLDER``
holding FOLDER/SIZE/herford.json), alternating process by process:

- **the app** (``app PATH SAVES``), headless at 120×40: ``e`` on a current member of the first
  committee's roster, another organisation in "vertritt" (typed into the picker, Enter), then
  Ctrl+S until that row's "vertritt" cell shows the new organisation (the cell showed the other
  one before: only this save's change ends the wait), then one repaint. SAVES per process.
- **the baseline** (``bare PATH SAVES SHAPE``): a bare Textual app with the same skeleton
  (header, the tabs, an info line, a DataTable with the roster's very cells as plain ``Text``
  and its column widths, a detail line, footer) and a ``ModalScreen`` with an ``Input``; ``e``
  opens it, Ctrl+S writes as many bytes as the database file to a temp file in the same folder
  (write, ``fsync``, ``os.replace``), dismisses the modal and updates the row's cell; timed the
  same way.

Median and p95 over all saves of all processes per side; the ratio divides the medians.
``--before TREE`` runs the app side a third time per round with herford_tui imported from another
checkout (``git worktree add --detach /tmp/old <commit>``), against the same baseline.
Target (issue 20): ≤ 1.3× at x1 and x10. Not a timed test: run it and compare.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import child  # noqa: E402  (the helpers of the UI figures: settle, send, until)

TARGET = 1.3
"""Issue 20: Ctrl+S → roster ≤ 1.3× closing a bare modal plus the write."""
COLUMN = "vertritt"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


QUIET = 0.3
"""Seconds the app is left alone before Ctrl+S, as between a user's last key and Ctrl+S: what
the pick set going (the footer's keys, a cursor blink) is not the save's."""


async def _quiet(app, pilot, since: float | None = None) -> None:
    """Leave the app alone for ``QUIET`` seconds; with ``since`` (when the last snapshot came) also
    until the search index of that snapshot is built: the app starts it ``WARM_DELAY`` after a new
    snapshot, in a thread, and a save measured while it runs would carry the save before it."""
    await child._settle(app, pilot)
    wait = QUIET
    if since is not None:
        from herford_tui.ui.search_warm import WARM_DELAY

        wait = max(wait, since + WARM_DELAY + 0.2 - time.perf_counter())
    await asyncio.sleep(wait)
    if since is not None:  # ``child._settle`` leaves the background workers (index, calendar) running
        await app.workers.wait_for_complete()
    await child._settle(app, pilot)


# -- the app -----------------------------------------------------------------------
def app_side(path: Path, saves: int) -> None:
    asyncio.run(_app_side(path, saves))


async def _app_side(path: Path, saves: int) -> None:
    from textual.widgets import DataTable, Input

    from herford_tui.app import create_app

    app = create_app(path, poll_interval=3600)  # no poll: only this save changes the file
    app.animation_level = "none"
    took: list[float] = []
    cpus: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await child._settle(app, pilot)  # every start worker done (checks, search index)
        # What the start leaves for after the first frame (the checks of the tables it did not
        # check, the pending meetings; ``Store.complete``) runs when the app is idle, and any
        # write waits for it: it belongs to the start (see the cold start figures), not to a save.
        await asyncio.to_thread(app.store.complete)
        since = time.perf_counter()
        await child._settle(app, pilot)
        table = next(t for t in app.screen.query("#roster").results(DataTable) if t.region.area)
        view = table.parent
        line = next(
            line
            for line in view.lines
            if line.membership is not None and not line.ended and not line.upcoming and not line.deputy
        )
        member = line.membership.id
        labels = [str(column.label) for column in table.columns.values()]
        column = labels.index(COLUMN)
        shape = {
            "labels": labels,
            "widths": [column.width for column in table.columns.values()],
            "cells": [child._row(table, i) for i in range(table.row_count)],
            "row": view.lines.index(line),
            "column": column,
        }
        orgs = child._two_organisations(app.snapshot)

        def row() -> int:
            return next(i for i, line in enumerate(view.lines) if line.membership and line.membership.id == member)

        for _ in range(saves):
            table.focus()
            table.move_cursor(row=row())
            await child._settle(app, pilot)
            child._send(app, "e")
            await child._until(app, pilot, lambda: child._exists(app.screen, "#represents-input"), "the member form")
            field = app.screen.query_one("#represents-input", Input)
            name = orgs[0][1] if field.value != orgs[0][1] else orgs[1][1]  # a change every time
            field.focus()
            field.value = name
            await child._until(
                app, pilot, lambda: not child._exists(app.screen, ".picker-matches.-empty"), "the picker's matches"
            )
            child._send(app, "enter")
            await child._until(app, pilot, lambda field=field, name=name: field.value == name, "the picker", 30)
            if child._row(table, row())[column] == name:
                raise RuntimeError(f"the roster shows {name!r} before the save")
            await _quiet(app, pilot, since)
            start, cpu = time.perf_counter(), time.thread_time()
            child._send(app, "ctrl+s")
            await child._until(
                app,
                pilot,
                lambda name=name: app.screen is app.main and child._row(table, row())[column] == name,
                "the roster after Ctrl+S",
            )
            took.append(time.perf_counter() - start)
            since = time.perf_counter()
            cpus.append(time.thread_time() - cpu)
    import herford_tui

    child._say({"took": took, "cpu": cpus, "shape": shape, "package": herford_tui.__file__})


# -- the baseline ------------------------------------------------------------------
def bare_side(path: Path, saves: int, shape: dict[str, Any]) -> None:
    asyncio.run(_bare_side(path, saves, shape))


def _bare_app(path: Path, shape: dict[str, Any]):
    from bare_app import MARKER, TABS
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Vertical
    from textual.screen import ModalScreen
    from textual.widgets import DataTable, Footer, Header, Input, Label, Static, TabbedContent, TabPane

    def cell(text: str) -> Text:  # as the roster's cells: no markup parsed, cut with "…"
        return Text(text, overflow="ellipsis", no_wrap=True)

    data = path.read_bytes()  # the same number of bytes as the database file
    target = path.with_name("bare-save.json")

    def write() -> None:
        tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)

    class Form(ModalScreen[str | None]):
        BINDINGS = [Binding("ctrl+s", "save", "Speichern"), Binding("escape", "dismiss(None)", "Abbrechen")]

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

        def compose(self) -> ComposeResult:
            with Vertical():
                yield Label("Mitgliedschaft ändern")
                yield Input(self.value, id="represents-input")
            yield Footer()

        def action_save(self) -> None:
            write()
            self.dismiss(self.query_one(Input).value)

    class Bare(App[None]):
        CSS = "Form Vertical { width: 60; height: auto; border: thick $primary; background: $surface; }"
        BINDINGS = [Binding("e", "edit", "Ändern")]

        def compose(self) -> ComposeResult:
            yield Header()
            with TabbedContent():
                for n, label in enumerate(TABS):
                    with TabPane(label, id=f"tab-{n}"):
                        if n == 0:
                            yield Static(f"{MARKER}  ·  Konferenz\nTermine\nAufgabe")
                            table: DataTable[str] = DataTable(id="roster", cursor_type="row", zebra_stripes=True)
                            for label_, width in zip(shape["labels"], shape["widths"], strict=True):
                                table.add_column(label_, width=width)
                            for cells in shape["cells"]:
                                table.add_row(*map(cell, cells))
                            yield table
                            yield Static("Name\nMitgliedschaft\nKontakt", classes="detail")
            yield Footer(compact=True, show_command_palette=False)

        def action_edit(self) -> None:
            table = self.query_one("#roster", DataTable)
            row = table.cursor_row

            def saved(value: str | None) -> None:
                if value is not None:
                    table.update_cell_at((row, shape["column"]), cell(value))

            self.push_screen(Form(table.get_cell_at((row, shape["column"])).plain), saved)

    return Bare(), target


async def _bare_side(path: Path, saves: int, shape: dict[str, Any]) -> None:
    from textual.widgets import DataTable, Input

    app, target = _bare_app(path, shape)
    row, column = shape["row"], shape["column"]
    names = ("Organisation A", "Organisation B")
    took: list[float] = []
    cpus: list[float] = []
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await child._settle(app, pilot)
            table = app.query_one("#roster", DataTable)
            for _ in range(saves):
                table.focus()
                table.move_cursor(row=row)
                await child._settle(app, pilot)
                child._send(app, "e")
                await child._until(app, pilot, lambda: child._exists(app.screen, "#represents-input"), "the form")
                form = app.screen
                field = form.query_one("#represents-input", Input)
                name = names[0] if field.value != names[0] else names[1]
                field.focus()
                field.value = name
                await _quiet(app, pilot)
                start, cpu = time.perf_counter(), time.thread_time()
                child._send(app, "ctrl+s")
                await child._until(
                    app,
                    pilot,
                    lambda name=name, form=form: (
                        app.screen is not form and table.get_cell_at((row, column)).plain == name
                    ),
                    "the row after Ctrl+S",
                )
                took.append(time.perf_counter() - start)
                cpus.append(time.thread_time() - cpu)
    finally:
        target.unlink(missing_ok=True)
    child._say({"took": took, "cpu": cpus})


# -- the run -----------------------------------------------------------------------
def _child(*args: str, tree: str | None = None) -> dict[str, Any]:
    """One side in its own process; ``tree``: import herford_tui from that checkout instead."""
    env = dict(os.environ, PYTHONPATH=tree) if tree else None
    command = [sys.executable, __file__, *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def stats(values: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(values) * 1000, 1), "p95_ms": round(p95(values) * 1000, 1)}


def measure(path: Path, runs: int, saves: int, say, before: str | None = None) -> dict[str, Any]:
    app: list[float] = []
    older: list[float] = []
    bare: list[float] = []
    app_cpu: list[float] = []
    bare_cpu: list[float] = []
    per_process: list[tuple[float, float]] = []
    shape: dict[str, Any] = {}
    for n in range(runs):
        found = _child("app", str(path), str(saves))
        shape = found["shape"]
        made = _child("bare", str(path), str(saves), json.dumps(shape))
        if before:
            old = _child("app", str(path), str(saves), tree=before)
            if not old["package"].startswith(before):
                raise RuntimeError(f"--before: herford_tui came from {old['package']}")
            older += old["took"]
        app += found["took"]
        bare += made["took"]
        app_cpu += found["cpu"]
        bare_cpu += made["cpu"]
        per_process.append((statistics.median(found["took"]), statistics.median(made["took"])))
        say(f"    run {n + 1}/{runs}: app {per_process[-1][0] * 1000:.0f} ms, bare {per_process[-1][1] * 1000:.0f} ms")
    ratio = statistics.median(app) / statistics.median(bare)
    extra: dict[str, Any] = {}
    if older:
        extra["before"] = {**stats(older), "ratio": round(statistics.median(older) / statistics.median(bare), 2)}
    return {
        **extra,
        "app": stats(app),
        "bare": stats(bare),
        "ratio": round(ratio, 2),
        "saves": len(app),
        "processes": runs,
        "roster": f"{len(shape['cells'])}×{len(shape['labels'])}",
        "main_thread_cpu_ms": [stats(app_cpu)["median_ms"], stats(bare_cpu)["median_ms"]],
        "per_process_ms": [[round(a * 1000), round(b * 1000)] for a, b in per_process],
        "verdict": "met" if ratio <= TARGET else f"not met ({ratio / TARGET:.2f}× over)",
    }


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        f"Machine: {m['cpus']} CPUs, load average at the start {m['load_1min_at_start']} (at the end "
        f"{report['load_at_end']}); Python {m['python']}, Textual {m['textual']}. Whole run {report['seconds']:g} s.",
        "",
        "| size | roster | saves (processes) | app median / p95 | bare median / p95 | ratio (medians) | ≤ 1.3× |",
        "|---|---|---|---|---|---|---|",
    ]
    for size, r in report["sizes"].items():
        lines.append(
            f"| {size} ({r['file_mb']} MB) | {r['roster']} | {r['saves']} ({r['processes']}) | "
            f"{r['app']['median_ms']:g} / {r['app']['p95_ms']:g} ms | {r['bare']['median_ms']:g} / "
            f"{r['bare']['p95_ms']:g} ms | **{r['ratio']}×** | {r['verdict']} |"
        )
        if "before" in r:
            b = r["before"]
            lines.append(
                f"| {size}, before ({report['before']}) | | | {b['median_ms']:g} / {b['p95_ms']:g} ms | (same) | "
                f"{b['ratio']}× | |"
            )
    lines += [
        "",
        "Per process (app, bare medians in ms): "
        + "; ".join(f"{size} {r['per_process_ms']}" for size, r in report["sizes"].items())
        + ". The main thread's CPU time from Ctrl+S to the row (app, bare medians in ms; the app's "
        + "write runs in a worker thread, the bare one on the main thread): "
        + "; ".join(f"{size} {r['main_thread_cpu_ms']}" for size, r in report["sizes"].items())
        + ".",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="x1,x10")
    parser.add_argument("--runs", type=int, default=3, help="processes per side and size (default 3)")
    parser.add_argument("--saves", type=int, default=8, help="saves per process (default 8)")
    parser.add_argument("--data", metavar="FOLDER", help="copy FOLDER/SIZE/herford.json instead of building")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--before", metavar="TREE", help="also the app from another checkout (e.g. a git worktree)")
    args = parser.parse_args()

    import processes
    import run

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    started = time.perf_counter()
    say(f"compiled {processes.compile_all()} package folders to bytecode")
    report: dict[str, Any] = {"machine": run.machine(), "sizes": {}, "target": TARGET}
    if args.before:
        report["before"] = processes.tree_label(args.before)
    folder = Path(tempfile.mkdtemp(prefix="herford-save-form-"))
    try:
        for size in [s for s in args.sizes.split(",") if s]:
            path, _ = run.build_demo(folder, size, Path(args.data) if args.data else None)
            say(f"  {size}: {path.stat().st_size / 1e6:.1f} MB")
            result = measure(path, args.runs, args.saves, say, args.before)
            result["file_mb"] = round(path.stat().st_size / 1e6, 1)
            report["sizes"][size] = result
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["load_at_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else markdown(report))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "app":
        app_side(Path(sys.argv[2]), int(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "bare":
        bare_side(Path(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4]))
    else:
        main()
