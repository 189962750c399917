"""Search in a meeting, over a real ssh connection at 80x24: an umlaut name typed without umlauts.

Started in the year overview; "/" opens the search, "mueller juergen" finds Jürgen Müller, Enter
opens his page (his Lenkungskreis membership), "e" his form, Esc closes it, q quits.
Checked on the screen at every step and on the file at the end (a look-up writes nothing).
Both the xterm and the Linux console terminal types.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from herford_tui.domain import Membership, Person
from herford_tui.store import Store


def _database(path: Path) -> None:
    store = Store(path).open()
    snapshot = store.snapshot()
    lk = next(c.id for c in snapshot.committees.values() if c.name == "Lenkungskreis")
    schulamt = next(o.id for o in snapshot.organisations.values() if o.name.startswith("Schulamt"))
    person = store.save(
        Person(given_name="Jürgen", family_name="Müller", function="Schulrat", organisation_id=schulamt)
    )
    store.save(
        Membership(person_id=person.id, committee_id=lk, seat_key="untere_schulaufsicht", start=date(2025, 1, 1))
    )
    store.save(Person(given_name="Karl", family_name="Mueller-Lange", function="Referent"))


@pytest.mark.parametrize("term_type", ["xterm-256color", "linux"])
def test_search_umlaut_name_jump_and_open_over_ssh(sshd, terminal, command, tmp_path, term_type):
    port, userkey = sshd
    db = tmp_path / "db.json"
    _database(db)
    before = db.read_bytes()
    remote = f"TERM={term_type} HOME={tmp_path} {command} --db {db} --open jahr"
    term = terminal(
        f"ssh -tt -p {port} -i {userkey} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
        f"-o LogLevel=ERROR root@127.0.0.1 '{remote}'"
    )
    term.wait_for("Sitzungen 20", timeout=40)  # the year overview
    term.keys("/")
    term.wait_for("Suchen:")
    term.type("mueller juergen")
    # The list follows each key: after "mueller" both men are listed, so wait for the state only
    # the whole query gives ("juergen" rules out Karl), not for Jürgen alone.
    term.wait_until(
        lambda: "Jürgen Müller" in (shown := term.screen()) and "Mueller-Lange" not in shown,
        "only Jürgen Müller listed",
    )
    assert "Schulrat" in term.screen()
    term.keys("Enter")
    term.wait_for("Mitgliedschaften:")  # his page: only it names his memberships this way
    assert "Lenkungskreis" in term.screen()
    term.keys("e")
    term.wait_for("Person bearbeiten – Jürgen Müller")  # the form's title: only "e" brings it
    term.keys("Escape")
    term.wait_until_gone("Person bearbeiten")
    term.keys("q")
    term.wait_until_gone("Mitgliedschaften:", timeout=20)
    assert db.read_bytes() == before  # looking up writes nothing
