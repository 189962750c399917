"""Patching a snapshot's indexes with the records a save changed, instead of building them again.

A save at x10 changes one membership among 60,000: building the membership indexes anew costs
a sixth of a second, patching them the few lists the record is in. Each patch leaves exactly
what a fresh build on the new tables gives (``tests/unit/test_snapshot_patch.py`` compares them
after every kind of change): the same keys, the same lists in the same order.

Lists built in table order (``_memberships_by_committee``, ``_persons_by_name``) keep that order:
an updated record stays where it was, a new one comes last (a table is a dict: an update keeps the
key's place, a new key is appended), and a record that moves to another key has that key's list
filtered again from the table. Sorted lists take the record out and put it back by bisection.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, Protocol

from herford_tui.domain.models import Record

Change = tuple[Any, Any]
"""(the record before, the record after) of one change; None for "not there"."""

MAX_PATCHED = 500
"""More changes than this in one step (an import) and the index is built again on first use:
bisecting thousands of records into a list costs more than one sort."""


class Indexed(Protocol):
    """What a patch needs of a snapshot: its tables and its cached indexes (``__dict__``)."""

    __dict__: dict[str, Any]


def patch_grouped(
    index: dict[Hashable, list[Any]],
    changes: Sequence[Change],
    key: Callable[[Any], Hashable | None],
    table: dict[int, Any],
    order: Callable[[Any], Any] | None = None,
) -> defaultdict[Hashable, list[Any]]:
    """A copy of ``index`` (key -> records) with ``changes`` applied.

    ``key`` gives a record's group, None for a record the index leaves out. Each group's list is
    sorted by ``order`` (unique per record) if given, else in ``table`` order: ``table`` is the new
    table, for a record that moves into a group whose order it must find.
    """
    patched: defaultdict[Hashable, list[Any]] = defaultdict(list, index)
    copied: set[Hashable] = set()
    refilter: set[Hashable] = set()

    def own(group: Hashable) -> list[Any]:
        if group not in copied:
            copied.add(group)
            patched[group] = list(index.get(group, ()))
        return patched[group]

    for old, new in changes:
        old_key = key(old) if old is not None else None
        new_key = key(new) if new is not None else None
        if order is None and old_key is not None and old_key == new_key:
            if old_key not in refilter:
                items = own(old_key)
                items[_position(items, old.id)] = new  # an update keeps its place in the table
            continue
        if old_key is not None and old_key not in refilter:
            items = own(old_key)
            del items[_position(items, old.id)]
        if new_key is None or new_key in refilter:
            continue
        if order is not None:
            bisect.insort(own(new_key), new, key=order)
        elif old is None:
            own(new_key).append(new)  # a new record is the table's last
        else:
            refilter.add(new_key)  # moved here: its place in table order is not the end
    if refilter:  # one pass over the table for all of them, however many records moved
        regrouped: dict[Hashable, list[Any]] = {group: [] for group in refilter}
        for record in table.values():
            found = regrouped.get(key(record))
            if found is not None:
                found.append(record)
        patched.update(regrouped)
        copied |= refilter
    for group in copied:
        if not patched[group]:
            del patched[group]  # a fresh build has no key without records
    return patched


def patch_sorted(items: list[Any], changes: Sequence[Change], order: Callable[[Any], Any]) -> list[Any]:
    """A copy of ``items`` (sorted by ``order``, which is unique per record) with ``changes`` applied."""
    patched = list(items)
    for old, new in changes:
        if old is not None:
            at = bisect.bisect_left(patched, order(old), key=order)
            assert patched[at].id == old.id, "the sorted index lost a record"
            del patched[at]
        if new is not None:
            bisect.insort(patched, new, key=order)
    return patched


def patch_counts(counts: dict[int, int], changes: Sequence[Change], key: Callable[[Any], int | None]) -> dict[int, int]:
    """A copy of ``counts`` (key -> how many records) with ``changes`` applied; no key at zero."""
    patched = dict(counts)
    for old, new in changes:
        for record, step in ((old, -1), (new, 1)):
            group = key(record) if record is not None else None
            if group is None:
                continue
            patched[group] = patched.get(group, 0) + step
            if patched[group] == 0:
                del patched[group]
    return patched


def changes_of(tables: dict[str, dict[int, Any]], table_of: Callable[[Record], str], saved: Iterable[Record],
               deleted: Iterable[Record]) -> dict[str, list[Change]]:  # fmt: skip
    """Per table the (before, after) pairs of putting ``saved`` in and taking ``deleted`` out of
    ``tables`` (the older snapshot's; not changed), in the order ``Snapshot.with_changes`` applies them."""
    current: dict[str, dict[int, Any]] = {}
    found: dict[str, list[Change]] = {}
    for record, gone in [*((r, False) for r in saved), *((r, True) for r in deleted)]:
        name = table_of(record)
        state = current.setdefault(name, {})
        old = state[record.id] if record.id in state else tables[name].get(record.id)
        new = None if gone else record
        if old is None and new is None:
            continue
        state[record.id] = new
        found.setdefault(name, []).append((old, new))
    return found


def changes_between(old: dict[int, Any], new: dict[int, Any]) -> list[Change] | None:
    """The (before, after) pairs that make table ``new`` of table ``old`` (a colleague's save, read
    record by record: an unchanged record is the same object); None if ``new`` does not keep the
    order of ``old`` with new records last, which the patches of table-ordered lists rely on."""
    kept = [i for i in old if i in new]
    added = [i for i in new if i not in old]
    if len(kept) + len(added) != len(new) or list(new) != kept + added:
        return None
    found: list[Change] = [(record, None) for i, record in old.items() if i not in new]
    found += [(old.get(i), record) for i, record in new.items() if old.get(i) is not record]
    return found


def _position(items: list[Any], record_id: int) -> int:
    for at, item in enumerate(items):
        if item.id == record_id:
            return at
    raise AssertionError("the index lost a record")
