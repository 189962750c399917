"""Each figure with its baseline, measured alternately in this run: lists of seconds (or MiB)."""

from __future__ import annotations

import contextlib
import gc
import json
import math
import os
import statistics
import time
import timeit
from collections.abc import Callable, Iterator
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
                "median": rounded(statistics.median(values) * scale),
                "min": rounded(min(values) * scale),
                "max": rounded(max(values) * scale),
                "runs": len(values),
            }

        unit = "ms" if self.unit == "s" else self.unit
        out: dict[str, Any] = {"unit": unit, **stats(self.values)}
        if self.baseline:
            out["baseline"] = {"what": self.baseline_name, **stats(self.baseline)}
            ratio = self.ratio
            out["ratio"] = rounded(ratio) if ratio is not None else None
        if self.note:
            out["note"] = self.note
        out.update(self.extra)
        return out


def rounded(value: float) -> float:
    """Two decimals, or two significant digits where two decimals would say 0: the substring scan
    of the small demo data takes 5-10 µs, reported as 0.0 ms on a fast machine (and its ratio as
    none at all)."""
    return round(value, 2) if value == 0 or abs(value) >= 0.01 else float(f"{value:.2g}")


class Budget:
    """The runs of one figure: ``runs`` (with as many of its baseline, alternating), fewer when
    its ``seconds`` are spent, never fewer than ``minimum``. ``note`` says when it stopped early."""

    def __init__(self, runs: int, seconds: float, minimum: int = 7):
        self.runs = runs
        self.seconds = seconds
        self.minimum = min(minimum, runs)
        self.note = ""
        self.done = 0

    def __iter__(self) -> Iterator[int]:
        start = time.perf_counter()
        for i in range(self.runs):
            spent = time.perf_counter() - start
            # ">=": a budget of 0 s stops at the minimum even where the clock did not move
            if i >= self.minimum and spent + spent / i >= self.seconds:
                self.note = (
                    f"{i} of {self.runs} runs: a run took {spent / i:.1f} s, "
                    f"the time budget of this figure is {self.seconds:.0f} s"
                )
                return
            self.done = i + 1
            yield i


def _timed(fn: Callable[[], object], *, collect: bool = False) -> float:
    if collect:  # no collection left over from the previous run lands in this one
        gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@contextlib.contextmanager
def _frozen() -> Iterator[None]:
    """What this process holds so far (an open store, its snapshot) moved out of the collector's
    way: otherwise the ``gc.collect()`` before each timed run walks millions of objects at x10,
    seconds per run of the harness's time that measure nothing."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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
def cold_start(path: Path, budget: Budget) -> Figure:
    app, bare = [], []
    for _ in budget:  # alternating: a busy moment on the machine hits both alike
        app.append(processes.time_to_marker(processes.herford_tui_command(path)))
        bare.append(processes.time_to_marker(processes.bare_app_command()))
    return Figure(
        "cold start to the start screen's data (pty 80x24)",
        "s",
        app,
        "bare Textual app, same tab skeleton, no data",
        bare,
        note=budget.note,
    )


# -- open ----------------------------------------------------------------------------------------------
def open_store(path: Path, budget: Budget) -> Figure:
    raw = path.read_bytes()
    opened, parsed = [], []
    for _ in budget:
        opened.append(_timed(lambda: Store(path).open(), collect=True))
        parsed.append(_parse_floor(raw))
    name = "Store(path).open(): read, parse, decode the snapshot"
    store = Store(path).open()
    calls = 20_000
    stat = timeit.timeit(store.changed, number=calls) / calls
    cached = timeit.timeit(store.snapshot, number=calls) / calls
    extra = {"changed_call_us": round(stat * 1e6, 2), "cached_snapshot_call_us": round(cached * 1e6, 2)}
    return Figure(name, "s", opened, "orjson.loads of the same bytes", parsed, note=budget.note, extra=extra)


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


def saves(path: Path, budget: Budget) -> tuple[Figure, Figure]:
    store = Store(path).open()
    ids = sorted(store.snapshot().persons)[:3]
    one, three, raw_one, raw_three = [], [], [], []

    def noted(person_id: int, text: str) -> Person:
        person = store.get(Person, person_id)
        person.notes = text
        return person

    with _frozen():
        for i in budget:
            single = noted(ids[0], f"Benchmark {i}")
            one.append(_timed(partial(store.save, single), collect=True))
            raw_one.append(_raw_write(path.parent, path.read_bytes()))
            batch: list[Record | Follow] = [noted(pid, f"Benchmark {i}/{n}") for n, pid in enumerate(ids)]
            three.append(_timed(partial(store.save_all, batch), collect=True))
            raw_three.append(_raw_write(path.parent, path.read_bytes()))
    baseline = "raw write + fsync of the same bytes, same folder"
    return (
        Figure("save one record (Store.save)", "s", one, baseline, raw_one, note=budget.note),
        Figure("save three records at once (Store.save_all)", "s", three, baseline, raw_three, note=budget.note),
    )


# -- a colleague's save ---------------------------------------------------------------------------------
SPIN = 0.0005


def colleague_seen(path: Path, budget: Budget) -> Figure:
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
        gc.collect()
        gc.freeze()  # see _frozen
        for i in budget:
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
        gc.unfreeze()
        colleague.close()
    return Figure(
        "a colleague's save: file replaced → new data in this process's snapshot",
        "s",
        seen,
        "orjson.loads of the new bytes",
        parsed,
        note="; ".join(filter(None, ["plus the app's poll interval (1 s)", budget.note])),
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


def search_keystrokes(path: Path, budget: Budget) -> Figure:
    """p95 over one typing session per run, against a plain substring scan of every name. The
    first keystroke on a new snapshot builds the search's index (the app does it in a worker after
    each change): its time is ``index_build_ms``, once; the runs then type on that snapshot."""
    base = Store(path).open().snapshot()
    queries = _queries(base)
    p95s, scans = [], []
    snapshot = base.with_changes([])
    search = _search_function(snapshot)
    build = _timed(partial(search, queries[0]))
    names = [f"{p.family_name} {p.given_name}".casefold() for p in snapshot.persons.values()]
    names += [o.name.casefold() for o in snapshot.organisations.values()]
    with _frozen():
        for _ in budget:
            p95s.append(_p95([_timed(partial(search, q)) for q in queries]))
            scans.append(_p95([_timed(partial(_scan, names, q.casefold())) for q in queries]))
    return Figure(
        "search: keystroke latency p95",
        "s",
        p95s,
        "substring scan of every name (p95)",
        scans,
        note=budget.note,
        extra={"keystrokes_per_run": len(queries), "index_build_ms": round(build * 1000, 2)},
    )


# -- the app's UI (headless Pilot) and its memory ------------------------------------------------------
def ui_figures(
    path: Path, budget: Budget, options: dict[str, float]
) -> tuple[dict[str, Figure | None], dict[str, str]]:
    """One app process per run measures keys, form saves, a colleague's saves, the tab tour and
    the peak RSS (its start costs seconds at x10); alternating with the bare app's baselines and
    with the parse-only process for memory. A part that failed in the app: no figure (None), and
    why in the second dict."""
    apps, bares, parsed = [], [], []
    for _ in budget:
        apps.append(processes.run_child("ui", str(path), json.dumps(options)))
        bares.append(processes.run_child("bare_ui", str(apps[-1]["roster_rows"]), json.dumps(options)))
        parsed.append(processes.run_child("parse", str(path))["rss_mib"])
    heavy = f"n = app processes: each starts the app and tours the tabs; {budget.note or 'as many as asked'}"
    last = apps[-1]
    tour = (
        f"{last['tabs']} of {last['tabs_in_app']} tabs visited (not the start tab): first every tab that is not a "
        "single committee (Arbeitskreise with the committee it opens with, Organisationen, Jahr), then "
        f"single-committee tabs spread evenly, up to {options['max_tabs']:g} tabs or until the tour's time budget "
        f"({options['seconds']:g} s) is spent, at least 5"
    )
    failed = {key: message for a in apps for key, message in a.get("errors", {}).items()}
    figures: dict[str, Figure | None] = {
        "tab_first_visit": Figure(
            "a tab's first visit, p95 over the visited tabs (headless)",
            "s",
            [a["first_visit_p95_s"] for a in apps],
            "bare Textual app: first visit of a tab with a table of as many rows",
            [b["first_visit_p95_s"] for b in bares],
            note=f"{tour}; {heavy}",
            extra={
                "max_ms": round(max(a["first_visit_max_s"] for a in apps) * 1000, 2),
                "slowest_tab": last["first_visit_slowest"],
                "bare_max_ms": round(max(b["first_visit_max_s"] for b in bares) * 1000, 2),
                "tabs_visited": last["tabs"],
                "tabs_in_app": last["tabs_in_app"],
            },
        ),
        "roster_key": None
        if "keys" in failed
        else Figure(
            "a key in the first committee's roster (cursor down/up), p95: press → screen updated",
            "s",
            [_p95(a["keys"]) for a in apps],
            "bare Textual app: the same key in a DataTable of as many rows",
            [_p95(b["keys"]) for b in bares],
            note=heavy,
            extra={
                "presses_per_run": len(last["keys"]),
                "roster_rows": last["roster_rows"],
                "max_ms": round(max(max(a["keys"]) for a in apps) * 1000, 2),
            },
        ),
        "ctrl_s": None
        if "ctrl_s" in failed
        else Figure(
            "Ctrl+S in a member form (vertritt changed) → the roster shows it",
            "s",
            [t for a in apps for t in a["ctrl_s"]],
            note=_pooled("form saves", apps, "ctrl_s", options),
        ),
        "colleague_ui": None
        if "colleague" in failed
        else Figure(
            "a colleague's save in the app: save returned → roster shows it",
            "s",
            [t for a in apps for t in a["colleague"]],
            note="the app polls every 20 ms here; in use add its poll interval (1 s); "
            + _pooled("saves", apps, "colleague", options),
        ),
        "peak_rss": Figure(
            "peak RSS after the UI figures and the tab tour (headless, 120x40)",
            "MiB",
            [a["rss_mib"] for a in apps],
            "peak RSS of json.loads of the file alone",
            parsed,
            note=heavy,
            extra={"tabs_visited": last["tabs"], "tabs_in_app": last["tabs_in_app"]},
        ),
    }
    missing = {"keys": "roster_key", "ctrl_s": "ctrl_s", "colleague": "colleague_ui"}
    return figures, {missing[key]: message for key, message in failed.items()}


def _pooled(what: str, apps: list[dict[str, Any]], key: str, options: dict[str, float]) -> str:
    counts = [len(a[key]) for a in apps]
    text = f"{sum(counts)} {what} in {len(apps)} app process(es)"
    if min(counts) < options["saves"]:
        text += f", fewer than {options['saves']:g} per process: their time budget ({options['seconds']:g} s) was spent"
    return text


# -- concurrent writers ---------------------------------------------------------------------------------
def writers(path: Path, budget: Budget, per_writer: int, count: int = 4) -> Figure:
    """``count`` processes insert ``per_writer`` records each at once; saves per second, and every
    record whose save reported success must be in the file afterwards. Baseline: the first of
    them alone, the same number of saves. The processes open the file once for all rounds."""
    together, alone, saved, messages = [], [], [], []
    children = [processes.Child("writer", str(path), str(w), str(per_writer)) for w in range(count)]
    try:
        for child in children:
            child.answer()  # ready: opened its store
        for run in budget:
            rate, names, errors = _writers_round(children[:1], f"{run}a", per_writer)
            alone.append(rate)
            saved += names
            rate, names, errors = _writers_round(children, f"{run}b", per_writer)
            together.append(rate)
            saved += names
            messages += errors
    finally:
        for child in children:
            child.close()
    lost = set(saved) - {o.name for o in Store(path).open().snapshot().organisations.values()}
    return Figure(
        f"{count} concurrent writers, {per_writer} saves each",
        "saves/s",
        together,
        "one writer alone",
        alone,
        note="; ".join(
            filter(None, ["lost: missing although the save reported success; errors: saves refused", budget.note])
        ),
        extra={"lost": len(lost), "errors": len(messages), "error_messages": sorted(set(messages))[:3]},
    )


def _writers_round(children: list[processes.Child], tag: str, per_writer: int) -> tuple[float, list[str], list[str]]:
    start = time.monotonic()
    for child in children:
        child.tell(f"go {tag}")
    answers = [child.answer() for child in children]
    elapsed = max(a["done_at"] for a in answers) - start
    errors = [message for a in answers for message in a["errors"]]
    saved = [name for a in answers for name in a["saved"]]
    return (len(children) * per_writer - len(errors)) / elapsed, saved, errors
