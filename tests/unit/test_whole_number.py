"""A number typed by a person is read by one rule (``labels.whole_number``): the committee
form's quorum, invitation days and seat counts, the import's Nr. and counts, and a meeting's
number on the command line. "²" (AltGr+2) passed ``isdigit`` and crashed ``int`` in the form."""

from __future__ import annotations

import pytest

from herford_tui.domain import Organisation, Snapshot
from herford_tui.domain.committee_input import meeting_settings
from herford_tui.domain.labels import not_a_number, whole_number
from herford_tui.domain.lookup import UnknownMeeting, find_meeting
from herford_tui.exchange.importing import plan_import
from herford_tui.exchange.tabular import parse_csv


def test_whole_number():
    assert [whole_number(t) for t in ("12", " 7 ", "0")] == [12, 7, 0]
    assert [whole_number(t) for t in ("", "²", "３", "-1", "1.5", "zwölf", "1" * 13)] == [None] * 7


@pytest.mark.parametrize("typed", ["²", "-1", "drei"])
def test_the_form_the_import_and_the_command_line_refuse_alike(typed: str):
    _, problems = meeting_settings(typed, typed)
    assert [p.message for p in problems] == [not_a_number(typed)] * 2
    table = parse_csv((f"Nr.;Name;Art;Kommune\n{typed};Kita Sonne;Kita;Vlotho\n", "UTF-8"))
    plan = plan_import("organisationen", table, Snapshot(organisations={1: Organisation(id=1, name="x")}))
    assert [p.message for p in plan.problems] == [not_a_number(typed)]
    with pytest.raises(UnknownMeeting):
        find_meeting(Snapshot(), typed)


def test_a_number_reads_the_same_everywhere():
    settings, problems = meeting_settings("3", "21")
    assert not problems and (settings.quorum, settings.invitation_days) == (3, 21)
    table = parse_csv(("Nr.;Name;Art;Kommune\n3;Kita Sonne;Kita;Vlotho\n", "UTF-8"))
    assert [r.id for r in plan_import("organisationen", table, Snapshot()).records] == [3]
