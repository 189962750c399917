"""One office clock (``audit_text.office_zone``): the change log and the OParl export read
Herford time alike, and without time zone data on the server both fall back to its clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from herford_tui.domain.audit_text import entry_time, office_zone
from herford_tui.exchange import oparl


def test_oparl_and_the_change_log_use_the_office_clock():
    zone = office_zone()
    assert zone is not None  # the test machine has time zone data
    assert oparl._datetime(date(2026, 11, 28), time(14)) == "2026-11-28T14:00:00+01:00"
    assert oparl._datetime(date(2026, 6, 17), time(14)) == "2026-06-17T14:00:00+02:00"
    logged = entry_time({"at": datetime(2026, 11, 28, 13, tzinfo=UTC).isoformat()})
    assert logged is not None and logged.utcoffset() == datetime(2026, 11, 28, 14, tzinfo=zone).utcoffset()


def test_without_zone_data_oparl_keeps_the_servers_clock_not_utc(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(oparl, "office_zone", lambda: None)
    local = datetime.combine(date(2026, 11, 28), time(14)).astimezone()
    assert oparl._datetime(date(2026, 11, 28), time(14)) == local.isoformat(timespec="seconds")
