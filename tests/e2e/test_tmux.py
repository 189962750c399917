"""The real command in a real terminal at 80x24: start, navigate, edit, quit; kill mid-use."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

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
    term.keys("C-s")
    # The typed name shows in the form too: wait until the form has closed (saved), else a
    # busy machine gets the "q" while the form still has the focus and it lands in a field.
    term.wait_until_gone("Nachname")
    term.wait_for("Erika Beispiel")
    term.keys("q")
    deadline = time.monotonic() + 10
    while term.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not term.alive(), "q beendet das Programm nicht"
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
    term.wait_for("Landrat")
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
    deadline = time.monotonic() + 10
    while term.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert json.loads(db.read_text(encoding="utf-8")) == before  # nothing half-written
    assert Store(db).open().snapshot().committees  # and it still opens
