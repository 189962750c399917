"""The app's start cost (issue 20): CPU per start as the Pilot tests start it, and the cold start.

``python benchmarks/start_cost.py [--starts N] [--cold RUNS] [--db X1_FILE]``

- **per start**: ``create_app`` on the Pilot tests' file (``tests/ui/conftest.build_world``),
  ``run_test`` at 80×24, one ``pause``, exit; N starts in this process after one to warm up
  (imports), as a test process runs them one after another. The figure is this process's CPU
  time per start (``time.process_time``: the app's threads included).
- **cold start** (``--cold``, with ``--db``): ``herford-tui --db FILE`` on a pty of 120×40 until
  the first committee's info line is painted (``processes.MARKER``, as ``feel.py``), alternating
  with the bare app (``bare_app.py``); wall time and the process's CPU time at that moment
  (``/proc/PID/stat``, in clock ticks of 10 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "ui"))

import processes  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def per_start(starts: int) -> float:
    """CPU milliseconds per start of the app on the Pilot tests' file."""
    from conftest import build_world  # tests/ui: the file every Pilot test starts on
    from pilot_helpers import TODAY

    from herford_tui.app import create_app

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "herford.json"
        build_world(path)

        async def one() -> None:
            app = create_app(path, today=lambda: TODAY, poll_interval=0.1)
            app.animation_level = "none"
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()

        asyncio.run(one())  # imports, and what a process does once
        began = time.process_time()
        for _ in range(starts):
            asyncio.run(one())
        return (time.process_time() - began) / starts * 1000


def _cpu_of(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def cold(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds from exec to the marker painted on a pty of 120×40."""
    start = time.perf_counter()
    with processes.on_pty(argv, (120, 40)) as (proc, master):
        took = processes.read_until(master, processes.MARKER, start, name=argv[0], timeout=120)
        return took, _cpu_of(proc.pid)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[2])
    parser.add_argument("--starts", type=int, default=20, help="starts per process (default 20)")
    parser.add_argument("--cold", type=int, default=0, metavar="RUNS", help="cold starts on a pty, each side")
    parser.add_argument("--db", type=Path, help="the file of the cold start (e.g. an x1 demo file)")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"per start (the Pilot tests' file, 80x24): {per_start(args.starts):.1f} ms CPU")
    if args.cold and args.db:
        processes.compile_all()
        app: list[tuple[float, float]] = []
        bare: list[tuple[float, float]] = []
        for _ in range(args.cold):
            app.append(cold(processes.herford_tui_command(args.db)))
            bare.append(cold(processes.bare_app_command()))
        for name, runs in (("app", app), ("bare", bare)):
            wall = statistics.median(w for w, _ in runs) * 1000
            cpu = statistics.median(c for _, c in runs) * 1000
            print(f"cold start, {name}: {wall:.0f} ms wall, {cpu:.0f} ms CPU (medians of {len(runs)})")
        ratio = statistics.median(w for w, _ in app) / statistics.median(w for w, _ in bare)
        cpu_ratio = statistics.median(c for _, c in app) / statistics.median(c for _, c in bare)
        print(f"cold start ratio: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU")
    print(f"load average {load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
