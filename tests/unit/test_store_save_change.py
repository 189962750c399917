"""``Store.save_change``: an operation applied to the record as stored now, under the lock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from herford_tui.domain import Attendance, Committee, Meeting, MeetingAttendance, Person
from herford_tui.domain.attendance_mark import Mark, MarkClash, entry_of
from herford_tui.store import NotFoundError, Store


def _meeting(db_path: Path) -> tuple[Store, Store, int, list[int]]:
    """Two stores on one file (two colleagues' apps), a meeting, three people."""
    mine = Store(db_path).open(seed={})
    people = [mine.save(Person(given_name=n, family_name="Muster")).id for n in ("Anna", "Bert", "Cora")]
    committee = mine.save(Committee(name="Lenkungskreis")).id
    meeting = mine.save(Meeting(committee_id=committee, date=date(2027, 3, 1))).id
    theirs = Store(db_path).open()
    return mine, theirs, meeting, people


def test_marks_of_two_colleagues_on_different_people_both_land(db_path: Path, monkeypatch):
    mine, theirs, meeting_id, (anna, bert, _) = _meeting(db_path)
    stale = mine.snapshot().meetings[meeting_id]  # what I see: nobody recorded
    monkeypatch.setenv("HERFORD_TUI_BENUTZER", "kollegin")
    theirs.save_change(Meeting, meeting_id, Mark(anna, Attendance.ANWESEND).onto)
    monkeypatch.setenv("HERFORD_TUI_BENUTZER", "ich")
    saved = mine.save_change(Meeting, meeting_id, Mark(bert, Attendance.ENTSCHULDIGT, seen=None).onto)
    assert saved.rev == stale.rev + 2
    stored = Store(db_path).open().snapshot().meetings[meeting_id]
    assert entry_of(stored, anna) == MeetingAttendance(anna, Attendance.ANWESEND)
    assert entry_of(stored, bert) == MeetingAttendance(bert, Attendance.ENTSCHULDIGT)


def test_a_clash_writes_nothing_and_names_the_colleague(db_path: Path, monkeypatch):
    mine, theirs, meeting_id, (anna, _, _) = _meeting(db_path)
    monkeypatch.setenv("HERFORD_TUI_BENUTZER", "kollegin")
    theirs.save_change(Meeting, meeting_id, Mark(anna, Attendance.ANWESEND).onto)
    before = db_path.read_bytes()
    monkeypatch.setenv("HERFORD_TUI_BENUTZER", "ich")
    with pytest.raises(MarkClash) as caught:
        mine.save_change(Meeting, meeting_id, Mark(anna, Attendance.FEHLEND, seen=None).onto)
    assert caught.value.by == "kollegin"
    assert caught.value.theirs == MeetingAttendance(anna, Attendance.ANWESEND)
    assert db_path.read_bytes() == before


def test_no_change_writes_nothing_and_a_deleted_record_is_said(db_path: Path):
    mine, _, meeting_id, (anna, _, _) = _meeting(db_path)
    before = db_path.read_bytes()
    assert mine.save_change(Meeting, meeting_id, Mark(anna, None).onto) == mine.snapshot().meetings[meeting_id]
    assert db_path.read_bytes() == before
    with pytest.raises(NotFoundError, match="inzwischen gelöscht"):
        mine.save_change(Meeting, 999, Mark(anna, Attendance.ANWESEND).onto)
