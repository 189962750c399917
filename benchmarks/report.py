"""The tables of docs/benchmarks.md from a ``run.py --json`` object: ``python benchmarks/report.py run.json``."""

from __future__ import annotations

import json
import sys
from typing import Any

ROWS = (
    ("cold_start", "cold start to the start screen's data (pty)", "bare Textual app, same tabs"),
    ("open", "`Store.open()`", "`orjson.loads`, same bytes"),
    ("save_one", "save one record", "raw write + fsync, same bytes"),
    ("save_three", "`save_all` of three records", "raw write + fsync, same bytes"),
    ("colleague_seen", "a colleague's save → new data in the snapshot", "`orjson.loads` of the new file"),
    ("colleague_ui", "a colleague's save → roster shows it (app)", "the snapshot figure above"),
    ("search_p95", "search keystroke p95", "substring scan of all names"),
    ("tab_first_visit", "slowest first visit of a tab", "—"),
    ("peak_rss", "peak RSS after the tab tour", "`json.loads` of the file alone"),
    ("writers", "4 concurrent writers", "one writer alone"),
)


def _cell(figure: dict[str, Any]) -> str:
    unit = figure["unit"]
    value = f"{figure['median']:g} {unit} ({figure['min']:g}–{figure['max']:g}, n={figure['runs']})"
    if "lost" in figure:
        value += f", lost {figure['lost']}, refused {figure['errors']}"
    return value


def _baseline(figure: dict[str, Any]) -> str:
    base = figure.get("baseline")
    if not base:
        return "—"
    return f"{base['median']:g} {figure['unit']} → **{figure['ratio']}×**"


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        f"Machine: {m['cpus']} CPUs ({m['cpu']}), {m['memory_gib']} GiB, {m['platform']}, Python {m['python']}, "
        f"Textual {m['textual']}; load average at the start {m['load_1min_at_start']}. "
        f"Whole run: {report['total_seconds']:g} s.",
        "",
    ]
    sizes = list(report["sizes"])
    head = "| figure | " + " | ".join(f"{s}: median (min–max, runs) | {s}: baseline → ratio" for s in sizes) + " |"
    lines += [head, "|---|" + "---|---|" * len(sizes)]
    for key, label, base in ROWS:
        cells = []
        for size in sizes:
            figure = report["sizes"][size]["figures"].get(key)
            cells += [_cell(figure), _baseline(figure)] if figure else ["—", "—"]
        lines.append(f"| {label} (baseline: {base}) | " + " | ".join(cells) + " |")
    files = ", ".join(
        f"{s} {d['file_bytes'] / 1e6:.1f} MB (demo written in {d['demo_seconds']:g} s)"
        for s, d in report["sizes"].items()
    )
    lines += ["", f"Files: {files}.", "", "Growth exponents (figure ∝ file size^b; 1 = linear):", ""]
    lines += ["| figure | " + " | ".join(next(iter(report["growth"].values()), {}).keys()) + " |"]
    lines += ["|---|" + "---|" * len(next(iter(report["growth"].values()), {}))]
    for key, steps in report["growth"].items():
        lines.append(f"| {key} | " + " | ".join(f"{v:g}" for v in steps.values()) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as fh:
        print(markdown(json.load(fh)))
