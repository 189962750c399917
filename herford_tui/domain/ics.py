"""Meetings as an iCalendar file (RFC 5545): one VEVENT per meeting, Europe/Berlin with VTIMEZONE."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from herford_tui.domain.models import Meeting, MeetingStatus
from herford_tui.domain.snapshot import Snapshot

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//Bildungsbüro Kreis Herford//herford-tui//DE"
STATUS = {
    MeetingStatus.GEPLANT: "TENTATIVE",
    MeetingStatus.EINGELADEN: "CONFIRMED",
    MeetingStatus.DURCHGEFUEHRT: "CONFIRMED",
    MeetingStatus.ABGESAGT: "CANCELLED",
}
DEFAULT_LENGTH = timedelta(hours=2)


def meeting_uid(meeting: Meeting) -> str:
    """Stable across exports, so a calendar updates the event instead of adding a second one."""
    return f"sitzung-{meeting.id}@herford-tui.kreis-herford"


def description(snapshot: Snapshot, meeting: Meeting) -> str:
    lines = []
    committee = snapshot.committees.get(meeting.committee_id)
    if committee:
        lines.append(committee.name)
    if meeting.agenda:
        lines += ["", "Tagesordnung:"]
        lines += [f"TOP {item.number} {item.title}" for item in meeting.agenda]
    if meeting.notes:
        lines += ["", meeting.notes]
    return "\n".join(lines)


def build_calendar(snapshot: Snapshot, meetings: Iterable[Meeting], *, now: datetime | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Sitzungen der Bildungsregion Kreis Herford")
    cal.add("x-wr-timezone", "Europe/Berlin")
    stamp = now or datetime.now(UTC)
    for meeting in meetings:
        if meeting.date is None:
            continue
        committee = snapshot.committees.get(meeting.committee_id)
        event = Event()
        event.add("uid", meeting_uid(meeting))
        event.add("dtstamp", stamp)
        event.add("summary", f"Sitzung {committee.name}" if committee else "Sitzung")
        if meeting.start_time is None:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + timedelta(days=1))
        else:
            start = datetime.combine(meeting.date, meeting.start_time, tzinfo=BERLIN)
            end = (
                datetime.combine(meeting.date, meeting.end_time, tzinfo=BERLIN)
                if meeting.end_time
                else start + DEFAULT_LENGTH
            )
            event.add("dtstart", start)
            event.add("dtend", end)
        place = ", ".join(p for p in (meeting.location, meeting.room) if p)
        if place:
            event.add("location", place)
        event.add("description", description(snapshot, meeting))
        event.add("status", STATUS[meeting.status])
        event.add("sequence", meeting.rev)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def select_meetings(snapshot: Snapshot, committee_id: int | None = None, year: int | None = None) -> list[Meeting]:
    """Meetings with a date, of one committee and/or year, in date order."""
    found = [
        m
        for m in snapshot.meetings.values()
        if m.date and (committee_id is None or m.committee_id == committee_id) and (year is None or m.date.year == year)
    ]
    return sorted(found, key=lambda m: (m.date, m.start_time.isoformat() if m.start_time else "", m.id))
