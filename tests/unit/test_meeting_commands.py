"""``herford-tui export ics`` and ``herford-tui termine``: output checked, database untouched."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, time, timedelta
from pathlib import Path

import icalendar
import pytest

from herford_tui.cli import main
from herford_tui.domain import AgendaItem, Meeting, MeetingStatus
from herford_tui.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Seed plus three Lenkungskreis meetings around today (one cancelled) and one of the Konferenz."""
    path = tmp_path / "db.json"
    store = Store(path).open()
    committees = {c.name: c.id for c in store.snapshot().committees.values()}
    today = date.today()
    lk, konferenz = committees["Lenkungskreis"], committees["Bildungskonferenz"]
    agenda = [AgendaItem("1", "Begrüßung"), AgendaItem("2", "Haushalt 2027")]
    store.save(Meeting(committee_id=lk, date=today + timedelta(days=3), start_time=time(14), end_time=time(16),
                       location="Kreishaus Herford", room="Raum 101", agenda=agenda))  # fmt: skip
    store.save(Meeting(committee_id=lk, date=today + timedelta(days=10), start_time=time(9, 30),
                       status=MeetingStatus.ABGESAGT))  # fmt: skip
    store.save(Meeting(committee_id=lk, date=today + timedelta(days=100), start_time=time(10)))
    store.save(Meeting(committee_id=konferenz, date=today + timedelta(days=5)))  # no times: all day
    return path


def test_export_ics_one_event_per_meeting_with_timezone_and_status(runner, db, tmp_path):
    out = tmp_path / "sitzungen.ics"
    before = db.read_bytes()
    result = runner.invoke(main, ["export", "ics", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 Sitzungen" in result.output
    assert db.read_bytes() == before
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == 4
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    first = events[0]
    assert str(first["SUMMARY"]) == "Sitzung Lenkungskreis"
    assert str(first["LOCATION"]) == "Kreishaus Herford, Raum 101"
    assert "TOP 2 Haushalt 2027" in str(first["DESCRIPTION"])
    assert first["DTSTART"].dt.tzinfo is not None and str(first["DTSTART"].params["TZID"]) == "Europe/Berlin"
    assert [str(e["STATUS"]) for e in events].count("CANCELLED") == 1
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 4
    # stable: a second export gives the same UIDs
    again = tmp_path / "again.ics"
    runner.invoke(main, ["export", "ics", "--db", str(db), "--out", str(again)])
    assert [str(e["UID"]) for e in icalendar.Calendar.from_ical(again.read_bytes()).walk("VEVENT")] == uids


def test_export_ics_filters_by_committee_and_year(runner, db, tmp_path):
    out = tmp_path / "lk.ics"
    result = runner.invoke(main, ["export", "ics", "--db", str(db), "--out", str(out), "--gremium", "lenkungskreis"])
    assert result.exit_code == 0, result.output
    assert len(icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 3
    year = date.today().year + 5
    result = runner.invoke(main, ["export", "ics", "--db", str(db), "--out", str(out), "--jahr", str(year), "--force"])
    assert result.exit_code == 0 and len(icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 0


def test_export_ics_bad_input_in_german(runner, db, tmp_path):
    result = runner.invoke(
        main, ["export", "ics", "--db", str(db), "--out", str(tmp_path / "x.ics"), "--gremium", "Gibtsnicht"]
    )
    assert result.exit_code == 2 and "Unbekanntes Gremium „Gibtsnicht“" in result.output
    result = runner.invoke(
        main, ["export", "ics", "--db", str(tmp_path / "fehlt.json"), "--out", str(tmp_path / "x.ics")]
    )
    assert result.exit_code == 2 and "gibt es nicht" in result.output
    assert not (tmp_path / "fehlt.json").exists()
    result = runner.invoke(main, ["export", "ics", "--db", str(db), "--out", str(tmp_path / "nope" / "x.ics")])
    assert (
        result.exit_code == 2 and "x.ics lässt sich nicht schreiben (Datei oder Ordner gibt es nicht)." in result.output
    )


@pytest.mark.skipif(shutil.which("khal") is None, reason="khal is not installed (apt-get install khal)")
def test_ics_imports_into_khal(runner, db, tmp_path):
    out = tmp_path / "sitzungen.ics"
    assert runner.invoke(main, ["export", "ics", "--db", str(db), "--out", str(out)]).exit_code == 0
    calendars = tmp_path / "kalender" / "herford"
    calendars.mkdir(parents=True)
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[herford]]\npath = {calendars}\n\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %d.%m.%Y\nlongdateformat = %d.%m.%Y\n"
        "datetimeformat = %d.%m.%Y %H:%M\nlongdatetimeformat = %d.%m.%Y %H:%M\n"
        "local_timezone = Europe/Berlin\ndefault_timezone = Europe/Berlin\n"
        "\n[sqlite]\npath = " + str(tmp_path / "khal.db") + "\n"
    )
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    khal = ["khal", "-c", str(config)]
    imported = subprocess.run(
        [*khal, "import", "--batch", str(out)], env=env, capture_output=True, text=True, timeout=60
    )
    assert imported.returncode == 0, imported.stderr
    assert len(list(calendars.glob("*.ics"))) == 4
    listed = subprocess.run([*khal, "list", "today", "30d"], env=env, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert "Sitzung Lenkungskreis" in listed.stdout


def test_termine_prints_the_next_meetings_and_writes_nothing(runner, db):
    before = db.read_bytes()
    files_before = sorted(p.name for p in db.parent.iterdir())
    result = runner.invoke(main, ["termine", "--db", str(db)])
    assert result.exit_code == 0, result.output
    today = date.today()
    lines = result.output.splitlines()
    in3 = (today + timedelta(days=3)).strftime("%d.%m.%Y")
    assert any(line.endswith(in3) for line in lines)
    assert "  14:00–16:00  Lenkungskreis  Kreishaus Herford, Raum 101" in lines
    assert "  ganztägig  Bildungskonferenz" in lines
    assert "  09:30  Lenkungskreis  [abgesagt]" in lines
    assert not any("10:00" in line for line in lines)  # 100 days ahead
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == files_before  # no lock, no backup


def test_termine_days_and_committee(runner, db):
    result = runner.invoke(main, ["termine", "--db", str(db), "--tage", "120", "--gremium", "Lenkungskreis"])
    assert result.exit_code == 0
    assert "Bildungskonferenz" not in result.output and "10:00  Lenkungskreis" in result.output
    result = runner.invoke(main, ["termine", "--db", str(db), "--tage", "1"])
    assert result.output.strip() == "Keine Sitzungen heute oder morgen."
    result = runner.invoke(main, ["termine", "--db", str(db), "--tage", "-1"])
    assert result.exit_code == 2


def test_termine_shows_control_characters_as_visible_escapes(runner, db):
    store = Store(db)
    lk = next(c.id for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    store.save(Meeting(committee_id=lk, date=date.today() + timedelta(days=20), start_time=time(8),
                       location="Saal \x1b]0;gekapert\x07 1"))  # fmt: skip
    result = runner.invoke(main, ["termine", "--db", str(db)])
    assert result.exit_code == 0
    assert "Saal \\x1b]0;gekapert\\x07 1" in result.output and "\x1b" not in result.output
