"""What a committee view shows, as pure functions of a snapshot and "today".

The info header, the roster rows and the detail below the roster. No widget, no app:
unit-tested without Textual running. Every piece of user data goes through ``plain()``
(for a Static) or ``plain_cell()`` (for a DataTable cell), so a name such as
``Sommer [/b]`` or one holding terminal escapes is shown literally, never interpreted.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.content import Content

from herford_tui.domain import Committee, Membership, Seat, Snapshot
from herford_tui.domain.fold import sort_key
from herford_tui.domain.labels import COMMITTEE_KIND, ROLE, format_date, format_time, rhythm_text
from herford_tui.domain.roster import RosterLine
from herford_tui.ui.common.fit import Column
from herford_tui.ui.common.format import plain, plain_cell
from herford_tui.ui.common.glyphs import glyphs

# Sitz, Name and Rolle (the longest role, "Geschäftsführung", has 16 letters) fit into
# 80 columns; the rest of the highlighted line is spelled out in the detail below. 26 for
# the seat tells "Vertretung der Schulen" from "Vertretung der Schulträger".
COLUMNS = (
    Column("Sitz", minimum=12, readable=26),
    Column("Name", minimum=20),
    Column("Rolle", priority=3, minimum=10),
    Column("vertritt", priority=2, minimum=12),
    Column("Zeitraum", priority=1, whole=True),
    Column("Funktion", priority=5, minimum=14, extra=True),
    Column("Organisation", priority=6, minimum=14, extra=True),
)
"""The roster's columns: at 80 columns the person's function and organisation give way (the
detail line below names them), and on a wider screen too while the seat would be cut below 26
("Leitung der…" twice in the Lenkungskreis); the period is shown whole, and last of all given up.
It is headed "Zeitraum" (as on the person and organisation screens), not "seit": besides the
first day of a current membership ("01.01.2025") it shows "ab 15.12.2026" for one to come and
"bis 31.10.2026" for one that ends or ended (the history, ``h``). A plain date is the first day
("seit 01.01.2025" on every line cost Rolle and vertritt five letters at 80 columns)."""

Row = tuple[Text, ...]
NEWLINE = Content("\n")  # our own line break; user text never keeps one (see ``plain``)


def committee_info(snapshot: Snapshot, c: Committee, today: date) -> Content:
    """Three lines: name and kind; rhythm and meetings; the purpose (last: it is what gets cut)."""
    parts = [plain(c.name, "bold"), plain(f"  ·  {COMMITTEE_KIND[c.kind]}", "dim")]
    if c.archived:
        parts.append(plain("  (archiviert)", "bold red"))
    held = snapshot.meetings_held_count(c.id, today.year, today)
    parts += [NEWLINE, plain(f"{rhythm_text(c)} · {today.year} bisher: {held}")]
    nxt = snapshot.next_meeting(c.id, today)
    if nxt is not None:
        when = format_date(nxt.date, weekday=True)
        at = f" {format_time(nxt.start_time)}" if nxt.start_time else ""
        where = f", {nxt.location}" if nxt.location else ""
        parts.append(plain(f" · nächste Sitzung: {when}{at}{where}"))
    else:
        parts.append(plain(" · keine Sitzung geplant", "dim"))
    parts.append(NEWLINE)
    parts.append(plain(c.purpose) if c.purpose else plain("Aufgabe noch nicht beschrieben.", "dim"))
    return Content("").join(parts)


def roster_rows(snapshot: Snapshot, lines: list[RosterLine]) -> list[Row]:
    """One table row per roster line; a seat is named once, its further holders follow below."""
    rows: list[Row] = []
    previous: RosterLine | None = None
    for line in lines:
        continued = previous is not None and not line.ended and previous.seat is line.seat
        rows.append(roster_row(snapshot, line, continued=continued))
        previous = line
    return rows


def roster_row(snapshot: Snapshot, line: RosterLine, *, continued: bool = False) -> Row:
    seat = "" if continued else (line.seat.label if line.seat else "–")
    if line.membership is None:
        return (plain_cell(seat), plain_cell("unbesetzt", "italic dim"), *(plain_cell("") for _ in range(5)))
    m = line.membership
    person = snapshot.person(m.person_id)
    name = snapshot.person_name(m.person_id)
    if line.deputy:
        name = f"{glyphs().deputy} {name}"
    org = snapshot.organisations.get(person.organisation_id) if person and person.organisation_id else None
    represents = snapshot.organisations.get(m.represents_id) if m.represents_id else None
    # The "Zeitraum" column is shown whole at 80 columns (the last to give way), so the dates go
    # there, not into the name ("Wolfgang Kemper (ab…" was cut): a current role shows its first
    # day, one that begins later "ab …", one that ends (a role change from a later date, a term)
    # "bis …" like an ended one; the detail line below gives both ends.
    since = format_date(m.start)
    style = "dim strike" if line.ended else ""
    if line.ended:  # a sign, not grey alone; its "bis …" is in the "Zeitraum" column and the detail line
        name = f"{glyphs().ended} {name}"
    if line.upcoming:
        since, style = f"ab {format_date(m.start)}", "italic"
    elif m.end is not None:
        since = f"bis {format_date(m.end)}"
    cells = (
        seat,
        name,
        ROLE[m.role],
        represents.name if represents else "",
        since,
        person.function if person else "",
        org.name if org else "",
    )
    return tuple(plain_cell(cell, style) for cell in cells)


def member_detail(snapshot: Snapshot, line: RosterLine | None, committee_id: int, today: date) -> Content:
    """Four lines about the highlighted roster line: who, the membership, contact, other committees."""
    if line is None or line.membership is None:
        if line is not None and line.seat is not None:
            first = plain(f"{seat_name(line.seat)} ist unbesetzt.", "dim")
        else:
            first = plain("Noch keine Mitglieder.", "dim")
        return first + NEWLINE + plain("„a“ fügt ein Mitglied hinzu.", "dim")
    m = line.membership
    person = snapshot.person(m.person_id)
    if person is None:  # a colleague deleted the person meanwhile, or an import left the id
        return (
            plain(snapshot.person_name(m.person_id), "bold red") + NEWLINE + plain(membership_summary(snapshot, line))
        )
    parts = [plain(person.full_name, "bold")]
    if person.function:
        parts.append(plain(f", {person.function}"))
    parts += [NEWLINE, plain(membership_summary(snapshot, line)), NEWLINE]
    contact = " · ".join(x for x in (person.email, person.phone) if x)
    parts.append(plain(contact) if contact else plain("keine Kontaktdaten", "dim"))
    others = sorted(
        {
            snapshot.committees[o.committee_id].name
            for o in snapshot.memberships_of_person(person.id, today)
            if o.committee_id != committee_id and o.committee_id in snapshot.committees
        },
        key=sort_key,
    )
    parts += [NEWLINE, plain("Auch in: " + (", ".join(others) if others else "keinem anderen Gremium"))]
    text = Content("").join(parts)
    if m.end is not None and m.end < today:
        text = text.stylize("dim")
    return text


def membership_summary(snapshot: Snapshot, line: RosterLine) -> str:
    """One line: role and period, whom the member stands in for or represents, the seat."""
    m = line.membership
    assert m is not None
    # Most telling first: a long seat name at the end is what gets cut on 80 columns.
    parts = [ROLE[m.role]]
    # Worded as the roster's "Zeitraum" column: "ab …" for a role that begins later (a chair from next
    # month is not held "seit" then), "bis …" for one that ends or ended, with its start after it.
    if line.upcoming and m.start:
        parts[0] += f" ab {format_date(m.start)}" + (f" bis {format_date(m.end)}" if m.end else "")
    elif m.end:
        parts[0] += f" bis {format_date(m.end)}" + (f" (seit {format_date(m.start)})" if m.start else "")
    elif m.start:
        parts[0] += f" seit {format_date(m.start)}"
    if m.deputy_of:
        owner = snapshot.membership(m.deputy_of)
        if owner is not None:
            parts.append(f"für {snapshot.person_name(owner.person_id)}")
    if m.represents_id and (org := snapshot.organisations.get(m.represents_id)):
        parts.append(f"vertritt {org.name}")
    parts.append(seat_name(line.seat) if line.seat else "ohne Sitz")
    return " · ".join(parts)


def seat_name(seat: Seat) -> str:
    return f"Sitz „{seat.label}“" + (" (beratend)" if seat.advisory else "")


def cursor_row(old: list[RosterLine], old_row: int, new: list[RosterLine], *, wanted: int | None = None) -> int:
    """Where the cursor goes after a refresh: the ``wanted`` membership (just saved, found by
    the search), else the same membership, else the same person (moved to another seat),
    else the same row. ``wanted`` counts only while it is still to come or the cursor is on it:
    shown already and left by the user, the refresh keeps the row they went to (a person
    edited there after adding a member sent the cursor back to the one added)."""
    if wanted is not None and not _left(old, old_row, wanted):
        for i, line in enumerate(new):
            if line.membership is not None and line.membership.id == wanted:
                return i
    before = old[old_row].membership if 0 <= old_row < len(old) else None
    if before is not None:
        same_membership = [m is not None and (m.id, m.end) == (before.id, before.end) for m in _current(new)]
        same_person = [m is not None and m.person_id == before.person_id for m in _current(new)]
        for hits in (same_membership, same_person):
            if True in hits:
                return hits.index(True)
    return min(max(old_row, 0), max(len(new) - 1, 0))


def _left(old: list[RosterLine], old_row: int, wanted: int) -> bool:
    """Whether the ``wanted`` membership was shown and the cursor stood on another row."""
    shown = [i for i, line in enumerate(old) if line.membership is not None and line.membership.id == wanted]
    return bool(shown) and old_row not in shown


def _current(lines: list[RosterLine]) -> list[Membership | None]:
    """Each line's membership, None for open places and ended memberships (never cursor targets)."""
    return [None if line.ended else line.membership for line in lines]
