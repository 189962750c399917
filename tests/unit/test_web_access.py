"""``herford-tui web`` without a browser: who a request is, what it may do, the session limit,
the app process's environment, download names, and the refusals of unsafe settings."""

from __future__ import annotations

import grp

import pytest
from aiohttp.test_utils import TestClient, TestServer
from click.testing import CliRunner

from herford_tui.cli import main
from herford_tui.store.audit import USER_ENV
from herford_tui.ui.common.delivery import download_name
from herford_tui.web.access import Access, Identity, Refusal, page, too_many
from herford_tui.web.server import HerfordServer, Session

HEADER = "X-Benutzer"


def test_a_request_without_the_header_is_refused_in_german():
    access = Access.of(HEADER, [])
    refused = access.identify({})
    assert isinstance(refused, Refusal) and refused.status == 403
    assert "Keine Anmeldung" in refused.page() and HEADER in refused.page()
    assert isinstance(access.identify({HEADER: "   "}), Refusal)


@pytest.mark.parametrize("name", ["<b>x</b>", "a\x1b[2J", "anna\nmeier", "x" * 65, '"anna"', " "])
def test_names_that_are_no_login_names_are_refused(name):
    assert isinstance(Access.of(HEADER, []).identify({HEADER: name}), Refusal)


@pytest.mark.parametrize("name", ["anna", "m.meier", "meier@kreis-herford.de", "Anna Müller", "j_schulz-2"])
def test_login_names_pass(name):
    assert Access.of(HEADER, []).identify({HEADER: name}) == Identity(name, read_only=False)


def test_read_only_names_ignore_case_and_may_come_as_lists():
    access = Access.of(HEADER, ["gast, Praktikant", "beamer"])
    assert access.identify({HEADER: "Gast"}) == Identity("Gast", read_only=True)
    assert access.identify({HEADER: "praktikant"}) == Identity("praktikant", read_only=True)
    assert access.identify({HEADER: "beamer"}) == Identity("beamer", read_only=True)
    assert access.identify({HEADER: "anna"}) == Identity("anna", read_only=False)


def test_a_system_group_makes_its_members_read_only(monkeypatch):
    members = {"lesende": grp.struct_group(("lesende", "x", 4711, ["bea", "carl"]))}

    def getgrnam(name: str) -> grp.struct_group:
        return members[name]  # KeyError for an unknown group, as the real one

    monkeypatch.setattr(grp, "getgrnam", getgrnam)
    access = Access.of(HEADER, ["@lesende", "@gibtsnicht"])
    assert access.identify({HEADER: "Bea"}) == Identity("Bea", read_only=True)
    assert access.identify({HEADER: "anna"}) == Identity("anna", read_only=False)


def test_without_a_login_proxy_everyone_is_the_server_account():
    assert Access.of(None, []).identify({}) == Identity(None, read_only=False)


def test_pages_escape_what_they_name():
    assert "<script>" not in page("<script>", "a & b")
    assert "Zu viele Sitzungen" in too_many(3).page() and too_many(3).status == 503


def server(**kwargs) -> HerfordServer:
    options = {"access": Access.of(HEADER, ["gast"]), "max_sessions": 2, "host": "127.0.0.1", "port": 8000}
    return HerfordServer(["--db", "/tmp/x.json"], **(options | kwargs))


def test_each_session_gets_its_name_and_its_own_command(monkeypatch):
    monkeypatch.setenv(USER_ENV, "server-einstellung")
    web = server()
    assert web.command_for(read_only=True).endswith("--read-only")
    assert "--read-only" not in web.command_for(read_only=False)

    async def nothing(*args: object) -> None:
        return None

    io = {"write_bytes": nothing, "write_str": nothing, "close": nothing, "download_manager": web.download_manager}
    assert Session("true", "anna", **io)._build_environment()[USER_ENV] == "anna"
    assert USER_ENV not in Session("true", None, **io)._build_environment()


async def test_the_page_is_refused_without_login_and_beyond_the_limit():
    web = server(max_sessions=1)
    async with TestClient(TestServer(await web._make_app())) as client:
        refused = await client.get("/")
        assert refused.status == 403 and "Keine Anmeldung" in await refused.text()
        assert (await client.get("/ws")).status == 403
        assert (await client.get("/download/abc")).status == 403
        shown = await client.get("/", headers={HEADER: "anna"})
        assert shown.status == 200 and "herford-tui" in await shown.text()
        assert "googleapis" not in await shown.text()  # no request leaves the office network
        web.sockets.add(object())  # type: ignore[arg-type]  # one session open: the limit is reached
        full = await client.get("/", headers={HEADER: "anna"})
        assert full.status == 503 and "Zu viele Sitzungen" in await full.text()
        assert (await client.get("/ws", headers={HEADER: "anna"})).status == 503
        web.sockets.clear()


async def test_the_page_connects_through_the_public_address():
    web = server(public_url="https://gremien.kreis-herford.local/")
    async with TestClient(TestServer(await web._make_app())) as client:
        page = await (await client.get("/", headers={HEADER: "anna"})).text()
    assert 'data-session-websocket-url="wss://gremien.kreis-herford.local/ws"' in page


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("herford-gremien-2026-12-03.xlsx", "herford-gremien-2026-12-03.xlsx"),
        ("/etc/../root/Übersicht Gremien.xlsx", "Uebersicht-Gremien.xlsx"),
        ("a;b\r\nc.csv", "a-b-c.csv"),
        ("..", "vorschlag.xlsx"),
        ("C:\\Daten\\liste.csv", "liste.csv"),
    ],
)
def test_download_names_are_plain_file_names(typed, expected):
    assert download_name(typed, "vorschlag.xlsx") == expected


def test_the_server_is_not_offered_to_the_network_without_login(tmp_path):
    result = CliRunner().invoke(main, ["web", "--db", str(tmp_path / "db.json"), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "ohne Anmeldung" in result.output and "127.0.0.1" in result.output
    assert not (tmp_path / "db.json").exists()


def test_read_only_names_need_the_login_header(tmp_path):
    result = CliRunner().invoke(main, ["web", "--db", str(tmp_path / "db.json"), "--nur-lesen-fuer", "gast"])
    assert result.exit_code == 2 and "--benutzer-header" in result.output


def test_a_port_in_use_is_said_in_german_before_any_address_is_offered(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["web", "--db", str(tmp_path / "db.json"), "--port", str(port)])
        oparl = CliRunner().invoke(main, ["oparl", "--db", str(tmp_path / "db.json"), "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert f"Fehler: 127.0.0.1:{port} lässt sich nicht öffnen (die Adresse ist schon belegt)." in result.output
    assert "im Browser" not in result.output and "EADDRINUSE" not in result.output
    assert oparl.exit_code == 2 and "schon belegt" in oparl.output  # the same words from the one helper
