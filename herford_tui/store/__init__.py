"""The storage layer: the only code that touches TinyDB and the database file."""

from herford_tui.store.errors import (
    ConflictError,
    CorruptFileError,
    InUseError,
    NotFoundError,
    SaveCancelled,
    SchemaTooNewError,
    StoreError,
)
from herford_tui.store.store import Store

__all__ = [
    "ConflictError",
    "CorruptFileError",
    "InUseError",
    "NotFoundError",
    "SaveCancelled",
    "SchemaTooNewError",
    "Store",
    "StoreError",
]
