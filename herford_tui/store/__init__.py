"""The storage layer: the only code that touches TinyDB and the database file."""

# Readers of the log go through ``log_reader``, which finishes an interrupted erasure first; the
# app's start reads no log and so imports neither it nor the DSGVO modules.
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
    SaveCancelled,
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
    "SaveCancelled",
    "SchemaTooNewError",
    "Store",
    "StoreError",
]
