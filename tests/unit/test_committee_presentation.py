"""What the committee view shows, built without a running app: info, roster rows, detail, cursor."""

from __future__ import annotations

import dataclasses
from datetime import date, time

from hypothesis import given, settings
from hypothesis import strategies as st

from herford_tui.domain import Committee, CommitteeKind, Meeting, Membership, Organisation, Person, Role, Seat, Snapshot
from herford_tui.domain.roster import roster_lines
from herford_tui.domain.text import printable
from herford_tui.ui.committees.presentation import COLUMNS, committee_info, cursor_row, member_detail, roster_rows

TODAY = date(2026, 11, 28)
HOSTILE = "Sommer [/b]\x1b]0;HACK\x07\x1b[2J"


def world(family_name: str = "Sommer") -> Snapshot:
    lk = Committee(
        id=1,
        name="Lenkungskreis",
        short_name="LK[/]",
        kind=CommitteeKind.LENKUNG,
        rhythm_min=1,
        rhythm_max=2,
        purpose="[b]Strategie[/b]",
        seats=[Seat("landrat", "Landrat"), Seat("bm", "Bürgermeister [x]", count=2)],
    )
    ak = Committee(id=2, name="Arbeitskreis 1")
    org = Organisation(id=5, name="[bold red]Kita[/]")
    petra = Person(id=1, given_name="Petra", family_name=family_name, function="Leitung", organisation_id=5)
    paul = Person(id=2, given_name="Paul", family_name="Vertreter")
    start = date(2025, 1, 1)
    chair = Membership(id=10, person_id=1, committee_id=1, seat_key="landrat", role=Role.VORSITZ, start=start)
    deputy = Membership(
        id=11, person_id=2, committee_id=1, seat_key="landrat", role=Role.STELLVERTRETUNG, deputy_of=10, start=TODAY
    )
    other = Membership(id=12, person_id=1, committee_id=2, seat_key="", start=date(2025, 1, 1))
    meeting = Meeting(id=1, committee_id=1, date=date(2026, 12, 3), start_time=time(14), location="Raum [1]")
    return Snapshot(
        committees={1: lk, 2: ak},
        organisations={5: org},
        persons={1: petra, 2: paul},
        memberships={m.id: m for m in (chair, deputy, other)},
        meetings={1: meeting},
    )


def test_info_shows_user_text_literally_with_the_next_meeting():
    snap = world()
    info = committee_info(snap, snap.committees[1], TODAY).plain.split("\n")
    assert info[0] == "Lenkungskreis  ·  Lenkungsgremium"
    assert "nächste Sitzung: Do 03.12.2026 14:00, Raum [1]" in info[1]
    assert info[2] == "[b]Strategie[/b]"


def test_roster_rows_name_a_seat_once_and_mark_deputies_and_open_places():
    snap = world()
    rows = [[cell.plain for cell in row] for row in roster_rows(snap, roster_lines(snap, 1, TODAY))]
    assert rows[0][:4] == ["Landrat", "Petra Sommer", "Vorsitz", ""]
    assert rows[0][6] == "[bold red]Kita[/]"
    assert rows[1][:3] == ["", "↳ Paul Vertreter", "Stellvertretung"]
    assert rows[2][:2] == ["Bürgermeister [x]", "unbesetzt"]
    assert rows[3][:2] == ["", "unbesetzt"]


def test_control_characters_in_names_become_visible_escapes():
    snap = world(HOSTILE)
    lines = roster_lines(snap, 1, TODAY)
    cells = [cell.plain for row in roster_rows(snap, lines) for cell in row]
    detail = member_detail(snap, lines[0], 1, TODAY).plain
    for text in ("".join(cells), detail):
        assert "\x1b" not in text and "\x07" not in text
    assert "Petra Sommer [/b]\\x1b]0;HACK\\x07\\x1b[2J" in detail


def test_detail_spells_out_the_membership_and_other_committees():
    snap = world()
    lines = roster_lines(snap, 1, TODAY)
    detail = member_detail(snap, lines[0], 1, TODAY).plain.split("\n")
    assert detail == [
        "Petra Sommer, Leitung",
        "Vorsitz seit 01.01.2025 · Sitz „Landrat“",
        "keine Kontaktdaten",
        "Auch in: Arbeitskreis 1",
    ]
    assert member_detail(snap, lines[2], 1, TODAY).plain.startswith("Sitz „Bürgermeister [x]“ ist unbesetzt.")


def test_a_membership_that_begins_later_reads_ab_not_seit():
    """„Co-Vorsitz seit 15.12.2026“ on 28.11.2026 was wrong: it is held from then on."""
    snap = world()
    later = dataclasses.replace(snap.memberships[10], id=12, role=Role.CO_VORSITZ, start=date(2026, 12, 15))
    snap = dataclasses.replace(snap, memberships={**snap.memberships, 12: later})
    line = next(li for li in roster_lines(snap, 1, TODAY) if li.membership and li.membership.id == 12)
    assert line.upcoming
    assert member_detail(snap, line, 1, TODAY).plain.split("\n")[1].startswith("Co-Vorsitz ab 15.12.2026")


def test_a_holders_later_role_follows_them_before_the_seats_open_place():
    """A seat of two places, one held by someone whose role changes from a later date: the later
    row came after "unbesetzt", read as if the open place were between her two roles."""
    snap = world()
    now = Membership(id=30, person_id=2, committee_id=1, seat_key="bm", start=date(2025, 1, 1), end=date(2026, 11, 30))
    later = dataclasses.replace(now, id=31, role=Role.CO_VORSITZ, start=date(2026, 12, 1), end=None)
    snap = dataclasses.replace(snap, memberships={**snap.memberships, 30: now, 31: later})
    seat = [line for line in roster_lines(snap, 1, TODAY) if line.seat and line.seat.key == "bm"]
    assert [(li.membership.id if li.membership else None, li.upcoming) for li in seat] == [
        (30, False),
        (31, True),
        (None, False),  # the second place is open
    ]


def test_cursor_follows_the_membership_then_the_person_then_the_row():
    snap = world()
    old = roster_lines(snap, 1, TODAY)
    assert cursor_row(old, 1, old) == 1
    assert cursor_row(old[:1], 0, old, wanted=11) == 1  # just saved, shown now: the cursor goes there
    assert cursor_row(old, 1, old, wanted=11) == 1
    assert cursor_row(old, 0, old, wanted=11) == 0  # shown before and left by the user: it stays
    # the chair moves to another seat: a new membership of the same person
    moved = dataclasses.replace(snap.memberships[10], id=20, seat_key="bm")
    after = dataclasses.replace(snap, memberships={**snap.memberships, 10: moved})
    new = roster_lines(after, 1, TODAY)
    assert new[cursor_row(old, 0, new)].membership.id == 20
    assert cursor_row(old, 99, new) == len(new) - 1


hostile = st.one_of(
    st.sampled_from(
        ["[/b]", "[/]", "[b]x[/b]", "[@click=app.quit]x[/]", "\x1b]0;title\x07", "\x1b[2J", "\x9b31m", "\u202e", "\r"]
    ),
    st.text(),
)


@settings(max_examples=60, deadline=None)
@given(name=hostile, org=hostile, seat=hostile, purpose=hostile, place=hostile)
def test_any_text_in_any_field_renders_without_markup_or_raw_controls(name, org, seat, purpose, place):
    snap = world(name)
    lk = snap.committees[1]
    snap.committees[1] = dataclasses.replace(
        lk, name=name, purpose=purpose, seats=[Seat("landrat", seat), *lk.seats[1:]]
    )
    snap.organisations[5] = dataclasses.replace(snap.organisations[5], name=org)
    snap.meetings[1] = dataclasses.replace(snap.meetings[1], location=place)
    lines = roster_lines(snap, 1, TODAY)
    texts = [committee_info(snap, snap.committees[1], TODAY).plain]
    texts += [cell.plain for row in roster_rows(snap, lines) for cell in row]
    texts += [member_detail(snap, line, 1, TODAY).plain for line in lines]
    for text in texts:
        assert not any(c in text for c in "\x1b\x07\x9b\u202e\r"), repr(text)
    assert printable(name) in texts[-len(lines)]  # the chair's name, as typed but visible


def test_roster_columns_at_80_keep_the_period_whole_and_drop_function_and_organisation_first():
    from herford_tui.ui.committees.presentation import COLUMNS
    from herford_tui.ui.common.fit import plan_columns

    rows = [
        ["Bürgermeister der kreisangehörigen Städte", "Bernd Beispiel", "Mitglied", "Stadt Bünde", "01.01.2025",
         "Bürgermeister", "Stadt Bünde"],
        ["Leitung der Geschäftsstelle", "✗ Prof. Dr. Fatma Dietrich-Lange", "Geschäftsführung",
         "Bildungsbüro des Kreises Herford", "bis 31.10.2026", "Leitung Bildungsbüro", "Bildungsbüro"],
    ]  # fmt: skip
    labels = [c.label for c in COLUMNS]
    narrow = plan_columns(COLUMNS, rows, 80)
    assert [labels[i] for i in narrow.shown] == ["Sitz", "Name", "Rolle", "vertritt", "Zeitraum"]
    assert narrow.widths[narrow.shown.index(4)] == len("bis 31.10.2026")
    # At 120 the seat keeps 26 columns before the function and organisation (both in the detail
    # line) are shown; wider, they come back.
    wide = plan_columns(COLUMNS, rows, 120)
    assert [labels[i] for i in wide.shown] == ["Sitz", "Name", "Rolle", "vertritt", "Zeitraum"]
    assert wide.widths[0] >= 26
    widest = plan_columns(COLUMNS, rows, 180)
    assert [labels[i] for i in widest.shown] == labels


def test_the_period_column_is_headed_as_what_it_shows():
    """The heading said "seit" over "bis 31.10.2026" (history, ``h``) and "ab …" (a role to come):
    "Zeitraum", as on the person and organisation screens; a plain date is the first day."""
    snap = world()
    ended = dataclasses.replace(snap.memberships[11], id=13, start=date(2024, 1, 1), end=date(2026, 10, 31))
    later = dataclasses.replace(snap.memberships[10], id=14, role=Role.CO_VORSITZ, start=date(2026, 12, 15))
    snap = dataclasses.replace(snap, memberships={**snap.memberships, 13: ended, 14: later})
    at = [c.label for c in COLUMNS].index("Zeitraum")
    rows = roster_rows(snap, roster_lines(snap, 1, TODAY, history=True))
    periods = sorted(row[at].plain for row in rows if row[at].plain)
    assert periods == ["01.01.2025", "28.11.2026", "ab 15.12.2026", "bis 31.10.2026"]
