"""Minutes holding an OSC title sequence, in a real terminal: every byte the app writes is
recorded with tmux ``pipe-pane``; the sequence must not be among them, the pane title stays."""

from __future__ import annotations

import subprocess
from datetime import date, time

from herford_tui.domain import AgendaItem, Meeting
from herford_tui.store import Store

HOSTILE = "Protokoll \x1b]0;GEKAPERT\x07 Ende"
SHOWN = "Protokoll \\x1b]0;GEKAPERT\\x07 Ende"


def test_hostile_minutes_never_reach_the_terminal(terminal, command, tmp_path):
    db = tmp_path / "db.json"
    store = Store(db).open()
    lk = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    store.save(
        Meeting(
            committee_id=lk.id,
            date=date.today(),
            start_time=time(14),
            location="Minutenhaus",
            minutes=HOSTILE,
            agenda=[AgendaItem("1", "Haushalt", minutes=HOSTILE)],
        )
    )
    recording = tmp_path / "pane.bytes"
    term = terminal(f"TERM=xterm-256color {command} --db {db} --open lenkungskreis")
    subprocess.run([*term.tmux, "pipe-pane", "-o", "-t", term.name, f"cat >> {recording}"], check=True)
    term.wait_for("Beenden")
    title = term.title()

    term.keys("C-f")
    term.wait_for("Suchen:")
    term.type("Minutenhaus")
    term.wait_until(lambda: term.screen().count("Minutenhaus") >= 2, "kein Suchtreffer")
    term.keys("Enter")  # the hit leads to the year view
    term.wait_for("Sitzungen 20")
    term.keys("l")  # the list of meetings around today; today's is selected
    # "Minutenhaus" may be on screen before "l" takes effect (the grid's detail line of the hit):
    # wait for the list's own column heads with it, or Enter could reach the grid
    term.wait_until(lambda: all(word in term.screen() for word in ("Datum", "Zeit", "Minutenhaus")), "keine Liste")
    term.keys("Enter")
    term.wait_for(SHOWN)  # the meeting screen: the minutes, escapes made visible
    term.keys("p")  # the minutes form (a TextArea)
    term.wait_for("Protokoll der Sitzung")
    term.wait_until(lambda: term.screen().count(SHOWN) >= 1, "Protokoll nicht im Formular")
    term.keys("Escape")
    term.wait_until_gone("Protokoll der Sitzung")
    assert term.alive()

    written = recording.read_bytes()
    assert written, "pipe-pane recorded nothing"
    assert b"\x1b]0;GEKAPERT" not in written and b"GEKAPERT\x07" not in written
    assert term.title() == title
    assert Store(db).open().snapshot().meetings[1].minutes == HOSTILE  # stored as it was
