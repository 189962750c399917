"""Races the revision check alone does not cover: a delete meeting a colleague's edit, and two
colleagues adding the same new person at once. Each colleague is a separate process."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from herford_tui.domain import Committee, Membership, Organisation, Person, Seat, ValidationError
from herford_tui.domain.duplicates import Confirmed, LikelyDuplicateError
from herford_tui.store import ConflictError, DeleteConflictError, InUseError, Store

REPO = Path(__file__).resolve().parents[2]


def child_env() -> dict[str, str]:
    """The test's environment now (a test may have set the colleague's name), with this checkout."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def colleague(code: str, *args: object) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def membership(empty_store: Store) -> Membership:
    committee = empty_store.save(
        Committee(name="Lenkungskreis", seats=[Seat(key="schulen", label="Schulen", count=None)])
    )
    person = empty_store.save(Person(given_name="Anna", family_name="Beispiel"))
    return empty_store.save(
        Membership(person_id=person.id, committee_id=committee.id, seat_key="schulen", start=date(2024, 1, 1))
    )


EDIT_MEMBERSHIP = """
import dataclasses, sys
from herford_tui.domain import Membership
from herford_tui.store import Store
store = Store(sys.argv[1]).open()
current = store.get(Membership, int(sys.argv[2]))
print(store.save(dataclasses.replace(current, notes="vom Kollegen", seat_key="schulen")).rev)
"""


def test_delete_meeting_a_colleagues_edit_keeps_the_edit(
    empty_store: Store, db_path: Path, membership: Membership, monkeypatch
):
    monkeypatch.setenv("HERFORD_TUI_BENUTZER", "Kollegin Kern")  # the colleague's process inherits it
    assert colleague(EDIT_MEMBERSHIP, db_path, membership.id) == "2"
    before = db_path.read_bytes()

    with pytest.raises(DeleteConflictError) as info:
        empty_store.delete(membership)

    conflict = info.value
    assert isinstance(conflict, ConflictError)  # a UI that knows only edit conflicts still stops
    assert isinstance(conflict.theirs, Membership)
    assert conflict.theirs.notes == "vom Kollegen" and conflict.theirs.rev == 2
    assert conflict.changed == ["notes"]
    assert str(conflict) == (
        "Kollegin Kern hat diesen Eintrag inzwischen geändert (Version 2, Ihre Vorlage war Version 1). "
        "Geändert: Notizen. Nichts wurde gelöscht."
    )
    assert db_path.read_bytes() == before  # nothing deleted, nothing reverted
    assert empty_store.get(Membership, membership.id).notes == "vom Kollegen"


def test_delete_anyway_deletes_the_colleagues_version(empty_store: Store, db_path: Path, membership: Membership):
    colleague(EDIT_MEMBERSHIP, db_path, membership.id)
    deleted = empty_store.delete(membership, force=True)
    assert deleted.rev == 2 and deleted.notes == "vom Kollegen"
    assert str(membership.id) not in json.loads(db_path.read_bytes())["memberships"]


def test_delete_anyway_still_respects_references(empty_store: Store, db_path: Path, membership: Membership):
    person = empty_store.get(Person, membership.person_id)
    colleague(
        "import dataclasses, sys\nfrom herford_tui.domain import Person\nfrom herford_tui.store import Store\n"
        "s = Store(sys.argv[1]).open()\ns.save(dataclasses.replace(s.get(Person, int(sys.argv[2])), notes='x'))",
        db_path,
        person.id,
    )
    with pytest.raises(InUseError):
        empty_store.delete(person, force=True)
    assert empty_store.get(Person, person.id).notes == "x"


@pytest.mark.parametrize("force", [False, True])
def test_delete_of_a_record_a_colleague_deleted_says_so(
    empty_store: Store, db_path: Path, membership: Membership, force, monkeypatch
):
    monkeypatch.setenv("HERFORD_TUI_BENUTZER", "Kollegin Kern")  # who deletes it, as the log names her
    Store(db_path).open().delete(membership)
    monkeypatch.delenv("HERFORD_TUI_BENUTZER")
    before = db_path.read_bytes()
    with pytest.raises(DeleteConflictError, match="inzwischen von Kollegin Kern gelöscht") as info:
        empty_store.delete(membership, force=force)
    assert info.value.theirs is None
    assert db_path.read_bytes() == before


NEW_PERSON = """
import sys
from herford_tui.domain import Person, ValidationError
from herford_tui.store import Store
store = Store(sys.argv[1]).open()
store.snapshot()  # the form was opened: each colleague saw no Erika yet
print("ready", flush=True)
assert sys.stdin.readline() == "go\\n"
try:
    saved = store.save(Person(given_name="Erika", family_name=sys.argv[2]))
    print("saved", saved.id, flush=True)
except ValidationError as exc:
    print("refused", exc, flush=True)
"""


def test_colleagues_adding_the_same_person_at_once_give_one_person(empty_store: Store, db_path: Path):
    spellings = ["Doppelgaenger", "Doppelgänger", "doppelgänger", "DOPPELGAENGER"]  # one name to match_key
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", NEW_PERSON, str(db_path), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        for name in spellings
    ]
    try:
        for p in procs:
            assert p.stdout is not None and p.stdout.readline() == "ready\n"
        for p in procs:  # all at once
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        outcomes = [p.communicate(timeout=60)[0].strip() for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    saved = [o for o in outcomes if o.startswith("saved")]
    refused = [o for o in outcomes if o.startswith("refused")]
    assert len(saved) == 1 and len(refused) == 3, outcomes
    for message in refused:  # none of them confirmed a duplicate: the lock lets one through
        assert "Nachname: Möglicherweise doppelt: „Erika" in message and "(gleicher Name, Nr. 1)" in message
    persons = empty_store.snapshot().persons
    assert len(persons) == 1


def test_namesakes_are_allowed_likely_duplicates_need_a_confirmation(empty_store: Store):
    first = empty_store.save(Person(given_name="Jürgen", family_name="Müller"))
    # The same folded name, no organisation on either: a likely duplicate, refused unconfirmed.
    with pytest.raises(LikelyDuplicateError, match="Möglicherweise doppelt: „Jürgen Müller“") as caught:
        empty_store.save(Person(given_name="Juergen", family_name="Mueller"))
    assert caught.value.twins == [first]
    twin = empty_store.save(Person(given_name="Juergen", family_name="Mueller"), confirmed=Confirmed.of([first]))
    # A namesake at another organisation is no likely duplicate.
    org = empty_store.save(Organisation(name="Schule am Wall", municipality="Herford"))
    third = empty_store.save(Person(given_name="Jürgen", family_name="Müller", organisation_id=org.id))
    # Only name, organisation and e-mail ask again: the phone of a person with a namesake saves.
    assert empty_store.save(dataclasses.replace(twin, phone="05221 1234")).rev == 2
    with pytest.raises(LikelyDuplicateError):
        empty_store.save(dataclasses.replace(third, organisation_id=None))
    # The same e-mail is a likely duplicate whatever the name.
    mailed = empty_store.save(dataclasses.replace(third, email="j.mueller@example.org"))
    with pytest.raises(LikelyDuplicateError, match="gleiche E-Mail"):
        empty_store.save(Person(given_name="Anna", family_name="Xu", email="J.Mueller@example.org"))
    # Confirming one duplicate does not confirm another one.
    with pytest.raises(LikelyDuplicateError):
        empty_store.save(
            Person(given_name="Jürgen", family_name="Müller", email="j.mueller@example.org"),
            confirmed=Confirmed.of([first]),
        )
    # In one save_all, the second of two equal new persons is refused: nothing written.
    with pytest.raises(ValidationError):
        empty_store.save_all([Person(given_name="Eva", family_name="Neu"), Person(given_name="Eva", family_name="Neu")])
    assert len(empty_store.snapshot().persons) == 3 and mailed.id == third.id


def test_organisations_in_the_same_municipality_are_likely_duplicates(empty_store: Store):
    first = empty_store.save(Organisation(name="Müller-Schule", municipality="Bünde"))
    empty_store.save(Organisation(name="Müller-Schule", municipality="Enger"))  # another place: fine
    with pytest.raises(LikelyDuplicateError, match=r"„Müller-Schule“ \(Bünde, Nr. 1\)"):
        empty_store.save(Organisation(name="Mueller-Schule", municipality="Bünde"))
    empty_store.save(Organisation(name="Mueller-Schule", municipality="Bünde"), confirmed=Confirmed.of([first]))
