"""The storage layer: the only code that touches TinyDB and the database file."""

from herford_tui.store.errors import (
    ConflictError,
    CorruptFileError,
    DeleteConflictError,
    DiskFullError,
    FileSystemError,
    FileVanishedError,
    InUseError,
    LockTimeoutError,
    NotADatabaseError,
    NotFoundError,
    PermissionDeniedError,
    ReadOnlyError,
    ReadOnlyFileSystemError,
    SchemaTooNewError,
    StoreError,
)
from herford_tui.store.store import Follow, Store

__all__ = [
    "ConflictError",
    "CorruptFileError",
    "DeleteConflictError",
    "DiskFullError",
    "FileSystemError",
    "FileVanishedError",
    "Follow",
    "InUseError",
    "LockTimeoutError",
    "NotADatabaseError",
    "NotFoundError",
    "PermissionDeniedError",
    "ReadOnlyError",
    "ReadOnlyFileSystemError",
    "SchemaTooNewError",
    "Store",
    "StoreError",
]
