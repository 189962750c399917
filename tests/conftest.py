"""Shared fixtures: a store on a fresh file in the test's own folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from herford_tui.store import Store
from herford_tui.store.store import VERIFY_ENV

# Every read and write of every test (and of the processes tests start) is checked against the
# general path: the fast one must decode the same records and write the same bytes.
os.environ[VERIFY_ENV] = "1"


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
