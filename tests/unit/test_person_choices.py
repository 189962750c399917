"""Namesakes read apart in every person choice (``domain/directory.person_choices``): the
meeting screen's Zuständig/Wer lists and the membership form's person search. The form showed
the organisation only, so two "Thomas Müller" of one school read the same there."""

from __future__ import annotations

from types import SimpleNamespace

from herford_tui.domain import Organisation, Person, Snapshot
from herford_tui.domain.directory import person_choices
from herford_tui.ui.committees.membership_form import MembershipForm
from herford_tui.ui.meetings.presentation import choice_names


def _snapshot() -> Snapshot:
    schule = Organisation(id=1, name="Realschule Enger", municipality="Enger")
    persons = [
        Person(id=5, given_name="Thomas", family_name="Müller", organisation_id=1),
        Person(id=6, given_name="Thomas", family_name="Mueller", organisation_id=1),
        Person(id=7, given_name="Thomas", family_name="Müller"),
        Person(id=8, given_name="Anna", family_name="Schmidt", organisation_id=1),
    ]
    return Snapshot(organisations={1: schule}, persons={p.id: p for p in persons})


def test_namesakes_carry_organisation_and_number():
    snapshot = _snapshot()
    assert person_choices(snapshot, [5, 6, 7, 8]) == [
        "Thomas Müller (Realschule Enger, Nr. 5)",
        "Thomas Mueller (Realschule Enger, Nr. 6)",
        "Thomas Müller (Nr. 7)",
        "Anna Schmidt",
    ]
    assert person_choices(snapshot, [8, 5], organisation=True) == [
        "Anna Schmidt (Realschule Enger)",
        "Thomas Müller (Realschule Enger)",
    ]
    assert person_choices(snapshot, [9]) == ["Person 9 (gelöscht)"]


def test_the_meeting_screen_and_the_membership_form_tell_namesakes_apart_alike():
    snapshot = _snapshot()
    form = dict(MembershipForm._search_persons(SimpleNamespace(snapshot=snapshot), "Thomas"))  # type: ignore[arg-type]
    assert sorted(form) == [5, 6, 7]
    meeting = dict(zip([5, 6, 7], choice_names(snapshot, [5, 6, 7]), strict=True))
    assert form == meeting
    assert len(set(form.values())) == 3
