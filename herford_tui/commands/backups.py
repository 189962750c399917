"""``herford-tui backups``, ``restore N`` and ``backup --nach ORDNER``."""

from __future__ import annotations

from pathlib import Path

import click

from herford_tui.cli import GermanContext, db_option, german_help
from herford_tui.commands.common import confirm, db_path, echo, fail

SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.command("backups", context_settings=SETTINGS)
@german_help
@db_option
def backups(db: str | None) -> None:
    """Die Sicherungen neben der Datenbank: Zeit, Größe und was danach geändert wurde."""
    from herford_tui.domain.audit_text import office_time
    from herford_tui.domain.labels import format_moment
    from herford_tui.store.backups import list_backups

    path = db_path(db)
    if not path.exists():
        fail(f"Die Datenbank {path} gibt es nicht.")
    found = list_backups(path)
    if not found:
        echo("Es gibt noch keine Sicherungen (sie entstehen beim Speichern).")
        return
    echo("Nr.  Zeit              Größe      Änderung")
    for info in found:
        when = format_moment(office_time(info.modified)) if info.modified else "?"
        echo(f"{info.number:>3}  {when}  {_size(info.size):>9}  {info.summary()}")
    echo("Wiederherstellen mit: herford-tui restore NR")


@click.command("restore", context_settings=SETTINGS)
@german_help
@db_option
@click.argument("number", metavar="NR", type=int, required=False)
@click.option("--aus", "source", metavar="DATEI", help="Eine Sicherungskopie (backup --nach) statt Sicherung NR.")
@click.option("--ja", "yes", is_flag=True, help="Ohne Rückfrage einspielen (nötig, wenn kein Terminal fragen kann).")
def restore(db: str | None, number: int | None, source: str | None, yes: bool) -> None:
    """Sicherung NR (oder mit --aus eine Sicherungskopie) prüfen und einspielen.

    Der jetzige Stand wird vorher selbst zur Sicherung 1. Nach DSGVO gelöschte Personen bleiben
    gelöscht, auch wenn die Sicherung älter ist als die Löschung.
    """
    from herford_tui.store import StoreError
    from herford_tui.store.backups import describe, restore_copy, restore_source
    from herford_tui.store.backups import restore as do_restore

    path = db_path(db)
    if not path.exists():
        fail(f"Die Datenbank {path} gibt es nicht.")
    if (number is None) == (source is None):
        fail("Bitte entweder die Nummer einer Sicherung (siehe herford-tui backups) oder --aus DATEI angeben.")
    what = f"Sicherung {number}" if source is None else f"Die Sicherungskopie {source}"
    try:  # a backup that is not there is said before the question, not after the "j"
        restore_source(path, number, Path(source) if source is not None else None)
    except StoreError as exc:
        fail(str(exc))
    if not confirm(f"{what} einspielen?", yes=yes):
        fail("Abgebrochen, nichts geändert.", 1)
    try:
        result = restore_copy(path, Path(source)) if source is not None else do_restore(path, number or 0)
    except StoreError as exc:
        fail(str(exc))
    changed = describe(result.changes) or "keine Einträge geändert"
    echo(f"{what} eingespielt ({changed}). Der vorige Stand ist jetzt Sicherung 1.")


@click.command("backup", context_settings=SETTINGS)
@german_help
@db_option
@click.option("--nach", "folder", metavar="ORDNER", required=True, help="Zielordner der datierten Sicherung.")
def backup(db: str | None, folder: str) -> None:
    """Eine vollständige, datierte Sicherung in einen anderen Ordner schreiben (z. B. nachts per cron)."""
    from herford_tui.store import StoreError
    from herford_tui.store.backups import dated_backup
    from herford_tui.store.personal_files import known_copies

    path = db_path(db)
    try:
        written = dated_backup(path, Path(folder))
    except FileNotFoundError:
        fail(f"Die Datenbank {path} gibt es nicht.")
    except FileExistsError as exc:
        fail(f"{exc.filename or exc} gibt es schon; nichts überschrieben.")
    except StoreError as exc:
        fail(str(exc))
    except OSError as exc:
        from herford_tui.store.errors import os_reason

        fail(f"Sicherung nach {folder} nicht möglich ({os_reason(exc)}).")
    echo("Gesichert: " + ", ".join(str(p) for p in written))
    if written[0].resolve() not in [p.resolve() for p in known_copies(path)]:
        echo(
            f"Hinweis: Die Kopie ließ sich nicht neben der Datenbank vermerken (kein Schreibrecht im Ordner von "
            f"{path}); eine spätere DSGVO-Löschung erreicht sie nicht, sie muss dann von Hand gelöscht werden.",
            err=True,
        )


def _size(n: int) -> str:
    return f"{n / 1024:.1f} KB".replace(".", ",") if n < 1024 * 1024 else f"{n / 1048576:.1f} MB".replace(".", ",")


for _command in (backups, restore, backup):
    _command.context_class = GermanContext
