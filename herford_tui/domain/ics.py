"""Meetings as an iCalendar file (RFC 5545): one VEVENT per meeting, Europe/Berlin with VTIMEZONE.

The VTIMEZONE is the classic form with yearly rules (last Sunday of March and of October, as EU
law has fixed since 1996), the form Outlook writes: vobject, icalendar, khal and Outlook all
read it alike. (icalendar's generated form lists each change as an RDATE and vobject read summer
meetings one hour early from it.)

No end is invented: a meeting without an end time ends after its committee's usual length (the
most common length of its meetings with both times), or has no DTEND at all. Only public agenda
titles go into DESCRIPTION unless ``closed_items`` is asked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from herford_tui.domain.models import Meeting, MeetingStatus
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import printable

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//Bildungsbüro Kreis Herford//herford-tui//DE"
STATUS = {
    MeetingStatus.GEPLANT: "TENTATIVE",
    MeetingStatus.EINGELADEN: "CONFIRMED",
    MeetingStatus.DURCHGEFUEHRT: "CONFIRMED",
    MeetingStatus.ABGESAGT: "CANCELLED",
}


def meeting_uid(meeting: Meeting) -> str:
    """Stable across exports, so a calendar updates the event instead of adding a second one."""
    return f"sitzung-{meeting.id}@herford-tui.kreis-herford"


def description(snapshot: Snapshot, meeting: Meeting, *, closed_items: bool = False) -> str:
    lines = []
    committee = snapshot.committees.get(meeting.committee_id)
    if committee:
        lines.append(committee.name)
    items = [item for item in meeting.agenda if item.public or closed_items]
    if items:
        lines += ["", "Tagesordnung:"]
        lines += [
            f"TOP {item.number} {item.title}{'' if item.public else ' (nicht öffentlich)'}".replace("  ", " ")
            for item in items
        ]
    if meeting.notes and closed_items:  # internal notes are for the office, not for every calendar
        lines += ["", meeting.notes]
    return "\n".join(lines)


def berlin_timezone() -> Timezone:
    """VTIMEZONE for Europe/Berlin with yearly rules: the form every client reads the same way."""
    zone = Timezone()
    zone.add("tzid", "Europe/Berlin")
    zone.add("x-lic-location", "Europe/Berlin")
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("dtstart", datetime(1970, 3, 29, 2, 0, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("dtstart", datetime(1970, 10, 25, 3, 0, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def usual_lengths(snapshot: Snapshot) -> dict[int, timedelta]:
    """Per committee the most common length of its meetings that have a start and an end."""
    counts: dict[int, Counter[timedelta]] = {}
    for m in snapshot.meetings.values():
        if m.date and m.start_time and m.end_time and m.end_time > m.start_time:
            length = datetime.combine(m.date, m.end_time) - datetime.combine(m.date, m.start_time)
            counts.setdefault(m.committee_id, Counter())[length] += 1
    return {committee: c.most_common(1)[0][0] for committee, c in counts.items()}


def build_calendar(
    snapshot: Snapshot, meetings: Iterable[Meeting], *, now: datetime | None = None, closed_items: bool = False
) -> bytes:
    lengths = usual_lengths(snapshot)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Sitzungen der Bildungsregion Kreis Herford")
    cal.add("x-wr-timezone", "Europe/Berlin")
    cal.add_component(berlin_timezone())  # before the events: some clients read in one pass
    stamp = now or datetime.now(UTC)
    for meeting in meetings:
        if meeting.date is None:
            continue
        committee = snapshot.committees.get(meeting.committee_id)
        event = Event()
        event.add("uid", meeting_uid(meeting))
        event.add("dtstamp", stamp)
        # Stored text may hold control characters (ESC from a paste or an import): RFC 5545 allows
        # none in TEXT, and a calendar file shown with `cat` must not drive the terminal.
        event.add("summary", printable(f"Sitzung {committee.name}" if committee else "Sitzung"))
        if meeting.start_time is None:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + timedelta(days=1))
        else:
            start = datetime.combine(meeting.date, meeting.start_time, tzinfo=BERLIN)
            event.add("dtstart", start)
            if meeting.end_time and meeting.end_time > meeting.start_time:
                event.add("dtend", datetime.combine(meeting.date, meeting.end_time, tzinfo=BERLIN))
            elif meeting.committee_id in lengths:
                event.add("dtend", start + lengths[meeting.committee_id])
            # else no DTEND: RFC 5545 reads that as a meeting without a stated end
        place = ", ".join(p for p in (meeting.location, meeting.room) if p)
        if place:
            event.add("location", printable(place))
        event.add(
            "description", printable(description(snapshot, meeting, closed_items=closed_items), keep_newlines=True)
        )
        event.add("status", STATUS[meeting.status])
        event.add("sequence", meeting.rev)
        cal.add_component(event)
    return cal.to_ical()


def select_meetings(snapshot: Snapshot, committee_id: int | None = None, year: int | None = None) -> list[Meeting]:
    """Meetings with a date, of one committee and/or year, in date order."""
    found = [
        m
        for m in snapshot.meetings.values()
        if m.date and (committee_id is None or m.committee_id == committee_id) and (year is None or m.date.year == year)
    ]
    return sorted(found, key=lambda m: (m.date, m.start_time.isoformat() if m.start_time else "", m.id))
