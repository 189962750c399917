"""The invitation to a meeting: a German text with date, time, place and agenda, and the
address list (members, by choice their deputies; who has no e-mail is listed separately)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from herford_tui.domain.directory import person_sort_key
from herford_tui.domain.fold import slug
from herford_tui.domain.labels import MEETING_STATUS, format_date
from herford_tui.domain.meetings import time_range
from herford_tui.domain.merge import Clash
from herford_tui.domain.models import Meeting, MeetingStatus, Person, Role
from herford_tui.domain.snapshot import Snapshot
from herford_tui.domain.text import printable


@dataclass
class Addresses:
    emails: list[tuple[str, str]] = field(default_factory=list)
    """(name, address) of everyone who gets the e-mail."""
    without_email: list[str] = field(default_factory=list)
    """Names to reach another way."""

    def line(self) -> str:
        """For the To: field of a mail program: „Name <adresse>, …“."""
        return ", ".join(f"{name} <{email}>" for name, email in self.emails)


def recipients(snapshot: Snapshot, meeting: Meeting, *, deputies: bool = False) -> list[Person]:
    """Members on the meeting's date (and, by choice, their deputies), each person once."""
    day = meeting.date
    memberships = snapshot.memberships_of(meeting.committee_id, day)
    found: dict[int, Person] = {}
    for m in memberships:
        if m.role is Role.STELLVERTRETUNG and not deputies:
            continue
        person = snapshot.persons.get(m.person_id)
        if person is not None:
            found[person.id] = person
    return sorted(found.values(), key=person_sort_key)


def addresses(snapshot: Snapshot, meeting: Meeting, *, deputies: bool = False) -> Addresses:
    result = Addresses()
    for person in recipients(snapshot, meeting, deputies=deputies):
        name = person.full_name or person.sort_name
        if person.email.strip():
            result.emails.append((name, person.email.strip()))
        else:
            result.without_email.append(name)
    return result


def _addressed(snapshot: Snapshot, meeting: Meeting, heading: str, reach: str, *, deputies: bool) -> list[str]:
    """The head of a letter's file: what it is, then the addresses (to copy into a mail), and who
    has none (to ``reach`` another way)."""
    found = addresses(snapshot, meeting, deputies=deputies)
    lines = [f"{heading}, {format_date(meeting.date)}", "", "An (E-Mail):"]
    lines += [f"  {person} <{email}>" for person, email in found.emails] or ["  (niemand mit E-Mail-Adresse)"]
    if found.without_email:
        lines += ["", f"Ohne E-Mail-Adresse (bitte anders {reach}):"]
        lines += [f"  {person}" for person in found.without_email]
    return lines


def invitation_text(snapshot: Snapshot, meeting: Meeting, *, deputies: bool = False) -> str:
    """The whole file: addresses first (to copy into a mail), then the invitation itself."""
    committee = snapshot.committees.get(meeting.committee_id)
    name = committee.name if committee else "Gremium"
    when = format_date(meeting.date, weekday=True).replace(" ", ", ", 1)
    times = time_range(meeting)
    place = ", ".join(p for p in (meeting.location, meeting.room) if p) or "Ort wird noch bekannt gegeben"
    lines = _addressed(snapshot, meeting, f"Einladung: {name}", "einladen", deputies=deputies)
    lines += [
        "",
        "-" * 60,
        f"Betreff: Einladung zur Sitzung {name} am {format_date(meeting.date)}",
        "",
        "Sehr geehrte Damen und Herren,",
        "",
        f"hiermit lade ich Sie herzlich zur Sitzung „{name}“ ein:",
        "",
        f"  Datum: {when}",
        f"  Zeit:  {times + ' Uhr' if times else 'wird noch bekannt gegeben'}",
        f"  Ort:   {place}",
        "",
        "Tagesordnung:",
    ]
    if meeting.agenda:
        for item in meeting.agenda:
            hidden = " (nicht öffentlich)" if not item.public else ""
            lines.append(f"  TOP {item.number}  {item.title}{hidden}")
    else:
        lines.append("  folgt")
    lines += [
        "",
        "Bitte geben Sie Bescheid, falls Sie verhindert sind, und informieren Sie",
        "gegebenenfalls Ihre Stellvertretung.",
        "",
        "Mit freundlichen Grüßen",
        "Bildungsbüro des Kreises Herford",
    ]
    # Stored text may hold control characters: the file must be safe to `cat` in a terminal.
    return "\n".join(printable(line) for line in lines) + "\n"


def cancellation_text(snapshot: Snapshot, meeting: Meeting, *, deputies: bool = False) -> str:
    """The notice that an invited meeting is called off, to the same addresses as the invitation."""
    committee = snapshot.committees.get(meeting.committee_id)
    name = committee.name if committee else "Gremium"
    when = format_date(meeting.date, weekday=True).replace(" ", ", ", 1)
    times = time_range(meeting)
    lines = _addressed(snapshot, meeting, f"Absage: {name}", "benachrichtigen", deputies=deputies)
    lines += [
        "",
        "-" * 60,
        f"Betreff: Absage der Sitzung {name} am {format_date(meeting.date)}",
        "",
        "Sehr geehrte Damen und Herren,",
        "",
        f"die Sitzung „{name}“ am {when}{f', {times} Uhr' if times else ''}, zu der ich Sie eingeladen",
        "hatte, findet nicht statt.",
        "",
        "Bitte informieren Sie gegebenenfalls Ihre Stellvertretung.",
        "",
        "Mit freundlichen Grüßen",
        "Bildungsbüro des Kreises Herford",
    ]
    return "\n".join(printable(line) for line in lines) + "\n"


def invitation_filename(meeting: Meeting, committee_name: str, *, cancellation: bool = False) -> str:
    """herford-einladung-2026-12-09-lenkungskreis.txt (the notice of a cancellation: herford-absage-…)"""
    day = meeting.date.isoformat() if meeting.date else "ohne-datum"
    kind = "absage" if cancellation else "einladung"
    return f"herford-{kind}-{day}-{slug(committee_name) or 'gremium'}.txt"


NOT_INVITED = (MeetingStatus.ABGESAGT, MeetingStatus.DURCHGEFUEHRT)
"""Meetings no invitation goes out for: called off, or held already."""

WHEN_WHERE = {"date": "Datum", "start_time": "Beginn", "end_time": "Ende", "location": "Ort", "room": "Raum"}
"""What an invitation tells, with the German labels: changed, a written invitation is out of date."""


def document_note(kind: str, meeting: Meeting) -> str | None:
    """A word before an invitation is written for a meeting called off: the letter would still
    invite (``i`` writes the notice of cancellation instead). ``kind`` as ``documents.render.KINDS``."""
    if kind != "einladung" or meeting.status is not MeetingStatus.ABGESAGT:
        return None
    return "Die Sitzung ist als „abgesagt“ eingetragen: diese Einladung bitte nicht verschicken."


def was_invited(meeting: Meeting) -> bool:
    """Invitations went out for it: marked invited, or with the day they were sent."""
    return meeting.status is MeetingStatus.EINGELADEN or meeting.invitation_sent is not None


def needs_cancellation(meeting: Meeting) -> bool:
    """Called off after its invitations went out: the invited are owed a notice (``i``)."""
    return meeting.status is MeetingStatus.ABGESAGT and meeting.invitation_sent is not None


def changed_after_invitation(old: Meeting | None, new: Meeting, today: dt.date) -> tuple[str, str] | None:
    """(field, German warning) when a saved change leaves the invited with wrong facts: a meeting
    still to come, invited, then called off, or given another date, time or place. The invitation
    said the old ones, and nobody is told unless the office writes again (``i``)."""
    if old is None or not was_invited(old) or old.status in NOT_INVITED:
        return None
    if new.date is not None and new.date < today:
        return None  # a correction after the day, not news for the invited
    sent = f" vom {format_date(old.invitation_sent)}" if old.invitation_sent else ""
    if new.status is MeetingStatus.ABGESAGT:
        return (
            "status",
            f"Zu dieser Sitzung wurde schon eingeladen{sent}. Nach dem Speichern schreibt „i“ die Absage "
            "an die Eingeladenen.",
        )
    changed = [name for name in WHEN_WHERE if getattr(old, name) != getattr(new, name)]
    if not changed or new.status in NOT_INVITED:
        return None
    times = time_range(old)
    said = ", ".join(
        part
        for part in (
            format_date(old.date, weekday=True),
            f"{times} Uhr" if times else "",
            ", ".join(p for p in (old.location, old.room) if p),
        )
        if part
    )
    return (
        changed[0],
        f"Die Einladung{sent} nannte noch: {printable(said)}. Nach dem Speichern die Eingeladenen informieren: "
        "„i“ schreibt die Einladung neu.",
    )


class InvitationClash(Clash):
    """The meeting changed since the invitation was written so that marking it invited would be
    wrong (called off meanwhile, or a new date); nothing is written."""


def mark_invited(meeting: Meeting, seen: Meeting, today: dt.date) -> Meeting:
    """``meeting`` as stored now, marked invited on ``today`` for the invitation written from
    ``seen``; a colleague's other changes meanwhile (agenda, attendance, notes) stay.
    ``InvitationClash`` when it was called off or held, or its date, time or place changed."""
    if meeting.status in NOT_INVITED:
        raise InvitationClash(
            f"Die Sitzung ist inzwischen als „{MEETING_STATUS[meeting.status]}“ eingetragen; sie wird nicht "
            "als eingeladen markiert."
        )
    changed = [label for name, label in WHEN_WHERE.items() if getattr(meeting, name) != getattr(seen, name)]
    if changed:
        were = "wurde" if len(changed) == 1 else "wurden"
        raise InvitationClash(
            f"{', '.join(changed)} der Sitzung {were} inzwischen von jemand anderem geändert; die geschriebene "
            "Einladung nennt noch die alten Angaben. Nicht als eingeladen markiert: bitte die Einladung neu "
            "schreiben („i“)."
        )
    return dataclasses.replace(meeting, status=MeetingStatus.EINGELADEN, invitation_sent=today)
