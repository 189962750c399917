"""OParl 1.1 export: the committees, partners, people, memberships and meetings as OParl objects.

``build`` is pure: it maps a Snapshot (plus each record's created/modified stamps from the
database file) to ``{url: object}`` — every object and every external list, each under a stable
URL below ``base_url`` built from record ids, so two exports of the same data give the same ids.
``write`` puts each of them in a file named after its URL path (``<DIR>/person/12.json``), ready
to be served as static files.

With ``contacts=False`` (for publication) no e-mail address or telephone number is exported.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from herford_tui.domain.labels import COMMITTEE_KIND, ORG_TYPE, ROLE, format_date
from herford_tui.domain.models import (
    Attendance,
    Committee,
    Meeting,
    MeetingStatus,
    Membership,
    Organisation,
    Person,
    Role,
)
from herford_tui.domain.snapshot import Snapshot

SCHEMA = "https://schema.oparl.org/1.1/"
BODY_NAME = "Bildungsregion Kreis Herford"
DEFAULT_BASE_URL = "https://bildungsregion.kreis-herford.example/oparl"
MEETING_STATE = {
    MeetingStatus.GEPLANT: "terminiert",
    MeetingStatus.EINGELADEN: "eingeladen",
    MeetingStatus.DURCHGEFUEHRT: "durchgeführt",
    MeetingStatus.ABGESAGT: "terminiert",
}

Stamps = Mapping[tuple[str, int], tuple[str, str]]
"""(table, record id) → (created, modified) as ISO date-times, from the database file."""
JSON = dict[str, Any]


@dataclass(frozen=True)
class Urls:
    base: str

    @property
    def system(self) -> str:
        return f"{self.base}/system"

    @property
    def bodies(self) -> str:
        return f"{self.base}/bodies"

    @property
    def body(self) -> str:
        return f"{self.base}/body/bildungsregion"

    def body_list(self, name: str) -> str:
        return f"{self.body}/{name}"

    def committee(self, committee_id: int) -> str:
        return f"{self.base}/organization/gremium-{committee_id}"

    def institution(self, organisation_id: int) -> str:
        return f"{self.base}/organization/institution-{organisation_id}"

    def person(self, person_id: int) -> str:
        return f"{self.base}/person/{person_id}"

    def membership(self, membership_id: int) -> str:
        return f"{self.base}/membership/{membership_id}"

    def meeting(self, meeting_id: int) -> str:
        return f"{self.base}/meeting/{meeting_id}"

    def agenda_item(self, meeting_id: int, order: int) -> str:
        return f"{self.base}/meeting/{meeting_id}/agendaitem/{order}"

    def location(self, text: str) -> str:
        # Locations are free text in the database: the id is derived from the text, so it is stable.
        return f"{self.base}/location/{hashlib.sha256(text.strip().encode()).hexdigest()[:16]}"


def build(
    snapshot: Snapshot,
    stamps: Stamps,
    *,
    base_url: str = DEFAULT_BASE_URL,
    contacts: bool = True,
    now: datetime | None = None,
) -> dict[str, JSON]:
    """Every OParl object and external list of the export, by URL."""
    builder = _Builder(snapshot, stamps, Urls(base_url.rstrip("/")), contacts, now or datetime.now(UTC))
    return builder.build()


class _Builder:
    def __init__(self, snapshot: Snapshot, stamps: Stamps, urls: Urls, contacts: bool, now: datetime):
        self.snap, self.stamps, self.urls, self.contacts = snapshot, stamps, urls, contacts
        self.now = now.isoformat(timespec="seconds")
        self.out: dict[str, JSON] = {}
        self.created: list[str] = []
        self.modified: list[str] = []

    def stamp(self, table: str, record_id: int) -> dict[str, str]:
        created, modified = self.stamps.get((table, record_id), ("", ""))
        created, modified = created or self.now, modified or created or self.now
        self.created.append(created)
        self.modified.append(modified)
        return {"created": created, "modified": modified}

    def obj(self, kind: str, url: str, **fields: Any) -> JSON:
        data = {"id": url, "type": SCHEMA + kind}
        data.update({k: v for k, v in fields.items() if v not in (None, "", [])})
        self.out[url] = data
        return data

    def listing(self, url: str, items: list[JSON]) -> None:
        self.out[url] = {"data": items, "pagination": {"totalElements": len(items)}, "links": {}}

    def build(self) -> dict[str, JSON]:
        snap, urls = self.snap, self.urls
        memberships = [m for m in snap.memberships.values() if m.person_id in snap.persons]
        organizations = [self.committee(c) for c in sorted(snap.committees.values(), key=lambda c: c.id)]
        organizations += [self.institution(o) for o in sorted(snap.organisations.values(), key=lambda o: o.id)]
        by_person: dict[int, list[JSON]] = {}
        membership_objects = []
        for m in sorted(memberships, key=lambda m: m.id):
            data = self.membership(m)
            membership_objects.append(data)
            by_person.setdefault(m.person_id, []).append(data)
        persons = [self.person(p, by_person.get(p.id, [])) for p in sorted(snap.persons.values(), key=lambda p: p.id)]
        meetings = [self.meeting(m) for m in sorted(snap.meetings.values(), key=lambda m: m.id)]
        agenda_items = [item for m in meetings for item in m.get("agendaItem", [])]
        locations = self.locations(meetings)
        for name, items in (
            ("organizations", organizations),
            ("people", persons),
            ("memberships", membership_objects),
            ("meetings", meetings),
            ("agendaitems", agenda_items),
            ("locations", locations),
            ("papers", []),
        ):
            self.listing(urls.body_list(name), items)
        first = min(self.created, default=self.now)
        last = max(self.modified, default=self.now)
        body = self.obj(
            "Body",
            urls.body,
            system=urls.system,
            name=BODY_NAME,
            shortName="Bildungsregion",
            classification="Bildungsregion",
            organization=urls.body_list("organizations"),
            person=urls.body_list("people"),
            meeting=urls.body_list("meetings"),
            paper=urls.body_list("papers"),
            agendaItem=urls.body_list("agendaitems"),
            membership=urls.body_list("memberships"),
            locationList=urls.body_list("locations"),
            legislativeTerm=[],
            created=first,
            modified=last,
        )
        body["legislativeTerm"] = []  # required, even when empty
        self.listing(urls.bodies, [body])
        self.obj(
            "System",
            urls.system,
            oparlVersion=SCHEMA,
            body=urls.bodies,
            name="herford-tui: Gremien der Bildungsregion Kreis Herford",
            created=first,
            modified=last,
        )
        return self.out

    def locations(self, meetings: list[JSON]) -> list[JSON]:
        """One Location per place, pointing back at every meeting held there."""
        found: dict[str, JSON] = {}
        for meeting in meetings:
            if "location" not in meeting:
                continue
            place = meeting["location"]
            entry = found.setdefault(place["id"], {**place, "meetings": []})
            entry["meetings"].append(meeting["id"])
            entry["created"] = min(entry["created"], meeting["created"])
            entry["modified"] = max(entry["modified"], meeting["modified"])
        for url, entry in found.items():
            self.out[url] = entry
        return [found[url] for url in sorted(found)]

    def committee(self, c: Committee) -> JSON:
        members = sorted(m.id for m in self.snap.memberships_of(c.id) if m.person_id in self.snap.persons)
        return self.obj(
            "Organization",
            self.urls.committee(c.id),
            body=self.urls.body,
            name=c.name,
            shortName=c.short_name,
            organizationType="Gremium",
            classification=COMMITTEE_KIND[c.kind],
            post=[s.label for s in c.seats],
            membership=[self.urls.membership(i) for i in members],
            **self.stamp("committees", c.id),
        )

    def institution(self, o: Organisation) -> JSON:
        website = o.website.strip()
        if website and not website.startswith(("http://", "https://")):
            website = "https://" + website
        return self.obj(
            "Organization",
            self.urls.institution(o.id),
            body=self.urls.body,
            name=o.name,
            organizationType="Institution",
            classification=ORG_TYPE[o.type],
            website=website,
            **self.stamp("organisations", o.id),
        )

    def person(self, p: Person, memberships: list[JSON]) -> JSON:
        return self.obj(
            "Person",
            self.urls.person(p.id),
            body=self.urls.body,
            name=p.full_name,
            familyName=p.family_name,
            givenName=p.given_name,
            title=[p.title] if p.title else [],
            email=[p.email] if self.contacts and p.email else [],
            phone=[p.phone] if self.contacts and p.phone else [],
            status=[p.function] if p.function else [],
            membership=memberships,
            **self.stamp("persons", p.id),
        )

    def membership(self, m: Membership) -> JSON:
        committee = self.snap.committees.get(m.committee_id)
        seat = committee.seat(m.seat_key) if committee else None
        voting = m.role in (Role.VORSITZ, Role.MITGLIED) and not (seat and seat.advisory)
        represents = m.represents_id if m.represents_id in self.snap.organisations else None
        return self.obj(
            "Membership",
            self.urls.membership(m.id),
            person=self.urls.person(m.person_id),
            organization=self.urls.committee(m.committee_id),
            role=ROLE[m.role],
            votingRight=voting,
            startDate=m.start.isoformat() if m.start else None,
            endDate=m.end.isoformat() if m.end else None,
            onBehalfOf=self.urls.institution(represents) if represents else None,
            **self.stamp("memberships", m.id),
        )

    def meeting(self, m: Meeting) -> JSON:
        stamps = self.stamp("meetings", m.id)
        committee = self.snap.committees.get(m.committee_id)
        name = f"{committee.name if committee else 'Sitzung'} am {format_date(m.date)}".strip()
        url = self.urls.meeting(m.id)
        location = None
        if m.location.strip():
            location = {
                "id": self.urls.location(m.location),
                "type": SCHEMA + "Location",
                "description": m.location.strip(),
                **stamps,
            }
        participants = sorted(
            {a.person_id for a in m.attendance if a.status is Attendance.ANWESEND and a.person_id in self.snap.persons}
        )
        agenda: list[JSON] = [
            {
                "id": self.urls.agenda_item(m.id, order),
                "type": SCHEMA + "AgendaItem",
                "meeting": url,
                "order": order,
                **({"number": item.number} if item.number else {}),
                "name": item.title,
                "public": item.public,
                **stamps,
            }
            for order, item in enumerate(m.agenda, start=1)
        ]
        for item in agenda:
            self.out[item["id"]] = item
        return self.obj(
            "Meeting",
            url,
            name=name,
            meetingState=MEETING_STATE[m.status],
            cancelled=m.status is MeetingStatus.ABGESAGT,
            start=_datetime(m.date, m.start_time),
            end=_datetime(m.date, m.end_time) if m.end_time else None,
            location=location,
            organization=[self.urls.committee(m.committee_id)] if committee else [],
            participant=[self.urls.person(p) for p in participants],
            agendaItem=agenda,
            **stamps,
        )


def _datetime(day: date | None, at: time | None) -> str | None:
    """A local date-time with its offset (Europe/Berlin), as OParl's ``date-time`` asks."""
    if day is None:
        return None
    try:
        from zoneinfo import ZoneInfo

        zone: Any = ZoneInfo("Europe/Berlin")
    except Exception:  # no time zone data on this system: UTC is still a valid date-time
        zone = UTC
    return datetime.combine(day, at or time(0), tzinfo=zone).isoformat(timespec="seconds")


def dumps(data: JSON) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def relative_path(url: str, base_url: str) -> str:
    """The file of an object: its URL path below the base, plus ``.json``."""
    return url[len(base_url.rstrip("/")) :].strip("/") + ".json"


def write(
    objects: Mapping[str, JSON],
    out_dir: Path,
    base_url: str = DEFAULT_BASE_URL,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write each object to its file below ``out_dir``; return how many files were written."""
    folders: set[Path] = set()
    for url, data in objects.items():
        target = out_dir / relative_path(url, base_url)
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(dumps(data))
        if progress:
            progress(1)
    return len(objects)
