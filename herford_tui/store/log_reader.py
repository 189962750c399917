"""The audit log as people read it (``herford-tui log``, the change list, backups, Auskunft).

An erasure a killed program left unfinished is finished before the log is read, so no reader
sees the erased person's data. That step belongs to ``personal_files``, which itself writes the
log through ``audit``: the reader sits above both, so neither imports the other back.
"""

from __future__ import annotations

from pathlib import Path

from herford_tui.store.audit import Entry, stored_entries
from herford_tui.store.personal_files import finish_before_reading


def read_entries(db: Path) -> list[Entry]:
    """The log entries that belong to the database file as it is now (no lock needed)."""
    db = Path(db)
    finish_before_reading(db)
    return stored_entries(db)
