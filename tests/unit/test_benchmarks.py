"""benchmarks/run.py keeps working: one quick run on the small demo data, every figure with its baseline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES_WITH_BASELINE = (
    "cold_start",
    "open",
    "save_one",
    "save_three",
    "colleague_seen",
    "colleague_ui",
    "search_p95",
    "tab_first_visit",
    "roster_key",
    "peak_rss",
    "writers",
)


@pytest.mark.slow  # ~25 s: every figure starts processes, the app among them
def test_one_quick_run_prints_one_json_object_with_every_figure(tmp_path: Path):
    # --quick: one run of each figure, each from its fewest measurements (a few keys, 3 saves):
    # what is proven is that every figure comes out, not what it is.
    # --budget 50: a loaded machine must not end the tab tour early (it once stopped at 5 of 6
    # tabs, failing the count below); with one run per figure nothing else runs longer.
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--sizes",
            "small",
            "--quick",
            "--json",
            "--budget",
            "50",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["machine"]["cpus"] >= 1 and report["total_seconds"] > 0
    small = report["sizes"]["small"]
    assert small["file_bytes"] > 10_000
    figures = small["figures"]
    for key in FIGURES_WITH_BASELINE:
        figure = figures[key]
        assert figure["runs"] >= 1 and figure["median"] > 0, key
        assert figure["baseline"]["median"] > 0 and figure["ratio"] > 0, key
    assert figures["writers"]["lost"] == 0 and figures["writers"]["errors"] == 0
    assert figures["tab_first_visit"]["slowest_tab"] and figures["ctrl_s"]["runs"] >= 3
    assert figures["peak_rss"]["tabs_visited"] == figures["peak_rss"]["tabs_in_app"] - 1  # all but the start tab
    assert report["growth"] == {}  # one size: nothing to compare
    assert list(tmp_path.iterdir()) == []  # the demo data went into a temporary folder, now gone
