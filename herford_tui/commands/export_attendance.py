"""``herford-tui export anwesenheit SITZUNG``: who was at a meeting, as whom, who was excused (CSV/XLSX)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from herford_tui.cli import GermanContext, command_db, db_option, german_help
from herford_tui.commands.common import echo, fail, is_stdout, write_stdout

if TYPE_CHECKING:  # annotations only: --help does not import the domain
    from herford_tui.domain import Meeting, Snapshot


@click.command("anwesenheit")
@german_help
@db_option
@click.argument("sitzung", metavar="SITZUNG")
@click.option("--gremium", "committee_name", metavar="NAME", help="Das Gremium, wenn SITZUNG ein Datum ist.")
@click.option(
    "--out", "out", required=True, metavar="DATEI", help="Zieldatei: .csv oder .xlsx; - schreibt CSV auf die Ausgabe."
)
@click.option("--force", is_flag=True, help="Eine vorhandene Datei überschreiben.")
def anwesenheit(db: str | None, sitzung: str, committee_name: str | None, out: str, force: bool) -> None:
    """Die Anwesenheitsliste einer Sitzung als CSV oder Excel-Datei: Name, Organisation, Sitz,
    Rolle, stimmberechtigt, anwesend/entschuldigt/abwesend, Vertretungen.

    SITZUNG ist die Nummer der Sitzung oder ihr Datum (TT.MM.JJJJ, mit --gremium, wenn an dem Tag
    mehrere Gremien tagen).
    """
    from herford_tui.commands.reading import find_committee, read_snapshot
    from herford_tui.exchange.attendance_export import attendance_sheet, summary
    from herford_tui.exchange.tabular import csv_bytes, write_file, xlsx_bytes
    from herford_tui.store.files import ExistsError

    target = Path(out).expanduser()
    suffix = ".csv" if is_stdout(out) else target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        fail(f"{target}: bitte eine Datei mit der Endung .csv oder .xlsx angeben.")
    snapshot = read_snapshot(command_db(db))
    committee = find_committee(snapshot, committee_name)
    meeting = find_meeting(snapshot, sitzung, committee.id if committee else None)
    sheet = attendance_sheet(snapshot, meeting)
    payload = csv_bytes(sheet.header, sheet.rows) if suffix == ".csv" else xlsx_bytes([sheet])
    if is_stdout(out):
        write_stdout(payload)
        return
    try:
        write_file(target, payload, overwrite=force)
    except ExistsError:
        fail(f"{target} gibt es schon und bleibt unverändert. Mit --force überschreiben.")
    except OSError as exc:
        fail(f"{target} lässt sich nicht schreiben ({exc.strerror or exc}).")
    echo(f"{sheet.title}: {len(sheet.rows)} Zeilen geschrieben nach {target} ({summary(snapshot, meeting)}).")


def find_meeting(snapshot: Snapshot, text: str, committee_id: int | None) -> Meeting:
    """A meeting by its number, or by its date (and committee); exits with a German message."""
    from herford_tui.domain.labels import format_date, parse_date

    text = text.strip()
    if text.isdigit():
        found = snapshot.meetings.get(int(text))
        if found is None or (committee_id is not None and found.committee_id != committee_id):
            fail(f"Eine Sitzung mit der Nummer {text} gibt es nicht.")
        return found
    try:
        day = parse_date(text)
    except ValueError as exc:
        fail(f"SITZUNG: {exc} (oder die Nummer der Sitzung).")
    matches = [
        m
        for m in snapshot.meetings.values()
        if m.date == day and (committee_id is None or m.committee_id == committee_id)
    ]
    if not matches:
        fail(f"Am {format_date(day)} gibt es keine Sitzung{' dieses Gremiums' if committee_id else ''}.")
    if len(matches) > 1:
        names = ", ".join(
            f"{snapshot.committees[m.committee_id].name} (Nr. {m.id})" if m.committee_id in snapshot.committees
            else f"Nr. {m.id}"
            for m in sorted(matches, key=lambda m: m.id)
        )  # fmt: skip
        fail(f"Am {format_date(day)} tagen mehrere: {names}. Bitte --gremium oder die Nummer angeben.")
    return matches[0]


anwesenheit.context_class = GermanContext
