"""Shared pieces of the CLI commands: opening the store, progress bars, German dates."""

from __future__ import annotations

import contextlib
import socket
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, Protocol

import click

if TYPE_CHECKING:  # the store (domain, TinyDB, filelock) only when a command opens it: --help stays fast
    from herford_tui.store import Store


class Progress(Protocol):
    def update(self, n_steps: int) -> None: ...


class _Silent:
    def update(self, n_steps: int) -> None:
        """Piped output: nothing extra."""


@contextlib.contextmanager
def progress(length: int, label: str, *, minimum: int = 200) -> Iterator[Progress]:
    """A progress bar on stderr when it is a terminal and the work is long; silent otherwise."""
    if length < minimum or not sys.stderr.isatty():
        yield _Silent()
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar


class NameCommand(click.Command):
    """A command with an option whose value is a name (``--gremium NAME``). A name of two words
    typed without quotes (``--gremium AK 1``) leaves its second word over: click's "unexpected
    extra argument" then says how to quote it, with what was typed (``--gremium "AK 1"``). Other
    commands keep click's message alone (``person 12 13`` is no name to quote)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        strict = not ctx.allow_extra_args
        ctx.allow_extra_args = True  # the extra words are kept in ctx.args, to be named below
        try:
            rest = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = not strict
        if strict and ctx.args and not ctx.resilient_parsing:
            from herford_tui.cli_german import ngettext

            extra = " ".join(ctx.args)
            singular, plural = "Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"
            message = ngettext(singular, plural, len(ctx.args)).format(args=extra)
            ctx.fail(message + _quoted_name_hint(self, ctx, extra))
        return rest


def _quoted_name_hint(command: click.Command, ctx: click.Context, extra: str) -> str:
    """' (Namen mit Leerzeichen in Anführungszeichen: --gremium "AK 1")' for the name option given
    before the extra words; empty when none was given (the extra words belong to no name)."""
    from click.core import ParameterSource

    for param in command.params:
        value = ctx.params.get(param.name or "")
        if (
            isinstance(param, click.Option)
            and param.metavar == "NAME"
            and isinstance(value, str)
            and ctx.get_parameter_source(param.name or "") is ParameterSource.COMMANDLINE
        ):
            option = max(param.opts, key=len)
            return f' (Namen mit Leerzeichen in Anführungszeichen: {option} "{value} {extra}")'
    return ""


def fail(message: str, code: int = 2) -> NoReturn:
    echo(f"Fehler: {message}", err=True)
    sys.exit(code)


def db_path(db: str | None) -> Path:
    """``--db`` of the command, else ``--db`` given before it (``herford-tui --db X import …``)."""
    from herford_tui.cli import command_db

    return command_db(db)


def open_store(path: Path, *, create: bool = False, read_only: bool = False) -> Store:
    """The store on ``path``; a missing file is created from the seed only with ``create``.

    ``read_only`` for commands that only read (exports, log): an old file is upgraded in memory only.
    """
    from herford_tui.store import Store, StoreError

    if not create and not path.exists():
        fail(f"Die Datenbank {path} gibt es nicht.")
    try:
        return Store(path, read_only=read_only).open()
    except StoreError as exc:
        fail(str(exc))


def german_date(text: str | None, default: date | None = None) -> date | None:
    from herford_tui.domain.labels import parse_date

    if not text:
        return default
    try:
        return parse_date(text)
    except ValueError as exc:
        try:
            return date.fromisoformat(text)
        except ValueError:
            fail(str(exc))


def echo(text: object = "", *, err: bool = False, nl: bool = True) -> None:
    """The one way a command writes text for a person: through ``domain/text.py:printable``.

    Stored text (a name, minutes, an e-mail address) can hold terminal escapes; here they become
    visible stand-ins such as ``\\x1b``. Line breaks stay. Commands never call ``click.echo`` or
    ``print`` themselves (``tests/unit/test_cli_output.py`` checks the source).
    """
    from herford_tui.cli import printable_text

    click.echo(printable_text(str(text)), err=err, nl=nl)


STDOUT = "-"
"""``--out -``: the standard output (the usual convention), never a file named "-"."""

BOM = "\ufeff"


def is_stdout(out: str | None) -> bool:
    return out == STDOUT


def write_stdout(data: bytes, *, binary: bool = False) -> None:
    """An export asked for with ``--out -``: a text file through ``write_data``; a binary one
    (XLSX, PDF, DOCX) as it is into a pipe or file, refused on a terminal (it would show garbage
    and could drive the terminal)."""
    if not binary:
        write_data(data)
        return
    if sys.stdout.isatty():
        fail("Eine Binärdatei lässt sich nicht im Terminal ausgeben; bitte umleiten (> DATEI oder | …).")
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def write_data(data: bytes) -> None:
    """A whole file (ICS, CSV) on the standard output: its line endings kept, control characters
    inside a line shown as stand-ins, so an export piped to the terminal cannot drive it. A
    leading byte order mark (CSV for Excel) stays as it is: piped into a file, it is the same file."""
    from herford_tui.domain.text import printable

    text = data.decode("utf-8", errors="replace")
    if text.startswith(BOM):
        sys.stdout.buffer.write(BOM.encode("utf-8"))
        text = text[1:]
    lines = text.splitlines(keepends=True)
    safe = []
    for line in lines:
        body = line.rstrip("\r\n")
        safe.append(printable(body) + line[len(body) :])
    sys.stdout.buffer.write("".join(safe).encode("utf-8"))


def has_terminal() -> bool:
    """Whether a person can answer a question (standard input is a terminal, not a pipe or file)."""
    return sys.stdin.isatty()


def confirm(question: str, *, yes: bool) -> bool:
    """A German yes/no question before a change that cannot be undone (j/ja or n/nein).

    ``yes`` (``--ja``) answers it. Without a terminal there is nobody to ask: the command refuses
    (exit 1, as when the answer is no) instead of taking piped text or no answer as consent, so a script says ``--ja``.
    Anything but a yes counts as no.
    """
    if yes:
        return True
    if not has_terminal():
        fail("Ohne Terminal kann niemand zustimmen; nichts geändert. Zum Ausführen --ja angeben.", 1)
    echo(f"{question} [j/N] ", err=True, nl=False)
    try:
        answer = sys.stdin.readline()
    except (EOFError, KeyboardInterrupt):
        answer = ""
    return answer.strip().casefold() in ("j", "ja", "y", "yes")


def number(value: int) -> str:
    """A count with German digit grouping (3.000), as ``domain/labels.py:number`` writes it."""
    from herford_tui.domain.labels import number as german_number

    return german_number(value)


def json_text(data: object) -> str:
    """``data`` as indented JSON that ``echo`` leaves as it is and any JSON reader still reads:
    umlauts stay readable, every character ``printable`` would replace becomes a ``\\uXXXX``
    escape (its ``\\x9b`` stand-in would not be valid JSON)."""
    import json

    from herford_tui.domain.text import printable

    text = json.dumps(data, ensure_ascii=False, indent=2)
    out = []
    for char in text:
        if char == "\n" or printable(char) == char:
            out.append(char)
        else:  # inside a string: JSON escapes control characters already, this catches the rest
            units = char.encode("utf-16-be")
            out.extend(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))
    return "".join(out) + "\n"


def command_database() -> Path:
    """The database of the command running now (its ``--db``, else the one given before it)."""
    from herford_tui.cli import command_db

    return command_db(click.get_current_context().params.get("db"))


def write_export(path: Path, payload: bytes, **options: object) -> None:
    """Write a file for the user (an export, a document) and note it beside the command's database
    (``store/written.py``: the DSGVO Auskunft and erasure name it); raises as ``write_atomic``.
    A note that cannot be written is said on stderr."""
    from herford_tui.store.written import write_recorded

    warning = write_recorded(command_database(), path, payload, **options)
    if warning:
        echo(f"Hinweis: {warning}", err=True)


def write_out(path: Path, payload: bytes, force: bool) -> None:
    """Write a file for the user (``write_export``, mode 0660) or stop with the German reason:
    the one wording of every command that writes an export or a document."""
    from herford_tui.exchange.tabular import FILE_MODE

    try:
        write_export(path, payload, mode=FILE_MODE, overwrite=force)
    except OSError as exc:
        write_failed(path, exc)


def write_failed(path: Path, exc: OSError) -> NoReturn:
    """Stop a command whose file was not written: there already (without ``--force``), or the
    system's reason in German (else a vanished temporary file and "neu starten" would be said)."""
    from herford_tui.store.errors import not_written, target_problem

    if path.is_dir():  # --force would not help: a file name is missing
        fail(target_problem(path) or not_written(path, exc))
    if isinstance(exc, FileExistsError):  # no question here: the flag is the answer
        fail(f"{path} gibt es schon und bleibt unverändert. Mit --force überschreiben.")
    fail(not_written(path, exc))


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` and listening, for the servers (``oparl``, ``web``); a
    port in use or an address this machine lacks stops the command in German before anything
    says where to connect."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)  # from here on a request waits for the server instead of being refused
    except (OSError, OverflowError) as exc:
        sock.close()
        from herford_tui.store.errors import os_reason

        reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        fail(f"{host}:{port} lässt sich nicht öffnen ({reason}).")
    return sock


def count_text(n: int, one: str, many: str) -> str:
    """``domain.directory.count_text`` ("1 Zeile", "2 Zeilen"), imported when called: ``--help``
    imports every command module and must not load the domain."""
    from herford_tui.domain.directory import count_text as counted

    return counted(n, one, many)
