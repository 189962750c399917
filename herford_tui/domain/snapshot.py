"""One consistent view of all records, with the rules that need more than one record."""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Protocol, cast

from herford_tui.domain import meetings as meeting_rules
from herford_tui.domain.fold import match_key, name_sort_key, sort_key
from herford_tui.domain.labels import format_date, person_label
from herford_tui.domain.models import (
    TABLE_OF,
    Committee,
    Meeting,
    MeetingStatus,
    Membership,
    Organisation,
    Person,
    Record,
    Role,
)
from herford_tui.domain.snapshot_patch import (
    MAX_PATCHED,
    Change,
    changes_between,
    changes_of,
    patch_counts,
    patch_grouped,
    patch_sorted,
)
from herford_tui.domain.tally import MeetingTally, tally
from herford_tui.domain.validation import Problem, validate


class Pending(Protocol):
    """A table decoded when first asked for (the store's meetings at start, see ``store/typed.py``).

    The first screen needs one committee's meetings of a table that is half the file at x10:
    ``group`` decodes just those (``year``: one year's, for the year overview); ``table`` decodes
    all (once, whichever thread asks first) or raises the store's German error for a record that
    does not decode.
    """

    def __len__(self) -> int: ...

    def group(self, committee_id: int) -> list[Meeting]: ...

    def year(self, year: int) -> list[Meeting]: ...

    def table(self) -> dict[int, Meeting]: ...

    def tallies(self) -> list[MeetingTally]: ...


class PendingRecords(Protocol):
    """The persons or memberships of a file just opened, decoded when first asked for (at x10 a
    quarter of a second of the start): the first screen looks up one committee's members, each
    decoded alone. ``get``: one record by id; ``table``: all (as ``Pending.table``)."""

    def __len__(self) -> int: ...

    def get(self, doc_id: int) -> Any: ...

    def table(self) -> dict[int, Any]: ...


class PendingMemberships(PendingRecords, Protocol):
    """Pending memberships: ``group`` gives a committee's (``committee_id``) or a person's
    (``person_id``) in file order, as the indexes have them; ``indexes`` are those two indexes,
    built in the pass that decodes the whole table."""

    def group(self, field: str, key: int) -> list[Membership]: ...

    def indexes(self) -> dict[str, dict[int, list[Membership]]]: ...


@dataclass(eq=False, repr=False)
class Snapshot:
    """Every record at one moment, with indexes; replaced by a newer one, never changed."""

    committees: dict[int, Committee] = field(default_factory=dict)
    organisations: dict[int, Organisation] = field(default_factory=dict)
    persons: dict[int, Person] = field(default_factory=dict)
    memberships: dict[int, Membership] = field(default_factory=dict)
    meetings: dict[int, Meeting] = field(default_factory=dict)

    def __repr__(self) -> str:
        """The table sizes, not every record: Textual's ``@work`` writes its arguments' ``repr``
        into the worker's description, and every record of x10 takes seconds."""
        sizes = ", ".join(f"{len(self.__dict__[name])} {name}" for name in TABLE_NAMES)  # pending: not decoded
        return f"Snapshot({sizes})"

    def with_changes(self, saved: Sequence[Record] = (), deleted: Sequence[Record] = ()) -> Snapshot:
        """A new snapshot with ``saved`` put in and ``deleted`` taken out; this one stays as it is.

        Only the tables that change are copied; the others are shared (no one changes a
        snapshot's tables in place), which keeps a save at x10 from copying 10^5 entries.
        """
        changing = {_table(record) for record in (*saved, *deleted)}
        # An unchanged table as stored: a pending table stays pending, shared.
        tables = {name: dict(getattr(self, name)) if name in changing else self.__dict__[name] for name in TABLE_NAMES}
        for record in saved:
            tables[_table(record)][record.id] = record
        for record in deleted:
            tables[_table(record)].pop(record.id, None)
        snapshot = Snapshot(**tables)
        snapshot.keep_indexes(self, changing)
        if len(saved) + len(deleted) <= MAX_PATCHED:  # more (an import): built again on first use
            old_tables = {name: getattr(self, name) for name in changing}
            snapshot.patch_indexes(self, changes_of(old_tables, _table, saved, deleted))
        return snapshot

    def __eq__(self, other: object) -> bool:
        """Table by table, a shared table by identity: a reactive setting a new snapshot compares
        it with the old one, and neither a whole comparison nor decoding pending tables belong there."""
        if not isinstance(other, Snapshot):
            return NotImplemented
        return self is other or all(
            self.__dict__[name] is other.__dict__[name] or getattr(self, name) == getattr(other, name)
            for name in TABLE_NAMES
        )

    __hash__ = None  # type: ignore[assignment]  # mutable tables, as a dataclass with eq

    @classmethod
    def with_pending(cls, **tables: dict[int, Any] | Pending | PendingRecords) -> Snapshot:
        """A snapshot whose meetings, persons or memberships (those given as ``Pending`` or
        ``PendingRecords``) are decoded when first asked for."""
        return cls(**cast(dict[str, dict[int, Any]], tables))

    @property
    def pending(self) -> bool:
        """True while a table is not decoded yet."""
        return any(map(self.is_pending, DEFERRED))

    def is_pending(self, table: str) -> bool:
        """True while ``table`` (``meetings``, ``persons``, ``memberships``) is not decoded yet."""
        return not isinstance(self.__dict__[table], dict)

    def decode_pending(self, *tables: str) -> None:
        """Decode the pending ``tables`` now, every pending table if none is named (the store's
        thread after the start, before a write; the Auswertung, which reads every committee's
        members: asked one committee at a time, each record would be found and decoded alone)."""
        for name in tables or DEFERRED:
            getattr(self, name)

    def record_count(self) -> int:
        """How many records, without decoding pending ones."""
        return sum(len(self.__dict__[name]) for name in TABLE_NAMES)

    def person(self, person_id: int | None) -> Person | None:
        """``persons.get``, without decoding every person while they are pending (the first screen)."""
        if person_id is None:
            return None
        found: Person | None = self.__dict__["persons"].get(person_id)
        return found

    def person_name(self, person_id: int) -> str:
        """The person ``person_id`` names, as every place shows it (``labels.person_label``): also
        an id that no longer resolves."""
        return person_label(self.person(person_id), person_id)

    def membership(self, membership_id: int | None) -> Membership | None:
        """``memberships.get``, as ``person``."""
        if membership_id is None:
            return None
        found: Membership | None = self.__dict__["memberships"].get(membership_id)
        return found

    def take_indexes(self, indexes: dict[str, Any]) -> None:
        """Indexes the store built while decoding the tables (in the same pass, ``store/typed.py``),
        equal to what the cached properties of the same names would build."""
        for name, index in indexes.items():
            if name not in _INDEX_SOURCES:
                raise ValueError(f"no index {name}")
            self.__dict__[name] = index

    def keep_indexes(self, older: Snapshot, changed: set[str]) -> None:
        """Take over the indexes ``older`` built on tables that are not in ``changed``.

        They hold the very records this snapshot has (the store shares unchanged tables), and
        rebuilding them after every save costs a quarter of a second at x10.
        """
        for index, table in _INDEX_SOURCES.items():
            if table not in changed and index in older.__dict__:
                self.__dict__[index] = older.__dict__[index]
        self.__dict__["_origin"] = (weakref.ref(older), frozenset(changed))

    def patch_indexes(self, older: Snapshot, changes: dict[str, list[Change]]) -> None:
        """Take over the indexes ``older`` built on the tables in ``changes``, patched with them.

        At x10 a save rebuilt the membership indexes (176 ms); patching touches the lists the
        changed records are in (``domain/snapshot_patch.py``).
        """
        for index, table in _INDEX_SOURCES.items():
            if table in changes and index in older.__dict__ and index in _PATCHES:
                self.__dict__[index] = _PATCHES[index](older.__dict__[index], changes[table], self)

    def patch_changed(self, older: Snapshot, changed: set[str]) -> None:
        """After a colleague's save (``store/typed.py``): patch ``older``'s indexes of the ``changed``
        tables with the records that differ, as ``with_changes`` does for a save of our own. A
        table still pending, or in another order, leaves its indexes to be built on first use."""
        changes: dict[str, list[Change]] = {}
        for name in changed:
            old, new = older.__dict__.get(name), self.__dict__.get(name)
            if isinstance(old, dict) and isinstance(new, dict):
                found = changes_between(old, new)
                if found is not None and len(found) <= MAX_PATCHED:
                    changes[name] = found
        self.patch_indexes(older, changes)

    def origin(self) -> tuple[Snapshot, frozenset[str]] | None:
        """The snapshot this one was made from and the tables that differ, while it still lives.

        Caches built on the older one (the search index) can take over what rests on unchanged
        tables: the records there are the very same objects.
        """
        origin = self.__dict__.get("_origin")
        if origin is None:
            return None
        older = origin[0]()
        return None if older is None else (older, origin[1])

    # -- lookups -----------------------------------------------------------------
    def active_committees(self) -> list[Committee]:
        return sorted(
            (c for c in self.committees.values() if not c.archived),
            key=lambda c: (c.order, c.name.casefold()),
        )

    def committees_of_year(self, year: int) -> list[Committee]:
        """The active committees and the archived ones with a meeting in ``year``: a committee
        archived since still counts in the years it met (the year overview, the Auswertung)."""
        archived = {c.id for c in self.committees.values() if c.archived}
        met = {m.committee_id for m in self.meetings_in_year(year)} & archived if archived else set()
        return sorted(
            (c for c in self.committees.values() if not c.archived or c.id in met),
            key=lambda c: (c.order, c.name.casefold()),
        )

    @cached_property
    def _memberships_by_committee(self) -> dict[int, list[Membership]]:
        index: dict[int, list[Membership]] = defaultdict(list)
        for m in self.memberships.values():
            index[m.committee_id].append(m)
        return index

    @cached_property
    def _memberships_by_person(self) -> dict[int, list[Membership]]:
        index: dict[int, list[Membership]] = defaultdict(list)
        for m in self.memberships.values():
            index[m.person_id].append(m)
        return index

    @cached_property
    def _meetings_by_committee(self) -> dict[int, list[Meeting]]:
        index: dict[int, list[Meeting]] = defaultdict(list)
        for m in self.meetings.values():
            index[m.committee_id].append(m)
        for items in index.values():
            items.sort(key=_meeting_sort_key)
        return index

    @cached_property
    def persons_in_order(self) -> list[Person]:
        """Every person in the one German order (family name, given name: ``fold.name_sort_key``)."""
        return sorted(self.persons.values(), key=_person_order)

    @cached_property
    def organisations_in_order(self) -> list[Organisation]:
        """Every organisation by its name, German rules."""
        return sorted(self.organisations.values(), key=_organisation_order)

    @cached_property
    def people_per_organisation(self) -> dict[int, int]:
        """How many persons belong to each organisation (the directory's "Pers." column)."""
        counts: dict[int, int] = defaultdict(int)
        for p in self.persons.values():
            if p.organisation_id:
                counts[p.organisation_id] += 1
        return dict(counts)

    def memberships_of(self, committee_id: int, on: date | None = None) -> list[Membership]:
        """A committee's memberships; with ``on`` only those active that day."""
        found = self._grouped("_memberships_by_committee", "committee_id", committee_id)
        if on is not None:
            found = [m for m in found if m.is_active(on)]
        return found

    def memberships_of_person(self, person_id: int, on: date | None = None) -> list[Membership]:
        found = self._grouped("_memberships_by_person", "person_id", person_id)
        if on is not None:
            found = [m for m in found if m.is_active(on)]
        return found

    def _grouped(self, index: str, field: str, key: int) -> list[Membership]:
        """One list of a membership index; while the memberships are pending (the first screen)
        and the index is not built, just that list's records decoded."""
        built: dict[int, list[Membership]] | None = self.__dict__.get(index)
        if built is None:
            table = self.__dict__["memberships"]
            if not isinstance(table, dict):
                return cast(PendingMemberships, table).group(field, key)
            built = getattr(self, index)
        return built.get(key, [])

    def seat_holders(self, committee_id: int, seat_key: str, on: date) -> list[Membership]:
        return [m for m in self.memberships_of(committee_id, on) if m.seat_key == seat_key and m.role.takes_seat]

    def deputies_of(self, membership_id: int, on: date) -> list[Membership]:
        owner = self.membership(membership_id)
        if owner is None:
            return []
        return [m for m in self.memberships_of(owner.committee_id, on) if m.deputy_of == membership_id]

    def meetings_index(self) -> None:
        """Build the index of meetings by committee now (the store's thread after the start)."""
        self._meetings_by_committee  # noqa: B018

    def meetings_of(self, committee_id: int) -> list[Meeting]:
        table = self.__dict__["meetings"]
        if not isinstance(table, dict) and "_meetings_by_committee" not in self.__dict__:
            return sorted(table.group(committee_id), key=_meeting_sort_key)  # the first screen: one committee's
        return self._meetings_by_committee.get(committee_id, [])

    def meetings_in_year(self, year: int) -> list[Meeting]:
        table = self.__dict__["meetings"]
        if not isinstance(table, dict):  # still pending (the start): that year's records only
            return sorted(table.year(year), key=_meeting_sort_key)
        return sorted((m for m in table.values() if m.date and m.date.year == year), key=_meeting_sort_key)

    def meeting_tallies(self) -> list[MeetingTally]:
        """Every meeting's tally (``domain/tally.py``), in no particular order; still pending (the
        start), read without decoding the records. Read once (the app reads them in its warm-up
        after the start, ``evaluation.warm_up``) and kept while the meetings stay the same."""
        return self._meeting_tallies

    @cached_property
    def _meeting_tallies(self) -> list[MeetingTally]:
        table = self.__dict__["meetings"]
        if not isinstance(table, dict):
            return cast(Pending, table).tallies()
        return [tally(m) for m in table.values()]

    def next_meeting(self, committee_id: int, today: date) -> Meeting | None:
        for m in self.meetings_of(committee_id):
            if m.date and m.date >= today and m.status is not MeetingStatus.ABGESAGT:
                return m
        return None

    def next_or_last_meeting(self, committee_id: int, today: date) -> Meeting | None:
        """The committee's next meeting, else its last one before ``today`` (where its roster's
        "Sitzungen" key puts the cursor)."""
        upcoming = self.next_meeting(committee_id, today)
        if upcoming is not None:
            return upcoming
        past = [m for m in self.meetings_of(committee_id) if m.date and m.date < today]
        return past[-1] if past else None

    def meetings_held_count(self, committee_id: int, year: int, today: date) -> int:
        """Meetings of ``year`` up to ``today`` that were not cancelled."""
        return sum(
            1
            for m in self.meetings_of(committee_id)
            if m.date and m.date.year == year and m.date <= today and m.status is not MeetingStatus.ABGESAGT
        )

    # -- rules across records ----------------------------------------------------
    def check(self, record: Record) -> list[Problem]:
        """All problems of ``record`` as if it were saved into this snapshot."""
        problems = validate(record)
        if isinstance(record, Membership):
            problems += self._check_membership(record)
        elif isinstance(record, Committee):
            name = record.name.strip().casefold()
            if any(c.id != record.id and c.name.strip().casefold() == name for c in self.committees.values()):
                problems.append(Problem("name", f"Ein Gremium „{record.name}“ gibt es schon."))
            keys = {seat.key for seat in record.seats}
            old = self.committees.get(record.id)
            for key in sorted({m.seat_key for m in self.memberships_of(record.id)} - keys):
                old_seat = old.seat(key) if old else None
                if old_seat is None:
                    continue  # not a seat this edit removes: the membership's own problem (its seat_key)
                problems.append(
                    Problem("seats", f"Sitz „{old_seat.label}“ hat Mitgliedschaften (auch frühere) und bleibt.")
                )
            problems += meeting_rules.committee_problems(record)
        elif isinstance(record, Person):
            stored = self.persons.get(record.id)
            if stored is not None and stored.erased_on is not None and record.erased_on is None:
                problems.append(Problem("family_name", "Die Daten dieser Person wurden gelöscht (DSGVO)."))
            if record.organisation_id and record.organisation_id not in self.organisations:
                problems.append(Problem("organisation_id", "Die Organisation gibt es nicht (mehr)."))
        elif isinstance(record, Meeting):
            if record.committee_id and record.committee_id not in self.committees:
                problems.append(Problem("committee_id", "Das Gremium gibt es nicht (mehr)."))
            for entry in record.attendance:
                if entry.person_id not in self.persons:
                    problems.append(Problem("attendance", "Eine Person der Anwesenheitsliste fehlt."))
            problems += meeting_rules.meeting_problems(record, self.meetings_of(record.committee_id), self.persons)
        return problems

    @cached_property
    def _persons_by_name(self) -> dict[tuple[str, str], list[Person]]:
        index: dict[tuple[str, str], list[Person]] = defaultdict(list)
        for p in self.persons.values():
            if p.erased_on is None:  # the placeholders of erased persons all share one name
                index[_name_key(p)].append(p)
        return index

    def same_name(self, person: Person) -> Person | None:
        """Another person with the same given and family name (Müller = Mueller), if any.

        Namesakes are allowed (``domain/duplicates.py`` warns about likely duplicates); this
        only finds one, e.g. to offer it in a picker."""
        return next((p for p in self._persons_by_name.get(_name_key(person), []) if p.id != person.id), None)

    def namesakes(self, person: Person) -> list[Person]:
        """The other persons with the same given and family name (Müller = Mueller), from the
        name index: no pass over every person (an agenda's names, a task list)."""
        return [p for p in self._persons_by_name.get(_name_key(person), []) if p.id != person.id]

    def _check_membership(self, m: Membership) -> list[Problem]:
        problems: list[Problem] = []
        committee = self.committees.get(m.committee_id)
        if m.person_id and m.person_id not in self.persons:
            problems.append(Problem("person_id", "Die Person gibt es nicht (mehr)."))
        elif m.id == 0 and (person := self.persons.get(m.person_id)) and person.erased_on is not None:
            problems.append(Problem("person_id", "Die Daten dieser Person wurden gelöscht (DSGVO)."))
        if m.represents_id and m.represents_id not in self.organisations:
            problems.append(Problem("represents_id", "Die vertretene Organisation gibt es nicht (mehr)."))
        if committee is None:
            if m.committee_id:
                problems.append(Problem("committee_id", "Das Gremium gibt es nicht (mehr)."))
            return problems
        seat = committee.seat(m.seat_key)
        if m.seat_key and seat is None:
            problems.append(Problem("seat_key", f"Den Sitz gibt es im Gremium „{committee.name}“ nicht."))
        if m.deputy_of:
            owner = self.memberships.get(m.deputy_of)
            if owner is None:
                problems.append(Problem("deputy_of", "Die vertretene Mitgliedschaft gibt es nicht (mehr)."))
            elif owner.committee_id != m.committee_id:
                problems.append(Problem("deputy_of", "Das vertretene Mitglied gehört nicht zu diesem Gremium."))
            elif not owner.role.takes_seat:
                problems.append(Problem("deputy_of", "Vertreten werden kann nur, wer einen Sitz innehat."))
        if m.start is None:
            return problems
        others = [o for o in self.memberships_of(m.committee_id) if o.id != m.id and o.overlaps(m)]
        if any(o.person_id == m.person_id and o.seat_key == m.seat_key for o in others):
            problems.append(
                Problem("person_id", "Diese Person hat in diesem Zeitraum schon eine Mitgliedschaft auf diesem Sitz.")
            )
        if seat is not None and seat.count is not None and m.role.takes_seat:
            holders = [o for o in others if o.seat_key == m.seat_key and o.role.takes_seat]
            if _max_concurrent(holders, m) >= seat.count:
                problems.append(
                    Problem("seat_key", f"Der Sitz „{seat.label}“ ist voll besetzt ({seat.count} von {seat.count}).")
                )
        if m.role is Role.VORSITZ:
            problems += self._check_chair(m, others, committee)
        return problems

    def _check_chair(self, m: Membership, others: list[Membership], committee: Committee) -> list[Problem]:
        """One Vorsitz at a time; sharing the chair on purpose is the role Co-Vorsitz."""
        chairs = sorted((o for o in others if o.role is Role.VORSITZ), key=lambda o: (o.start or date.min, o.id))
        if not chairs:
            return []
        chair = chairs[0]
        who = self.person_name(chair.person_id)
        if chair.start and m.start and chair.start > m.start:  # a hand-over already entered for later
            return [
                Problem(
                    "role",
                    f"Den Vorsitz im Gremium „{committee.name}“ hat ab {format_date(chair.start)} schon {who} "
                    "(eingetragen). Ein Vorsitz davor endet nicht von selbst: bitte zuerst diesen späteren Wechsel "
                    "ändern oder löschen; zwei gleichzeitig nur als „Co-Vorsitz“.",
                )
            ]
        if chair.start and chair.end:
            period = f"{format_date(chair.start)}–{format_date(chair.end)}"
        else:
            period = f"seit {format_date(chair.start)}" if chair.start else "ohne Beginndatum"
        return [
            Problem(
                "role",
                f"Den Vorsitz im Gremium „{committee.name}“ hat in diesem Zeitraum schon {who} ({period}). "
                "Für einen Wechsel den Vorsitz übergeben; zwei gleichzeitig nur als „Co-Vorsitz“.",
            )
        ]


class _Decoded:
    """``Snapshot.meetings`` (``persons``, ``memberships``): the table, decoded on first access
    if it was pending.

    A data descriptor on the dataclass's field: the generated ``__init__``, ``__eq__``,
    ``__repr__`` and ``dataclasses.replace`` all go through it, so every reader sees a plain
    dict; only the look-ups made for the first screen (``meetings_of``, ``memberships_of``,
    ``person``, …), ``record_count`` and ``with_changes`` look at what is stored.
    """

    def __init__(self, name: str):
        self.name = name

    def __get__(self, snapshot: Snapshot | None, owner: type | None = None) -> Any:
        if snapshot is None:
            return self
        table = snapshot.__dict__[self.name]
        if not isinstance(table, dict):
            pending = table
            table = pending.table()
            # The indexes of the decoding pass first: a reader who finds the table decoded finds them.
            for index, built in (pending.indexes() if hasattr(pending, "indexes") else {}).items():
                snapshot.__dict__.setdefault(index, built)
            snapshot.__dict__[self.name] = table
        return table

    def __set__(self, snapshot: Snapshot, table: dict[int, Any] | Pending | PendingRecords) -> None:
        snapshot.__dict__[self.name] = table


DEFERRED = ("persons", "memberships", "meetings")
"""The tables a snapshot may hold pending (the app's start at large files, ``store/typed.py``)."""

for _name in DEFERRED:  # after @dataclass, which would take a descriptor for a default
    setattr(Snapshot, _name, _Decoded(_name))

TABLE_NAMES = tuple(TABLE_OF.values())


def _table(record: Record) -> str:
    return TABLE_OF[type(record)]


def _name_key(person: Person) -> tuple[str, str]:
    return (match_key(person.given_name.strip()), match_key(person.family_name.strip()))


def _person_order(p: Person) -> tuple[str, str, int]:
    return (*name_sort_key(p.family_name, p.given_name), p.id)


def _organisation_order(o: Organisation) -> tuple[str, int]:
    return (sort_key(o.name), o.id)


def _meeting_sort_key(m: Meeting):
    return (m.date or date.max, m.start_time.isoformat() if m.start_time else "", m.id)


def _max_concurrent(holders: list[Membership], new: Membership) -> int:
    """Most holders that overlap one another on any day within ``new``'s period."""
    start, end = new.start or date.min, new.end or date.max
    days = {start} | {h.start for h in holders if h.start and start <= h.start <= end}
    return max(
        (sum(1 for h in holders if (h.start or date.min) <= d <= (h.end or date.max)) for d in days),
        default=0,
    )


_INDEX_SOURCES = {
    "_memberships_by_committee": "memberships",
    "_memberships_by_person": "memberships",
    "_meetings_by_committee": "meetings",
    "_meeting_tallies": "meetings",
    "_persons_by_name": "persons",
    "persons_in_order": "persons",
    "organisations_in_order": "organisations",
    "people_per_organisation": "persons",
}
"""Each cached index of ``Snapshot`` and the one table it is built from (see ``keep_indexes``)."""


def _named(p: Person) -> tuple[str, str] | None:
    return _name_key(p) if p.erased_on is None else None


_PATCHES = {
    "_memberships_by_committee": lambda index, changes, new: patch_grouped(
        index, changes, lambda m: m.committee_id, new.memberships
    ),
    "_memberships_by_person": lambda index, changes, new: patch_grouped(
        index, changes, lambda m: m.person_id, new.memberships
    ),
    "_meetings_by_committee": lambda index, changes, new: patch_grouped(
        index, changes, lambda m: m.committee_id, new.meetings, _meeting_sort_key
    ),
    "_persons_by_name": lambda index, changes, new: patch_grouped(index, changes, _named, new.persons),
    "persons_in_order": lambda index, changes, new: patch_sorted(index, changes, _person_order),
    "organisations_in_order": lambda index, changes, new: patch_sorted(index, changes, _organisation_order),
    "people_per_organisation": lambda index, changes, new: patch_counts(
        index, changes, lambda p: p.organisation_id or None
    ),
}
"""How each index of ``_INDEX_SOURCES`` takes a change of its table (see ``patch_indexes``)."""
