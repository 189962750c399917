"""What the CLI writes: only through ``printable``, quiet into a closed pipe, no change without consent.

- Hostile text (ESC, an OSC title sequence, BEL, NUL, CSI) in every field reaches no command's
  output raw, neither stdout nor stderr nor a prompt.
- The commands cannot bypass the one output function (checked in their source).
- A closed pipe (``herford-tui log | head -1``) ends quietly with the status of a pipe writer.
- ``restore``, ``person loeschen`` and a data-changing ``import`` refuse without a terminal unless
  ``--ja`` is given.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest
from click.testing import CliRunner

from herford_tui.cli import PIPE_CLOSED, main
from herford_tui.domain import AgendaItem, Meeting, MeetingAttendance, Membership, Organisation, Person
from herford_tui.store import Store

HOSTILE = "A\x1b]0;gekapert\x07B\x00C\x9b31mD\x1b[2JE\u202eF"
RAW = ("\x1b", "\x07", "\x00", "\x9b", "\u202e")
REPO = Path(__file__).resolve().parents[2]
COMMANDS = REPO / "herford_tui" / "commands"


@pytest.fixture
def hostile_db(tmp_path: Path) -> tuple[Path, int, str]:
    """A file whose every free text holds ``HOSTILE``, saved the ordinary way (so the log holds it too)."""
    path = tmp_path / "herford.json"
    store = Store(path).open()
    committee = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    committee = store.save(dataclasses.replace(committee, purpose=HOSTILE, rhythm_note=HOSTILE))
    org = store.save(Organisation(name=f"Schule {HOSTILE}", address=HOSTILE, notes=HOSTILE))
    fields = {"title": HOSTILE, "function": HOSTILE, "notes": HOSTILE}
    person = store.save(
        Person(given_name=f"Anna{HOSTILE}", family_name=f"Arg{HOSTILE}", email="anna@example.org", **fields)
    )
    person = store.save(dataclasses.replace(person, organisation_id=org.id, phone="0521 123"))
    store.save(
        Membership(
            person_id=person.id,
            committee_id=committee.id,
            seat_key=committee.seats[0].key,
            start=date(2025, 1, 1),
            notes=HOSTILE,
        )
    )
    item = AgendaItem(number="1", title=HOSTILE, notes=HOSTILE, minutes=HOSTILE, responsible_person_id=person.id)
    meeting = store.save(
        Meeting(
            committee_id=committee.id,
            date=date.today(),
            start_time=time(14, 0),
            location=HOSTILE,
            room=HOSTILE,
            notes=HOSTILE,
            minutes=HOSTILE,
            guests=[HOSTILE],
            agenda=[item],
        )
    )
    store.save(dataclasses.replace(meeting, attendance=[MeetingAttendance(person_id=person.id)]))
    # E-mail and phone as a hand edit or an old import could have left them (a save checks them)
    data = json.loads(path.read_text(encoding="utf-8"))
    for table in ("organisations", "persons"):
        for doc in data[table].values():
            doc["email"] = f"a{HOSTILE}@example.org"
            doc["phone"] = f"0521 {HOSTILE}"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path, person.id, committee.short_name or committee.name


def assert_clean(text: str, where: str) -> None:
    leaked = [repr(c) for c in RAW if c in text]
    assert not leaked, f"{where}: raw {leaked} in the output:\n{text!r}"


def outputs(runner: CliRunner, args: list[str], **kwargs) -> str:
    result = runner.invoke(main, args, **kwargs)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output + (result.stderr if result.stderr_bytes is not None else "")


def test_hostile_text_reaches_no_command_output_raw(
    runner: CliRunner, hostile_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path, person_id, committee = hostile_db
    db = ["--db", str(path)]
    calls = [
        ["log", *db],
        ["log", *db, "--person", str(person_id)],
        ["suche", *db, "Anna"],
        ["suche", *db, HOSTILE],
        ["termine", *db],
        ["person", "auskunft", str(person_id), *db],
        ["person", "auskunft", str(person_id), "--json", *db],
        ["export", "emails", *db, "--gremium", committee],
        ["export", "ics", *db, "--out", "-"],
        ["backups", *db],
        ["check", *db],
        ["export", "csv", "personen", *db, "--out", str(tmp_path / f"p{HOSTILE}.csv")],
        ["--db", str(tmp_path / f"nix{HOSTILE}.json"), "check"],
        ["suche", "--max", HOSTILE, "x"],
        [HOSTILE],
        ["auswertung", str(date.today().year), *db],
        ["auswertung", str(date.today().year), "--csv", *db],
        ["export", "vcard", *db, "--out", "-"],
        ["export", "csv", "personen", *db, "--out", "-"],
        ["export", "anwesenheit", "1", *db, "--out", str(tmp_path / "anwesenheit.csv")],
    ]
    for args in calls:
        assert_clean(outputs(runner, args), " ".join(args))
    disclosure = runner.invoke(main, calls[6])
    assert json.loads(disclosure.output)["person"]["title"] == HOSTILE  # still valid JSON, nothing lost
    for args in (calls[0], calls[5], calls[7]):  # the text is there, as visible stand-ins
        assert "\\x1b]0;gekapert\\x07B\\x00C\\x9b31m" in outputs(runner, args), args

    # the questions before a change show the name escaped as well (answered "no")
    monkeypatch.setattr("herford_tui.commands.common.has_terminal", lambda: True)
    before = path.read_bytes()
    assert_clean(outputs(runner, ["person", "loeschen", str(person_id), *db], input="n\n"), "person loeschen")
    assert path.read_bytes() == before

    # the import report quotes the file's text (a person with an unknown organisation)
    rows = f"Vorname;Nachname;Organisation\nX{HOSTILE};Y{HOSTILE};Z{HOSTILE}\n"
    csv_file = tmp_path / "personen.csv"
    csv_file.write_text(rows, encoding="utf-8")
    assert_clean(outputs(runner, ["import", "personen", str(csv_file), *db, "--dry-run"]), "import report")
    assert_clean(outputs(runner, ["import", "personen", str(csv_file), *db], input="n\n"), "import prompt")


def test_commands_write_only_through_the_one_output_function():
    """``commands/common.py:echo`` (and ``write_data``) run everything through ``printable``; a command
    that wrote with ``click.echo``, ``print`` or the streams directly could leak stored text raw."""
    direct = re.compile(r"\b(click\.(echo|secho|prompt|confirm)|print|sys\.std(out|err)\.(write|buffer)|input)\s*[(.]")
    offenders = []
    for file in sorted(COMMANDS.glob("*.py")):
        if file.name == "common.py":
            continue
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if direct.search(line):
                offenders.append(f"{file.name}:{number}: {line.strip()}")
    cli_source = (REPO / "herford_tui" / "cli.py").read_text(encoding="utf-8")
    for number, line in enumerate(cli_source.splitlines(), 1):
        if direct.search(line) and "printable_text(" not in line and not re.search(r'click\.echo\("[^"{]*"', line):
            offenders.append(f"cli.py:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def run_into_closed_pipe(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """The command with a standard output whose reader has already gone (as after ``head -1``)."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write now fails with EPIPE: no race with a reader
    try:
        return subprocess.run(
            [sys.executable, "-m", "herford_tui", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=REPO,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.fixture(scope="module")
def long_log_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once (151 saves, each checked): the tests copy it."""
    folder = tmp_path_factory.mktemp("long_log")
    store = Store(folder / "herford.json", backups=0).open()
    people = store.save_many([Person(given_name=f"Vorname{i}", family_name=f"Nachname{i}") for i in range(400)])
    for person in people[:150]:
        store.save(dataclasses.replace(person, phone="0521 123456", notes="x" * 200))
    return folder


@pytest.fixture
def long_log(long_log_folder: Path, tmp_path: Path) -> Path:
    """A file whose log prints far more than a pipe holds (so output breaks off mid-way)."""
    shutil.copytree(long_log_folder, tmp_path / "long_log")
    return tmp_path / "long_log" / "herford.json"


def test_a_closed_pipe_ends_quietly(long_log: Path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "HERFORD_TUI_DB": str(long_log)}
    for args in (["log"], ["termine"], ["suche", "Vorname1"], ["check"], ["backups"], ["--help"]):
        done = run_into_closed_pipe(args, env)
        assert done.stderr == b"", f"{args}: {done.stderr.decode()}"
        assert done.returncode == PIPE_CLOSED, args


def test_log_into_head_exits_0_without_a_message(long_log: Path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "HERFORD_TUI_DB": str(long_log)}
    command = f"{sys.executable} -m herford_tui log | head -1"
    done = subprocess.run(["sh", "-c", command], capture_output=True, env=env, cwd=REPO, timeout=120, check=False)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.count(b"\n") == 1


def test_restore_without_a_terminal_refuses(runner: CliRunner, store: Store):
    store.save(Person(given_name="Vor", family_name="Wiederherstellung"))
    store.save(Person(given_name="Nach", family_name="Wiederherstellung"))
    before = store.path.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "herford_tui", "restore", "1", "--db", str(store.path)],
        input=b"j\n",  # piped text is not a person's consent
        capture_output=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "--ja" in done.stderr.decode() and store.path.read_bytes() == before
    result = runner.invoke(main, ["restore", "1", "--db", str(store.path), "--ja"])
    assert result.exit_code == 0, result.output
    assert store.path.read_bytes() != before


def test_restore_at_a_terminal_asks_in_german(runner: CliRunner, store: Store, monkeypatch: pytest.MonkeyPatch):
    store.save(Person(given_name="Vor", family_name="Frage"))
    before = store.path.read_bytes()
    monkeypatch.setattr("herford_tui.commands.common.has_terminal", lambda: True)
    declined = runner.invoke(main, ["restore", "1", "--db", str(store.path)], input="n\n")
    assert "Sicherung 1 einspielen? [j/N]" in declined.output and "y/N" not in declined.output
    assert declined.exit_code == 1 and store.path.read_bytes() == before
    agreed = runner.invoke(main, ["restore", "1", "--db", str(store.path)], input="j\n")
    assert agreed.exit_code == 0, agreed.output
    assert store.path.read_bytes() != before


def test_import_that_changes_data_needs_consent(runner: CliRunner, store: Store, tmp_path: Path):
    csv_file = tmp_path / "orgs.csv"
    csv_file.write_text("Name;Art;Kommune\nNeue Schule;Schule;Herford\n", encoding="utf-8")
    before = store.path.read_bytes()
    refused = runner.invoke(main, ["import", "organisationen", str(csv_file), "--db", str(store.path)])
    assert refused.exit_code == 1 and "--ja" in refused.output and store.path.read_bytes() == before
    dry = runner.invoke(main, ["import", "organisationen", str(csv_file), "--db", str(store.path), "--dry-run"])
    assert dry.exit_code == 0 and store.path.read_bytes() == before
    done = runner.invoke(main, ["import", "organisationen", str(csv_file), "--db", str(store.path), "--ja"])
    assert done.exit_code == 0, done.output
    assert "Neue Schule" in {o.name for o in Store(store.path).snapshot().organisations.values()}
