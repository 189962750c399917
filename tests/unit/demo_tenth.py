"""The x1 demo's shape at a tenth of its size, for tests where the data's variety is the point and
its size is not (the benchmarks time x1): namesakes, ended memberships, extra committees, meetings
over three years, 300 persons with contacts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from herford_tui.store import Store
from herford_tui.store.demo import SIZES, write_demo

TENTH = dataclasses.replace(SIZES["x1"], organisations=50, persons=300, memberships=600, meetings=200, committees=10)


def write_tenth_demo(path: Path, *, seed: int = 1) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(SIZES, "tenth", TENTH)
        write_demo(Store(path, backups=0).open(), size="tenth", seed=seed)
    return path
