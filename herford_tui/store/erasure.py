"""DSGVO erasure (Art. 17) and disclosure (Art. 15) on the database file and its backups.

The erasure runs under the file lock from start to end: it saves the placeholder and the
scrubbed records like any other change (so colleagues' open edits get a conflict, not a
silent overwrite), then rewrites every rotating backup (``herford.json.N.bak``), each one
atomically, so that the person's name, e-mail and phone survive in none of the files.

Other files beside the database that hold personal data (the audit log of issue 10) take
part through ``register``: their hook lists a person's entries for the Auskunft and erases
them inside the same lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from herford_tui.domain.dsgvo import (
    Disclosure,
    PersonNotFound,
    anonymised,
    disclosure,
    erasure_plan,
    needles_of,
    scrub_text,
    scrub_value,
)
from herford_tui.domain.models import Person
from herford_tui.store.codec import DecodeError, decode, encode
from herford_tui.store.errors import CorruptFileError, NotADatabaseError, NotFoundError
from herford_tui.store.files import DatabaseFile, parse
from herford_tui.store.migrations import META
from herford_tui.store.store import Store


class PersonalDataHook(Protocol):
    """A file beside the database that holds personal data (e.g. the audit log)."""

    def entries(self, db_path: Path, person_id: int) -> list[dict[str, Any]]:
        """The person's entries, for the Auskunft."""
        ...

    def erase(self, db_path: Path, person_id: int, needles: frozenset[str]) -> None:
        """Remove the person's data; called while the database lock is held."""
        ...


HOOKS: list[PersonalDataHook] = []
HOOK_MODULES = ("herford_tui.store.audit",)
"""Modules that register a hook when imported; missing ones are skipped."""


def register(hook: PersonalDataHook) -> None:
    if hook not in HOOKS:
        HOOKS.append(hook)


def _load_hooks() -> list[PersonalDataHook]:
    for name in HOOK_MODULES:
        with contextlib.suppress(ModuleNotFoundError):
            importlib.import_module(name)
    return HOOKS


@dataclasses.dataclass(frozen=True)
class ErasureResult:
    person_id: int
    records: int
    """Records saved in the database (the placeholder and what mentioned the person)."""
    backups_rewritten: list[Path]
    backups_removed: list[Path]
    """Unreadable backups: they could not be cleaned, so they are gone."""

    def summary(self) -> str:
        text = f"Personenbezogene Daten von Person {self.person_id} gelöscht ("
        text += f"{_count(self.records, 'Eintrag', 'Einträge')} angepasst"
        text += f", {_count(len(self.backups_rewritten), 'Sicherung', 'Sicherungen')} bereinigt"
        if self.backups_removed:
            text += f", {_count(len(self.backups_removed), 'unlesbare Sicherung', 'unlesbare Sicherungen')} entfernt"
        return text + ")."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def person_disclosure(store: Store, person_id: int, today: date) -> Disclosure:
    """The Art. 15 report; audit entries come from the registered hooks (none: no log kept)."""
    hooks = _load_hooks()
    audit = [entry for hook in hooks for entry in hook.entries(store.path, person_id)] if hooks else None
    try:
        report = disclosure(store.snapshot(), person_id, today, audit)
    except PersonNotFound as exc:
        raise NotFoundError(str(exc)) from None
    data, _ = store.file.read()  # the record's stored times are not part of the domain record
    doc = data.get("persons", {}).get(str(person_id), {})
    report.record_times = {key: doc[key] for key in ("created", "modified") if isinstance(doc.get(key), str)}
    return report


def erase_person(store: Store, person_id: int, today: date) -> ErasureResult:
    """Erase ``person_id`` from the database, its backups and the registered files.

    Two steps, each under the file lock (it is not re-entrant): the save, then the backups.
    A colleague's save in between only rotates already erased versions into the backups.
    """
    with store._mutex:  # no other thread of this program in between
        snapshot = store.snapshot()
        person = snapshot.persons.get(person_id)
        if person is None:
            raise NotFoundError(f"Eine Person mit der Nummer {person_id} gibt es nicht.")
        # An older version may hold an e-mail or phone number changed since.
        older = _older_needles(store.file, person_id)
        plan = erasure_plan(snapshot, person_id, today, older)
        store.save_all(list(plan.records))  # takes the lock; rotates the old version into .1.bak
        rewritten: list[Path] = []
        removed: list[Path] = []
        with store.file.locked():
            needles = plan.needles | _older_needles(store.file, person_id)
            for path, data in _read_backups(store.file).items():
                if data is None:
                    path.unlink()
                    removed.append(path)
                elif _rewrite_backup(path, data, person_id, needles, today):
                    rewritten.append(path)
            for hook in _load_hooks():
                hook.erase(store.path, person_id, needles)
    return ErasureResult(person_id, len(plan.records), rewritten, removed)


def _older_needles(file: DatabaseFile, person_id: int) -> frozenset[str]:
    return frozenset(n for data in _read_backups(file).values() if data for n in _needles_in(data, person_id))


def _read_backups(file: DatabaseFile) -> dict[Path, dict[str, Any] | None]:
    """Every backup present, parsed; None for one that does not parse."""
    found: dict[Path, dict[str, Any] | None] = {}
    for path in file.backup_paths():
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            continue
        try:
            found[path] = parse(raw, path, list)
        except (CorruptFileError, NotADatabaseError):
            found[path] = None
    return found


def _person_in(data: dict[str, Any], person_id: int) -> Person | None:
    doc = data.get("persons", {}).get(str(person_id))
    if not isinstance(doc, dict):
        return None
    try:
        return decode(Person, doc, doc_id=person_id)
    except (DecodeError, ValueError, TypeError):
        return None


def _needles_in(data: dict[str, Any], person_id: int) -> set[str]:
    person = _person_in(data, person_id)
    return needles_of(person) if person is not None and person.erased_on is None else set()


def scrub_data(data: dict[str, Any], person_id: int, needles: Iterable[str], today: date) -> dict[str, Any]:
    """A raw database (a backup) with the same erasure applied as to the live file."""
    needles = frozenset(needles)
    out: dict[str, Any] = {}
    for table, docs in data.items():
        if table == META:
            out[table] = docs
            continue
        cleaned = {}
        for doc_id, doc in docs.items():
            if table == "persons" and doc_id == str(person_id):
                cleaned[doc_id] = _placeholder_doc(doc, person_id, today)
            elif table == "persons":
                notes = doc.get("notes")
                cleaned[doc_id] = doc | {"notes": scrub_text(notes, needles)} if isinstance(notes, str) else doc
            elif table == "memberships" and doc.get("person_id") == person_id:
                cleaned[doc_id] = scrub_value(doc, needles) | {"notes": ""}
            else:
                cleaned[doc_id] = scrub_value(doc, needles)
        out[table] = cleaned
    return out


def _placeholder_doc(doc: dict[str, Any], person_id: int, today: date) -> dict[str, Any]:
    person = _person_in({"persons": {str(person_id): doc}}, person_id) or Person(id=person_id, rev=doc.get("rev", 1))
    stamps = {key: doc[key] for key in ("created", "modified") if isinstance(doc.get(key), str)}
    return encode(anonymised(person, today)) | stamps


def _rewrite_backup(path: Path, data: dict[str, Any], person_id: int, needles: frozenset[str], today: date) -> bool:
    cleaned = scrub_data(data, person_id, needles, today)
    if cleaned == data:
        return False
    st = os.stat(path)
    DatabaseFile(path, backups=0).write(cleaned)  # temp file, fsync, rename: atomic per file
    # The backup keeps its time: it still is the version saved then, only without the person.
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    return True
