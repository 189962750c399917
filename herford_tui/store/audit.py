"""The audit log: who changed which record when, with the old and new value of each changed field.

It lives beside the database (``herford.json.log``), one JSON object a line, readable by the
group only (as the database). It is written in the same transaction as the database:

1. Under the file lock the store calls ``record`` with the data about to be written. It gives
   that data the next *version* (a counter in the meta table), appends one entry per changed
   record tagged with that version to the log, and fsyncs the log.
2. Only then does the store replace the database file.

A writer killed between 1 and 2 leaves entries whose version is beyond the file's. Readers ignore
them and the next writer cuts them off (under the lock) before appending, so the log holds exactly
the changes that are in the file: nothing more, nothing less.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from herford_tui.domain.models import Committee, Meeting, Membership, Organisation, Person, Record
from herford_tui.domain.snapshot import Snapshot
from herford_tui.store.codec import encode, table_of
from herford_tui.store.errors import StoreError, os_error
from herford_tui.store.files import FILE_MODE, DatabaseFile, read_regular_file, write_atomic
from herford_tui.store.migrations import META

VERSION = "version"
"""Key in the meta document: how many logged transactions the file has seen."""
CHUNK = 65536
ERASED = "[gelöscht]"
IGNORED_FIELDS = ("rev",)
EMPTY: tuple[Any, ...] = ("", None, [])

Entry = dict[str, Any]


def log_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".log")


def version_of(data: dict[str, Any]) -> int:
    head = data.get(META, {}).get("1", {})
    value = head.get(VERSION, 0) if isinstance(head, dict) else 0
    return value if type(value) is int else 0


def current_user() -> str:
    """The login name: on a shared server it tells the colleagues apart."""
    try:
        return getpass.getuser()
    except Exception:  # no USER/LOGNAME and no passwd entry (containers)
        try:
            return os.getlogin()
        except OSError:
            return f"uid {os.getuid()}"


# -- writing (under the lock) -------------------------------------------------------------------
def record(
    file: DatabaseFile,
    data: dict[str, Any],
    before: Snapshot,
    saved: Iterable[Record],
    deleted: Iterable[Record],
    *,
    action: str = "",
) -> int:
    """Log a transaction before ``data`` replaces the file: bump its version, append, fsync.

    Must be called while holding the file lock; returns the new version.
    """
    version = version_of(data) + 1
    stamp = {"v": version, "at": datetime.now(UTC).isoformat(timespec="seconds"), "user": current_user()}
    entries = [e for r in saved if (e := _saved_entry(before, r, action))]
    entries += [_deleted_entry(before, r) for r in deleted]
    data.setdefault(META, {}).setdefault("1", {})[VERSION] = version
    append(file.path, version - 1, [stamp | e for e in entries], mode=file.file_mode())
    return version


def append(db: Path, file_version: int, entries: list[Entry], *, mode: int = FILE_MODE) -> None:
    """Cut entries beyond ``file_version`` (a killed writer's), then append ``entries`` durably.

    ``mode`` is the database file's own (``DatabaseFile.file_mode``): the log is never wider.
    """
    path = log_path(db)
    try:
        payload = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries).encode("utf-8")
    except UnicodeEncodeError:
        # the same refusal as the database file's write (files.py) gives for the same text
        raise StoreError(
            "Ein Text enthält ein ungültiges Zeichen (falsche Zeichenkodierung des Terminals?). "
            "Bitte das Zeichen löschen und neu eingeben. Nichts wurde gespeichert."
        ) from None
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC | os.O_NONBLOCK, mode)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, "keine gewöhnliche Datei")
            os.fchmod(fd, mode)  # not world-readable, whatever the umask
            with contextlib.suppress(OSError):
                os.fchown(fd, -1, os.stat(db).st_gid)
            _cut_beyond(fd, file_version)
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        # The same German words as a failed write of the database itself: the save did not happen.
        raise os_error(exc, db, "Speichern") from None


def _cut_beyond(fd: int, version: int) -> None:
    """Truncate the log after its last complete entry with a version up to ``version``.

    Reads backwards from the end, so the usual case (nothing to cut) costs one small read.
    """
    size = os.fstat(fd).st_size
    keep = size
    for index, (offset, line) in enumerate(_lines_backwards(fd, size)):
        if index == 0:  # the bytes after the last newline: nothing, or a line torn by a killed writer
            keep = offset
            continue
        if _version_of_line(line) <= version:
            break
        keep = offset
    if keep != size:
        os.ftruncate(fd, keep)


def _lines_backwards(fd: int, size: int) -> Iterator[tuple[int, bytes]]:
    """(offset, line) from the end of the file: first the part after the last newline, then each line."""
    position, rest = size, b""
    while position > 0:
        start = max(0, position - CHUNK)
        rest = os.pread(fd, position - start, start) + rest
        position = start
        parts = rest.split(b"\n")
        first = 0 if position == 0 else 1  # parts[0] may still continue further back
        offset = position + len(rest)
        for part in reversed(parts[first:]):
            offset -= len(part)
            yield offset, part
            offset -= 1
        rest = parts[0] if position > 0 else b""


def _version_of_line(line: bytes) -> int:
    try:
        value = json.loads(line)["v"]
    except (ValueError, KeyError, TypeError):
        return 1 << 62  # unreadable: treat as beyond, so it is cut
    return value if type(value) is int else 1 << 62


def _label(snapshot: Snapshot, record: Record) -> str:
    match record:
        case Person():
            return record.full_name
        case Organisation() | Committee():
            return record.name
        case Membership():
            person = snapshot.persons.get(record.person_id)
            committee = snapshot.committees.get(record.committee_id)
            who = person.full_name if person else f"Person {record.person_id}"
            return f"{who} – {committee.name if committee else record.committee_id}"
        case Meeting():
            committee = snapshot.committees.get(record.committee_id)
            day = record.date.strftime("%d.%m.%Y") if record.date else "ohne Datum"
            return f"{committee.name if committee else 'Sitzung'} am {day}"
    return ""


def _refs(record: Record) -> dict[str, int]:
    if isinstance(record, Membership):
        return {"person": record.person_id, "committee": record.committee_id}
    if isinstance(record, Meeting):
        return {"committee": record.committee_id}
    if isinstance(record, Person):
        return {"person": record.id}
    if isinstance(record, Committee):
        return {"committee": record.id}
    return {}


def _saved_entry(before: Snapshot, new: Record, action: str) -> Entry | None:
    table = table_of(new)
    old = getattr(before, table).get(new.id)
    old_doc = encode(old) if old is not None else {}
    new_doc = encode(new)
    changes = {
        name: [old_doc.get(name), value]
        for name, value in new_doc.items()
        if name not in IGNORED_FIELDS and old_doc.get(name) != value and (old is not None or value not in EMPTY)
    }
    if not changes:
        return None
    view = before.with_changes([new]) if isinstance(new, Person | Committee) else before
    return {
        "action": action or ("update" if old is not None else "insert"),
        "table": table,
        "id": new.id,
        "label": _label(view, new),
        "refs": _refs(new),
        "changes": changes,
    }


def _deleted_entry(before: Snapshot, old: Record) -> Entry:
    doc = encode(old)
    return {
        "action": "delete",
        "table": table_of(old),
        "id": old.id,
        "label": _label(before, old),
        "refs": _refs(old),
        "changes": {k: [v, None] for k, v in doc.items() if k not in IGNORED_FIELDS and v not in EMPTY},
    }


# -- reading ----------------------------------------------------------------------------------
def read_entries(db: Path) -> list[Entry]:
    """The log entries that belong to the database file as it is now (no lock needed)."""
    data, _ = DatabaseFile(Path(db)).read()
    return list(_entries_up_to(log_path(db), version_of(data)))


def entries_up_to(db: Path, version: int) -> Iterator[Entry]:
    """The entries up to ``version``, for a reader that already has the file's version (OParl)."""
    return _entries_up_to(log_path(db), version)


def _entries_up_to(path: Path, version: int) -> Iterator[Entry]:
    if not path.exists():
        return
    raw, _ = read_regular_file(path, "Lesen des Änderungsprotokolls")
    for line in raw.split(b"\n")[:-1]:  # the part after the last newline is torn or empty
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and type(entry.get("v")) is int and entry["v"] <= version:
            yield entry


# -- DSGVO ------------------------------------------------------------------------------------
@dataclass
class Erased:
    entries: int
    """How many entries were changed."""


def erase_person(db: Path, person_id: int, values: Iterable[str]) -> Erased:
    """Remove a person's personal data from the log (Art. 17 DSGVO). Call under the file lock.

    The entries about the person keep when and who, but every value becomes "[gelöscht]";
    in every other entry each of ``values`` (name spellings, e-mail, phone, …) is replaced.
    The log is rewritten in one step (temp file, fsync, rename).
    """
    path = log_path(db)
    if not path.exists():
        return Erased(0)
    secrets_ = sorted({v.strip() for v in values if v and v.strip()}, key=len, reverse=True)
    changed = 0
    out: list[bytes] = []
    raw, st = read_regular_file(path, "Lesen des Änderungsprotokolls")
    mode = stat.S_IMODE(st.st_mode)
    lines = raw.split(b"\n")
    for line in lines[:-1]:
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a torn line of a killed writer: dropped here anyway
        new = _erase(entry, person_id, secrets_)
        if new != entry:
            changed += 1
        out.append(json.dumps(new, ensure_ascii=False).encode("utf-8") + b"\n")
    write_atomic(path, out, mode=mode, group_of=path)
    return Erased(changed)


def _erase(entry: Entry, person_id: int, values: list[str]) -> Entry:
    if entry.get("table") == "persons" and entry.get("id") == person_id:
        entry = dict(entry)
        entry["label"] = ERASED
        entry["changes"] = {
            k: [None if v is None else ERASED for v in pair] for k, pair in entry.get("changes", {}).items()
        }
        return entry
    return _scrub(entry, values) if values else entry


def _scrub(value: Any, values: list[str]) -> Any:
    if isinstance(value, str):
        for secret in values:
            if secret.casefold() in value.casefold():
                value = _replace_folded(value, secret)
        return value
    if isinstance(value, list):
        return [_scrub(v, values) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, values) for k, v in value.items()}
    return value


def _replace_folded(text: str, secret: str) -> str:
    lowered, needle = text.casefold(), secret.casefold()
    if len(lowered) != len(text):  # casefold changed the length (ß): replace the whole value
        return ERASED
    out, i = [], 0
    while (j := lowered.find(needle, i)) != -1:
        out.append(text[i:j] + ERASED)
        i = j + len(needle)
    out.append(text[i:])
    return "".join(out)
