"""``herford-tui suche SUCHBEGRIFF``: look something up from the shell, e.g. in a second terminal in a meeting."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

import click

from herford_tui import cli
from herford_tui.commands.common import echo

if TYPE_CHECKING:
    from herford_tui.domain import Snapshot
    from herford_tui.domain.search import Match


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.help_option("-h", "--help", help="Diese Hilfe anzeigen.")
@click.option(
    "--db", "db", metavar="PFAD", help="Datenbankdatei (sonst $HERFORD_TUI_DB, sonst der Benutzer-Datenordner)."
)
@click.option(
    "--max",
    "limit",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    metavar="ZAHL",
    help="Höchstens so viele Treffer (die besten); 0 = alle.",
)
@click.argument("text", nargs=-1, required=True, metavar="SUCHBEGRIFF")
def suche(db: str | None, limit: int, text: tuple[str, ...]) -> None:
    """Personen, Organisationen, Gremien und Sitzungen suchen und als Text ausgeben.

    Wie die Suche im Programm: Groß-/Kleinschreibung und Umlaute egal („muller“ findet
    Müller), ein Datum wie 12.3. findet die Sitzung. Gezeigt werden die besten Treffer
    (--max, sonst 10); gibt es mehr, sagt die letzte Zeile das. Exit-Code 0: gefunden;
    1: nichts gefunden; 2: Datei fehlt oder ist nicht lesbar.
    """
    from herford_tui.commands.quick_search import quick_search
    from herford_tui.domain.search import narrowed_search, search
    from herford_tui.store import Store, StoreError
    from herford_tui.store.files import gc_paused

    path = cli.command_db(db)
    if not path.exists():
        echo(f"Fehler: {path} gibt es nicht.", err=True)
        sys.exit(2)
    query = " ".join(text)
    if not query.strip():
        echo("Fehler: Bitte einen Suchbegriff angeben, z. B. herford-tui suche Müller.", err=True)
        sys.exit(2)
    # No collector passes over the records read: a look-up makes no cycles worth collecting, and
    # the passes its million objects trigger cost a third of the look-up at x10.
    # One more than shown: whether there are more is told without finding them all.
    asked = limit + 1 if limit else None
    with gc_paused():
        try:
            # only the records the words can be in (all hits: the whole way)
            found = quick_search(path, query, asked) if asked else None
            if found is None:
                snapshot = Store(path, backups=0, read_only=True).open().snapshot()  # a look-up never writes
                matches = narrowed_search(snapshot, query, limit=asked)  # only the tokens it can match
                if matches is None:  # a typo: its close words are looked for among every token
                    matches = search(snapshot, query, limit=asked)
                found = matches, snapshot
        except StoreError as exc:
            echo(f"Fehler: {exc}", err=True)
            sys.exit(2)
        _print(query, *found, limit)


def _print(query: str, matches: list[Match], snapshot: Snapshot, limit: int) -> None:
    from herford_tui.domain.search_text import match_card
    from herford_tui.domain.text import printable

    if not matches:
        echo(f"Nichts gefunden für „{printable(query)}“.")
        sys.exit(1)
    today = date.today()
    for number, match in enumerate(matches[:limit] if limit else matches):
        if number:
            echo("")
        for line in match_card(match, snapshot, today):
            echo(printable(line))  # stored text never reaches the terminal as control codes
    if limit and len(matches) > limit:
        echo("")
        echo(f"… und weitere Treffer: mehr mit --max {2 * limit}, alle mit --max 0.")
    sys.exit(0)


suche.context_class = cli.GermanContext
