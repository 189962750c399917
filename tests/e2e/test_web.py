"""``herford-tui web`` in a real browser (headless Chromium) behind a login proxy: the colleague's
name reaches the log and a colleague's conflict message, connections without the login are
refused, read-only colleagues cannot write, an export is downloaded through the browser, and
browser and terminal sessions on one file lose nothing."""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import checksum
from webtools import HEADER, Browser, WebServer, need_chromium, wait_until

from herford_tui.store import Store


@pytest.fixture(scope="module")
def browsers(tmp_path_factory) -> Iterator[list[Browser]]:
    """The Chromium windows of this module's tests, started once (each start costs seconds):
    a test takes them in order, each with its own cookies (one colleague each)."""
    need_chromium()
    started: list[Browser] = []
    yield started
    for browser in started:
        browser.close()


@pytest.fixture
def web(command, tmp_path, browsers, tmp_path_factory):
    need_chromium()
    started: list[WebServer] = []
    taken: list[Browser] = []

    def start(*extra: str) -> WebServer:
        started.append(WebServer(command, tmp_path / "db.json", *extra, home=tmp_path))
        return started[-1]

    def browser() -> Browser:
        if len(taken) == len(browsers):
            browsers.append(Browser(tmp_path_factory.mktemp("downloads")))
        taken.append(browsers[len(taken)])
        for earlier in taken[-1].downloads.iterdir():  # a test sees only its own downloads
            earlier.unlink()
        return taken[-1]

    yield start, browser
    for used in taken:  # leaves the app (the page's connection ends) before its server stops
        used.open("about:blank")
    for server in started:
        server.stop()


def excel_cells(path: Path) -> set[str]:
    """The texts of a downloaded workbook; empty while the browser is still writing it."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except (BadZipFile, OSError, KeyError):
        return set()
    return {str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v}


def log_users(db: Path) -> list[str]:
    log = db.with_name(db.name + ".log")
    return [json.loads(line)["user"] for line in log.read_text(encoding="utf-8").splitlines()]


def signed_in(browser: Browser, server: WebServer, user: str) -> None:
    """Log in at the proxy, wait for the roster, and give the page the keyboard (the app shows its
    keys in the footer once its window has the focus)."""
    browser.open(f"{server.url}/anmelden?benutzer={user}")
    browser.wait_for("unbesetzt")
    browser.driver.execute_script("document.querySelector('.xterm-helper-textarea').focus()")
    # "h Verlauf" reads only, so a read-only colleague's footer shows it too (not "a Neu").
    browser.wait_for("h Verlauf")


def open_new_member_form(session, name: str, enter) -> None:
    session.type("a") if isinstance(session, Browser) else session.keys("a")
    session.wait_for("Mitglied hinzufügen")
    session.type(name)
    session.wait_for("Neue Person anlegen")
    enter()
    session.wait_for("Nachname")


def test_a_browser_colleague_adds_a_member_in_her_own_name(web, tmp_path):
    from selenium.webdriver.common.keys import Keys

    start, open_browser = web
    server = start("--nur-lesen-fuer", "gast, praktikant")
    db = tmp_path / "db.json"

    # Without the login there is nothing: neither directly at the server nor through the proxy.
    assert server.status("/") == 403
    assert "Keine Anmeldung" in server.body("/") and HEADER in server.body("/")
    assert server.status("/ws") == 403
    assert server.status("/", direct=False) == 403
    assert server.status("/", headers={HEADER: "<script>"}) == 403
    assert server.status("/", headers={HEADER: "anna"}) == 200

    browser = open_browser()
    signed_in(browser, server, "anna")
    assert "anna" in browser.screen()  # the header names who is working
    open_new_member_form(browser, "Erika Beispiel", lambda: browser.key(Keys.ENTER))
    before = checksum(db)
    browser.key("ctrl+s")
    wait_until(lambda: checksum(db) != before, "gespeichert")
    browser.wait_until_gone("Mitglied hinzufügen")
    browser.wait_for("Mitglied seit")  # the roster shows her: the app has its keys back
    snapshot = Store(db).open().snapshot()
    assert "Erika Beispiel" in {p.full_name for p in snapshot.persons.values()}
    assert len(snapshot.memberships) == 1
    assert set(log_users(db)) == {"anna"}

    # The "Änderungen" view names her on the entry.
    browser.type("L")
    browser.wait_for("die neueste zuerst")
    # the entries come from a worker, after the screen's title: wait for hers, not only the title
    wait_until(
        lambda: any("anna" in line and "Erika Beispiel" in line for line in browser.screen().splitlines()),
        "Eintrag von anna",
        detail=browser.screen,
    )
    browser.driver.save_screenshot("/tmp/web-shot.png")

    # An export goes to her computer through the browser, not into the server's home folder.
    browser.key(Keys.ESCAPE)
    browser.wait_until_gone("die neueste zuerst")
    browser.type("E")
    browser.wait_for("Dateiname für den Download")
    browser.key("ctrl+s")
    (exported,) = wait_until(
        lambda: [f for f in browser.downloads.glob("herford-gremien-*.xlsx")], "Export heruntergeladen"
    )
    cells = wait_until(lambda: excel_cells(exported), "Excel-Datei vollständig")
    assert "Beispiel" in cells and "Erika" in cells
    assert not list(tmp_path.glob("herford-gremien-*"))  # HOME of the server is tmp_path

    # A read-only colleague sees the data and cannot change it.
    saved = checksum(db)
    signed_in(browser, server, "Gast")  # the list is matched without regard to case
    assert "NUR LESEN" in browser.screen() and "Erika Beispiel" in browser.screen()
    browser.type("a")
    browser.wait_for("ist ausgeschaltet (weil Gast")  # "… hier nur lesen darf" on the next line
    assert "Mitglied hinzufügen" not in browser.screen()
    assert checksum(db) == saved
    assert "Sitzung geöffnet: Gast (nur lesen)" in server.log.read_text()


def test_two_browsers_and_a_terminal_edit_one_file_and_nothing_is_lost(web, terminal, command, tmp_path):
    from selenium.webdriver.common.keys import Keys

    start, open_browser = web
    server = start()
    db = tmp_path / "db.json"
    anna, bernd = open_browser(), open_browser()
    signed_in(anna, server, "anna")
    signed_in(bernd, server, "bernd")
    term = terminal(f"TERM=xterm-256color {command} --db {db}")
    term.wait_for("a Neu")

    # Each opens the form on the data as it is now; then they save one after the other, each on
    # data the others have changed since.
    open_new_member_form(anna, "Anna Aufbruch", lambda: anna.key(Keys.ENTER))
    open_new_member_form(bernd, "Bernd Brause", lambda: bernd.key(Keys.ENTER))
    open_new_member_form(term, "Tina Terminal", lambda: term.keys("Enter"))
    for session, save in (
        (anna, lambda: anna.key("ctrl+s")),
        (bernd, lambda: bernd.key("ctrl+s")),
        (term, lambda: term.keys("C-s")),
    ):
        before = checksum(db)
        save()
        wait_until(lambda before=before: checksum(db) != before, "gespeichert")
        session.wait_until_gone("Mitglied hinzufügen")

    snapshot = Store(db).open().snapshot()
    names = {"Anna Aufbruch", "Bernd Brause", "Tina Terminal"}
    assert {p.full_name for p in snapshot.persons.values()} == names
    assert len(snapshot.memberships) == 3
    assert set(log_users(db)) == {"anna", "bernd", getpass.getuser()}
    # Every session shows the others' members too (each follows the file).
    for session in (anna, bernd, term):
        for name in ("Aufbruch", "Brause", "Terminal"):
            session.wait_for(name)

    # Both open the same person; Bernd saves second and is told that anna changed it meanwhile.
    for session in (anna, bernd):
        for _ in range(4):  # up to the roster's first line (the cursor stops there): Anna Aufbruch
            session.key(Keys.UP)
        session.type("p")
        session.wait_for("Person bearbeiten – Anna Aufbruch")
    before = checksum(db)
    anna.type("X")  # the first field, Vorname
    anna.key("ctrl+s")
    wait_until(lambda: checksum(db) != before, "gespeichert")
    anna.wait_until_gone("Person bearbeiten")
    saved = checksum(db)
    bernd.type("Y")
    bernd.key("ctrl+s")
    bernd.wait_for("anna hat diesen Eintrag inzwischen geändert")
    bernd.key(Keys.ESCAPE)  # keep anna's version
    bernd.wait_until_gone("Änderung eines anderen Benutzers")
    assert checksum(db) == saved
    assert "AnnaX Aufbruch" in {p.full_name for p in Store(db).open().snapshot().persons.values()}
