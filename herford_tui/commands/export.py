"""``herford-tui export csv|xlsx|emails|oparl …``: tables, e-mail lists and OParl out of the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from herford_tui.cli import GermanContext, GermanGroup, db_option, german_help
from herford_tui.commands.common import (
    NameCommand,
    count_text,
    db_path,
    echo,
    fail,
    german_date,
    is_stdout,
    number,
    open_store,
    progress,
    write_out,
    write_stdout,
)
from herford_tui.commands.export_attendance import anwesenheit
from herford_tui.commands.export_ics import ics
from herford_tui.commands.export_vcard import vcard
from herford_tui.commands.reading import committee_named

TABLES = ("gremien", "organisationen", "personen", "gremiendaten", "sitzungen")
SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group("export", cls=GermanGroup, context_settings=SETTINGS)
@german_help
def export() -> None:
    """Daten ausgeben: Tabellen (CSV, XLSX), E-Mail-Listen, OParl 1.1, Kalender (ICS),
    Visitenkarten (vCard), Anwesenheitslisten.

    Eine vorhandene Datei wird nur mit --force überschrieben.
    """


def table_options(choices: tuple[str, ...]):
    def wrap(func):
        for option in reversed(
            [
                german_help,
                db_option,
                click.argument("what", metavar="WAS", type=click.Choice(choices)),
                click.option(
                    "--out", "out", metavar="DATEI", required=True, help="Zieldatei; - schreibt auf die Ausgabe."
                ),
                click.option("--gremium", metavar="NAME", help="Nur dieses Gremium (bei gremien)."),
                click.option("--stichtag", metavar="DATUM", help="Besetzung an diesem Tag (TT.MM.JJJJ; sonst heute)."),
                click.option(
                    "--verlauf",
                    is_flag=True,
                    help="Alle Mitgliedschaften, auch beendete und künftige; bei sitzungen alle Jahre.",
                ),
                click.option("--jahr", type=int, metavar="JAHR", help="Jahr der Sitzungen (sonst das laufende)."),
                click.option("--force", is_flag=True, help="Eine vorhandene Datei überschreiben."),
            ]
        ):
            func = option(func)
        return func

    return wrap


@export.command("csv", cls=NameCommand, context_settings=SETTINGS)
@table_options(TABLES)
def export_csv(db, what, out, gremium, stichtag, verlauf, jahr, force) -> None:
    """Eine Tabelle als CSV (UTF-8 mit BOM, Trennzeichen ;) für Excel.

    WAS: gremien (Besetzung, alle Gremien in einer Tabelle), organisationen, personen,
    gremiendaten (Gremien mit Sitzen und Rhythmus), sitzungen (mit Tagesordnung und Anwesenheit).
    Jede Zeile trägt die Nr.; „import“ liest die Datei wieder ein.
    """
    from herford_tui.exchange.exports import combined
    from herford_tui.exchange.tabular import csv_bytes

    sheets = _sheets(db, what, gremium, stichtag, verlauf, jahr)
    table = combined(sheets, what) if len(sheets) != 1 else sheets[0]
    payload = csv_bytes(table.header, table.rows)
    if is_stdout(out):
        write_stdout(payload)
        return
    write_out(Path(out), payload, force)
    echo(f"{count_text(len(table.rows), 'Zeile', 'Zeilen')} geschrieben nach {out}.")


@export.command("xlsx", cls=NameCommand, context_settings=SETTINGS)
@table_options((*TABLES, "verzeichnis"))
def export_xlsx(db, what, out, gremium, stichtag, verlauf, jahr, force) -> None:
    """Tabellen als Excel-Datei: gremien (ein Blatt je Gremium), verzeichnis (Organisationen und
    Personen), organisationen, personen, gremiendaten, sitzungen.
    """
    from herford_tui.exchange.tabular import xlsx_bytes

    sheets = _sheets(db, what, gremium, stichtag, verlauf, jahr)
    try:
        payload = xlsx_bytes(sheets)
    except ValueError as exc:
        fail(str(exc))
    if is_stdout(out):
        write_stdout(payload, binary=True)
        return
    write_out(Path(out), payload, force)
    rows = sum(len(s.rows) for s in sheets)
    echo(
        f"{count_text(len(sheets), 'Tabellenblatt', 'Tabellenblätter')} mit {count_text(rows, 'Zeile', 'Zeilen')} "
        f"geschrieben nach {out}."
    )


@export.command("emails", cls=NameCommand, context_settings=SETTINGS)
@german_help
@db_option
@click.option("--gremium", metavar="NAME", required=True, help="Das Gremium.")
@click.option("--stichtag", metavar="DATUM", help="Mitglieder an diesem Tag (TT.MM.JJJJ; sonst heute).")
@click.option("--out", "out", metavar="DATEI", help="Zieldatei (sonst oder mit - die Ausgabe).")
@click.option(
    "--form",
    type=click.Choice(("zeilen", "komma", "semikolon", "mailto")),
    default="zeilen",
    show_default=True,
    help="zeilen: eine je Zeile; komma / semikolon (Outlook): eine Zeile zum Einfügen ins An-Feld; "
    "mailto: ein Link mit allen Adressen in BCC.",
)
@click.option("--force", is_flag=True, help="Eine vorhandene Datei überschreiben.")
def export_emails(db, gremium, stichtag, out, form, force) -> None:
    """Die E-Mail-Adressen der aktuellen Mitglieder eines Gremiums (Vorgabe: eine je Zeile).

    Mitglieder ohne E-Mail-Adresse werden als Hinweis genannt.
    """
    from herford_tui.exchange.exports import email_list
    from herford_tui.exchange.mail_lists import formatted

    snapshot = open_store(db_path(db), read_only=True).snapshot()
    committee = committee_named(snapshot, gremium)
    addresses, without = email_list(snapshot, committee, german_date(stichtag, date.today()) or date.today())
    text = formatted(addresses, form)
    if out and not is_stdout(out):
        write_out(Path(out), text.encode("utf-8"), force)
        echo(f"{number(len(addresses))} Adressen geschrieben nach {out}.")
    else:
        echo(text, nl=False)
    for name in without:
        echo(f"Hinweis: {name} hat keine E-Mail-Adresse.", err=True)


@export.command("oparl", context_settings=SETTINGS)
@german_help
@db_option
@click.option("--out", "out", metavar="ORDNER", required=True, help="Zielordner (neu oder leer).")
@click.option("--base-url", metavar="URL", help="Adresse, unter der die Dateien veröffentlicht werden.")
@click.option(
    "--oeffentlich/--intern",
    "--ohne-kontaktdaten",
    "public",
    default=True,
    help="Öffentlich (Vorgabe, wie die Schnittstelle): nur öffentliche TOPs, keine Anwesenheit, keine "
    "Kontaktdaten, nur Personen mit aktueller Mitgliedschaft. --intern gibt alles aus: nur im geschützten Netz.",
)
@click.option("--force", is_flag=True, help="Eine frühere OParl-Ausgabe in diesem Ordner ersetzen.")
def export_oparl(db, out, base_url, public, force) -> None:
    """Alles als OParl 1.1 (System, Körperschaft, Gremien, Organisationen, Personen, Mitgliedschaften,
    Sitzungen, Tagesordnungspunkte, Orte, Protokolle): eine JSON-Datei je Objekt und Listenseite,
    benannt wie seine Adresse (…/system.json), für jeden gewöhnlichen Webserver.

    Vorgabe ist die Veröffentlichung (--oeffentlich); alles nur mit --intern. Der Ordner entsteht als
    Ganzes oder gar nicht.
    """
    from herford_tui.exchange import oparl
    from herford_tui.exchange.oparl_server import deletions
    from herford_tui.store.stamps import current
    from herford_tui.store.written import remember

    if is_stdout(out):
        fail("OParl ist ein Ordner voller Dateien: bitte einen Ordner angeben, nicht die Ausgabe (-).")
    path = db_path(db)
    store = open_store(path, read_only=True)
    target = Path(out)
    if target.exists():
        previous = (target / "system.json").is_file()
        if not target.is_dir() or (any(target.iterdir()) and not (force and previous)):
            fail(
                f"{target} gibt es schon und ist kein leerer Ordner; nichts geschrieben. "
                "Mit --force wird nur eine frühere OParl-Ausgabe (mit system.json) ersetzt."
            )
    snapshot, stamps, version, _ = current(store)
    base = base_url or oparl.DEFAULT_BASE_URL
    export = oparl.build(
        snapshot, stamps, base_url=base, public=public, deleted=deletions(path, version), suffix=".json"
    )
    try:
        with progress(len(export.objects) + len(export.files), "Schreiben") as bar:
            count = oparl.write(export, target, mode=store.file.file_mode(), group_of=path, progress=bar.update)
    except OSError as exc:
        from herford_tui.store.errors import os_reason

        fail(f"{target} lässt sich nicht schreiben ({os_reason(exc)}); nichts geschrieben.")
    # noted as the folder (written as a whole): the DSGVO Auskunft and erasure search its files
    if warning := remember(path, [target]):
        echo(f"Hinweis: {warning}", err=True)
    mode = "öffentlich" if public else "INTERN (mit Kontaktdaten und Anwesenheit)"
    echo(f"{number(count)} OParl-Dateien ({mode}) geschrieben nach {target} (Einstieg: system.json).")


def _sheets(db, what, gremium, stichtag, verlauf, jahr):
    from herford_tui.exchange import exports

    snapshot = open_store(db_path(db), read_only=True).snapshot()
    committees = [committee_named(snapshot, gremium)] if what == "gremien" and gremium else None
    on = date.today() if verlauf else german_date(stichtag, date.today())
    return exports.export_sheets(snapshot, what, on, committees=committees, history=verlauf, year=jahr)


for _command in (export, export_csv, export_xlsx, export_emails, export_oparl):
    _command.context_class = GermanContext
export.add_command(ics)
export.add_command(vcard)
export.add_command(anwesenheit)
