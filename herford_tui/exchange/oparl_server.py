"""The live OParl 1.1 endpoint: an ASGI app (Starlette) over the database file, read-only.

Each request costs one ``stat`` of the file (the store's change detection); only when a colleague
saved is the export built again, once, for all requests waiting. Lists are paginated
(``page``, ``limit``) and filtered (``created_since``, ``modified_since``, ``modified_until``,
``omit_internal``); objects deleted according to the audit log answer with ``deleted: true``.
Answers carry ETag and Last-Modified (a conditional request gets 304) and allow any origin (CORS),
as the OParl spec asks of a public server.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import orjson

from herford_tui.exchange import oparl
from herford_tui.store import Store
from herford_tui.store.errors import StoreError
from herford_tui.store.files import StatKey, gc_paused

MAX_LIMIT = 1000
FILTERED_KEPT = 64
PAGES_KEPT = 256
"""List pages kept per version of the file (pages are 100-250 kB at x10: some 50 MB at most)."""
"""Filtered lists kept per version of the file (a client pages through one filter at a time)."""
FILTERS = ("created_since", "modified_since", "modified_until")
JSON_TYPE = "application/json; charset=utf-8"


@dataclass
class View:
    """One version of the export, with what the requests need prepared once."""

    export: oparl.Export
    key: tuple[StatKey, date]
    last_modified: datetime
    by_path: dict[str, str] = field(default_factory=dict)
    """Path below the base (``person/12``) → id."""
    _bytes: dict[str, bytes] = field(default_factory=dict)
    _times: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    _filtered: dict[tuple[Any, ...], list[oparl.JSON]] = field(default_factory=dict)
    pages: dict[tuple[str, str], bytes] = field(default_factory=dict)
    """(list id, query) → the page's bytes: the same page asked again in this version costs a look-up."""

    def object_bytes(self, url: str) -> bytes:
        found = self._bytes.get(url)
        if found is None:
            found = self._bytes[url] = oparl.dumps(self.export.objects[url])
        return found

    def filtered(self, list_url: str, *bounds: float | None) -> list[oparl.JSON]:
        """The list's items within the bounds; kept, so a client paging through pays the filter once."""
        key = (list_url, *bounds)
        found = self._filtered.get(key)
        if found is None:
            if len(self._filtered) >= FILTERED_KEPT:
                self._filtered.pop(next(iter(self._filtered)))
            found = self._filtered[key] = _filter(self.export.lists[list_url], self.times(list_url), *bounds)
        return found

    def times(self, list_url: str) -> list[tuple[float, float]]:
        """(created, modified) of each item of a list as POSIX seconds, computed on first use."""
        found = self._times.get(list_url)
        if found is None:
            found = self._times[list_url] = [
                (_seconds(item["created"]), _seconds(item["modified"])) for item in self.export.lists[list_url]
            ]
        return found


def _filter(
    items: list[oparl.JSON],
    times: list[tuple[float, float]],
    created_since: float | None,
    modified_since: float | None,
    modified_until: float | None,
) -> list[oparl.JSON]:
    return [
        item
        for item, (created, modified) in zip(items, times, strict=True)
        if (created_since is None or created >= created_since)
        and (modified_since is None or modified >= modified_since)
        and (modified_until is None or modified <= modified_until)
    ]


def deletions(db: Path, version: int) -> list[oparl.Deletion]:
    """What the audit log saw deleted, with when it was created (its insert) and deleted."""
    from herford_tui.store.audit import entries_up_to

    inserted: dict[tuple[str, int], str] = {}
    gone: dict[tuple[str, int], str] = {}
    for entry in entries_up_to(db, version):
        key = (str(entry.get("table")), entry.get("id"))
        if not isinstance(key[1], int):
            continue
        if entry.get("action") == "insert":
            inserted.setdefault(key, str(entry.get("at", "")))  # type: ignore[arg-type]
        elif entry.get("action") == "delete":
            gone[key] = str(entry.get("at", ""))  # type: ignore[index]
    return [oparl.Deletion(t, i, at, inserted.get((t, i), "")) for (t, i), at in gone.items() if at]


class LiveExport:
    """The export of the database as it is now: built again only when the file changed."""

    def __init__(self, path: Path, base_url: str, *, public: bool = True, today: Any = date.today):
        self.path = Path(path)
        self.base_url = base_url.rstrip("/")
        self.public = public
        self.today = today
        self.store = Store(self.path, backups=0, read_only=True).open()
        self._view: View | None = None
        self._lock = threading.Lock()

    def watch(self, interval: float = 1.0) -> threading.Event:
        """Rebuild in the background soon after a save (one ``stat`` a second), so the first request
        after it mostly finds the new version ready; a request still checks and waits for it itself.
        Set the returned event to stop."""
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(interval):
                try:
                    self.current()
                except Exception:  # a damaged file: the next request reports it in German
                    continue

        threading.Thread(target=loop, name="oparl-watch", daemon=True).start()
        return stop

    def current(self) -> View:
        view = self._view
        if self._fresh(view):
            assert view is not None
            return view
        with self._lock:  # one rebuild for every request that arrived meanwhile
            view = self._view
            if self._fresh(view):
                assert view is not None
                return view
            # Nobody is served the old version any more (it is not fresh): let it go before the new
            # one is built, so the two are not in memory together (about 250 MB at x10).
            self._view = view = None
            self._view = view = self._build()
            return view

    def _fresh(self, view: View | None) -> bool:
        """The view was built from the file as it is now (its own stat key, not the store's: the
        store's moves on while a rebuild is still under way), and on today's date."""
        if view is None:
            return False
        try:
            key = self.store.file.stat_key()
        except StoreError:
            return False  # the rebuild says in German what is wrong
        return key == view.key[0] and view.key[1] == self.today()

    def _build(self) -> View:
        from herford_tui.store.stamps import current

        snapshot, stamps, version, key = current(self.store)
        today = self.today()
        with gc_paused(freeze=True):  # an export is 10^6 objects without cycles, kept until the next save
            export = oparl.build(
                snapshot,
                stamps,
                base_url=self.base_url,
                public=self.public,
                deleted=deletions(self.path, version),
                today=today,
            )
        body = export.objects[oparl.Urls(self.base_url).body]
        view = View(export, (key, today), datetime.fromisoformat(body["modified"]))
        for url in [*export.objects, *export.lists, *export.files]:
            view.by_path[url[len(self.base_url) :].strip("/")] = url
        return view


def create_app(live: LiveExport) -> Any:
    """The Starlette app serving ``live`` below ``/oparl`` (path of the base URL)."""
    from urllib.parse import urlsplit

    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request
    from starlette.responses import RedirectResponse, Response
    from starlette.routing import Route

    prefix = urlsplit(live.base_url).path.rstrip("/")

    def error(status: int, message: str) -> Response:
        body = orjson.dumps({"error": message, "status": status})
        return Response(body, status, media_type=JSON_TYPE)

    def answer(request: Request, body: bytes, media_type: str, modified: datetime) -> Response:
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = {
            "ETag": etag,
            "Last-Modified": format_datetime(modified.astimezone(UTC).replace(microsecond=0), usegmt=True),
            "Cache-Control": "no-cache",  # always ask again: a colleague's save is visible at once
        }
        if _not_modified(request, etag, modified):
            return Response(status_code=304, headers=headers)
        return Response(body, 200, headers=headers, media_type=media_type)

    async def serve(request: Request) -> Response:
        from herford_tui.store.errors import StoreError

        try:
            view = await run_in_threadpool(live.current)  # a rebuild reads the file: not on the event loop
        except StoreError as exc:  # a damaged or vanished file: said in German, the server stays up
            return error(503, str(exc))
        path = request.path_params["path"].strip("/")
        url = view.by_path.get(path)
        if url is None:
            return error(404, f"Unter /{path} gibt es kein OParl-Objekt.")
        export = view.export
        if url in export.files:
            return answer(request, export.files[url], "text/plain; charset=utf-8", view.last_modified)
        if url in export.objects:
            data = export.objects[url]
            return answer(request, view.object_bytes(url), JSON_TYPE, _parse(data["modified"]) or view.last_modified)
        key = (url, request.url.query)
        body = view.pages.get(key)
        if body is None:
            try:
                body = _list_page(view, url, request.query_params, url)
            except ValueError as exc:
                return error(400, str(exc))
            if len(view.pages) >= PAGES_KEPT:
                view.pages.pop(next(iter(view.pages)))
            view.pages[key] = body
        return answer(request, body, JSON_TYPE, view.last_modified)

    async def root(request: Request) -> Response:
        return RedirectResponse(f"{prefix}/system")

    return Starlette(
        routes=[
            Route("/", root, methods=["GET", "HEAD"]),
            Route(prefix + "/{path:path}", serve, methods=["GET", "HEAD"]),
        ],
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "HEAD", "OPTIONS"],
                expose_headers=["ETag", "Last-Modified"],
            )
        ],
    )


def _list_page(view: View, url: str, query: Any, self_url: str) -> bytes:
    items = view.export.lists[url]
    bounds = {name: _parse_query(name, query.get(name)) for name in FILTERS}
    omit = query.get("omit_internal", "").lower() in ("1", "true", "yes", "ja")
    try:
        number = int(query.get("page", "1"))
        limit = int(query.get("limit", str(oparl.PAGE_SIZE)))
    except ValueError:
        raise ValueError("page und limit müssen ganze Zahlen sein.") from None
    if number < 1 or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"page muss ab 1 zählen, limit zwischen 1 und {MAX_LIMIT} liegen.")
    if any(v is not None for v in bounds.values()):
        items = view.filtered(url, *(bounds[name] for name in FILTERS))
    kept = {k: v for k, v in query.items() if k != "page"}

    def link(n: int) -> str:
        return f"{self_url}?{urlencode({**kept, 'page': n})}"

    return orjson.dumps(oparl.page(items, number, limit, link, omit_internal=omit))


def _parse_query(name: str, value: str | None) -> float | None:
    if not value:
        return None
    found = _parse(value.replace(" ", "+"))  # a '+' of the offset arrives as a space when not encoded
    if found is None:
        raise ValueError(f"{name}: „{value}“ ist kein Zeitpunkt nach ISO 8601 (z. B. 2026-01-31T12:00:00+01:00).")
    return found.timestamp()


def _parse(text: str) -> datetime | None:
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def _seconds(text: str) -> float:
    found = _parse(text)
    return found.timestamp() if found else 0.0


def _not_modified(request: Any, etag: str, modified: datetime) -> bool:
    match = request.headers.get("if-none-match")
    if match is not None:
        return etag in [tag.strip().removeprefix("W/") for tag in match.split(",")] or match.strip() == "*"
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False
