"""Search benchmark: ``python benchmarks/bench_search.py [--size x1 x10] [--db FILE]``.

Per-keystroke latency of the one search (``domain/search.py``) on demo data: every query of a
fixed list of realistic look-ups is "typed" one character at a time, and each prefix is
searched as the app does on that keystroke: the global search (all kinds, 40 hits), the
directory filter (all matching organisations) and a person picker (20 persons). Reported:
median and p95 per use over all keystrokes, and the one-off cost of building the index of a
new snapshot (paid once after each change, in a worker thread).

Targets (issue 11): p95 <= 16 ms at x1 (one frame), <= 50 ms at x10. Not a timed test: the
figures depend on the machine; run it and compare.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

QUERIES = (
    "Müller",
    "mueller birgit",
    "Birgit Mul",
    "Fsicher",
    "Jobcenter",
    "Lenkungskreis",
    "Bünde Schule",
    "Gymnasium Löhne",
    "Kita Enger",
    "Schulrätin",
    "12.3.",
    "März Leitungsteam",
    "Sprachförderung",
    "Kreishaus Sitzungssaal",
    "Protokoll",
    "Strasse",
    "Bildungsbüro",
    "Dr. Schröder",
    "Vlotho Sport",
    "Übergang Schule Beruf",
)
TARGET_MS = {"x1": 16.0, "x10": 50.0}


def keystrokes(query: str) -> list[str]:
    """What the field holds after each key: "Mü", "Mül", … (the first letter too)."""
    return [query[:n] for n in range(1, len(query) + 1)]


def measure(fn: Callable[[str], object], texts: list[str]) -> list[float]:
    times = []
    for text in texts:
        start = time.perf_counter()
        fn(text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def make_demo(size: str, folder: Path) -> Path:
    path = folder / f"{size}.json"
    exe = Path(sys.executable).with_name("herford-tui")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "herford_tui"]
    subprocess.run([*command, "demo", "--size", size, "--db", str(path)], check=True, capture_output=True)
    return path


def bench(size: str, path: Path) -> bool:
    from herford_tui.domain.search import Kind, find_organisations, find_persons, search
    from herford_tui.domain.search_index import index_of
    from herford_tui.store import Store

    snapshot = Store(path, backups=0).open().snapshot()
    counts = {name: len(getattr(snapshot, name)) for name in ("persons", "organisations", "meetings")}
    items = sum(len(m.agenda) for m in snapshot.meetings.values())
    print(f"\n== {size}: {counts['persons']} Personen, {counts['organisations']} Organisationen, "
          f"{counts['meetings']} Sitzungen, {items} TOPs  ({path.stat().st_size / 1e6:.1f} MB)")  # fmt: skip

    index = index_of(snapshot)
    for kind in Kind:
        start = time.perf_counter()
        index.kind(kind)
        print(f"  index {kind.name.lower():13} {(time.perf_counter() - start) * 1000:7.0f} ms (once per snapshot)")

    texts = [text for query in QUERIES for text in keystrokes(query)]
    uses = {
        "global search (40 hits)": lambda text: search(snapshot, text, limit=40),
        "directory filter (all)": lambda text: find_organisations(snapshot, text, limit=None),
        "person picker (20)": lambda text: find_persons(snapshot, text, limit=20),
    }
    ok = True
    gc.collect()
    for name, fn in uses.items():
        fn("warm up")
        times = measure(fn, texts)
        median, high, worst = statistics.median(times), p95(times), max(times)
        target = TARGET_MS.get(size)
        verdict = "" if target is None else ("  ok" if high <= target else f"  OVER {target:.0f} ms")
        ok = ok and (target is None or high <= target)
        print(f"  {name:25} median {median:6.2f} ms   p95 {high:6.2f} ms   max {worst:6.2f} ms"
              f"   ({len(times)} keystrokes){verdict}")  # fmt: skip
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", nargs="+", default=["x1", "x10"], choices=["small", "x1", "x10"])
    parser.add_argument("--db", type=Path, help="an existing database instead of fresh demo data")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    ok = True
    if args.db:
        ok = bench(args.db.stem, args.db)
    else:
        with tempfile.TemporaryDirectory(prefix="herford-bench-search-") as folder:
            for size in args.size:
                ok = bench(size, make_demo(size, Path(folder))) and ok
    print("\nall targets met" if ok else "\nsome target missed")


if __name__ == "__main__":
    main()
