"""OParl 1.1: the committees, partners, people, memberships and meetings as OParl objects.

``build`` is pure: it maps a Snapshot (plus each record's created/modified stamps from the
database file and the deletions the audit log knows) to an ``Export``: every object by its URL,
every external list with its items in order, and the text files (minutes, invitations) that
``File`` objects point at. URLs are built from record ids below ``base_url``, so two exports of
the same data give the same ids. The live endpoint (``oparl_server``) serves an ``Export`` with
pagination and filters; ``write`` puts one into a folder any plain web server can publish: there
every id ends in ``.json``, exactly the name of its file.

Publication (``public=True``, the endpoint's default) leaves out what is not for the public:
non-public agenda items, attendance, contact data, persons without a current membership and the
placeholders of erased persons (DSGVO).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import orjson

from herford_tui.domain.audit_text import office_zone
from herford_tui.domain.invitation import invitation_text
from herford_tui.domain.labels import COMMITTEE_KIND, DECISION_RESULT, ORG_TYPE, ROLE, format_date
from herford_tui.domain.models import (
    AgendaItem,
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
from herford_tui.domain.text import printable

SCHEMA = "https://schema.oparl.org/1.1/"
BODY_NAME = "Bildungsregion Kreis Herford"
DEFAULT_BASE_URL = "https://bildungsregion.kreis-herford.example/oparl"
PAGE_SIZE = 100
"""Objects per list page: small enough for a quick answer, the spec leaves the number to the server."""
MEETING_STATE = {
    MeetingStatus.GEPLANT: "terminiert",
    MeetingStatus.EINGELADEN: "eingeladen",
    MeetingStatus.DURCHGEFUEHRT: "durchgeführt",
    MeetingStatus.ABGESAGT: "terminiert",
}
KIND_OF_TABLE = {
    "committees": "Organization",
    "organisations": "Organization",
    "persons": "Person",
    "memberships": "Membership",
    "meetings": "Meeting",
}
LIST_OF_TABLE = {
    "committees": "organizations",
    "organisations": "organizations",
    "persons": "people",
    "memberships": "memberships",
    "meetings": "meetings",
}

Stamps = Mapping[tuple[str, int], tuple[str, str]]
"""(table, record id) → (created, modified) as ISO date-times, from the database file."""
JSON = dict[str, Any]


@dataclass(frozen=True)
class Deletion:
    """A record the audit log saw deleted: kept in OParl as ``deleted: true``."""

    table: str
    id: int
    at: str
    """When it was deleted (ISO date-time): its ``modified``."""
    created: str = ""


@dataclass(frozen=True)
class Urls:
    base: str
    suffix: str = ""
    """``.json`` for the static export: then each id is the name of its file."""

    def url(self, path: str) -> str:
        return f"{self.base}/{path}{self.suffix}"

    @property
    def system(self) -> str:
        return self.url("system")

    @property
    def bodies(self) -> str:
        return self.url("bodies")

    @property
    def body(self) -> str:
        return self.url("body/bildungsregion")

    def body_list(self, name: str) -> str:
        return self.url(f"body/bildungsregion/{name}")

    def committee(self, committee_id: int) -> str:
        return self.url(f"organization/gremium-{committee_id}")

    def committee_meetings(self, committee_id: int) -> str:
        return self.url(f"organization/gremium-{committee_id}/meetings")

    def institution(self, organisation_id: int) -> str:
        return self.url(f"organization/institution-{organisation_id}")

    def person(self, person_id: int) -> str:
        return self.url(f"person/{person_id}")

    def membership(self, membership_id: int) -> str:
        return self.url(f"membership/{membership_id}")

    def meeting(self, meeting_id: int) -> str:
        return self.url(f"meeting/{meeting_id}")

    def agenda_item(self, meeting_id: int, order: int) -> str:
        return self.url(f"meeting/{meeting_id}/agendaitem/{order}")

    def location(self, *parts: str) -> str:
        # Locations are free text in the database: the id is derived from the text, so it is stable.
        key = "\n".join(p.strip() for p in parts).encode()
        return self.url(f"location/{hashlib.sha256(key).hexdigest()[:16]}")

    def file(self, name: str) -> str:
        return self.url(f"file/{name}")

    def file_content(self, name: str) -> str:
        """Where the text itself is: the same under both servers, never with ``.json``."""
        return f"{self.base}/file/{name}.txt"

    def of_table(self, table: str, record_id: int) -> str:
        if table == "committees":
            return self.committee(record_id)
        if table == "organisations":
            return self.institution(record_id)
        return self.url(f"{KIND_OF_TABLE[table].lower()}/{record_id}")


@dataclass
class Export:
    base: str
    suffix: str
    objects: dict[str, JSON] = field(default_factory=dict)
    """Every object by its id, embedded ones too (each id answers)."""
    lists: dict[str, list[JSON]] = field(default_factory=dict)
    """Every external list (the ids of ``Body.person`` …) with its items, in a stable order."""
    files: dict[str, bytes] = field(default_factory=dict)
    """accessUrl → UTF-8 text of a ``File``."""

    def path(self, url: str) -> str:
        """The part of ``url`` below the base, without the suffix: ``person/12``."""
        rest = url[len(self.base) :].strip("/")
        return rest[: -len(self.suffix)] if self.suffix and rest.endswith(self.suffix) else rest


def build(
    snapshot: Snapshot,
    stamps: Stamps,
    *,
    base_url: str = DEFAULT_BASE_URL,
    public: bool = False,
    deleted: Iterable[Deletion] = (),
    today: date | None = None,
    suffix: str = "",
    now: datetime | None = None,
) -> Export:
    """Every OParl object, external list and text file, by URL."""
    urls = Urls(base_url.rstrip("/"), suffix)
    builder = _Builder(snapshot, stamps, urls, public, today or date.today(), now or datetime.now(UTC))
    return builder.build(deleted)


def published_persons(snapshot: Snapshot, today: date) -> set[int]:
    """Publication: persons with a membership current today, never an erased placeholder."""
    return {
        m.person_id
        for m in snapshot.memberships.values()
        if m.is_active(today)
        and (p := snapshot.persons.get(m.person_id)) is not None
        and p.erased_on is None
        and m.committee_id in snapshot.committees
    }


class _Builder:
    def __init__(self, snapshot: Snapshot, stamps: Stamps, urls: Urls, public: bool, today: date, now: datetime):
        self.snap, self.stamps, self.urls, self.public = snapshot, stamps, urls, public
        self.now = now.isoformat(timespec="seconds")
        self.out = Export(urls.base, urls.suffix)
        self.created: list[str] = []
        self.modified: list[str] = []
        self.seats = {(c.id, seat.key): seat for c in snapshot.committees.values() for seat in c.seats}
        # One string per person's URL, shared by every object naming them (476,000 participants at x10).
        self.person_url = {person_id: urls.person(person_id) for person_id in snapshot.persons}
        if public:
            self.persons = published_persons(snapshot, today)
        else:
            self.persons = set(snapshot.persons)

    def stamp(self, table: str, record_id: int) -> dict[str, str]:
        created, modified = self.stamps.get((table, record_id), ("", ""))
        created, modified = created or self.now, modified or created or self.now
        self.created.append(created)
        self.modified.append(modified)
        return {"created": created, "modified": modified}

    def obj(self, kind: str, url: str, **fields: Any) -> JSON:
        data = {"id": url, "type": SCHEMA + kind}
        data.update({k: v for k, v in fields.items() if v not in (None, "", [])})
        self.out.objects[url] = data
        return data

    def build(self, deleted: Iterable[Deletion]) -> Export:
        snap, urls = self.snap, self.urls
        memberships = [m for m in snap.memberships.values() if m.person_id in self.persons]
        by_committee: dict[int, list[int]] = {}
        for m in memberships:
            by_committee.setdefault(m.committee_id, []).append(m.id)
        by_person: dict[int, list[JSON]] = {}
        membership_objects = []
        for m in sorted(memberships, key=lambda m: m.id):
            data = self.membership(m)
            membership_objects.append(data)
            by_person.setdefault(m.person_id, []).append(data)
        meetings: list[JSON] = []
        meetings_of: dict[int, list[JSON]] = {}
        for meeting in sorted(snap.meetings.values(), key=lambda m: m.id):
            data = self.meeting(meeting)
            meetings.append(data)
            meetings_of.setdefault(meeting.committee_id, []).append(data)
        organizations = [
            self.committee(c, sorted(by_committee.get(c.id, [])), meetings_of.get(c.id, []))
            for c in sorted(snap.committees.values(), key=lambda c: c.id)
        ]
        organizations += [self.institution(o) for o in sorted(snap.organisations.values(), key=lambda o: o.id)]
        persons = [
            self.person(p, by_person.get(p.id, []))
            for p in sorted(snap.persons.values(), key=lambda p: p.id)
            if p.id in self.persons
        ]
        agenda_items = [item for m in meetings for item in m.get("agendaItem", [])]
        locations = self.locations(meetings, organizations)
        files = [f for m in meetings for key in ("invitation", "resultsProtocol") if (f := m.get(key))]
        lists: dict[str, list[JSON]] = {
            "organizations": organizations,
            "people": persons,
            "memberships": membership_objects,
            "meetings": meetings,
            "agendaitems": agenda_items,
            "locations": locations,
            "files": files,
            "papers": [],
        }
        self.add_deleted(deleted, lists)
        for name, items in lists.items():
            self.out.lists[urls.body_list(name)] = items
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
            file=urls.body_list("files"),
            created=first,
            modified=last,
        )
        body["legislativeTerm"] = []  # required, even when empty
        self.out.lists[urls.bodies] = [body]
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

    def add_deleted(self, deleted: Iterable[Deletion], lists: dict[str, list[JSON]]) -> None:
        """Deleted records stay answerable with ``deleted: true``, so a client that synchronises
        with ``modified_since`` learns about them (OParl 1.1, „Gelöschte Objekte“)."""
        for gone in sorted(deleted, key=lambda d: (d.table, d.id)):
            if gone.table not in KIND_OF_TABLE or gone.id in getattr(self.snap, gone.table, {}):
                continue
            url = self.urls.of_table(gone.table, gone.id)
            data = self.obj(
                KIND_OF_TABLE[gone.table], url, created=gone.created or gone.at, modified=gone.at, deleted=True
            )
            lists[LIST_OF_TABLE[gone.table]].append(data)

    def locations(self, meetings: list[JSON], organizations: list[JSON]) -> list[JSON]:
        """One Location per place, pointing back at every meeting and organisation there."""
        found: dict[str, JSON] = {}
        for owner, backref in ((meetings, "meetings"), (organizations, "organizations")):
            for data in owner:
                if "location" not in data:
                    continue
                place = data["location"]
                entry = found.setdefault(place["id"], {**place})
                entry.setdefault(backref, []).append(data["id"])
                entry["created"] = min(entry["created"], data["created"])
                entry["modified"] = max(entry["modified"], data["modified"])
        for url, entry in found.items():
            self.out.objects[url] = entry
        return [found[url] for url in sorted(found)]

    def committee(self, c: Committee, member_ids: list[int], own: list[JSON]) -> JSON:
        meetings_url = self.urls.committee_meetings(c.id)
        self.out.lists[meetings_url] = own
        return self.obj(
            "Organization",
            self.urls.committee(c.id),
            body=self.urls.body,
            name=c.name,
            shortName=c.short_name,
            organizationType="Gremium",
            classification=COMMITTEE_KIND[c.kind],
            post=[s.label for s in c.seats],
            membership=[self.urls.membership(i) for i in member_ids],
            meeting=meetings_url,
            keyword=["archiviert"] if c.archived else None,
            # None for one archived before the day was kept (files without ``archived_on``)
            endDate=c.archived_on.isoformat() if c.archived and c.archived_on else None,
            **self.stamp("committees", c.id),
        )

    def institution(self, o: Organisation) -> JSON:
        website = o.website.strip()
        if website and not website.startswith(("http://", "https://")):
            website = "https://" + website
        stamps = self.stamp("organisations", o.id)
        locality = "" if o.municipality == "kreisweit" else o.municipality
        location = None
        if o.address.strip() or o.postal_code.strip():
            location = {
                "id": self.urls.location(o.address, o.postal_code, locality),
                "type": SCHEMA + "Location",
                "description": ", ".join(p for p in (o.address.strip(), f"{o.postal_code} {locality}".strip()) if p),
                **({"streetAddress": o.address.strip()} if o.address.strip() else {}),
                **({"postalCode": o.postal_code.strip()} if o.postal_code.strip() else {}),
                **({"locality": locality} if locality else {}),
                **stamps,
            }
        return self.obj(
            "Organization",
            self.urls.institution(o.id),
            body=self.urls.body,
            name=o.name,
            organizationType="Institution",
            classification=ORG_TYPE[o.type],
            website=website,
            location=location,
            **stamps,
        )

    def person(self, p: Person, memberships: list[JSON]) -> JSON:
        contacts = not self.public
        return self.obj(
            "Person",
            self.person_url[p.id],
            body=self.urls.body,
            name=p.full_name,
            familyName=p.family_name,
            givenName=p.given_name,
            title=[p.title] if p.title else [],
            email=[p.email] if contacts and p.email else [],
            phone=[p.phone] if contacts and p.phone else [],
            status=[p.function] if p.function else [],
            membership=memberships,
            **self.stamp("persons", p.id),
        )

    def membership(self, m: Membership) -> JSON:
        committee = self.snap.committees.get(m.committee_id)
        seat = self.seats.get((m.committee_id, m.seat_key))
        voting = m.role in (Role.VORSITZ, Role.MITGLIED) and not (seat and seat.advisory)
        represents = m.represents_id if m.represents_id in self.snap.organisations else None
        return self.obj(
            "Membership",
            self.urls.membership(m.id),
            person=self.person_url[m.person_id],
            organization=self.urls.committee(m.committee_id) if committee else None,
            role=ROLE[m.role],
            votingRight=voting,
            startDate=m.start.isoformat() if m.start else None,
            endDate=m.end.isoformat() if m.end else None,
            onBehalfOf=self.urls.institution(represents) if represents else None,
            **self.stamp("memberships", m.id),
        )

    def participants(self, m: Meeting) -> list[str]:
        """Who was there: present members and the deputies who stood in for absent ones."""
        if self.public:
            return []
        found = {a.person_id for a in m.attendance if a.status is Attendance.ANWESEND}
        found |= {a.deputy_id for a in m.attendance if a.status is Attendance.VERTRETEN and a.deputy_id is not None}
        person_url = self.person_url
        return [person_url[p] for p in sorted(found) if p in person_url]

    def meeting(self, m: Meeting) -> JSON:
        stamps = self.stamp("meetings", m.id)
        committee = self.snap.committees.get(m.committee_id)
        name = f"{committee.name if committee else 'Sitzung'} am {format_date(m.date)}".strip()
        url = self.urls.meeting(m.id)
        location = None
        if m.location.strip() or m.room.strip():
            location = {
                "id": self.urls.location(m.location, m.room),
                "type": SCHEMA + "Location",
                **({"description": m.location.strip()} if m.location.strip() else {}),
                **({"room": m.room.strip()} if m.room.strip() else {}),
                **stamps,
            }
        shown = [(order, item) for order, item in enumerate(m.agenda, start=1) if item.public or not self.public]
        agenda = [self.agenda_item(m, url, order, item, stamps) for order, item in shown]
        all_day = m.date is not None and m.start_time is None
        start, end = _meeting_times(m, all_day)
        return self.obj(
            "Meeting",
            url,
            name=name,
            meetingState=MEETING_STATE[m.status],
            cancelled=m.status is MeetingStatus.ABGESAGT,
            start=start,
            end=end,
            location=location,
            organization=[self.urls.committee(m.committee_id)] if committee else [],
            participant=self.participants(m),
            invitation=self.invitation(m, url, stamps),
            resultsProtocol=self.minutes(m, url, [item for _, item in shown], stamps),
            agendaItem=agenda,
            keyword=["ganztägig"] if all_day else [],
            **stamps,
        )

    def agenda_item(self, m: Meeting, meeting_url: str, order: int, item: AgendaItem, stamps: JSON) -> JSON:
        decisions = [d for d in item.decisions if d.text.strip() or d.result]
        data: JSON = {
            "id": self.urls.agenda_item(m.id, order),
            "type": SCHEMA + "AgendaItem",
            "meeting": meeting_url,
            "order": order,
            **({"number": item.number} if item.number else {}),
            "name": item.title,
            "public": item.public,
        }
        if decisions:
            data["result"] = "; ".join(DECISION_RESULT[d.result] for d in decisions)
            text = "\n\n".join(d.text.strip() for d in decisions if d.text.strip())
            if text:
                data["resolutionText"] = text
        data.update(stamps)
        self.out.objects[data["id"]] = data
        return data

    def text_file(self, name: str, title: str, text: str, meeting_url: str, day: date | None, stamps: JSON) -> JSON:
        content = text.encode("utf-8")
        access = self.urls.file_content(name)
        self.out.files[access] = content
        return self.obj(
            "File",
            self.urls.file(name),
            name=title,
            fileName=f"{name}.txt",
            mimeType="text/plain",
            date=day.isoformat() if day else None,
            size=len(content),
            sha1Checksum=hashlib.sha1(content).hexdigest(),
            text=text,
            accessUrl=access,
            downloadUrl=access,
            meeting=[meeting_url],
            **stamps,
        )

    def invitation(self, m: Meeting, meeting_url: str, stamps: JSON) -> JSON | None:
        if m.invitation_sent is None:
            return None
        shown = replace(m, agenda=[i for i in m.agenda if i.public]) if self.public else m
        text = invitation_text(self.snap, shown)
        # The text starts with the address list (e-mail addresses): the invitation itself follows the rule.
        text = text.split("-" * 60 + "\n", 1)[-1]
        title = f"Einladung {format_date(m.date)}"
        return self.text_file(f"sitzung-{m.id}-einladung", title, text, meeting_url, m.invitation_sent, stamps)

    def minutes(self, m: Meeting, meeting_url: str, items: list[AgendaItem], stamps: JSON) -> JSON | None:
        lines: list[str] = []
        if m.minutes.strip() and not self.public:  # the general minutes may speak of closed items
            lines += [m.minutes.strip(), ""]
        for item in items:
            parts = [item.minutes.strip()] if item.minutes.strip() else []
            parts += [f"Beschluss ({DECISION_RESULT[d.result]}): {d.text.strip()}" for d in item.decisions]
            if parts:
                lines += [f"TOP {item.number} {item.title}".replace("  ", " "), *parts, ""]
        if not lines:
            return None
        committee = self.snap.committees.get(m.committee_id)
        head = f"Protokoll: {committee.name if committee else 'Sitzung'} am {format_date(m.date)}"
        text = "\n".join(printable(line) for line in [head, "", *lines]).rstrip() + "\n"
        return self.text_file(f"sitzung-{m.id}-protokoll", "Protokoll", text, meeting_url, m.date, stamps)


def _meeting_times(m: Meeting, all_day: bool) -> tuple[str | None, str | None]:
    """OParl's start and end are date-times (a bare date breaks the schema): an all-day meeting
    spans its whole day, midnight to the next midnight (as iCalendar has it), and its keyword
    "ganztägig" says so."""
    if all_day and m.date is not None:
        return _datetime(m.date, None), _datetime(m.date + timedelta(days=1), None)
    return _datetime(m.date, m.start_time), _datetime(m.date, m.end_time) if m.end_time else None


def _datetime(day: date | None, at: time | None) -> str | None:
    """A local date-time with its offset (Europe/Berlin), as OParl's ``date-time`` asks."""
    if day is None:
        return None
    zone = office_zone()
    moment = datetime.combine(day, at or time(0), tzinfo=zone)
    # No time zone data on this system: the server's clock, as the change log falls back to
    # (UTC would move a 14:00 meeting to 15:00 in every OParl client).
    return (moment if zone is not None else moment.astimezone()).isoformat(timespec="seconds")


def dumps(data: JSON) -> bytes:
    return orjson.dumps(data)


# -- pages ---------------------------------------------------------------------------------------
def page(
    items: list[JSON],
    number: int,
    size: int,
    link: Callable[[int], str],
    *,
    omit_internal: bool = False,
) -> JSON:
    """One page of an external list with ``pagination`` and ``links`` (``link(n)``: the URL of page n)."""
    total = len(items)
    pages = max(1, -(-total // size))
    chosen = items[(number - 1) * size : number * size]
    if omit_internal:
        chosen = [without_internal(item) for item in chosen]
    links = {"first": link(1), "last": link(pages), "self": link(number)}
    if number > 1:
        links["prev"] = link(number - 1)
    if number < pages:
        links["next"] = link(number + 1)
    return {
        "data": chosen,
        "pagination": {"totalElements": total, "elementsPerPage": size, "currentPage": number, "totalPages": pages},
        "links": links,
    }


def without_internal(data: JSON) -> JSON:
    """``omit_internal``: the object without the objects embedded in it (they have their own ids)."""
    return {k: v for k, v in data.items() if not _embedded(v)}


def _embedded(value: Any) -> bool:
    if isinstance(value, dict):
        return "type" in value
    return isinstance(value, list) and bool(value) and isinstance(value[0], dict)


# -- the static export ---------------------------------------------------------------------------
WRITERS = 8
"""Files written at once by the static export."""


def _finished(done: Iterable[Any], progress: Callable[[int], None] | None) -> int:
    count = 0
    for future in done:
        future.result()  # an OSError of any write ends the export (the temp folder is removed)
        count += 1
    if progress and count:
        progress(count)
    return count


def _remove_abandoned(out_dir: Path) -> None:
    """Temp folders of an export that was killed (its process is gone): never left to pile up."""
    for folder in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
        pid = folder.name.removeprefix(f".{out_dir.name}.tmp-").split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a colleague's process: alive
        return True
    return True


def static_page_url(list_url: str, suffix: str, number: int) -> str:
    """``…/people.json``, then ``…/people-seite-2.json``: a page is a file of its own."""
    if number == 1:
        return list_url
    stem = list_url[: -len(suffix)] if suffix else list_url
    return f"{stem}-seite-{number}{suffix}"


def files_of(export: Export, page_size: int = PAGE_SIZE) -> Iterable[tuple[str, bytes]]:
    """(path below the base, bytes) of every file the static export holds."""
    suffix = export.suffix
    for url, data in export.objects.items():
        yield export.path(url) + suffix, dumps(data)
    for url, items in export.lists.items():
        pages = max(1, -(-len(items) // page_size))
        for number in range(1, pages + 1):

            def link(n: int, url: str = url) -> str:
                return static_page_url(url, suffix, n)

            target = link(number)
            yield export.path(target) + suffix, dumps(page(items, number, page_size, link))
    for url, content in export.files.items():
        yield url[len(export.base) :].strip("/"), content


def write(
    export: Export,
    out_dir: Path,
    *,
    mode: int = 0o660,
    group_of: Path | None = None,
    progress: Callable[[int], None] | None = None,
    page_size: int = PAGE_SIZE,
) -> int:
    """Write the whole export as ``out_dir`` (an existing one is replaced: the caller decides).

    Built in a temp folder beside it and renamed into place, so a reader or a kill never sees
    half an export. Each file goes through the store's one atomic write with ``mode`` (the
    database's) and the group of ``group_of``; folders get the matching 2770 or 2700.
    """
    from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

    from herford_tui.store.files import write_atomic

    out_dir = Path(out_dir)
    _remove_abandoned(out_dir)
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-{os.getpid()}-", dir=out_dir.parent))
    folder_mode = 0o2770 if mode & 0o070 else 0o2700
    try:
        os.chmod(work, folder_mode)
        folders: set[Path] = {work}
        count = 0
        pending: set[Future[None]] = set()
        # Each write waits for its fsync: several at once keep the disk busy (the GIL is free meanwhile).
        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            for relative, content in files_of(export, page_size):
                target = work / relative
                if target.parent not in folders:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    for parent in [target.parent, *target.parent.parents]:
                        if parent in folders or parent == work:
                            break
                        os.chmod(parent, folder_mode)
                        folders.add(parent)
                pending.add(pool.submit(write_atomic, target, content, mode=mode, group_of=group_of))
                if len(pending) >= 4 * WRITERS:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    count += _finished(done, progress)
            count += _finished(wait(pending).done, progress)
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            os.rename(out_dir, old)
        os.rename(work, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return count
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
