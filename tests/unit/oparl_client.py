"""A small OParl client for the tests: walks a server from ``system`` like a crawler does.

Every object (embedded ones too) is validated against the official OParl 1.1 schemas
(``tests/data/oparl-1.1-schema``); every URL below the base that an object names is fetched.
"""

from __future__ import annotations

import json
import selectors
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "oparl-1.1-schema"
NOT_LINKS = ("id", "type", "oparlVersion", "website", "accessUrl", "downloadUrl")
_validators: dict[str, Any] = {}


def validate(obj: dict) -> None:
    """``obj`` and every object embedded in it against the schema of its type."""
    for found in embedded(obj, []):
        kind = found["type"].rsplit("/", 1)[1]
        if kind not in _validators:
            schema = json.loads((SCHEMAS / f"{kind}.json").read_text(encoding="utf-8"))
            _validators[kind] = jsonschema.validators.validator_for(schema)(
                schema, format_checker=jsonschema.FormatChecker()
            )
        errors = [e.message for e in _validators[kind].iter_errors(found)]
        assert not errors, f"{found['id']}: {errors}"
        assert found.get("created") and found.get("modified"), found["id"]


def embedded(value: Any, found: list) -> list:
    if isinstance(value, dict):
        if "type" in value:
            found.append(value)
        for v in value.values():
            embedded(v, found)
    elif isinstance(value, list):
        for v in value:
            embedded(v, found)
    return found


def links(value: Any, found: set) -> set:
    """Every URL an object names (not its own id, not outside pages)."""
    if isinstance(value, dict):
        for key, v in value.items():
            if key not in NOT_LINKS:
                links(v, found)
    elif isinstance(value, list):
        for v in value:
            links(v, found)
    elif isinstance(value, str) and value.startswith("http"):
        found.add(value)
    return found


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def get_json(url: str) -> dict:
    status, _, body = get(url)
    assert status == 200, f"{url}: {status} {body[:200]!r}"
    return json.loads(body)


@dataclass
class Walk:
    objects: dict[str, dict] = field(default_factory=dict)
    """id → object as the server answered for that id."""
    lists: dict[str, list[dict]] = field(default_factory=dict)
    """list URL (first page) → every item over all pages."""
    pages: int = 0
    files: dict[str, bytes] = field(default_factory=dict)


def walk(system_url: str, base: str, list_query: str = "") -> Walk:
    """From ``system`` through every object, list and page; each id fetched once and validated."""
    result = Walk()
    todo = [system_url]
    seen = {system_url}
    while todo:
        url = todo.pop()
        data = get_json(url)
        if "data" in data and "pagination" in data:
            items = []
            page: dict | None = data
            while page is not None:
                result.pages += 1
                assert page["pagination"]["totalElements"] >= len(page["data"])
                items += page["data"]
                following = page["links"].get("next")
                page = get_json(following) if following else None
            result.lists[url] = items
            found = [i for item in items for i in embedded(item, [])]
        else:
            assert data["id"] == url, f"{url} answers with id {data['id']}"
            result.objects[url] = data
            found = embedded(data, [])
        for obj in found:
            validate(obj)
            for target in [obj["id"], *links(obj, set())]:
                if target.startswith(base) and target not in seen:
                    seen.add(target)
                    is_list = target not in result.objects and _is_list(target)
                    todo.append(target + list_query if is_list and list_query else target)
                    if is_list and list_query:
                        seen.add(target + list_query)
            for key in ("accessUrl",):
                if key in obj and obj[key] not in result.files:
                    status, headers, body = get(obj[key])
                    assert status == 200 and headers["content-type"].startswith("text/plain"), obj[key]
                    result.files[obj[key]] = body
    return result


def _is_list(url: str) -> bool:
    tail = url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".json")
    return tail in ("bodies", "meetings", "organizations", "people", "memberships", "agendaitems", "locations",
                    "files", "papers")  # fmt: skip


def wait_for(condition: Callable[[], bool], what: str, deadline: float = 120) -> None:
    """Poll ``condition`` (a state only the action under test brings about) with a generous deadline."""
    end = time.monotonic() + deadline
    while not condition():
        assert time.monotonic() < end, f"gave up waiting for {what}"
        time.sleep(0.05)


def first_line(process: subprocess.Popen, deadline: float = 180) -> str:
    """The first line the process prints (it prints it only when it serves), or "" at the deadline."""
    assert process.stdout is not None
    ready = selectors.DefaultSelector()
    ready.register(process.stdout, selectors.EVENT_READ)
    found = ready.select(timeout=deadline)
    ready.close()
    return process.stdout.readline() if found else ""


def start_endpoint(db: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """``herford-tui oparl --port 0`` (the system picks a free port: no race with other tests);
    returns the process and the system URL it names."""
    process = subprocess.Popen(
        [sys.executable, "-m", "herford_tui", "oparl", "--db", str(db), "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = first_line(process)  # printed once the first export is built and the socket listens
    if "/system" not in line:
        process.kill()
        raise AssertionError(f"endpoint did not start: {line}{process.stderr.read() if process.stderr else ''}")
    url = next(word for word in line.split() if word.endswith("/system"))
    return process, url


def start_http_server(folder: Path) -> tuple[subprocess.Popen, int]:
    """``python -m http.server 0`` serving ``folder``; returns the process and the port it took."""
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = first_line(process)  # "Serving HTTP on 127.0.0.1 port 43817 (http://127.0.0.1:43817/) ..."
    if " port " not in line:
        process.kill()
        raise AssertionError(f"http.server did not start: {line!r}")
    return process, int(line.split(" port ", 1)[1].split()[0])
