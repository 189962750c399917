"""Shared fixtures: a store on a fresh file in the test's own folder, and the CLI runner."""

from __future__ import annotations

import compileall
import gc
import os
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

import herford_tui
from herford_tui.cli import ENV_DB
from herford_tui.store import Store
from herford_tui.store.store import VERIFY_ENV

# Every read and write of every test (and of the processes tests start) is checked against the
# general path: the fast one must decode the same records and write the same bytes.
os.environ[VERIFY_ENV] = "1"

# The app keeps the holidays it computed in the user's cache folder (``store/holiday_cache.py``):
# the tests (and the processes they start) in a folder of their own, not the home of whoever runs them.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="herford-tests-cache-")

# Hypothesis fails an example that takes longer than its deadline (200 ms): a timing assertion a
# loaded machine misses (test_fit's plans: 648 ms for an example that takes 0.07 ms, in a full run
# at -n 3 beside a busy processor). The property tests check the property, not the time.
# The examples are derived from each test's own code (derandomize), not drawn anew in every run
# with the local .hypothesis database replaying old finds: a fresh clone (CI) tries exactly the
# inputs a run here tried (with the same Hypothesis), so it cannot meet a counterexample nobody saw
# before landing. Searching for new ones is a run of its own: ``pytest --hypothesis-profile
# explore`` (random draws; what they find is kept in .hypothesis/ and tried first next time).
settings.register_profile("suite", deadline=None, derandomize=True, print_blob=True)
settings.register_profile("explore", deadline=None)
settings.load_profile("suite")

# The tests' folders (tmp_path) on tmpfs where there is one, as the stress test did first: a save
# flushes the file, its folder and the log (fsync), 4-10 ms each on this machine's disk and some
# thousands in a run, all waited for. What the tests check is the order of the steps and what the
# files hold, not the disk's flushing. (Read by pytest when it makes its base folder.)
if "PYTEST_DEBUG_TEMPROOT" not in os.environ and os.access("/dev/shm", os.W_OK):
    os.environ["PYTEST_DEBUG_TEMPROOT"] = "/dev/shm"


# Tests of tens of seconds each (``--durations``; issue 20.7). They start first: a long test
# begun last would keep one worker busy while the other has nothing left to do.
LONG = (
    "tests/e2e/",
    "tests/ui/test_hostile_text.py::test_every_view_form_and_dialog",
    "tests/ui/test_typing_order.py",
    "tests/unit/test_benchmarks.py",
    "tests/unit/test_store_concurrency.py",
    "tests/unit/test_store_stress.py",
)


def pytest_configure(config: pytest.Config) -> None:
    """Compile the package once (in the controller, before the workers start): with
    PYTHONDONTWRITEBYTECODE set, every process a test starts (the stress writers, the killed
    writers, the app in tmux and over ssh: some hundreds) compiled every module it imported again.

    The test modules' compiled form (with pytest's rewritten asserts) is kept too: without it each
    xdist worker rewrote and compiled all of them before its first test (4 s of CPU each)."""
    # The collector's passes over the test process' own heap (pytest, hypothesis, the modules, the
    # apps of earlier tests until their cycles are freed): a pass every 700 new objects, and a full
    # one every 100 young ones, cost ~12 % of a Pilot test's CPU. Rarer passes free the same
    # garbage; the processes the tests start (the app in tmux, the writers) keep the defaults.
    gc.set_threshold(100_000, 50, 100)
    if sys.dont_write_bytecode:
        if not hasattr(config, "workerinput"):
            compileall.compile_dir(Path(herford_tui.__file__).parent, quiet=2)
        sys.dont_write_bytecode = False


def _expected_cost(item: pytest.Item) -> int:
    if item.nodeid.startswith(LONG) or item.get_closest_marker("slow"):
        return 2
    return 1 if item.nodeid.startswith("tests/ui/") else 0  # a Pilot test takes seconds, most others less


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest first (a stable sort: each file's tests keep their order and fixtures), so that
    ``pytest -n 2`` with ``--dist worksteal`` (pyproject.toml) ends both workers on short tests."""
    items.sort(key=_expected_cost, reverse=True)


@pytest.fixture(params=["verified", "unverified"])
def both_verify_modes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs a store test twice: checked against the general path, and as users run it (no check),
    so a path that only works because the check decoded the file again is found too (issue 20.7).
    A module opts in with ``pytestmark = pytest.mark.usefixtures("both_verify_modes")``."""
    if request.param == "unverified":
        monkeypatch.delenv(VERIFY_ENV)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db.json"


@pytest.fixture
def store(db_path: Path) -> Store:
    """A store on a new file created from the shipped seed."""
    return Store(db_path).open()


@pytest.fixture
def empty_store(db_path: Path) -> Store:
    """A store on a new file without any records (fast, no seed)."""
    return Store(db_path).open(seed={})


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    """The CLI as a test runs it: no test may see the real user's database (env var gone, the
    data folder in tmp, where a fallback to the default fails loudly)."""
    monkeypatch.delenv(ENV_DB, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return CliRunner()
