"""``herford-tui person auskunft|loeschen NR``: DSGVO Art. 15 and Art. 17 from the command line."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from herford_tui.cli import GermanContext, GermanGroup, command_db, db_option, german_help
from herford_tui.commands.common import STDOUT, confirm, echo, json_text


@click.group(cls=GermanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@german_help
def person() -> None:
    """Auskunft über eine Person (Art. 15 DSGVO) oder ihre Daten löschen (Art. 17 DSGVO).

    Die Nummer (ID) einer Person zeigt der Personenbildschirm im Programm.
    """


def _open(db: str | None):
    from herford_tui.store import Store, StoreError

    path = command_db(db)
    if not path.exists():
        echo(f"Fehler: Die Datenbank {path} gibt es nicht.", err=True)
        sys.exit(2)
    try:
        return Store(path).open()
    except StoreError as exc:
        echo(f"Fehler: {exc}", err=True)
        sys.exit(2)


@person.command(short_help="Alles zeigen, was über die Person gespeichert ist.")
@german_help
@db_option
@click.argument("person_id", metavar="NR", type=int)
@click.option("--json", "as_json", is_flag=True, help="Als JSON ausgeben statt als lesbarer Text.")
@click.option(
    "--datei",
    "out",
    metavar="PFAD",
    type=click.Path(dir_okay=False, path_type=Path),
    help="In diese Datei schreiben (eine vorhandene wird nie überschrieben); - schreibt auf die Ausgabe.",
)
def auskunft(db: str | None, person_id: int, as_json: bool, out: Path | None) -> None:
    """Alles zeigen, was über die Person gespeichert ist (Art. 15 DSGVO).

    NR: die Nummer der Person, wie `herford-tui suche NAME` sie zeigt („Person: … (Nr. 12)“).

    Exit-Code 0: ausgegeben; 1: Person nicht gefunden; 2: Datei fehlt, ist unlesbar oder vorhanden.
    """
    from herford_tui.domain.dsgvo import name_audit
    from herford_tui.store import NotFoundError
    from herford_tui.store.erasure import person_disclosure, save_disclosure

    store = _open(db)
    try:
        report = name_audit(person_disclosure(store, person_id, date.today()), store.snapshot())
    except NotFoundError as exc:
        echo(f"Fehler: {exc}", err=True)
        sys.exit(1)
    text = json_text(report.as_json()) if as_json else report.as_text()
    if out is None or str(out) == STDOUT:  # "-": the standard output, as with every export
        echo(text, nl=False)
        return
    try:
        warning = save_disclosure(out, text, store.path)  # never overwrites; only the writer may read it
    except FileExistsError:
        echo(f"Fehler: {out} gibt es schon; bitte einen anderen Namen wählen.", err=True)
        sys.exit(2)
    except OSError as exc:
        from herford_tui.store.errors import os_reason

        echo(f"Fehler: {out} lässt sich nicht schreiben ({os_reason(exc)}).", err=True)
        sys.exit(2)
    echo(f"Auskunft geschrieben nach {out}.")
    if warning:
        echo(f"Hinweis: {warning}", err=True)


@person.command(short_help="Name, Kontaktdaten und Notizen der Person löschen.")
@german_help
@db_option
@click.argument("person_id", metavar="NR", type=int)
@click.option("--ja", "yes", is_flag=True, help="Ohne Rückfrage löschen.")
def loeschen(db: str | None, person_id: int, yes: bool) -> None:
    """Personenbezogene Daten löschen (Art. 17 DSGVO), auch aus den Sicherungen.

    Laufende Mitgliedschaften enden am Tag der Löschung; alle bleiben als „gelöschte Person“
    im Verlauf der Sitze erhalten.
    NR: die Nummer der Person, wie `herford-tui suche NAME` sie zeigt.
    Exit-Code 0: gelöscht; 1: Person nicht gefunden oder abgebrochen; 2: Datei-Fehler.
    """
    from herford_tui.domain import ValidationError
    from herford_tui.domain.directory import person_named
    from herford_tui.domain.erasure_end import chairs_dropped_text, erasure_memberships_text, open_memberships
    from herford_tui.store import NotFoundError, StoreError
    from herford_tui.store.erasure import erase_person

    store = _open(db)
    found = store.snapshot().persons.get(person_id)
    if found is None:
        echo(f"Fehler: Eine Person mit der Nummer {person_id} gibt es nicht.", err=True)
        sys.exit(1)
    today = date.today()
    memberships = len(store.snapshot().memberships_of_person(person_id))
    running = len(open_memberships(store.snapshot(), person_id, today))
    plural = "" if memberships == 1 else "en"
    echo(f"Person {person_id}: {person_named(store.snapshot(), person_id)} ({memberships} Mitgliedschaft{plural})")
    echo(erasure_memberships_text(memberships, running, today))
    if chairs := chairs_dropped_text(store.snapshot(), person_id, today):
        echo(chairs)
    if not confirm("Name, Kontaktdaten und Notizen endgültig löschen, auch aus den Sicherungen?", yes=yes):
        echo("Abgebrochen, nichts gelöscht.")
        sys.exit(1)
    try:
        result = erase_person(store, person_id, today)
    except NotFoundError as exc:
        echo(f"Fehler: {exc}", err=True)
        sys.exit(1)
    except ValidationError as exc:
        echo(f"Fehler: Die Daten verletzen eine Regel, nichts gelöscht: {exc}", err=True)
        sys.exit(1)
    except (StoreError, OSError) as exc:
        # Safe to run again: the backups still holding the person are found by their content.
        echo(f"Fehler: {exc} Bitte den Befehl noch einmal ausführen.", err=True)
        sys.exit(2)
    echo(result.summary())


for _command in (person, auskunft, loeschen):
    _command.context_class = GermanContext
