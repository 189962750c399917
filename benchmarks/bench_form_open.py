"""Opening and closing a form, against a bare Textual modal of the same fields (issue 20).

``python benchmarks/bench_form_open.py [--runs 3] [--opens 10] [--data FOLDER] [--json] [--before TREE]``

On the small demo data (``herford-tui demo --size small --seed 1``, or ``--data FOLDER`` holding
FOLDER/small/herford.json), alternating process by process:

- **the app** (``app PATH OPENS``), headless at 80×24: the member form (editing a current member
  of the first committee) and the person form (that member's person) are pushed in turn, each
  until its last field is on screen and painted, then Esc until the roster is back and painted.
- **the baseline** (``bare OPENS SHAPES``): a bare Textual app, a ``ModalScreen`` of each form's
  shape: a title, one row (a label and an ``Input``) per field of the form (its text fields,
  pickers and lists), an empty line per row, the two buttons; opened and closed the same way.

The figure is the main thread's CPU time per open + close (``time.thread_time``: what the
drawing costs, not what other processes on the machine took); median per form and side, and the
ratio of the medians to the bare modal. ``--before TREE`` runs the app side a third time per round
with herford_tui imported from another checkout (``git worktree add --detach /tmp/old main``).
Not a timed test: run it and compare.
"""

from __future__ import annotations

import argparse
import asyncio
import json
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

SIZE = (80, 24)
FORMS = ("membership", "person")


# -- the app -----------------------------------------------------------------------
def app_side(path: Path, opens: int) -> None:
    asyncio.run(_app_side(path, opens))


def _shape(form) -> dict[str, int]:
    """What the bare modal copies: the form's fields (text fields, pickers, lists)."""
    from textual.widgets import Input, Select

    fields = [w for w in form.query("Input, Select") if isinstance(w, Input | Select) and w.display]
    return {"fields": len(fields)}


async def _app_side(path: Path, opens: int) -> None:
    from herford_tui.app import create_app
    from herford_tui.ui.committees.membership_form import MembershipForm
    from herford_tui.ui.directory.person_form import PersonForm

    app = create_app(path, poll_interval=3600)  # no poll: nothing but the form changes the screen
    app.animation_level = "none"
    cpu: dict[str, list[float]] = {name: [] for name in FORMS}
    shapes: dict[str, dict[str, int]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await child._settle(app, pilot)
        await asyncio.to_thread(app.store.complete)
        await child._settle(app, pilot)
        snapshot = app.snapshot
        committee = min(snapshot.committees)
        today = app.today
        member = next(
            m
            for m in sorted(snapshot.memberships.values(), key=lambda m: m.id)
            if m.committee_id == committee
            and m.represents_id
            and m.start <= today
            and (m.end is None or m.end >= today)
        )
        person = snapshot.persons[member.person_id]
        makers = {
            "membership": lambda: MembershipForm(committee, membership=member),
            "person": lambda: PersonForm(person),
        }
        last = {"membership": "#notes", "person": "#notes"}
        for _ in range(opens):
            for name in FORMS:
                await child._settle(app, pilot)
                main = app.screen
                start = time.thread_time()
                form = makers[name]()
                app.push_screen(form)
                await child._until(app, pilot, lambda form=form, name=name: _shown(app, form, last[name]), name)
                shapes[name] = _shape(form)
                child._send(app, "escape")
                await child._until(app, pilot, lambda main=main: app.screen is main, f"{name} closed")
                cpu[name].append(time.thread_time() - start)
    import herford_tui

    child._say({"cpu": cpu, "shapes": shapes, "package": herford_tui.__file__})


def _shown(app, form, last: str) -> bool:
    """The form is the screen, laid out down to its last field."""
    if app.screen is not form or not form.is_mounted:
        return False
    found = form.query(last)
    return bool(found) and found.first().region.area > 0


# -- the baseline ------------------------------------------------------------------
def bare_side(opens: int, shapes: dict[str, dict[str, int]]) -> None:
    asyncio.run(_bare_side(opens, shapes))


def _bare_app():
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Horizontal, VerticalScroll
    from textual.screen import ModalScreen
    from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static

    class Form(ModalScreen[None]):
        BINDINGS = [Binding("escape", "dismiss(None)", "Abbrechen"), Binding("ctrl+s", "dismiss", "Speichern")]

        def __init__(self, fields: int) -> None:
            super().__init__()
            self.fields = fields

        def compose(self) -> ComposeResult:
            with VerticalScroll():
                yield Label("Formular")
                for n in range(self.fields):
                    yield Horizontal(Label(f"Feld {n}"), Input(f"Wert {n}", id=f"f{n}"), classes="row")
                    yield Static("", classes="error")
                yield Static("", classes="error")
                with Horizontal(classes="buttons"):
                    yield Button("Speichern (Strg+S)", variant="primary")
                    yield Button("Abbrechen (Esc)")
            yield Footer()

    class Bare(App[None]):
        CSS = """
        Form { align: center middle; }
        Form VerticalScroll { width: 76; height: auto; max-height: 100%; border: thick $primary; background: $surface; }
        Form .row { height: auto; }
        Form .row Label { width: 14; }
        Form .row Input { width: 1fr; }
        Form .error { display: none; }
        Form .buttons { height: auto; }
        """

        def compose(self) -> ComposeResult:
            yield Header()
            table: DataTable[str] = DataTable(cursor_type="row")
            table.add_columns("Sitz", "Name", "Rolle", "vertritt")
            for n in range(20):
                table.add_row(f"Sitz {n}", f"Name {n}", "Mitglied", f"Organisation {n}")
            yield table
            yield Footer()

    return Bare(), Form


async def _bare_side(opens: int, shapes: dict[str, dict[str, int]]) -> None:
    app, form_class = _bare_app()
    cpu: dict[str, list[float]] = {name: [] for name in shapes}
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(opens):
            for name, shape in shapes.items():
                await child._settle(app, pilot)
                main = app.screen
                start = time.thread_time()
                form = form_class(shape["fields"])
                app.push_screen(form)
                last = f"#f{shape['fields'] - 1}"
                await child._until(app, pilot, lambda form=form, last=last: _shown(app, form, last), name)
                child._send(app, "escape")
                await child._until(app, pilot, lambda main=main: app.screen is main, f"{name} closed")
                cpu[name].append(time.thread_time() - start)
    child._say({"cpu": cpu})


# -- the run -----------------------------------------------------------------------
def _child(*args: str, tree: str | None = None) -> dict[str, Any]:
    """One side in its own process; ``tree``: import herford_tui from that checkout instead."""
    env = dict(os.environ, PYTHONPATH=tree) if tree else None
    command = [sys.executable, __file__, *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(path: Path, runs: int, opens: int, say, before: str | None = None) -> dict[str, Any]:
    sides: dict[str, dict[str, list[float]]] = {"app": {}, "bare": {}, "before": {}}
    shapes: dict[str, dict[str, int]] = {}

    def add(side: str, found: dict[str, list[float]]) -> None:
        for name, values in found.items():
            sides[side].setdefault(name, []).extend(values)

    for n in range(runs):
        found = _child("app", str(path), str(opens))
        shapes = found["shapes"]
        add("app", found["cpu"])
        add("bare", _child("bare", str(opens), json.dumps(shapes))["cpu"])
        if before:
            old = _child("app", str(path), str(opens), tree=before)
            if not old["package"].startswith(before):
                raise RuntimeError(f"--before: herford_tui came from {old['package']}")
            add("before", old["cpu"])
        say(f"    run {n + 1}/{runs} done")
    result: dict[str, Any] = {}
    for name in FORMS:
        bare = statistics.median(sides["bare"][name])
        figure: dict[str, Any] = {"fields": shapes[name]["fields"], "bare_ms": round(bare * 1000, 1)}
        for side in ("app", "before"):
            if name in sides[side]:
                median = statistics.median(sides[side][name])
                figure[f"{side}_ms"] = round(median * 1000, 1)
                figure[f"{side}_ratio"] = round(median / bare, 2)
        figure["n"] = len(sides["app"][name])
        result[name] = figure
    return result


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    before = report.get("before")
    lines = [
        f"Machine: {m['cpus']} CPUs, load average at the start {m['load_1min_at_start']} (at the end "
        f"{report['load_at_end']}); Python {m['python']}, Textual {m['textual']}. Whole run {report['seconds']:g} s.",
        "",
        "| form (fields) | opens | app CPU per open+close | ratio | bare modal |"
        + (f" before ({before}) | ratio |" if before else ""),
        "|---|---|---|---|---|" + ("---|---|" if before else ""),
    ]
    for name, r in report["forms"].items():
        row = f"| {name} ({r['fields']}) | {r['n']} | {r['app_ms']:g} ms | **{r['app_ratio']}×** | "
        row += f"{r['bare_ms']:g} ms |"
        if before:
            row += f" {r['before_ms']:g} ms | {r['before_ratio']}× |"
        lines.append(row)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="processes per side (default 3)")
    parser.add_argument("--opens", type=int, default=10, help="opens of each form per process (default 10)")
    parser.add_argument("--data", metavar="FOLDER", help="copy FOLDER/small/herford.json instead of building")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--before", metavar="TREE", help="also the app from another checkout (e.g. a git worktree)")
    args = parser.parse_args()

    import processes
    import run

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    started = time.perf_counter()
    say(f"compiled {processes.compile_all()} package folders to bytecode")
    report: dict[str, Any] = {"machine": run.machine()}
    if args.before:
        report["before"] = processes.tree_label(args.before)
    folder = Path(tempfile.mkdtemp(prefix="herford-form-open-"))
    try:
        path, _ = run.build_demo(folder, "small", Path(args.data) if args.data else None)
        report["forms"] = measure(path, args.runs, args.opens, say, args.before)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["load_at_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else markdown(report))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "app":
        app_side(Path(sys.argv[2]), int(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "bare":
        bare_side(int(sys.argv[2]), json.loads(sys.argv[3]))
    else:
        main()
