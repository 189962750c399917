"""The shipped seed data: committees, seats and public institutions of the source text."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any


def seed_path() -> Path:
    """``data/seed.json`` in a source checkout, ``herford_tui/seeddata`` in an installed wheel."""
    checkout = Path(__file__).resolve().parents[2] / "data" / "seed.json"
    if checkout.is_file():
        return checkout
    return Path(str(resources.files("herford_tui.seeddata").joinpath("seed.json")))


def load_seed() -> dict[str, list[dict[str, Any]]]:
    with open(seed_path(), encoding="utf-8") as fh:
        return json.load(fh)
