"""What went wrong with a save, in German: what happened and what to do (pure, no Textual)."""

from __future__ import annotations

import errno
from pathlib import Path

from herford_tui.domain import ValidationError
from herford_tui.domain.merge import Clash
from herford_tui.store import ConflictError, SaveCancelled, StoreError

KEPT = "Ihre Eingaben stehen noch im Formular."
UPDATED = "herford-tui wurde während der Sitzung auf dem Server aktualisiert."
"""A module imported late came from a newer version than the running app (``ui/preload.py``)."""
RESTART = "Bitte neu starten; alles Gespeicherte ist erhalten."


def describe_failure(error: BaseException, path: Path) -> str:
    """One message for any failure of a save or delete; never claims more than is known."""
    if isinstance(error, SaveCancelled):
        return f"{error} {KEPT}"
    if isinstance(error, ValidationError):
        return "Nicht gespeichert: bitte die markierten Angaben prüfen. " + KEPT
    if isinstance(error, Clash):  # a colleague's change of the same part (``Store.save_change``)
        by = f" (zuletzt geändert von {error.by})" if error.by else ""
        return f"Nicht gespeichert{by}: {error} {KEPT}"
    if isinstance(error, ConflictError | StoreError):
        said = str(error)
        lead = "" if said.startswith(("Speichern nicht möglich", "Nicht gespeichert")) else "Nicht gespeichert: "
        return f"{lead}{said} {KEPT}"
    if isinstance(error, ImportError):
        return f"Nicht gespeichert: {UPDATED} {KEPT} Bitte die Eingaben notieren und herford-tui neu starten."
    if isinstance(error, OSError):
        return f"Nicht gespeichert: {_os_error(error, path)} {KEPT}"
    # A bug, not the user's fault: say so plainly; the input is still there to retry or copy.
    return (
        f"Nicht gespeichert: unerwarteter Fehler ({type(error).__name__}: {error}). {KEPT} "
        "Bitte den Fehler dem Bildungsbüro melden."
    )


def _os_error(error: OSError, path: Path) -> str:
    where = f"{path} (oder sein Ordner)"
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return (
            f"Keine Schreibrechte für {where}. Die Datei ist unverändert. "
            "Bitte die Rechte prüfen lassen (Gruppe der Berechtigten, z. B. bildungsbuero)."
        )
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"Kein Platz mehr auf dem Datenträger von {path.parent}. Die Datei ist unverändert. "
            "Bitte Platz schaffen lassen und dann noch einmal speichern."
        )
    if error.errno == errno.EROFS:
        return f"Der Datenträger von {path.parent} ist schreibgeschützt. Die Datei ist unverändert."
    if isinstance(error, FileNotFoundError):
        return f"Die Datenbank {where} ist nicht mehr da (verschoben oder gelöscht?). Bitte den Speicherort prüfen."
    detail = error.strerror or str(error)
    return f"Schreibfehler bei {where}: {detail}. Die Datei ist unverändert; bitte noch einmal versuchen."
