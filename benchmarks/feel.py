"""What users feel (issue 20): ``python benchmarks/feel.py [--sizes x1,x10] [--runs N] [--json]``.

For each size, on the demo data (``herford-tui demo --size … --seed 1``, or ``--data FOLDER``),
after compiling herford_tui, Textual, Rich and the bare app to bytecode (both sides start
compiled), alternating the app and its baseline in every run so a busy moment hits both:

- **cold start** on a pty (120×40): exec until the first committee's info line is painted;
  baseline: ``bare_app.py`` (same tab skeleton, no data).
- **each tab's first visit, headless** (``child.py tabs``): every tab that is not a single
  committee and committee tabs spread evenly, each until it has painted (the Auswertung until
  its table's figures are shown; the trend line below follows, timed apart), with the shape of its largest
  table; baseline: a bare Textual tab of the same shape (rows × columns, a DataTable of plain
  cells), built on its first visit (``child.py bare_tabs``). Median and p95 over the processes, per tab.
- **the same tabs on a pty**: ``o``, ``j``, ``A`` typed into the running app until the tab's
  text (a column heading, the Auswertung's "Netzwerk:" line once its figures are there) is in
  what the app writes; baseline: the bare tabs of the same shapes, opened by the same keys.
- **a key in the first roster** (cursor down/up, p95, headless) against the same key in a bare
  DataTable of the roster's shape and height on screen (it scrolls as the roster does), its
  detail line following the cursor.
- **collector passes over 50 ms** during the headless session (``gc.callbacks``): by phase
  (start, tour of the tabs, keys).

Then each target of issue 20 against the figure: "met" or "not met" (and by how much).
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import processes  # the modules beside this script
import run

RUNS = {"small": 3, "x1": 3, "x10": 3}
OPTIONS = {"max_tabs": 10, "keys": 30}
PTY_TABS = (("organisationen", "o", "Kommune"), ("jahr", "j", "Anz."), ("auswertung", "A", "Netzwerk:"))
"""Tabs opened on the pty: pane id, key, a text the tab shows once painted (not before)."""
TARGETS = {
    "cold_start": {"x1": 1.3, "x10": 2.5},
    "tab": {"x1": 1.5, "x10": 2.0},
    "key_p95": {"x1": 1.5, "x10": 1.5},
}
"""Issue 20: ratios to the baseline measured in the same run."""


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def stats(values: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(values) * 1000, 1), "p95_ms": round(p95(values) * 1000, 1)}


def compare(app: list[float], bare: list[float]) -> dict[str, Any]:
    ratio = statistics.median(app) / statistics.median(bare) if bare and statistics.median(bare) else None
    return {"app": stats(app), "bare": stats(bare), "ratio": round(ratio, 2) if ratio else None, "n": len(app)}


def measure(path: Path, size: str, runs: int, say) -> dict[str, Any]:
    cold_app: list[float] = []
    cold_bare: list[float] = []
    tab_app: dict[str, list[float]] = {}
    tab_bare: dict[str, list[float]] = {}
    tab_complete: dict[str, list[float]] = {}
    shapes: dict[str, tuple[int, int]] = {}
    labels: dict[str, str] = {}
    pty_app: dict[str, list[float]] = {}
    pty_bare: dict[str, list[float]] = {}
    keys_app: list[float] = []
    keys_bare: list[float] = []
    pauses: list[dict[str, Any]] = []
    errors: list[str] = []
    for n in range(runs):
        # headless: the app's tour, then bare tabs of the very shapes it met
        found = processes.run_child("tabs", str(path), json.dumps(OPTIONS))
        order = list(found["visits"])
        for pane_id, visit in found["visits"].items():
            tab_app.setdefault(pane_id, []).append(visit["s"])
            shapes[pane_id] = tuple(visit["shape"])
            labels[pane_id] = visit["label"]
            if "complete_s" in visit:
                tab_complete.setdefault(pane_id, []).append(visit["complete_s"])
        keys_app.append(p95(found["keys"]))
        pauses.append(found["gc"])
        bare = processes.run_child(
            "bare_tabs",
            json.dumps({"shapes": [shapes[p] for p in order], "roster": found["roster"], "keys": OPTIONS["keys"]}),
        )
        for pane_id, seconds in zip(order, bare["visits"], strict=True):
            tab_bare.setdefault(pane_id, []).append(seconds)
        keys_bare.append(p95(bare["keys"]))
        # on a pty: the app's cold start and three tabs by key, the bare app's, the bare tabs'
        steps = [(key, text) for pane_id, key, text in PTY_TABS if pane_id in shapes]
        try:
            started, took = processes.keys_to_markers(processes.herford_tui_command(path), steps)
            cold_app.append(started)
            cold_bare.append(processes.time_to_marker(processes.bare_app_command(), size=(120, 40)))
            opened = [pane_id for pane_id, _, _ in PTY_TABS if pane_id in shapes]
            shaped = json.dumps([[shapes[p] for p in opened], [t for _, t in steps], [k for k, _ in steps]])
            _, bare_took = processes.keys_to_markers(processes.bare_app_command(shaped), steps)
            for pane_id, a, b in zip(opened, took, bare_took, strict=True):
                pty_app.setdefault(pane_id, []).append(a)
                pty_bare.setdefault(pane_id, []).append(b)
        except (TimeoutError, RuntimeError) as exc:
            errors.append(f"pty run {n}: {exc}")
        say(f"    run {n + 1}/{runs} done")
    return {
        "cold_start": compare(cold_app, cold_bare) if cold_app else None,
        "tabs": {p: {"label": labels[p], "shape": shapes[p], **compare(tab_app[p], tab_bare[p])} for p in tab_app},
        "complete": {p: {"label": labels[p], **compare(tab_complete[p], tab_bare[p])} for p in tab_complete},
        "pty_tabs": {p: {"label": labels[p], "shape": shapes[p], **compare(pty_app[p], pty_bare[p])} for p in pty_app},
        "key_p95": compare(keys_app, keys_bare),
        "gc": {
            "over_50ms_per_process": [g["over_50ms"] for g in pauses],
            "over_50ms_after_start_per_process": [g["over_50ms_after_start"] for g in pauses],
            "over_50ms_cpu_after_start_per_process": [g.get("over_50ms_cpu_after_start", 0) for g in pauses],
            "passes_per_process": [g["passes"] for g in pauses],
            "max_ms": max(g["max_ms"] for g in pauses),
            "long": [g["long"] for g in pauses],
        },
        "errors": errors,
    }


def verdicts(size: str, result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(target, measured, verdict) rows for the targets of issue 20 this script measures."""
    rows = []

    def check(name: str, bound: float, ratio: float | None, measured: str) -> None:
        if ratio is None:
            rows.append((name, f"ratio ≤ {bound:g}", "not measured", "not measured"))
        else:
            verdict = "met" if ratio <= bound else f"not met ({ratio / bound:.1f}× over)"
            rows.append((name, f"ratio ≤ {bound:g}", measured, verdict))

    cold = result["cold_start"]
    if size in TARGETS["cold_start"]:
        check(
            "cold start (pty)",
            TARGETS["cold_start"][size],
            cold and cold["ratio"],
            f"{cold['app']['median_ms']:g} ms vs {cold['bare']['median_ms']:g} ms = {cold['ratio']}×" if cold else "",
        )
    if size in TARGETS["tab"]:
        for kind, tabs in (("headless", result["tabs"]), ("pty", result["pty_tabs"])):
            for tab in tabs.values():
                shape = "×".join(str(x) for x in tab["shape"])
                check(
                    f"first visit {tab['label']} ({kind}, {shape})",
                    TARGETS["tab"][size],
                    tab["ratio"],
                    f"{tab['app']['median_ms']:g} ms vs {tab['bare']['median_ms']:g} ms = {tab['ratio']}×",
                )
        key = result["key_p95"]
        check(
            "key in the roster, p95 (headless)",
            TARGETS["key_p95"][size],
            key["ratio"],
            f"{key['app']['median_ms']:g} ms vs {key['bare']['median_ms']:g} ms = {key['ratio']}×",
        )
    gc = result["gc"]
    after = max(gc["over_50ms_after_start_per_process"])
    rows.append(
        (
            "collector passes over 50 ms after the start (tour and keys)",
            "0",
            f"{after} (per process: {gc['over_50ms_after_start_per_process']}; longest {gc['max_ms']:g} ms)",
            "met" if after == 0 else "not met",
        )
    )
    return rows


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        f"Machine: {m['cpus']} CPUs, load average at the start {m['load_1min_at_start']}; Python {m['python']}, "
        f"Textual {m['textual']}. Whole run {report['seconds']:g} s.",
    ]
    for size, result in report["sizes"].items():
        lines += ["", f"**{size}** ({result['file_mb']} MB, {result['runs']} app processes and as many baselines):", ""]
        lines += ["| figure | shape | app median / p95 | bare median / p95 | ratio (medians) |"]
        lines += ["|---|---|---|---|---|"]
        cold = result["cold_start"]
        if cold:
            lines.append(_row("cold start (pty 120×40)", "—", cold))
        for kind in ("tabs", "pty_tabs"):
            for tab in result[kind].values():
                where = "headless" if kind == "tabs" else "pty"
                shape = "×".join(str(x) for x in tab["shape"])
                lines.append(_row(f"first visit: {tab['label']} ({where})", shape, tab))
        lines.append(_row("a key in the first roster, p95 per process (headless)", "—", result["key_p95"]))
        for tab in result.get("complete", {}).values():
            lines.append(_row(f"{tab['label']} with its trend line (headless; no target)", "", tab))
        gc = result["gc"]
        lines += [
            "",
            f"Collector passes over 50 ms per process (whole session / after the start): "
            f"{gc['over_50ms_per_process']} / {gc['over_50ms_after_start_per_process']}; passes in all "
            f"{gc['passes_per_process']}; longest {gc['max_ms']:g} ms; of those after the start over 50 ms "
            f"of the thread's CPU time: {gc.get('over_50ms_cpu_after_start_per_process')}; the long ones per "
            f"process (phase, generation, wall ms, CPU ms): {gc['long']}.",
        ]
        if result["errors"]:
            lines += ["", "Not measured: " + "; ".join(result["errors"])]
        lines += ["", "| target of issue 20 | bound | measured | verdict |", "|---|---|---|---|"]
        lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in result["verdicts"]]
    return "\n".join(lines)


def _row(name: str, shape: str, figure: dict[str, Any]) -> str:
    app, bare = figure["app"], figure["bare"]
    return (
        f"| {name} | {shape} | {app['median_ms']:g} / {app['p95_ms']:g} ms | "
        f"{bare['median_ms']:g} / {bare['p95_ms']:g} ms | **{figure['ratio']}×** |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="x1,x10")
    parser.add_argument("--runs", type=int, help="app processes per size (default 3)")
    parser.add_argument("--data", metavar="FOLDER", help="copy FOLDER/SIZE/herford.json instead of building")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    args = parser.parse_args()

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    started = time.perf_counter()
    say(f"compiled {processes.compile_all()} package folders to bytecode")
    report: dict[str, Any] = {"machine": run.machine(), "sizes": {}, "targets": TARGETS}
    folder = Path(tempfile.mkdtemp(prefix="herford-feel-"))
    try:
        for size in [s for s in args.sizes.split(",") if s]:
            path, _ = run.build_demo(folder, size, Path(args.data) if args.data else None)
            say(f"  {size}: {path.stat().st_size / 1e6:.1f} MB")
            runs = args.runs or RUNS[size]
            result = measure(path, size, runs, say)
            result.update(file_mb=round(path.stat().st_size / 1e6, 1), runs=runs)
            result["verdicts"] = verdicts(size, result)
            report["sizes"][size] = result
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else markdown(report))


if __name__ == "__main__":
    main()
