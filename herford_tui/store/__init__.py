"""The storage layer: the only code that touches TinyDB and the database file."""

# The inventory of personal files hooks into reading the log (an interrupted erasure is finished
# first); imported with the package so that no reader of the log can come before it.
from herford_tui.store import personal_files as personal_files
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
