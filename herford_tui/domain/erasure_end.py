"""What a DSGVO erasure ends: the erased person's open memberships and their future attendance.

The placeholder ("gelöschte Person") keeps the past: the memberships that ran until the erasure
stay on their seats with their dates. From the erasure day on the person is no member any more
(history "ends from a date on"): a current membership ends on that day, one that has not begun
yet never happened and goes, and meetings after that day no longer list the person.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from herford_tui.domain.labels import format_date
from herford_tui.domain.models import Meeting, Membership, Role
from herford_tui.domain.snapshot import Snapshot


@dataclasses.dataclass(frozen=True)
class Ending:
    ended: list[Membership]
    """Memberships (the person's and their deputies') with their new end: the erasure day."""
    dropped: list[Membership]
    """Memberships that would begin after the erasure day (and their deputies): deleted."""
    meetings: list[Meeting]
    """Meetings after the erasure day without the person's attendance entries."""


def open_memberships(snapshot: Snapshot, person_id: int, day: date) -> list[Membership]:
    """The person's memberships still running after ``day`` (current or future)."""
    return [m for m in snapshot.memberships_of_person(person_id) if m.end is None or m.end > day]


def ending(snapshot: Snapshot, person_id: int, day: date) -> Ending:
    """End ``person_id``'s memberships on ``day``: deputies leave with their member (the roster's
    rule, as when a member leaves), and meetings after ``day`` forget the person's attendance."""
    ended: dict[int, Membership] = {}
    dropped: dict[int, Membership] = {}
    for m in open_memberships(snapshot, person_id, day):
        _end(m, day, ended, dropped)
        gone = m.id in dropped
        for d in snapshot.memberships.values():
            if d.deputy_of == m.id and (d.end is None or d.end > day or gone) and d.id not in ended:
                _end(d, day, ended, dropped, gone=gone)
    meetings = []
    for meeting in snapshot.meetings.values():
        if meeting.date is None or meeting.date <= day:
            continue  # the past (and the erasure day itself) stays as it was recorded
        kept = [
            dataclasses.replace(e, deputy_id=None) if e.deputy_id == person_id else e
            for e in meeting.attendance
            if e.person_id != person_id
        ]
        if kept != meeting.attendance:
            meetings.append(dataclasses.replace(meeting, attendance=kept))
    return Ending(list(ended.values()), list(dropped.values()), meetings)


def _end(
    m: Membership, day: date, ended: dict[int, Membership], dropped: dict[int, Membership], *, gone: bool = False
) -> None:
    """``gone``: the deputy's member never begins, so the deputy goes with it."""
    if gone or (m.start is not None and m.start > day):
        dropped[m.id] = m  # an end before its start is no membership: it never began
    else:
        ended[m.id] = dataclasses.replace(m, end=day)


def erasure_memberships_text(total: int, running: int, day: date) -> str:
    """German, for the question before an erasure: what becomes of the person's memberships."""
    placeholder = "„gelöschte Person“"  # dsgvo.PLACEHOLDER (dsgvo imports this module)
    if not total:
        return "Mitgliedschaften in Gremien gibt es keine."
    if not running:
        if total == 1:
            return f"Die beendete Mitgliedschaft bleibt als {placeholder} im Verlauf."
        return f"Die {total} beendeten Mitgliedschaften bleiben als {placeholder} im Verlauf."
    if running == 1:
        text = f"Die laufende oder künftige Mitgliedschaft wird zum {format_date(day)} beendet"
    else:
        text = f"Die {running} laufenden oder künftigen Mitgliedschaften werden zum {format_date(day)} beendet"
    if running < total:
        return text + f"; alle {total} bleiben als {placeholder} im Verlauf."
    return text + f" und {'bleibt' if running == 1 else 'bleiben'} als {placeholder} im Verlauf."


def chairs_dropped_text(snapshot: Snapshot, person_id: int, day: date) -> str:
    """German, for the question before an erasure: a Vorsitz the person would take after ``day``
    (a hand-over entered ahead) goes with the erasure, and the committee has no chair from then."""
    texts = []
    for m in sorted(open_memberships(snapshot, person_id, day), key=lambda m: (m.start or day, m.id)):
        if m.role is Role.VORSITZ and m.start is not None and m.start > day:
            committee = snapshot.committees.get(m.committee_id)
            name = committee.name if committee else "?"
            texts.append(
                f"Der ab {format_date(m.start)} eingetragene Vorsitz im Gremium „{name}“ entfällt; "
                "das Gremium hat dann keinen Vorsitz."
            )
    return " ".join(texts)
