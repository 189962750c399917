"""Merging two person records in the file: save the plan, then delete the merged-away record,
with no other thread of this program in between."""

from __future__ import annotations

from herford_tui.domain.duplicates import EVERY
from herford_tui.domain.person_merge import merge_plan
from herford_tui.store.errors import NotFoundError
from herford_tui.store.store import Store


def merge_persons(store: Store, keep_id: int, drop_id: int) -> None:
    """Move ``drop_id``'s memberships and attendance to ``keep_id`` and delete ``drop_id``.

    Raises ``ValueError`` (German) when the plan has problems, ``ValidationError`` when a rule
    refuses a moved record; nothing is written then.
    """
    # Two writes (the lock is not re-entrant): should a colleague give the other record a new
    # membership in between, the delete is refused and both records stay, nothing is lost.
    with store._mutex:
        snapshot = store.snapshot()
        for person_id in (keep_id, drop_id):
            if person_id not in snapshot.persons:
                raise NotFoundError(f"Eine Person mit der Nummer {person_id} gibt es nicht (mehr).")
        plan = merge_plan(snapshot, keep_id, drop_id)
        if plan.problems:
            raise ValueError(" ".join(plan.problems))
        store.save_all(list(plan.save), confirmed=EVERY)  # the twin is deleted right after
        store.delete(store.snapshot().persons[drop_id])
