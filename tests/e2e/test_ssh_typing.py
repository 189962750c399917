"""Item 1 of issue 17 over a real ssh connection: a meeting typed at 10 ms per key, with Tab
between the fields right after the key that opens the form, lands every field right, 20 of
20 times. (Before the keys were held in typing order, 10 ms gave 0 of 5.)"""

from __future__ import annotations

import time
from datetime import date
from datetime import time as clock
from functools import partial

from conftest import Terminal, checksum

from herford_tui.store import Store

RUNS = 20
PACE = 0.01
"""Seconds between two keys, as a quick typist over ssh (the issue's 10 ms)."""
DAY = date(2027, 2, 17)  # a Wednesday without holidays: no question before saving


def type_paced(term: Terminal, keys: list[tuple[str, bool]]) -> None:
    """Send each key on its own, ``PACE`` apart (text literally, names like Tab as keys).

    Through the terminal's tmux control-mode client: a ``tmux send-keys`` process per key spent
    more than the pace on starting up (so the keys came slower than 10 ms) and most of the test's time.
    """
    for key, literal in keys:
        assert "'" not in key  # quoted for tmux's command parser below
        term.control(f"send-keys -t {term.name} {'-l ' if literal else ''}'{key}'")
        time.sleep(PACE)  # the typing pace under test, not a wait for the app


def meeting_keys(run: int) -> list[tuple[str, bool]]:
    """``a`` opens the form on the date; then date Tab start Tab end Tab place Tab room.

    Short texts (8, 1-2, 4-5, 2-3, 2-3 keys): what is under test is each key right behind the
    ``a`` and behind each Tab, and that nothing lands in a neighbour's field; a longer text
    only took longer to type."""
    fields = [DAY.strftime("%d.%m.%y"), f"{run + 1}", f"{run + 1}.30", f"K{run}", f"R{run}"]
    keys: list[tuple[str, bool]] = [("a", True)]
    for i, text in enumerate(fields):
        if i:
            keys.append(("Tab", False))
        keys += [(ch, True) for ch in text]
    return keys


def _changed(db, before: str) -> bool:
    return checksum(db) != before


def test_a_meeting_typed_at_10_ms_per_key_over_ssh_lands_in_its_fields(sshd, terminal, command, tmp_path):
    port, userkey = sshd
    db = tmp_path / "db.json"
    remote = f"TERM=linux HOME={tmp_path} {command} --db {db} --open jahr"
    term = terminal(
        f"ssh -tt -p {port} -i {userkey} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
        f"-o LogLevel=ERROR root@127.0.0.1 '{remote}'"
    )
    term.wait_for("Neue Sitzung", timeout=40)  # the year grid has the focus: its keys are in the footer
    for run in range(RUNS):
        before = checksum(db)
        type_paced(term, meeting_keys(run))
        term.keys("C-s")
        term.wait_until(partial(_changed, db, before), f"Lauf {run + 1}: nicht gespeichert")
        term.wait_until_gone("Beginn")  # the form is closed: the next "a" reaches the grid
    meetings = sorted(Store(db).open().snapshot().meetings.values(), key=lambda m: m.start_time or clock())
    got = [(m.date, m.start_time, m.end_time, m.location, m.room) for m in meetings]
    wanted = [(DAY, clock(run + 1), clock(run + 1, 30), f"K{run}", f"R{run}") for run in range(RUNS)]
    assert got == wanted
