"""Shared pieces of the CLI commands: opening the store, progress bars, German dates."""

from __future__ import annotations

import contextlib
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


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"Fehler: {message}", err=True)
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
