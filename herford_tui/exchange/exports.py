"""Tables for export, built from a Snapshot: rosters, the directory, the meetings of a year, e-mail lists.

The roster and directory tables use the import columns (``columns.py``), so an exported
file can be imported again into another database.
"""

from __future__ import annotations

from datetime import date, time

from herford_tui.domain.fold import sort_key
from herford_tui.domain.labels import COMMITTEE_KIND, MEETING_STATUS, ORG_TYPE, ROLE
from herford_tui.domain.models import Committee, Membership, Organisation, Person
from herford_tui.domain.snapshot import Snapshot
from herford_tui.exchange.columns import (
    COMMITTEE_COLUMNS,
    MEETING_COLUMNS,
    MEMBERSHIP_COLUMNS,
    ORGANISATION_COLUMNS,
    PERSON_COLUMNS,
    headers,
)
from herford_tui.exchange.tabular import Sheet, Value


def organisations_sheet(snapshot: Snapshot) -> Sheet:
    rows: list[list[Value]] = [
        [
            o.id,
            o.name,
            ORG_TYPE[o.type],
            o.school_form,
            o.municipality,
            o.address,
            o.postal_code,
            o.phone,
            o.email,
            o.website,
            o.notes,
        ]
        for o in sorted(snapshot.organisations.values(), key=_org_order)
    ]
    return Sheet("Organisationen", headers(ORGANISATION_COLUMNS), rows)


def persons_sheet(snapshot: Snapshot) -> Sheet:
    rows: list[list[Value]] = []
    for p in sorted(snapshot.persons.values(), key=_person_order):
        org = snapshot.organisations.get(p.organisation_id or 0)
        org_name, org_place = (org.name, org.municipality) if org else ("", "")
        rows.append(
            [
                p.id,
                p.title,
                p.given_name,
                p.family_name,
                p.function,
                p.organisation_id,
                org_name,
                org_place,
                p.email,
                p.phone,
                p.notes,
                p.erased_on,
            ]
        )
    return Sheet("Personen", headers(PERSON_COLUMNS), rows)


def roster_sheet(snapshot: Snapshot, committee: Committee, on: date | None) -> Sheet:
    """A committee's members on ``on`` (``None``: every membership, ended ones too), seat by seat."""
    seat_order = {s.key: i for i, s in enumerate(committee.seats)}
    members = sorted(
        snapshot.memberships_of(committee.id, on),
        key=lambda m: (seat_order.get(m.seat_key, len(seat_order)), not m.role.takes_seat, m.start or date.min, m.id),
    )
    rows = [_roster_row(snapshot, committee, m) for m in members]
    return Sheet(committee.name, headers(MEMBERSHIP_COLUMNS), rows)


def _roster_row(snapshot: Snapshot, committee: Committee, m: Membership) -> list[Value]:
    person = snapshot.persons.get(m.person_id) or Person(family_name=snapshot.person_name(m.person_id))
    seat = committee.seat(m.seat_key)
    represents = snapshot.organisations.get(m.represents_id or 0)
    owner = snapshot.memberships.get(m.deputy_of or 0)
    owner_person = snapshot.persons.get(owner.person_id) if owner else None
    return [
        m.id,
        committee.name,
        seat.label if seat else m.seat_key,
        m.seat_key,
        m.person_id,
        person.family_name,
        person.given_name,
        person.email,
        ROLE[m.role],
        m.represents_id,
        represents.name if represents else "",
        represents.municipality if represents else "",
        m.start,
        m.end,
        m.deputy_of,
        _owner_name(snapshot, owner, owner_person),
        m.notes,
    ]


def _owner_name(snapshot: Snapshot, owner: Membership | None, person: Person | None) -> str:
    """Whom a deputy stands in for, as the import reads it back (given and family name); an owner
    whose person no longer resolves by the label every view shows ("Person 5 (gelöscht)"). The
    import takes the owner from the "Nr." column beside it, so the label never decides which
    membership is meant; without that column no person bears it and the row is refused, named."""
    if owner is None:
        return ""
    if person is None:
        return snapshot.person_name(owner.person_id)
    return f"{person.given_name} {person.family_name}".strip()


def roster_sheets(snapshot: Snapshot, committees: list[Committee], on: date | None) -> list[Sheet]:
    return [roster_sheet(snapshot, c, on) for c in committees]


def combined(sheets: list[Sheet], title: str) -> Sheet:
    """Several sheets with the same columns as one table (CSV holds one table)."""
    header = sheets[0].header if sheets else headers(MEMBERSHIP_COLUMNS)
    return Sheet(title, header, [row for s in sheets for row in s.rows])


def committees_sheet(snapshot: Snapshot) -> Sheet:
    """Every committee (archived ones too) with its seats and rhythm: ``gremiendaten``."""
    committees = sorted(snapshot.committees.values(), key=lambda c: (c.archived, c.order, c.name.casefold(), c.id))
    rows: list[list[Value]] = [
        [
            c.id,
            c.name,
            c.short_name,
            COMMITTEE_KIND[c.kind],
            c.purpose,
            c.rhythm_min,
            c.rhythm_max,
            c.rhythm_note,
            c.order,
            "ja" if c.archived else "nein",
            c.archived_on,
            c.quorum,
            c.invitation_days,
            nested_json(c.seats),
        ]
        for c in committees
    ]
    return Sheet("Gremien", headers(COMMITTEE_COLUMNS), rows)


def meetings_sheet(snapshot: Snapshot, year: int | None) -> Sheet:
    """The meetings of ``year`` (``None``: all), with agenda and attendance as JSON cells."""
    meetings = (
        snapshot.meetings_in_year(year)
        if year is not None
        else sorted(snapshot.meetings.values(), key=lambda m: (m.date or date.min, m.start_time or time.min, m.id))
    )
    rows: list[list[Value]] = []
    for m in meetings:
        committee = snapshot.committees.get(m.committee_id)
        rows.append(
            [
                m.id,
                committee.name if committee else "",
                m.date,
                m.start_time,
                m.end_time,
                m.location,
                m.room,
                MEETING_STATUS[m.status],
                m.invitation_sent,
                m.notes,
                m.minutes,
                nested_json(m.guests),
                nested_json(m.agenda),
                nested_json(m.attendance),
            ]
        )
    return Sheet(f"Sitzungen {year}" if year is not None else "Sitzungen", headers(MEETING_COLUMNS), rows)


def nested_json(items: list) -> str:
    """A list inside a record as one cell: JSON with the stored field names, empty when empty."""
    import json

    from herford_tui.store.codec import encode_plain

    return json.dumps(encode_plain(items), ensure_ascii=False, separators=(",", ":")) if items else ""


def email_list(snapshot: Snapshot, committee: Committee, on: date) -> tuple[list[str], list[str]]:
    """("Name <adresse>" of each current member with an e-mail, names of those without one).

    Each person once, even with two memberships (a seat and a deputyship).
    """
    with_mail: dict[int, str] = {}
    without: dict[int, str] = {}
    for m in snapshot.memberships_of(committee.id, on):
        person = snapshot.persons.get(m.person_id)
        if person is None:
            continue
        name = f"{person.given_name} {person.family_name}".strip()
        if person.email.strip():
            with_mail[person.id] = f"{_quoted(name)} <{person.email.strip()}>"
        else:
            without[person.id] = name
    order = lambda pid: _person_order(snapshot.persons[pid])  # noqa: E731
    return [with_mail[p] for p in sorted(with_mail, key=order)], [without[p] for p in sorted(without, key=order)]


def _quoted(name: str) -> str:
    """A display name as RFC 5322 allows it: with a comma or other specials it goes in quotes."""
    if any(c in name for c in ',;:<>@"()[]\\'):
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name


def _org_order(o: Organisation) -> tuple[str, str, int]:
    return sort_key(o.name), sort_key(o.municipality), o.id


def _person_order(p: Person) -> tuple[str, str, int]:
    return sort_key(p.family_name), sort_key(p.given_name), p.id


EXPORT_CHOICES: dict[str, str] = {
    "gremien": "Besetzung aller Gremien (heute)",
    "gremien-verlauf": "Besetzung mit Verlauf (auch beendete und archivierte)",
    "verzeichnis": "Verzeichnis: Organisationen und Personen",
    "sitzungen": "Sitzungen des laufenden Jahres",
    "sitzungen-vorjahr": "Sitzungen des Vorjahres",
    "sitzungen-alle": "Alle Sitzungen (alle Jahre)",
    "gremiendaten": "Gremien mit Sitzen und Rhythmus",
}


EMAILS = "emails:"
"""Prefix of the choice "e-mail list of committee N" (``emails:N``)."""


def export_choices(snapshot: Snapshot) -> list[tuple[str, str]]:
    """(label, key) of everything the export dialog offers, the e-mail list of each committee last."""
    fixed = [(label, key) for key, label in EXPORT_CHOICES.items()]
    return fixed + [(f"E-Mail-Liste: {c.name}", f"{EMAILS}{c.id}") for c in snapshot.active_committees()]


def default_name(what: str, today: date) -> str:
    if what.startswith(EMAILS):
        return f"herford-emails-{what[len(EMAILS) :]}-{today:%Y-%m-%d}.txt"
    return f"herford-{what}-{today:%Y-%m-%d}.xlsx"


MEETING_YEARS: dict[str, int | None] = {"sitzungen": 0, "sitzungen-vorjahr": -1, "sitzungen-alle": None}
"""The meeting exports: years before the current one, or None for every year."""


def export_sheets(
    snapshot: Snapshot,
    what: str,
    today: date,
    *,
    committees: list[Committee] | None = None,
    history: bool = False,
    year: int | None = None,
) -> list[Sheet]:
    """The sheets of the table export ``what``: one rule for the export dialog and ``herford-tui
    export csv|xlsx``. ``committees`` (rosters): these, else the active ones (with ``history``
    every committee, archived last); ``history``: every membership (rosters) or every year
    (meetings), else the rosters on ``today`` and the meetings of ``year`` (else as ``what`` says)."""
    if what in ("gremien", "gremien-verlauf"):
        history = history or what == "gremien-verlauf"
        if committees is None:
            every = sorted(snapshot.committees.values(), key=lambda c: (c.archived, c.order, c.name.casefold()))
            committees = every if history else snapshot.active_committees()
        return roster_sheets(snapshot, committees, None if history else today)
    if what == "organisationen":
        return [organisations_sheet(snapshot)]
    if what == "personen":
        return [persons_sheet(snapshot)]
    if what == "verzeichnis":
        return [organisations_sheet(snapshot), persons_sheet(snapshot)]
    if what == "gremiendaten":
        return [committees_sheet(snapshot)]
    if what in MEETING_YEARS:
        back = MEETING_YEARS[what]
        if history or back is None:
            return [meetings_sheet(snapshot, None)]
        return [meetings_sheet(snapshot, year if year is not None else today.year + back)]
    raise ValueError(f"Unbekannte Tabelle „{what}“.")


def export_file(snapshot: Snapshot, what: str, suffix: str, today: date) -> bytes:
    """The bytes of an export file: ``suffix`` ".xlsx" (one sheet per table) or ".csv" (one table);
    an e-mail list is text, one address a line, whatever the suffix.

    Raises ``ValueError`` in German for what a CSV cannot hold (two tables) or an unknown suffix.
    """
    from herford_tui.exchange.tabular import csv_bytes, xlsx_bytes

    if what.startswith(EMAILS):
        committee = snapshot.committees.get(int(what[len(EMAILS) :]))
        if committee is None:
            raise ValueError("Das Gremium gibt es nicht (mehr).")
        addresses, _ = email_list(snapshot, committee, today)
        return "".join(f"{a}\n" for a in addresses).encode("utf-8")
    sheets = export_sheets(snapshot, what, today)
    suffix = suffix.lower()
    if suffix == ".xlsx":
        return xlsx_bytes(sheets)
    if suffix != ".csv":
        raise ValueError("Bitte einen Dateinamen mit .xlsx oder .csv angeben.")
    if what == "verzeichnis":
        raise ValueError("Das Verzeichnis hat zwei Tabellen: bitte als .xlsx speichern.")
    table = combined(sheets, what)
    return csv_bytes(table.header, table.rows)
