"""The database file on disk: lock, atomic replace, backups, cheap change detection."""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import re
import shutil
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from herford_tui.store.codec import TABLES
from herford_tui.store.errors import (
    CorruptFileError,
    FileVanishedError,
    LockTimeoutError,
    NotADatabaseError,
    SaveCancelled,
    StoreError,
    os_error,
)
from herford_tui.store.migrations import META

if TYPE_CHECKING:  # filelock is imported with the first lock: a start that only reads needs none
    from filelock import FileLock

FILE_MODE = 0o660
"""A new database: the group may read and write (shared office server), others get nothing."""
FOLDER_MODE = 0o2770
"""Folders the app creates: setgid (new files inherit the group), group-shared, never world-accessible."""
SHARE_MASK = 0o660
"""A replaced file keeps its own mode within these bits: never wider, never world-accessible."""

LOCK_TIMEOUT = 30.0
LOCK_POLL = 0.005
"""filelock polls a taken lock; its default 50 ms would add up to a queue of colleagues' saves."""
MAX_MB_ENV = "HERFORD_TUI_MAX_MB"
MAX_BYTES = 256 * 1024 * 1024
"""Larger files are refused before reading (x10 demo data is ~60 MB); $HERFORD_TUI_MAX_MB overrides."""
CANCEL_CHECK = 0.1
"""How often a save waiting for the lock looks whether it was cancelled (Esc, quitting)."""

StatKey = tuple[int, int, int]
"""(inode, size, mtime in ns): changes with every write, see ``DatabaseFile.write``."""

_KINDS = (
    (stat.S_ISDIR, "ein Ordner"),
    (stat.S_ISFIFO, "eine FIFO (Named Pipe)"),
    (stat.S_ISCHR, "ein Gerät (zeichenorientiert)"),
    (stat.S_ISBLK, "ein Gerät (blockorientiert)"),
    (stat.S_ISSOCK, "ein Socket"),
)


def max_bytes() -> int:
    """The size limit: ``$HERFORD_TUI_MAX_MB`` if set to a positive number, else ``MAX_BYTES``."""
    value = os.environ.get(MAX_MB_ENV, "").strip()
    try:
        megabytes = float(value) if value else 0.0
    except ValueError:
        megabytes = 0.0
    return int(megabytes * 1024 * 1024) if megabytes > 0 else MAX_BYTES


def not_regular(st: os.stat_result) -> str | None:
    """What the path is if it is not a regular file (read on, a FIFO would block forever)."""
    if stat.S_ISREG(st.st_mode):
        return None
    kind = next((name for test, name in _KINDS if test(st.st_mode)), "keine gewöhnliche Datei")
    return f"das ist {kind}, keine gewöhnliche Datei"


def read_regular_file(path: Path, doing: str = "Lesen") -> tuple[bytes, os.stat_result]:
    """The bytes of ``path`` if it is a regular file within the size limit; German errors otherwise.

    The path is looked at with ``stat`` before it is opened, and opened non-blocking,
    so a FIFO or a device is refused at once instead of hanging the app.
    """
    try:
        st = os.stat(path)
        problem = not_regular(st)
        if problem:
            raise NotADatabaseError(path, problem)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise FileVanishedError(
            f"Die Datenbank {path} gibt es nicht (mehr). Bitte prüfen, ob sie umbenannt, verschoben oder "
            "gelöscht wurde, und herford-tui neu starten.",
            errno.ENOENT,
        ) from None
    except OSError as exc:
        raise os_error(exc, path, doing) from None
    try:
        st = os.fstat(fd)  # the file opened, not what the path pointed at a moment ago
        problem = not_regular(st)
        if problem:
            raise NotADatabaseError(path, problem)
        limit = max_bytes()
        if st.st_size > limit:
            raise NotADatabaseError(
                path,
                f"die Datei ist {_megabytes(st.st_size)} groß, erlaubt sind höchstens {_megabytes(limit)} "
                f"(einstellbar mit ${MAX_MB_ENV})",
            )
        with os.fdopen(fd, "rb", closefd=False) as fh:
            # The file's size and one byte more (to see that it grew meanwhile): a read of the
            # limit's size first allocates that much (256 MB) and copies what it read into a
            # smaller buffer at the end (x1: 13 ms for a read of 1.5 ms, at every open).
            raw = fh.read(st.st_size + 1)
            if len(raw) > st.st_size:  # it grew while we read: on up to the limit, as before
                raw += fh.read(limit + 1 - len(raw))
    except OSError as exc:
        raise os_error(exc, path, doing) from None
    finally:
        os.close(fd)
    if len(raw) > limit:  # grew while we read
        raise NotADatabaseError(path, f"die Datei ist größer als {_megabytes(limit)}")
    return raw, st


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def create_folder(folder: Path, mode: int = FOLDER_MODE) -> None:
    """Create ``folder`` and missing parents as ``mode`` (2770), whatever the umask; German errors."""
    missing: list[Path] = []
    probe = folder
    try:
        while not probe.exists() and probe != probe.parent:
            missing.append(probe)
            probe = probe.parent
    except OSError as exc:
        raise os_error(exc, probe / "x", "Anlegen des Ordners") from None
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue  # a colleague made it first; its mode is theirs
        except OSError as exc:
            raise os_error(exc, path / "x", "Anlegen des Ordners") from None
        try:
            os.chmod(path, mode)
        except OSError as exc:
            raise os_error(exc, path / "x", "Anlegen des Ordners") from None


class DatabaseFile:
    def __init__(self, path: Path, *, backups: int = 5):
        self.path = Path(path)
        self.backups = backups
        self.lock_path = self.path.with_name(self.path.name + ".lock")

    # -- reading -----------------------------------------------------------------
    def stat_key(self) -> StatKey | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise os_error(exc, self.path, "Lesen") from None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def exists(self) -> bool:
        """Whether anything is at the path (a FIFO too: it must be refused, not replaced)."""
        try:
            os.lstat(self.path)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise os_error(exc, self.path, "Öffnen") from None
        return True

    def read(self) -> tuple[dict[str, Any], StatKey]:
        """Parse the file. Readers take no lock: writers replace the file atomically."""
        raw, key = self.read_bytes()
        return self.parse(raw), key

    def read_bytes(self) -> tuple[bytes, StatKey]:
        """The file's bytes and the version they are (``stat_key``), not parsed."""
        raw, st = read_regular_file(self.path)
        return raw, (st.st_ino, st.st_size, st.st_mtime_ns)

    def parse(self, raw: bytes) -> dict[str, Any]:
        """The file's bytes as data, or the German error that says what is wrong with them."""
        return parse(raw, self.path, self.readable_backups)

    def backup_paths(self) -> list[Path]:
        return [self.path.with_name(f"{self.path.name}.{i}.bak") for i in range(1, self.backups + 1)]

    def readable_backups(self) -> list[Path]:
        found = []
        for candidate in self.backup_paths():
            try:
                parse(read_regular_file(candidate)[0], candidate, list)
            except StoreError:
                continue
            found.append(candidate)
        return found

    # -- permissions -------------------------------------------------------------
    def write_problem(self) -> str | None:
        """Why this user may not write the database, as a German clause after "weil", or None if they may.

        A file without any write bit counts as write-protected even for root, who
        could write it anyway; the folder must allow the temp file, rename and lock.
        """
        folder = self.path.parent
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            st = None
        except OSError:
            return "die Datei nicht zugänglich ist"
        if st is not None:
            if not st.st_mode & 0o222:
                return "die Datei schreibgeschützt ist"
            if not os.access(self.path, os.W_OK):
                return "die Schreibberechtigung für die Datei fehlt"
            if not os.access(folder, os.W_OK | os.X_OK):
                return f"die Schreibberechtigung für den Ordner {folder} fehlt"
        return None

    def file_mode(self) -> int:
        """The mode a new version (and its lock file and backups) gets: the file's own, never wider."""
        try:
            return stat.S_IMODE(os.stat(self.path).st_mode) & SHARE_MASK
        except OSError:
            return FILE_MODE

    # -- writing -----------------------------------------------------------------
    @contextlib.contextmanager
    def locked(
        self, *, cancel: threading.Event | None = None, on_wait: Callable[[], None] | None = None
    ) -> Iterator[None]:
        """Hold the file lock. ``on_wait`` is called once if another process holds it;
        setting ``cancel`` while waiting gives up with ``SaveCancelled``."""
        from filelock import FileLock, Timeout

        mode = self.file_mode()
        self._prepare_lock_file(mode)
        lock = FileLock(self.lock_path, timeout=LOCK_TIMEOUT, mode=mode, thread_local=False)
        try:
            _acquire(lock, cancel, on_wait)
        except Timeout:
            raise LockTimeoutError(self.lock_path, LOCK_TIMEOUT) from None
        except OSError as exc:
            raise os_error(exc, self.path, "Sperren der Datenbank") from None
        try:
            yield
        finally:
            lock.release()

    def _prepare_lock_file(self, mode: int) -> None:
        """The lock file never has wider rights than the database (it tells who works when)."""
        try:
            fd = os.open(self.lock_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
        except FileExistsError:
            _narrow(self.lock_path, mode)
            return
        except OSError as exc:
            raise os_error(exc, self.path, "Sperren der Datenbank") from None
        try:
            with contextlib.suppress(OSError):
                os.fchmod(fd, mode)
                self._keep_group(fd)
        finally:
            os.close(fd)

    def write(self, data: dict[str, Any] | bytes | list[bytes | memoryview]) -> StatKey:
        """Replace the file with ``data``: temp file, fsync, rename, fsync of the folder.

        ``data`` may come encoded already, whole or in pieces written one after the other (the
        store splices changed records between unchanged bytes: no copy of the whole file).
        Must be called while holding ``locked()``. A reader sees the old or the new
        file, never a mix; a writer killed at any point leaves one of the two. Any
        OS error becomes a German ``FileSystemError``; the old file stays as it was.
        """
        payload = encode_json(data) if isinstance(data, dict) else data
        try:
            return self._replace(payload)
        except OSError as exc:
            raise os_error(exc, self.path, "Speichern") from None

    def _replace(self, payload: bytes | list[bytes | memoryview]) -> StatKey:
        folder = self.path.parent
        mode = self.file_mode()
        self._remove_stale_temp_files()
        # os.urandom, not secrets: importing secrets costs every start 3 ms for a temp file name
        tmp = folder / f".{self.path.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                os.fchmod(fh.fileno(), mode)  # the file's own mode; the umask must not change it
                self._keep_group(fh.fileno())
                for piece in [payload] if isinstance(payload, bytes) else payload:
                    fh.write(piece)
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
        for backup in self.backup_paths():
            _narrow(backup, mode)
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
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
                raise
            shutil.copy2(self.path, paths[0])

    def _remove_stale_temp_files(self) -> None:
        """Temp files of writers that were killed mid-save; only removed under the lock."""
        for stale in self.path.parent.glob(f".{self.path.name}.tmp-*"):
            with contextlib.suppress(OSError):
                stale.unlink()


def _narrow(path: Path, mode: int) -> None:
    """Take away rights ``path`` has beyond ``mode`` (a backup of a once wider file, an old lock)."""
    with contextlib.suppress(OSError):
        current = stat.S_IMODE(os.stat(path).st_mode)
        if current & ~mode:
            os.chmod(path, current & mode)


BAD_CHARACTER = (
    "Ein Text enthält ein ungültiges Zeichen (falsche Zeichenkodierung des Terminals?). "
    "Bitte das Zeichen löschen und neu eingeben. Nichts wurde gespeichert."
)


def encode_json(data: dict[str, Any]) -> bytes:
    """The file's bytes: compact UTF-8 JSON, the same bytes ``json.dumps`` gave before orjson."""
    try:
        return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError as exc:
        if "surrogates" in str(exc):
            # e.g. a terminal with the wrong locale sent bytes that Python kept as lone surrogates
            raise StoreError(BAD_CHARACTER) from None
        if "recursion" in str(exc).lower():
            raise StoreError("Ein Wert ist zu tief verschachtelt. Nichts wurde gespeichert.") from None
        raise StoreError(f"Ein Wert lässt sich nicht speichern ({exc}). Nichts wurde gespeichert.") from None


def encode_json_stdlib(data: dict[str, Any]) -> bytes:
    """The encoder before orjson, kept to show both write the same file (see the tests)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


JSON_ERRORS = (
    ("Expecting value", "Wert erwartet (Datei abgeschnitten?)"),
    ("Expecting property name", "Feldname erwartet"),
    ("Expecting ',' delimiter", "Komma erwartet"),
    ("Expecting ':' delimiter", "Doppelpunkt erwartet"),
    ("Unterminated string", "Text nicht abgeschlossen"),
    ("Extra data", "überzählige Zeichen nach dem Ende"),
    ("Invalid control character", "unerlaubtes Steuerzeichen"),
)


ORJSON_ERRORS = (
    ("depth limit exceeded", "zu tief verschachtelt"),
    ("no low surrogate", "ungültiges Zeichen (einzelnes Surrogat)"),
    ("unexpected end of data", "Wert erwartet (Datei abgeschnitten?)"),
    ("number is infinity", "Zahl zu groß"),
    ("unexpected character, expected a JSON value", "Wert erwartet"),
)


@contextlib.contextmanager
def gc_paused(*, freeze: bool = False, keep: bool = False) -> Iterator[None]:
    """Parsing makes ~10^6 objects and no cycles; with a big heap already there (the app's last
    snapshot), the collector's passes triggered by them cost more than the parse itself.

    ``freeze``: the objects made stay for long (a whole snapshot). They are moved straight into
    the oldest generation (freeze, then unfreeze: list splicing, no traversal) instead of being
    traversed by the young collections the collector would run next (0.2-0.3 s at x10). They are
    not kept frozen: in a process that opens many stores (tests, commands) frozen cyclic garbage
    would never be freed. The app freezes its start state for good, once per process (app.py).

    ``keep``: frozen for good (what only the app makes, which keeps its snapshots frozen): the
    unfreeze would hand everything frozen so far back to the oldest generation, the whole
    snapshot the app froze included, and the next full passes would walk it (x10: 0.1-0.46 s).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if freeze:
                gc.freeze()
                if not keep:
                    gc.unfreeze()
            gc.enable()


def _german_parse_error(
    raw: bytes, exc: orjson.JSONDecodeError, path: Path, fail: Callable[[str], CorruptFileError]
) -> StoreError:
    """The German words for what orjson refused: those the stdlib parser's messages always had.

    Only a broken file takes this path, so parsing it again with ``json`` costs nothing
    in daily use and keeps the messages (and the tests that pin them) as they were.
    """
    if exc.msg.startswith("depth limit exceeded"):
        return NotADatabaseError(path, "die Datei ist zu tief verschachtelt")
    try:
        json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as bad:
        return fail(f"keine UTF-8-Textdatei (Byte {bad.start})")
    except json.JSONDecodeError as bad:
        what = next((german for english, german in JSON_ERRORS if bad.msg.startswith(english)), bad.msg)
        return fail(f"JSON-Fehler in Zeile {bad.lineno}, Spalte {bad.colno}: {what}")
    except RecursionError:
        return NotADatabaseError(path, "die Datei ist zu tief verschachtelt")
    # Accepted by json but not by orjson (NaN, 1e999, a lone surrogate escape): still not our data.
    what = next((german for english, german in ORJSON_ERRORS if exc.msg.startswith(english)), "ungültiger Wert")
    return fail(f"JSON-Fehler in Zeile {exc.lineno}, Spalte {exc.colno}: {what}")


KNOWN_TABLES = frozenset(TABLES.values())
_OBJECT_KEY = re.compile(rb'"[0-9]+"\s*:\s*\{')
"""A member with a numeric key and an object value: each record (and the meta entry) is one."""


def parse(raw: bytes, path: Path, backups: Callable[[], list[Path]] | type[list]) -> dict[str, Any]:
    """Decode the file's bytes or raise a German error saying what is wrong.

    ``CorruptFileError`` (naming readable backups) for a damaged file,
    ``NotADatabaseError`` for a file that is well-formed but not ours: it has no
    ``meta`` table and is not recognisably an old herford-tui file either.
    """

    def fail(problem: str) -> CorruptFileError:
        return CorruptFileError(path, problem, backups() if callable(backups) else [])

    if not raw.strip():
        raise fail(f"die Datei ist leer ({len(raw)} Byte)")
    try:
        with gc_paused():
            data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _german_parse_error(raw, exc, path, fail) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise fail("die Datei hat nicht den Aufbau einer herford-tui-Datenbank")
    problem = structure_problem(data)
    if problem:
        raise fail(problem)
    foreign = foreign_problem(data)
    if foreign:
        raise NotADatabaseError(path, foreign)
    duplicate = _duplicate_key(raw, data)
    if duplicate:
        raise fail(duplicate)
    return data


def foreign_problem(data: dict[str, Any]) -> str | None:
    """Why a well-formed file is not a herford-tui database (None if it is one, old or new).

    Ours has a ``meta`` table with the schema number. A file without it counts as
    the old format 0 only if it has at least one of our tables and nothing else but
    TinyDB's empty default table: ``{}``, another program's JSON or TinyDB file
    (records in ``_default`` or tables of its own) are not ours.
    """
    if META in data:
        return None
    if not data:
        return "die Datei ist leer ({}), ohne Tabellen und ohne Formatangabe (meta)"
    unknown = sorted(name for name in set(data) - KNOWN_TABLES if name != "_default" or data[name])
    if unknown:
        names = ", ".join(f"„{name}“" for name in unknown[:5])
        return (
            f"{'unbekannte Tabelle' if len(unknown) == 1 else 'unbekannte Tabellen'} {names} und keine "
            "Formatangabe (meta), vermutlich die Datei eines anderen Programms"
        )
    if not KNOWN_TABLES & set(data):
        return "keine bekannte Tabelle und keine Formatangabe (meta)"
    return _foreign_fields(data)


def _foreign_fields(data: dict[str, Any]) -> str | None:
    """A file without meta with a record that has none of the fields of a herford-tui record,
    only others: another program's TinyDB file that happens to have a table called ``persons``
    (never migrated). A record with some of ours and a few others is an old file of ours (a
    field since removed is ignored when it is read)."""
    import dataclasses

    for cls, table in TABLES.items():
        allowed = {f.name for f in dataclasses.fields(cls)} | {"rev", "created", "modified"}
        for doc in data.get(table, {}).values():
            unknown = sorted(set(doc) - allowed) if isinstance(doc, dict) else []
            if unknown and not set(doc) & allowed:
                names = ", ".join(f"„{name}“" for name in unknown[:5])
                return (
                    f"die Tabelle „{table}“ hat Felder, die herford-tui nicht kennt ({names}), und keine "
                    "Formatangabe (meta), vermutlich die Datei eines anderen Programms"
                )
    return None


def _duplicate_key(raw: bytes, data: dict[str, Any]) -> str | None:
    """A record number that appears twice in one table (JSON keeps only the last one silently).

    Counting the numeric keys in the raw text is cheap (~0.1 s for 60 MB); only when the
    count exceeds the records parsed is the file read again to name the duplicate.
    """
    records = sum(len(table) for table in data.values())
    if len(_OBJECT_KEY.findall(raw)) <= records:
        return None
    found: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items) and not found:
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    found.append(key)
                    break
                seen.add(key)
        return result

    json.loads(raw.decode("utf-8"), object_pairs_hook=pairs)
    if not found:
        return None  # numeric keys inside records, not a second record
    key = found[0]
    if key.isdigit():
        return f"die Eintragsnummer {key} kommt in einer Tabelle doppelt vor (nur einer der Einträge würde gelesen)"
    return f"das Feld „{key}“ kommt in einem Eintrag doppelt vor"


def structure_problem(data: dict[str, Any]) -> str | None:
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


def _acquire(lock: FileLock, cancel: threading.Event | None, on_wait: Callable[[], None] | None) -> None:
    """Short tries in a loop instead of one long wait when someone may give up: a user who
    cancels, or quits the app, must not wait until a colleague's save is done."""
    from filelock import Timeout

    if cancel is None and on_wait is None:
        lock.acquire(poll_interval=LOCK_POLL)
        return
    deadline = time.monotonic() + LOCK_TIMEOUT
    first = True
    while True:
        if cancel is not None and cancel.is_set():
            raise SaveCancelled()
        try:
            lock.acquire(timeout=0 if first else CANCEL_CHECK, poll_interval=LOCK_POLL)
            return
        except Timeout:
            if first and on_wait is not None:
                on_wait()
            first = False
            if time.monotonic() >= deadline:
                raise


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ExistsError(FileExistsError):
    """The target file exists and overwriting was not asked for."""


def write_atomic(
    path: Path,
    data: bytes | Iterable[bytes | memoryview],
    *,
    mode: int = FILE_MODE,
    overwrite: bool = True,
    group_of: Path | None = None,
) -> None:
    """The one atomic write for every file the program keeps or hands out beside the database.

    Temp file in the same folder (created 0600, then ``mode`` whatever the umask), fsync,
    one rename (or a link without ``overwrite``, which fails if the file appeared meanwhile),
    fsync of the folder: a reader or a crash never sees half a file. ``group_of`` keeps the
    group of that file (the database's), so colleagues of the office group can read it.
    """
    path = Path(path)
    if not overwrite and path.exists():
        raise ExistsError(str(path))
    # os.urandom, not secrets: importing secrets costs every start 3 ms for a temp file name
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            if group_of is not None:
                with contextlib.suppress(OSError):
                    os.fchown(fh.fileno(), -1, os.stat(group_of).st_gid)
            for piece in [data] if isinstance(data, bytes | bytearray) else data:
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ExistsError(str(path)) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    _fsync_dir(path.parent)
