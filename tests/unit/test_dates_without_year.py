"""One reading of a typed date (``labels.date_parts``) and one rule for a day without its year:
a day to come (a due date, a meeting to find) is the next such day from today; a day in the past
(joined, left, as of) needs its year; the search finds that day in any year."""

from __future__ import annotations

import re
from datetime import date

import pytest

from herford_tui.domain import Committee, Meeting, Snapshot
from herford_tui.domain.labels import date_parts, parse_date
from herford_tui.domain.lookup import find_meeting
from herford_tui.domain.meeting_input import MeetingInput, build_meeting, days_from
from herford_tui.domain.search_index import query_words

TODAY = date(2026, 11, 28)
REFUSED = "ist kein Datum (TT.MM.JJJJ, z. B. 28.11.2026)."


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("31.1.", date(2027, 1, 31)),  # past this year: next year's
        ("15.12.", date(2026, 12, 15)),
        ("28.11.", TODAY),  # today is to come
        ("27.11", date(2027, 11, 27)),
        ("29.2.", date(2028, 2, 29)),  # the next one there is
        ("3.12.2026", date(2026, 12, 3)),  # a year typed: as typed, also in the past
        ("3.12.25", date(2025, 12, 3)),
    ],
)
def test_a_day_to_come_without_its_year_is_the_next_such_day(typed: str, found: date):
    assert parse_date(typed, coming_from=TODAY) == found


@pytest.mark.parametrize("typed", ["31.2.", "32.1.", "1.13.", "31.2.2026", "Montag", "1.1.226", ""])
def test_what_is_no_day_is_refused_in_german_as_before(typed: str):
    with pytest.raises(ValueError, match=re.escape(REFUSED)):
        parse_date(typed, coming_from=TODAY)
    with pytest.raises(ValueError, match=re.escape(REFUSED)):
        parse_date(typed)


def test_a_day_in_the_past_needs_its_year():
    with pytest.raises(ValueError) as refused:
        parse_date("1.3.")
    assert str(refused.value) == "„1.3.“: hier bitte mit Jahr (TT.MM.JJJJ, z. B. 28.11.2026)."  # not "kein Datum"
    assert parse_date("01.03.2026") == parse_date("1.3.26") == date(2026, 3, 1)


def test_the_search_reads_dates_the_same_way_and_finds_a_day_in_any_year():
    assert date_parts("12.3.") == date_parts("12.03") == (12, 3, None)
    assert date_parts("12.3.26") == date_parts("12.03.2026") == (12, 3, 2026)
    assert date_parts("Maerz") is None
    assert query_words("12.3. haushalt") == ["12.3.", "haushalt"]
    assert query_words("12.03.26") == ["12.3.2026"]


def test_a_meeting_named_by_a_day_without_its_year_is_the_next_one():
    """``herford-tui dokument einladung 15.12. lenkungskreis``"""
    committee = Committee(1, name="Lenkungskreis")
    meetings = [
        Meeting(1, committee_id=1, date=date(2025, 12, 15)),
        Meeting(2, committee_id=1, date=date(2026, 12, 15)),
    ]
    snapshot = Snapshot(committees={1: committee}, meetings={m.id: m for m in meetings})
    assert find_meeting(snapshot, "15.12. lenkungskreis", today=TODAY).id == 2
    assert find_meeting(snapshot, "Lenkungskreis 15.12.2025", today=TODAY).id == 1


def test_a_meeting_date_without_its_year_is_the_next_such_day_from_the_year_planned():
    """The meeting form: from today on, or from the first day of a later year it was opened for."""
    snapshot = Snapshot(committees={1: Committee(1, name="Lenkungskreis")})

    def planned(typed: str, year: int | None = None) -> date | None:
        values = MeetingInput(None, committee_id=1, date=typed, days_from=days_from(TODAY, year))
        meeting = build_meeting(snapshot, values)
        assert isinstance(meeting, Meeting), meeting
        return meeting.date

    assert planned("15.12.") == date(2026, 12, 15)
    assert planned("15.3.") == planned("15.3.", 2026) == planned("15.3.", 2025) == date(2027, 3, 15)
    assert planned("15.3.", 2028) == date(2028, 3, 15)
    assert planned("15.3.2025", 2028) == date(2025, 3, 15)  # a year typed: as typed
    refused = build_meeting(snapshot, MeetingInput(None, committee_id=1, date="15.12."))
    assert isinstance(refused, list) and "hier bitte mit Jahr" in refused[0].message  # no days_from: its year
    invited = build_meeting(snapshot, MeetingInput(None, committee_id=1, date="15.12.", invitation_sent="1.12.",
                                                   days_from=TODAY))  # fmt: skip
    assert isinstance(invited, list) and [p.field for p in invited] == ["invitation_sent"]  # a past day: its year
