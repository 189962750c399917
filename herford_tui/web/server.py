"""textual-serve's server with what an office needs on top: the colleague's name from the login
proxy, read-only sessions, a limit on sessions, German pages and texts.

textual-serve starts one app process per browser tab (``AppService``) from a shell command.
``HerfordServer`` handles the page and the websocket itself so that each process gets its own
command (``--read-only`` or not) and the colleague's name in its environment, where the audit log
takes it from (``store.audit.USER_ENV``). The name never goes into the command line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shlex
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from herford_tui.store.audit import USER_ENV
from herford_tui.web.access import Access, Identity, Refusal, too_many

log = logging.getLogger("textual-serve")

TEMPLATES = Path(__file__).with_name("templates")


class Session(AppService):
    """One app process, started with the colleague's name (or, without a login proxy, without any:
    then the log names the server's account)."""

    def __init__(self, command: str, user: str | None, **kwargs: object) -> None:
        super().__init__(command, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment.pop(USER_ENV, None)  # never the server's own setting
        if self.user is not None:
            environment[USER_ENV] = self.user
        return environment


class HerfordServer(Server):
    def __init__(
        self,
        app_arguments: Sequence[str],
        *,
        access: Access,
        max_sessions: int,
        host: str,
        port: int,
        public_url: str | None = None,
    ) -> None:
        self.app_arguments = list(app_arguments)
        super().__init__(
            self.command_for(read_only=False),
            host=host,
            port=port,
            title="herford-tui",
            public_url=public_url.rstrip("/") if public_url else None,  # "https://x/" would give "//ws"
            templates_path=TEMPLATES,
        )
        self.access = access
        self.max_sessions = max_sessions
        self.sockets: set[web.WebSocketResponse] = set()
        """The open sessions' websockets: their number is checked against the limit, and they are
        closed on shutdown (so each app process is told to quit, and the server does not wait)."""

    def command_for(self, *, read_only: bool) -> str:
        """The app as this Python runs it: the same installation, whatever is on the PATH."""
        words = [sys.executable, "-m", "herford_tui", *self.app_arguments]
        return shlex.join([*words, "--read-only"] if read_only else words)

    def check(self, request: web.Request) -> Identity | web.Response:
        identity = self.access.identify(request.headers)
        if isinstance(identity, Refusal):
            log.warning("abgewiesen (%s): %s %s", identity.title, request.remote, request.path)
            return refusal(identity)
        return identity

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        identity = self.check(request)
        if isinstance(identity, web.Response):
            return identity
        if len(self.sockets) >= self.max_sessions:
            return refusal(too_many(self.max_sessions))
        response: web.StreamResponse = await super().handle_index(request)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        identity = self.check(request)
        if isinstance(identity, web.Response):
            return identity
        try:
            download = await self.download_manager.get_download_metadata(request.match_info["key"])
        except KeyError:
            raise web.HTTPNotFound(text="Diesen Download gibt es nicht (mehr).") from None
        service = download.app_service
        if not isinstance(service, Session) or service.user != identity.user:
            raise web.HTTPForbidden(text="Dieser Download gehört zu einer anderen Sitzung.")
        return await super().handle_download(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        identity = self.check(request)
        if isinstance(identity, web.Response):
            raise web.HTTPForbidden(text=identity.text)
        if len(self.sockets) >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text=too_many(self.max_sessions).text)
        websocket = web.WebSocketResponse(heartbeat=15)
        self.sockets.add(websocket)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        session: Session | None = None
        try:
            await websocket.prepare(request)
            log.info("Sitzung geöffnet: %s%s", identity.user or "-", " (nur lesen)" if identity.read_only else "")
            session = Session(
                self.command_for(read_only=identity.read_only),
                identity.user,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            self.sockets.discard(websocket)
            if session is not None:
                await session.stop()
            log.info("Sitzung beendet: %s", identity.user or "-")
        return websocket

    def serve_on(self, sock: socket.socket) -> None:
        """``Server.serve`` on a socket the command has already bound: a port in use is said in
        German by the command (``listening_socket``), not by aiohttp as an untranslated OS error
        after the address to connect to has been printed."""
        self.debug = False
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(self._make_app(), sock=sock, handle_signals=False, loop=loop, print=lambda *args: None)

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(f"herford-tui im Browser: {self.public_url} (Strg+C beendet)", highlight=False, markup=False)

    async def on_shutdown(self, app: web.Application) -> None:
        for websocket in list(self.sockets):
            await websocket.close(code=1001, message=b"Der Server wird beendet.")


def refusal(refused: Refusal) -> web.Response:
    return web.Response(status=refused.status, text=refused.page(), content_type="text/html", charset="utf-8")
