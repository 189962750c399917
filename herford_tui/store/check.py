"""``herford-tui check``: read the database file and report every problem in German.

The check only reads: it takes no lock, writes nothing and leaves even the
lock file alone, so it is safe while colleagues work with the app. It looks at
four layers, each only as far as the one before allows:

1. the file itself (there, readable, JSON, the layout of a herford-tui database,
   a schema version this program knows); if that fails the report names the
   readable backups that could replace the file;
2. every record decodes into its domain type;
3. and 4. every record as a save would check it (``Snapshot.check``, in its words):
   references between records, the single-record rules of ``domain/validation.py`` and
   the rules across records (seat counts, one person twice on one seat, one chair at a
   time, overlapping meetings);
5. beside the file: the audit log's hash chain (``store/audit.py``: a changed, deleted,
   inserted or cut entry, a missing log) and the DSGVO erasures (an erased person back in
   the file, an erasure left unfinished; ``store/personal_files.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from herford_tui.domain.directory import count_text
from herford_tui.domain.labels import format_date
from herford_tui.domain.models import Committee, Meeting, Membership, Organisation, Person, Record
from herford_tui.domain.roles import later_concurrent_chairs
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import shorten
from herford_tui.store import migrations
from herford_tui.store.codec import LABELS, TABLES, TYPES, decode
from herford_tui.store.errors import CorruptFileError, FileVanishedError, NotADatabaseError, StoreError
from herford_tui.store.files import DatabaseFile, gc_paused, parse, read_regular_file

MAX_MESSAGE = 240
"""Decode errors quote the bad value; a long list is cut so one problem stays one line."""


@dataclass
class Report:
    path: Path
    fatal: str | None = None
    """The file could not be checked at all (missing, unreadable, not a database)."""
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Worth knowing, but not wrong (e.g. an old format the app upgrades on opening)."""
    counts: dict[str, int] = field(default_factory=dict)
    backups: list[Path] = field(default_factory=list)
    """Readable backups, newest first; only looked for when the file itself is unusable."""
    offer_backups: bool = True
    """False when the file is fine but out of reach (permissions, I/O): a backup would not help."""
    refused: int = 0
    """How many of ``problems`` are records the app cannot read: it refuses to open the file then."""

    @property
    def ok(self) -> bool:
        return self.fatal is None and not self.problems

    @property
    def exit_code(self) -> int:
        """0 all good, 1 problems in the data, 2 the file could not be checked or the app refuses it."""
        if self.fatal is not None or self.refused:
            return 2
        return 1 if self.problems else 0

    def lines(self) -> list[str]:
        out = [f"Prüfe {self.path} …"]
        if self.fatal is not None:
            out.append(f"Fehler: {self.fatal}")
            if self.offer_backups:
                out += self._backup_lines()
            return out
        counted = ", ".join(_count(n, *LABELS[table]) for table, n in self.counts.items())
        out.append(f"{counted} geprüft.")
        out += [f"Hinweis: {note}" for note in self.notes]
        if self.refused:
            out.append(
                f"Fehler: {_count(self.refused, 'Eintrag ist', 'Einträge sind')} nicht lesbar; "
                "herford-tui öffnet die Datei so nicht (siehe unten)."
            )
        if not self.problems:
            out.append("OK: keine Probleme gefunden.")
        else:
            out.append(f"{_count(len(self.problems), 'Problem', 'Probleme')}:")
            out += [f"  {p}" for p in self.problems]
        return out

    def _backup_lines(self) -> list[str]:
        if not self.backups:
            return [f"Es gibt keine lesbare Sicherung ({self.path.name}.1.bak … neben der Datei)."]
        newest = self.backups[0]
        return [
            "Lesbare Sicherungen (die neueste zuerst):",
            *(f"  {b}" for b in self.backups),
            "Wiederherstellen: alle herford-tui-Fenster schließen, die Sicherung prüfen "
            f"(herford-tui check --db {newest}) und dann an die Stelle der Datei kopieren "
            f"(cp {newest} {self.path}).",
        ]


def check_file(path: Path | str, *, log: bool = True) -> Report:
    """Check the database at ``path``; never writes anything.

    ``log``: also verify its audit log's hash chain and the DSGVO erasures (not for a backup,
    whose log is the live one).
    """
    report = Report(Path(path))
    with gc_paused():  # decoding builds ~10^6 long-lived objects: the collector's passes cost a third
        data = _read(report)
        if data is None:
            return report
        if log and not _is_rotating_backup(report.path):
            _check_log(data, report)
        records = _decode_all(data, report)
        if report.refused:
            # The app does not open the file until every record reads; a rule across records
            # would only report the unreadable ones again as missing.
            report.notes.append("Die Regeln über mehrere Einträge werden geprüft, sobald alle Einträge lesbar sind.")
        else:
            _check_rules(records, report, migrations.version_of(data))
    return report


# -- layer 1: the file -----------------------------------------------------------------------
def _read(report: Report) -> dict[str, Any] | None:
    path = report.path
    dbfile = DatabaseFile(path)  # only for its backup names; its lock is never taken
    try:
        raw, _ = read_regular_file(path, "Prüfen")
        data = parse(raw, path, list)
    except FileVanishedError:
        return _fatal(report, dbfile, "Die Datei gibt es nicht.")
    except CorruptFileError as exc:
        return _fatal(report, dbfile, f"Die Datei ist beschädigt: {exc.problem}.")
    except NotADatabaseError as exc:
        return _fatal(report, dbfile, f"Die Datei ist keine herford-tui-Datenbank: {exc.problem}.")
    except StoreError as exc:  # no permission, I/O error …: the same words as the app
        report.offer_backups = False
        report.fatal = str(exc)
        return None

    known = set(TYPES) | {migrations.META}
    meta = data.get(migrations.META)
    version = 0
    if meta is not None:
        doc = meta.get("1")
        schema = doc.get("schema") if isinstance(doc, dict) else None
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
            return _fatal(report, dbfile, "Die Tabelle „meta“ hat keine gültige Formatnummer (schema).")
        version = schema
    if version > migrations.SCHEMA_VERSION:
        return _fatal(
            report,
            dbfile,
            f"Die Datei hat das Format {version}, dieses Programm kennt nur bis "
            f"{migrations.SCHEMA_VERSION}. Bitte herford-tui aktualisieren.",
        )
    if version < migrations.SCHEMA_VERSION:
        report.notes.append(
            f"Die Datei hat das alte Format {version}; herford-tui bringt sie beim nächsten Öffnen "
            f"auf Format {migrations.SCHEMA_VERSION}."
        )
    for table in data:
        if table not in known:
            report.problems.append(f"Unbekannte Tabelle „{table}“ (wird vom Programm nicht gelesen).")
    if version >= 1 and isinstance(meta, dict):
        _check_counters(data, meta["1"], report)
    leftovers = list(path.parent.glob(f".{path.name}.tmp-*"))
    if leftovers:
        report.notes.append(
            f"{count_text(len(leftovers), 'Zwischendatei', 'Zwischendateien')} eines abgebrochenen Speicherns "
            f"({leftovers[0].name}); "
            "sie werden beim nächsten Speichern entfernt."
        )
    return data


def _fatal(report: Report, dbfile: DatabaseFile, message: str) -> dict[str, Any] | None:
    """Mark the file as not checkable; returns None (no data) for ``return _fatal(...)``."""
    report.fatal = message
    report.backups = dbfile.readable_backups()
    return None


def _check_counters(data: dict[str, Any], meta: dict[str, Any], report: Report) -> None:
    """New ids come from these counters; the store lifts one that lags behind on its next save."""
    counters = meta.get("counters")
    if not isinstance(counters, dict):
        report.notes.append("Die Tabelle „meta“ hat keine Zähler für neue Nummern (counters).")
        return
    for table in TYPES:
        ids = [int(k) for k in data.get(table, {}) if _is_id(k)]
        if not ids:
            continue
        counter = counters.get(table)
        if not isinstance(counter, int) or isinstance(counter, bool) or counter < max(ids):
            report.notes.append(
                f"Der Zähler für neue {LABELS[table][1]} ({counter!r}) liegt unter der höchsten "
                f"vorhandenen Nummer {max(ids)} (von Hand geändert?); herford-tui zieht ihn beim "
                "nächsten Speichern nach."
            )


def _is_rotating_backup(path: Path) -> bool:
    """``herford.json.3.bak``: its log is the live database's, which has gone on since."""
    stem, _, number = path.name.removesuffix(".bak").rpartition(".")
    return path.name.endswith(".bak") and bool(stem) and number.isdigit()


def _check_log(data: dict[str, Any], report: Report) -> None:
    """The audit log's chain (see ``store/audit.py``) and the erasures (``store/personal_files.py``)."""
    from herford_tui.store import audit, personal_files

    db = report.path
    if personal_files.journal_path(db).exists():
        report.notes.append("Eine DSGVO-Löschung wurde unterbrochen; herford-tui schließt sie beim nächsten Öffnen ab.")
        return  # the log is being rewritten: its chain is checked once the erasure is done
    report.problems += audit.verify(db, data)
    erased = personal_files.erased_persons(db)
    for person_id in personal_files.undone_erasures(data, erased):
        report.problems.append(
            f"Person {person_id} wurde am {format_date(erased[person_id])} nach DSGVO gelöscht, die Datei enthält "
            "ihre Daten aber wieder (zurückkopierte Sicherung?); herford-tui löscht sie beim nächsten Öffnen erneut."
        )


# -- layer 2: records ------------------------------------------------------------------------
@dataclass
class _Records:
    committees: dict[int, Committee] = field(default_factory=dict)
    organisations: dict[int, Organisation] = field(default_factory=dict)
    persons: dict[int, Person] = field(default_factory=dict)
    memberships: dict[int, Membership] = field(default_factory=dict)
    meetings: dict[int, Meeting] = field(default_factory=dict)
    present: dict[str, set[int]] = field(default_factory=dict)
    """Every id in each table, also of records that did not decode (reported once, not per reference)."""

    def has(self, table: str, record_id: int) -> bool:
        return record_id in self.present[table]


def _decode_all(data: dict[str, Any], report: Report) -> _Records:
    records = _Records()
    for table, cls in TYPES.items():
        rows = data.get(table, {})
        report.counts[table] = len(rows)
        target = getattr(records, table)
        singular = LABELS[table][0]
        present = records.present[table] = set()
        for key, doc in rows.items():
            if not _is_id(key):
                report.problems.append(f"{singular} „{key}“: die Nummer ist keine positive ganze Zahl.")
                continue
            present.add(int(key))
            if not isinstance(doc, dict):
                report.problems.append(f"{singular} {key}: der Eintrag ist kein JSON-Objekt.")
                continue
            try:
                target[int(key)] = decode(cls, doc, doc_id=int(key))
            except Exception as exc:  # any bad value must become a line of the report
                report.problems.append(f"{singular} {key}: {_shorten(str(exc))}")
                report.refused += 1
    return records


def _is_id(key: str) -> bool:
    return key.isdigit() and int(key) > 0


def _shorten(text: str) -> str:
    return shorten(text, MAX_MESSAGE)


# -- layers 3 and 4: the rules of a save -----------------------------------------------------
def _check_rules(r: _Records, report: Report, version: int) -> None:
    """Every record as if it were saved now: ``Snapshot.check``, the store's own validation, so
    ``check`` and a save say the same in the same words (references, values, seats, chairs)."""
    snapshot = Snapshot(
        committees=r.committees,
        organisations=r.organisations,
        persons=r.persons,
        memberships=r.memberships,
        meetings=r.meetings,
    )
    upgraded = _chairs_the_upgrade_shares(r, report) if version < 2 else set()
    seen: set[str] = set()
    for table in TABLES.values():
        for record in getattr(r, table).values():
            for problem in snapshot.check(record):
                if problem.field == "role" and record.id in upgraded and isinstance(record, Membership):
                    continue  # said as a note: the upgrade makes the later chair a Co-Vorsitz
                line = f"{_name(record)}: {problem}"
                if line not in seen:
                    seen.add(line)
                    report.problems.append(line)


def _chairs_the_upgrade_shares(r: _Records, report: Report) -> set[int]:
    """An older file may hold two chairs at once; opening it turns the later into Co-Vorsitz.
    Noted, not a problem; returns the memberships of those pairs."""
    involved: set[int] = set()
    for later, kept in later_concurrent_chairs(r.memberships.values()):
        committee = r.committees.get(later.committee_id)
        where = f"Gremium „{committee.name}“" if committee else f"Gremium {later.committee_id}"
        report.notes.append(
            f"{where}: zwei Vorsitze gleichzeitig (Mitgliedschaften {kept.id} und {later.id}); "
            f"beim nächsten Öffnen wird {later.id} zum Co-Vorsitz."
        )
        involved |= {later.id, kept.id}
    return involved


# -- wording ---------------------------------------------------------------------------------
def _name(record: Record) -> str:
    match record:
        case Committee():
            return f"Gremium {record.id} („{record.name}“)" if record.name else f"Gremium {record.id}"
        case Organisation():
            return f"Organisation {record.id} („{record.name}“)" if record.name else f"Organisation {record.id}"
        case Person():
            name = record.sort_name
            return f"Person {record.id} ({name})" if name else f"Person {record.id}"
        case Membership():
            return f"Mitgliedschaft {record.id}"
        case Meeting():
            return f"Sitzung {record.id} ({format_date(record.date)})" if record.date else f"Sitzung {record.id}"
    return str(record)


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"
