"""The app over a real ssh connection on loopback, as staff use it on the shared server."""

from __future__ import annotations

from conftest import checksum

from herford_tui.store import Store


def test_roster_lookup_and_edit_over_ssh(sshd, terminal, command, tmp_path):
    port, userkey = sshd
    db = tmp_path / "db.json"
    remote = f"TERM=linux HOME={tmp_path} {command} --db {db} --open lenkungskreis"
    term = terminal(
        f"ssh -tt -p {port} -i {userkey} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
        f"-o LogLevel=ERROR root@127.0.0.1 '{remote}'"
    )
    term.wait_for("a Neu", timeout=40)  # the roster has the focus: "a" reaches it
    term.keys("a")
    term.wait_for("Mitglied hinzufügen")
    term.type("Max Fernzugriff")
    term.wait_for("Neue Person anlegen")
    term.keys("Enter")
    term.wait_for("Nachname")
    before = checksum(db)
    term.keys("C-s")
    term.wait_until(lambda: checksum(db) != before, "Datei nicht gespeichert")
    term.wait_until_gone("Mitglied hinzufügen")
    term.keys("q")
    term.wait_until_gone("Landrat", timeout=20)
    names = {p.full_name for p in Store(db).open().snapshot().persons.values()}
    assert "Max Fernzugriff" in names
