"""herford-tui benchmark: ``python benchmarks/run.py [--json] [--sizes small,x1,x10] [--runs N] [--quick]``.

Builds the demo data (``herford-tui demo --size …``, seed 1) for each size in a temporary
folder (one file per size, used by every figure) and measures every figure of issue 12
together with its baseline in the same run, alternating figure and baseline so that a busy
moment on the machine hits both: median and min/max of the runs (9, at x10 7). Each size has
a time budget (``BUDGET``, scaled by ``--budget``): a figure whose runs would overrun its share
stops early, never below its minimum (7; fewer only for the heavy ones, ``MINIMUM``), and
says so in its note. The UI figures come from one headless app process per run (``child.py
ui``), the bare Textual app's baselines from another (``child.py bare_ui``). Then how each
figure grows from size to size (the exponent of file size: 1 = linear) and each target of the
issue against the figure ("met", or missed by how much).

``--json`` prints one object (machine, sizes, figures, ratios, verdicts, growth, targets,
total_seconds) instead of the lines; ``report.py`` makes the tables of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure  # the modules beside this script (on sys.path when run as a script)
import processes

SIZES = ("small", "x1", "x10")
RUNS = {"small": 9, "x1": 9, "x10": 7}
"""Runs of each timed figure (with as many of its baseline), unless its time budget is spent."""
BUDGET = {"small": 35.0, "x1": 60.0, "x10": 170.0}
"""Seconds for the figures of one size (without building the demo file), shared out by ``SHARE``.
A figure whose runs would overrun its share stops early, but never below its minimum runs."""
SHARE = {"cold_start": 0.2, "open": 0.08, "saves": 0.08, "colleague": 0.08, "search": 0.03, "ui": 0.4, "writers": 0.1}
MINIMUM = {"cold_start": 3, "ui": 1, "writers": 1}
"""Fewer than 7 runs only for the heavy figures: each run of these starts the whole app (or the
four writers) in a new process; at x10 one such run takes seconds to a minute today."""
UI_RUNS = {"small": 3, "x1": 3, "x10": 2}
"""App processes for the UI figures; each one does many measurements (see ``UI_OPTIONS``)."""
UI_OPTIONS = {"keys": 40, "saves": 7, "max_tabs": 12}
"""Per app process: key presses, form saves and a colleague's saves (at least 3, fewer than asked
when a share of the budget is spent), tabs toured: every tab that is not a single committee and
single-committee tabs spread evenly up to ``max_tabs`` (x10 has 343 tabs)."""
WRITES_PER_WRITER = {"small": 20, "x1": 8, "x10": 1}
"""Saves per writer: at x10 a save while three others write takes seconds today (each re-reads the file)."""
QUICK = {"runs": 1, "keys": 4, "saves": 3, "writer_runs": 1, "writes": 5}
"""``--quick``: every figure from the fewest measurements that make it (one run each, 4 keys, the
minimum of 3 saves, 5 saves per writer): proves that every figure still comes out (the test of
this script), not worth reading as figures."""
TARGETS: dict[str, dict[str, dict[str, float]]] = {
    "cold_start": {"x1": {"ratio": 1.3}, "x10": {"ratio": 2}},
    "open": {"x1": {"ratio": 2}, "x10": {"ratio": 2}},
    "save_one": {"x1": {"ratio": 3}, "x10": {"ratio": 3}},
    "colleague_seen": {"x1": {"ms": 100}, "x10": {"ms": 1000}},
    "colleague_ui": {"x1": {"ms": 100}, "x10": {"ms": 1000}},
    "search_p95": {"x1": {"ms": 16}, "x10": {"ms": 50}},
    "tab_first_visit": {"x1": {"ms": 100, "ratio": 1.5}, "x10": {"ms": 200, "ratio": 2}},
    "roster_key": {"x1": {"ms": 100, "ratio": 1.5}, "x10": {"ms": 200, "ratio": 2}},
    "ctrl_s": {"x1": {"ms": 60}, "x10": {"ms": 300}},
    "peak_rss": {"x1": {"MiB": 150}, "x10": {"ratio": 3}},
    "writers": {"x1": {"lost": 0}, "x10": {"lost": 0}},
}
"""Issue 12's targets: an upper bound on the median (ms, MiB), on the ratio to the baseline, on the
records lost. A colleague's save: plus the poll interval, which the figure leaves out."""


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import textual

    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "load_1min_at_start": round(os.getloadavg()[0], 2),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "textual": textual.__version__,
        "platform": platform.platform(terse=True),
    }


def build_demo(folder: Path, size: str, data: Path | None) -> tuple[Path, float | None]:
    """The demo file of ``size`` in ``folder``: built (seed 1), or copied from ``data`` if given."""
    path = folder / size / "herford.json"
    path.parent.mkdir(parents=True)
    if data is not None and (data / size / "herford.json").exists():
        shutil.copyfile(data / size / "herford.json", path)
        return path, None
    command = processes.herford_tui_command(path)[:-2]  # the script, without "--db PATH"
    start = time.perf_counter()
    demo = [*command, "demo", "--db", str(path), "--size", size, "--seed", "1"]
    subprocess.run(demo, check=True, capture_output=True)
    return path, time.perf_counter() - start


def measure_size(
    path: Path, size: str, runs: int, scale: float, say, *, quick: bool = False
) -> tuple[dict[str, measure.Figure], dict[str, float], dict[str, str]]:
    """Every figure of one size on one demo file; the seconds each part took; why a figure is missing
    (``quick``: see ``QUICK``)."""
    figures: dict[str, measure.Figure] = {}
    seconds: dict[str, float] = {}
    errors: dict[str, str] = {}

    def budget(part: str, wanted: int = runs) -> measure.Budget:
        """This part's share of the size's budget, plus what the parts before it left over."""
        spent = sum(seconds.values())
        allotted = sum(BUDGET[size] * scale * SHARE[p] for p in seconds)
        share = BUDGET[size] * scale * SHARE[part] + max(allotted - spent, 0)
        return measure.Budget(wanted, share, MINIMUM.get(part, 7))

    def part(name: str, measured: Callable[[], dict[str, measure.Figure]]) -> None:
        """Measure one part; if it fails, its figures are missing (and why), not the whole run."""
        started = time.perf_counter()
        try:
            found = measured()
        except Exception as exc:
            errors[name] = f"{type(exc).__name__}: {str(exc)[-500:]}"
            say(f"    {name}: NOT MEASURED: {errors[name]}")
            found = {}
        for key, figure in found.items():
            figures[key] = figure
            say(f"    {figure.name}: {_short(figure)}")
        seconds[name] = round(time.perf_counter() - started, 1)
        say(f"      ({seconds[name]} s)")

    def saves() -> dict[str, measure.Figure]:
        one, three = measure.saves(path, budget("saves"))
        return {"save_one": one, "save_three": three}

    def ui() -> dict[str, measure.Figure]:
        options = {**UI_OPTIONS, "seconds": BUDGET[size] * scale * 0.1}
        if quick:
            options.update(keys=QUICK["keys"], saves=QUICK["saves"])
        found, failed = measure.ui_figures(path, budget("ui", min(UI_RUNS[size], runs)), options)
        if (seen := found.get("colleague_ui")) is not None and "colleague_seen" in figures:
            seen.baseline_name = "the same save seen in a bare snapshot (above)"
            seen.baseline = list(figures["colleague_seen"].values)
        for key, message in failed.items():
            errors[key] = message
            say(f"    {key}: NOT MEASURED: {message}")
        return {key: figure for key, figure in found.items() if figure is not None}

    part("open", lambda: {"open": measure.open_store(path, budget("open"))})
    part("saves", saves)
    part("colleague", lambda: {"colleague_seen": measure.colleague_seen(path, budget("colleague"))})
    part("search", lambda: {"search_p95": measure.search_keystrokes(path, budget("search"))})
    part("cold_start", lambda: {"cold_start": measure.cold_start(path, budget("cold_start"))})
    part("ui", ui)
    writer_runs, writes = (QUICK["writer_runs"], QUICK["writes"]) if quick else (2, WRITES_PER_WRITER[size])
    part("writers", lambda: {"writers": measure.writers(path, budget("writers", writer_runs), writes)})
    return figures, seconds, errors


def _short(figure: measure.Figure) -> str:
    data = figure.as_json()
    text = f"{data['median']} {data['unit']} (min {data['min']}, max {data['max']}, n={data['runs']})"
    if "baseline" in data:
        text += f"; baseline {data['baseline']['median']} {data['unit']}; ratio {data['ratio']}"
    if data.get("note"):
        text += f" [{data['note']}]"
    if "lost" in data:
        text += f"; lost {data['lost']}, refused {data['errors']} {data['error_messages']}"
    return text


def growth(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Exponent b in figure ∝ (file size)^b between neighbouring sizes; 1 = linear."""
    out: dict[str, dict[str, float]] = {}
    sizes = [s for s in SIZES if s in results]
    for a, b in itertools.pairwise(sizes):
        bytes_a, bytes_b = results[a]["file_bytes"], results[b]["file_bytes"]
        for key, figure in results[b]["figures"].items():
            old = results[a]["figures"].get(key)
            if old is None or old["median"] <= 0 or figure["median"] <= 0 or figure["unit"] == "saves/s":
                continue
            exponent = math.log(figure["median"] / old["median"]) / math.log(bytes_b / bytes_a)
            out.setdefault(key, {})[f"{a}→{b}"] = round(exponent, 2)
    return out


def _bound(what: str, bound: float) -> str:
    if what == "lost":
        return f"{bound:g} lost"
    return f"{what} ≤ {bound:g}" if what == "ratio" else f"≤ {bound:g} {what}"


def _bound(what: str, bound: float) -> str:
    if what == "lost":
        return f"{bound:g} lost"
    return f"{what} ≤ {bound:g}" if what == "ratio" else f"≤ {bound:g} {what}"


def verdicts(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Each target of a size against the figure measured: met, or missed by how much (×)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for size, result in results.items():
        for key, by_size in TARGETS.items():
            target, figure = by_size.get(size), result["figures"].get(key)
            if not target or not figure:
                continue
            misses = []
            for what, bound in target.items():
                value = figure.get(what) if what in ("ratio", "lost") else figure["median"]
                if value is not None and value > bound:
                    misses.append(f"{what} missed by {value / bound:.1f}×" if bound else f"{what} {value}")
            out.setdefault(size, {})[key] = {
                "target": " and ".join(_bound(what, bound) for what, bound in target.items()),
                "met": not misses,
                "verdict": ", ".join(misses) or "met",
            }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated, of small,x1,x10")
    parser.add_argument("--runs", type=int, help="runs of each timed figure (default: 9, at x10 7)")
    parser.add_argument("--keep", metavar="FOLDER", help="build the demo files here and keep them")
    parser.add_argument("--data", metavar="FOLDER", help="copy FOLDER/SIZE/herford.json (if there) instead of building")
    parser.add_argument("--budget", type=float, default=1.0, help="scale the time budget of each size (default 1)")
    parser.add_argument("--quick", action="store_true", help="every figure from its fewest measurements (see QUICK)")
    args = parser.parse_args()
    sizes = [s for s in args.sizes.split(",") if s]
    if unknown := set(sizes) - set(SIZES):
        parser.error(f"unknown size(s): {', '.join(sorted(unknown))}")

    def say(text: str) -> None:
        print(text, file=sys.stderr if args.json else sys.stdout, flush=True)

    started = time.perf_counter()
    report: dict[str, Any] = {"machine": machine(), "sizes": {}, "targets": TARGETS}
    say(f"herford-tui benchmark on {report['machine']['cpus']} CPU(s), {report['machine']['cpu']}")
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="herford-bench-"))
    try:
        for size in sizes:
            began = time.perf_counter()
            path, generated = build_demo(folder, size, Path(args.data) if args.data else None)
            file_bytes = path.stat().st_size
            built = f"demo written in {generated:.1f} s" if generated is not None else f"copied from {args.data}"
            say(f"  {size}: {file_bytes / 1e6:.1f} MB, {built}")
            runs = QUICK["runs"] if args.quick else args.runs or RUNS[size]
            figures, seconds, errors = measure_size(path, size, runs, args.budget, say, quick=args.quick)
            report["sizes"][size] = {
                "file_bytes": file_bytes,
                "demo_seconds": round(generated, 2) if generated is not None else None,
                "seconds": {**seconds, "total": round(time.perf_counter() - began, 1)},
                "figures": {key: figure.as_json() for key, figure in figures.items()},
                "not_measured": errors,
            }
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    report["figures"] = {
        size: {key: f"{f['median']:g} {f['unit']}" for key, f in result["figures"].items()}
        for size, result in report["sizes"].items()
    }
    report["ratios"] = {
        size: {key: f["ratio"] for key, f in result["figures"].items() if f.get("ratio") is not None}
        for size, result in report["sizes"].items()
    }
    report["verdicts"] = verdicts(report["sizes"])
    report["growth"] = growth(report["sizes"])
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        say(f"growth exponents (figure ∝ file size^b): {json.dumps(report['growth'], ensure_ascii=False)}")
        for size, found in report["verdicts"].items():
            say(f"targets {size}: " + "; ".join(f"{key} {v['verdict']}" for key, v in found.items()))
        say(f"total {report['total_seconds']} s")


if __name__ == "__main__":
    main()
