"""The attendance list of a meeting as a table (CSV/XLSX) to file after the meeting."""

from __future__ import annotations

from herford_tui.domain.attendance import quorum
from herford_tui.domain.attendance_list import attendance_list
from herford_tui.domain.labels import format_date
from herford_tui.domain.models import Meeting
from herford_tui.domain.snapshot import Snapshot
from herford_tui.exchange.tabular import Sheet

COLUMNS = (
    "Name",
    "Organisation",
    "Sitz",
    "Rolle",
    "Stimmberechtigt",
    "Anwesenheit",
    "Entschuldigt",
    "Vertreten durch",
    "In Vertretung für",
)


def attendance_sheet(snapshot: Snapshot, meeting: Meeting) -> Sheet:
    committee = snapshot.committees.get(meeting.committee_id)
    title = f"Anwesenheit {committee.name if committee else 'Sitzung'} {format_date(meeting.date)}"
    rows = [
        [
            row.name,
            row.organisation,
            row.seat,
            row.role,
            "ja" if row.voting else "nein",
            row.status or "nicht erfasst",
            "ja" if row.excused else "nein",
            row.represented_by,
            row.stands_in_for,
        ]
        for row in attendance_list(snapshot, meeting)
    ]
    return Sheet(title, list(COLUMNS), rows)


def summary(snapshot: Snapshot, meeting: Meeting) -> str:
    """„9 von 12 anwesend, beschlussfähig (ab 7)“: the same words as the meeting screen."""
    return quorum(snapshot, meeting).text
