"""Whether this user may write the database file: else the app opens it read-only."""

from __future__ import annotations

import os
from pathlib import Path


def why_read_only(path: Path) -> str | None:
    """Why a save could not work, in German, or None when file and folder are writable.

    Both matter: a save replaces the file (folder must be writable), and a file
    without write permission (e.g. 0440) is meant to stay as it is even though the
    folder would allow replacing it.
    """
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        return f"keine Schreibrechte für die Datei {path}"
    folder = path.parent
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        return f"keine Schreibrechte für den Ordner {folder}"
    return None
