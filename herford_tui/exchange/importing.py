"""Import planning: rows of tables → records, checked as a whole before anything is saved.

``plan_import`` turns every row into a domain record and checks it with the same rules as the
forms (``Snapshot.check``) against the data grown by the rows before it, and sorts the rows into
new records, changed records, unchanged ones, duplicates of existing records (reported, not
saved) and problems (by line and column). It runs without the file lock and in linear time:
the view it checks against grows in place (``_Growing``) instead of being copied per row.

A row with our number (``Nr.``) names its record: an existing one is updated (only from the
columns the file has; "nichts zu ändern" when they are equal), a missing one is created with
that number, so an export imported into a new database keeps its numbers and the rows that
point at each other. A row without a number is matched as before (same organisation name and
municipality, same person name and e-mail, same membership) or created.

The caller saves with ``Store.save_import(plan.inserts, plan.updates, plan.base)``: one short
transaction that re-checks only when a colleague changed the file meanwhile.

A directory workbook (the export "Verzeichnis": a sheet of organisations and one of persons)
is read whole, whichever of the two kinds was chosen: the organisations first, then the
persons checked against them (``DIRECTORY``); the plan's ``parts`` count each kind.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from herford_tui.domain.directory import count_text
from herford_tui.domain.duplicates import organisation_key, person_keys
from herford_tui.domain.fold import match_key
from herford_tui.domain.labels import (
    COMMITTEE_KIND,
    FIELD,
    MEETING_STATUS,
    ORG_TYPE,
    RECORD_NAME,
    ROLE,
    format_date,
    not_a_number,
    parse_date,
    parse_time,
    whole_number,
)
from herford_tui.domain.lookup import committee_label
from herford_tui.domain.models import (
    KREISWEIT,
    MUNICIPALITIES,
    TABLE_OF,
    Committee,
    Meeting,
    Membership,
    Organisation,
    Person,
    Record,
    Role,
)
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import shorten
from herford_tui.exchange.columns import COLUMNS, REQUIRED, header_key, known_key
from herford_tui.exchange.tabular import Table

KINDS = ("organisationen", "personen", "mitgliedschaften", "gremiendaten", "sitzungen")
RECORD_TYPE: dict[str, type] = {
    "organisationen": Organisation,
    "personen": Person,
    "mitgliedschaften": Membership,
    "gremiendaten": Committee,
    "sitzungen": Meeting,
}
KIND_LABEL = {kind: RECORD_NAME[TABLE_OF[cls]][1] for kind, cls in RECORD_TYPE.items()}
KIND_ONE = {kind: RECORD_NAME[TABLE_OF[cls]][0] for kind, cls in RECORD_TYPE.items()}


def kind_count(kind: str, n: int) -> str:
    """ "1 Mitgliedschaft", "2.000 Mitgliedschaften"."""
    return count_text(n, KIND_ONE[kind], KIND_LABEL[kind])


BUILDER = {
    "organisationen": "organisation",
    "personen": "person",
    "mitgliedschaften": "membership",
    "gremiendaten": "committee",
    "sitzungen": "meeting",
}
"""The ``_Builder`` method that makes a record of each kind from a row."""

Progress = Callable[[int], None]
"""Called with the number of rows just handled (for a progress bar)."""


@dataclass(frozen=True)
class LineProblem:
    line: int
    column: str
    message: str
    sheet: str = ""

    def __str__(self) -> str:
        where = (f"Blatt „{self.sheet}“, " if self.sheet else "") + f"Zeile {self.line}"
        return where + (f", {self.column}" if self.column else "") + f": {self.message}"


DIRECTORY = ("organisationen", "personen")
"""The sheets of a directory workbook, in the order they are read: persons refer to organisations."""
DIRECTORY_KIND = "verzeichnis"
KIND_LABEL[DIRECTORY_KIND] = "Verzeichnis (Organisationen und Personen)"


@dataclass
class ImportPlan:
    kind: str
    """One of ``KINDS``, or ``DIRECTORY_KIND`` for both sheets of a directory workbook."""
    base: Snapshot | None = None
    """The data the plan was checked against (``Store.save_import`` compares)."""
    inserts: list[Record] = field(default_factory=list)
    """New records: the id of the row's ``Nr.``, or a provisional negative one."""
    updates: list[Record] = field(default_factory=list)
    """Changed records, with the revision they were read in."""
    unchanged: int = 0
    problems: list[LineProblem] = field(default_factory=list)
    duplicates: list[LineProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    parts: list[ImportPlan] = field(default_factory=list)
    """A directory workbook: the plan of each kind (their records are also in this one)."""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def records(self) -> list[Record]:
        """Every record the import writes, new ones first."""
        return [*self.inserts, *self.updates]

    @property
    def nothing_to_do(self) -> bool:
        return not self.inserts and not self.updates


class _Row:
    """One row's cells by field name (only the columns the file has)."""

    def __init__(self, line: int, values: dict[str, str]):
        self.line, self.values = line, values

    def get(self, name: str) -> str:
        return self.values.get(name, "").strip()

    def has(self, name: str) -> bool:
        return name in self.values


def plan_import(
    kind: str, tables: Table | Sequence[Table], snapshot: Snapshot, progress: Progress | None = None
) -> ImportPlan:
    """Every table (sheet) whose header has the kind's required columns is read; the others
    are named in a note (a workbook may hold other sheets)."""
    from herford_tui.store.files import gc_paused

    tables = [tables] if isinstance(tables, Table) else list(tables)
    with gc_paused():  # ~10 objects per row and no cycles: the collector's passes would cost more
        if kind == DIRECTORY_KIND or (kind in DIRECTORY and directory_workbook(tables)):
            return _plan_directory(tables, snapshot, progress)
        return _plan(kind, tables, snapshot, progress)[0]


def directory_workbook(tables: Sequence[Table]) -> bool:
    """Sheets of organisations and of persons (the export "Verzeichnis"): imported together."""
    kinds = [sheet_kind(table) for table in tables]
    return all(kind in kinds for kind in DIRECTORY)


def _plan_directory(tables: list[Table], snapshot: Snapshot, progress: Progress | None) -> ImportPlan:
    """The organisations' sheets, then the persons' checked against the data grown by them."""
    plan = ImportPlan(DIRECTORY_KIND, base=snapshot)
    kinds = [sheet_kind(table) for table in tables]
    for table, kind in zip(tables, kinds, strict=True):
        if kind not in DIRECTORY:
            plan.notes.append(
                f"Blatt „{table.title}“ übersprungen: es hat weder die Spalten für Organisationen noch für Personen."
            )
    view = snapshot
    for kind in DIRECTORY:
        mine = [table for table, k in zip(tables, kinds, strict=True) if k == kind]
        if not mine:
            plan.problems.append(LineProblem(1, "", f"Kein Tabellenblatt hat die Spalten für {KIND_LABEL[kind]}."))
            continue
        part, view = _plan(kind, mine, view, progress, named=True)
        plan.parts.append(part)
        plan.inserts += part.inserts
        plan.updates += part.updates
        plan.unchanged += part.unchanged
        plan.problems += part.problems
        plan.duplicates += part.duplicates
        plan.notes += part.notes
    return plan


def _plan(
    kind: str, tables: list[Table], snapshot: Snapshot, progress: Progress | None, *, named: bool = False
) -> tuple[ImportPlan, Snapshot]:
    """The plan of one kind, and the data grown by it (what the next kind is checked against).
    ``named``: problems name their sheet even when it is the only one read."""
    plan = ImportPlan(kind, base=snapshot)
    columns = COLUMNS[kind]
    labels = dict(columns)
    by_key = {header_key(label): name for name, label in columns}
    builder = _Builder(kind, snapshot, plan, labels)
    read = 0
    for table in tables:
        positions: dict[str, int] = {}
        header_problems: list[LineProblem] = []
        unknown: list[str] = []  # said only for a sheet that is read: another kind's sheet is skipped whole
        for index, header in enumerate(table.header):
            name = by_key.get(known_key(header, by_key))
            if name is None:
                if header:
                    where = f"Blatt „{table.title}“: " if table.title and (named or len(tables) > 1) else ""
                    unknown.append(f"{where}Spalte „{header}“ ist unbekannt und wird nicht eingelesen.")
            elif name in positions:
                header_problems.append(LineProblem(1, header, "Die Spalte kommt doppelt vor.", _sheet(table, tables)))
            else:
                positions[name] = index
        missing = [labels[name] for name in REQUIRED[kind] if name not in positions]
        if missing and len(tables) > 1:
            plan.notes.append(f"Blatt „{table.title}“ übersprungen: Spalte „{missing[0]}“ fehlt.")
            continue
        plan.notes += unknown
        for label in missing:
            header_problems.append(LineProblem(1, label, "Die Spalte fehlt.", _sheet(table, tables)))
        if header_problems:
            plan.problems += header_problems
            continue
        read += 1
        builder.sheet = table.title if named else _sheet(table, tables)
        for line, cells in table.rows:
            values = {name: cells[i] if i < len(cells) else "" for name, i in positions.items()}
            builder.add(_Row(line, values))
            if progress:
                progress(1)
    if not read and not plan.problems:
        plan.problems.append(LineProblem(1, "", f"Kein Tabellenblatt hat die Spalten für {KIND_LABEL[kind]}."))
    return plan, builder.view


def fitting_kind(kind: str, tables: Sequence[Table]) -> str:
    """The kind a file is read as: ``kind`` when it is the best match of some table (a table
    matches a kind when it has the kind's required columns; better, the more of the kind's
    columns it has); else the best-matching kind of all tables. So a roster export checked as
    "Organisationen" is read as the memberships it is, a committee export is not taken for
    organisations because it has a "Name" column, and a directory workbook keeps the kind chosen
    for either of its sheets (checked as another kind: ``DIRECTORY_KIND``). No table matching
    anything: ``kind`` (its missing columns are then reported)."""
    best_score, best_kind, keep = 0, kind, False
    for table in tables:
        scores = _scores(table)
        if not scores:
            continue
        top = max(scores.values())
        keep = keep or scores.get(kind) == top
        leader = next(k for k in KINDS if scores.get(k) == top)
        if top > best_score:
            best_score, best_kind = top, leader
    if not keep and best_kind in DIRECTORY and directory_workbook(tables):
        return DIRECTORY_KIND  # a directory workbook checked as, say, memberships: both its sheets
    return kind if keep else best_kind


def _scores(table: Table) -> dict[str, int]:
    """The kinds whose required columns ``table`` has, each with how many of its columns it has."""
    scores = {}
    for k in KINDS:
        labels = dict(COLUMNS[k])
        keys = {header_key(label) for label in labels.values()}
        found = {known_key(h, keys) for h in table.header if h}
        if all(header_key(labels[name]) in found for name in REQUIRED[k]):
            scores[k] = len(found & keys)
    return scores


def sheet_kind(table: Table) -> str | None:
    """The kind a single table fits best (the first of ``KINDS`` among equals), or None."""
    scores = _scores(table)
    if not scores:
        return None
    top = max(scores.values())
    return next(k for k in KINDS if scores.get(k) == top)


def plan_counts(plan: ImportPlan, count: Callable[[ImportPlan], int]) -> str:
    """ "12 Organisationen und 30 Personen" (a directory workbook), "30 Personen" (one kind)."""
    parts = plan.parts or [plan]
    return " und ".join(kind_count(part.kind, count(part)) for part in parts)


def kind_note(chosen: str, fitting: str) -> str:
    """What the dialog says when it reads a file as another kind than the one chosen."""
    return (
        f"Die Datei hat die Spalten von „{KIND_LABEL[fitting]}“, nicht von „{KIND_LABEL[chosen]}“: "
        f"als {KIND_LABEL[fitting]} geprüft."
    )


def _sheet(table: Table, tables: list[Table]) -> str:
    return table.title if len(tables) > 1 else ""


class _Growing:
    """A private copy of the snapshot that takes one record after another in place, keeping the
    indexes the rules use: checking n rows costs n checks, not n copies of the data."""

    def __init__(self, snapshot: Snapshot):
        self.view = Snapshot(**{table: dict(getattr(snapshot, table)) for table in TABLE_OF.values()})
        for index in ("_memberships_by_committee", "_memberships_by_person", "_meetings_by_committee"):
            getattr(self.view, index)  # built once here, then kept up to date by ``add``

    def add(self, record: Record) -> None:
        table = getattr(self.view, TABLE_OF[type(record)])
        old = table.get(record.id)
        table[record.id] = record
        indexes = self.view.__dict__
        if isinstance(record, Membership):
            for index, key in (("_memberships_by_committee", "committee_id"), ("_memberships_by_person", "person_id")):
                by = indexes[index]
                if old is not None:
                    by[getattr(old, key)] = [m for m in by[getattr(old, key)] if m.id != record.id]
                by[getattr(record, key)].append(record)
        elif isinstance(record, Meeting):
            from herford_tui.domain.snapshot import _meeting_sort_key

            by = indexes["_meetings_by_committee"]
            if old is not None:
                by[old.committee_id] = [m for m in by[old.committee_id] if m.id != record.id]
            bisect.insort(by[record.committee_id], record, key=_meeting_sort_key)
        elif isinstance(record, Person):
            indexes.pop("_persons_by_name", None)


class _Builder:
    def __init__(self, kind: str, snapshot: Snapshot, plan: ImportPlan, labels: dict[str, str]):
        self.kind, self.plan, self.labels = kind, plan, labels
        self.base = snapshot
        self.growing = _Growing(snapshot)
        self.cls = RECORD_TYPE[kind]
        self.table = TABLE_OF[self.cls]
        self.next_provisional = -1
        self.seen_ids: set[int] = set()
        self.sheet = ""
        self.row_start = 0
        """Where the problems of the row being read begin in ``plan.problems``."""
        # The forms' rule of a likely duplicate (``domain/duplicates.py``), as keys: the lowest
        # number stands for its twins, as the forms name them.
        self.org_keys: dict[tuple[str, str], Organisation] = {}
        for o in sorted(snapshot.organisations.values(), key=lambda o: o.id):
            self.org_keys.setdefault(organisation_key(o), o)
        self.person_keys: dict[tuple[str | int | None, ...], Person] = {}
        for p in sorted(snapshot.persons.values(), key=lambda p: p.id):
            for key in person_keys(p):
                self.person_keys.setdefault(key, p)
        self.orgs_by_name: dict[str, list[Organisation]] = defaultdict(list)
        for o in snapshot.organisations.values():
            self.orgs_by_name[match_key(o.name.strip())].append(o)
        self.persons_by_name: dict[str, list[Person]] = defaultdict(list)
        for p in snapshot.persons.values():
            self.persons_by_name[_name_key(p.given_name, p.family_name)].append(p)
        self.committees_by_name: dict[str, Committee] = {}
        for c in snapshot.committees.values():
            self.committees_by_name.setdefault(match_key(committee_label(c)), c)  # as the app shows it
        for c in snapshot.committees.values():
            self.committees_by_name[match_key(c.name)] = c

    @property
    def view(self) -> Snapshot:
        return self.growing.view

    def problem(self, row: _Row, name: str, message: str) -> None:
        label = self.labels.get(name) or FIELD.get(name, name)
        found = LineProblem(row.line, label, message, self.sheet)
        if found not in self.plan.problems[self.row_start :]:  # a cell read twice is named once
            self.plan.problems.append(found)

    def row_failed(self) -> bool:
        """The row being read has a problem already."""
        return len(self.plan.problems) > self.row_start

    def duplicate(self, row: _Row, message: str) -> None:
        self.plan.duplicates.append(LineProblem(row.line, "", message, self.sheet))

    # -- one row ----------------------------------------------------------------------------------
    def add(self, row: _Row) -> None:
        """Read a row: every problem it has is named (a bad date and an unknown organisation
        both), then the rules of the forms for the columns not named yet; a row with a problem
        is not imported."""
        self.row_start = len(self.plan.problems)
        existing = self.by_number(row)
        build = getattr(self, BUILDER[self.kind])
        record = build(row, existing)
        if record is None:
            return
        stored = getattr(self.base, self.table).get(record.id) if record.id > 0 else None
        if stored is not None and existing is None:  # matched by name or date, not by its Nr.
            if record.id in self.seen_ids:
                self.problem(row, "id", "Dieser Eintrag kommt in der Datei schon vor.")
                return
            self.seen_ids.add(record.id)
        if stored is not None and record == stored and not self.row_failed():
            self.plan.unchanged += 1
            return
        if not record.id:
            record.id = self.next_provisional
            self.next_provisional -= 1
        named = {p.column for p in self.plan.problems[self.row_start :]}
        for p in self.view.check(record):
            column = FIELD_COLUMN.get(p.field, p.field)
            if (self.labels.get(column) or FIELD.get(column, column)) not in named:  # not a consequence of one named
                self.problem(row, column, p.message)
        if self.row_failed():
            return
        (self.plan.updates if stored is not None else self.plan.inserts).append(record)
        self.growing.add(record)
        self.remember(record)

    def by_number(self, row: _Row) -> Any:
        """The stored record the row's ``Nr.`` names; for a number not stored a new record keeps it."""
        number = self.number(row, "id")
        if number is None:
            return None
        if number in self.seen_ids:
            self.problem(row, "id", f"Die Nr. {number} kommt in der Datei schon vor.")
            return None
        self.seen_ids.add(number)
        return getattr(self.base, self.table).get(number)

    def base_record(self, row: _Row, existing: Any) -> Any:
        if existing is not None:
            return dataclasses.replace(existing)
        return self.cls(id=self.number(row, "id") or 0)

    def remember(self, record: Record) -> None:
        if isinstance(record, Organisation):
            self.org_keys.setdefault(organisation_key(record), record)
            self.orgs_by_name[match_key(record.name.strip())].append(record)
        elif isinstance(record, Person):
            for key in person_keys(record):
                self.person_keys.setdefault(key, record)
            self.persons_by_name[_name_key(record.given_name, record.family_name)].append(record)
        elif isinstance(record, Committee):
            self.committees_by_name[match_key(record.name)] = record

    def identity_problem(self, row: _Row, existing: Any, same: bool, what: str) -> bool:
        """A ``Nr.`` whose record here is another one (a file of another database): refused."""
        if existing is None or same:
            return False
        self.problem(
            row,
            "id",
            f"Nr. {existing.id} ist hier {what}. Stammt die Datei aus einer anderen Datenbank? "
            "Dann die Spalte Nr. leeren, um neu anzulegen.",
        )
        return True

    # -- values -----------------------------------------------------------------------------------
    def text(self, row: _Row, record: Any, *names: str) -> None:
        for name in names:
            if row.has(name):
                setattr(record, name, row.get(name))

    def number(self, row: _Row, name: str) -> int | None:
        text = row.get(name).removesuffix(".0")
        if not text:
            return None
        number = whole_number(text)
        if number is None:
            self.problem(row, name, not_a_number(text))
        return number

    def date(self, row: _Row, name: str) -> date | None:
        text = row.get(name)
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            try:
                return date.fromisoformat(text)
            except ValueError:
                self.problem(row, name, f"„{shorten(text)}“ ist kein Datum (TT.MM.JJJJ, z. B. 28.11.2026).")
                return None

    def time(self, row: _Row, name: str) -> time | None:
        text = row.get(name)
        if not text:
            return None
        try:
            return parse_time(text)
        except ValueError:
            self.problem(row, name, f"„{shorten(text)}“ ist keine Uhrzeit (HH:MM, z. B. 17:30).")
            return None

    def flag(self, row: _Row, name: str) -> bool:
        text = match_key(row.get(name))
        if text in ("", "nein", "n", "0", "false", "falsch"):
            return False
        if text in ("ja", "j", "x", "1", "true", "wahr"):
            return True
        self.problem(row, name, f"„{shorten(row.get(name))}“: bitte „ja“ oder „nein“.")
        return False

    def label(self, row: _Row, name: str, labels: dict, default: Any) -> Any:
        text = row.get(name)
        if not text:
            return default
        for value, label in labels.items():
            if match_key(text) in (match_key(label), match_key(value.value)):
                return value
        examples = ", ".join(list(labels.values())[:6])
        self.problem(row, name, f"„{shorten(text)}“ ist kein bekannter Wert ({examples} …).")
        return default

    def nested(self, row: _Row, name: str, cls: type, field_name: str) -> list | None:
        """A list cell (JSON with the stored field names) as the record's list."""
        from herford_tui.store.codec import DecodeError, decode

        text = row.get(name)
        if not text:
            return []
        try:
            data = json.loads(text)
            return getattr(decode(cls, {field_name: data}), field_name)
        except (json.JSONDecodeError, RecursionError):
            self.problem(row, name, "kein gültiges JSON (so wie es die Ausgabe schreibt).")
        except (DecodeError, TypeError, ValueError) as exc:
            self.problem(row, name, str(exc))
        return None

    # -- organisations ----------------------------------------------------------------------------
    def organisation(self, row: _Row, existing: Organisation | None) -> Organisation | None:
        org = self.base_record(row, existing)
        self.text(row, org, "name", "address", "postal_code", "phone", "email", "website", "notes", "school_form")
        if row.has("type"):
            org.type = self.label(row, "type", ORG_TYPE, org.type)
        if row.has("municipality"):
            org.municipality = municipality(row.get("municipality"))
        if self.identity_problem(row, existing, existing is None or _same(existing.name, org.name), _quoted(existing)):
            return None
        if (
            existing is None
            and org.name
            and organisation_key(org) in self.org_keys
            and not row.get("id")
            and not self.row_failed()
        ):
            same = self.org_keys[organisation_key(org)]
            self.duplicate(row, f"„{same.name}“ ({same.municipality}) gibt es schon; nicht noch einmal angelegt.")
            return None
        return org

    # -- persons ----------------------------------------------------------------------------------
    def person(self, row: _Row, existing: Person | None) -> Person | None:
        person = self.base_record(row, existing)
        self.text(row, person, "title", "given_name", "family_name", "function", "email", "phone", "notes")
        if row.has("erased_on"):
            person.erased_on = self.date(row, "erased_on")
        changed, org_id = self.organisation_named(row, "organisation")
        if changed:
            person.organisation_id = org_id
        if existing is not None:
            same_mail = bool(existing.email.strip()) and _same(existing.email, person.email)
            same = _same(existing.family_name, person.family_name) or same_mail
            if self.identity_problem(row, existing, same or existing.erased_on is not None, _quoted(existing)):
                return None
        twin = next((self.person_keys[k] for k in person_keys(person) if k in self.person_keys), None)
        if existing is None and twin is not None and not row.get("id") and not self.row_failed():
            self.duplicate(row, _twin_text(twin, person))
            return None
        return person

    def find_org(self, row: _Row, name: str, where: str, column: str) -> Organisation | None:
        found = self.orgs_by_name.get(match_key(name), [])
        if where:
            found = [o for o in found if match_key(o.municipality) == match_key(municipality(where))]
        if len(found) == 1:
            return found[0]
        if not found:
            self.problem(row, column, f"Die Organisation „{name}“ gibt es nicht (erst die Organisationen importieren).")
        else:
            self.problem(row, column, f"„{name}“ gibt es {len(found)}-mal; bitte die Kommune der Organisation angeben.")
        return None

    # -- memberships ------------------------------------------------------------------------------
    def membership(self, row: _Row, existing: Membership | None) -> Membership | None:
        m = self.base_record(row, existing)
        committee = self.find_committee(row)
        person = self.membership_person(row)
        start, end = self.date(row, "start"), self.date(row, "end")
        role = self.label(row, "role", ROLE, Role.MITGLIED) if row.has("role") else m.role
        seat = self.find_seat(row, committee) if committee is not None else None
        self.represents(row, m)
        owner_id = self.number(row, "deputy_of_id")
        if committee is None or person is None or seat is None:
            return None
        if existing is not None and self.identity_problem(
            row,
            existing,
            (existing.person_id, existing.committee_id) == (person.id, committee.id),
            "eine andere Mitgliedschaft",
        ):
            return None
        m.person_id, m.committee_id, m.seat_key, m.role, m.start = person.id, committee.id, seat.key, role, start
        if row.has("end"):
            m.end = end
        self.text(row, m, "notes")
        if owner_id is not None:
            m.deputy_of = owner_id
        elif row.get("deputy_of"):
            owner = self.find_deputised(row, m)
            if owner is None:
                return None
            m.deputy_of = owner.id
        elif row.has("deputy_of") or row.has("deputy_of_id"):
            m.deputy_of = None
        if existing is None and not row.get("id") and not self.row_failed():
            for other in self.view.memberships_of(committee.id):
                if (other.person_id, other.seat_key, other.role, other.start) == (
                    m.person_id,
                    m.seat_key,
                    m.role,
                    m.start,
                ):
                    self.duplicate(
                        row,
                        f"{person.full_name} im Gremium „{committee.name}“ ab {format_date(m.start)} gibt es schon; "
                        "nicht noch einmal angelegt.",
                    )
                    return None
        return m

    def represents(self, row: _Row, m: Membership) -> None:
        """The organisation the member represents, by its Nr. or its name (and municipality)."""
        changed, org_id = self.organisation_named(row, "represents")
        if changed:
            m.represents_id = org_id

    def organisation_named(self, row: _Row, key: str) -> tuple[bool, int | None]:
        """The organisation a row names by its Nr. (column ``key_id``) or by its name (``key``,
        with ``key_municipality``): (True, its id); (True, None) for emptied columns; (False,
        None) if the row leaves it as it is or names one that is not there (a problem then)."""
        number = self.number(row, f"{key}_id")
        if number is not None:
            if number in self.view.organisations:
                return True, number
            self.problem(row, f"{key}_id", f"Die Organisation Nr. {number} gibt es nicht.")
            return False, None
        if row.get(key):
            org = self.find_org(row, row.get(key), row.get(f"{key}_municipality"), key)
            return (True, org.id) if org is not None else (False, None)
        return row.has(key) or row.has(f"{key}_id"), None

    def membership_person(self, row: _Row) -> Person | None:
        number = self.number(row, "person_id")
        if number is not None:
            person = self.view.persons.get(number)
            if person is None:
                self.problem(row, "person_id", f"Die Person Nr. {number} gibt es nicht (erst Personen importieren).")
            elif (
                row.get("family_name")
                and not _same(person.family_name, row.get("family_name"))
                and person.erased_on is None
            ):
                self.problem(row, "person_id", f"Nr. {number} ist hier „{shorten(person.full_name)}“.")
                return None
            return person
        return self.find_person(row, row.get("given_name"), row.get("family_name"), row.get("email"))

    def find_seat(self, row: _Row, committee: Committee):
        key = row.get("seat_key")
        if key:
            seat = committee.seat(key)
            if seat is None:
                self.problem(row, "seat_key", f"Den Sitz „{shorten(key)}“ gibt es im Gremium „{committee.name}“ nicht.")
            return seat
        text = row.get("seat")
        seat = next(
            (s for s in committee.seats if match_key(text) in (match_key(s.label), match_key(s.key))),
            None,
        )
        if seat is None:
            self.problem(row, "seat", f"Den Sitz „{shorten(text)}“ gibt es im Gremium „{committee.name}“ nicht.")
        return seat

    def find_committee(self, row: _Row) -> Committee | None:
        text = row.get("committee")
        found = self.committees_by_name.get(match_key(text))
        if found is None and not text.strip():  # a required cell left empty: not a name that is unknown
            self.problem(row, "committee", "Bitte das Gremium angeben.")
        elif found is None:
            self.problem(row, "committee", f"Das Gremium „{shorten(text)}“ gibt es nicht.")
        return found

    def find_person(self, row: _Row, given: str, family: str, email: str) -> Person | None:
        found = self.persons_by_name.get(_name_key(given, family), [])
        if email:
            found = [p for p in found if match_key(p.email) == match_key(email)]
        name = " ".join(x for x in (given, family) if x)
        if len(found) == 1:
            return found[0]
        if not found:
            self.problem(row, "family_name", f"Die Person „{name}“ gibt es nicht (erst die Personen importieren).")
        else:
            self.problem(
                row, "email", f"„{name}“ gibt es {len(found)}-mal; bitte die E-Mail-Adresse oder Person Nr. angeben."
            )
        return None

    def find_deputised(self, row: _Row, m: Membership) -> Membership | None:
        text = row.get("deputy_of")
        on = m.start or date.today()
        for owner in self.view.memberships_of(m.committee_id, on):
            person = self.view.persons.get(owner.person_id)
            if person and owner.role.takes_seat and match_key(text) in _spellings(person):
                return owner
        self.problem(row, "deputy_of", f"„{shorten(text)}“ hat am {format_date(on)} keinen Sitz in diesem Gremium.")
        return None

    # -- committees -------------------------------------------------------------------------------
    def committee(self, row: _Row, existing: Committee | None) -> Committee | None:
        if existing is None and not row.get("id"):  # by its full name (a short name may be another's)
            found = self.committees_by_name.get(match_key(row.get("name")))
            if found is not None and _same(found.name, row.get("name")):
                if found.id not in self.base.committees:
                    self.problem(row, "name", "Das Gremium kommt in der Datei schon vor.")
                    return None
                existing = found
        c = self.base_record(row, existing)
        self.text(row, c, "name", "short_name", "purpose", "rhythm_note")
        if row.has("kind"):
            c.kind = self.label(row, "kind", COMMITTEE_KIND, c.kind)
        for name in ("rhythm_min", "rhythm_max", "order", "invitation_days"):
            if row.get(name):
                setattr(c, name, self.number(row, name) or 0)
        if row.has("quorum"):
            c.quorum = self.number(row, "quorum")
        if row.has("archived"):
            c.archived = self.flag(row, "archived")
        if row.has("archived_on"):  # a file from before the column: the day stays as it was
            c.archived_on = self.date(row, "archived_on")
        if not c.archived:
            c.archived_on = None  # restored: no archive day (the audit log keeps the old one)
        if row.has("seats"):
            seats = self.nested(row, "seats", Committee, "seats")
            if seats is not None:
                c.seats = seats
        return c

    # -- meetings ---------------------------------------------------------------------------------
    def meeting(self, row: _Row, existing: Meeting | None) -> Meeting | None:
        committee = self.find_committee(row)
        when, start, end = self.date(row, "date"), self.time(row, "start_time"), self.time(row, "end_time")
        if committee is None:
            self.meeting_values(row, self.base_record(row, existing))  # their problems are named too
            return None
        if existing is None and not row.get("id"):
            existing = next(
                (
                    m
                    for m in self.view.meetings_of(committee.id)
                    if (m.date, m.start_time) == (when, start) and m.id in self.base.meetings
                ),
                None,
            )
        if existing is not None and self.identity_problem(
            row, existing, existing.committee_id == committee.id, "eine Sitzung eines anderen Gremiums"
        ):
            return None
        m = self.base_record(row, existing)
        m.committee_id, m.date = committee.id, when
        if row.has("start_time"):
            m.start_time = start
        if row.has("end_time"):
            m.end_time = end
        self.meeting_values(row, m)
        return m

    def meeting_values(self, row: _Row, m: Meeting) -> None:
        self.text(row, m, "location", "room", "notes", "minutes")
        if row.has("status"):
            m.status = self.label(row, "status", MEETING_STATUS, m.status)
        if row.has("invitation_sent"):
            m.invitation_sent = self.date(row, "invitation_sent")
        for name in ("guests", "agenda", "attendance"):
            if row.has(name):
                value = self.nested(row, name, Meeting, name)
                if value is not None:
                    setattr(m, name, value)


FIELD_COLUMN = {
    "person_id": "family_name",
    "committee_id": "committee",
    "seat_key": "seat",
    "represents_id": "represents",
    "organisation_id": "organisation",
    "deputy_of": "deputy_of",
    "seat_label": "seats",
    "seat_count": "seats",
    "date": "date",
}
"""Fields of a domain problem → the import column that set them."""


def municipality(text: str) -> str:
    """The stored spelling of a municipality ("Loehne" → "Löhne"); empty means district-wide."""
    text = text.strip()
    if not text:
        return KREISWEIT
    for name in (*MUNICIPALITIES, KREISWEIT):
        if match_key(text) == match_key(name):
            return name
    return text


def _quoted(record: Any) -> str:
    """ "„Ida Hier“": a stored organisation or person as the report names it."""
    if record is None:
        return ""
    return f"„{shorten(record.full_name if isinstance(record, Person) else record.name)}“"


def _same(a: str, b: str) -> bool:
    return match_key(a.strip()) == match_key(b.strip())


def _name_key(given: str, family: str) -> str:
    return match_key(f"{given.strip()} {family.strip()}")


def _twin_text(twin: Person, person: Person) -> str:
    """Why a row was not imported: the person the forms would warn about (``person_keys``)."""
    if not any(key[0] == "name" for key in set(person_keys(twin)).intersection(person_keys(person))):
        return (
            f"„{shorten(twin.full_name)}“ hat dieselbe E-Mail-Adresse ({twin.email.strip()}); nicht angelegt. "
            "Ist es eine andere Person, im Formular anlegen."
        )
    email = twin.email or "ohne E-Mail"
    return f"„{twin.full_name}“ ({email}) gibt es schon; nicht noch einmal angelegt."


def _spellings(p: Person) -> set[str]:
    return {match_key(p.full_name), _name_key(p.given_name, p.family_name), match_key(p.sort_name)}
