"""A point in time reads the same in every place that shows one (``labels.format_moment``):
the change log, the Auskunft, the backup list and an imported spreadsheet cell."""

from __future__ import annotations

from datetime import UTC, date, datetime

from herford_tui.domain.audit_text import change_row, entry_lines, office_time, value_text
from herford_tui.domain.dsgvo import _timestamp
from herford_tui.domain.labels import format_date, format_moment
from herford_tui.exchange.tabular import cell_text

AT = datetime(2026, 11, 28, 13, 5, tzinfo=UTC)
"""14:05 in Herford (winter time)."""


def test_format_moment_reads_german():
    assert format_moment(datetime(2026, 3, 4, 9, 7)) == "04.03.2026 09:07"
    assert format_moment(None) == ""


def test_every_user_of_a_moment_shows_the_same_text():
    shown = format_moment(office_time(AT))
    assert shown == "28.11.2026 14:05"
    entry = {"at": AT.isoformat(), "table": "persons", "id": 1, "action": "update", "user": "ida"}
    assert entry_lines(entry)[0].startswith(shown)  # the change log
    assert change_row(entry)[0] == shown  # the Auskunft's change table
    assert _timestamp(AT.isoformat()) == shown  # the Auskunft's stamps
    assert cell_text(office_time(AT).replace(tzinfo=None)) == shown  # a spreadsheet cell


def test_a_day_in_the_log_reads_as_format_date():
    assert value_text("2026-11-28") == f"„{format_date(date(2026, 11, 28))}“" == "„28.11.2026“"
