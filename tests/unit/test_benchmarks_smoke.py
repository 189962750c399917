"""The benchmark harness can't rot silently: its modules import, the cheapest figures run on the
small demo data, and the report turns a result into its tables. Quick (a few seconds); the whole
``run.py`` once on the small data is ``test_benchmarks.py`` (slow)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # the modules import each other by bare name
    import bare_app  # noqa: F401 (imports: the baseline app and the children stay importable)
    import child  # noqa: F401
    import measure
    import report
    import run

    return run, measure, report


# The cheapest figures measured in a process of their own, as ``run.py`` measures each figure: the
# harness collects before each timed run (``measure._timed``, ``_frozen``), and in this test process,
# after some hundred Pilot tests, each of those passes walked its whole heap (5-8 s of the suite's
# CPU against 0.8 s in a fresh process; issue 20.7).
_MEASURE = """
import json, sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
import measure, run

path, seconds = run.build_demo(Path(sys.argv[2]), "small", None)
opened = measure.open_store(path, measure.Budget(2, seconds=10, minimum=2))
one, three = measure.saves(path, measure.Budget(2, seconds=10, minimum=2))
search = measure.search_keystrokes(path, measure.Budget(1, seconds=10))
figures = {"open": opened, "save_one": one, "save_three": three, "search_p95": search}
print(json.dumps({"path": str(path), "seconds": seconds, "figures": {
    key: {"values": len(f.values), "baseline": len(f.baseline), "median": f.median, "ratio": f.ratio,
          "as_json": f.as_json()}
    for key, f in figures.items()
}}))
"""


def test_the_cheapest_figures_on_the_small_demo_data_make_a_report(bench, tmp_path: Path):
    run, _, report = bench
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(BENCHMARKS), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    measured = json.loads(done.stdout.splitlines()[-1])
    path = Path(measured["path"])
    assert path.stat().st_size > 10_000 and measured["seconds"] is not None
    figures = measured["figures"]
    for figure in figures.values():
        assert figure["values"] == figure["baseline"] >= 1
        assert figure["median"] > 0 and figure["ratio"] is not None and figure["ratio"] > 0

    result = {"file_bytes": path.stat().st_size, "figures": {k: f["as_json"] for k, f in figures.items()}}
    bigger = {"file_bytes": result["file_bytes"] * 10, "figures": result["figures"]}
    sizes = {"small": result, "x1": bigger}
    whole = {
        "machine": run.machine(),
        "sizes": sizes,
        "verdicts": run.verdicts(sizes),
        "growth": run.growth(sizes),
        "total_seconds": 1.0,
    }
    assert whole["growth"]["open"]["small→x1"] == 0  # the same figure at ten times the size: flat
    verdict = whole["verdicts"]["x1"]["open"]
    assert verdict["target"] == "ratio ≤ 2"
    ratio = result["figures"]["open"]["ratio"]  # as reported: rounded
    assert verdict["verdict"] == ("met" if ratio <= 2 else f"ratio missed by {ratio / 2:.1f}×")
    text = report.markdown(whole)
    assert "`Store.open()`" in text and "Targets of issue 12" in text and "small→x1" in text


def test_the_budget_stops_early_but_never_below_its_minimum(bench):
    _, measure, _ = bench
    budget = measure.Budget(9, seconds=0, minimum=3)
    assert list(budget) == [0, 1, 2] and budget.note.startswith("3 of 9 runs")
    generous = measure.Budget(4, seconds=60)
    assert list(generous) == [0, 1, 2, 3] and generous.note == ""


def test_the_feel_report_judges_each_target_of_issue_20(bench):
    import feel

    figure = {"app": {"median_ms": 300.0, "p95_ms": 320.0}, "bare": {"median_ms": 100.0, "p95_ms": 110.0}}
    tab = {"label": "Jahr", "shape": (1009, 14), **figure, "ratio": 3.0, "n": 3}
    result = {
        "cold_start": {**figure, "ratio": 1.2, "n": 3},
        "tabs": {"jahr": tab},
        "pty_tabs": {"jahr": {**tab, "ratio": 1.9}},
        "key_p95": {**figure, "ratio": 1.4, "n": 3},
        "gc": {
            "over_50ms_per_process": [3, 1, 2],
            "over_50ms_after_start_per_process": [0, 1, 0],
            "over_50ms_cpu_after_start_per_process": [0, 0, 0],
            "passes_per_process": [400, 410, 420],
            "max_ms": 80.0,
            "long": [[], [["tour", 2, 80.0, 20.0]], []],
        },
        "errors": [],
    }
    rows = {name: verdict for name, _, _, verdict in feel.verdicts("x10", result)}
    assert rows["cold start (pty)"] == "met"  # 1.2 ≤ 2.5
    assert rows["first visit Jahr (headless, 1009×14)"] == "not met (1.5× over)"
    assert rows["first visit Jahr (pty, 1009×14)"] == "met"
    assert rows["key in the roster, p95 (headless)"] == "met"
    assert rows["collector passes over 50 ms after the start (tour and keys)"] == "not met"
    result.update(file_mb=78.7, runs=3, verdicts=feel.verdicts("x10", result))
    machine = {"cpus": 2, "load_1min_at_start": 1.0, "python": "3.11", "textual": "8"}
    text = feel.markdown({"machine": machine, "seconds": 1.0, "sizes": {"x10": result}})
    assert "| first visit: Jahr (headless) | 1009×14 | 300 / 320 ms | 100 / 110 ms | **3.0×** |" in text


def test_the_collector_passes_are_counted_by_phase(bench):
    import gc

    import child

    pauses = child.Pauses()
    gc.freeze()  # the pass still counts as one of the oldest generation, without walking this process' heap
    try:
        pauses.phase = "keys"
        gc.collect()
    finally:
        gc.unfreeze()
        gc.callbacks.remove(pauses._callback)
    summary = pauses.summary()
    # The callback hears every thread (xdist's channel thread too): this pass is among them, not
    # necessarily the last one.
    assert summary["passes"] >= 1 and ("keys", 2) in [(phase, gen) for phase, gen, *_ in pauses.passes]


def test_the_lookup_benchmark_measures_a_save_and_a_lookup(monkeypatch, tmp_path: Path, capsys):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_lookups

    from herford_tui.store import Store
    from herford_tui.store.demo import write_demo

    path = tmp_path / "small.json"
    write_demo(Store(path).open(), size="small", seed=1)
    bench_lookups.saves(path, 1)
    assert "save → roster indexes" in capsys.readouterr().out
    took = bench_lookups.timed_process(bench_lookups.herford("termine", "--db", str(path)), 1)
    [(wall, cpu)] = took  # each run's wall and CPU seconds
    assert wall > 0 and cpu > 0
