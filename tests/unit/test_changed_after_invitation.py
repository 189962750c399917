"""When a saved change leaves the invited with wrong facts (``domain.invitation.changed_after_invitation``)."""

from __future__ import annotations

import dataclasses
from datetime import date, time

from herford_tui.domain import Meeting, MeetingStatus
from herford_tui.domain.invitation import changed_after_invitation, needs_cancellation

TODAY = date(2026, 11, 28)
INVITED = Meeting(
    committee_id=1,
    date=date(2026, 12, 9),
    start_time=time(14),
    location="Kreishaus",
    status=MeetingStatus.EINGELADEN,
    invitation_sent=date(2026, 11, 20),
)


def test_a_new_time_or_place_of_an_invited_meeting_is_news_for_the_invited():
    for change in ({"start_time": time(15)}, {"room": "Raum 2"}, {"date": date(2027, 1, 13)}):
        field, warning = changed_after_invitation(INVITED, dataclasses.replace(INVITED, **change), TODAY) or ("", "")
        assert field == next(iter(change)), change
        assert "Die Einladung vom 20.11.2026 nannte noch: Mi 09.12.2026, 14:00 Uhr, Kreishaus." in warning


def test_calling_off_an_invited_meeting_asks_for_the_notice():
    off = dataclasses.replace(INVITED, status=MeetingStatus.ABGESAGT)
    assert changed_after_invitation(INVITED, off, TODAY)[0] == "status"  # type: ignore[index]
    assert needs_cancellation(off) and not needs_cancellation(dataclasses.replace(off, invitation_sent=None))


def test_no_word_where_nobody_was_told_anything_or_the_day_is_past():
    planned = dataclasses.replace(INVITED, status=MeetingStatus.GEPLANT, invitation_sent=None)
    assert changed_after_invitation(planned, dataclasses.replace(planned, date=date(2027, 1, 13)), TODAY) is None
    assert changed_after_invitation(None, INVITED, TODAY) is None  # a new meeting
    assert changed_after_invitation(INVITED, dataclasses.replace(INVITED, notes="Beamer"), TODAY) is None
    held = dataclasses.replace(INVITED, date=date(2026, 11, 4))
    assert changed_after_invitation(held, dataclasses.replace(held, start_time=time(15)), TODAY) is None
    assert (
        changed_after_invitation(INVITED, dataclasses.replace(INVITED, status=MeetingStatus.DURCHGEFUEHRT), TODAY)
        is None
    )
