"""The database file on disk: lock, atomic replace, backups, cheap change detection."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from herford_tui.store.errors import CorruptFileError, SaveCancelled, StoreError
from herford_tui.store.migrations import META

FILE_MODE = 0o660
"""Group may read and write (shared office server), others get nothing."""

LOCK_TIMEOUT = 30.0
LOCK_POLL = 0.1
"""How often a waiting save looks whether it was cancelled (Esc, quitting the app)."""

StatKey = tuple[int, int, int]
"""(inode, size, mtime in ns): changes with every write, see ``DatabaseFile.write``."""


class DatabaseFile:
    def __init__(self, path: Path, *, backups: int = 5):
        self.path = Path(path)
        self.backups = backups
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._lock = FileLock(self.lock_path, timeout=LOCK_TIMEOUT, mode=FILE_MODE, thread_local=False)

    # -- reading -----------------------------------------------------------------
    def stat_key(self) -> StatKey | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> tuple[dict[str, Any], StatKey]:
        """Parse the file. Readers take no lock: writers replace the file atomically."""
        try:
            with open(self.path, "rb") as fh:
                st = os.fstat(fh.fileno())
                raw = fh.read()
        except FileNotFoundError:
            raise StoreError(f"Die Datenbank {self.path} gibt es nicht.") from None
        except OSError as exc:
            raise CorruptFileError(self.path, f"Lesefehler ({exc.strerror})", self.readable_backups()) from None
        data = parse(raw, self.path, self.readable_backups)
        return data, (st.st_ino, st.st_size, st.st_mtime_ns)

    def backup_paths(self) -> list[Path]:
        return [self.path.with_name(f"{self.path.name}.{i}.bak") for i in range(1, self.backups + 1)]

    def readable_backups(self) -> list[Path]:
        found = []
        for candidate in self.backup_paths():
            try:
                parse(candidate.read_bytes(), candidate, list)
            except (OSError, CorruptFileError):
                continue
            found.append(candidate)
        return found

    # -- writing -----------------------------------------------------------------
    @contextlib.contextmanager
    def locked(
        self, *, cancel: threading.Event | None = None, on_wait: Callable[[], None] | None = None
    ) -> Iterator[None]:
        """Hold the file lock. ``on_wait`` is called once if another process holds it;
        setting ``cancel`` while waiting gives up with ``SaveCancelled``."""
        self._acquire(cancel, on_wait)
        try:
            yield
        finally:
            self._lock.release()

    def _acquire(self, cancel: threading.Event | None, on_wait: Callable[[], None] | None) -> None:
        # Short tries in a loop instead of one 30 s wait: a user who cancels, or quits the
        # app, must not wait until a colleague's save is done.
        deadline = time.monotonic() + LOCK_TIMEOUT
        first = True
        while True:
            if cancel is not None and cancel.is_set():
                raise SaveCancelled()
            try:
                self._lock.acquire(timeout=0 if first else LOCK_POLL, poll_interval=LOCK_POLL / 4)
                return
            except Timeout:
                if first and on_wait is not None:
                    on_wait()
                first = False
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"Die Datenbank ist seit {LOCK_TIMEOUT:.0f} s von einem anderen Vorgang gesperrt "
                        f"({self.lock_path}). Bitte gleich noch einmal versuchen."
                    ) from None

    def write(self, data: dict[str, Any]) -> StatKey:
        """Replace the file with ``data``: temp file, fsync, rename, fsync of the folder.

        Must be called while holding ``locked()``. A reader sees the old or the new
        file, never a mix; a writer killed at any point leaves one of the two.
        """
        try:
            payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except UnicodeEncodeError:
            # e.g. a terminal with the wrong locale sent bytes that Python kept as lone surrogates
            raise StoreError(
                "Ein Text enthält ein ungültiges Zeichen (falsche Zeichenkodierung des Terminals?). "
                "Bitte das Zeichen löschen und neu eingeben. Nichts wurde gespeichert."
            ) from None
        folder = self.path.parent
        self._remove_stale_temp_files()
        tmp = folder / f".{self.path.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)  # the umask must not take the group's write bit
            self._keep_group(fd)
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            previous = self.stat_key()
            # Every version gets a strictly later mtime, so (inode, size, mtime)
            # tells versions apart even if the inode number is reused at once.
            stamp = max(time.time_ns(), (previous[2] + 1) if previous else 0)
            os.utime(tmp, ns=(stamp, stamp))
            if previous is not None:
                self._rotate_backups()
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_dir(folder)
        key = self.stat_key()
        assert key is not None
        return key

    def _keep_group(self, fd: int) -> None:
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, os.stat(self.path).st_gid)

    def _rotate_backups(self) -> None:
        if self.backups <= 0:
            return
        paths = self.backup_paths()
        for older, newer in zip(reversed(paths[1:]), reversed(paths[:-1]), strict=True):
            if newer.exists():
                os.replace(newer, older)
        try:
            os.link(self.path, paths[0])
        except FileExistsError:
            paths[0].unlink()
            os.link(self.path, paths[0])
        except OSError:
            shutil.copy2(self.path, paths[0])

    def _remove_stale_temp_files(self) -> None:
        """Temp files of writers that were killed mid-save; only removed under the lock."""
        for stale in self.path.parent.glob(f".{self.path.name}.tmp-*"):
            with contextlib.suppress(OSError):
                stale.unlink()


JSON_ERRORS = (
    ("Expecting value", "Wert erwartet (Datei abgeschnitten?)"),
    ("Expecting property name", "Feldname erwartet"),
    ("Expecting ',' delimiter", "Komma erwartet"),
    ("Expecting ':' delimiter", "Doppelpunkt erwartet"),
    ("Unterminated string", "Text nicht abgeschlossen"),
    ("Extra data", "überzählige Zeichen nach dem Ende"),
    ("Invalid control character", "unerlaubtes Steuerzeichen"),
)


def parse(raw: bytes, path: Path, backups) -> dict[str, Any]:
    """Decode the file's bytes or raise ``CorruptFileError`` saying what is wrong."""

    def fail(problem: str):
        return CorruptFileError(path, problem, backups() if callable(backups) else [])

    if not raw.strip():
        raise fail(f"die Datei ist leer ({len(raw)} Byte)")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise fail(f"keine UTF-8-Textdatei (Byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        what = next((german for english, german in JSON_ERRORS if exc.msg.startswith(english)), exc.msg)
        raise fail(f"JSON-Fehler in Zeile {exc.lineno}, Spalte {exc.colno}: {what}") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise fail("die Datei hat nicht den Aufbau einer herford-tui-Datenbank")
    problem = _structure_problem(data)
    if problem:
        raise fail(problem)
    return data


def _structure_problem(data: dict[str, Any]) -> str | None:
    """The TinyDB layout is ``{table: {"<number>": {...}}}``; our meta table holds an integer schema."""
    for table, docs in data.items():
        for doc_id, doc in docs.items():
            if not (doc_id.isascii() and doc_id.isdigit()):
                return f"Tabelle „{table}“: „{doc_id}“ ist keine Eintragsnummer"
            if not isinstance(doc, dict):
                return f"Tabelle „{table}“, Eintrag {doc_id} ist kein Objekt"
    if META in data:
        head = data[META].get("1")
        schema = head.get("schema") if isinstance(head, dict) else None
        if type(schema) is not int or schema < 0:
            return f"die Formatangabe in der Tabelle „{META}“ fehlt oder ist ungültig"
        counters = head.get("counters", {})
        if not isinstance(counters, dict) or not all(type(v) is int for v in counters.values()):
            return f"die Zähler in der Tabelle „{META}“ sind ungültig"
    return None


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
