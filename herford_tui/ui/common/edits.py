"""The keys that change the data, by binding id.

When the app only reads (``--read-only``, a file this user may not write) the footers leave
them out (``footer.py``): a new colleague saw "a Neu", "e Ändern", "x Austritt" and tried them.
Pressing one still says why nothing happens (``refuse_edit``), and the help names them as
switched off. Keys that only read or make a document (export, search, the invitation letter)
are not listed.
"""

from __future__ import annotations

EDIT_KEYS = frozenset(
    {
        "main.import",
        "committee.add_member",
        "committee.edit_member",
        "committee.end_member",
        "committee.add_deputy",
        "committee.move_member",
        "committee.change_role",
        "committee.hand_over_chair",
        "committee.delete_member",
        "committee.edit",
        "committee.new",
        "committee.edit_person",
        "committee.archive",
        "archive.restore",
        "directory.add",
        "directory.edit",
        "directory.delete",
        "person.edit",
        "person.erase",
        "person.merge",
        "person.delete",
        "organisation.edit",
        "organisation.delete",
        "year.add",
        "year.series",
        "year.delete",
        "meeting.basics",
        "meeting.item_add",
        "meeting.item_edit",
        "meeting.item_remove",
        "meeting.item_up",
        "meeting.item_down",
        "meeting.minutes",
        "meeting.decision",
        "meeting.task",
        "meeting.task_done",
        "meeting.present",
        "meeting.excused",
        "meeting.absent",
        "meeting.deputy",
        "meeting.attendance_clear",
        "tasks.done",
    }
)
