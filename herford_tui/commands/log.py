"""``herford-tui log [--seit DATUM] [--person ID] [--gremium NAME]``: the audit log."""

from __future__ import annotations

import click

from herford_tui.cli import GermanContext, db_option, german_help
from herford_tui.commands.common import NameCommand, db_path, echo, fail, german_date, open_store


@click.command("log", cls=NameCommand, context_settings={"help_option_names": ["-h", "--help"]})
@german_help
@db_option
@click.option("--seit", metavar="DATUM", help="Nur Änderungen ab diesem Tag (TT.MM.JJJJ).")
@click.option(
    "--person", "person_id", type=int, metavar="ID", help="Nur Änderungen an dieser Person und ihren Mitgliedschaften."
)
@click.option(
    "--gremium", metavar="NAME", help="Nur Änderungen an diesem Gremium, seinen Mitgliedschaften und Sitzungen."
)
def log(db: str | None, seit: str | None, person_id: int | None, gremium: str | None) -> None:
    """Änderungsprotokoll: wann, wer (Anmeldename), welcher Eintrag, alte und neue Werte."""
    from herford_tui.commands.reading import committee_named
    from herford_tui.domain.audit_text import Names, entry_lines, matches
    from herford_tui.store import StoreError
    from herford_tui.store.log_reader import read_entries

    path = db_path(db)
    snapshot = open_store(path, read_only=True).snapshot()
    committee_id = committee_named(snapshot, gremium).id if gremium else None
    since = german_date(seit)
    try:
        entries = read_entries(path)
    except StoreError as exc:
        fail(str(exc))
    names = Names.of(snapshot, entries)  # persons, seats and committees by name, not by number
    shown = 0
    for entry in entries:
        if matches(entry, since=since, person_id=person_id, committee_id=committee_id):
            echo("\n".join(entry_lines(entry, names)))
            shown += 1
    if not shown:
        echo("Keine Änderungen gefunden.")


log.context_class = GermanContext
