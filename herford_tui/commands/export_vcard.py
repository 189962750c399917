"""``herford-tui export vcard``: the persons (of one committee or all) as vCard 4.0 for address books."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from herford_tui.cli import GermanContext, command_db, db_option, german_help
from herford_tui.commands.common import NameCommand, count_text, echo, fail, german_date, write_data


@click.command("vcard", cls=NameCommand)
@german_help
@db_option
@click.option(
    "--out",
    "out",
    required=True,
    metavar="ZIEL",
    help="Zieldatei (.vcf) oder mit --ordner ein Ordner; - schreibt auf die Ausgabe.",
)
@click.option(
    "--gremium", "committee_name", metavar="NAME", help="Nur die Mitglieder dieses Gremiums (mit Stellvertretungen)."
)
@click.option("--stichtag", metavar="DATUM", help="Mitgliedschaften an diesem Tag (TT.MM.JJJJ; sonst heute).")
@click.option(
    "--ordner", "folder", is_flag=True, help="Eine Datei je Person in einen neuen Ordner (für khard, vdirsyncer)."
)
@click.option("--force", is_flag=True, help="Eine vorhandene Datei überschreiben.")
def vcard(
    db: str | None, out: str, committee_name: str | None, stichtag: str | None, folder: bool, force: bool
) -> None:
    """Personen als Visitenkarten (vCard 4.0): Name, Organisation, Funktion, Gremien, Telefon, E-Mail.

    Ohne --gremium alle Personen; gelöschte (DSGVO) nie.
    """
    from herford_tui.commands.common import command_database, write_export, write_failed
    from herford_tui.commands.reading import find_committee, read_snapshot
    from herford_tui.exchange.vcard import card_files, select_persons, vcards
    from herford_tui.store.files import write_atomic
    from herford_tui.store.written import remember

    snapshot = read_snapshot(command_db(db))
    committee = find_committee(snapshot, committee_name)
    on = german_date(stichtag, date.today()) or date.today()
    persons = select_persons(snapshot, committee, on)
    if out == "-":
        if folder:
            fail("--ordner braucht einen Ordner, nicht die Ausgabe (-).")
        write_data(vcards(snapshot, persons, on))
        return
    target = Path(out).expanduser()
    try:
        if folder:
            if target.exists() and (not target.is_dir() or any(target.iterdir())):
                fail(f"{target} gibt es schon und ist kein leerer Ordner; nichts geschrieben.")
            target.mkdir(mode=0o2770, parents=True, exist_ok=True)
            done: list[Path] = []
            try:
                for name, data in card_files(snapshot, persons, on):
                    write_atomic(target / name, data, overwrite=False)
                    done.append(target / name)
            finally:  # every card written is noted in one go, also when a later one failed
                if warning := remember(command_database(), done):
                    echo(f"Hinweis: {warning}", err=True)
        else:
            write_export(target, vcards(snapshot, persons, on), overwrite=force)
    except OSError as exc:
        write_failed(target, exc)
    echo(f"{count_text(len(persons), 'Visitenkarte', 'Visitenkarten')} geschrieben nach {target}.")


vcard.context_class = GermanContext
