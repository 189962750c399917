"""The tables of docs/benchmarks.md from a ``run.py --json`` object: ``python benchmarks/report.py run.json``.

Three tables: every figure with its baseline and ratio per size; each target of issue 12
against the figure measured ("met" or "missed by N×"); how each figure grows with the file.
"""

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
    ("tab_first_visit", "a tab's first visit, p95 over the tabs (headless)", "bare app, tab with a table"),
    ("roster_key", "a key in a roster, p95 (headless)", "bare app, DataTable of as many rows"),
    ("ctrl_s", "Ctrl+S in a member form → roster repainted", "—"),
    ("peak_rss", "peak RSS after the tab tour", "`json.loads` of the file alone"),
    ("writers", "4 concurrent writers", "one writer alone"),
)
LABELS = {key: label for key, label, _ in ROWS}


def _cell(figure: dict[str, Any]) -> str:
    unit = figure["unit"]
    value = f"{figure['median']:g} {unit} ({figure['min']:g}–{figure['max']:g}, n={figure['runs']})"
    if "max_ms" in figure:
        value += f", max {figure['max_ms']:g} ms"
    if "lost" in figure:
        value += f", lost {figure['lost']}, refused {figure['errors']}"
    return value


def _baseline(figure: dict[str, Any]) -> str:
    base = figure.get("baseline")
    if not base:
        return "—"
    return f"{base['median']:g} {figure['unit']} → **{figure['ratio']}×**"


def figures_table(report: dict[str, Any]) -> list[str]:
    sizes = list(report["sizes"])
    head = "| figure (baseline) | " + " | ".join(f"{s}: median (min–max, n) | {s}: baseline → ratio" for s in sizes)
    lines = [head + " |", "|---|" + "---|---|" * len(sizes)]
    for key, label, base in ROWS:
        cells = []
        for size in sizes:
            figure = report["sizes"][size]["figures"].get(key)
            cells += [_cell(figure), _baseline(figure)] if figure else ["—", "—"]
        lines.append(f"| {label}{f' ({base})' if base != '—' else ''} | " + " | ".join(cells) + " |")
    return lines


def targets_table(report: dict[str, Any]) -> list[str]:
    verdicts = report.get("verdicts", {})
    sizes = [s for s in report["sizes"] if s in verdicts]
    if not sizes:
        return ["No target for the sizes measured (targets are for x1 and x10)."]
    lines = ["| figure | " + " | ".join(f"{s}: target | {s}: measured | {s}" for s in sizes) + " |"]
    lines.append("|---|" + "---|---|---|" * len(sizes))
    for key, label, _ in ROWS:
        if not any(key in verdicts[s] for s in sizes):
            continue
        cells = []
        for size in sizes:
            verdict = verdicts[size].get(key)
            figure = report["sizes"][size]["figures"].get(key)
            if verdict is None or figure is None:
                cells += ["—", "—", "—"]
                continue
            measured = f"{figure['median']:g} {figure['unit']}"
            if figure.get("ratio") is not None:
                measured += f" = {figure['ratio']}×"
            if "lost" in figure:
                measured += f", lost {figure['lost']}"
            text = "met" if verdict["met"] else f"**{verdict['verdict']}**"
            cells += [verdict["target"], measured, text]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def growth_table(report: dict[str, Any]) -> list[str]:
    steps = sorted({step for by_step in report["growth"].values() for step in by_step}, key=_step_order(report))
    if not steps:
        return ["One size only: no growth to show."]
    lines = ["| figure | " + " | ".join(steps) + " |", "|---|" + "---|" * len(steps)]
    for key, by_step in report["growth"].items():
        cells = [f"{by_step[s]:g}" if s in by_step else "—" for s in steps]
        lines.append(f"| {LABELS.get(key, key)} | " + " | ".join(cells) + " |")
    return lines


def _step_order(report: dict[str, Any]):
    sizes = list(report["sizes"])
    return lambda step: sizes.index(step.split("→")[0]) if step.split("→")[0] in sizes else len(sizes)


def notes(report: dict[str, Any]) -> list[str]:
    """Why a figure has fewer runs, what the tour visited: the notes of the figures, per size."""
    lines = []
    for size, result in report["sizes"].items():
        for key, message in result.get("not_measured", {}).items():
            lines.append(f"- {size}, {LABELS.get(key, key)}: **not measured**: {message}")
        for key, _, _ in ROWS:
            figure = result["figures"].get(key)
            if figure and figure.get("note"):
                lines.append(f"- {size}, {LABELS[key]}: {figure['note']}")
    return lines


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        f"Machine: {m['cpus']} CPUs ({m['cpu']}), {m['memory_gib']} GiB, {m['platform']}, Python {m['python']}, "
        f"Textual {m['textual']}; load average at the start {m['load_1min_at_start']}. "
        f"Whole run: {report['total_seconds']:g} s.",
        "",
        *figures_table(report),
    ]
    files = ", ".join(
        f"{s} {d['file_bytes'] / 1e6:.1f} MB ("
        + (f"demo written in {d['demo_seconds']:g} s" if d.get("demo_seconds") is not None else "demo file copied")
        + (f", measured in {d['seconds']['total']:g} s" if "seconds" in d else "")
        + ")"
        for s, d in report["sizes"].items()
    )
    lines += ["", f"Files: {files}.", "", "Targets of issue 12:", "", *targets_table(report)]
    lines += ["", "Growth exponents (figure ∝ file size^b; 1 = linear):", "", *growth_table(report)]
    if found := notes(report):
        lines += ["", "Notes:", "", *found]
    return "\n".join(lines)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as fh:
        print(markdown(json.load(fh)))
