"""The store under real concurrency: separate processes, a writer killed mid-save, the lock.

Children are processes of their own, forked from a server that imported the store once
(tests/unit/forked.py), so no state is shared with the test process except the files.

Half the editors and half the killed writers check every read and write against the general
path (``VERIFY_ENV``, as all tests do), the others run as users run, as in the stress test:
checked, a save decodes the whole file again under the lock, and the racing processes spent
most of this file's CPU on that (issue 20.7).
"""

from __future__ import annotations

import dataclasses
import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from filelock import FileLock

from herford_tui.domain import Organisation, Person
from herford_tui.store import ConflictError, Store
from herford_tui.store.store import VERIFY_ENV
from tests.unit import forked

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
UNCHECKED_ENV = {name: value for name, value in ENV.items() if name != VERIFY_ENV}


class Child:
    """A process of its own running ``code``; its stdout lines arrive in a queue."""

    def __init__(self, code: str, *args: object, checked: bool = True):
        env = ENV if checked else UNCHECKED_ENV
        self.proc = forked.Child(code, [str(arg) for arg in args], env=env, cwd=REPO)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self._pump = threading.Thread(target=self._read, daemon=True)
        self._pump.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.endswith(b"\n"):  # a line cut short by SIGKILL is not a report
                self.lines.put(line.decode().rstrip("\n"))
        self.lines.put(None)

    def next_line(self, timeout: float = 60) -> str:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            raise AssertionError(f"child printed nothing within {timeout} s") from None
        if line is None:
            self.lines.put(None)
            rc = self.proc.wait()
            err = self.proc.stderr.read().decode()
            raise AssertionError(f"child ended (exit code {rc}):\n{err}")
        return line

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        self._pump.join(timeout=30)

    def remaining_lines(self) -> list[str]:
        """Everything printed before the process ended (call after ``kill``)."""
        found = []
        while (line := self.lines.get(timeout=30)) is not None:
            found.append(line)
        self.lines.put(None)
        return found

    def close(self) -> None:
        self.kill()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            stream.close()


@pytest.fixture
def children():
    started: list[Child] = []

    def start(code: str, *args: object, checked: bool = True) -> Child:
        child = Child(code, *args, checked=checked)
        started.append(child)
        return child

    yield start
    for child in started:
        child.close()


def temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.tmp-*"))


# -- 4 processes x 250 edits (acceptance 1) ----------------------------------------------------
EDITOR = r"""
import dataclasses, json, sys, time
from herford_tui.domain import Organisation, Person
from herford_tui.store import ConflictError, Store
from herford_tui.store.store import VERIFY_ENV

path, worker, count, target = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
insert_every = int(sys.argv[5])
store = Store(path).open()
print("ready", flush=True)
assert sys.stdin.readline() == "go\n"
started = time.perf_counter()
conflicts = inserted = 0
for i in range(count):
    while True:  # re-read and retry until the edit lands on the newest version
        current = store.get(Organisation, target)
        edited = dataclasses.replace(
            current,
            notes=current.notes + f"w{worker}.{i};",
            address=str(int(current.address or "0") + 1),
        )
        try:
            store.save(edited)
            break
        except ConflictError:
            conflicts += 1
    if insert_every and i % insert_every == 0:
        store.save(Person(family_name=f"w{worker}.{i}"))
        inserted += 1
print(json.dumps({"conflicts": conflicts, "inserted": inserted, "seconds": time.perf_counter() - started}))
"""

WORKERS = 4
EDITS = 250


def run_editors(children, path: Path, targets: list[int], insert_every: int) -> list[dict]:
    editors = [
        children(EDITOR, path, w, EDITS, targets[w], insert_every, checked=w % 2 == 0)  # even ones checked
        for w in range(WORKERS)
    ]
    for e in editors:
        assert e.next_line() == "ready"
    for e in editors:  # start them together
        e.send("go\n")
    results = [json.loads(e.next_line(timeout=120)) for e in editors]
    for e in editors:
        assert e.proc.wait(timeout=30) == 0
    return results


def tokens(notes: str) -> Counter:
    return Counter(t for t in notes.split(";") if t)


def test_four_processes_editing_the_same_record_lose_no_update(children, db_path: Path):
    store = Store(db_path).open()  # with the seed, so every write rewrites a realistic file
    shared = store.save(Organisation(name="Gemeinsam bearbeitet", address="0"))
    started = time.perf_counter()

    results = run_editors(children, db_path, [shared.id] * WORKERS, insert_every=0)

    elapsed = time.perf_counter() - started
    data = json.loads(db_path.read_bytes())  # valid JSON
    final = Store(db_path).open().get(Organisation, shared.id)
    expected = Counter(f"w{w}.{i}" for w in range(WORKERS) for i in range(EDITS))
    assert tokens(final.notes) == expected  # every edit exactly once
    assert final.address == str(WORKERS * EDITS)  # the counter saw every increment
    assert final.rev == 1 + WORKERS * EDITS
    assert data["organisations"][str(shared.id)]["rev"] == final.rev
    conflicts = sum(r["conflicts"] for r in results)
    assert conflicts > 0, "the workers never overlapped, so the test proved nothing"
    print(f"\nsame record: {WORKERS}x{EDITS} edits in {elapsed:.1f} s, {conflicts} conflicts retried")


def test_four_processes_editing_different_records_lose_no_update(children, db_path: Path):
    store = Store(db_path).open()
    own = [store.save(Organisation(name=f"Eigener Eintrag {w}", address="0")).id for w in range(WORKERS)]
    persons_before = len(store.snapshot().persons)
    started = time.perf_counter()

    results = run_editors(children, db_path, own, insert_every=10)

    elapsed = time.perf_counter() - started
    json.loads(db_path.read_bytes())
    snap = Store(db_path).open().snapshot()
    for w, org_id in enumerate(own):
        org = snap.organisations[org_id]
        assert tokens(org.notes) == Counter(f"w{w}.{i}" for i in range(EDITS)), f"worker {w} lost edits"
        assert (org.address, org.rev) == (str(EDITS), EDITS + 1)
    # Inserts from all processes at once: each got its own id, none replaced another.
    inserted = sum(r["inserted"] for r in results)
    assert inserted == WORKERS * EDITS // 10
    names = [p.family_name for p in snap.persons.values()]
    assert len(snap.persons) == persons_before + inserted
    assert sorted(names) == sorted(f"w{w}.{i}" for w in range(WORKERS) for i in range(0, EDITS, 10))
    # Different records never conflict with one another.
    assert sum(r["conflicts"] for r in results) == 0
    print(f"\ndifferent records: {WORKERS}x{EDITS} edits + {inserted} inserts in {elapsed:.1f} s")


# -- a writer killed mid-save (acceptance 2) ------------------------------------------------
KILLED_WRITER = r"""
import dataclasses, sys
from herford_tui.domain import Organisation
from herford_tui.store import Store

store = Store(sys.argv[1]).open()
record = store.get(Organisation, int(sys.argv[2]))
n = int(record.address)
while True:
    n += 1
    record = store.save(dataclasses.replace(record, address=str(n), notes=f"{n}:" + "x" * (n * 37 % 800)))
    sys.stdout.write(f"{n}\n")  # reported only once the save has returned
    sys.stdout.flush()
"""


def expected_notes(n: int) -> str:
    return f"{n}:" + "x" * (n * 37 % 800)


def test_writer_killed_mid_save_never_leaves_a_torn_file(children, db_path: Path):
    kills = 50
    rng = random.Random(20260617)
    store = Store(db_path, backups=3).open()
    counter = store.save(Organisation(name="Zähler", address="0", notes=expected_notes(0))).id
    committees = len(store.snapshot().committees)
    lock_path = db_path.with_name("db.json.lock")
    killed_with_temp_file = 0
    last = 0
    started = time.perf_counter()

    for round_ in range(kills):
        child = children(KILLED_WRITER, db_path, counter, checked=round_ % 2 == 0)
        target = last + rng.randint(1, 4)
        while int(child.next_line(timeout=30)) < target:
            pass
        # A random moment within the next save or two (a save takes a few milliseconds);
        # this delay picks *when* to kill, it does not synchronise anything.
        time.sleep(rng.uniform(0, 0.006))
        child.kill()
        reported = [int(x) for x in child.remaining_lines()]
        done = max([target, *reported])

        raw = db_path.read_bytes()
        data = json.loads(raw)  # never torn: always complete JSON
        doc = data["organisations"][str(counter)]
        n = int(doc["address"])
        assert n in (done, done + 1), f"round {round_}: file has {n}, last completed save was {done}"
        assert doc["notes"] == expected_notes(n)
        assert doc["rev"] == n + 1
        assert len(data["committees"]) == committees
        for backup in sorted(db_path.parent.glob("db.json.*.bak")):
            older = json.loads(backup.read_bytes())["organisations"].get(str(counter))  # complete JSON
            if older is not None:  # backups from before the counter existed lack it
                assert int(older["address"]) <= n and older["notes"] == expected_notes(int(older["address"]))
        if temp_files(db_path):
            killed_with_temp_file += 1

        # The lock died with the writer.
        probe = FileLock(lock_path, timeout=2)
        probe.acquire()
        probe.release()
        # The next writer reads that version, cleans up, and carries on.
        reader = Store(db_path).open()
        assert reader.get(Organisation, counter).address == str(n)
        reader.save(Person(family_name=f"nach Abbruch {round_}"))
        assert temp_files(db_path) == []
        last = n

    elapsed = time.perf_counter() - started
    final = Store(db_path).open().snapshot()
    assert len([p for p in final.persons.values() if p.family_name.startswith("nach Abbruch")]) == kills
    # About a third of the kills hit a save between creating and renaming the temp file;
    # none at all would mean the kills never landed mid-save and the test proved little.
    assert killed_with_temp_file > 0
    print(f"\n{kills} kills in {elapsed:.1f} s; {killed_with_temp_file} left a temp file behind, all removed")


# -- caches across processes (acceptance 5) ---------------------------------------------------
OTHER_WRITER = r"""
import dataclasses, sys
from herford_tui.domain import Organisation
from herford_tui.store import Store

store = Store(sys.argv[1]).open()
new = store.save(Organisation(name="von Prozess B"))
old = store.get(Organisation, int(sys.argv[2]))
store.save(dataclasses.replace(old, notes="Prozess B war hier"))
print(new.id)
"""


def test_other_process_writes_are_seen_and_next_id_is_fresh(empty_store: Store, db_path: Path):
    a = empty_store
    mine = a.save(Organisation(name="von A"))
    a.save(Organisation(name="noch eins von A"))
    a.snapshot()  # everything A could cache is warm
    assert not a.changed()

    out = subprocess.run(
        [sys.executable, "-c", OTHER_WRITER, str(db_path), str(mine.id)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
        check=True,
    )
    b_id = int(out.stdout)

    assert a.changed()
    snap = a.snapshot()
    assert snap.organisations[b_id].name == "von Prozess B"
    assert snap.organisations[mine.id].notes == "Prozess B war hier"
    with pytest.raises(ConflictError):
        a.save(dataclasses.replace(mine, notes="veraltet"))
    a_new = a.save(Organisation(name="wieder A"))
    assert a_new.id == b_id + 1
    final = Store(db_path).open().snapshot().organisations
    assert {o.id: o.name for o in final.values()} == {
        1: "von A",
        2: "noch eins von A",
        3: "von Prozess B",
        4: "wieder A",
    }


# -- the lock ---------------------------------------------------------------------------------
WAITING_WRITER = r"""
import sys
from herford_tui.domain import Organisation
from herford_tui.store import Store

store = Store(sys.argv[1]).open()
print("trying", flush=True)
saved = store.save(Organisation(name="nach der Sperre"))
print(f"saved {saved.id}", flush=True)
"""


def test_a_writer_waits_while_another_process_holds_the_lock(children, empty_store: Store, db_path: Path):
    before = db_path.read_bytes()
    lock = FileLock(db_path.with_name("db.json.lock"), timeout=5)
    with lock:
        child = children(WAITING_WRITER, db_path)
        assert child.next_line() == "trying"
        # While we hold the lock, nothing may happen for a while.
        with pytest.raises(queue.Empty):
            child.lines.get(timeout=0.5)
        assert db_path.read_bytes() == before
    assert child.next_line() == "saved 1"
    assert empty_store.get(Organisation, 1).name == "nach der Sperre"


CREATOR = r"""
import sys
from herford_tui.store import Store

print("ready", flush=True)
assert sys.stdin.readline() == "go\n"
store = Store(sys.argv[1]).open(seed={"organisations": [{"name": f"Saat {sys.argv[2]}"}]})
print(",".join(o.name for o in store.snapshot().organisations.values()), flush=True)
"""


def test_processes_creating_the_file_at_once_agree_on_one_seed(children, db_path: Path):
    creators = [children(CREATOR, db_path, w) for w in range(WORKERS)]
    for c in creators:
        assert c.next_line() == "ready"
    for c in creators:
        c.send("go\n")
    seen = {c.next_line() for c in creators}
    assert len(seen) == 1, f"processes saw different files: {seen}"
    (names,) = seen
    assert names in {f"Saat {w}" for w in range(WORKERS)}
    assert [o.name for o in Store(db_path).open().snapshot().organisations.values()] == [names]


def test_threads_with_their_own_store_lose_no_update(empty_store: Store, db_path: Path):
    counter = empty_store.save(Organisation(name="Zähler", address="0"))
    threads, per_thread = 4, 40
    errors: list[BaseException] = []

    def work() -> None:
        store = Store(db_path)
        try:
            for _ in range(per_thread):
                while True:
                    current = store.get(Organisation, counter.id)
                    try:
                        store.save(dataclasses.replace(current, address=str(int(current.address) + 1)))
                        break
                    except ConflictError:
                        continue
        except BaseException as exc:
            errors.append(exc)

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=60)
    assert not errors
    assert empty_store.get(Organisation, counter.id).address == str(threads * per_thread)
