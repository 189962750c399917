"""The x1 demo's shape at a tenth of its size, for tests where the data's variety is the point and
its size is not (the benchmarks time x1): namesakes, ended memberships, extra committees, meetings
over three years, 300 persons with contacts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from herford_tui.store import Store
from herford_tui.store.demo import SIZES, DemoSize, write_demo

TENTH = dataclasses.replace(SIZES["x1"], organisations=50, persons=300, memberships=600, meetings=200, committees=10)


TWENTIETH = dataclasses.replace(TENTH, organisations=25, persons=150, memberships=300, meetings=100)
"""Half the tenth, with the same ten committees: for the exchange round trip, whose CLI exports and
imports every record several times (issue 20.7)."""


def write_tenth_demo(path: Path, *, seed: int = 1, shape: DemoSize = TENTH) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(SIZES, "tenth", shape)
        write_demo(Store(path, backups=0).open(), size="tenth", seed=seed)
    return path
