"""One rule for "the same person" (``domain/duplicates.person_keys``): the import skips a row
exactly when the person form would warn "Möglicherweise doppelt" about the same person.

They disagreed: the import took name and e-mail together, so a namesake without e-mail at
another school was skipped and the same person with a new address was imported twice."""

from __future__ import annotations

from datetime import date

import pytest

from herford_tui.domain import Organisation, Person, Snapshot
from herford_tui.domain.duplicates import likely_duplicates, organisation_duplicates
from herford_tui.exchange.importing import plan_import
from herford_tui.exchange.tabular import parse_csv

SCHULE = Organisation(id=1, name="Müller-Schule", municipality="Bünde")
KITA = Organisation(id=2, name="Kita Sonne", municipality="Vlotho")
STORED = Person(id=10, given_name="Thomas", family_name="Müller", organisation_id=1)
SHARED = Person(id=11, given_name="Eva", family_name="Roth", email="sekretariat@example.org", organisation_id=1)
ERASED = Person(id=12, given_name="Gelöscht", family_name="Gelöscht", organisation_id=1, erased_on=date(2026, 1, 5))


def _snapshot() -> Snapshot:
    persons = {p.id: p for p in (STORED, SHARED, ERASED)}
    return Snapshot(organisations={1: SCHULE, 2: KITA}, persons=persons)


# (given, family, e-mail, organisation name): the row of the file and the person of the form
CASES = [
    ("Thomas", "Müller", "", "Müller-Schule"),  # the same person again
    ("Thomas", "Mueller", "", "Mueller-Schule"),  # spelled without umlauts
    ("Thomas", "Müller", "", "Kita Sonne"),  # a namesake elsewhere: imported
    ("Thomas", "Müller", "t.mueller@example.org", "Müller-Schule"),  # same name, same place
    ("Jan", "Roth", "Sekretariat@example.org", "Kita Sonne"),  # the same address
    ("Jan", "Roth", "", "Müller-Schule"),  # someone new
    ("Gelöscht", "Gelöscht", "", "Müller-Schule"),  # an erased placeholder is nobody's twin
]


@pytest.mark.parametrize(("given", "family", "email", "org"), CASES)
def test_the_import_skips_exactly_what_the_form_warns_about(given: str, family: str, email: str, org: str):
    snapshot = _snapshot()
    org_id = next(o.id for o in snapshot.organisations.values() if o.name.replace("ü", "ue") == org.replace("ü", "ue"))
    form_warns = bool(
        likely_duplicates(snapshot, Person(given_name=given, family_name=family, email=email, organisation_id=org_id))
    )
    table = parse_csv((f"Vorname;Nachname;E-Mail;Organisation\n{given};{family};{email};{org}\n", "UTF-8"))
    plan = plan_import("personen", table, snapshot)
    assert not plan.problems, plan.problems
    assert bool(plan.duplicates) == form_warns
    assert len(plan.records) == (0 if form_warns else 1)


def test_the_verdicts_the_office_expects():
    snapshot = _snapshot()
    verdicts = [
        bool(
            likely_duplicates(
                snapshot, Person(given_name=g, family_name=f, email=e, organisation_id=1 if "Schule" in o else 2)
            )
        )
        for g, f, e, o in CASES
    ]
    assert verdicts == [True, True, False, True, True, False, False]


def test_a_second_row_of_the_same_file_is_a_twin_of_the_first():
    rows = "Thomas;Schmidt;;Kita Sonne\nThomas;Schmidt;;Kita Sonne\nThomas;Schmidt;;Müller-Schule\n"
    plan = plan_import("personen", parse_csv(("Vorname;Nachname;E-Mail;Organisation\n" + rows, "UTF-8")), _snapshot())
    assert len(plan.records) == 2 and [d.line for d in plan.duplicates] == [3]


def test_the_import_says_why_a_row_with_a_shared_address_was_left_out():
    table = parse_csv(("Vorname;Nachname;E-Mail;Organisation\nJan;Roth;sekretariat@example.org;Kita Sonne\n", "UTF-8"))
    (duplicate,) = plan_import("personen", table, _snapshot()).duplicates
    assert "„Eva Roth“ hat dieselbe E-Mail-Adresse (sekretariat@example.org); nicht angelegt" in str(duplicate)


def test_organisations_import_and_form_share_the_rule():
    snapshot = _snapshot()
    for name, where in (("MUELLER-SCHULE", "Buende"), ("Müller-Schule", "Vlotho")):
        form_warns = bool(
            organisation_duplicates(snapshot, Organisation(name=name, municipality=where.replace("ue", "ü")))
        )
        table = parse_csv((f"Name;Art;Kommune\n{name};Schule;{where}\n", "UTF-8"))
        plan = plan_import("organisationen", table, snapshot)
        assert not plan.problems, plan.problems
        assert bool(plan.duplicates) == form_warns
    assert organisation_duplicates(snapshot, Organisation(name="MUELLER-SCHULE", municipality="Bünde"))
