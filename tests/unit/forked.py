"""Child processes for the store's SIGKILL and concurrency tests, forked from a server that has
imported the store once (multiprocessing's forkserver, with the store preloaded).

A fresh ``python -c`` child spends ~0.15 s of CPU importing the store before its first save; the
stress and kill tests start some hundreds of them, so that was half their CPU time. A forked
child is still a process of its own (own store, own file handles, own lock, killed by SIGKILL),
and it shares nothing with the test process: the server was started from a clean interpreter that
imported the modules and never opened a store.

Only the standard library is imported here: the server imports this module too.
"""

from __future__ import annotations

import multiprocessing
import os
import selectors
import signal
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO

PRELOAD = ["tests.unit.forked", "herford_tui.domain", "herford_tui.store", "herford_tui.cli", "herford_tui.app"]
"""The app's modules too (Textual: ~0.4 s of CPU once per server): ``run_cli`` starts the app and
the commands some dozens of times, ~0.2-0.6 s of imports each in a fresh interpreter."""
_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOAD)


def _run(
    code: str, argv: list[str], env: dict[str, str], cwd: str, stdin: Connection, out: Connection, err: Connection
) -> None:
    """In the child: the script with its arguments, environment and pipes, as ``python -c`` runs it."""
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    sys.argv = ["-c", *argv]
    sys.stdin = open(stdin.fileno(), encoding="utf-8", closefd=False)  # noqa: SIM115 (lives as long as the child)
    sys.stdout = open(out.fileno(), "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(err.fileno(), "w", encoding="utf-8", closefd=False)  # noqa: SIM115 (a traceback goes here)
    exec(compile(code, "<child>", "exec"), {"__name__": "__main__"})


def _file(end: Connection, mode: str) -> IO[bytes]:
    """The pipe's end as a file object (closed by the tests, as Popen's pipes were)."""
    fd = os.dup(end.fileno())
    end.close()
    return open(fd, mode)


class Child:
    """What the tests used of ``subprocess.Popen``: the pipes, ``wait``, ``poll``, ``send_signal``.
    An uncaught exception ends the child with exit code 1 and its traceback on ``stderr``."""

    def __init__(self, code: str, args: list[str], env: dict[str, str], cwd: Path) -> None:
        stdin_r, stdin_w = _context.Pipe(duplex=False)
        stdout_r, stdout_w = _context.Pipe(duplex=False)
        stderr_r, stderr_w = _context.Pipe(duplex=False)
        pipes = (stdin_r, stdout_w, stderr_w)
        self.process = _context.Process(target=_run, args=(code, args, env, str(cwd), *pipes), daemon=True)
        self.process.start()
        for end in pipes:  # the child has its own copies: its output ends when it dies
            end.close()
        self.pid = self.process.pid
        self.stdin = _file(stdin_w, "wb")
        self.stdout = _file(stdout_r, "rb")
        self.stderr = _file(stderr_r, "rb")

    @property
    def returncode(self) -> int | None:
        return self.process.exitcode

    def poll(self) -> int | None:
        return self.process.exitcode

    def wait(self, timeout: float | None = None) -> int:
        self.process.join(timeout)
        if self.process.exitcode is None:
            raise subprocess.TimeoutExpired("forked child", timeout or 0)
        return self.process.exitcode

    def send_signal(self, signal: int) -> None:
        if self.process.exitcode is None:
            os.kill(self.pid, signal)


CLI = "from herford_tui.cli import main\nmain()\n"
"""What ``python -m herford_tui`` runs (``herford_tui/__main__.py``)."""


def run_cli(args: list[str], env: dict[str, str], cwd: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """``herford-tui ARGS`` in a forked child, as ``subprocess.run(..., capture_output=True, text=True,
    timeout=...)`` ran ``python -m herford_tui``: its own process with its own pipes, killed and the
    test failed if it is not done in ``timeout`` seconds (a read of a FIFO would block it)."""
    child = Child(CLI, args, env=env, cwd=cwd)
    child.stdin.close()
    out: dict[IO[bytes], list[bytes]] = {child.stdout: [], child.stderr: []}
    with selectors.DefaultSelector() as selector:
        for stream in out:
            selector.register(stream, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while selector.get_map():
            left = deadline - time.monotonic()
            events = selector.select(left) if left > 0 else []
            if not events:
                child.send_signal(signal.SIGKILL)
                child.wait(timeout=30)
                raise subprocess.TimeoutExpired(["herford-tui", *args], timeout)
            for key, _ in events:
                chunk = os.read(key.fd, 65536)
                if chunk:
                    out[key.fileobj].append(chunk)  # type: ignore[index]
                else:
                    selector.unregister(key.fileobj)
    code = child.wait(timeout=max(deadline - time.monotonic(), 1))
    child.stdout.close()
    child.stderr.close()
    return subprocess.CompletedProcess(
        ["herford-tui", *args], code, b"".join(out[child.stdout]).decode(), b"".join(out[child.stderr]).decode()
    )
