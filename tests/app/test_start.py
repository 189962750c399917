"""Starting the app: database location, seed on first start, clear errors for a broken file."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from herford_tui.app import create_app
from herford_tui.cli import main
from herford_tui.store import CorruptFileError, Store

TODAY = date(2026, 11, 28)


def test_first_start_creates_the_file_from_the_seed(tmp_path):
    db = tmp_path / "sub" / "db.json"
    app = create_app(db, today=lambda: TODAY)
    names = {c.name for c in app.snapshot.committees.values()}
    assert {"Bildungskonferenz", "Lenkungskreis", "Regionales Leitungsteam"} <= names
    assert {f"Arbeitskreis {n}" for n in range(1, 5)} <= names
    assert not app.snapshot.persons  # the seed holds no personal data
    assert db.exists()


def test_existing_file_is_never_replaced_by_the_seed(tmp_path):
    db = tmp_path / "db.json"
    store = Store(db).open()
    lk = next(c for c in store.snapshot().committees.values() if c.name == "Lenkungskreis")
    store.save(lk.__class__(**{**vars(lk), "name": "Lenkungskreis (umbenannt)"}))
    before = db.read_bytes()
    create_app(db, today=lambda: TODAY)
    assert db.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b'{"meta": {', b"\x00\x01garbage", b"[1, 2, 3]"])
def test_broken_file_gives_german_error_and_stays_untouched(tmp_path, content):
    db = tmp_path / "db.json"
    db.write_bytes(content)
    with pytest.raises(CorruptFileError) as caught:
        create_app(db, today=lambda: TODAY)
    assert str(db) in str(caught.value) and "nicht lesbar" in str(caught.value)
    result = CliRunner().invoke(main, ["--db", str(db)])
    assert result.exit_code == 2
    assert "Fehler: Die Datenbank" in result.output
    assert db.read_bytes() == content


def test_open_view_accepts_names_and_rejects_unknown(tmp_path):
    db = tmp_path / "db.json"
    assert create_app(db, open_view="Regionales Leitungsteam")._open_view.committee_id is not None
    assert create_app(db, open_view="jahr")._open_view.pane_id == "jahr"
    assert create_app(db, open_view="AK 3")._open_view.pane_id == "arbeitskreise"
    with pytest.raises(ValueError, match="Unbekannte Ansicht"):
        create_app(db, open_view="vorstand")


async def test_app_shows_tabs_for_the_active_committees(tmp_path):
    db = tmp_path / "db.json"
    app = create_app(db, today=lambda: TODAY)
    async with app.run_test(size=(120, 40)) as pilot:  # at 80 columns long labels are shortened
        await pilot.pause()
        labels = [str(tab.label) for tab in app.query_one("#tabs").query("ContentTabs Tab")]
        assert labels[:4] == ["Konferenz", "Lenkungskreis", "Leitungsteam", "Arbeitskreise"]
        assert labels[-3:] == ["Organisationen", "Jahr", "Auswertung"]
    data = json.loads(db.read_text(encoding="utf-8"))
    assert data["meta"]["1"]["schema"] >= 1
