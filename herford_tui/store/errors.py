"""What can go wrong with the database file, each said in German for the staff."""

from __future__ import annotations

from pathlib import Path

from herford_tui.domain.labels import FIELD
from herford_tui.domain.models import Record


class StoreError(Exception):
    """Base of every store error; ``str()`` is a German message for the user."""


class CorruptFileError(StoreError):
    def __init__(self, path: Path, problem: str, backups: list[Path] | None = None):
        self.path = path
        self.problem = problem
        self.backups = backups or []
        hint = (
            f" Letzte lesbare Sicherung: {self.backups[0]} (mit „herford-tui check“ prüfen, "
            f"dann die Datei durch die Sicherung ersetzen)."
            if self.backups
            else " Es gibt keine lesbare Sicherung."
        )
        super().__init__(f"Die Datenbank {path} ist nicht lesbar: {problem}. Die Datei wurde nicht verändert.{hint}")


class SchemaTooNewError(StoreError):
    def __init__(self, path: Path, found: int, supported: int):
        super().__init__(
            f"Die Datenbank {path} hat das Format {found}, dieses Programm kennt nur bis {supported}. "
            f"Bitte herford-tui aktualisieren."
        )


class ConflictError(StoreError):
    """Someone saved the same record since it was read; nothing was written."""

    def __init__(self, mine: Record, theirs: Record | None):
        self.mine = mine
        self.theirs = theirs
        if theirs is None:
            self.changed: list[str] = []
            message = "Der Eintrag wurde inzwischen von jemand anderem gelöscht. Nichts wurde gespeichert."
        else:
            self.changed = [
                name
                for name in vars(theirs)
                if name not in ("rev",) and getattr(theirs, name) != getattr(mine, name, None)
            ]
            fields = ", ".join(FIELD.get(n, n) for n in self.changed) or "keine Felder"
            message = (
                "Jemand anderes hat diesen Eintrag inzwischen geändert "
                f"(Version {theirs.rev}, Ihre Vorlage war Version {mine.rev}). "
                f"Abweichend: {fields}. Nichts wurde überschrieben."
            )
        super().__init__(message)


class InUseError(StoreError):
    def __init__(self, references: list[str]):
        self.references = references
        super().__init__("Löschen nicht möglich: " + "; ".join(references) + ".")


class SaveCancelled(StoreError):
    """The user gave up waiting for the file lock; nothing was written."""

    def __init__(self) -> None:
        super().__init__("Speichern abgebrochen, während die Datenbank gesperrt war. Nichts wurde gespeichert.")


class NotFoundError(StoreError):
    """The record asked for does not exist (any more)."""
