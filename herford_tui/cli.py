"""The ``herford-tui`` command: open the app, check the database, write demo data.

Heavy imports (Textual, the store) stay inside the commands that need them, and the command
modules themselves are imported only when their command runs or ``--help`` lists it
(``SafeGroup.lazy_commands``), so the app, ``check`` and ``--help`` start fast.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn, TypeVar, cast

import click

from herford_tui import __version__, cli_german
from herford_tui.start import ENV_DB, resolve_db, start_app

cli_german.install()

F = TypeVar("F", bound=Callable[..., Any])
"""A click command function, as its decorators take and return it."""


def command_db(db: str | None) -> Path:
    """A command's database: its own ``--db``, else the one given before it
    (``herford-tui --db X check``), else as ``resolve_db``."""
    root = click.get_current_context().find_root()
    return resolve_db(db or root.params.get("db"))


class GermanHelpFormatter(click.HelpFormatter):
    """The help in the language of the rest of the program (click's own words: ``cli_german``)."""

    METAVARS = {
        "COMMAND [ARGS]...": "BEFEHL [ARGUMENTE]...",
        "[COMMAND]": "[BEFEHL]",
        "[OPTIONS]": "[OPTIONEN]",
        "[ARGS]...": "[ARGUMENTE]...",
        "INTEGER RANGE": "ZAHL",
        "FLOAT RANGE": "ZAHL",
        "INTEGER": "ZAHL",
        "FLOAT": "ZAHL",
        "BOOLEAN": "JA|NEIN",
        "FILENAME": "DATEI",
        "FILE": "DATEI",
        "DIRECTORY": "ORDNER",
        "PATH": "PFAD",
        "TEXT": "WERT",
    }
    """click's metavars for types without a ``metavar=`` of their own, and its usage words."""

    def german(self, text: str) -> str:
        for english, word in self.METAVARS.items():
            text = re.sub(rf"(?<![\w-]){re.escape(english)}(?![\w-])", word, text)
        return text

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, self.german(args), prefix="Aufruf: ")

    # click appends these to option help in English ("[default: small]").
    MARKERS = {"[default: ": "[Standard: ", "[required]": "[erforderlich]", "; required]": "; erforderlich]"}

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        def german(text: str) -> str:
            for english, word in self.MARKERS.items():
                text = text.replace(english, word)
            return text

        super().write_dl([(self.german(term), german(text)) for term, text in rows], col_max, col_spacing)


class GermanContext(click.Context):
    formatter_class = GermanHelpFormatter


class GermanGroup(click.Group):
    """A command group with German help: its commands listed with their whole first paragraph.

    click shortens a command's help to its first sentence, and a "." in "Art. 15" ends one:
    "Auskunft über eine Person (Art.". The list wraps long lines instead of cutting them.
    """

    context_class = GermanContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        optional = kwargs.get("invoke_without_command", False)
        kwargs.setdefault("subcommand_metavar", "[BEFEHL] [ARGUMENTE]..." if optional else "BEFEHL [ARGUMENTE]...")
        super().__init__(*args, **kwargs)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            rows.append((name, command.short_help or first_paragraph(command.help or "")))
        if rows:
            with formatter.section("Befehle"):
                formatter.write_dl(rows)


def first_paragraph(text: str) -> str:
    return " ".join(text.split("\n\n", 1)[0].split())


def printable_text(text: str) -> str:
    """``domain/text.py:printable`` for output that keeps its lines (imported on first use: the
    domain package is not needed to start the app or list the help)."""
    from herford_tui.domain.text import printable

    return printable(text, keep_newlines=True)


class PrintableStream:
    """A text stream that shows control characters as escapes (click's own error messages echo
    what was typed, and an argument can hold anything)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return int(self.stream.write(printable_text(text)) or 0)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return bool(self.stream.isatty())


def fail(message: str) -> NoReturn:
    """End the command with a German message on stderr and exit code 2 (never a traceback)."""
    click.echo(printable_text(f"Fehler: {message}"), err=True)
    sys.exit(2)


PIPE_CLOSED = 128 + 13
"""The exit status of a program that writes into a closed pipe (128 + SIGPIPE), as ``cat`` has."""


def end_quietly_on_closed_pipe() -> NoReturn:
    """The reader went away (``herford-tui log | head -1``): stop without a word, as a shell tool
    does. Output still buffered goes nowhere instead of raising once more at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # no file descriptor in tests
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(PIPE_CLOSED)


class SafeGroup(GermanGroup):
    """Every command, also those added later with ``main.add_command`` or ``lazy_commands``, ends in
    German on errors.

    Store errors are German already; any other OS error (no permission, disk full, a
    vanished folder) is translated the same way the store does it; exit code 2. click's own
    errors (a missing argument, an unknown command) are German through ``cli_german`` and shown
    through ``printable``; a closed pipe ends quietly.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, str] = {}
        """Command name → ``"module:attribute"``, imported when the command runs or ``--help`` lists it:
        starting the app (no command) imports none of the command modules."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            cli_german.install(everything=True)  # a command may show a progress bar
            module, _, attribute = self.lazy_commands[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except BaseException as exc:  # each one ends the run as ``_end`` says
            self._end(exc)
        self._end(SystemExit(result if isinstance(result, int) else 0))

    def _end(self, exc: BaseException) -> NoReturn:
        """End the run after ``exc`` (``SystemExit`` for a run that returned) with its exit code."""
        code: int | str | None = 0
        if isinstance(exc, SystemExit):
            code = exc.code
        elif isinstance(exc, click.ClickException):
            exc.show(cast(IO[Any], PrintableStream(sys.stderr)))
            code = exc.exit_code
        elif isinstance(exc, (click.Abort, EOFError, KeyboardInterrupt)):
            click.echo("\nAbgebrochen.", err=True)
            code = 1
        elif isinstance(exc, BrokenPipeError):
            end_quietly_on_closed_pipe()
        else:
            raise exc
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            end_quietly_on_closed_pipe()
        sys.exit(code)

    def ended_by(self, exc: BaseException) -> NoReturn:
        """End as a run of the group ends whose command raised ``exc``: the app started without
        click (``start.main``), its failures and its end said and coded as through click."""
        try:
            try:
                self._failed(exc)
            except (EOFError, KeyboardInterrupt) as interrupted:  # as click's own main passes them on
                click.echo("", err=True)
                raise click.Abort() from interrupted
        except BaseException as error:  # ended as ``main`` ends
            self._end(error)

    def _main_shell_completion(self, ctx_args: Any, prog_name: str, complete_var: str | None = None) -> None:
        # click's check for shell completion before every run: its messages German when one is
        # asked for (``_HERFORD_TUI_COMPLETE``), without importing them at every start.
        if any(name.endswith("_COMPLETE") for name in os.environ):
            cli_german.install(everything=True)
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:  # ``--help`` and ``--version`` write while the arguments are read
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            end_quietly_on_closed_pipe()

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as exc:  # the known failures in German, any other raised again
            self._failed(exc)

    @staticmethod
    def _failed(exc: BaseException) -> NoReturn:
        """A command's failure: said in German and ended (``fail``) if known, else raised again."""
        from herford_tui.store.errors import StoreError, os_error

        if isinstance(exc, BrokenPipeError):
            end_quietly_on_closed_pipe()
        elif isinstance(exc, StoreError):
            fail(str(exc))
        elif isinstance(exc, OSError):
            where = Path(exc.filename) if isinstance(exc.filename, str) else Path.cwd()
            fail(str(os_error(exc, where, "Ausführen")))
        elif isinstance(exc, RecursionError):
            fail("Die Daten sind zu tief verschachtelt, um sie zu verarbeiten. Nichts wurde verändert.")
        elif isinstance(exc, ValueError) and "null byte" in str(exc):  # a path with a NUL: the system refuses it
            fail("Ein Datei- oder Ordnername darf kein Nullzeichen (\\x00) enthalten. Nichts wurde verändert.")
        raise exc


german_help: Callable[[F], F] = click.help_option("-h", "--help", help="Diese Hilfe anzeigen.")

db_option: Callable[[F], F] = click.option(
    "--db",
    "db",
    metavar="PFAD",
    help=f"Datenbankdatei (sonst ${ENV_DB}, sonst der Benutzer-Datenordner).",
)


@click.group(cls=SafeGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", prog_name="herford-tui", message="%(prog)s %(version)s", help="Version anzeigen."
)
@german_help
@db_option
@click.option(
    "--open",
    "open_view",
    metavar="ANSICHT",
    help="Startansicht: ein Gremium (z. B. lenkungskreis), organisationen oder jahr.",
)
@click.option(
    "--read-only",
    "read_only",
    is_flag=True,
    help="Nur lesen (z. B. am Beamer): nichts kann geändert werden, Änderungen anderer erscheinen.",
)
@click.pass_context
def main(ctx: click.Context, db: str | None, open_view: str | None, read_only: bool) -> None:
    """Terminal-Dashboard des Bildungsbüros des Kreises Herford.

    Ohne Befehl öffnet es die Gremien, Netzwerkpartner und Sitzungen.
    """
    if ctx.invoked_subcommand is not None:
        return
    start_app(db, open_view, read_only)  # also started without click: ``start.py``


@main.command()
@german_help
@db_option
def check(db: str | None) -> None:
    """Datenbank prüfen (Aufbau, Verweise, Werte), ohne sie zu verändern.

    Exit-Code 0: keine Probleme; 1: Probleme in den Daten; 2: Datei fehlt, ist nicht lesbar
    oder keine herford-tui-Datenbank, die das Programm öffnen würde.
    """
    from herford_tui.store.check import check_file

    path = command_db(db)
    report = check_file(path)
    for line in report.lines():
        click.echo(printable_text(line))  # commands.common.echo's way; cli.py does not import it
    sys.exit(report.exit_code)


@main.command()
@german_help
@db_option
@click.option(
    "--size",
    type=click.Choice(["small", "x1", "x10"]),
    default="small",
    show_default=True,
    help="Umfang: small (zum Ausprobieren), x1 (500 Organisationen, 3.000 Personen, …), x10.",
)
@click.option("--seed", "random_seed", type=int, default=1, show_default=True, metavar="ZAHL", help="Zufallsstartwert.")
def demo(db: str | None, size: str, random_seed: int) -> None:
    """Erfundene Demodaten (auf den mitgelieferten Grunddaten) in eine neue Datei schreiben."""
    from herford_tui.domain.labels import number
    from herford_tui.store import Store
    from herford_tui.store.demo import write_demo
    from herford_tui.store.errors import os_error
    from herford_tui.store.files import create_folder

    path = command_db(db)
    if os.path.lexists(path):
        fail(f"{path} gibt es schon. Demodaten nur in eine neue Datei.")
    create_folder(path.parent)
    # Built aside and linked into place at the end: a failure leaves no half-written file,
    # and os.link never replaces a file that appeared meanwhile.
    try:
        workdir = Path(tempfile.mkdtemp(prefix=".herford-demo-", dir=path.parent))
    except OSError as exc:
        raise os_error(exc, path, "Demodaten schreiben") from None
    try:
        draft = workdir / path.name
        counts = write_demo(Store(draft, backups=0).open(), size=size, seed=random_seed)
        from herford_tui.store.audit import log_files

        for log in log_files(draft):  # the log belongs to the file: its chain is checked with it
            os.link(log, path.with_name(path.name + log.name[len(draft.name) :]))
        os.link(draft, path)
    except FileExistsError:
        fail(f"{path} ist inzwischen entstanden und bleibt unverändert.")
    except OSError as exc:
        raise os_error(exc, path, "Demodaten schreiben") from None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    summary = ", ".join(f"{number(n)} {what}" for what, n in counts.items())
    click.echo(printable_text(f"Demodaten geschrieben nach {path}: {summary}."))


for _command in (main, check, demo):
    _command.context_class = GermanContext

main.lazy_commands.update(
    {
        "import": "herford_tui.commands.imports:import_command",
        "export": "herford_tui.commands.export:export",
        "log": "herford_tui.commands.log:log",
        "backups": "herford_tui.commands.backups:backups",
        "restore": "herford_tui.commands.backups:restore",
        "backup": "herford_tui.commands.backups:backup",
        "suche": "herford_tui.commands.suche:suche",
        "person": "herford_tui.commands.person:person",
        "termine": "herford_tui.commands.termine:termine",
        "oparl": "herford_tui.commands.oparl:oparl",
        "dokument": "herford_tui.commands.documents:dokument",
        "auswertung": "herford_tui.commands.documents:auswertung",
        "bericht": "herford_tui.commands.documents:bericht",
        "web": "herford_tui.commands.web:web",
    }
)
