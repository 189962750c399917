"""Import planning: rows of a table → records, checked as a whole before anything is saved.

``plan_import`` turns every row into a domain record, checks it with the same rules as the
forms (``Snapshot.check`` on the snapshot grown by the rows before it) and sorts the rows into
records to save, duplicates of existing records (reported, not saved) and problems (by line and
column). The caller saves ``plan.items()`` in one ``Store.save_all`` only when there are no
problems: everything or nothing.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from herford_tui.domain.fold import match_key
from herford_tui.domain.labels import FIELD, ORG_TYPE, ROLE, format_date, parse_date
from herford_tui.domain.models import (
    KREISWEIT,
    MUNICIPALITIES,
    Committee,
    Membership,
    Organisation,
    OrgType,
    Person,
    Record,
    Role,
)
from herford_tui.domain.snapshot import Snapshot
from herford_tui.exchange.columns import COLUMNS, REQUIRED, header_key
from herford_tui.exchange.tabular import Table

KINDS = ("organisationen", "personen", "mitgliedschaften")
KIND_LABEL = {"organisationen": "Organisationen", "personen": "Personen", "mitgliedschaften": "Mitgliedschaften"}

Progress = Callable[[int], None]
"""Called with the number of rows just handled (for a progress bar)."""


@dataclass(frozen=True)
class LineProblem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"Zeile {self.line}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ImportPlan:
    kind: str
    records: list[Record] = field(default_factory=list)
    """With provisional ids (above every stored id), so rows can point at earlier rows."""
    problems: list[LineProblem] = field(default_factory=list)
    duplicates: list[LineProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def items(self) -> list[Record | Callable[[list[Record]], Record]]:
        """What ``Store.save_all`` takes: new records; a reference to an earlier row becomes a function."""
        position = {r.id: i for i, r in enumerate(self.records)}
        items: list[Record | Callable[[list[Record]], Record]] = []
        for record in self.records:
            if isinstance(record, Membership) and record.deputy_of in position:
                items.append(_pointing_back(dataclasses.replace(record, id=0), position[record.deputy_of]))
            else:
                items.append(dataclasses.replace(record, id=0))
        return items


def _pointing_back(template: Membership, index: int) -> Callable[[list[Record]], Record]:
    """A deputy of the membership saved as item ``index`` of the same ``save_all``."""

    def build(saved: list[Record]) -> Record:
        return dataclasses.replace(template, deputy_of=saved[index].id)

    return build


class _Row:
    """One row's cells by field name, with the header each came from (for the report)."""

    def __init__(self, line: int, values: dict[str, str], labels: dict[str, str]):
        self.line, self.values, self.labels = line, values, labels

    def get(self, name: str) -> str:
        return self.values.get(name, "").strip()


def plan_import(kind: str, table: Table, snapshot: Snapshot, progress: Progress | None = None) -> ImportPlan:
    plan = ImportPlan(kind)
    columns = COLUMNS[kind]
    by_key = {header_key(label): (name, label) for name, label in columns}
    labels = dict(columns)
    positions: dict[str, int] = {}
    for index, header in enumerate(table.header):
        found = by_key.get(header_key(header))
        if found is None:
            if header:
                plan.notes.append(f"Spalte „{header}“ ist unbekannt und wird nicht eingelesen.")
        elif found[0] in positions:
            plan.problems.append(LineProblem(1, header, "Die Spalte kommt doppelt vor."))
        else:
            positions[found[0]] = index
    for name in REQUIRED[kind]:
        if name not in positions:
            plan.problems.append(LineProblem(1, labels[name], "Die Spalte fehlt."))
    if plan.problems:
        return plan
    builder = _Builder(kind, snapshot, plan, labels)
    for line, cells in table.rows:
        values = {name: cells[i] if i < len(cells) else "" for name, i in positions.items()}
        builder.add(_Row(line, values, labels))
        if progress:
            progress(1)
    return plan


class _Builder:
    def __init__(self, kind: str, snapshot: Snapshot, plan: ImportPlan, labels: dict[str, str]):
        self.kind, self.view, self.plan, self.labels = kind, snapshot, plan, labels
        self.next_id = 1 + max(
            (max(getattr(snapshot, t), default=0) for t in ("organisations", "persons", "memberships")), default=0
        )
        self.org_keys = {_org_key(o): o for o in snapshot.organisations.values()}
        self.person_keys = {_person_key(p): p for p in snapshot.persons.values()}
        self.orgs_by_name: dict[str, list[Organisation]] = defaultdict(list)
        for o in snapshot.organisations.values():
            self.orgs_by_name[match_key(o.name.strip())].append(o)
        self.persons_by_name: dict[str, list[Person]] = defaultdict(list)
        for p in snapshot.persons.values():
            self.persons_by_name[_name_key(p.given_name, p.family_name)].append(p)

    def problem(self, row: _Row, name: str, message: str) -> None:
        label = self.labels.get(name) or FIELD.get(name, name)
        self.plan.problems.append(LineProblem(row.line, label, message))

    def add(self, row: _Row) -> None:
        before = len(self.plan.problems)
        build = {"organisationen": self.organisation, "personen": self.person, "mitgliedschaften": self.membership}
        record = build[self.kind](row)
        if record is None or len(self.plan.problems) > before:
            return
        record.id = self.next_id
        self.next_id += 1
        for p in self.view.check(record):
            self.problem(row, FIELD_COLUMN.get(p.field, p.field), p.message)
        if len(self.plan.problems) > before:
            return
        self.plan.records.append(record)
        self.view = self.view.with_changes([record])

    def duplicate(self, row: _Row, message: str) -> None:
        self.plan.duplicates.append(LineProblem(row.line, "", message))

    # -- organisations ---------------------------------------------------------------------------
    def organisation(self, row: _Row) -> Organisation | None:
        org = Organisation(
            name=row.get("name"),
            type=self.org_type(row),
            municipality=municipality(row.get("municipality")),
            address=row.get("address"),
            phone=row.get("phone"),
            email=row.get("email"),
            website=row.get("website"),
            notes=row.get("notes"),
        )
        key = _org_key(org)
        if org.name and key in self.org_keys:
            same = self.org_keys[key]
            self.duplicate(row, f"„{same.name}“ ({same.municipality}) gibt es schon; nicht noch einmal angelegt.")
            return None
        self.org_keys[key] = org
        self.orgs_by_name[match_key(org.name)].append(org)
        return org

    def org_type(self, row: _Row) -> OrgType:
        text = row.get("type")
        if not text:
            return OrgType.SONSTIGE
        for kind, label in ORG_TYPE.items():
            if match_key(text) in (match_key(label), match_key(kind.value)):
                return kind
        examples = ", ".join(list(ORG_TYPE.values())[:4])
        self.problem(row, "type", f"„{text}“ ist keine bekannte Art (z. B. {examples} …).")
        return OrgType.SONSTIGE

    # -- persons ---------------------------------------------------------------------------------
    def person(self, row: _Row) -> Person | None:
        person = Person(
            title=row.get("title"),
            given_name=row.get("given_name"),
            family_name=row.get("family_name"),
            function=row.get("function"),
            email=row.get("email"),
            phone=row.get("phone"),
            notes=row.get("notes"),
        )
        name = row.get("organisation")
        if name:
            org = self.find_org(row, name, row.get("organisation_municipality"), "organisation")
            if org is None:
                return None
            person.organisation_id = org.id
        key = _person_key(person)
        if person.family_name and key in self.person_keys:
            same = self.person_keys[key]
            email = same.email or "ohne E-Mail"
            self.duplicate(row, f"„{same.full_name}“ ({email}) gibt es schon; nicht noch einmal angelegt.")
            return None
        self.person_keys[key] = person
        self.persons_by_name[_name_key(person.given_name, person.family_name)].append(person)
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

    # -- memberships -----------------------------------------------------------------------------
    def membership(self, row: _Row) -> Membership | None:
        committee = self.find_committee(row)
        person = self.find_person(row, row.get("given_name"), row.get("family_name"), row.get("email"))
        start = self.date(row, "start")
        end = self.date(row, "end")
        role = self.role(row)
        if committee is None or person is None:
            return None
        seat_text = row.get("seat")
        seat = next(
            (s for s in committee.seats if match_key(seat_text) in (match_key(s.label), match_key(s.key))), None
        )
        if seat is None:
            self.problem(row, "seat", f"Den Sitz „{seat_text}“ gibt es im Gremium „{committee.name}“ nicht.")
            return None
        m = Membership(
            person_id=person.id,
            committee_id=committee.id,
            seat_key=seat.key,
            role=role,
            start=start,
            end=end,
            notes=row.get("notes"),
        )
        if row.get("represents"):
            org = self.find_org(row, row.get("represents"), row.get("represents_municipality"), "represents")
            if org is None:
                return None
            m.represents_id = org.id
        if row.get("deputy_of"):
            owner = self.find_deputised(row, m)
            if owner is None:
                return None
            m.deputy_of = owner.id
        for other in self.view.memberships_of(committee.id):
            if (other.person_id, other.seat_key, other.role, other.start) == (m.person_id, m.seat_key, m.role, m.start):
                self.duplicate(
                    row,
                    f"{person.full_name} im Gremium „{committee.name}“ ab {format_date(m.start)} gibt es schon; "
                    "nicht noch einmal angelegt.",
                )
                return None
        return m

    def find_committee(self, row: _Row) -> Committee | None:
        text = row.get("committee")
        for c in self.view.committees.values():
            if match_key(text) in (match_key(c.name), match_key(c.short_name or c.name)):
                return c
        self.problem(row, "committee", f"Das Gremium „{text}“ gibt es nicht.")
        return None

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
            self.problem(row, "email", f"„{name}“ gibt es {len(found)}-mal; bitte die E-Mail-Adresse angeben.")
        return None

    def find_deputised(self, row: _Row, m: Membership) -> Membership | None:
        text = row.get("deputy_of")
        on = m.start or date.today()
        for owner in self.view.memberships_of(m.committee_id, on):
            person = self.view.persons.get(owner.person_id)
            if person and owner.role.takes_seat and match_key(text) in _spellings(person):
                return owner
        self.problem(row, "deputy_of", f"„{text}“ hat am {format_date(on)} keinen Sitz in diesem Gremium.")
        return None

    def role(self, row: _Row) -> Role:
        text = row.get("role")
        if not text:
            return Role.MITGLIED
        for role, label in ROLE.items():
            if match_key(text) in (match_key(label), match_key(role.value)):
                return role
        self.problem(row, "role", f"„{text}“ ist keine Rolle ({', '.join(ROLE.values())}).")
        return Role.MITGLIED

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
                self.problem(row, name, f"„{text}“ ist kein Datum (TT.MM.JJJJ, z. B. 28.11.2026).")
                return None


FIELD_COLUMN = {
    "person_id": "family_name",
    "committee_id": "committee",
    "seat_key": "seat",
    "represents_id": "represents",
    "organisation_id": "organisation",
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


def _org_key(o: Organisation) -> tuple[str, str]:
    return match_key(o.name.strip()), match_key(o.municipality.strip())


def _name_key(given: str, family: str) -> str:
    return match_key(f"{given.strip()} {family.strip()}")


def _person_key(p: Person) -> tuple[str, str]:
    return _name_key(p.given_name, p.family_name), match_key(p.email.strip())


def _spellings(p: Person) -> set[str]:
    return {match_key(p.full_name), _name_key(p.given_name, p.family_name), match_key(p.sort_name)}
