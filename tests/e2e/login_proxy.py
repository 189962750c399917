"""A tiny login proxy for the browser tests, as the office's nginx would be: it passes every
request on to ``herford-tui web`` and names the logged-in user in a header.

"Logging in" is ``GET /anmelden?benutzer=NAME``: a cookie remembers the name (a browser sends
it with the page, the scripts and the websocket alike). Without the cookie the request goes on
without the header, as a misconfigured proxy or a direct request would. A header of that name
sent by the browser itself is always dropped (nginx's ``proxy_set_header`` does the same).

Run: ``python login_proxy.py UPSTREAM_PORT HEADER``; prints ``PORT <n>`` once it listens.
"""

from __future__ import annotations

import asyncio
import sys

import aiohttp
from aiohttp import web

COOKIE = "testanmeldung"
PASSED = ("Accept", "Accept-Language", "User-Agent")
KEPT = ("Content-Type", "Content-Disposition", "Cache-Control")


def main() -> None:
    upstream = f"127.0.0.1:{int(sys.argv[1])}"
    header = sys.argv[2]

    async def login(request: web.Request) -> web.StreamResponse:
        response = web.HTTPFound("/")
        response.set_cookie(COOKIE, request.query["benutzer"])
        return response

    def headers_for(request: web.Request) -> dict[str, str]:
        headers = {name: request.headers[name] for name in PASSED if name in request.headers}
        user = request.cookies.get(COOKIE)
        if user:
            headers[header] = user
        return headers

    async def forward(request: web.Request) -> web.StreamResponse:
        session: aiohttp.ClientSession = request.app["session"]
        if request.headers.get("Upgrade", "").lower() == "websocket":
            return await forward_websocket(request, session)
        async with session.request(
            request.method,
            f"http://{upstream}{request.path_qs}",
            headers=headers_for(request),
            data=await request.read(),
            allow_redirects=False,
        ) as answer:
            body = await answer.read()
            headers = {name: answer.headers[name] for name in KEPT if name in answer.headers}
            return web.Response(status=answer.status, body=body, headers=headers)

    async def forward_websocket(request: web.Request, session: aiohttp.ClientSession) -> web.StreamResponse:
        try:
            upstream_socket = await session.ws_connect(
                f"ws://{upstream}{request.path_qs}", headers=headers_for(request), heartbeat=None
            )
        except aiohttp.WSServerHandshakeError as exc:
            return web.Response(status=exc.status, text="abgewiesen")
        browser = web.WebSocketResponse()
        await browser.prepare(request)

        async def pump(source, target) -> None:
            async for message in source:
                if message.type == aiohttp.WSMsgType.TEXT:
                    await target.send_str(message.data)
                elif message.type == aiohttp.WSMsgType.BINARY:
                    await target.send_bytes(message.data)
                else:
                    break
            await target.close()

        await asyncio.gather(pump(browser, upstream_socket), pump(upstream_socket, browser), return_exceptions=True)
        return browser

    async def start() -> None:
        app = web.Application()
        app["session"] = aiohttp.ClientSession(auto_decompress=False)
        app.router.add_get("/anmelden", login)
        app.router.add_route("*", "/{tail:.*}", forward)
        runner = web.AppRunner(app, handle_signals=True)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        print(f"PORT {port}", flush=True)
        await asyncio.Event().wait()  # until the test kills the process

    asyncio.run(start())


if __name__ == "__main__":
    main()
