"""Changes to a meeting's agenda as pure functions: each returns a new Meeting, numbers kept 1…n."""

from __future__ import annotations

import dataclasses

from herford_tui.domain.merge import Clash
from herford_tui.domain.models import AgendaItem, Decision, Meeting, Task


def renumbered(items: list[AgendaItem]) -> list[AgendaItem]:
    return [dataclasses.replace(item, number=str(i)) for i, item in enumerate(items, start=1)]


def put_item(meeting: Meeting, item: AgendaItem, index: int | None = None) -> Meeting:
    """Replace the item at ``index``, or append ``item`` when ``index`` is None."""
    items = list(meeting.agenda)
    if index is None:
        items.append(item)
    else:
        items[index] = item
    return dataclasses.replace(meeting, agenda=renumbered(items))


def move_item(meeting: Meeting, index: int, step: int) -> Meeting:
    """Move one item up (-1) or down (+1); at either end nothing changes."""
    target = index + step
    if not (0 <= index < len(meeting.agenda) and 0 <= target < len(meeting.agenda)):
        return meeting
    items = list(meeting.agenda)
    items[index], items[target] = items[target], items[index]
    return dataclasses.replace(meeting, agenda=renumbered(items))


def remove_item(meeting: Meeting, index: int) -> Meeting:
    items = [item for i, item in enumerate(meeting.agenda) if i != index]
    return dataclasses.replace(meeting, agenda=renumbered(items))


def add_decision(meeting: Meeting, index: int, decision: Decision) -> Meeting:
    item = meeting.agenda[index]
    return put_item(meeting, dataclasses.replace(item, decisions=[*item.decisions, decision]), index)


def add_task(meeting: Meeting, index: int, task: Task) -> Meeting:
    item = meeting.agenda[index]
    return put_item(meeting, dataclasses.replace(item, tasks=[*item.tasks, task]), index)


def set_task_done(meeting: Meeting, index: int, task_index: int, done: bool) -> Meeting:
    item = meeting.agenda[index]
    tasks = list(item.tasks)
    tasks[task_index] = dataclasses.replace(tasks[task_index], done=done)
    return put_item(meeting, dataclasses.replace(item, tasks=tasks), index)


def task_positions(meeting: Meeting) -> list[tuple[int, int]]:
    """(item index, task index) of every task, in agenda order."""
    return [(i, t) for i, item in enumerate(meeting.agenda) for t in range(len(item.tasks))]


# -- a form's edit as an operation on the meeting as stored (``Store.save_change``) ----------
ITEM_FIELDS = {
    "title": "Titel",
    "public": "öffentlich",
    "responsible_person_id": "Zuständig",
    "notes": "Notizen",
    "minutes": "Protokoll",
}
"""The fields of an agenda item its form edits, with their German labels; decisions and tasks
have forms of their own."""


class AgendaClash(Clash):
    """The item a form was opened for was changed by a colleague in a way the form's input
    cannot be combined with; nothing is written."""


def _where(meeting: Meeting, index: int, seen: AgendaItem) -> int:
    """Where the item this user saw at ``index`` is now: still there, or moved (the one item
    with its title). A colleague's removal or new title is a clash: the input goes nowhere else."""
    items = meeting.agenda
    if 0 <= index < len(items) and items[index].title == seen.title:
        return index
    same = [i for i, item in enumerate(items) if item.title == seen.title]
    if len(same) == 1:
        return same[0]
    raise AgendaClash(
        f"TOP {seen.number} „{seen.title}“ wurde inzwischen von jemand anderem umbenannt oder entfernt; "
        "nichts wurde gespeichert."
    )


def edit_item(meeting: Meeting, index: int, seen: AgendaItem, edited: AgendaItem) -> Meeting:
    """``meeting`` (as stored now) with the fields this user changed from ``seen`` to ``edited``;
    a colleague's changes meanwhile (other fields, decisions, tasks, other items) stay.
    ``AgendaClash`` when the colleague changed a field this user changed too, to something else."""
    at = _where(meeting, index, seen)
    now = meeting.agenda[at]
    changes: dict[str, object] = {}
    clashes: list[str] = []
    for name, label in ITEM_FIELDS.items():
        before, mine, theirs = getattr(seen, name), getattr(edited, name), getattr(now, name)
        if mine in (before, theirs):
            continue
        if theirs != before:
            clashes.append(label)
        else:
            changes[name] = mine
    if clashes:
        raise AgendaClash(
            f"{', '.join(clashes)} von TOP {now.number} „{now.title}“ wurde inzwischen von jemand anderem "
            "geändert; nichts wurde überschrieben. Bitte Esc und neu öffnen, um die neue Fassung zu sehen."
        )
    return put_item(meeting, dataclasses.replace(now, **changes), at) if changes else meeting  # type: ignore[arg-type]


def decide(meeting: Meeting, index: int, seen: AgendaItem, decision: Decision) -> Meeting:
    """``add_decision`` on the item this user saw, wherever it is now."""
    return add_decision(meeting, _where(meeting, index, seen), decision)


def assign(meeting: Meeting, index: int, seen: AgendaItem, task: Task) -> Meeting:
    """``add_task`` on the item this user saw, wherever it is now."""
    return add_task(meeting, _where(meeting, index, seen), task)


def write_minutes(meeting: Meeting, seen: str, minutes: str) -> Meeting:
    """The meeting's own minutes, unless a colleague wrote other minutes since this user opened them."""
    if minutes == meeting.minutes:
        return meeting
    if meeting.minutes != seen:
        raise AgendaClash(
            "Das Protokoll der Sitzung wurde inzwischen von jemand anderem geändert; nichts wurde "
            "überschrieben. Bitte den eigenen Text kopieren, Esc und neu öffnen."
        )
    return dataclasses.replace(meeting, minutes=minutes)


def move_seen(meeting: Meeting, index: int, seen: AgendaItem, step: int) -> Meeting:
    """``move_item`` on the item this user saw at ``index``, wherever it is now: a colleague's
    item added or moved meanwhile does not make the key move another one."""
    return move_item(meeting, _where(meeting, index, seen), step)


def remove_seen(meeting: Meeting, index: int, seen: AgendaItem) -> Meeting:
    """The item this user saw and confirmed to remove, wherever it is now. Changed by a
    colleague meanwhile (minutes, a decision or a task the question did not show) it stays:
    ``AgendaClash``, nothing removed."""
    at = _where(meeting, index, seen)
    now = meeting.agenda[at]
    if dataclasses.replace(now, number=seen.number) != seen:
        raise AgendaClash(
            f"TOP {now.number} „{now.title}“ wurde inzwischen von jemand anderem geändert; er wurde nicht "
            "entfernt. Bitte die neue Fassung ansehen und erst dann entfernen."
        )
    return remove_item(meeting, at)


def _task_at(meeting: Meeting, index: int, seen: AgendaItem, task_index: int, task: Task) -> tuple[int, int]:
    """(item, task) positions of the task this user saw, as stored now: a colleague's change or
    removal of that task is a clash (nothing else is changed in its place)."""
    at = _where(meeting, index, seen)
    tasks = meeting.agenda[at].tasks
    if 0 <= task_index < len(tasks) and tasks[task_index] == task:
        return at, task_index
    same = [t for t, stored in enumerate(tasks) if stored == task]
    if same:
        return at, same[0]
    raise AgendaClash(
        f"Die Aufgabe „{task.what}“ wurde inzwischen von jemand anderem geändert oder entfernt; "
        "nichts wurde überschrieben. Bitte Esc und neu öffnen."
    )


def edit_task(meeting: Meeting, index: int, seen: AgendaItem, task_index: int, task: Task, edited: Task) -> Meeting:
    """The task this user saw (``task``, at ``task_index`` of the item ``seen``) replaced by ``edited``."""
    at, t = _task_at(meeting, index, seen, task_index, task)
    item = meeting.agenda[at]
    tasks = [edited if i == t else stored for i, stored in enumerate(item.tasks)]
    return put_item(meeting, dataclasses.replace(item, tasks=tasks), at)


def remove_task(meeting: Meeting, index: int, seen: AgendaItem, task_index: int, task: Task) -> Meeting:
    """The task this user saw removed (entered by mistake: a wrong person, a double)."""
    at, t = _task_at(meeting, index, seen, task_index, task)
    item = meeting.agenda[at]
    return put_item(meeting, dataclasses.replace(item, tasks=[s for i, s in enumerate(item.tasks) if i != t]), at)


def edit_decision(
    meeting: Meeting, index: int, seen: AgendaItem, number: int, decision: Decision, edited: Decision | None
) -> Meeting:
    """The decision this user saw (``decision``, the ``number``-th of the item ``seen``) replaced by
    ``edited``, or removed (None: entered by mistake); a colleague's change of it is a clash."""
    at = _where(meeting, index, seen)
    item = meeting.agenda[at]
    stored = item.decisions
    if 0 <= number < len(stored) and stored[number] == decision:
        k = number
    else:
        same = [i for i, d in enumerate(stored) if d == decision]
        if not same:
            raise AgendaClash(
                f"Der Beschluss „{decision.text}“ wurde inzwischen von jemand anderem geändert oder entfernt; "
                "nichts wurde überschrieben. Bitte Esc und neu öffnen."
            )
        k = same[0]
    decisions = (
        [d for i, d in enumerate(stored) if i != k]
        if edited is None
        else [edited if i == k else d for i, d in enumerate(stored)]
    )
    return put_item(meeting, dataclasses.replace(item, decisions=decisions), at)


def tick_task(meeting: Meeting, index: int, seen: AgendaItem, task_index: int, task: Task, done: bool) -> Meeting:
    """The task this user saw marked done (or open again), wherever it is now; a colleague who
    ticked it the same way meanwhile is no clash (nothing to write)."""
    tasks = meeting.agenda[_where(meeting, index, seen)].tasks
    if task not in tasks and dataclasses.replace(task, done=done) in tasks:
        return meeting
    at, t = _task_at(meeting, index, seen, task_index, task)
    return set_task_done(meeting, at, t, done)
