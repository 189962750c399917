"""The one inventory of the files the program keeps beside the database, for the DSGVO.

Every kind of file is listed in ``KINDS`` with the paths it has for a database, whether it can
hold personal data, how the person's data is taken out of it (Art. 17) and, if the Auskunft
(Art. 15) shows it, which of its files name the person. The erasure and the Auskunft only go
through this list, so a file kind added later is erased as soon as it is listed here, and the
test ``tests/unit/test_personal_files.py`` fails for any file in the database's folder that no
kind claims.

Two files of this inventory carry the erasure itself:

- ``<db>.erased`` keeps the numbers of erased persons and the day (no personal data), so that a
  restored backup, a copy put back by hand or an older ``backup --nach`` copy gets the erasures
  applied again before anybody reads it (``reapply_erasures``, called on opening and restoring).
- ``<db>.erasing`` is the journal of an erasure under way: written before the database, removed
  when every file is clean. One left behind by a killed erasure is finished (``finish_pending``)
  before any read, restore or backup. It holds the values to erase while it exists.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from herford_tui.domain.dsgvo import needles_of
from herford_tui.domain.fold import match_key
from herford_tui.store import audit, written
from herford_tui.store.errors import CorruptFileError, NotADatabaseError, StoreError
from herford_tui.store.files import DatabaseFile, read_regular_file, write_atomic
from herford_tui.store.migrations import META
from herford_tui.store.raw_erasure import meta_of, person_in, persons_of, readable, scrub_bytes, scrub_data
from herford_tui.store.written import written_list_path


def journal_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".erasing")


def erased_list_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".erased")


def copies_list_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".copies")


@dataclass(frozen=True)
class Erasure:
    """One erasure: whose, since when, and every value that must not survive."""

    file: DatabaseFile
    person_id: int
    day: date
    needles: frozenset[str]


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    """German, as the Auskunft names it."""
    personal: bool
    """Whether files of this kind can hold personal data."""
    paths: Callable[[Path], list[Path]]
    """The files of this kind that exist for the database at the path."""
    erase: Callable[[Erasure], int] | None = None
    """Take the person's data out (under the lock); returns how many files changed."""
    naming: Callable[[Path, int], list[Path]] | None = None
    """The files of this kind that hold data about the person (for the Auskunft)."""
    where: str = ""
    """Files of this kind may lie outside the database's folder."""


# -- the database file and its rotating backups -------------------------------------------------
def _database_paths(db: Path) -> list[Path]:
    return [db] if db.exists() else []


def _backup_paths(db: Path) -> list[Path]:
    return [p for p in DatabaseFile(db).backup_paths() if p.exists()]


def _erase_database(job: Erasure) -> int:
    """Only when the store's own save of the erasure did not happen (a killed one, a restored
    old file): the raw data cleaned the same way, logged as an erasure."""
    data, _ = job.file.read()
    person = person_in(data, job.person_id)
    if person is None or person.erased_on is not None:
        return 0  # the store's save did it (every record in one transaction), or nothing to erase
    cleaned = scrub_data(data, job.person_id, job.needles, job.day)
    if cleaned == data:
        return 0
    changed = sum(1 for t in cleaned if t != META for k in cleaned[t] if cleaned[t][k] != data.get(t, {}).get(k))
    audit.record_erasure(job.file, cleaned, job.person_id, changed, job.needles)
    job.file.write(cleaned)
    return 1


def _erase_backups(job: Erasure) -> int:
    changed = 0
    for path in job.file.backup_paths():
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            continue
        try:
            cleaned = scrub_bytes(raw, path, job.person_id, job.needles, job.day)
        except (CorruptFileError, NotADatabaseError):
            path.unlink()  # unreadable: it cannot be cleaned, so it is gone
            changed += 1
            continue
        if cleaned is not None:
            _write_keeping_time(path, cleaned)
            changed += 1
    return changed


def _databases_naming(paths: Callable[[Path], list[Path]]) -> Callable[[Path, int], list[Path]]:
    def naming(db: Path, person_id: int) -> list[Path]:
        found = []
        for path in paths(db):
            data = _persons(path)
            if data is not None and _needles_in(data, person_id):
                found.append(path)
        return found

    return naming


# -- the audit log ------------------------------------------------------------------------------
def _erase_log(job: Erasure) -> int:
    """Only when the erasure's own save did not clean the log (a killed one): clean and re-chain
    it, and give the database the new head of the chain."""
    if not audit.log_files(job.file.path):
        return 0
    data, _ = job.file.read()
    version = audit.version_of(data)
    if not audit.erase_person(job.file.path, job.person_id, job.needles, up_to=version, dry_run=True).entries:
        return 0
    erased = audit.erase_person(job.file.path, job.person_id, job.needles, up_to=version)
    audit.stamp_data(data, version, erased.head)
    job.file.write(data)
    return len(audit.log_files(job.file.path))


def _log_naming(db: Path, person_id: int) -> list[Path]:
    return [p for p in audit.log_files(db) if audit.file_names_person(p, person_id)]


# -- dated copies (backup --nach) ---------------------------------------------------------------
def listed_copies(db: Path) -> list[Path]:
    """Every ``backup --nach`` copy ever made of this database (some may be gone or unreachable)."""
    path = copies_list_path(db)
    if not path.exists():
        return []
    try:
        listed = json.loads(read_regular_file(path)[0])
    except (StoreError, ValueError):
        return []
    return [Path(p) for p in listed if isinstance(p, str)] if isinstance(listed, list) else []


def known_copies(db: Path) -> list[Path]:
    """The ``backup --nach`` copies of this database that exist now (database files)."""
    return [p for p in listed_copies(db) if p.exists()]


def unreachable_copies(db: Path) -> list[Path]:
    """Listed copies the erasure could not clean: gone (deleted, or on a drive not mounted now)
    or unreadable. The erasure's summary names them so that nobody believes they are clean."""
    return [p for p in listed_copies(db) if not p.parent.exists() or (p.exists() and not _readable(p))]


def _forget_deleted_copies(file: DatabaseFile) -> None:
    """Copies whose folder is there but the file not were deleted (a clean-up job): off the list.
    A missing folder may be a drive not mounted now: those stay listed (and are reported)."""
    listed = listed_copies(file.path)
    kept = [p for p in listed if p.exists() or not p.parent.exists()]
    if kept != listed:
        payload = json.dumps([str(p) for p in kept], ensure_ascii=False).encode()
        write_atomic(copies_list_path(file.path), payload, mode=file.file_mode(), group_of=file.path)


def remember_copy(file: DatabaseFile, copy: Path) -> None:
    """Add a copy to the list (under the lock): the erasure reaches it from then on."""
    path = copies_list_path(file.path)
    with file.locked():
        listed = [str(p) for p in listed_copies(file.path)]  # also those not reachable now
        if str(copy) not in listed:
            listed.append(str(copy))
        write_atomic(path, json.dumps(listed, ensure_ascii=False).encode(), mode=file.file_mode(), group_of=file.path)


def _copy_paths(db: Path) -> list[Path]:
    found = []
    for copy in known_copies(db):
        found += [copy, *audit.log_files(copy)]
    return found


def _erase_copies(job: Erasure) -> int:
    """Each known copy and its log: the log re-chained first (only its files that change are
    written), then the copy's database cleaned and given the log's head, so a rerun after a kill
    between the two writes still gives the copy the head of its log."""
    _forget_deleted_copies(job.file)
    changed = 0
    for copy in known_copies(job.file.path):
        try:
            raw = read_regular_file(copy)[0]
            version = audit.version_of(meta_of(raw, copy))
        except (OSError, StoreError):
            continue
        stamp = None
        if audit.log_files(copy):
            erased = audit.erase_person(copy, job.person_id, job.needles, up_to=version)
            changed += len(audit.log_files(copy)) if erased.entries else 0
            stamp = (version, erased.head)
        cleaned = scrub_bytes(raw, copy, job.person_id, job.needles, job.day, stamp)
        if cleaned is not None:
            _write_keeping_time(copy, cleaned)
            changed += 1
    return changed


def _copies_naming(db: Path, person_id: int) -> list[Path]:
    found = []
    for copy in known_copies(db):
        data = _persons(copy)
        if data is not None and _needles_in(data, person_id):
            found.append(copy)
        found += [p for p in audit.log_files(copy) if audit.file_names_person(p, person_id)]
    return found


# -- the erasure's own files and the ones that never hold data ---------------------------------
def _one(name: Callable[[Path], Path]) -> Callable[[Path], list[Path]]:
    return lambda db: [p] if (p := name(db)).exists() else []


def _temp_paths(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f".{db.name}*.tmp-*"))


def _erase_temp_files(job: Erasure) -> int:
    """Temp files of writers killed mid-write (under the lock no writer has one open)."""
    removed = 0
    for path in _temp_paths(job.file.path):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
    return removed


KINDS: list[FileKind] = [
    FileKind(
        "database",
        "Datenbank",
        True,
        _database_paths,
        _erase_database,
        _databases_naming(_database_paths),
    ),
    FileKind(
        "backups",
        "Sicherungen neben der Datenbank",
        True,
        _backup_paths,
        _erase_backups,
        _databases_naming(_backup_paths),
    ),
    FileKind("log", "Änderungsprotokoll", True, audit.log_files, _erase_log, _log_naming),
    FileKind(
        "copies",
        "Sicherungskopien (backup --nach)",
        True,
        _copy_paths,
        _erase_copies,
        _copies_naming,
        where="anderer Ordner",
    ),
    FileKind("temp", "Zwischendateien abgebrochener Schreibvorgänge", True, _temp_paths, _erase_temp_files),
    FileKind("journal", "Auftrag einer unterbrochenen Löschung", True, _one(journal_path)),
    FileKind("erased", "Nummern gelöschter Personen (ohne personenbezogene Daten)", False, _one(erased_list_path)),
    FileKind("copies-list", "Liste der Sicherungskopien (nur Pfade)", False, _one(copies_list_path)),
    FileKind(
        "written-list",
        "Liste der vom Programm geschriebenen Exporte und Dokumente (nur Pfade)",
        True,  # a path the user chose may name the person
        _one(written_list_path),
        lambda job: written.forget_naming(job.file, job.needles),
    ),
    FileKind("lock", "Sperrdatei (leer)", False, lambda db: [p] if (p := DatabaseFile(db).lock_path).exists() else []),
]
"""Every file kind beside the database. The erasure runs the ``erase`` of each in this order."""


def register(kind: FileKind) -> None:
    """A file kind added by another module (it must be imported before any erasure)."""
    if all(k.key != kind.key for k in KINDS):
        KINDS.append(kind)


def kind_of(db: Path, path: Path) -> FileKind | None:
    """The registered kind ``path`` belongs to (None: a file nobody accounts for)."""
    for kind in KINDS:
        if any(os.path.samefile(path, p) for p in kind.paths(db) if p.exists()):
            return kind
    return None


@dataclass
class Located:
    label: str
    paths: list[Path] = field(default_factory=list)


def files_naming(db: Path, person_id: int) -> list[Located]:
    """For the Auskunft: per kind, the files that hold data about the person."""
    found = []
    for kind in KINDS:
        if kind.naming is not None:
            paths = kind.naming(Path(db), person_id)
            if paths:
                found.append(Located(kind.label, paths))
    return found


# -- running an erasure -------------------------------------------------------------------------
def begin(file: DatabaseFile, person_id: int, day: date, needles: Iterable[str]) -> Erasure:
    """Before the database is written (under no lock): note the erasure, so that a kill at any
    later point is finished by the next program that opens the file, and keep the number."""
    job = Erasure(file, person_id, day, frozenset(needles))
    payload = {"person_id": person_id, "day": day.isoformat(), "needles": sorted(job.needles)}
    with file.locked():
        write_atomic(
            journal_path(file.path),
            json.dumps(payload, ensure_ascii=False).encode(),
            mode=file.file_mode(),
            group_of=file.path,
        )
        _remember_erased(file, person_id, day)
    return job


def cancel(job: Erasure) -> None:
    """Undo ``begin`` after the database refused the erasure's save (nothing was erased)."""
    with job.file.locked():
        data, _ = job.file.read()
        person = person_in(data, job.person_id)
        if person is not None and person.erased_on is not None:
            return  # it did happen: keep both, ``finish_pending`` completes it
        journal_path(job.file.path).unlink(missing_ok=True)
        known = erased_persons(job.file.path)
        if known.pop(job.person_id, None) is not None:
            _write_erased(job.file, known)


def finish(job: Erasure, *, saved: bool = False) -> dict[str, int]:
    """Erase the person from every kind of file (under the lock), then drop the journal.

    ``saved``: the erasure's own save wrote the database and re-chained the log under the lock
    (the normal way), so neither is read through again (at x10 78 MB and 105 MB); a killed
    erasure finished later (``finish_pending``) checks both."""
    counts: dict[str, int] = {}
    with job.file.locked():
        for kind in KINDS:
            if kind.erase is not None:
                counts[kind.key] = 0 if saved and kind.key in SAVED_KINDS else kind.erase(job)
        with contextlib.suppress(FileNotFoundError):
            journal_path(job.file.path).unlink()
    return counts


SAVED_KINDS = ("database", "log")
"""What the store's save of an erasure cleans in its own transaction (``Store.save_erasure``)."""


def finish_pending(file: DatabaseFile) -> bool:
    """Finish an erasure a killed program left (True if there was one)."""
    path = journal_path(file.path)
    if not path.exists():
        return False
    try:
        doc = json.loads(read_regular_file(path)[0])
        job = Erasure(file, int(doc["person_id"]), date.fromisoformat(doc["day"]), frozenset(doc["needles"]))
    except (ValueError, KeyError, TypeError):
        # torn before it was complete (written atomically, so hardly): the database was not
        # written after it either; the erased list still gets the number on the next try
        path.unlink()
        return False
    job = Erasure(file, job.person_id, job.day, job.needles | older_needles(file, job.person_id))
    finish(job)
    return True


def erased_persons(db: Path) -> dict[int, date]:
    path = erased_list_path(db)
    if not path.exists():
        return {}
    try:
        doc = json.loads(read_regular_file(path)[0])
        return {int(k): date.fromisoformat(v) for k, v in doc.get("persons", {}).items()}
    except (StoreError, ValueError, TypeError, AttributeError):
        return {}


def _remember_erased(file: DatabaseFile, person_id: int, day: date) -> None:
    known = erased_persons(file.path)
    known.setdefault(person_id, day)
    _write_erased(file, known)


def _write_erased(file: DatabaseFile, known: dict[int, date]) -> None:
    payload = {"persons": {str(k): v.isoformat() for k, v in sorted(known.items())}}
    write_atomic(erased_list_path(file.path), json.dumps(payload).encode(), mode=file.file_mode(), group_of=file.path)


def undone_erasures(data: dict[str, Any], erased: dict[int, date]) -> list[int]:
    """Erased persons that ``data`` (an older file) still holds with their data."""
    persons = data.get("persons", {})
    return [
        pid
        for pid in erased
        if isinstance(doc := persons.get(str(pid)), dict) and not doc.get("erased_on") and _needles_in(data, pid)
    ]


def reapply_erasures(file: DatabaseFile) -> list[int]:
    """Erase again every erased person the file holds again (a restored or copied-back file)."""
    erased = erased_persons(file.path)
    if not erased:
        return []
    data, _ = file.read()
    again = undone_erasures(data, erased)
    for person_id in again:
        needles = _needles_in(data, person_id) | older_needles(file, person_id)
        job = begin(file, person_id, erased[person_id], needles)
        finish(job)
    return again


def reapply_to_data(file: DatabaseFile, data: dict[str, Any]) -> None:
    """The same for data about to be written (a restore): cleaned before it goes live."""
    erased = erased_persons(file.path)
    for person_id in undone_erasures(data, erased):
        needles = _needles_in(data, person_id) | older_needles(file, person_id)
        cleaned = scrub_data(data, person_id, needles, erased[person_id])
        data.clear()
        data.update(cleaned)


# -- raw scrubbing (files that are not the live database) ---------------------------------------
def older_needles(
    file: DatabaseFile, person_id: int, other_family_names: Iterable[str] | None = None
) -> frozenset[str]:
    """What backups, copies and the log still know of the person (an e-mail changed since).

    A family name the log knows counts alone only if no other person bears it: those of
    ``other_family_names``, else of the database file."""
    found, families = audit.person_values(file.path, person_id)
    if families:
        if other_family_names is None:
            persons = persons_of(read_regular_file(file.path)[0], file.path)["persons"]
            other_family_names = [
                doc["family_name"]
                for key, doc in persons.items()
                if key != str(person_id) and isinstance(doc, dict) and isinstance(doc.get("family_name"), str)
            ]
        borne = {match_key(name) for name in other_family_names}
        found |= {name for name in families if match_key(name) not in borne}
    for path in [*file.backup_paths(), *known_copies(file.path)]:
        data = _persons(path)  # None: gone, or unreadable: it cannot be cleaned either (a backup is removed)
        found |= _needles_in(data, person_id) if data is not None else set()
    return frozenset(n for n in found if len(n.strip()) >= 3)


def _persons(path: Path) -> dict[str, Any] | None:
    """The persons table of a database file beside the live one (None: gone or unreadable)."""
    try:
        return persons_of(read_regular_file(path)[0], path)
    except (OSError, StoreError):
        return None


def _readable(path: Path) -> bool:
    """Whether the erasure can clean the database file (without decoding it whole)."""
    try:
        return readable(read_regular_file(path)[0], path)
    except (OSError, StoreError):
        return False


def _needles_in(data: dict[str, Any], person_id: int) -> set[str]:
    """The person's needles as the erasure has them, the family name alone included when no
    other person of this file bears it (as ``needles_of`` does with a snapshot)."""
    person = person_in(data, person_id)
    if person is None or person.erased_on is not None:
        return set()
    persons = data.get("persons", {})
    others = [
        doc["family_name"]
        for key, doc in (persons.items() if isinstance(persons, dict) else ())
        if key != str(person_id) and isinstance(doc, dict) and isinstance(doc.get("family_name"), str)
    ]
    return needles_of(person, other_family_names=others)


def _write_keeping_time(path: Path, payload: bytes | list[bytes | memoryview]) -> None:
    st = os.stat(path)
    write_atomic(path, payload, mode=stat.S_IMODE(st.st_mode), group_of=path)
    # The backup keeps its time: it still is the version saved then, only without the person.
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def finish_before_reading(db: Path) -> None:
    """Before the log is read: an erasure a killed program left unfinished is finished first (it
    needs the right to write; without it the log is not shown while it may still hold the
    erased person's data)."""
    if not journal_path(db).exists():
        return
    file = DatabaseFile(db)
    if file.write_problem() is not None:
        raise StoreError(
            "Eine DSGVO-Löschung wurde unterbrochen; das Änderungsprotokoll wird erst gezeigt, wenn sie "
            "abgeschlossen ist (herford-tui einmal mit Schreibrecht auf die Datenbank öffnen)."
        )
    finish_pending(file)
