"""8 processes x 200 mixed operations (insert, edit, end, delete) with 100 SIGKILLs of random writers.

Each worker reports an operation only after the store returned; an operation cut short
by SIGKILL may or may not have landed, never twice and never half. At the end every
reported operation is in the file, nothing is lost or doubled, the file and every
backup pass ``check``. The file is read after every kill: never unreadable.

Half the workers check every read and write against the general path (``VERIFY_ENV``, as all
tests do), the other half run as users run, so the unchecked path is under kills too. (Checked,
a save decodes the whole file again under the lock: four times the time; issue 20.7.)
"""

from __future__ import annotations

import json
import os
import queue
import random
import shutil
import signal
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from herford_tui.domain import Committee, Organisation, Seat
from herford_tui.store import Store
from herford_tui.store.check import check_file
from herford_tui.store.files import DatabaseFile
from herford_tui.store.migrations import SCHEMA_VERSION
from herford_tui.store.store import VERIFY_ENV
from tests.unit.forked import Child

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
UNCHECKED_ENV = {name: value for name, value in ENV.items() if name != VERIFY_ENV}
WORKERS = 8
OPERATIONS = 200
KILLS = 100
SHARED = 4
"""Organisations every worker edits (conflicts, retried); everything else is a worker's own."""

WORKER = r"""
import dataclasses, random, sys
from datetime import date
from herford_tui.domain import Membership, Organisation, Person
from herford_tui.store import ConflictError, Store

path, w, start, committee = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
shared = [int(x) for x in sys.argv[5].split(",")]
store = Store(path).open()
prefix = f"w{w}."

def mine():
    snap = store.snapshot()
    persons = [p for p in snap.persons.values() if p.family_name.startswith(prefix)]
    used = {m.person_id for m in snap.memberships.values()}
    open_ = [m for m in snap.memberships.values() if m.notes.startswith(prefix) and m.end is None]
    return [p for p in persons if p.id not in used], open_

for i in range(start, __OPS__):
    op = random.Random(w * 100_000 + i).choice(["insert", "insert", "edit", "edit", "end", "delete"])
    print(f"start {i}", flush=True)
    token = f"{prefix}{i}"
    if op == "insert" and i % 2:
        saved = store.save_all([
            Person(given_name="M", family_name=token),
            lambda done: Membership(person_id=done[0].id, committee_id=committee, seat_key="offen",
                                    start=date(2024, 1, 1), notes=token),
        ])
        print(f"done {i} insert-membership {saved[0].id} {saved[1].id}", flush=True)
        continue
    if op == "insert":
        saved = store.save(Person(given_name="P", family_name=token))
        print(f"done {i} insert {saved.id}", flush=True)
        continue
    if op == "edit":
        target = shared[i % len(shared)]
        while True:
            current = store.get(Organisation, target)
            try:
                store.save(dataclasses.replace(current, notes=current.notes + token + ";"))
                break
            except ConflictError:
                continue
        print(f"done {i} edit {target}", flush=True)
        continue
    free, open_ = mine()
    if op == "end" and open_:
        m = open_[0]
        store.save(dataclasses.replace(m, end=date(2025, 6, 30)))
        print(f"done {i} end {m.id}", flush=True)
    elif op == "delete" and free:
        store.delete(free[0])
        print(f"done {i} delete {free[0].id}", flush=True)
    else:
        print(f"done {i} skip", flush=True)
print("finished", flush=True)
""".replace("__OPS__", str(OPERATIONS))


@dataclass
class Worker:
    number: int
    args: list[str]
    proc: Child | None = None
    lines: queue.Queue[str | None] = field(default_factory=queue.Queue)
    reports: list[str] = field(default_factory=list)
    last_start: int = -1
    done_since_start: int = 0
    finished: bool = False
    in_flight: list[int] = field(default_factory=list)
    """Operations a kill cut short: they may have landed without a report."""

    def start(self, first: int) -> None:
        self.proc = Child(
            WORKER,
            [self.args[0], str(self.number), str(first), *self.args[1:]],
            env=ENV if self.number % 2 == 0 else UNCHECKED_ENV,  # even workers check their reads and writes
            cwd=REPO,
        )
        self.lines = queue.Queue()
        self.done_since_start = 0
        threading.Thread(target=self._pump, args=(self.proc, self.lines), daemon=True).start()

    @staticmethod
    def _pump(proc: Child, lines: queue.Queue[str | None]) -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            if raw.endswith(b"\n"):  # a line cut by SIGKILL is not a report
                lines.put(raw.decode().rstrip("\n"))
        lines.put(None)

    def drain(self, wait: float = 0) -> bool:
        """Take in what the worker printed; False once its output ended."""
        while True:
            try:
                line = self.lines.get(timeout=wait) if wait else self.lines.get_nowait()
            except queue.Empty:
                return True
            wait = 0
            if line is None:
                return False
            if line.startswith("start "):
                self.last_start = int(line.split()[1])
            elif line.startswith("done "):
                self.reports.append(line)
                self.done_since_start += 1
            elif line == "finished":
                self.finished = True

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        while self.drain(wait=30):
            pass
        self.close()

    def close(self) -> None:
        assert self.proc is not None
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            stream.close()


def planned(worker: int, i: int) -> str:
    """The operation worker ``worker`` does as its ``i``-th (the same choice as in WORKER)."""
    return random.Random(worker * 100_000 + i).choice(["insert", "insert", "edit", "edit", "end", "delete"])


@pytest.fixture
def fast_db_path(tmp_path: Path) -> Iterator[Path]:
    """On tmpfs if there is one: ~2000 saves each with two fsyncs take minutes on a slow disk.

    What is tested here is the order of the steps under SIGKILL, not the disk's flushing.
    """
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path / "db.json"
        return
    folder = Path(tempfile.mkdtemp(prefix="herford-stress-", dir=shm))
    try:
        yield folder / "db.json"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_eight_processes_mixed_operations_with_100_kills(fast_db_path: Path):
    db_path = fast_db_path
    store = Store(db_path, backups=5).open()
    committee = store.save(Committee(name="Stresstest", seats=[Seat(key="offen", label="Offen", count=None)]))
    shared = [store.save(Organisation(name=f"Geteilt {k}")).id for k in range(SHARED)]
    args = [str(db_path), str(committee.id), ",".join(map(str, shared))]
    workers = [Worker(w, args) for w in range(WORKERS)]
    for worker in workers:
        worker.start(0)
    rng = random.Random(20261128)
    kills = restarts_with_temp_file = 0
    deadline = time.monotonic() + 240
    started = time.perf_counter()

    while not all(w.finished for w in workers):
        assert time.monotonic() < deadline, "workers did not finish in time"
        for worker in workers:
            if worker.finished:
                continue
            alive = worker.drain()
            if not alive and not worker.finished:
                assert worker.proc is not None
                err = worker.proc.stderr.read().decode()
                raise AssertionError(f"worker {worker.number} died on its own:\n{err}")
        busy = [w for w in workers if not w.finished and w.done_since_start > 0 and w.last_start < OPERATIONS - 1]
        if kills < KILLS and busy:
            victim = rng.choice(busy)
            # This delay picks *when* to kill (mid-save or between saves), it synchronises nothing.
            time.sleep(rng.uniform(0, 0.004))
            victim.kill()
            kills += 1
            if not any(r.split()[1] == str(victim.last_start) for r in victim.reports[-1:]):
                victim.in_flight.append(victim.last_start)
            data, _ = DatabaseFile(db_path).read()  # never unreadable, never torn
            assert data["meta"]["1"]["schema"] == SCHEMA_VERSION
            if list(db_path.parent.glob(".db.json.tmp-*")):
                restarts_with_temp_file += 1
            # The operation in flight may have landed or not; it is not tried again.
            victim.start(victim.last_start + 1)
        else:  # nothing to do but wait for output of any worker
            waiting = next((w for w in workers if not w.finished), None)
            if waiting is not None:  # the drains above may have seen the last worker finish
                waiting.drain(wait=0.05)
    elapsed = time.perf_counter() - started
    for worker in workers:
        assert worker.proc is not None and worker.proc.wait(timeout=30) == 0
        worker.close()

    snap = Store(db_path).open().snapshot()
    persons = {p.family_name: p for p in snap.persons.values()}
    assert len(persons) == len(snap.persons), "an insert landed twice"
    notes = Counter(token for org_id in shared for token in snap.organisations[org_id].notes.split(";") if token)
    assert max(notes.values(), default=1) == 1, "an edit landed twice"
    lost = []
    for worker in workers:
        # A delete cut short by a kill may have removed one of the worker's persons unreported.
        unreported_deletes = sum(1 for i in worker.in_flight if planned(worker.number, i) == "delete")
        for report in worker.reports:
            _, i, op, *ids = report.split()
            token = f"w{worker.number}.{i}"
            if op == "edit":
                if notes[token] != 1:
                    lost.append(report)
            elif op in ("insert", "insert-membership"):
                person_id = int(ids[0])
                deleted = any(r.split()[2:] == ["delete", str(person_id)] for r in worker.reports)
                if not deleted and snap.persons.get(person_id, None) is None:
                    if op == "insert" and unreported_deletes > 0:
                        unreported_deletes -= 1
                    else:
                        lost.append(report)
                if op == "insert-membership" and int(ids[1]) not in snap.memberships:
                    lost.append(report)
            elif op == "delete":
                if int(ids[0]) in snap.persons:
                    lost.append(report)
            elif op == "end" and snap.memberships[int(ids[0])].end is None:
                lost.append(report)
    assert lost == [], f"{len(lost)} lost updates: {lost[:5]}"
    reported = sum(len(w.reports) for w in workers)
    assert reported >= WORKERS * OPERATIONS - kills  # only the operation in flight at a kill is unreported
    assert sum(1 for w in workers for r in w.reports if r.split()[2] == "edit") > 0

    final = check_file(db_path)
    assert final.exit_code == 0, final.lines()
    backups = sorted(db_path.parent.glob("db.json.*.bak"))
    assert len(backups) == 5
    for backup in backups:
        checked = check_file(backup)
        assert checked.exit_code == 0, checked.lines()
    assert json.loads(db_path.read_bytes())
    print(
        f"\n{WORKERS}x{OPERATIONS} mixed operations, {kills} kills in {elapsed:.1f} s; "
        f"{reported} reported, 0 lost; {restarts_with_temp_file} kills left a temp file"
    )
