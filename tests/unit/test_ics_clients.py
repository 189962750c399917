"""The calendar file read alike by two independent parsers (icalendar, vobject), with the true
Europe/Berlin instants in summer and winter; no invented end; closed agenda items only if asked."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from herford_tui.domain import AgendaItem, Meeting
from herford_tui.domain.ics import build_calendar, select_meetings
from herford_tui.store import Store
from herford_tui.store.demo import write_demo

BERLIN = ZoneInfo("Europe/Berlin")


def instants(raw: bytes) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """uid → (start, end) as UTC instants (a date for all-day events), once per parser."""

    def norm(value):
        return value.astimezone(UTC) if isinstance(value, datetime) else value

    by_icalendar = {
        str(e["UID"]): (norm(e.decoded("DTSTART")), norm(e.decoded("DTEND")) if "DTEND" in e else None)
        for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")
    }
    by_vobject = {
        e.uid.value: (norm(e.dtstart.value), norm(e.dtend.value) if hasattr(e, "dtend") else None)
        for e in vobject.readOne(raw.decode("utf-8")).vevent_list
    }
    return by_icalendar, by_vobject


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("ics") / "db.json", backups=0).open()
    write_demo(store, size="small", seed=3)
    return store


def test_every_event_has_the_same_utc_instants_in_both_parsers_and_in_zoneinfo(demo: Store):
    snap = demo.snapshot()
    meetings = select_meetings(snap)
    assert any(m.date and m.start_time and BERLIN.dst(datetime.combine(m.date, m.start_time)) for m in meetings)
    assert any(m.date and m.start_time and not BERLIN.dst(datetime.combine(m.date, m.start_time)) for m in meetings)
    by_icalendar, by_vobject = instants(build_calendar(snap, meetings))
    assert by_icalendar == by_vobject and len(by_icalendar) == len(meetings)
    for m in meetings:
        start = by_icalendar[f"sitzung-{m.id}@herford-tui.kreis-herford"][0]
        if m.start_time:
            assert start == datetime.combine(m.date, m.start_time, tzinfo=BERLIN).astimezone(UTC)


def test_summer_and_winter_across_the_changes(store: Store):
    committee = next(iter(store.snapshot().committees.values()))
    days = [date(2026, 3, 28), date(2026, 3, 30), date(2026, 7, 1), date(2026, 10, 24), date(2026, 10, 26)]
    for day in days:
        store.save(Meeting(committee_id=committee.id, date=day, start_time=time(10), end_time=time(12)))
    snap = store.snapshot()
    by_icalendar, by_vobject = instants(build_calendar(snap, select_meetings(snap)))
    assert by_icalendar == by_vobject
    hours = sorted((start.date(), start.hour) for start, _ in by_icalendar.values())
    assert hours == [(date(2026, 3, 28), 9), (date(2026, 3, 30), 8), (date(2026, 7, 1), 8),
                     (date(2026, 10, 24), 8), (date(2026, 10, 26), 9)]  # fmt: skip


def test_no_invented_end_the_committees_usual_length_or_none(store: Store):
    committees = list(store.snapshot().committees.values())
    usual, other = committees[0].id, committees[1].id
    for day, hours in enumerate((1, 1, 3), start=4):
        store.save(Meeting(committee_id=usual, date=date(2026, 5, day), start_time=time(9), end_time=time(9 + hours)))
    open_end = store.save(Meeting(committee_id=usual, date=date(2026, 6, 9), start_time=time(14)))
    nothing_known = store.save(Meeting(committee_id=other, date=date(2026, 6, 10), start_time=time(14)))
    snap = store.snapshot()
    by_icalendar, by_vobject = instants(build_calendar(snap, select_meetings(snap)))
    assert by_icalendar == by_vobject
    start, end = by_icalendar[f"sitzung-{open_end.id}@herford-tui.kreis-herford"]
    assert end - start == timedelta(hours=1)  # the usual length, not 2 hours
    assert by_icalendar[f"sitzung-{nothing_known.id}@herford-tui.kreis-herford"][1] is None


def test_only_public_agenda_titles_unless_asked(store: Store):
    committee = next(iter(store.snapshot().committees.values()))
    agenda = [AgendaItem("1", "Haushalt"), AgendaItem("2", "Personalsache Müller", public=False)]
    store.save(Meeting(committee_id=committee.id, date=date(2026, 5, 5), agenda=agenda, notes="intern: Raum tauschen"))
    snap = store.snapshot()

    def text(raw: bytes) -> str:
        return "".join(str(e["DESCRIPTION"]) for e in icalendar.Calendar.from_ical(raw).walk("VEVENT"))

    public = text(build_calendar(snap, select_meetings(snap)))
    assert "Haushalt" in public and "Personalsache" not in public and "Raum tauschen" not in public
    internal = text(build_calendar(snap, select_meetings(snap), closed_items=True))
    assert "Personalsache M" in internal and "nicht öffentlich" in internal


def test_cli_flag_for_closed_items(store: Store, runner, tmp_path: Path):
    from herford_tui.cli import main

    committee = next(iter(store.snapshot().committees.values()))
    store.save(
        Meeting(committee_id=committee.id, date=date(2026, 5, 5), agenda=[AgendaItem("1", "Geheim", public=False)])
    )
    out = tmp_path / "a.ics"
    assert runner.invoke(main, ["export", "ics", "--db", str(store.path), "--out", str(out)]).exit_code == 0
    assert b"Geheim" not in out.read_bytes()
    args = ["export", "ics", "--db", str(store.path), "--out", str(out), "--mit-nichtoeffentlichen", "--force"]
    assert runner.invoke(main, args).exit_code == 0
    assert b"Geheim" in out.read_bytes()


def test_control_characters_in_stored_text_reach_the_file_as_visible_escapes(store: Store):
    """New-user walk: a place imported as "\\x1b[31mRot [/b] Saal" went into LOCATION raw (RFC 5545
    allows no control character in TEXT; `cat sitzungen.ics` coloured the terminal)."""
    committee = next(iter(store.snapshot().committees.values()))
    agenda = [AgendaItem("1", "Begrüßung\x1b]0;Titel\x07")]
    store.save(
        Meeting(committee_id=committee.id, date=date(2026, 5, 6), location="\x1b[31mRot [/b] Saal", agenda=agenda)
    )
    snap = store.snapshot()
    raw = build_calendar(snap, select_meetings(snap))
    assert not any(byte < 0x20 and byte not in b"\r\n" for byte in raw)
    [event] = [e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT") if e.decoded("DTSTART") == date(2026, 5, 6)]
    assert str(event["LOCATION"]) == "\\x1b[31mRot [/b] Saal"
    assert "TOP 1 Begrüßung\\x1b]0;Titel\\x07" in str(event["DESCRIPTION"])
