"""``herford-tui export ics``: the meetings as an iCalendar file for any calendar program."""

from __future__ import annotations

from pathlib import Path

import click

from herford_tui.cli import GermanContext, command_db, db_option, german_help
from herford_tui.commands.common import NameCommand, count_text, echo, write_data


@click.command(cls=NameCommand)
@german_help
@db_option
@click.option("--out", "out", required=True, metavar="DATEI", help="Zieldatei (.ics); - schreibt auf die Ausgabe.")
@click.option("--gremium", "committee_name", metavar="NAME", help="Nur dieses Gremium (Name, Kurzname oder Nummer).")
@click.option("--jahr", "year", type=click.IntRange(1900, 2200), metavar="JAHR", help="Nur dieses Jahr.")
@click.option(
    "--mit-nichtoeffentlichen",
    "closed_items",
    is_flag=True,
    help="Auch nicht öffentliche Tagesordnungspunkte und Notizen in die Beschreibung (nur intern weitergeben).",
)
@click.option("--force", is_flag=True, help="Eine vorhandene Datei überschreiben (etwa einen abonnierten Kalender).")
def ics(
    db: str | None, out: str, committee_name: str | None, year: int | None, closed_items: bool, force: bool
) -> None:
    """Sitzungen als Kalenderdatei (iCalendar) schreiben, abgesagte als abgesagt.

    Ohne Endzeit endet eine Sitzung nach der üblichen Dauer ihres Gremiums (sonst ohne Ende).
    """
    from herford_tui.commands.common import write_out
    from herford_tui.commands.reading import find_committee, read_snapshot
    from herford_tui.domain.ics import build_calendar, select_meetings

    snapshot = read_snapshot(command_db(db))
    committee = find_committee(snapshot, committee_name)
    meetings = select_meetings(snapshot, committee.id if committee else None, year)
    data = build_calendar(snapshot, meetings, closed_items=closed_items)
    if out == "-":
        write_data(data)
        return
    target = Path(out).expanduser()
    write_out(target, data, force)  # like every export: an existing file only with --force
    echo(f"{count_text(len(meetings), 'Sitzung', 'Sitzungen')} nach {target} geschrieben.")


ics.context_class = GermanContext
