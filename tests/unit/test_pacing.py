"""Background work steps back while the other threads need the interpreter (``domain/pacing.py``):
on a fake clock, so nothing here depends on how busy the machine is."""

from __future__ import annotations

import gc
import threading

import pytest

from herford_tui.domain import pacing


class FakeTime:
    """The clock ``pacing`` reads: wall time moves with ``sleep`` and ``work``; the other threads'
    CPU time grows by ``busy`` (a share of the wall time) while they are busy."""

    def __init__(self) -> None:
        self.now = 0.0
        self.others = 0.0
        self.busy = 0.0
        self.sleeps = 0
        self.busy_until: int | None = 3
        """The others are done after this many sleeps (None: never)."""

    def monotonic(self) -> float:
        return self.now

    def process_time(self) -> float:
        return self.others

    def thread_time(self) -> float:
        return 0.0

    def _advance(self, seconds: float) -> None:
        self.now += seconds
        self.others += self.busy * seconds

    def sleep(self, seconds: float) -> None:
        self.sleeps += 1
        self._advance(seconds)
        if self.busy_until is not None and self.sleeps >= self.busy_until:
            self.busy = 0.0

    def work(self, seconds: float) -> None:
        self._advance(seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(pacing, "time", fake)

    def doze(wake: threading.Event, seconds: float) -> bool:
        fake.sleep(seconds)
        return wake.is_set()

    monkeypatch.setattr(pacing, "_doze", doze)
    return fake


def test_pace_outside_a_paced_block_does_nothing(clock: FakeTime):
    clock.busy = 1.0
    clock.work(1.0)
    pacing.pace()
    assert clock.sleeps == 0


def test_paced_work_goes_on_while_the_others_are_idle(clock: FakeTime):
    with pacing.paced() as pacer:
        for _ in range(10):
            clock.work(pacing.SLICE)
            pacing.pace()
    assert clock.sleeps == 0
    assert pacer.waited == 0


def test_paced_work_steps_back_until_the_others_are_quiet(clock: FakeTime):
    with pacing.paced() as pacer:
        clock.busy = 0.5  # the event loop works during this slice
        clock.work(pacing.SLICE)
        pacing.pace()
        assert clock.sleeps == 4  # three busy windows (each twice the one before), then a quiet one
        windows = [min(2**n * pacing.QUIET, pacing.LONGEST) for n in range(4)]
        assert pacer.waited == pytest.approx(sum(windows))
        clock.work(pacing.SLICE)
        pacing.pace()
        assert clock.sleeps == 4


def test_work_someone_waits_for_steps_back_no_more(clock: FakeTime):
    with pacing.paced() as pacer:
        pacing.hurry()
        clock.busy = 1.0
        clock.work(pacing.SLICE)
        pacing.pace()
    assert pacer.hurried
    assert clock.sleeps == 0


def test_waiting_for_a_lock_hurries_the_paced_block_that_holds_it_while_it_waits():
    lock = threading.Lock()
    holding, done, seen = threading.Event(), threading.Event(), threading.Event()
    pacers: list[object] = []

    def background() -> None:
        with pacing.paced() as pacer:
            with lock:
                pacers.append(pacer)
                holding.set()
                while not pacer.hurried:  # as a paced build does, until someone waits for it
                    if done.wait(0.001):
                        return
                seen.set()
            done.wait(30)  # the block's next work, after what was waited for

    worker = threading.Thread(target=background)
    worker.start()
    try:
        assert holding.wait(30)
        with pacing.taken(lock):  # waits for the block, which is hurried and lets the lock go
            pass
        assert seen.is_set()
        assert not getattr(pacers[0], "hurried", True), "its next work steps back again"
    finally:
        done.set()
        worker.join(30)


def test_paced_blocks_take_turns():
    first_in, second_in, release = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with pacing.paced():
            first_in.set()
            release.wait(30)

    def second() -> None:
        with pacing.paced():
            second_in.set()

    one, two = threading.Thread(target=first), threading.Thread(target=second)
    one.start()
    assert first_in.wait(30)
    two.start()
    try:
        assert not second_in.wait(0.05), "the second block ran beside the first"
    finally:
        release.set()
        one.join(30)
        two.join(30)
    assert second_in.is_set()


def test_the_collector_runs_again_when_the_last_of_overlapping_builds_ends():
    assert gc.isenabled()
    inner_done = threading.Event()
    with pacing.collector_paused():
        assert not gc.isenabled()

        def other() -> None:
            with pacing.collector_paused():
                pass
            inner_done.set()

        thread = threading.Thread(target=other)
        thread.start()
        thread.join(30)
        assert inner_done.is_set()
        assert not gc.isenabled(), "another thread's build ended first: still paused"
    assert gc.isenabled()


def test_work_a_screen_shows_later_does_not_step_back_for_the_background(clock: FakeTime):
    """The background block (the index) publishes its CPU time: a ``later`` block (the Auswertung's
    trend) leaves it out of "the others", and so goes on beside it."""
    with pacing.later() as pacer:
        pacing._background["now"] += 1.0  # the background thread worked meanwhile
        clock.others += 1.0
        clock.work(pacing.SLICE)
        pacing.pace()
    assert clock.sleeps == 0
    assert pacer.waited == 0
    pacing._background["now"] -= 1.0


def test_quiet_waits_for_a_quiet_moment_before_work_that_cannot_step_back(clock: FakeTime):
    pacing.quiet()  # outside a paced block: nothing
    assert clock.sleeps == 0
    with pacing.paced():
        clock.busy = 0.5
        pacing.quiet()
    assert clock.sleeps == 4


def test_a_block_whose_app_ended_steps_back_no_more(clock: FakeTime):
    """A thread outlives its app: its paced work goes on without stepping back (else it held the
    turn that the process's next app waits for), also when it is asleep in a window."""
    ended: list[bool] = []
    with pacing.paced(gone=lambda: bool(ended)):
        clock.busy = 0.9
        ended.append(True)
        clock.work(0.01)
        pacing.pace()
    assert clock.sleeps == 0

    with pacing.paced(gone=lambda: clock.sleeps >= 2):  # ends during the second window
        clock.busy = 0.9
        clock.work(0.01)
        pacing.pace()
    assert clock.sleeps == 2, "woke after the window in which its app ended, the others still busy"


def test_work_the_others_never_leave_a_quiet_window_for_still_goes_on(clock: FakeTime):
    """Others busy for good (an animation; a test polling the screen): a slice of work after
    ``PATIENCE`` seconds of waiting, so the work ends."""
    clock.busy_until = None
    with pacing.paced() as pacer:
        clock.busy = 0.9
        for _ in range(3):
            clock.work(2 * pacing.SLICE)
            pacing.pace()
    assert pacing.PATIENCE <= pacer.waited / 3 <= pacing.PATIENCE + pacing.LONGEST


def test_a_hurried_block_wakes_at_once():
    """A paced thread asleep while the others work is woken by ``hurry``, not at its next look."""
    asleep, woke = threading.Event(), threading.Event()

    def background() -> None:
        with pacing.paced() as pacer:
            asleep.set()
            pacing._doze(pacer._hurried, 60)  # as in a quiet window
            woke.set()

    worker = threading.Thread(target=background)
    worker.start()
    try:
        assert asleep.wait(30)
        pacing.hurry()
        assert woke.wait(30)
    finally:
        pacing.hurry()
        worker.join(30)
