"""``herford-tui web``: the app in the browser (textual-serve), behind the office's login proxy."""

from __future__ import annotations

import ipaddress

import click

from herford_tui.cli import GermanContext, command_db, db_option, german_help
from herford_tui.commands.common import echo, fail, listening_socket


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("web")
@german_help
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="ADRESSE",
    help="Adresse, auf der gehört wird. Nur der Proxy des Büros soll den Server erreichen: nie 0.0.0.0.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, metavar="PORT")
@click.option(
    "--public-url",
    metavar="URL",
    help="Die Adresse, unter der die Kolleginnen die Seite öffnen (die des Proxys, z. B. "
    "https://gremien.kreis-herford.local); sonst http://ADRESSE:PORT.",
)
@click.option(
    "--benutzer-header",
    "user_header",
    metavar="NAME",
    help="Kopfzeile, in der der Proxy den angemeldeten Benutzer nennt (z. B. X-Benutzer). Verbindungen "
    "ohne sie werden abgewiesen; das Änderungsprotokoll nennt diesen Namen.",
)
@click.option(
    "--nur-lesen-fuer",
    "read_only",
    multiple=True,
    metavar="NAMEN",
    help="Benutzer (durch Komma getrennt, auch mehrfach; @gruppe: die Mitglieder einer Systemgruppe), "
    "deren Sitzungen nur lesen dürfen.",
)
@click.option(
    "--max-sitzungen",
    "max_sessions",
    type=click.IntRange(1, 200),
    default=8,
    show_default=True,
    metavar="ZAHL",
    help="Höchstens so viele Browser-Sitzungen zugleich (jede ist ein eigenes Programm, etwa 100 MB).",
)
def web(
    db: str | None,
    host: str,
    port: int,
    public_url: str | None,
    user_header: str | None,
    read_only: tuple[str, ...],
    max_sessions: int,
) -> None:
    """Das Programm im Browser anbieten (für Kolleginnen ohne SSH), hinter dem Anmelde-Proxy des Büros.

    Jeder Browser-Tab ist ein eigenes Programm auf derselben Datenbank, mit denselben Sperren.
    Einrichtung mit nginx: siehe README, „Im Browser“. Strg+C beendet.
    """
    from herford_tui.commands.common import open_store
    from herford_tui.web.access import NAME, Access

    path = command_db(db)
    if user_header is not None and not user_header.strip():
        fail("--benutzer-header braucht den Namen einer Kopfzeile, z. B. X-Benutzer.")
    access = Access.of(user_header, read_only)
    if not is_loopback(host):
        if access.header is None:
            fail(
                f"{host} ist von anderen Rechnern erreichbar, und ohne --benutzer-header könnte dort jeder "
                "ohne Anmeldung die Daten ändern. Den Server auf 127.0.0.1 lassen und den Proxy des Büros "
                "davor setzen (README, „Im Browser“)."
            )
        echo(
            f"Warnung: {host} ist von anderen Rechnern erreichbar. Wer den Port direkt erreicht, kann die "
            f"Kopfzeile {access.header} selbst setzen und sich als jemand anderes ausgeben.",
            err=True,
        )
    if access.read_only and access.header is None:
        fail("--nur-lesen-fuer braucht --benutzer-header: ohne Anmeldung ist niemand bekannt.")
    for name in access.read_only:
        if not NAME.fullmatch(name):
            fail(f"„{name}“ ist kein Benutzername (Buchstaben, Ziffern, Leerzeichen und . _ @ + -).")
    open_store(path, create=True)  # created (or upgraded) once here, not by the first tabs at once
    sock = listening_socket(host, port)  # a port in use is said here, before the address is printed
    from herford_tui.web.server import HerfordServer

    arguments = ["--db", str(path.resolve())]
    server = HerfordServer(
        arguments, access=access, max_sessions=max_sessions, host=host, port=port, public_url=public_url
    )
    if access.header is None:
        echo("Ohne --benutzer-header: alle Sitzungen schreiben als dieses Konto ins Änderungsprotokoll.", err=True)
    server.serve_on(sock)


web.context_class = GermanContext
