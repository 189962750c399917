"""The rotating backups beside the database: list them, restore one, write a dated full backup.

``restore`` checks the backup with the same checks as ``herford-tui check``, then, under the file
lock, writes its content as the new version of the database. The normal write rotates the
current file into ``.1.bak`` first, so the state before the restore is itself a backup. Every
record the restore changes is logged (action "restore"), and each of them gets a revision above
both versions, so a form still open on the newer data reports a conflict instead of overwriting.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from herford_tui.store import audit, log_reader, personal_files
from herford_tui.store.check import LABELS, check_file
from herford_tui.store.codec import TYPES
from herford_tui.store.errors import StoreError
from herford_tui.store.files import DatabaseFile, create_folder, parse, read_regular_file, write_atomic
from herford_tui.store.migrations import META

RESTORE_LOCK_WAIT = 1.0
"""A save holds the lock for milliseconds; one still holding it after this is refused, not waited for."""
SKIP = ("rev", "created", "modified")


class RestoreRefused(StoreError):
    """The restore did not happen; ``str()`` says why in German."""


@dataclass
class BackupInfo:
    number: int
    path: Path
    modified: datetime | None = None
    size: int = 0
    readable: bool = False
    changes: Counter[tuple[str, str]] = field(default_factory=Counter)
    """What the next newer version changed, e.g. {("persons", "geändert"): 1}."""
    users: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.readable:
            return "nicht lesbar"
        if not self.changes:
            return "danach keine Änderung an Einträgen"
        return f"danach: {describe(self.changes)}" + (f" (von {', '.join(self.users)})" if self.users else "")


def list_backups(db: Path, backups: int = 5) -> list[BackupInfo]:
    file = DatabaseFile(Path(db), backups=backups)
    found: list[BackupInfo] = []
    newer = _load(file.path)
    entries = _log_entries(file.path)
    for number, path in enumerate(file.backup_paths(), start=1):
        try:
            st = path.stat()
        except OSError:
            continue
        info = BackupInfo(number, path, datetime.fromtimestamp(st.st_mtime, UTC), st.st_size)
        data = _load(path)
        if data is not None:
            info.readable = True
            if newer is not None:
                info.changes = diff_counts(data, newer)
                low, high = audit.version_of(data), audit.version_of(newer)
                info.users = sorted({e.get("user", "?") for e in entries if low < e.get("v", 0) <= high})
        found.append(info)
        newer = data if data is not None else newer
    return found


def _load(path: Path) -> dict[str, Any] | None:
    try:
        raw, _ = read_regular_file(path)
        return parse(raw, path, list)
    except (OSError, StoreError):
        return None


def _log_entries(db: Path) -> list[dict[str, Any]]:
    try:
        return log_reader.read_entries(db)
    except StoreError:
        return []


def _docs(data: dict[str, Any], table: str) -> dict[str, dict[str, Any]]:
    docs = data.get(table, {})
    return docs if isinstance(docs, dict) else {}


def _content(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in SKIP}


def diff_counts(old: dict[str, Any], new: dict[str, Any]) -> Counter[tuple[str, str]]:
    """How many records of each table ``new`` adds, changes or removes compared with ``old``."""
    counts: Counter[tuple[str, str]] = Counter()
    for table in TYPES:
        before, after = _docs(old, table), _docs(new, table)
        for doc_id in before.keys() | after.keys():
            a, b = before.get(doc_id), after.get(doc_id)
            if a is None:
                counts[(table, "neu")] += 1
            elif b is None:
                counts[(table, "gelöscht")] += 1
            elif _content(a) != _content(b):
                counts[(table, "geändert")] += 1
    return counts


def describe(counts: Counter[tuple[str, str]]) -> str:
    """ "1 Person geändert, 2 Mitgliedschaften gelöscht" (tables in their usual order)."""
    order = list(TYPES)
    parts = []
    for (table, what), n in sorted(counts.items(), key=lambda item: (order.index(item[0][0]), item[0][1])):
        singular, plural = LABELS[table]
        parts.append(f"{n} {singular if n == 1 else plural} {what}")
    return ", ".join(parts)


# -- restore ----------------------------------------------------------------------------------
@dataclass
class Restored:
    number: int
    changes: Counter[tuple[str, str]]


def restore_source(db: Path, number: int | None = None, source: Path | None = None, backups: int = 5) -> Path:
    """The file a restore of backup ``number`` (or of the copy ``source``) reads; ``RestoreRefused``
    when there is none, so a command can say so before it asks whether to restore."""
    if source is not None:
        if not Path(source).exists():
            raise RestoreRefused(f"Die Sicherung {source} gibt es nicht.")
        return Path(source)
    paths = DatabaseFile(Path(db), backups=backups).backup_paths()
    if number is None or not 1 <= number <= len(paths):
        raise RestoreRefused(f"Sicherung {number} gibt es nicht (1 bis {len(paths)}).")
    if not paths[number - 1].exists():
        raise RestoreRefused(f"Sicherung {number} ({paths[number - 1]}) gibt es nicht.")
    return paths[number - 1]


def restore(db: Path, number: int, backups: int = 5) -> Restored:
    file = DatabaseFile(Path(db), backups=backups)
    return _restore_from(file, restore_source(db, number, backups=backups), number)


def restore_copy(db: Path, source: Path, backups: int = 5) -> Restored:
    """Restore a ``backup --nach`` copy (or any other herford-tui file) into the database."""
    file = DatabaseFile(Path(db), backups=backups)
    return _restore_from(file, restore_source(db, source=Path(source), backups=backups), 0)


def _restore_from(file: DatabaseFile, source: Path, number: int) -> Restored:
    """``number`` 0: a copy from elsewhere. Persons erased since the source was written are
    erased in what is restored before it is written (``personal_files.reapply_to_data``)."""
    personal_files.finish_pending(file)  # an interrupted erasure is done before anything is read
    what = f"Sicherung {number}" if number else f"Die Sicherung {source}"
    lock = FileLock(str(file.lock_path), timeout=RESTORE_LOCK_WAIT, mode=file.file_mode(), thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise RestoreRefused(
            "Die Datenbank ist gerade gesperrt, weil jemand speichert. Nichts wurde wiederhergestellt; "
            "bitte gleich noch einmal versuchen."
        ) from None
    try:
        report = check_file(source, log=False)  # under the lock: no rotation can move the file meanwhile
        if not report.ok:
            details = "; ".join([*([report.fatal] if report.fatal else []), *report.problems[:5]])
            raise RestoreRefused(f"{what} hat Probleme und wird nicht eingespielt: {details}")
        restored = parse(read_regular_file(source)[0], source, list)
        personal_files.reapply_to_data(file, restored)
        current, _ = file.read()
        changes = diff_counts(current, restored)
        _carry_forward(current, restored)
        version = audit.version_of(current) + 1
        head = audit.append(
            file.path, version - 1, _restore_entries(current, restored, version, number), mode=file.file_mode()
        )
        audit.stamp_data(restored, version, head)
        file.write(restored)
    finally:
        lock.release()
    return Restored(number, changes)


def _carry_forward(current: dict[str, Any], restored: dict[str, Any]) -> None:
    """Id counters never go back (a deleted id is never reused); changed records get a newer revision."""
    now_counters = current.get(META, {}).get("1", {}).get("counters", {})
    head = restored.setdefault(META, {}).setdefault("1", {})
    counters = dict(head.get("counters", {}))
    for table, value in now_counters.items():
        counters[table] = max(counters.get(table, 0), value)
    head["counters"] = counters
    for table in TYPES:
        now_docs = _docs(current, table)
        for doc_id, doc in _docs(restored, table).items():
            newer = now_docs.get(doc_id)
            if newer is not None and _content(newer) != _content(doc):
                doc["rev"] = max(int(newer.get("rev", 0)), int(doc.get("rev", 0))) + 1


def _restore_entries(current: dict[str, Any], restored: dict[str, Any], version: int, number: int) -> list[dict]:
    stamp = audit.stamp(version)
    source = f"Sicherung {number}" if number else "Sicherungskopie"
    entries = []
    for table in TYPES:
        before, after = _docs(current, table), _docs(restored, table)
        for doc_id in sorted(before.keys() | after.keys(), key=int):
            a, b = _content(before.get(doc_id) or {}), _content(after.get(doc_id) or {})
            if a == b:
                continue
            doc = after.get(doc_id) or before.get(doc_id) or {}
            changes = {
                k: [a.get(k), b.get(k)]
                for k in sorted(a.keys() | b.keys())
                if a.get(k) != b.get(k) and not (a.get(k) in audit.EMPTY and b.get(k) in audit.EMPTY)
            }
            action = "restore-insert" if not a else "restore-delete" if not b else "restore-update"
            label = _raw_label(table, doc, current, restored)
            entries.append(
                stamp
                | {
                    "action": action,
                    "table": table,
                    "id": int(doc_id),
                    "label": f"{label} ({source})" if label else source,
                    "refs": _raw_refs(table, int(doc_id), doc),
                    "changes": changes,
                }
            )
    return entries


def _raw_label(table: str, doc: dict[str, Any], *datas: dict[str, Any]) -> str:
    """A name for a record of the raw file, as the log shows it (memberships: person – committee)."""
    if table == "persons":
        return " ".join(str(doc.get(k) or "") for k in ("title", "given_name", "family_name") if doc.get(k)).strip()
    if table in ("memberships", "meetings"):
        person = _raw_find(datas, "persons", doc.get("person_id"))
        committee = _raw_find(datas, "committees", doc.get("committee_id"))
        who = _raw_label("persons", person) if person else ""
        where = str(committee.get("name", "")) if committee else ""
        if table == "meetings":
            return " am ".join(x for x in (where, str(doc.get("date") or "")) if x)
        return " – ".join(x for x in (who, where) if x)
    return str(doc.get("name") or "")


def _raw_find(datas: tuple[dict[str, Any], ...], table: str, doc_id: Any) -> dict[str, Any] | None:
    for data in datas:
        found = _docs(data, table).get(str(doc_id))
        if found is not None:
            return found
    return None


def _raw_refs(table: str, doc_id: int, doc: dict[str, Any]) -> dict[str, int]:
    if table == "persons":
        return {"person": doc_id}
    if table == "committees":
        return {"committee": doc_id}
    refs = {}
    if table == "memberships" and isinstance(doc.get("person_id"), int):
        refs["person"] = doc["person_id"]
    if isinstance(doc.get("committee_id"), int):
        refs["committee"] = doc["committee_id"]
    return refs


# -- dated full backup ------------------------------------------------------------------------
def dated_backup(db: Path, folder: Path, now: datetime | None = None) -> list[Path]:
    """Copy the database (and its audit log) to ``folder`` under a dated name; refuse a corrupt file.

    No lock needed for the copy: writers replace the file in one step, so one read gives one whole
    version. The copy is listed beside the database (``personal_files.remember_copy``) so that a
    later DSGVO erasure cleans it too. New folders get the database's rights (plus x to enter).
    """
    db = Path(db)
    file = DatabaseFile(db)
    if file.write_problem() is None and db.exists():
        personal_files.finish_pending(file)  # never copy a half-done erasure
    raw, _ = read_regular_file(db, "Sichern")
    data = parse(raw, db, list)  # a corrupt file is no backup: CorruptFileError says why
    mode = file.file_mode()
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    create_folder(folder, mode=folder_mode(mode))
    target = folder / f"{db.stem}-{stamp}{db.suffix}"
    logs = audit.log_files(db)
    version = audit.version_of(data)
    written = []
    for log in logs:
        # the current log may hold entries of a save under way: the copy keeps only its version's
        payload = b"".join(
            line + b"\n" for line in audit.read_log_file(log).split(b"\n")[:-1] if audit.line_version(line) <= version
        )
        suffix = log.name[len(audit.log_path(db).name) :]  # "" or ".3" for a part
        name = audit.log_path(target).with_name(audit.log_path(target).name + suffix)
        write_atomic(name, payload, mode=mode, overwrite=False, group_of=db)
        written.append(name)
    write_atomic(target, raw, mode=mode, overwrite=False, group_of=db)
    if file.write_problem() is None:
        personal_files.remember_copy(file, target)
    return [target, *written]


def folder_mode(file_mode: int) -> int:
    """A folder for files of ``file_mode``: whoever may read them may enter it; setgid keeps the group."""
    return 0o2000 | file_mode | ((file_mode & 0o444) >> 2)


__all__ = ["BackupInfo", "RestoreRefused", "Restored", "dated_backup", "list_backups", "restore"]
