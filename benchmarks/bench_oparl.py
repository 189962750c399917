"""OParl endpoint benchmark: ``python benchmarks/bench_oparl.py [--size x10] [--db FILE] [--runs 200]``.

Starts the real ``herford-tui oparl`` on loopback (publication mode, as it ships) and asks, over
one kept-alive HTTP connection, for (a) every page of the people list and (b) every page of a
filtered list (meetings changed since the middle of the stamps), each series twice: the first
time each page is built for the request, the second time its kept bytes answer. Baseline,
alternating with each request: reading the same answer's bytes from a file on disk (open, read,
close), the floor of any server that serves prepared files. Reported: median and p95 of both,
the ratio of the p95s, the first build (start) and the rebuild after a colleague's save.

Not a timed test: the figures depend on the machine; run it and compare.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def make_demo(size: str, folder: Path) -> Path:
    path = folder / f"{size}.json"
    exe = Path(sys.executable).with_name("herford-tui")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "herford_tui"]
    subprocess.run([*command, "demo", "--size", size, "--db", str(path)], check=True, capture_output=True)
    return path


def start(path: Path) -> tuple[subprocess.Popen, str, float]:
    exe = Path(sys.executable).with_name("herford-tui")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "herford_tui"]
    began = time.perf_counter()
    process = subprocess.Popen([*command, "oparl", "--db", str(path), "--port", "0"], stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline() if process.stdout else ""
    url = next(word for word in line.split() if word.endswith("/system"))
    return process, url, time.perf_counter() - began


class Client:
    def __init__(self, url: str):
        parts = urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)

    def get(self, url: str) -> tuple[bytes, float]:
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        began = time.perf_counter()
        try:
            self.conn.request("GET", path)
            answer = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.conn.close()  # the server closed the idle kept-alive connection: open a new one
            began = time.perf_counter()
            self.conn.request("GET", path)
            answer = self.conn.getresponse()
        body = answer.read()
        elapsed = (time.perf_counter() - began) * 1000
        assert answer.status == 200, (url, answer.status, body[:200])
        return body, elapsed


def from_disk(path: Path) -> float:
    began = time.perf_counter()
    with open(path, "rb") as fh:
        fh.read()
    return (time.perf_counter() - began) * 1000


def series(client: Client, urls: list[str], scratch: Path) -> tuple[list[float], list[float], int]:
    served, disk, size = [], [], 0
    for url in urls:
        body, ms = client.get(url)
        served.append(ms)
        scratch.write_bytes(body)
        disk.append(from_disk(scratch))
        size = max(size, len(body))
    return served, disk, size


def report(name: str, served: list[float], disk: list[float], size: int) -> dict:
    figure = {
        "name": name,
        "requests": len(served),
        "served_median_ms": statistics.median(served),
        "served_p95_ms": p95(served),
        "disk_median_ms": statistics.median(disk),
        "disk_p95_ms": p95(disk),
        "largest_answer_bytes": size,
    }
    figure["ratio_p95"] = figure["served_p95_ms"] / figure["disk_p95_ms"]
    print(
        f"  {name:34} served median {figure['served_median_ms']:6.2f} ms  p95 {figure['served_p95_ms']:6.2f} ms"
        f" | disk p95 {figure['disk_p95_ms']:6.3f} ms | ratio {figure['ratio_p95']:7.1f}× | {size / 1000:.0f} kB"
    )
    return figure


def bench(size: str, path: Path, runs: int) -> dict:
    from herford_tui.store import Store

    snap = Store(path, read_only=True).open().snapshot()
    megabytes = path.stat().st_size / 1e6
    print(f"\n== {size}: {len(snap.persons)} Personen, {len(snap.meetings)} Sitzungen ({megabytes:.1f} MB)")
    process, system, started = start(path)
    print(f"  start (first export built)         {started:6.2f} s")
    result: dict = {"size": size, "start_s": started, "figures": []}
    try:
        base = system.removesuffix("/system")
        client = Client(system)
        people = f"{base}/body/bildungsregion/people"
        first = json.loads(client.get(people)[0])
        pages = first["pagination"]["totalPages"]
        page_urls = [f"{people}?page={1 + i % pages}" for i in range(min(runs, pages))]
        meetings = json.loads(client.get(f"{base}/body/bildungsregion/meetings?limit=1000")[0])["data"]
        stamps = sorted(m["modified"] for m in meetings)
        since = stamps[len(stamps) // 2] if stamps else "2000-01-01T00:00:00+00:00"
        filtered = f"{base}/body/bildungsregion/meetings?modified_since={since.replace('+', '%2B')}"
        filtered_pages = json.loads(client.get(filtered)[0])["pagination"]["totalPages"]
        filter_urls = [f"{filtered}&page={1 + i % filtered_pages}&limit=50" for i in range(min(runs, filtered_pages))]
        with tempfile.TemporaryDirectory(prefix="herford-bench-oparl-") as folder:
            scratch = Path(folder) / "answer.json"
            # every page once (built for this request), then the same pages again (kept bytes)
            result["figures"].append(report("people list page, first ask", *series(client, page_urls, scratch)))
            result["figures"].append(report("people list page, asked again", *series(client, page_urls, scratch)))
            result["figures"].append(report("filtered meetings page, first ask", *series(client, filter_urls, scratch)))
            result["figures"].append(report("filtered meetings page, again", *series(client, filter_urls, scratch)))
        colleague = Store(path)
        person = next(iter(colleague.snapshot().persons.values()))
        import dataclasses

        colleague.save(dataclasses.replace(person, function=person.function + " "))
        _, rebuild = client.get(f"{base}/system")
        print(f"  first request after a colleague's save {rebuild / 1000:6.2f} s (rebuild)")
        result["rebuild_after_save_s"] = rebuild / 1000
    finally:
        process.terminate()
        process.wait(timeout=60)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", nargs="+", default=["x10"], choices=["small", "x1", "x10"])
    parser.add_argument("--db", type=Path, help="an existing database (it gets one save) instead of fresh demo data")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout at the end")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    results = []
    if args.db:
        results.append(bench(args.db.stem, args.db, args.runs))
    else:
        with tempfile.TemporaryDirectory(prefix="herford-bench-oparl-") as folder:
            for size in args.size:
                results.append(bench(size, make_demo(size, Path(folder)), args.runs))
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
