"""``herford-tui import ART DATEI [--dry-run]``: Organisationen, Personen, ein Verzeichnis, Mitgliedschaften …"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from herford_tui.cli import GermanContext, db_option, german_help
from herford_tui.commands.common import confirm, count_text, db_path, echo, fail, number, open_store, progress

if TYPE_CHECKING:
    from herford_tui.exchange.importing import ImportPlan

KINDS = ("organisationen", "personen", "mitgliedschaften", "gremiendaten", "sitzungen")


@click.command("import", context_settings={"help_option_names": ["-h", "--help"]})
@german_help
@db_option
@click.argument("kind", metavar="ART", type=click.Choice([*KINDS, "gremien", "verzeichnis"]))
@click.argument("file", metavar="DATEI", type=click.Path(dir_okay=False))
@click.option("--probelauf", "--dry-run", "dry_run", is_flag=True, help="Nur prüfen und berichten, nichts speichern.")
@click.option("--ja", "yes", is_flag=True, help="Ohne Rückfrage importieren (nötig, wenn kein Terminal fragen kann).")
def import_command(db: str | None, kind: str, file: str, dry_run: bool, yes: bool) -> None:
    """Organisationen, Personen, Mitgliedschaften, Gremien (gremiendaten) oder Sitzungen aus CSV
    oder XLSX einlesen (bei XLSX jedes Tabellenblatt mit den passenden Spalten; ICS- und
    vCard-Dateien nicht). Ein Verzeichnis
    (Blätter Organisationen und Personen, wie „export xlsx verzeichnis“) wird in einem Schritt
    eingelesen: erst die Organisationen, dann die Personen.

    ART: organisationen, personen, mitgliedschaften (auch gremien, wie „export … gremien“),
    gremiendaten, sitzungen oder verzeichnis.

    Eine Zeile mit „Nr.“ ändert diesen Eintrag (oder legt ihn mit dieser Nummer an); so lässt
    sich eine Ausgabe von „export“ wieder einlesen, ohne etwas doppelt anzulegen.
    Die ganze Datei wird zuerst geprüft; bei einem Fehler wird nichts importiert.
    Exit-Code 0: importiert (oder Probelauf ohne Fehler); 1: Fehler in der Datei; 2: Datei oder
    Datenbank nicht lesbar.
    """
    from pathlib import Path

    from herford_tui.domain import ValidationError
    from herford_tui.exchange.importing import DIRECTORY_KIND, KIND_LABEL, fitting_kind, plan_counts, plan_import
    from herford_tui.exchange.tabular import TableError, read_tables
    from herford_tui.store import ConflictError, StoreError

    if kind == "gremien":  # what ``export … gremien`` writes: the rosters, one sheet a committee
        kind = "mitgliedschaften"
    store = open_store(db_path(db), create=True)
    try:
        tables = read_tables(Path(file))
    except TableError as exc:
        fail(str(exc))
    fitting = kind if kind == DIRECTORY_KIND else fitting_kind(kind, tables)
    if fitting != kind:  # an explicit ART is not changed behind the caller's back: name the right one
        fail(
            f"Die Datei hat die Spalten von „{KIND_LABEL[fitting]}“, nicht von „{KIND_LABEL[kind]}“. "
            f"Bitte „import {fitting} {file}“ verwenden. Nichts wurde importiert.",
            1,
        )
    rows = sum(len(t.rows) for t in tables)
    sheets = f", {count_text(len(tables), 'Tabellenblatt', 'Tabellenblätter')}" if len(tables) > 1 else ""
    echo(f"Lese {file} ({tables[0].encoding}{sheets}, {count_text(rows, 'Zeile', 'Zeilen')}) …")
    with progress(rows, "Prüfen") as bar:
        plan = plan_import(kind, tables, store.snapshot(), bar.update)
    for note in plan.notes:
        echo(f"Hinweis: {note}")
    for dup in plan.duplicates:
        echo(f"Doppelt: {dup}")
    if plan.problems:
        for problem in plan.problems:
            echo(f"Fehler: {problem}")
        lines = len({(p.sheet, p.line) for p in plan.problems})
        echo(f"{number(len(plan.problems))} Fehler in {count_text(lines, 'Zeile', 'Zeilen')}. Nichts wurde importiert.")
        sys.exit(1)
    if plan.nothing_to_do:
        echo(f"Nichts zu ändern: {summary(plan)}.")
        return
    if dry_run:
        echo(f"Probelauf: {summary(plan, would=True)}.")
        return
    if not confirm(f"{plan_counts(plan, lambda part: len(part.records))} importieren?", yes=yes):
        fail("Abgebrochen, nichts importiert.", 1)
    try:
        store.save_import(plan.inserts, plan.updates, plan.base)
    except ConflictError as exc:
        fail(f"{exc} Nichts wurde importiert. Bitte noch einmal.", 1)
    except ValidationError as exc:
        fail(f"Die Daten haben sich inzwischen geändert ({exc}). Nichts wurde importiert. Bitte noch einmal.", 1)
    except StoreError as exc:
        fail(f"{exc} Nichts wurde importiert.")
    echo(f"{summary(plan)}.")


def summary(plan: ImportPlan, *, would: bool = False) -> str:
    """ "3 Personen neu angelegt, 2 geändert, 10 unverändert, 1 doppelt übersprungen"; for a
    directory workbook the organisations' and the persons' counts, joined by "; "."""
    from herford_tui.exchange.importing import kind_count

    if plan.parts:
        return "; ".join(summary(part, would=would) for part in plan.parts)

    def verb(n: int) -> str:
        return (" würde" if n == 1 else " würden") if would else ""

    parts = [
        f"{kind_count(plan.kind, len(plan.inserts))}{verb(len(plan.inserts))} neu angelegt",
        f"{number(len(plan.updates))}{verb(len(plan.updates))} geändert",
        f"{number(plan.unchanged)} unverändert",
    ]
    if plan.duplicates:
        parts.append(f"{number(len(plan.duplicates))} doppelt übersprungen")
    return ", ".join(parts)


import_command.context_class = GermanContext
