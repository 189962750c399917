"""The storage layer: the only code that touches TinyDB and the database file."""

# The inventory of personal files (``personal_files``) hooks into reading the log: an interrupted
# erasure is finished first. ``audit.read_entries`` imports it itself, so no reader of the log can
# come before it; the app's start, which reads no log, does not import it (nor the DSGVO modules).
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
