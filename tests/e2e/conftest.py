"""End-to-end: the installed ``herford-tui`` command in a real terminal (tmux), also over ssh."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

COMMAND = Path(sys.executable).with_name("herford-tui")


class Terminal:
    """A tmux session of 80x24 that a test types into and reads from, like a person would."""

    def __init__(self, command: str, *, width: int = 80, height: int = 24):
        self.name = f"herford-{uuid.uuid4().hex[:8]}"
        # A tmux server of its own: a server that is just exiting after another test's last
        # session was killed must not swallow this test's new session.
        self.tmux = ["tmux", "-L", self.name]
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command],
            check=True,
        )
        # A control-mode client: tmux tells it each time the pane's program writes (``%output``), so
        # a wait looks at the screen again when the app has drawn something, not at fixed intervals
        # (a ``capture-pane`` costs a process start). It also takes commands (``control``).
        self._client = subprocess.Popen(
            [*self.tmux, "-C", "attach-session", "-t", self.name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._drawn = threading.Event()
        self._follower = threading.Thread(target=self._follow, daemon=True)
        self._follower.start()

    def _follow(self) -> None:
        assert self._client.stdout is not None
        for line in self._client.stdout:
            if line.startswith(b"%output "):
                self._drawn.set()
        # The session ended (the client's output with it): one last wake-up, for a wait that the
        # end is what it waits for; later waits look at their interval (``_until``).
        self._drawn.set()

    def _until(self, condition: Callable[[], object], timeout: float, interval: float) -> bool:
        """True once ``condition`` holds, looked at after each write of the app to the pane and at
        least every ``interval`` seconds (a file the app saves changes without any output); False
        after ``timeout`` seconds, a deadline that only bounds a failure."""
        deadline = time.monotonic() + timeout
        while True:
            self._drawn.clear()  # before looking: a write while we look wakes the next wait
            if condition():
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self._drawn.wait(min(interval, left))

    def control(self, command: str) -> None:
        """A tmux command through the control client, without starting a process for it."""
        assert self._client.stdin is not None
        self._client.stdin.write(command.encode() + b"\n")
        self._client.stdin.flush()

    def screen(self, *, escapes: bool = False) -> str:
        """The visible text; with ``escapes`` also the escape sequences that draw it (``-e``)."""
        flags = ["-p", "-e"] if escapes else ["-p"]
        result = subprocess.run(
            [*self.tmux, "capture-pane", *flags, "-t", self.name], capture_output=True, text=True, check=False
        )
        return result.stdout

    def title(self) -> str:
        """The pane title: an escape sequence that reached the terminal raw (OSC 0) changes it."""
        result = subprocess.run(
            [*self.tmux, "display", "-p", "-t", self.name, "#{pane_title}"], capture_output=True, text=True, check=False
        )
        return result.stdout.strip()

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        shown = ""

        def on_screen() -> bool:
            nonlocal shown
            shown = self.screen()
            return text in shown

        if self._until(on_screen, timeout, 0.25):
            return shown
        raise AssertionError(f"„{text}“ erschien nicht binnen {timeout} s. Bildschirm:\n{self.screen()}")

    def wait_until_gone(self, text: str, timeout: float = 10.0) -> None:
        if not self._until(lambda: text not in self.screen(), timeout, 0.25):
            raise AssertionError(f"„{text}“ verschwand nicht. Bildschirm:\n{self.screen()}")

    def wait_until(self, condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
        """Wait for ``condition`` (e.g. the file's checksum changed) with a deadline, never a fixed sleep."""
        if not self._until(condition, timeout, 0.02):
            raise AssertionError(f"{what}: nicht binnen {timeout} s. Bildschirm:\n{self.screen()}")

    def wait_until_ended(self, timeout: float = 10.0) -> bool:
        """True once the session has ended (its program quit or was killed)."""
        return self._until(lambda: not self.alive(), timeout, 0.02)

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, "-l", text], check=True)

    def alive(self) -> bool:
        return subprocess.run([*self.tmux, "has-session", "-t", self.name], capture_output=True).returncode == 0

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)
        try:
            self._client.wait(timeout=10)  # ends with its server
        except subprocess.TimeoutExpired:
            self._client.kill()
            self._client.wait()
        self._follower.join(timeout=10)  # it reads to the end of the output: then its pipe may close
        for pipe in (self._client.stdin, self._client.stdout):
            if pipe is not None:
                pipe.close()


def checksum(path: Path) -> str:
    """The file's content hash: a save by the app under test is the only thing that changes it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def command() -> Path:
    """The installed console script of the venv the tests run in."""
    assert COMMAND.exists(), f"{COMMAND} fehlt: erst pip install -e '.[dev]'"
    return COMMAND


@pytest.fixture
def terminal() -> Iterator[type[Terminal]]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux ist nicht installiert (apt-get install tmux; .ci/run installiert es)")
    opened: list[Terminal] = []

    def open_terminal(command: str, **kwargs) -> Terminal:
        term = Terminal(command, **kwargs)
        opened.append(term)
        return term

    yield open_terminal
    for term in opened:
        term.close()


SSHD = Path("/usr/sbin/sshd")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sshd(tmp_path):
    """A throw-away sshd on loopback (recipe: shared/recipes/ssh-e2e.md), stopped by its pid."""
    if not SSHD.exists() or shutil.which("ssh") is None:
        pytest.skip("openssh-server/-client fehlt (apt-get install openssh-server; .ci/run installiert es)")
    if os.geteuid() != 0:
        pytest.skip("der Wegwerf-sshd braucht root (so läuft die CI)")
    keys = tmp_path / "ssh"
    keys.mkdir()
    for name in ("hostkey", "userkey"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True)
    authorized = keys / "authorized_keys"
    authorized.write_bytes((keys / "userkey.pub").read_bytes())
    authorized.chmod(0o600)
    Path("/run/sshd").mkdir(exist_ok=True)
    port = _free_port()
    config = keys / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'hostkey'}\n"
        f"AuthorizedKeysFile {authorized}\nPasswordAuthentication no\nStrictModes no\nUsePAM no\n"
        f"PidFile {keys / 'sshd.pid'}\nAcceptEnv TERM COLORTERM\n"
    )
    subprocess.run([str(SSHD), "-f", str(config), "-E", str(keys / "sshd.log")], check=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.01)  # sshd listens some milliseconds after it forked into the background
    try:
        yield port, keys / "userkey"
    finally:
        pid_file = keys / "sshd.pid"
        if pid_file.exists():
            subprocess.run(["kill", pid_file.read_text().strip()], check=False)
