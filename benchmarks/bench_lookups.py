"""Look-ups and saves at their floors: ``python benchmarks/bench_lookups.py [--size x10] [--db FILE]``.

Issue 20, points 4 and 5, each figure against its floor measured in the same run:

- ``herford-tui suche TEXT`` and ``herford-tui termine`` as processes (exec to exit), against a
  process that only parses the part they need with ``orjson`` (the meetings table for ``termine``,
  the tables ``suche`` reads for ``suche``); target ≤ 1 s and ≤ 1.5× at x10.
- a save until the roster's indexes are there again (``Store.save`` of one membership, then the
  look-ups a roster does), against the raw write of the same bytes with ``fsync``; and what
  rebuilding the indexes (before issue 20 every save did) would add.

``--before TREE`` also runs each look-up from another checkout (``git worktree add --detach TREE
COMMIT``), alternating with this one's and the floor.

Not a timed test: the figures depend on the machine; run it and compare.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_search import make_demo  # noqa: E402

PARSE = """
import gc, sys, time, orjson, msgspec
gc.disable()
raw = open(sys.argv[1], "rb").read()
tables = msgspec.json.decode(raw, type=dict[str, msgspec.Raw])
for name in sys.argv[2].split(","):
    orjson.loads(memoryview(tables[name]))
"""
"""The floor of a look-up: start Python, read the file, parse the tables it needs."""


WHOLE = """
import sys
import herford_tui.commands.quick_search as quick, herford_tui.store.partial as partial
quick.quick_search = lambda *args: None  # the whole search, as before issue 20
partial.upcoming_meetings = lambda *args: None  # the whole file, as before issue 20
from herford_tui.cli import main
main(sys.argv[1:])
"""
"""A command the way it ran before the look-ups read only what they need (one run: the before figure)."""


def timed_process(command: list[str], runs: int, tree: str | None = None) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each run of ``command`` (CPU: user + system of the process, which
    other sessions on a shared machine stretch less than its wall time); ``tree``: herford_tui
    imported from that checkout instead."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "HERFORD_TUI_VERIFY")}
    if tree:
        env["PYTHONPATH"] = tree  # and run there: ``python -m`` puts the working folder first
    times = []
    for _ in range(runs):
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tree)
        wall = time.perf_counter() - start
        now = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((wall, now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime))
    return times


def herford(*args: str) -> list[str]:
    exe = Path(sys.executable).with_name("herford-tui")
    return [str(exe), *args] if exe.exists() else [sys.executable, "-m", "herford_tui", *args]


def lookups(path: Path, runs: int, only: list[str] | None = None, before: str | None = None) -> None:
    """Each command alternating with its floor, so a busy moment hits both; the whole way once.
    ``before``: also the command of another checkout, alternating with them (its ratio to the floor)."""
    db = ["--db", str(path)]
    cases = {
        "termine": (["termine", *db, "--tage", "60"], "committees,meetings"),
        "suche Jobcenter": (["suche", *db, "Jobcenter"], SEARCHED),
        "suche mueller birgit": (["suche", *db, "mueller", "birgit"], SEARCHED),
        "suche Lenkungskreis": (["suche", *db, "Lenkungskreis"], SEARCHED),
        "suche Bünde Schule": (["suche", *db, "Bünde", "Schule"], SEARCHED),
        # typos: the search's fuzzy rule against the file's words
        "suche Jobcenetr": (["suche", *db, "Jobcenetr"], SEARCHED),
        "suche Müler": (["suche", *db, "Müler"], SEARCHED),
        "suche Kreis Herfrod": (["suche", *db, "Kreis", "Herfrod"], SEARCHED),
        # words the index makes up: a month, a date
        "suche November": (["suche", *db, "November"], SEARCHED),
        "suche 28.11.2026": (["suche", *db, "28.11.2026"], SEARCHED),
        # a word most meetings hold, one without two plain letters to look for in the bytes
        "suche protokoll": (["suche", *db, "protokoll"], SEARCHED),
        "suche aus": (["suche", *db, "aus"], SEARCHED),
        "suche Nov": (["suche", *db, "Nov"], SEARCHED),
        # a word without two plain letters beside one that narrows (its first hits not the newest)
        "suche aus schule": (["suche", *db, "aus", "schule"], SEARCHED),
    }
    if only:
        cases = {name: case for name, case in cases.items() if any(word in name for word in only)}
    for name, (args, tables) in cases.items():
        ours, floor, older = [], [], []
        for _ in range(runs):
            ours += timed_process(herford(*args), 1)
            floor += timed_process([sys.executable, "-c", PARSE, str(path), tables], 1)
            if before:
                older += timed_process([sys.executable, "-m", "herford_tui", *args], 1, tree=before)
        whole = timed_process([sys.executable, "-c", WHOLE, *args], 1)[0][0]
        (mine, cpu), (base, base_cpu) = _medians(ours), _medians(floor)
        verdict = "ok" if mine <= 1.0 and mine <= 1.5 * base else "OVER"
        then = ""
        if older:
            old, old_cpu = _medians(older)
            then = f"   before {old * 1000:6.0f} ms {old / base:4.2f}x (CPU {old_cpu / base_cpu:4.2f}x)"
        print(f"  {name:22} {mine * 1000:6.0f} ms (min {min(ours)[0] * 1000:4.0f})   floor {base * 1000:5.0f} ms"
              f"   {mine / base:4.2f}x {verdict:4} (CPU {cpu:4.2f} / {base_cpu:4.2f} s: {cpu / base_cpu:4.2f}x)"
              f"{then}   whole way {whole * 1000:6.0f} ms")  # fmt: skip


def _medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(wall for wall, _ in runs), statistics.median(cpu for _, cpu in runs)


SEARCHED = "committees,organisations,persons,memberships,meetings"


def saves(path: Path, runs: int) -> None:
    """One membership saved (as Ctrl+S in a member form), then the roster's look-ups."""
    from herford_tui.domain import Membership
    from herford_tui.domain.snapshot import _INDEX_SOURCES
    from herford_tui.store import Store

    store = Store(path, backups=0).open()
    snapshot = store.snapshot()
    for index in _INDEX_SOURCES:  # the app has built them by the time someone saves
        getattr(snapshot, index)
    member: Membership = next(iter(snapshot.memberships.values()))
    raw = path.read_bytes()
    patched, rebuilt, written = [], [], []
    for run in range(runs):
        member = store.get(Membership, member.id)
        start = time.perf_counter()
        store.save(dataclasses.replace(member, notes=f"Lauf {run}"))
        after = store.snapshot()
        after.memberships_of(member.committee_id), after.memberships_of_person(member.person_id)
        patched.append(time.perf_counter() - start)
        for index in _INDEX_SOURCES:  # what every save paid before: the changed table's indexes anew
            if index in after.__dict__ and _INDEX_SOURCES[index] == "memberships":
                del after.__dict__[index]
        start = time.perf_counter()
        after.memberships_of(member.committee_id), after.memberships_of_person(member.person_id)
        rebuilt.append(time.perf_counter() - start)
        written.append(raw_write(path.with_name("raw-write.json"), raw))
    mine, base, again = statistics.median(patched), statistics.median(written), statistics.median(rebuilt)
    print(f"  save → roster indexes  {mine * 1000:7.1f} ms   raw write {base * 1000:6.1f} ms   {mine / base:4.2f}x"
          f"   (rebuilding them instead: +{again * 1000:.1f} ms)")  # fmt: skip
    colleague_saves(store, path, member.id, runs)


def colleague_saves(store, path: Path, member_id: int, runs: int) -> None:
    """Another process's save of one membership, then this store's snapshot and the roster's
    look-ups (the changed records read and patched in), against parsing the new file."""
    import orjson

    from herford_tui.domain import Membership
    from herford_tui.domain.snapshot import _INDEX_SOURCES
    from herford_tui.store import Store

    colleague = Store(path, backups=0).open()
    seen, rebuilt, parsed = [], [], []
    for run in range(runs):
        member = colleague.get(Membership, member_id)
        colleague.save(dataclasses.replace(member, notes=f"Kollegin {run}"))
        start = time.perf_counter()
        after = store.snapshot()
        after.memberships_of(member.committee_id), after.memberships_of_person(member.person_id)
        seen.append(time.perf_counter() - start)
        for index in _INDEX_SOURCES:  # before: the changed table's indexes built anew
            if index in after.__dict__ and _INDEX_SOURCES[index] == "memberships":
                del after.__dict__[index]
        start = time.perf_counter()
        after.memberships_of(member.committee_id), after.memberships_of_person(member.person_id)
        rebuilt.append(time.perf_counter() - start)
        raw = path.read_bytes()
        gc.disable()
        start = time.perf_counter()
        orjson.loads(raw)
        parsed.append(time.perf_counter() - start)
        gc.enable()
    mine, base, again = statistics.median(seen), statistics.median(parsed), statistics.median(rebuilt)
    print(f"  colleague's save → roster indexes {mine * 1000:6.1f} ms   orjson parse {base * 1000:6.1f} ms"
          f"   {mine / base:4.2f}x   (rebuilding them instead: +{again * 1000:.1f} ms)")  # fmt: skip


def raw_write(target: Path, data: bytes) -> float:
    start = time.perf_counter()
    with open(target, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    took = time.perf_counter() - start
    target.unlink()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="x10", choices=["small", "x1", "x10"])
    parser.add_argument("--db", type=Path, help="an existing database (it gets saves) instead of fresh demo data")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=["lookups", "saves"], help="only these figures")
    parser.add_argument("--case", action="append", help="only the look-ups whose name holds this (repeatable)")
    parser.add_argument("--before", metavar="TREE", help="also the look-ups of another checkout (a git worktree)")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}")
    # compiled bytecode for both sides: an editable install without it compiles at every start
    for tree in (HERE.parent, *([Path(args.before)] if args.before else [])):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "herford_tui")], check=True)
    gc.collect()
    with tempfile.TemporaryDirectory(prefix="herford-bench-lookups-") as folder:
        path = args.db or make_demo(args.size, Path(folder))
        print(f"== {path.name} ({path.stat().st_size / 1e6:.1f} MB)")
        if args.only in (None, "lookups"):
            lookups(path, args.runs, args.case, args.before)
        if args.only in (None, "saves"):
            saves(path, args.runs)


if __name__ == "__main__":
    main()
