"""What can go wrong with the database file, each said in German for the staff."""

from __future__ import annotations

import errno
import os
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

    def __init__(self, mine: Record, theirs: Record | None, by: str | None = None):
        self.mine = mine
        self.theirs = theirs
        self.by = by
        """Who made the colleague's change, when the audit log tells (``Store`` fills it in)."""
        if theirs is None:
            self.changed: list[str] = []
        else:
            self.changed = [
                name
                for name in vars(theirs)
                if name not in ("rev",) and getattr(theirs, name) != getattr(mine, name, None)
            ]
        super().__init__(self._message())

    GONE = "Nichts wurde gespeichert."
    """How the message ends when the colleague deleted the record."""
    CHANGED = "Abweichend: {fields}. Nichts wurde überschrieben."
    """How it ends when the colleague changed it (``fields``: the changed fields' labels)."""

    def _message(self) -> str:
        if self.theirs is None:
            return f"Der Eintrag wurde inzwischen von {self._someone()} gelöscht. {self.GONE}"
        fields = ", ".join(FIELD.get(n, n) for n in self.changed) or "keine Felder"
        return (
            f"{self._who()} hat diesen Eintrag inzwischen geändert "
            f"(Version {self.theirs.rev}, Ihre Vorlage war Version {self.mine.rev}). "
            + self.CHANGED.format(fields=fields)
        )

    def _someone(self) -> str:
        """The colleague after "von" (``_who``: opening a sentence)."""
        return self.by or "jemand anderem"

    def _who(self) -> str:
        return self.by or "Jemand anderes"

    def named(self, by: str | None) -> None:
        """Name the colleague who made the change (from the audit log) in the message."""
        if by:
            self.by = by
            self.args = (self._message(),)


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


class DeleteConflictError(ConflictError):
    """A delete met a colleague's newer version (or a record already gone); nothing was deleted.

    ``theirs`` is the colleague's version (``None`` when it was deleted meanwhile);
    ``Store.delete(record, force=True)`` deletes that current version if it still exists.
    """

    GONE = "Es gibt nichts mehr zu löschen."
    CHANGED = "Geändert: {fields}. Nichts wurde gelöscht."

    def __str__(self) -> str:
        return str(self.args[0])


class NotADatabaseError(StoreError):
    """The path holds something that is not a herford-tui database; it was neither read on nor changed."""

    def __init__(self, path: Path, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(
            f"{path} ist keine herford-tui-Datenbank: {problem}. Die Datei wurde nicht verändert. "
            "Bitte den Pfad prüfen (--db oder $HERFORD_TUI_DB)."
        )


READ_ONLY_OPTION = "mit --read-only gestartet"
"""The reason when the user chose to only read: then the way to edit is their own, not the admin's."""


class ReadOnlyError(StoreError):
    """A write was asked of a store opened read-only (or on a file the user may not write)."""

    def __init__(self, path: Path, reason: str = ""):
        self.path = path
        why = f" (weil {reason})" if reason else ""
        advice = (
            "Zum Bearbeiten herford-tui ohne --read-only starten."
            if reason == READ_ONLY_OPTION
            else "Für Änderungen bitte die Schreibrechte von der Verwaltung des Servers geben lassen."
        )
        super().__init__(f"Die Datenbank {path} ist nur lesbar geöffnet{why}. Nichts wurde gespeichert. {advice}")


class FileSystemError(StoreError):
    """An operating-system error, said in German: what happened and what to do."""

    def __init__(self, message: str, errno_: int | None = None):
        self.errno = errno_
        super().__init__(message)


class DiskFullError(FileSystemError):
    """No space left on the disk or the user's quota is used up."""


class PermissionDeniedError(FileSystemError):
    """The user may not read or write the file or its folder."""


class ReadOnlyFileSystemError(FileSystemError):
    """The file system is mounted read-only."""


class FileVanishedError(FileSystemError):
    """The file or its folder disappeared while in use."""


class LockTimeoutError(StoreError):
    def __init__(self, lock_path: Path, seconds: float):
        self.lock_path = lock_path
        super().__init__(
            f"Die Datenbank ist seit {seconds:.0f} s von einem anderen Vorgang gesperrt "
            f"({lock_path}). Nichts wurde gespeichert. Bitte gleich noch einmal versuchen; "
            "bleibt die Sperre, hängt vermutlich ein anderes herford-tui-Fenster."
        )


def os_error(exc: OSError, path: Path, doing: str) -> FileSystemError:
    """The German store error for ``exc``, raised while ``doing`` (e.g. "Speichern") at ``path``.

    ``path`` is the file the user knows (the database); the message names the folder
    when the folder, not the file, is what refused.
    """
    code = exc.errno
    folder = path.parent
    target = Path(exc.filename) if isinstance(exc.filename, str) else path
    nothing = "Die Datenbank wurde nicht verändert."
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return DiskFullError(
            f"{doing} nicht möglich: Auf dem Datenträger von {folder} ist kein Platz mehr (oder das "
            f"Kontingent ist erschöpft). {nothing} Bitte Platz schaffen lassen und noch einmal versuchen.",
            code,
        )
    if code in (errno.EACCES, errno.EPERM):
        what = f"die Datei {target}" if _is_file(target) else f"den Ordner {_folder_of(target, folder)}"
        return PermissionDeniedError(
            f"{doing} nicht möglich: Keine Berechtigung für {what}. {nothing} Bitte die Rechte "
            "(Gruppe des Bildungsbüros, Schreibrecht) von der Verwaltung des Servers prüfen lassen.",
            code,
        )
    if code == errno.EROFS:
        return ReadOnlyFileSystemError(
            f"{doing} nicht möglich: Das Dateisystem von {folder} ist schreibgeschützt. {nothing} "
            "Bitte die Verwaltung des Servers fragen oder eine Datei an einem beschreibbaren Ort wählen.",
            code,
        )
    if code in (errno.ENOENT, errno.ESTALE):
        return FileVanishedError(
            f"{doing} nicht möglich: {target} ist verschwunden (gelöscht, umbenannt oder das Laufwerk "
            "getrennt). Bitte prüfen, ob die Datei noch da ist, und herford-tui neu starten.",
            code,
        )
    if code == errno.ENOTDIR:
        return FileSystemError(
            f"{doing} nicht möglich: Ein Teil des Pfads {path} ist kein Ordner. Bitte den Pfad prüfen.", code
        )
    if code == errno.EIO:
        return FileSystemError(
            f"{doing} nicht möglich: Ein-/Ausgabefehler des Datenträgers bei {target}. {nothing} "
            "Bitte die Verwaltung des Servers informieren.",
            code,
        )
    detail = errno.errorcode.get(code, str(code)) if code else type(exc).__name__
    return FileSystemError(
        f"{doing} nicht möglich: Fehler des Betriebssystems bei {target} (Fehler {detail}). "
        f"{nothing} Bitte die Verwaltung des Servers informieren.",
        code,
    )


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _folder_of(target: Path, folder: Path) -> Path:
    try:
        return target if target.is_dir() else folder
    except OSError:
        return folder


_REASONS = {
    errno.ENOENT: "Datei oder Ordner gibt es nicht",
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.ENOSPC: "kein Platz mehr auf dem Datenträger",
    errno.EDQUOT: "Kontingent erschöpft",
    errno.EROFS: "Datenträger schreibgeschützt",
    errno.EISDIR: "ist ein Ordner",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
    errno.ENAMETOOLONG: "Name zu lang",
    errno.EEXIST: "gibt es schon",
    errno.EIO: "Ein-/Ausgabefehler des Datenträgers",
    errno.EADDRINUSE: "die Adresse ist schon belegt",
    errno.EADDRNOTAVAIL: "die Adresse gibt es auf diesem Rechner nicht",
}


def not_written(path: Path, exc: OSError) -> str:
    """Why a file the user asked for (an export, a document, an invitation, a calendar) was not
    written, in German. A file that appeared after the user was asked (or after the program
    looked) is never overwritten: nobody agreed to replace it."""
    if isinstance(exc, FileExistsError):
        return f"{path} ist inzwischen entstanden und bleibt unverändert."
    return f"{path} lässt sich nicht schreiben ({os_reason(exc)})."


def target_problem(path: Path) -> str | None:
    """Why a file the user typed (a document, an invitation) cannot be written there, found before
    anything is rendered or asked: a folder named as the file, its folder missing, no folder, or
    not writable. None: try it; the write may still fail (``not_written`` then says why)."""
    try:
        if path.is_dir():
            return f"{path} ist ein Ordner; bitte einen Dateinamen angeben."
        folder = path.parent
        if not folder.exists():
            return f"Den Ordner {folder} gibt es nicht; bitte einen vorhandenen Ordner angeben."
        if not folder.is_dir():
            return f"{folder} ist kein Ordner; bitte einen vorhandenen Ordner angeben."
        if not os.access(folder, os.W_OK | os.X_OK):
            return (
                f"In den Ordner {folder} darf nicht geschrieben werden (keine Berechtigung); "
                "bitte einen anderen angeben."
            )
    except OSError as exc:  # a part of the path unreadable, a name too long
        return not_written(path, exc)
    return None


def os_reason(exc: OSError) -> str:
    """Why a file the user named (an export, a document, an import) failed, in a few German
    words for a message's brackets: the system's own text is English ("No such file or
    directory") and ended up in otherwise German messages."""
    reason = _REASONS.get(exc.errno or 0)
    if reason:
        return reason
    detail = errno.errorcode.get(exc.errno, str(exc.errno)) if exc.errno else type(exc).__name__
    return f"Fehler des Betriebssystems {detail}"
