"""``herford-tui export …``: data out of the database into other formats; each in its own module."""

from __future__ import annotations

import click

from herford_tui.cli import GermanContext, german_help
from herford_tui.commands.export_ics import ics


@click.group(cls=click.Group)
@german_help
def export() -> None:
    """Daten in andere Formate ausgeben (z. B. Kalender)."""


export.context_class = GermanContext
export.add_command(ics)
