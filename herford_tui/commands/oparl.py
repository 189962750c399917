"""``herford-tui oparl``: the database as a live, read-only OParl 1.1 endpoint (Starlette + uvicorn)."""

from __future__ import annotations

import socket

import click

from herford_tui.cli import GermanContext, command_db, db_option, german_help
from herford_tui.commands.common import echo, fail, listening_socket


@click.command("oparl")
@german_help
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ADRESSE", help="Adresse, auf der gehört wird.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8080, show_default=True, metavar="PORT", help="0: ein freier Port."
)
@click.option(
    "--base-url", metavar="URL", help="Öffentliche Adresse (hinter einem Proxy); sonst http://HOST:PORT/oparl."
)
@click.option(
    "--oeffentlich/--intern",
    "public",
    default=True,
    help="Öffentlich (Vorgabe): nur öffentliche TOPs, keine Anwesenheit, keine Kontaktdaten, nur Personen "
    "mit aktueller Mitgliedschaft. --intern gibt alles aus: nur im geschützten Netz verwenden.",
)
def oparl(db: str | None, host: str, port: int, base_url: str | None, public: bool) -> None:
    """Die Datenbank als OParl-1.1-Schnittstelle (nur lesend, für Ratsinformations-Programme).

    Jede Anfrage sieht den gespeicherten Stand: die Änderung einer Kollegin ist bei der nächsten
    Anfrage da. Strg+C beendet.
    """
    # Heavy imports only here: uvicorn and starlette are not needed by any other command.
    import uvicorn

    from herford_tui.exchange.oparl_server import LiveExport, create_app

    path = command_db(db)
    if not path.exists():
        fail(f"Die Datenbank {path} gibt es nicht.")
    sock = listening_socket(host, port)
    port = sock.getsockname()[1]
    shown = f"[{host}]" if sock.family == socket.AF_INET6 else host
    base = (base_url or f"http://{shown}:{port}/oparl").rstrip("/")
    live = LiveExport(path, base, public=public)  # store errors: German, via the CLI group
    live.current()  # built before the first request, so a broken file is reported here
    live.watch()
    mode = "öffentlich" if public else "INTERN (mit Kontaktdaten und Anwesenheit)"
    echo(f"OParl-Schnittstelle ({mode}): {base}/system – Strg+C beendet.")
    config = uvicorn.Config(create_app(live), log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])


oparl.context_class = GermanContext
