"""DSGVO erasure (Art. 17) and disclosure (Art. 15) of one person, across every file.

Which files there are and how each is cleaned is the inventory's (``store/personal_files.py``).
An erasure runs in three steps:

1. ``personal_files.begin``: the journal (``<db>.erasing``) and the person's number in the list
   of erased persons (``<db>.erased``), so a kill at any later point is finished by the next
   program that opens the file, and a restored older file gets the erasure again;
2. the store saves the placeholder and the scrubbed records like any other change (a colleague's
   open edit gets a conflict, not a silent overwrite); in the same transaction the audit log is
   cleaned and re-chained and gets one entry that says only who erased which number when;
3. ``personal_files.finish``: every other kind of file (the rotating backups, known
   ``backup --nach`` copies, temp files) is cleaned under the lock, then the journal goes.
"""

from __future__ import annotations

import contextlib
import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

from herford_tui.domain.dsgvo import Disclosure, PersonNotFound, disclosure, erasure_plan, needles_of
from herford_tui.domain.labels import format_date
from herford_tui.domain.models import Membership
from herford_tui.store import audit, log_reader, personal_files, written
from herford_tui.store.errors import NotFoundError
from herford_tui.store.files import gc_paused
from herford_tui.store.store import Store


@dataclasses.dataclass(frozen=True)
class ErasureResult:
    person_id: int
    records: int
    """Records saved in the database (the placeholder and what mentioned the person)."""
    files: dict[str, int]
    """Per kind of file (``personal_files.KINDS``): how many were cleaned."""
    unreachable: list[Path] = dataclasses.field(default_factory=list)
    """Known ``backup --nach`` copies that could not be cleaned (gone, not mounted, unreadable)."""
    ended: int = 0
    """The person's memberships ended (or, not yet begun, removed) on the erasure day."""
    day: date | None = None
    exports: list[Path] = dataclasses.field(default_factory=list)
    """Files the program wrote for the user (``store/written.py``) that still name the person."""
    unsearchable: list[Path] = dataclasses.field(default_factory=list)
    """Such files that may name the person (a PDF cannot be searched)."""
    shared: tuple[str, ...] = ()
    """The person's names a namesake bears (``dsgvo.shared_names``): left in texts, to check by hand."""
    ambiguous: list[Path] = dataclasses.field(default_factory=list)
    """Written files that hold only such a name: they may be about the namesake, to check by hand."""

    @property
    def backups_cleaned(self) -> int:
        return self.files.get("backups", 0)

    def summary(self, *, with_files: bool = True) -> str:
        """German; ``with_files``: with ``left_files`` (the app shows those apart, longer)."""
        text = f"Personenbezogene Daten von Person {self.person_id} gelöscht ("
        text += f"{_count(self.records, 'Eintrag', 'Einträge')} angepasst"
        text += f", {_count(self.backups_cleaned, 'Sicherung', 'Sicherungen')} bereinigt"
        if self.files.get("copies"):
            text += f", {_count(self.files['copies'], 'Sicherungskopie', 'Sicherungskopien')} bereinigt"
        text += "; das Änderungsprotokoll nennt nur noch die Löschung)."
        if self.ended and self.day is not None:
            text += (
                f" {_count(self.ended, 'laufende Mitgliedschaft', 'laufende Mitgliedschaften')} "
                f"zum {format_date(self.day)} beendet."
            )
        if self.shared:
            # the whole name as shown ("Thomas Müller"), not "Müller, Thomas" nor "Müller" too
            shown = [name for name in self.shared if " " in name and "," not in name] or list(self.shared)
            names = " und ".join(f"„{name}“" for name in shown)
            subject, verb = ("Der Name", "blieb") if len(shown) == 1 else ("Die Namen", "blieben")
            text += (
                f" {subject} {names} {verb} in Texten (Notizen, Protokolle, Tagesordnungen) stehen, weil auch "
                "eine andere Person so heißt: bitte dort von Hand prüfen, wer gemeint ist."
            )
        left = self.left_files() if with_files else ""
        return f"{text} {left}" if left else text

    def left_files(self) -> str:
        """German: the files that still name the person and the program cannot clean (those it
        wrote for the user, copies out of reach): to be deleted by hand."""
        text = ""
        if self.exports:
            files = _count(len(self.exports), "vom Programm geschriebene Datei", "vom Programm geschriebene Dateien")
            text += (
                f" Noch mit Angaben zur Person: {files} ({_paths(self.exports)}); das Programm löscht "
                "Ihre Dateien nicht, bitte von Hand löschen."
            )
        if self.ambiguous:
            text += (
                " Mit einem Namen, den auch eine andere Person trägt (bitte prüfen, wen sie nennen, und "
                f"gegebenenfalls von Hand löschen): {_paths(self.ambiguous)}."
            )
        if self.unsearchable:
            text += (
                f" Möglicherweise mit Angaben zur Person (nicht durchsuchbar, bitte prüfen und von Hand löschen): "
                f"{_paths(self.unsearchable)}."
            )
        if self.unreachable:
            names = ", ".join(str(p) for p in self.unreachable[:3]) + (" …" if len(self.unreachable) > 3 else "")
            text += (
                f" Nicht erreichbar: {_count(len(self.unreachable), 'Sicherungskopie', 'Sicherungskopien')} "
                f"({names}); falls es sie noch gibt, bitte von Hand löschen."
            )
        return text.strip()


def _paths(paths: list[Path]) -> str:
    return ", ".join(str(p) for p in paths)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def person_disclosure(store: Store, person_id: int, today: date) -> Disclosure:
    """The Art. 15 report: the database's records, the log's entries, the files naming the person."""
    _finish_pending(store)
    entries = [e for e in _log_entries(store.path) if audit.names_person(e, person_id)]
    try:
        report = disclosure(store.snapshot(), person_id, today, entries)
    except PersonNotFound as exc:
        raise NotFoundError(str(exc)) from None
    data, _ = store.file.read()  # the record's stored times are not part of the domain record
    doc = data.get("persons", {}).get(str(person_id), {})
    report.record_times = {key: doc[key] for key in ("created", "modified") if isinstance(doc.get(key), str)}
    report.files = [(f.label, [str(p) for p in f.paths]) for f in personal_files.files_naming(store.path, person_id)]
    person = store.snapshot().persons.get(person_id)
    if person is not None and person.erased_on is None:
        snapshot = store.snapshot()
        found, maybe = written.naming(store.path, needles_of(person, snapshot))
        if found:
            report.files.append((WRITTEN_LABEL, [str(p) for p in found]))
        shared = needles_of(person, snapshot, keep_shared=True) - needles_of(person, snapshot)
        ambiguous = [p for p in written.naming(store.path, shared)[0] if p not in found] if shared else []
        if ambiguous:
            report.files.append((AMBIGUOUS_LABEL, [str(p) for p in ambiguous]))
        if maybe:
            report.files.append((UNSEARCHABLE_LABEL, [str(p) for p in maybe]))
    return report


WRITTEN_LABEL = "Vom Programm geschriebene Exporte und Dokumente (bitte von Hand löschen, wenn nicht mehr nötig)"
AMBIGUOUS_LABEL = (
    "Vom Programm geschriebene Dateien mit einem Namen, den auch eine andere Person trägt "
    "(bitte prüfen, wen sie nennen)"
)
UNSEARCHABLE_LABEL = "Vom Programm geschriebene Dateien, die die Person enthalten können (PDF, nicht durchsuchbar)"

DISCLOSURE_MODE = 0o600
"""An Auskunft is personal data handed to one person: only the one who wrote it may read it."""


def save_disclosure(path: Path, text: str, db: Path | None = None) -> str | None:
    """Write an Auskunft to a new file, atomically, noted as written for the database ``db``
    (``store/written.py``); ``FileExistsError`` if it exists (never overwritten), ``OSError`` if
    it cannot be written. Returns the note's warning, if any."""
    return written.write_recorded(db, path, text.encode("utf-8"), mode=DISCLOSURE_MODE, overwrite=False)


def _log_entries(db: Path) -> list[dict[str, Any]]:
    return log_reader.read_entries(db)


def _finish_pending(store: Store) -> None:
    if not store.read_only:
        personal_files.finish_pending(store.file)


def erase_person(store: Store, person_id: int, today: date) -> ErasureResult:
    """Erase ``person_id`` from the database and every file of the inventory."""
    _finish_pending(store)
    # gc_paused: the passes below make ~10^5 short-lived objects beside the snapshot's 10^6, and
    # each collection they would trigger walks the whole heap (x10: a second of the erasure)
    with store._mutex, gc_paused():  # no other thread of this program in between
        snapshot = store.snapshot()
        person = snapshot.persons.get(person_id)
        if person is None:
            raise NotFoundError(f"Eine Person mit der Nummer {person_id} gibt es nicht.")
        # An older version (a backup, a copy, the log) may hold an e-mail or phone changed since.
        others = (p.family_name for p in snapshot.persons.values() if p.id != person_id)
        older = personal_files.older_needles(store.file, person_id, others)
        plan = erasure_plan(snapshot, person_id, today, older)
        # the user's files: named, not touched; before the erasure takes the paths naming the
        # person off the list (``written.forget_naming``)
        exports, unsearchable = written.naming(store.path, plan.needles)
        ambiguous = [p for p in written.naming(store.path, plan.shared)[0] if p not in exports]
        job = personal_files.begin(store.file, person_id, today, plan.needles)
        try:
            store.save_erasure(list(plan.records), person_id, plan.needles, plan.deleted)
        except BaseException:
            # a refused save (not a kill): nothing was erased, so nothing is to be finished
            with contextlib.suppress(Exception):
                personal_files.cancel(job)
            raise
        files = personal_files.finish(job, saved=True)
    ended = len(plan.ended) + sum(1 for m in plan.deleted if isinstance(m, Membership) and m.person_id == person_id)
    unreachable = personal_files.unreachable_copies(store.path)
    return ErasureResult(
        person_id, len(plan.records), files, unreachable, ended, today, exports, unsearchable, plan.shared, ambiguous
    )
