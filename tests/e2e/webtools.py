"""``herford-tui web`` behind the test login proxy, and a headless Chromium that reads the terminal
in the page the way a colleague sees it."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import _free_port

PROXY = Path(__file__).with_name("login_proxy.py")
HEADER = "X-Benutzer"

# textual-serve's page keeps its xterm.js terminal in a closure. Before any script of the page
# runs, this catches the object when the page stores it (``this.terminal = new Terminal(…)``),
# so the test reads the same cells the colleague sees (the terminal draws on a canvas).
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && typeof value.onData === "function" && !window.__terminal) {
      window.__terminal = value;
    }
  },
});
"""

SHOWN = """
const shown = () => {
  const t = window.__terminal;
  if (!t) { return null; }
  const b = t.buffer.active, lines = [];
  for (let i = 0; i < t.rows; i++) {
    const line = b.getLine(b.viewportY + i);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
};
"""
"""The page's terminal as text, line by line (null while the page has no terminal yet)."""

SCREEN = SHOWN + "return shown();"

# Waits for a text to appear on (or leave) the page's terminal, looking again each time the terminal
# has parsed what the app wrote (xterm.js ``onWriteParsed``) instead of polling from Python. It
# answers the screen once it matches, or null after ``limit`` ms (the Python side asks again until
# its deadline; the terminal may not exist yet while the page loads: then it looks every 50 ms).
WAIT = (
    """
const [text, present, limit, done] = arguments;
"""
    + SHOWN
    + """
let finished = false, subscription = null, watched = null;
const finish = (value) => {
  if (finished) { return; }
  finished = true;
  if (subscription) { subscription.dispose(); }
  clearInterval(loading);
  clearTimeout(giveUp);
  done(value);
};
const look = () => {
  const screen = shown();
  if (screen !== null && screen.includes(text) === present) { finish(screen); return; }
  const t = window.__terminal;
  if (t && t !== watched) {
    if (subscription) { subscription.dispose(); }
    watched = t;
    subscription = t.onWriteParsed(look);
  }
};
const loading = setInterval(() => { if (!watched) { look(); } }, 50);
const giveUp = setTimeout(() => finish(null), limit);
look();
"""
)


def wait_until(condition: Callable[[], object], what: str, timeout: float = 60.0, detail: Callable[[], str] = str):
    """Poll ``condition`` (a file, a server's answer: cheap to look at) until it gives something
    true; a generous deadline, never a fixed sleep."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.02)
    raise AssertionError(f"{what}: nicht binnen {timeout} s. {detail()}")


class WebServer:
    """``herford-tui web`` on loopback and the login proxy in front of it, both stopped by pid."""

    def __init__(self, command: Path, db: Path, *extra: str, home: Path):
        self.port = _free_port()
        env = {**os.environ, "HOME": str(home)}
        env.pop("HERFORD_TUI_BENUTZER", None)
        self.proxy = subprocess.Popen(
            [sys.executable, str(PROXY), str(self.port), HEADER],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.proxy.stdout is not None
        ready, _, _ = select.select([self.proxy.stdout], [], [], 60)
        assert ready, "der Test-Proxy meldet sich nicht"
        self.proxy_port = int(self.proxy.stdout.readline().split()[1])
        self.url = f"http://127.0.0.1:{self.proxy_port}"
        self.log = home / "web.log"
        with self.log.open("wb") as log:
            self.server = subprocess.Popen(
                [
                    str(command),
                    "web",
                    "--db",
                    str(db),
                    "--port",
                    str(self.port),
                    "--public-url",
                    self.url,
                    "--benutzer-header",
                    HEADER,
                    *extra,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
        wait_until(lambda: self.status("/") is not None or self.server.poll() is not None, "Server startet")
        assert self.server.poll() is None, f"herford-tui web endete:\n{self.log.read_text()}"

    def status(self, path: str, *, direct: bool = True, headers: dict[str, str] | None = None) -> int | None:
        """The HTTP status of a GET, directly at the server or through the proxy (None: no answer yet)."""
        port = self.port if direct else self.proxy_port
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)
        except OSError:
            return None

    def body(self, path: str, headers: dict[str, str] | None = None) -> str:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return str(answer.read().decode())
        except urllib.error.HTTPError as exc:
            return str(exc.read().decode())

    def stop(self) -> None:
        for process in (self.server, self.proxy):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (self.server, self.proxy):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Browser:
    """One headless Chromium window with its own cookies: one colleague."""

    def __init__(self, downloads: Path):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "chromium"
        # No WebGL: xterm.js then draws with its canvas renderer instead of WebGL emulated on the
        # CPU (SwiftShader; about a fifth of Chromium's CPU in these tests). The tests read the
        # terminal's cells, which are the same for either renderer.
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--window-size=1280,800",
            "--disable-webgl",
        ):
            options.add_argument(flag)
        options.add_experimental_option(
            "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
        )
        self.downloads = downloads
        self.driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL})
        self.driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )

    def open(self, url: str) -> None:
        self.driver.get(url)

    def screen(self) -> str:
        return str(self.driver.execute_script(SCREEN) or "")

    def wait_for(self, text: str, timeout: float = 60.0) -> str:
        return self._wait(text, True, timeout, f"„{text}“ im Browser")

    def wait_until_gone(self, text: str, timeout: float = 60.0) -> None:
        self._wait(text, False, timeout, f"„{text}“ verschwindet")

    def _wait(self, text: str, present: bool, timeout: float, what: str) -> str:
        """The screen once ``text`` is on it (``present``) or gone; the page looks again whenever
        its terminal has taken in the app's output (``WAIT``)."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            screen = self.driver.execute_async_script(WAIT, text, present, int(min(left, 2.0) * 1000))
            if screen is not None:
                return str(screen)
        raise AssertionError(f"{what}: nicht binnen {timeout} s. Bildschirm:\n{self.screen()}")

    def _target(self):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")

    def type(self, text: str) -> None:
        self._target().send_keys(text)

    def key(self, key: str) -> None:
        """A special key (``selenium.webdriver.common.keys.Keys``) or ``ctrl+x``."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        target = self._target()
        if key.startswith("ctrl+"):
            ActionChains(self.driver).key_down(Keys.CONTROL, target).send_keys(key[5:]).key_up(Keys.CONTROL).perform()
        else:
            target.send_keys(key)

    def close(self) -> None:
        self.driver.quit()


def need_chromium() -> None:
    if shutil.which("chromium") is None or shutil.which("chromedriver") is None:
        pytest.skip(
            "chromium/chromium-driver fehlen (apt-get install chromium chromium-driver; .ci/run installiert sie)"
        )
