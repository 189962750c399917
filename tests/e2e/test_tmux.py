"""The real command in a real terminal at 80x24: start, navigate, edit, quit; kill mid-use."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from datetime import date

from conftest import checksum

from herford_tui.domain import Membership, Person, Role
from herford_tui.store import Store


def test_add_member_in_a_terminal_and_quit(terminal, command, tmp_path):
    db = tmp_path / "db.json"
    term = terminal(f"TERM=xterm-256color {command} --db {db} --open lenkungskreis")
    term.wait_for("Landrat")
    screen = term.wait_for("a Neu")  # the roster has the focus, its keys are in the footer
    assert "Lenkungskreis" in screen and "q Beenden" in screen
    term.keys("a")
    term.wait_for("Mitglied hinzufügen")
    term.type("Erika Beispiel")
    term.wait_for("Neue Person anlegen")
    term.keys("Enter")
    term.wait_for("Nachname")
    before = checksum(db)
    term.keys("C-s")
    # Only the save can change the file, only its end can close the form; "Erika Beispiel"
    # was on screen already (in the form), so waiting for it let "q" land in the form.
    term.wait_until(lambda: checksum(db) != before, "Datei nicht gespeichert")
    term.wait_until_gone("Mitglied hinzufügen")
    term.keys("q")
    assert term.wait_until_ended(), "q beendet das Programm nicht"
    snapshot = Store(db).open().snapshot()
    names = {p.full_name for p in snapshot.persons.values()}
    assert "Erika Beispiel" in names
    (membership,) = snapshot.memberships.values()
    assert membership.seat_key == "landrat"


def test_unknown_view_gives_german_error(command, tmp_path):
    result = subprocess.run(
        [str(command), "--db", str(tmp_path / "db.json"), "--open", "gibtsnicht"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Unbekannte Ansicht" in result.stderr and "lenkungskreis" in result.stderr


def test_killed_app_leaves_the_file_intact(terminal, command, tmp_path):
    db = tmp_path / "db.json"
    term = terminal(f"{command} --db {db} --open lenkungskreis")
    term.wait_for("a Neu")  # the roster has the focus: "a" reaches it
    before = json.loads(db.read_text(encoding="utf-8"))
    term.keys("a")
    term.wait_for("Mitglied hinzufügen")
    term.type("Halb Fertig")
    pid = int(
        subprocess.run(
            [*term.tmux, "list-panes", "-t", term.name, "-F", "#{pane_pid}"], capture_output=True, text=True, check=True
        ).stdout.split()[0]
    )
    os.kill(pid, signal.SIGKILL)
    term.wait_until_ended()
    assert json.loads(db.read_text(encoding="utf-8")) == before  # nothing half-written
    assert Store(db).open().snapshot().committees  # and it still opens


HOSTILE = "Sommer [/b]\x1b]0;HACK\x07\x1b[2J"
SHOWN = "Sommer [/b]\\x1b]0;HACK\\x07\\x1b[2J"  # as the app shows it: visible escapes


def test_hostile_name_is_shown_literally_and_never_reaches_the_terminal(terminal, command, tmp_path):
    """A name with markup and terminal escapes: p, e, Entf and the search on that person work;
    the name is shown literally, no escape of ours reaches the terminal, the title stays."""
    db = tmp_path / "db.json"
    store = Store(db).open()
    lk = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    person = store.save(Person(given_name="Petra", family_name=HOSTILE))
    store.save(
        Membership(
            person_id=person.id, committee_id=lk.id, seat_key="landrat", role=Role.VORSITZ, start=date(2025, 1, 1)
        )
    )
    term = terminal(f"TERM=xterm-256color {command} --db {db} --open lenkungskreis")
    term.wait_for("a Neu")
    title = term.title()
    assert "HACK" not in title
    term.wait_for(SHOWN)  # in the detail below the roster: the whole name, escapes made visible

    def no_raw_escape() -> None:
        raw = term.screen(escapes=True)
        assert "\x1b]0;" not in raw and "\x07" not in raw and "\x1b[2J" not in raw
        assert term.title() == title

    for key, opened in (("p", "Person bearbeiten"), ("e", "Mitgliedschaft bearbeiten"), ("DC", "Mitgliedschaft von")):
        term.keys(key)
        screen = term.wait_for(opened)
        assert "Sommer [/b]" in screen, key
        no_raw_escape()
        term.keys("Escape")
        term.wait_until_gone(opened)
    shown_before = term.screen().count(SHOWN)  # the detail below the roster
    term.keys("C-f")
    term.wait_for("Suchen:")
    term.type("Sommer")
    # the hit in the palette: the name once more, literally (not parsed as markup)
    term.wait_until(lambda: term.screen().count(SHOWN) > shown_before, "kein Suchtreffer")
    no_raw_escape()
    term.keys("Escape")
    term.wait_until(lambda: term.screen().count(SHOWN) == shown_before, "Suche nicht geschlossen")
    assert term.alive()
    no_raw_escape()
    assert Store(db).open().snapshot().persons[person.id].family_name == HOSTILE  # stored as typed
