"""herford-tui benchmark: ``python benchmarks/run.py [--json] [--sizes small,x1,x10] [--runs N]``.

Builds the demo data (``herford-tui demo --size …``, seed 1) for each size in a temporary
folder and measures every figure of issue 12 together with its baseline in the same run,
alternating figure and baseline so that a busy moment on the machine hits both: median and
min/max of the runs (at least 7; memory and the concurrent writers fewer, see ``RUNS``).
Then how each figure grows from size to size (the exponent of file size: 1 = linear).

``--json`` prints one object (machine, sizes, figures, ratios, growth, targets) instead of
the tables. Replaces ``bench_store.py``: the figures the old script had are all here.
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
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure  # the modules beside this script (on sys.path when run as a script)
import processes

SIZES = ("small", "x1", "x10")
RUNS = {"small": 9, "x1": 9, "x10": 7}
"""Runs of each timed figure (with as many of its baseline)."""
HEAVY_RUNS = {"small": 3, "x1": 1, "x10": 1}
"""Runs of the tab tour (peak RSS) and of the concurrent writers: a tour of the tabs takes
tens of seconds at x1 today, and peak RSS varies by well under 1 % between runs."""
MAX_TABS = 45
"""x10 has 343 tabs (each Demo-Fachgruppe is a committee of its own); a tour visits every tab
that is not a single committee and an even sample of the rest, so the sizes stay comparable."""
WRITES_PER_WRITER = {"small": 20, "x1": 8, "x10": 1}
TARGETS: dict[str, dict[str, str]] = {
    "cold_start": {"x1": "ratio ≤ 1.3", "x10": "ratio ≤ 2"},
    "open": {"x1": "ratio ≤ 2", "x10": "ratio ≤ 2"},
    "save_one": {"x1": "ratio ≤ 3", "x10": "ratio ≤ 3"},
    "colleague_seen": {"x1": "≤ 100 ms + poll", "x10": "≤ 1000 ms + poll"},
    "colleague_ui": {"x1": "≤ 100 ms + poll", "x10": "≤ 1000 ms + poll"},
    "search_p95": {"x1": "≤ 16 ms", "x10": "≤ 50 ms"},
    "tab_first_visit": {"x1": "≤ 100 ms", "x10": "≤ 200 ms"},
    "peak_rss": {"x1": "≤ 150 MiB", "x10": "≤ 3× the parsed JSON (ratio ≤ 3)"},
    "writers": {"x1": "0 lost", "x10": "0 lost"},
}


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


def build_demo(folder: Path, size: str) -> tuple[Path, float]:
    path = folder / size / "herford.json"
    path.parent.mkdir(parents=True)
    command = processes.herford_tui_command(path)[:-2]  # the script, without "--db PATH"
    start = time.perf_counter()
    demo = [*command, "demo", "--db", str(path), "--size", size, "--seed", "1"]
    subprocess.run(demo, check=True, capture_output=True)
    return path, time.perf_counter() - start


def measure_size(path: Path, size: str, runs: int, heavy: int, say) -> dict[str, measure.Figure]:
    figures: dict[str, measure.Figure] = {}

    def add(key: str, figure: measure.Figure) -> None:
        figures[key] = figure
        say(f"    {figure.name}: {_short(figure)}")

    add("cold_start", measure.cold_start(path, runs))
    add("open", measure.open_store(path, runs))
    one, three = measure.saves(path, runs)
    add("save_one", one)
    add("save_three", three)
    add("colleague_seen", measure.colleague_seen(path, runs))
    add("colleague_ui", measure.colleague_in_ui(path, runs, figures["colleague_seen"]))
    add("search_p95", measure.search_keystrokes(path, runs))
    memory, tab = measure.peak_rss(path, heavy, MAX_TABS)
    add("peak_rss", memory)
    add("tab_first_visit", tab)
    add("writers", measure.writers(path, heavy, WRITES_PER_WRITER[size]))
    return figures


def _short(figure: measure.Figure) -> str:
    data = figure.as_json()
    text = f"{data['median']} {data['unit']} (min {data['min']}, max {data['max']}, n={data['runs']})"
    if "baseline" in data:
        text += f"; baseline {data['baseline']['median']} {data['unit']}; ratio {data['ratio']}"
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


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated, of small,x1,x10")
    parser.add_argument("--runs", type=int, help="runs of each timed figure (default: 9, at x10 7)")
    parser.add_argument("--keep", metavar="FOLDER", help="build the demo files here and keep them")
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
            path, generated = build_demo(folder, size)
            file_bytes = path.stat().st_size
            say(f"  {size}: {file_bytes / 1e6:.1f} MB, demo written in {generated:.1f} s")
            runs = args.runs or RUNS[size]
            figures = measure_size(path, size, runs, min(HEAVY_RUNS[size], runs), say)
            report["sizes"][size] = {
                "file_bytes": file_bytes,
                "demo_seconds": round(generated, 2),
                "figures": {key: figure.as_json() for key, figure in figures.items()},
            }
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    report["growth"] = growth(report["sizes"])
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        say(f"growth exponents (figure ∝ file size^b): {json.dumps(report['growth'], ensure_ascii=False)}")
        say(f"total {report['total_seconds']} s")


if __name__ == "__main__":
    main()
