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

The entries form a hash chain: each carries ``prev``, the hash of the line before it (the first
entry ever: ""), and the database's meta table keeps ``log_head``, the hash of the last entry of
its version. ``verify`` (run by ``herford-tui check``) so finds a changed, deleted, inserted or cut
entry and a missing log. Past ``part_bytes()`` the log is moved to a numbered part
(``herford.json.log.1``, ``.2``, … oldest first) and a new one begins; the chain runs on across
the parts. A DSGVO erasure rewrites the entries that held the person's data and so re-chains the
log; its own entry records that it did (``rechained``), and the new head goes into the database
in the same transaction.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import getpass
import json
import os
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import orjson

from herford_tui.domain.labels import format_date
from herford_tui.domain.models import Committee, Meeting, Membership, Organisation, Person, Record
from herford_tui.domain.snapshot import Snapshot
from herford_tui.store.codec import encode, table_of
from herford_tui.store.errors import NotADatabaseError, StoreError, os_error
from herford_tui.store.files import FILE_MODE, DatabaseFile, max_bytes, read_regular_file, write_atomic
from herford_tui.store.migrations import META

VERSION = "version"
"""Key in the meta document: how many logged transactions the file has seen."""
HEAD = "log_head"
"""Key in the meta document: the hash of the log's last entry of this version (see ``verify``)."""
CHUNK = 65536
ERASED = "[gelöscht]"
IGNORED_FIELDS = ("rev",)
EMPTY: tuple[Any, ...] = ("", None, [])
PART_KB_ENV = "HERFORD_TUI_LOG_PART_KB"
PART_BYTES = 8 * 1024 * 1024
"""A log file this big is moved to a numbered part before the next entry (``$HERFORD_TUI_LOG_PART_KB``)."""

Entry = dict[str, Any]
Names = dict[tuple[str, int], str]
"""Labels of records saved in the same transaction, by (table, id)."""
T = TypeVar("T")


def log_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".log")


def part_paths(db: Path) -> list[Path]:
    """The numbered parts of the log, oldest first (without the current log)."""
    log = log_path(db)
    found = []
    for path in log.parent.glob(log.name + ".*"):
        number = path.name[len(log.name) + 1 :]
        if number.isascii() and number.isdigit():
            found.append((int(number), path))
    return [path for _, path in sorted(found)]


def log_files(db: Path) -> list[Path]:
    """Every file of the log in order: the parts, then the current log (if there)."""
    log = log_path(db)
    return [*part_paths(db), *([log] if log.exists() else [])]


def part_bytes() -> int:
    """When the log moves to a part: ``$HERFORD_TUI_LOG_PART_KB``, else 8 MB, and never more than
    half the size limit of reading a file (``files.max_bytes``), so every part stays readable."""
    value = os.environ.get(PART_KB_ENV, "").strip()
    with contextlib.suppress(ValueError):
        if value and float(value) > 0:
            return int(float(value) * 1024)
    return min(PART_BYTES, max_bytes() // 2)


def line_hash(line: bytes) -> str:
    import hashlib  # only writers and the check need it

    return hashlib.sha256(line).hexdigest()[:32]


def version_of(data: dict[str, Any]) -> int:
    head = data.get(META, {}).get("1", {})
    value = head.get(VERSION, 0) if isinstance(head, dict) else 0
    return value if type(value) is int else 0


def head_of(data: dict[str, Any]) -> str | None:
    head = data.get(META, {}).get("1", {})
    value = head.get(HEAD) if isinstance(head, dict) else None
    return value if isinstance(value, str) else None


def stamp_data(data: dict[str, Any], version: int, head: str) -> None:
    """Give ``data`` (about to be written) its log version and the hash of its last log entry."""
    meta = data.setdefault(META, {}).setdefault("1", {})
    meta[VERSION] = version
    meta[HEAD] = head


USER_ENV = "HERFORD_TUI_BENUTZER"
"""The name of the colleague a browser session belongs to, set by ``herford-tui web`` for the app
process it starts (every session runs under the server's one account, so the login name would not
tell them apart). It is as trustworthy as the login proxy that named the colleague."""


def current_user() -> str:
    """Who changes the data: the browser colleague (``USER_ENV``), else the login name, which on a
    shared server tells the colleagues apart."""
    named = os.environ.get(USER_ENV, "").strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except Exception:  # no USER/LOGNAME and no passwd entry (containers)
        try:
            return os.getlogin()
        except OSError:
            return f"uid {os.getuid()}"


def stamp(version: int) -> Entry:
    return {"v": version, "at": datetime.now(UTC).isoformat(timespec="seconds"), "user": current_user()}


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
    at = stamp(version)
    saved = list(saved)
    # A membership saved with its new person (or committee) is labelled with that name, which
    # ``before`` does not know yet.
    names = {(table_of(r), r.id): _label(before, r) for r in saved if isinstance(r, (Person, Committee))}
    entries = [e for r in saved if (e := _saved_entry(before, r, action, names))]
    entries += [_deleted_entry(before, r) for r in deleted]
    head = append(file.path, version - 1, [at | e for e in entries], mode=file.file_mode())
    stamp_data(data, version, head)
    return version


def _encode_line(entry: Entry) -> bytes:
    try:
        return json.dumps(entry, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        # the same refusal as the database file's write (files.py) gives for the same text
        raise StoreError(
            "Ein Text enthält ein ungültiges Zeichen (falsche Zeichenkodierung des Terminals?). "
            "Bitte das Zeichen löschen und neu eingeben. Nichts wurde gespeichert."
        ) from None


def chain(entries: Iterable[Entry], prev: str) -> tuple[list[bytes], str]:
    """The entries as lines, each with ``prev`` (the hash of the line before); and the last hash."""
    lines = []
    for entry in entries:
        line = _encode_line({k: v for k, v in entry.items() if k != "prev"} | {"prev": prev})
        prev = line_hash(line)
        lines.append(line + b"\n")
    return lines, prev


def append(db: Path, file_version: int, entries: list[Entry], *, mode: int = FILE_MODE) -> str:
    """Cut entries beyond ``file_version`` (a killed writer's), then append ``entries`` durably.

    Returns the hash of the last entry (the new head; the caller stores it with the data).
    ``mode`` is the database file's own (``DatabaseFile.file_mode``): the log is never wider.
    """
    path = log_path(db)
    try:
        fd = _open_log(db, path, mode)
        try:
            prev = _cut_beyond(fd, file_version)
            if prev is None:  # nothing left in this file: the chain goes on from the last part
                prev = _last_hash_of_parts(db)
            if entries and os.fstat(fd).st_size >= part_bytes():
                os.close(fd)
                fd = -1
                _start_new_part(db, path)
                fd = _open_log(db, path, mode)
            payload, head = chain(entries, prev)
            view = memoryview(b"".join(payload))
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            if fd >= 0:
                os.close(fd)
    except OSError as exc:
        # The same German words as a failed write of the database itself: the save did not happen.
        raise os_error(exc, db, "Speichern") from None
    return head


def _open_log(db: Path, path: Path, mode: int) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC | os.O_NONBLOCK, mode)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "keine gewöhnliche Datei")
        os.fchmod(fd, mode)  # not world-readable, whatever the umask
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, os.stat(db).st_gid)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _start_new_part(db: Path, path: Path) -> None:
    """Move the full log to the next numbered part (under the lock; a link never overwrites)."""
    parts = part_paths(db)
    number = int(parts[-1].name.rsplit(".", 1)[1]) + 1 if parts else 1
    os.link(path, path.with_name(f"{path.name}.{number}"))
    os.unlink(path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _last_hash_of_parts(db: Path) -> str:
    for part in reversed(part_paths(db)):
        lines = [line for line in read_regular_file(part, "Lesen des Änderungsprotokolls")[0].split(b"\n") if line]
        if lines:
            return line_hash(lines[-1])
    return ""


def _cut_beyond(fd: int, version: int) -> str | None:
    """Truncate the log after its last complete entry with a version up to ``version``.

    Returns that entry's hash (None: no entry left in this file). Reads backwards from the
    end, so the usual case (nothing to cut) costs one small read.
    """
    size = os.fstat(fd).st_size
    keep = size
    last: str | None = None
    for index, (offset, line) in enumerate(_lines_backwards(fd, size)):
        if index == 0:  # the bytes after the last newline: nothing, or a line torn by a killed writer
            keep = offset
            continue
        if _version_of_line(line) <= version:
            last = line_hash(line)
            break
        keep = offset
    if keep != size:
        os.ftruncate(fd, keep)
    return last


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


LAST_AUTHOR_BYTES = 4 * 1024 * 1024
"""How far back in the current log ``last_author`` looks (a conflict message names the colleague
when their change is that recent, which a conflict's change almost always is)."""


def last_author(db: Path, table: str, record_id: int) -> str | None:
    """Who made the newest logged change to one record, from the end of the current log; None when
    the log is missing, unreadable or the change is further back."""
    try:
        fd = os.open(log_path(db), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        size = os.fstat(fd).st_size
        for offset, line in _lines_backwards(fd, size):
            if size - offset > LAST_AUTHOR_BYTES:
                break
            if not line or b'"table"' not in line:
                continue
            try:
                entry = orjson.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and entry.get("table") == table and entry.get("id") == record_id:
                user = entry.get("user")
                return user if isinstance(user, str) and user else None
        return None
    except OSError:
        return None
    finally:
        os.close(fd)


def line_version(line: bytes) -> int:
    """The version an entry line belongs to (an unreadable line: beyond any)."""
    return _version_of_line(line)


def _version_of_line(line: bytes) -> int:
    try:
        value = orjson.loads(line)["v"]
    except (ValueError, KeyError, TypeError):
        return 1 << 62  # unreadable: treat as beyond, so it is cut
    return value if type(value) is int else 1 << 62


def _label(snapshot: Snapshot, record: Record, names: Names | None = None) -> str:
    match record:
        case Person():
            return record.full_name
        case Organisation() | Committee():
            return record.name
        case Membership():
            names = names or {}
            committee = snapshot.committees.get(record.committee_id)
            who = names.get(("persons", record.person_id)) or snapshot.person_name(record.person_id)
            where = names.get(("committees", record.committee_id)) or (
                committee.name if committee else str(record.committee_id)
            )
            return f"{who} – {where}"
        case Meeting():
            committee = snapshot.committees.get(record.committee_id)
            day = format_date(record.date) if record.date else "ohne Datum"
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


def _saved_entry(before: Snapshot, new: Record, action: str, names: Names) -> Entry | None:
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
    view = before  # a person's or committee's label is its own name (_label): no copy of the table per record
    return {
        "action": action or ("update" if old is not None else "insert"),
        "table": table,
        "id": new.id,
        "label": _label(view, new, names),
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


def record_erasure(
    file: DatabaseFile, data: dict[str, Any], person_id: int, records: int, values: Iterable[str]
) -> int:
    """Log an erasure before ``data`` replaces the file: re-chain the log without the person's data,
    then append one entry that says only who erased which person number when."""
    version = version_of(data) + 1
    erased = erase_person(file.path, person_id, values, up_to=version - 1)
    entry = stamp(version) | {
        "action": "erase",
        "table": "persons",
        "id": person_id,
        "label": "",
        "refs": {"person": person_id},
        "changes": {},
        "records": records,
        "rechained": erased.entries,
        "chain_intact_before": erased.was_intact,
    }
    head = append(file.path, version - 1, [entry], mode=file.file_mode())
    stamp_data(data, version, head)
    return version


# -- reading ----------------------------------------------------------------------------------
def stored_entries(db: Path) -> list[Entry]:
    """The log entries that belong to the database file as it is now (no lock needed), as stored.

    Readers that show the log to people go through ``log_reader.read_entries``: it first finishes
    an erasure a killed program left, which this module (below ``personal_files``) cannot do.
    """
    db = Path(db)
    data, _ = DatabaseFile(db).read()
    version = version_of(data)
    return _stable(db, lambda files: [entry for path in files for entry in _entries_up_to(path, version)])


def _stable(db: Path, read: Callable[[list[Path]], T]) -> T:
    """``read`` over the log's files, again if a writer moved the log to a new part meanwhile
    (readers take no lock; a move is rare, so a second try sees the parts settled)."""
    for _ in range(3):
        files = log_files(db)
        try:
            result = read(files)
        except StoreError:
            if log_files(db) == files:
                raise
            continue
        if log_files(db) == files:
            return result
    return result


def read_log_file(path: Path) -> bytes:
    """One file of the log; a German error that names it as the log (never "keine Datenbank")."""
    try:
        raw, _ = read_regular_file(path, "Lesen des Änderungsprotokolls")
    except NotADatabaseError as exc:
        raise StoreError(
            f"Das Änderungsprotokoll {path} lässt sich nicht lesen: {exc.problem}. "
            "Die Datenbank selbst ist davon nicht betroffen."
        ) from None
    return raw


def entries_up_to(db: Path, version: int) -> Iterator[Entry]:
    """The entries up to ``version``, for a reader that already has the file's version (OParl)."""
    return _entries_up_to(log_path(db), version)


def _entries_up_to(path: Path, version: int) -> Iterator[Entry]:
    if not path.exists():
        return
    raw = read_log_file(path)
    for line in raw.split(b"\n")[:-1]:  # the part after the last newline is torn or empty
        try:
            entry = orjson.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and type(entry.get("v")) is int and entry["v"] <= version:
            yield entry


def person_values(db: Path, person_id: int) -> tuple[set[str], set[str]]:
    """Every name, e-mail and phone the log ever recorded for the person (old ones too): the
    e-mails, phones and full names ("Anna Alt", "Alt, Anna", for every given and family name
    they ever had), and apart from them the family names alone. A given name, a title or a
    family name alone is no value of one person ("Anna", "Dr."): the caller takes a family name
    alone only where no other person bears it, as ``dsgvo.needles_of`` does."""
    found: set[str] = set()
    names: dict[str, set[str]] = {"given_name": set(), "family_name": set()}
    for path in log_files(db):
        for entry in _entries_naming(path, person_id):
            if entry.get("table") != "persons" or entry.get("id") != person_id:
                continue
            changes = entry.get("changes")
            for key, pair in changes.items() if isinstance(changes, dict) else ():
                values = [v for v in (pair if isinstance(pair, list) else [pair]) if isinstance(v, str) and v != ERASED]
                if key in ("email", "phone"):
                    found.update(values)
                elif key in names:
                    names[key].update(values)
    for given in names["given_name"]:
        for family in names["family_name"]:
            found.update({f"{given} {family}", f"{family}, {given}"})
    return {v for v in found if v.strip()}, {v for v in names["family_name"] if v.strip()}


# -- DSGVO ------------------------------------------------------------------------------------
@dataclass
class Erased:
    entries: int
    """How many entries were changed."""
    head: str
    """The hash of the last entry kept: the database's new ``log_head``."""
    was_intact: bool
    """Whether the chain verified before the erasure re-chained it."""


def erase_person(
    db: Path, person_id: int, values: Iterable[str], *, up_to: int | None = None, dry_run: bool = False
) -> Erased:
    """Remove a person's personal data from the log (Art. 17 DSGVO). Call under the file lock.

    The entries about the person keep when and who, but every value becomes "[gelöscht]";
    in every other entry each of ``values`` (name spellings, e-mail, phone, …) is replaced.
    Entries beyond ``up_to`` (a killed writer's) are dropped, and so are lines that are no
    entry. The chain is computed anew across all files; each file that changes is rewritten in
    one step (temp file, fsync, rename). ``dry_run``: only count the entries that would change.

    One pass over the bytes: only lines that may name the person (by number, or whose folded
    text holds one of the values: ``Needles``) are decoded and re-encoded; every other line
    keeps its bytes and, once a line before it changed, only gets the new ``prev`` spliced in
    (at x10: 116,000 lines, a few dozen about the person).
    """
    from herford_tui.domain.erasure_search import Needles  # the erasure's: not at every start

    secrets_ = sorted({v.strip() for v in values if v and v.strip()}, key=len, reverse=True)
    search = Needles(secrets_)
    walk = _Walk(person_id, secrets_, up_to, dry_run)
    for path in log_files(db):
        raw = read_log_file(path)
        naming = set(search.lines(raw))
        if dry_run:  # the walk counts what it would change; nothing is written
            deque(walk.lines(raw, naming, path.name), maxlen=0)
            continue
        before = walk.copy()
        torn = bool(raw) and not raw.endswith(b"\n")  # a torn last line: dropped
        if not torn and all(new is old for old, new in walk.lines(raw, naming, path.name)):
            continue  # every line as it was (before the first line about the person): not written
        walk = before  # walked again, the new lines written as they come (never all in memory)
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
            blocks = walk.blocks(raw, naming, path.name, keep_empty=path == log_path(db))
            write_atomic(path, blocks, mode=mode, group_of=path)
        except _NothingKept:
            pass  # a part of which no line is left stays as it is (as before)
    return Erased(walk.changed, walk.prev, dry_run or not walk.links.problems)


class _NothingKept(Exception):
    """A part of the log of which no line is kept: not written."""


@dataclass
class _Walk:
    """The erasure's way through the log, line by line across its files: the chain check of the
    old lines, the erased and re-linked new ones, how many entries changed."""

    person_id: int
    secrets: list[str]
    up_to: int | None
    dry_run: bool
    links: Links = dataclasses.field(default_factory=lambda: Links())
    prev: str = ""
    changed: int = 0

    def copy(self) -> _Walk:
        return dataclasses.replace(self, links=self.links.copy())

    def lines(self, raw: bytes, naming: set[int], name: str) -> Iterator[tuple[bytes, bytes | None]]:
        """Each complete line of a file and what becomes of it (None: dropped)."""
        from hashlib import sha256  # only writers and the check need it

        for number, line in enumerate(_lines(raw)):
            head = _head(line)
            digest = "" if self.dry_run else sha256(line).hexdigest()[:32]  # line_hash, inlined: every line
            if not self.dry_run:
                self.links.step(name, number + 1, head, digest)
            if head is None or (self.up_to is not None and _version(head) > self.up_to):
                yield line, None  # no entry, or a killed writer's: dropped
                continue
            erased: Entry | None = None
            if number in naming or _names_person(head, self.person_id):
                try:
                    entry = orjson.loads(line)
                except ValueError:
                    yield line, None
                    continue
                new = _erase(entry, self.person_id, self.secrets if number in naming else [])
                if new != entry:
                    self.changed += 1
                    erased = new
            if self.dry_run:
                yield line, line
                continue
            if erased is not None:
                kept = chain([erased], self.prev)[0][0][:-1]
            elif head.prev != self.prev:  # a line before it changed: the new link
                kept = _relinked(line, head, self.prev)
            else:
                kept, self.prev = line, digest
                yield line, line
                continue
            self.prev = line_hash(kept)
            yield line, kept

    def blocks(self, raw: bytes, naming: set[int], name: str, *, keep_empty: bool) -> Iterator[bytes]:
        """The lines to write, with their newlines, a few thousand joined at a time."""
        block: list[bytes] = []
        written = False
        for _, kept in self.lines(raw, naming, name):
            if kept is not None:
                block.append(kept)
            if len(block) >= 4096:
                yield b"\n".join(block) + b"\n"
                block, written = [], True
        if block:
            yield b"\n".join(block) + b"\n"
        elif not written and not keep_empty:
            raise _NothingKept


def _is_hash(text: str) -> bool:
    """A ``prev`` as the program writes it (hex digits, or "" at the start): never escaped in JSON."""
    return text == "" or (text.isascii() and text.isalnum())


def _relinked(line: bytes, head: _Head, prev: str) -> bytes:
    """``line`` with ``prev`` as the hash of the line before: the new hash spliced into its end if
    it was written the way ``chain`` writes (``"prev"`` last, as ``json.dumps`` puts it), else the
    entry encoded anew (an entry from before the chain began)."""
    if isinstance(head.prev, str) and _is_hash(head.prev):
        tail = b', "prev": "' + head.prev.encode() + b'"}'
        if line.endswith(tail):
            return line[: -len(tail)] + b', "prev": "' + prev.encode() + b'"}'
    lines, _ = chain([orjson.loads(line)], prev)
    return lines[0][:-1]


CHUNK_LINES = 4 << 20


def _lines(raw: bytes) -> Iterator[bytes]:
    """The complete lines of ``raw`` (without the part after the last newline), split a few MB at a
    time: a log file is not copied into one list of lines."""
    start = 0
    while True:
        end = raw.rfind(b"\n", start, start + CHUNK_LINES)
        if end == -1:
            end = raw.find(b"\n", start)  # a line longer than a chunk
            if end == -1:
                return
        yield from raw[start:end].split(b"\n")
        start = end + 1


class _Head(msgspec.Struct):
    """What the chain and the erasure need of an entry; msgspec skips the rest of the line (it
    still checks that the whole line is one JSON object) without building it."""

    v: Any = None
    prev: Any = None
    action: Any = None
    chain_intact_before: Any = None
    table: Any = None
    id: Any = None
    refs: Any = None


_HEADS = msgspec.json.Decoder(_Head)


def _head(line: bytes) -> _Head | None:
    """The line's head; None for a line that is no entry (not a JSON object)."""
    try:
        return _HEADS.decode(line)
    except msgspec.DecodeError:  # ValidationError too: JSON, but not an object
        return None


def _version(head: _Head) -> int:
    return head.v if type(head.v) is int else 1 << 62  # no number: beyond any, so it is cut


def _names_person(head: _Head, person_id: int) -> bool:
    refs = head.refs
    if isinstance(refs, dict) and refs.get("person") == person_id:
        return True
    return head.table == "persons" and head.id == person_id


def file_names_person(path: Path, person_id: int) -> bool:
    """Whether this file of the log has an entry about the person (for the Auskunft)."""
    return any(names_person(entry, person_id) for entry in _entries_naming(path, person_id))


def _entries_naming(path: Path, person_id: int) -> Iterator[Entry]:
    """The entries of one file of the log about the person (their record, their memberships):
    only those lines are decoded whole (at x10 a few dozen of 116,000)."""
    if not path.exists():
        return
    for line in _lines_with(read_log_file(path), str(person_id).encode()):
        head = _head(line)
        if head is not None and type(head.v) is int and _names_person(head, person_id):
            entry = orjson.loads(line)
            if isinstance(entry, dict):
                yield entry


def _lines_with(raw: bytes, digits: bytes) -> Iterator[bytes]:
    """The complete lines of ``raw`` that hold ``digits`` (a person's number: the program writes
    numbers as integers, so a line naming the person holds them), found in the whole text
    instead of line by line; each line once."""
    at = raw.find(digits)
    while at != -1:
        start = raw.rfind(b"\n", 0, at) + 1
        end = raw.find(b"\n", at)
        if end == -1:
            return  # the part after the last newline: torn or empty
        yield raw[start:end]
        at = raw.find(digits, end + 1)


def names_person(entry: Entry, person_id: int) -> bool:
    refs = entry.get("refs")
    if isinstance(refs, dict) and refs.get("person") == person_id:
        return True
    return entry.get("table") == "persons" and entry.get("id") == person_id


def _erase(entry: Entry, person_id: int, values: list[str]) -> Entry:
    """The entry without the person's data; the same entry if there is none (so a second run
    changes nothing). Their own record's values all go, and the notes of their memberships."""
    if entry.get("action") == "erase":
        return entry
    own = entry.get("table") == "persons" and entry.get("id") == person_id
    refs = entry.get("refs")
    membership = entry.get("table") == "memberships" and isinstance(refs, dict) and refs.get("person") == person_id
    if own or membership:
        entry = dict(entry)
        if own and entry.get("label"):
            entry["label"] = ERASED
        elif membership and isinstance(entry.get("label"), str):
            # "Thomas Müller – Lenkungskreis": the name goes by the entry's reference, not by the
            # values; a name a namesake bears is not among those, and stayed in the log.
            entry["label"] = _erased_membership_label(entry["label"])
        changes = entry.get("changes", {})
        entry["changes"] = {
            k: _redacted(pair) if own or k == "notes" else pair
            for k, pair in (changes.items() if isinstance(changes, dict) else ())
        }
    if not values:
        return entry
    if entry.get("table") == "persons" and not own:
        # a namesake's own entries keep their name: only their notes may mention the person
        changes = entry.get("changes")
        if isinstance(changes, dict) and "notes" in changes:
            return entry | {"changes": changes | {"notes": _scrub(changes["notes"], values)}}
        return entry
    if entry.get("table") == "memberships" and not membership:
        return _scrub({k: v for k, v in entry.items() if k != "label"}, values) | {"label": entry.get("label")}
    return _scrub(entry, values)


def _erased_membership_label(label: str) -> str:
    """A membership's label (``_label``: "<person> – <committee>") without the person."""
    _, dash, committee = label.partition(" – ")
    return f"{ERASED}{dash}{committee}" if dash else ERASED


def _redacted(pair: Any) -> Any:
    if isinstance(pair, list):
        return [v if v in EMPTY else ERASED for v in pair]
    return pair if pair in EMPTY else ERASED


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


# -- verification (herford-tui check) ---------------------------------------------------------
def verify(db: Path, data: dict[str, Any]) -> list[str]:
    """What is wrong with the log of the database ``data`` (read from ``db``), in German.

    Reports a broken chain (an entry changed, deleted or inserted), a log cut short or
    missing, and a last entry that is not the one the database was written with.
    """
    version = version_of(data)
    head = head_of(data)
    if not log_files(db):
        if head:
            return [f"Das Änderungsprotokoll {log_path(db).name} fehlt, obwohl die Datenbank Einträge darin nennt."]
        return []
    return _stable(db, lambda files: verify_lines(db, files, version, head))


def verify_lines(db: Path, files: list[Path], version: int | None, head: str | None = None) -> list[str]:
    links = Links()
    for path in files:
        try:
            raw = read_log_file(path)
        except StoreError as exc:
            return [str(exc)]
        lines = raw.split(b"\n")
        for number, line in enumerate(lines[:-1], start=1):
            entry = _head(line)
            if entry is not None and version is not None and _version(entry) > version:
                break  # a killed writer's entries: ignored by readers, cut by the next writer
            links.step(path.name, number, entry, line_hash(line))
    problems, last = links.problems, links.last
    if head is not None and head != last:
        problems.append(
            "Das Änderungsprotokoll passt nicht zur Datenbank: sein letzter Eintrag ist nicht der, mit dem die "
            "Datenbank zuletzt gespeichert wurde (Einträge am Ende gelöscht, verändert oder hinzugefügt, "
            "oder das Protokoll wurde gekürzt)."
        )
    return problems


class Links:
    """The chain check of ``verify``, one line at a time (the erasure's pass checks the same way)."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.prev: str | None = None
        self.last: str | None = None
        """The hash of the last entry (what the database's ``log_head`` must be)."""
        self.legacy = True
        """Entries written before the chain began have no "prev"."""

    def copy(self) -> Links:
        links = Links()
        links.problems, links.prev, links.last, links.legacy = list(self.problems), self.prev, self.last, self.legacy
        return links

    def step(self, name: str, number: int, head: _Head | None, digest: str) -> None:
        """Check the line ``number`` of the file ``name``, whose hash is ``digest``."""
        if head is not None and head.prev is not None and head.prev == (self.prev or "") and head.action != "erase":
            self.legacy = False  # the usual line: linked to the one before
            self.prev = self.last = digest
            return
        where = f"{name}, Zeile {number}"
        if head is None:
            self.problems.append(f"Änderungsprotokoll {where}: die Zeile ist kein gültiger Eintrag.")
            self.prev = digest
            return
        if head.prev is None and self.legacy:
            self.prev = self.last = digest
            return
        self.legacy = False
        if head.action == "erase" and head.chain_intact_before is False:
            self.problems.append(
                f"Änderungsprotokoll {where}: vor dieser DSGVO-Löschung war die Verkettung schon unterbrochen; "
                "die Löschung hat sie neu berechnet."
            )
        if head.prev != (self.prev or ""):
            self.problems.append(
                f"Änderungsprotokoll {where}: die Verkettung ist unterbrochen – ein Eintrag davor wurde "
                "gelöscht, verändert oder eingefügt."
            )
        self.prev = self.last = digest
