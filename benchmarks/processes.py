"""Measurements that need other processes: cold start on a pty, peak RSS, a colleague, writers."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
CHILD = str(HERE / "child.py")
BARE_APP = str(HERE / "bare_app.py")
MARKER = "Bildungskonferenz"
"""The start screen's data: the first committee's name in its info line (the tab says "Konferenz")."""
ANSI = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")


def herford_tui_command(path: Path) -> list[str]:
    """What a colleague types: the installed console script next to this interpreter."""
    script = Path(sys.executable).with_name("herford-tui")
    if script.exists():
        return [str(script), "--db", str(path)]
    return [sys.executable, "-m", "herford_tui", "--db", str(path)]


def tree_label(tree: str) -> str:
    """The commit a checkout given as ``--before TREE`` is at (its short hash), else the path."""
    done = subprocess.run(["git", "-C", tree, "log", "-1", "--format=%h"], capture_output=True, text=True)
    return done.stdout.strip() or tree


def bare_app_command(*args: str) -> list[str]:
    return [sys.executable, BARE_APP, *args]


def compile_all() -> int:
    """Compile herford_tui, Textual, Rich and the bare app to bytecode (``__pycache__``) before a
    cold start is timed: an editable install run with PYTHONDONTWRITEBYTECODE compiles ~60
    modules at every start, which the bare app (mostly Textual, compiled at install) does not.
    Returns the number of folders compiled."""
    import compileall
    import importlib.util

    folders = [HERE]
    for name in ("herford_tui", "textual", "rich"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            folders.append(Path(next(iter(spec.submodule_search_locations))))
    for folder in folders:
        compileall.compile_dir(str(folder), quiet=1, workers=1)
    return len(folders)


def _controlling_tty() -> None:  # runs in the child between fork and exec
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@contextlib.contextmanager
def on_pty(argv: list[str], size: tuple[int, int]) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """``argv`` started on a pty of ``size`` (as over SSH): the process and the pty's master end;
    the process (its session) is killed at the end."""
    master, slave = os.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
    env.pop("TEXTUAL", None)  # no devtools
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # both sides start from compiled bytecode (``compile_all``)
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, preexec_fn=_controlling_tty
    )
    os.close(slave)
    try:
        yield proc, master
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def read_until(master: int, text: str, since: float, *, name: str, timeout: float = 180) -> float:
    """Seconds from ``since`` until ``text`` is in what the program writes (escape sequences
    taken out); ``name`` names the program in the errors."""
    output = b""
    wanted = text.encode()
    deadline = since + timeout
    while True:
        ready, _, _ = select.select([master], [], [], max(deadline - time.perf_counter(), 0))
        if not ready:
            raise TimeoutError(f"{name}: {text!r} not on screen after {timeout:.0f} s")
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            chunk = b""
        if not chunk:
            tail = ANSI.sub(b"", output)[-300:].decode(errors="replace")
            raise RuntimeError(f"{name} ended before {text!r} was shown: {tail}")
        output += chunk
        if wanted in ANSI.sub(b"", output):
            return time.perf_counter() - since


def time_to_marker(
    argv: list[str], *, marker: str = MARKER, size: tuple[int, int] = (80, 24), timeout: float = 180
) -> float:
    """Seconds from exec to ``marker`` painted on a pty of ``size`` (as over SSH); the process is killed then."""
    start = time.perf_counter()
    with on_pty(argv, size) as (_, master):
        return read_until(master, marker, start, name=argv[0], timeout=timeout)


def keys_to_markers(
    argv: list[str],
    steps: list[tuple[str, str]],
    *,
    marker: str = MARKER,
    size: tuple[int, int] = (120, 40),
    timeout: float = 180,
) -> tuple[float, list[float]]:
    """On a pty of ``size`` (as over SSH): seconds from exec to ``marker`` painted, then for each
    (key, text) of ``steps`` the seconds from typing the key to ``text`` in what the program
    writes after it (a tab's first visit as the user sees it). The process is killed at the end."""
    start = time.perf_counter()
    with on_pty(argv, size) as (_, master):
        started = read_until(master, marker, start, name=argv[-1], timeout=timeout)
        _drain(master, 0.5)  # what the start still paints (the search index, a timer) is not a tab's
        took = []
        for key, text in steps:
            typed = time.perf_counter()
            os.write(master, key.encode())
            took.append(read_until(master, text, typed, name=argv[-1], timeout=timeout))
            _drain(master, 0.3)
        return started, took


def _drain(fd: int, quiet: float) -> None:
    """Read until the program has written nothing for ``quiet`` seconds."""
    while select.select([fd], [], [], quiet)[0]:
        try:
            if not os.read(fd, 1 << 16):
                return
        except OSError:
            return


def run_child(*args: str, timeout: float = 600) -> dict[str, Any]:
    """A child that answers once (rss, parse); its one JSON line."""
    done = subprocess.run([sys.executable, CHILD, *args], capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"child {args[0]} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class Child:
    """A child that stays and answers line by line (colleague, writer)."""

    def __init__(self, *args: str):
        self.proc = subprocess.Popen(
            [sys.executable, CHILD, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )

    @property
    def _out(self) -> IO[str]:
        assert self.proc.stdout is not None
        return self.proc.stdout

    def tell(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def answer(self) -> dict[str, Any]:
        line = self._out.readline()
        if not line:
            raise RuntimeError(f"child {self.proc.args!r} ended without an answer")
        return json.loads(line)

    def close(self) -> None:
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
