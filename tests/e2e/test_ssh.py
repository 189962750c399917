"""The app over a real ssh connection on loopback, as staff use it on the shared server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from conftest import checksum

from herford_tui.store import Store

SSHD = Path("/usr/sbin/sshd")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sshd(tmp_path):
    if not SSHD.exists() or shutil.which("ssh") is None:
        pytest.skip("openssh-server/-client fehlt (apt-get install openssh-server; .ci/run installiert es)")
    if os.geteuid() != 0:
        pytest.skip("der Wegwerf-sshd braucht root (so läuft die CI)")
    keys = tmp_path / "ssh"
    keys.mkdir()
    for name in ("hostkey", "userkey"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True)
    authorized = keys / "authorized_keys"
    authorized.write_bytes((keys / "userkey.pub").read_bytes())
    authorized.chmod(0o600)
    Path("/run/sshd").mkdir(exist_ok=True)
    port = _free_port()
    config = keys / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'hostkey'}\n"
        f"AuthorizedKeysFile {authorized}\nPasswordAuthentication no\nStrictModes no\nUsePAM no\n"
        f"PidFile {keys / 'sshd.pid'}\nAcceptEnv TERM COLORTERM\n"
    )
    subprocess.run([str(SSHD), "-f", str(config), "-E", str(keys / "sshd.log")], check=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    try:
        yield port, keys / "userkey"
    finally:
        pid_file = keys / "sshd.pid"
        if pid_file.exists():
            subprocess.run(["kill", pid_file.read_text().strip()], check=False)


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
