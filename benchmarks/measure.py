"""Each figure with its baseline, measured alternately in this run: lists of seconds (or MiB)."""

from __future__ import annotations

import gc
import math
import os
import statistics
import time
import timeit
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import orjson
import processes

from herford_tui.domain import Person, Record, Snapshot
from herford_tui.store import Store
from herford_tui.store.store import Follow


@dataclass
class Figure:
    """One row of the report: what was measured, against what, in which unit."""

    name: str
    unit: str  # "s" (shown as ms) or "MiB" or "saves/s"
    values: list[float]
    baseline_name: str = ""
    baseline: list[float] = field(default_factory=list)
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def ratio(self) -> float | None:
        if not self.baseline or not statistics.median(self.baseline):
            return None
        return self.median / statistics.median(self.baseline)

    def as_json(self) -> dict[str, Any]:
        def stats(values: list[float]) -> dict[str, float | int]:
            scale = 1000 if self.unit == "s" else 1
            return {
                "median": round(statistics.median(values) * scale, 2),
                "min": round(min(values) * scale, 2),
                "max": round(max(values) * scale, 2),
                "runs": len(values),
            }

        unit = "ms" if self.unit == "s" else self.unit
        out: dict[str, Any] = {"unit": unit, **stats(self.values)}
        if self.baseline:
            out["baseline"] = {"what": self.baseline_name, **stats(self.baseline)}
            ratio = self.ratio
            out["ratio"] = round(ratio, 2) if ratio is not None else None
        if self.note:
            out["note"] = self.note
        out.update(self.extra)
        return out


def _timed(fn: Callable[[], object], *, collect: bool = False) -> float:
    if collect:  # no collection left over from the previous run lands in this one
        gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _parse_floor(raw: bytes) -> float:
    """``orjson.loads`` with the collector paused, as the store decodes: otherwise its passes over
    everything this process already holds (stores, snapshots) would be counted as parsing."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        orjson.loads(raw)
        return time.perf_counter() - start
    finally:
        gc.enable()


# -- cold start --------------------------------------------------------------------------------------
def cold_start(path: Path, runs: int) -> Figure:
    app, bare = [], []
    for _ in range(runs):  # alternating: a busy moment on the machine hits both alike
        app.append(processes.time_to_marker(processes.herford_tui_command(path)))
        bare.append(processes.time_to_marker(processes.bare_app_command()))
    return Figure(
        "cold start to the start screen's data (pty 80x24)",
        "s",
        app,
        "bare Textual app, same tab skeleton, no data",
        bare,
    )


# -- open ----------------------------------------------------------------------------------------------
def open_store(path: Path, runs: int) -> Figure:
    raw = path.read_bytes()
    opened, parsed = [], []
    for _ in range(runs):
        opened.append(_timed(lambda: Store(path).open(), collect=True))
        parsed.append(_parse_floor(raw))
    name = "Store(path).open(): read, parse, decode the snapshot"
    store = Store(path).open()
    calls = 20_000
    stat = timeit.timeit(store.changed, number=calls) / calls
    cached = timeit.timeit(store.snapshot, number=calls) / calls
    extra = {"changed_call_us": round(stat * 1e6, 2), "cached_snapshot_call_us": round(cached * 1e6, 2)}
    return Figure(name, "s", opened, "orjson.loads of the same bytes", parsed, extra=extra)


# -- saving --------------------------------------------------------------------------------------------
def _raw_write(folder: Path, data: bytes) -> float:
    """The floor of a save: the same bytes written to a new file in the same folder, fsynced."""
    target = folder / ".raw-write-baseline"
    start = time.perf_counter()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    took = time.perf_counter() - start
    target.unlink()
    return took


def saves(path: Path, runs: int) -> tuple[Figure, Figure]:
    store = Store(path).open()
    ids = sorted(store.snapshot().persons)[:3]
    one, three, raw_one, raw_three = [], [], [], []

    def noted(person_id: int, text: str) -> Person:
        person = store.get(Person, person_id)
        person.notes = text
        return person

    for i in range(runs):
        single = noted(ids[0], f"Benchmark {i}")
        one.append(_timed(partial(store.save, single), collect=True))
        raw_one.append(_raw_write(path.parent, path.read_bytes()))
        batch: list[Record | Follow] = [noted(pid, f"Benchmark {i}/{n}") for n, pid in enumerate(ids)]
        three.append(_timed(partial(store.save_all, batch), collect=True))
        raw_three.append(_raw_write(path.parent, path.read_bytes()))
    baseline = "raw write + fsync of the same bytes, same folder"
    return (
        Figure("save one record (Store.save)", "s", one, baseline, raw_one),
        Figure("save three records at once (Store.save_all)", "s", three, baseline, raw_three),
    )


# -- a colleague's save ---------------------------------------------------------------------------------
SPIN = 0.0005


def colleague_seen(path: Path, runs: int) -> Figure:
    """Another process saves; this one notices (a stat every 0.5 ms) and reads the new data.

    Measured from the first ``changed()`` that sees the replaced file to the new value in
    this process's snapshot: what every open app pays after a colleague's save, on top of
    its poll interval (1 s in the app).
    """
    store = Store(path).open()
    colleague = processes.Child("colleague", str(path))
    seen, parsed = [], []
    try:
        person_id = colleague.answer()["person_id"]
        for i in range(runs):
            text = f"Kollegin {i}"
            store.snapshot()
            colleague.tell(f"save {text}")
            while not store.changed():
                time.sleep(SPIN)
            start = time.perf_counter()
            while store.snapshot().persons[person_id].notes != text:  # a save may land in two steps
                time.sleep(SPIN)
            seen.append(time.perf_counter() - start)
            colleague.answer()
            raw = path.read_bytes()
            parsed.append(_parse_floor(raw))
    finally:
        colleague.close()
    return Figure(
        "a colleague's save: file replaced → new data in this process's snapshot",
        "s",
        seen,
        "orjson.loads of the new bytes",
        parsed,
        note="plus the app's poll interval (1 s)",
    )


def colleague_in_ui(path: Path, runs: int, snapshot_seen: Figure) -> Figure:
    """The same in the app (headless): a colleague's save returned → the roster shows it."""
    took = processes.run_child("ui_colleague", str(path), str(runs))["seconds"]
    return Figure(
        "a colleague's save in the app: save returned → roster shows it",
        "s",
        took,
        "the same save seen in a bare snapshot (above)",
        list(snapshot_seen.values),
        note="the app polls every 20 ms here; in use add its poll interval (1 s)",
    )


# -- search ---------------------------------------------------------------------------------------------
def _search_function(snapshot: Snapshot) -> Callable[[str], object]:
    """Whatever the domain offers on this branch: one ``search``, else persons and organisations."""
    from herford_tui.domain import search as search_module

    one = getattr(search_module, "search", None)
    if callable(one):
        return lambda text: one(snapshot, text)
    return lambda text: (
        search_module.find_persons(snapshot, text, limit=30),
        search_module.find_organisations(snapshot, text, limit=30),
    )


def _queries(snapshot: Snapshot) -> list[str]:
    """What staff type, keystroke by keystroke: a few family names of the data, places, a typo."""
    persons = sorted(snapshot.persons.values(), key=lambda p: p.id)
    names = [persons[i * len(persons) // 5].family_name for i in range(5)] if persons else []
    words = [*names, "Jobcenter Herford", "Gesamtschule Bünde", "Mueller", "Kreis Herfrod"]
    return [word[:n] for word in words for n in range(1, len(word) + 1)]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


def _scan(names: list[str], text: str) -> list[str]:
    return [n for n in names if text in n]


def search_keystrokes(path: Path, runs: int) -> Figure:
    """p95 over one typing session per run, on a fresh snapshot (the first keystroke after a
    change pays any index the search builds), against a plain substring scan of every name."""
    base = Store(path).open().snapshot()
    queries = _queries(base)
    p95s, scans, firsts = [], [], []
    for _ in range(runs):
        snapshot = base.with_changes([])
        search = _search_function(snapshot)
        times = [_timed(partial(search, q)) for q in queries]
        firsts.append(times[0])
        p95s.append(_p95(times))
        names = [f"{p.family_name} {p.given_name}".casefold() for p in snapshot.persons.values()]
        names += [o.name.casefold() for o in snapshot.organisations.values()]
        scan = [_timed(partial(_scan, names, q.casefold())) for q in queries]
        scans.append(_p95(scan))
    return Figure(
        "search: keystroke latency p95",
        "s",
        p95s,
        "substring scan of every name (p95)",
        scans,
        extra={"keystrokes_per_run": len(queries), "first_keystroke_max_ms": round(max(firsts) * 1000, 2)},
    )


# -- memory ---------------------------------------------------------------------------------------------
def peak_rss(path: Path, runs: int, max_tabs: int) -> tuple[Figure, Figure]:
    rss, parse, slowest_tab, visits = [], [], [], []
    for _ in range(runs):
        app = processes.run_child("rss", str(path), str(max_tabs))
        rss.append(app["rss_mib"])
        slowest_tab.append(app["first_visit_max_s"])
        visits.append(app)
        parse.append(processes.run_child("parse", str(path))["rss_mib"])
    memory = Figure(
        "peak RSS after visiting every tab (headless, 120x40)",
        "MiB",
        rss,
        "peak RSS of json.loads of the file alone",
        parse,
        extra={"tabs_visited": visits[-1]["tabs"], "tabs_in_app": visits[-1]["tabs_in_app"]},
    )
    tab = Figure(
        "slowest first visit of a tab (headless)",
        "s",
        slowest_tab,
        extra={"slowest_tab": visits[-1]["first_visit_slowest"]},
    )
    return memory, tab


# -- concurrent writers ---------------------------------------------------------------------------------
def writers(path: Path, runs: int, per_writer: int, count: int = 4) -> Figure:
    """``count`` processes insert ``per_writer`` records each at once; saves per second, and every
    record must be in the file afterwards. Baseline: one writer alone, the same number of saves."""
    together, alone, lost_total, messages = [], [], 0, []
    for run in range(runs):
        alone.append(_writers_round(path, f"{run}a", 1, per_writer)[0])
        rate, lost, errors = _writers_round(path, f"{run}b", count, per_writer)
        together.append(rate)
        lost_total += lost
        messages += errors
    return Figure(
        f"{count} concurrent writers, {per_writer} saves each",
        "saves/s",
        together,
        "one writer alone",
        alone,
        note="lost: missing although the save reported success; errors: saves refused with a message",
        extra={"lost": lost_total, "errors": len(messages), "error_messages": sorted(set(messages))[:3]},
    )


def _writers_round(path: Path, tag: str, count: int, per_writer: int) -> tuple[float, int, list[str]]:
    children = [processes.Child("writer", str(path), f"{tag}.{w}", str(per_writer)) for w in range(count)]
    try:
        for child in children:
            child.answer()  # ready: opened its store
        start = time.monotonic()
        for child in children:
            child.tell("go")
        answers = [child.answer() for child in children]
    finally:
        for child in children:
            child.close()
    elapsed = max(a["done_at"] for a in answers) - start
    errors = [message for a in answers for message in a["errors"]]
    names = {o.name for o in Store(path).open().snapshot().organisations.values()}
    wanted = {
        f"Benchmark-Schreiber {tag}.{w}-{k}"
        for w, a in enumerate(answers)
        for k in range(per_writer)
        if k not in a["failed"]
    }
    saved = count * per_writer - len(errors)
    return saved / elapsed, len(wanted - names), errors
