"""The storage layer: the only code that touches TinyDB and the database file."""

from herford_tui.store.errors import (
    ConflictError,
    CorruptFileError,
    InUseError,
    NotFoundError,
    SchemaTooNewError,
    StoreError,
)
from herford_tui.store.store import Follow, Store

__all__ = [
    "ConflictError",
    "CorruptFileError",
    "Follow",
    "InUseError",
    "NotFoundError",
    "SchemaTooNewError",
    "Store",
    "StoreError",
]
