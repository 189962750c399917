"""Every word the CLI writes is German, click's own included: help, usage lines, wrong calls.

The test walks every command (also those loaded lazily and the subcommands of ``export`` and
``person``), reads its ``--help`` and makes the typical mistakes (a missing argument, a word where
a number belongs, an unknown command or option); any English word from click fails it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from herford_tui import cli_german
from herford_tui.cli import main

ENGLISH = re.compile(
    r"\b(Usage|Error|Options|Commands|Arguments|Missing|Invalid|invalid|value|valid|not|such|command|option|"
    r"argument|arguments|Choose|from|Did|mean|default|required|Aborted|Try|help|Show|message|exit|integer|range|"
    r"one of|Got|unexpected|extra|is|does|COMMAND|ARGS|OPTIONS|INTEGER|TEXT|FLOAT|PATH|FILENAME|BOOLEAN|y/N)\b"
)


def english_words(text: str) -> list[str]:
    """English words outside of option names (``--help``, ``--dry-run`` are names, not words)."""
    words = " ".join(token for token in text.split() if not token.lstrip("[('„").startswith("-"))
    return ENGLISH.findall(words)


def all_commands() -> Iterator[tuple[list[str], click.Command]]:
    ctx = click.Context(main)

    def walk(path: list[str], command: click.Command) -> Iterator[tuple[list[str], click.Command]]:
        yield path, command
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, name
                yield from walk([*path, name], sub)

    yield from walk([], main)


COMMANDS = list(all_commands())


def ids(item: tuple[list[str], click.Command]) -> str:
    return " ".join(item[0]) or "herford-tui"


@pytest.mark.parametrize("item", COMMANDS, ids=ids)
def test_help_is_german_and_whole(runner: CliRunner, item):
    path, _command = item
    result = runner.invoke(main, [*path, "--help"], prog_name="herford-tui")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Aufruf: herford-tui"), result.output
    assert not english_words(result.output), result.output
    assert "..." not in result.output.replace("[ARGUMENTE]...", ""), f"a help line is cut:\n{result.output}"


def wrong_calls(path: list[str], command: click.Command) -> Iterator[list[str]]:
    yield [*path, "--gibt-es-nicht"]
    if isinstance(command, click.Group):
        yield [*path, "gibtesnicht"]
        return
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    if any(a.required for a in arguments):
        yield path  # an argument missing
    for param in command.params:
        if isinstance(param.type, click.types._NumberParamTypeBase):
            given = ["x"] * len(arguments) if isinstance(param, click.Argument) else [param.opts[0], "x"]
            yield [*path, *given]


CALLS = [call for path, command in COMMANDS for call in wrong_calls(path, command)]


@pytest.mark.parametrize("args", CALLS, ids=lambda args: " ".join(args) or "herford-tui")
def test_wrong_calls_are_answered_in_german(runner: CliRunner, args: list[str]):
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Fehler:" in result.output or "Aufruf:" in result.output, result.output
    assert not english_words(result.output), result.output


def test_the_typical_mistakes_read_as_expected(runner: CliRunner):
    assert "Fehler: Es fehlt das Argument 'SUCHBEGRIFF'." in runner.invoke(main, ["suche"]).output
    assert "Fehler: Den Befehl gibtesnicht gibt es nicht." in runner.invoke(main, ["gibtesnicht"]).output
    out = runner.invoke(main, ["restore", "x"]).output
    assert "Ungültiger Wert für 'NR': „x“ ist keine gültige Zahl." in out
    out = runner.invoke(main, ["termine", "--tage", "zwei"]).output
    assert "„zwei“ ist keine gültige Zahl." in out and "range" not in out
    usage = runner.invoke(main, ["--help"], prog_name="herford-tui").output
    assert "Aufruf: herford-tui [OPTIONEN] [BEFEHL] [ARGUMENTE]..." in usage


def test_a_help_line_is_not_cut_at_an_abbreviation(runner: CliRunner):
    out = runner.invoke(main, ["--help"]).output
    assert "Auskunft über eine Person (Art. 15 DSGVO) oder ihre Daten löschen" in " ".join(out.split())


def test_aborted_is_german(runner: CliRunner):
    @click.command(cls=click.Command)
    def asks() -> None:
        raise click.Abort()

    main.add_command(asks, "probe-abbruch")
    try:
        result = runner.invoke(main, ["probe-abbruch"])
    finally:
        main.commands.pop("probe-abbruch")
    assert result.exit_code == 1 and "Abgebrochen." in result.output and "Aborted" not in result.output


def test_every_message_click_marks_has_a_german_entry():
    """A click update with new messages fails here instead of speaking English to the staff."""
    import glob
    import os

    source = "".join(
        open(f, encoding="utf-8").read()  # noqa: SIM115
        for f in glob.glob(os.path.join(os.path.dirname(click.__file__), "*.py"))
        if not f.endswith(("_winconsole.py", "shell_completion.py", "_compat.py"))
    )
    marked = {m.encode().decode("unicode_escape") for m in re.findall(r'\b_\(\s*"([^"]+)"\s*\)', source)}
    assert marked - {"d"} <= set(cli_german.GERMAN), sorted(marked - set(cli_german.GERMAN) - {"d"})
    plural = set(re.findall(r'ngettext\(\s*"([^"]+)"', source))
    assert plural <= set(cli_german.GERMAN_PLURAL), sorted(plural - set(cli_german.GERMAN_PLURAL))


def test_counts_have_german_digit_grouping_written_once():
    from pathlib import Path

    from herford_tui.domain.directory import count_text
    from herford_tui.domain.labels import number

    assert [number(n) for n in (0, 999, 3000, 1234567)] == ["0", "999", "3.000", "1.234.567"]
    assert count_text(3000, "Person", "Personen") == "3.000 Personen"
    package = Path(__file__).resolve().parents[2] / "herford_tui"
    grouping = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if ':,}".replace' in path.read_text(encoding="utf-8") and path.name != "labels.py"
    ]
    assert not grouping, f"digit grouping outside domain/labels.py:number: {grouping}"
