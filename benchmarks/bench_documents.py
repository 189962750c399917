"""Documents benchmark: ``python benchmarks/bench_documents.py [--size x1 x10] [--db FILE] [--year N]``.

The annual report (``herford-tui bericht``) end to end in-process, split into evaluating the
year (``domain.evaluation.evaluate``) and rendering the PDF (Typst), against rendering the report
of an empty snapshot (the fixed cost of Typst and the template); and the three meeting documents
of one held meeting. Median of ``--runs`` runs each. Not a timed test: compare by hand.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _demo(size: str, folder: Path) -> Path:
    path = folder / f"{size}.json"
    herford = [str(Path(sys.executable).with_name("herford-tui"))]
    subprocess.run([*herford, "demo", "--size", size, "--db", str(path)], check=True, capture_output=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", nargs="*", default=["x1", "x10"])
    parser.add_argument("--db", type=Path, nargs="*", default=[])
    parser.add_argument("--year", type=int, default=date.today().year)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from herford_tui.documents.render import Format, render
    from herford_tui.documents.report import report_data
    from herford_tui.documents.templates import compile_pdf
    from herford_tui.domain import MeetingStatus, Snapshot
    from herford_tui.domain.evaluation import evaluate
    from herford_tui.store import Store

    today = date.today()
    empty = _median(lambda: compile_pdf("bericht.typ", report_data(evaluate(Snapshot(), args.year, today))), args.runs)
    print(f"empty report: {empty:.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        files = list(args.db) or [_demo(size, Path(tmp)) for size in args.size]
        for path in files:
            snapshot = Store(path, backups=0, read_only=True).open().snapshot()
            evaluation = evaluate(snapshot, args.year, today)
            t_eval = _median(lambda s=snapshot: evaluate(s, args.year, today), args.runs)
            data = report_data(evaluation)
            t_pdf = _median(lambda d=data: compile_pdf("bericht.typ", d), args.runs)
            print(
                f"{path.name}: report {t_eval + t_pdf:.3f} s (evaluate {t_eval:.3f} s + Typst {t_pdf:.3f} s)"
                f" = {(t_eval + t_pdf) / empty:.1f}x the empty report; {len(evaluation.meetings)} committees"
            )
            meeting = next(m for m in snapshot.meetings.values() if m.status is MeetingStatus.DURCHGEFUEHRT)
            for kind in ("einladung", "niederschrift", "anwesenheit"):
                t = _median(lambda k=kind, m=meeting, s=snapshot: render(k, Format.PDF, s, m), args.runs)
                print(f"  {kind}.pdf: {t * 1000:.0f} ms")


if __name__ == "__main__":
    main()
