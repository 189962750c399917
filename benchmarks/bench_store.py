"""Store benchmark on demo data: ``python benchmarks/bench_store.py [--size x1|x10] [--runs N]``.

Writes a demo database into a temporary folder and measures what the app pays
for it: generating the demo, the file size, opening the file cold and building
the snapshot, the ``stat`` that tells whether another process saved, one save on
the big file and the memory a loaded snapshot holds. Baselines measured in the
same run (``json.loads`` of the same bytes, a plain ``TinyDB(path)`` read of all
tables) turn the seconds into ratios that mean something on any machine.

Memory is measured in child processes, so what the parent allocated before
does not count: RSS growth (``/proc/self/status``) and the tracemalloc peak.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path

TABLES = ("committees", "organisations", "persons", "memberships", "meetings")


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# -- what a child process measures ----------------------------------------------------------------
def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def child(kind: str, path: str) -> None:
    """Load ``path`` one way; print RSS growth and tracemalloc figures as JSON."""
    import tracemalloc

    from tinydb import TinyDB

    from herford_tui.store import Store

    def load():
        if kind == "json":
            with open(path, "rb") as fh:
                return json.loads(fh.read())
        if kind == "tinydb":
            db = TinyDB(path, access_mode="r")
            return [db.table(t).all() for t in TABLES]
        return Store(path).open()

    with tempfile.TemporaryDirectory() as tmp:  # warm imports and caches on a tiny file, not on this one:
        Store(Path(tmp) / "warm.json").open()  # freed memory of a big load would be reused and hide the cost
    rss_before = _rss_kib()
    keep = load()
    rss_after = _rss_kib()
    del keep
    tracemalloc.start()
    keep = load()
    current, peak = tracemalloc.get_traced_memory()  # ``keep`` still holds what was loaded
    tracemalloc.stop()
    del keep
    figures = {"rss_mib": (rss_after - rss_before) / 1024, "kept_mib": current / 2**20, "peak_mib": peak / 2**20}
    print(json.dumps(figures))


def measure_child(kind: str, path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


# -- the benchmark --------------------------------------------------------------------------------
def run(size: str, runs: int, folder: Path) -> list[tuple[str, str]]:
    from tinydb import TinyDB

    from herford_tui.domain import Person
    from herford_tui.store import Store
    from herford_tui.store.check import check_file
    from herford_tui.store.demo import write_demo

    out: list[tuple[str, str]] = []

    def row(name: str, value: str) -> None:
        out.append((name, value))
        print(f"  {name:<48} {value}", flush=True)

    path = folder / "bench.json"
    start = time.perf_counter()
    counts = write_demo(Store(path, backups=0).open(), size=size, seed=1)
    row("demo generation (seed + demo, 4 writes)", f"{time.perf_counter() - start:.2f} s")
    row("records added", ", ".join(f"{n} {what}" for what, n in counts.items()))
    raw = path.read_bytes()
    row("file size", f"{len(raw) / 1e6:.1f} MB")

    # Baselines ----------------------------------------------------------------------------------
    t_json = median_time(lambda: json.loads(raw), runs)
    row("baseline: json.loads of the file (in memory)", f"{t_json * 1000:.0f} ms")

    def tinydb_read() -> None:
        db = TinyDB(path, access_mode="r")
        for table in TABLES:
            db.table(table).all()
        db.close()

    t_tinydb = median_time(tinydb_read, runs)
    row("baseline: TinyDB(path).table(t).all(), 5 tables", f"{t_tinydb * 1000:.0f} ms ({t_tinydb / t_json:.1f}x json)")

    # Reading ------------------------------------------------------------------------------------
    t_open = median_time(lambda: Store(path).open().snapshot(), runs)
    row("cold open + snapshot (new Store)", f"{t_open * 1000:.0f} ms ({t_open / t_json:.1f}x json)")
    store = Store(path).open()
    n = 100_000
    t_stat = timeit.timeit(store.changed, number=n) / n
    row("change detection: store.changed() (one stat)", f"{t_stat * 1e6:.2f} µs/call")
    t_cached = timeit.timeit(store.snapshot, number=n) / n
    row("store.snapshot() when unchanged", f"{t_cached * 1e6:.2f} µs/call")
    t_check = median_time(lambda: check_file(path), max(1, runs // 2))
    row("herford-tui check (check_file)", f"{t_check * 1000:.0f} ms ({t_check / t_json:.1f}x json)")

    # Writing ------------------------------------------------------------------------------------
    person_id = min(store.snapshot().persons)
    saves, rebuilds = [], []
    for i in range(runs):
        person = store.get(Person, person_id)
        person.notes = f"Benchmark {i}"
        start = time.perf_counter()
        store.save(person)
        saves.append(time.perf_counter() - start)
        start = time.perf_counter()
        store.snapshot()
        rebuilds.append(time.perf_counter() - start)
    t_save = statistics.median(saves)
    t_rebuild = statistics.median(rebuilds)
    row(f"save one person (median of {runs})", f"{t_save * 1000:.0f} ms ({t_save / t_json:.1f}x json)")
    row("snapshot rebuild after that save", f"{t_rebuild * 1000:.0f} ms ({t_rebuild / t_json:.1f}x json)")
    row("save + rebuild (what the user waits for)", f"{(t_save + t_rebuild) * 1000:.0f} ms")

    # Memory (child processes) -------------------------------------------------------------------
    m_json = measure_child("json", path)
    m_tinydb = measure_child("tinydb", path)
    m_store = measure_child("store", path)
    row("memory: json.loads result (RSS growth)", f"{m_json['rss_mib']:.0f} MiB")
    row("memory: TinyDB read of all tables (RSS growth)", f"{m_tinydb['rss_mib']:.0f} MiB")
    row(
        "memory: opened Store, raw + snapshot (RSS growth)",
        f"{m_store['rss_mib']:.0f} MiB ({m_store['rss_mib'] / m_json['rss_mib']:.1f}x json)",
    )
    row(
        "memory: opened Store (tracemalloc kept / peak)",
        f"{m_store['kept_mib']:.0f} / {m_store['peak_mib']:.0f} MiB "
        f"(json: {m_json['kept_mib']:.0f} / {m_json['peak_mib']:.0f} MiB)",
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["small", "x1", "x10"], default="x1")
    parser.add_argument("--runs", type=int, default=5, help="repetitions for the medians (default 5)")
    parser.add_argument("--keep", metavar="FOLDER", help="write the demo file here and keep it")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    print(
        f"herford-tui store benchmark, size {args.size}: Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPU(s), {platform.platform(terse=True)}"
    )
    if args.keep:
        folder = Path(args.keep)
        folder.mkdir(parents=True, exist_ok=True)
        if (folder / "bench.json").exists():
            sys.exit(f"{folder / 'bench.json'} exists already; choose another folder.")
        run(args.size, args.runs, folder)
    else:
        with tempfile.TemporaryDirectory(prefix="herford-bench-") as tmp:
            run(args.size, args.runs, Path(tmp))


if __name__ == "__main__":
    main()
