"""``herford-tui export anwesenheit SITZUNG``: who was at a meeting, as whom, who was excused (CSV/XLSX)."""

from __future__ import annotations

from pathlib import Path

import click

from herford_tui.cli import GermanContext, command_db, db_option, german_help
from herford_tui.commands.common import NameCommand, count_text, echo, fail, is_stdout, write_stdout


@click.command("anwesenheit", cls=NameCommand)
@german_help
@db_option
@click.argument("sitzung", nargs=-1, required=True, metavar="SITZUNG")
@click.option("--gremium", "committee_name", metavar="NAME", help="Das Gremium, wenn SITZUNG ein Datum ist.")
@click.option(
    "--out", "out", required=True, metavar="DATEI", help="Zieldatei: .csv oder .xlsx; - schreibt CSV auf die Ausgabe."
)
@click.option("--force", is_flag=True, help="Eine vorhandene Datei überschreiben.")
def anwesenheit(db: str | None, sitzung: tuple[str, ...], committee_name: str | None, out: str, force: bool) -> None:
    """Die Anwesenheitsliste einer Sitzung als CSV oder Excel-Datei: Name, Organisation, Sitz,
    Rolle, stimmberechtigt, anwesend/entschuldigt/abwesend, Vertretungen.

    SITZUNG ist die Nummer der Sitzung oder ihr Datum mit dem Gremium, z. B. 28.11.2026 Lenkungskreis
    (oder das Gremium mit --gremium; das Datum allein genügt, wenn an dem Tag nur eine Sitzung ist).
    """
    from herford_tui.commands.common import write_out
    from herford_tui.commands.reading import find_committee, meeting_named, read_snapshot
    from herford_tui.exchange.attendance_export import attendance_sheet, summary
    from herford_tui.exchange.tabular import csv_bytes, xlsx_bytes

    target = Path(out).expanduser()
    suffix = ".csv" if is_stdout(out) else target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        fail(f"{target}: bitte eine Datei mit der Endung .csv oder .xlsx angeben.")
    snapshot = read_snapshot(command_db(db))
    committee = find_committee(snapshot, committee_name)
    meeting = meeting_named(snapshot, " ".join(sitzung), committee)
    sheet = attendance_sheet(snapshot, meeting)
    payload = csv_bytes(sheet.header, sheet.rows) if suffix == ".csv" else xlsx_bytes([sheet])
    if is_stdout(out):
        write_stdout(payload)
        return
    write_out(target, payload, force)
    echo(
        f"{sheet.title}: {count_text(len(sheet.rows), 'Zeile', 'Zeilen')} geschrieben nach {target} "
        f"({summary(snapshot, meeting)})."
    )


anwesenheit.context_class = GermanContext
