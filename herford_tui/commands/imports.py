"""``herford-tui import organisationen|personen|mitgliedschaften DATEI [--dry-run]``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from herford_tui.cli import GermanContext, db_option, german_help
from herford_tui.commands.common import confirm, db_path, echo, fail, open_store, progress

if TYPE_CHECKING:
    from herford_tui.domain import Record
    from herford_tui.exchange.importing import ImportPlan
    from herford_tui.store import Store

KINDS = ("organisationen", "personen", "mitgliedschaften")


@click.command("import", context_settings={"help_option_names": ["-h", "--help"]})
@german_help
@db_option
@click.argument("kind", metavar="ART", type=click.Choice(KINDS))
@click.argument("file", metavar="DATEI", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Nur prüfen und berichten, nichts speichern.")
@click.option("--ja", "yes", is_flag=True, help="Ohne Rückfrage importieren (nötig, wenn kein Terminal fragen kann).")
def import_command(db: str | None, kind: str, file: str, dry_run: bool, yes: bool) -> None:
    """Organisationen, Personen oder Mitgliedschaften aus CSV oder XLSX einlesen.

    Die ganze Datei wird zuerst geprüft; bei einem Fehler wird nichts importiert.
    Exit-Code 0: importiert (oder Probelauf ohne Fehler); 1: Fehler in der Datei; 2: Datei oder
    Datenbank nicht lesbar.
    """
    from pathlib import Path

    from herford_tui.domain import ValidationError
    from herford_tui.domain.labels import number
    from herford_tui.exchange.importing import KIND_LABEL, plan_import
    from herford_tui.exchange.tabular import TableError, read_table
    from herford_tui.store import StoreError

    store = open_store(db_path(db), create=True)
    try:
        table = read_table(Path(file))
    except TableError as exc:
        fail(str(exc))
    echo(f"Lese {file} ({table.encoding}, {number(len(table.rows))} Zeilen) …")
    with progress(len(table.rows), "Prüfen") as bar:
        plan = plan_import(kind, table, store.snapshot(), bar.update)
    for note in plan.notes:
        echo(f"Hinweis: {note}")
    for dup in plan.duplicates:
        echo(f"Doppelt: {dup}")
    if plan.problems:
        for problem in plan.problems:
            echo(f"Fehler: {problem}")
        lines = len({p.line for p in plan.problems})
        echo(f"{number(len(plan.problems))} Fehler in {number(lines)} Zeile(n). Nichts wurde importiert.")
        sys.exit(1)
    what = KIND_LABEL[kind]
    if dry_run:
        echo(f"Probelauf: {len(plan.records)} {what} würden importiert, {len(plan.duplicates)} doppelt.")
        return
    if plan.records and not confirm(f"{number(len(plan.records))} {what} importieren?", yes=yes):
        fail("Abgebrochen, nichts importiert.", 1)
    try:
        saved = _save(store, plan) if plan.records else []
    except ValidationError as exc:
        fail(f"Die Daten haben sich inzwischen geändert ({exc}). Nichts wurde importiert. Bitte noch einmal.", 1)
    except StoreError as exc:
        fail(f"{exc} Nichts wurde importiert.")
    echo(f"{len(saved)} {what} importiert, {len(plan.duplicates)} doppelt übersprungen.")


FAST_PATH = 200
"""From this many new organisations or persons on, they are inserted in one step (see ``_save``)."""


def _save(store: Store, plan: ImportPlan) -> list[Record]:
    """All records of the plan in one atomic write.

    ``save_all`` checks each record under the lock again, but inserts record by record, which
    grows with the square of the count (minutes for thousands). Organisations and persons have
    only one rule across records (a person's organisation exists), so a large batch of them goes
    through ``save_many`` (one insert) when the file is still the version the plan was checked
    against; memberships (seat counts) always take ``save_all``.
    """
    items = plan.items()
    if plan.kind in ("organisationen", "personen") and len(items) >= FAST_PATH and not store.changed():
        return store.save_many([item for item in items if not callable(item)])
    return store.save_all(items)


import_command.context_class = GermanContext
