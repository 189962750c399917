"""Changes to a meeting's agenda as pure functions: each returns a new Meeting, numbers kept 1…n."""

from __future__ import annotations

import dataclasses

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
