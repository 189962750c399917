"""``herford-tui termine``: the next meetings as plain text, for a login message or a quick look."""

from __future__ import annotations

from datetime import date, timedelta

import click

from herford_tui.cli import GermanContext, command_db, db_option, german_help
from herford_tui.commands.common import NameCommand, echo


@click.command(cls=NameCommand)
@german_help
@db_option
@click.option(
    "--tage", "days", type=click.IntRange(0, 3660), default=30, metavar="N", help="So viele Tage voraus (Vorgabe 30)."
)
@click.option("--gremium", "committee_name", metavar="NAME", help="Nur dieses Gremium (Name, Kurzname oder Nummer).")
def termine(db: str | None, days: int, committee_name: str | None) -> None:
    """Die nächsten Sitzungen als Text ausgeben (schreibt nichts)."""
    from herford_tui.commands.reading import find_committee, read_upcoming
    from herford_tui.domain.schedule import upcoming_lines
    from herford_tui.domain.text import printable

    today = date.today()
    snapshot = read_upcoming(command_db(db), today, today + timedelta(days=days))
    committee = find_committee(snapshot, committee_name)
    for line in upcoming_lines(snapshot, today, days, committee.id if committee else None):
        echo(printable(line))


termine.context_class = GermanContext
