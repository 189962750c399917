"""Writing an exported file whole or not at all (used by the commands and the TUI alike)."""

from __future__ import annotations

from pathlib import Path

from herford_tui.store.files import write_atomic as _write_atomic


def write_atomic(path: Path, data: bytes) -> None:
    """The store's one atomic write, with the database's mode for files holding personal data."""
    _write_atomic(path, data)
