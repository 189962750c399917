"""``herford-tui dokument``, ``auswertung`` and ``bericht``: a meeting's documents, the year in figures,
the annual report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from herford_tui.cli import GermanContext, command_db, db_option, fail, german_help
from herford_tui.commands.common import echo, is_stdout, write_data, write_out, write_stdout
from herford_tui.commands.reading import meeting_named

SITZUNG_HELP = (
    "SITZUNG ist die Nummer der Sitzung oder ihr Datum mit dem Gremium, z. B. 28.11.2026 Lenkungskreis "
    "(das Datum allein genügt, wenn an dem Tag nur eine Sitzung ist)."
)

KIND_HELP = {
    "einladung": "Einladung zu einer Sitzung als PDF oder DOCX.",
    "niederschrift": "Niederschrift einer Sitzung als PDF oder DOCX.",
    "anwesenheit": "Anwesenheitsliste zum Unterschreiben als PDF.",
}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def dokument() -> None:
    """Dokumente einer Sitzung aus den Vorlagen erzeugen (Einladung, Niederschrift, Anwesenheitsliste)."""


def _document_command(kind: str) -> click.Command:
    @click.command(name=kind, help=f"{KIND_HELP[kind]}\n\n{SITZUNG_HELP}")
    @german_help
    @db_option
    @click.argument("sitzung", nargs=-1, required=True, metavar="SITZUNG")
    @click.option(
        "--out", "out", metavar="DATEI", required=True, help="Zieldatei (.pdf oder .docx); - für PDF auf die Ausgabe."
    )
    @click.option("--force", is_flag=True, help="Eine vorhandene Datei überschreiben.")
    def command(db: str | None, sitzung: tuple[str, ...], out: str, force: bool) -> None:
        from herford_tui.commands.reading import read_snapshot
        from herford_tui.documents.render import Format, render
        from herford_tui.documents.templates import TemplateError

        target = Path(out)
        suffix = "pdf" if is_stdout(out) else target.suffix.lower().lstrip(".")
        if suffix not in ("pdf", "docx"):
            fail(f"{target}: bitte eine Datei mit der Endung .pdf oder .docx angeben.")
        snapshot = read_snapshot(command_db(db))
        meeting = meeting_named(snapshot, " ".join(sitzung))
        from herford_tui.domain.invitation import document_note

        note = document_note(kind, meeting)
        if note:
            echo(f"Hinweis: {note}", err=True)
        try:
            payload = render(kind, Format(suffix), snapshot, meeting)
        except (TemplateError, ValueError) as exc:
            fail(str(exc))
        if is_stdout(out):
            write_stdout(payload, binary=True)
            return
        write_out(target, payload, force)
        echo(f"Geschrieben: {target}")

    command.context_class = GermanContext
    return command


for _kind in KIND_HELP:
    dokument.add_command(_document_command(_kind))


@click.command()
@german_help
@db_option
@click.argument("jahr", type=click.IntRange(1900, 2200), metavar="[JAHR]", required=False)
@click.option("--csv", "as_csv", is_flag=True, help="Als CSV (Semikolon, für Tabellenprogramme) statt als Text.")
@click.option("--out", "out", metavar="DATEI", help="Zieldatei (sonst oder mit - die Ausgabe).")
@click.option("--force", is_flag=True, help="Eine vorhandene Datei überschreiben.")
def auswertung(db: str | None, jahr: int | None, as_csv: bool, out: str | None, force: bool) -> None:
    """Die Auswertung eines Jahres (ohne JAHR das laufende): Sitzungen, Anwesenheit, Sitze,
    Aufgaben, Beschlüsse."""
    from herford_tui.commands.reading import read_snapshot
    from herford_tui.documents.evaluation_text import csv_rows, text_lines
    from herford_tui.domain.evaluation import evaluate

    evaluation = evaluate(read_snapshot(command_db(db)), jahr or date.today().year, date.today())
    if as_csv:
        from herford_tui.exchange.tabular import csv_bytes

        rows = csv_rows(evaluation)
        width = max(len(row) for row in rows)
        payload = csv_bytes(rows[0] + [""] * (width - len(rows[0])), [r + [""] * (width - len(r)) for r in rows[1:]])
    else:
        payload = ("\n".join(text_lines(evaluation)) + "\n").encode("utf-8")
    if out and not is_stdout(out):
        write_out(Path(out), payload, force)
        echo(f"Geschrieben: {out}")
    else:
        write_data(payload)


@click.command()
@german_help
@db_option
@click.argument("jahr", type=click.IntRange(1900, 2200), metavar="[JAHR]", required=False)
@click.option("--out", "out", metavar="DATEI", required=True, help="Zieldatei (PDF); - schreibt auf die Ausgabe.")
@click.option("--force", is_flag=True, help="Eine vorhandene Datei überschreiben.")
def bericht(db: str | None, jahr: int | None, out: str, force: bool) -> None:
    """Der Jahresbericht für die Bildungskonferenz als PDF (Diagramme, Tabellen, Zusammenfassung);
    ohne JAHR das laufende."""
    from herford_tui.commands.common import progress
    from herford_tui.commands.reading import read_snapshot
    from herford_tui.documents.report import report_pdf
    from herford_tui.documents.templates import TemplateError

    target = Path(out)
    if not is_stdout(out) and target.exists() and not force:
        fail(f"{target} gibt es schon und bleibt unverändert. Mit --force überschreiben.")
    snapshot = read_snapshot(command_db(db))
    # A bar on a terminal for a long run (x1 and more: 100 committees), nothing when piped.
    year = jahr or date.today().year
    with progress(len(snapshot.committees_of_year(year)) + 1, "Jahresbericht", minimum=50) as bar:
        try:
            payload = report_pdf(snapshot, year, date.today(), step=lambda: bar.update(1))
        except TemplateError as exc:
            fail(str(exc))
    if is_stdout(out):
        write_stdout(payload, binary=True)
        return
    write_out(target, payload, force)
    echo(f"Geschrieben: {target}")


for _command in (dokument, auswertung, bericht):
    _command.context_class = GermanContext
