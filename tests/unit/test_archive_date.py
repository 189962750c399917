"""The day a committee was archived: kept when archiving, cleared when restoring (the audit log
keeps it), OParl's ``endDate``, in the committees' sheet and back; files and sheets from before
the field stay valid."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from herford_tui.domain import Committee, Seat
from herford_tui.exchange import exports, oparl
from herford_tui.exchange.importing import plan_import
from herford_tui.exchange.tabular import Sheet, csv_bytes, decode_text, parse_csv
from herford_tui.store import Store
from herford_tui.store.stamps import snapshot_with_stamps
from tests.unit.oparl_client import validate

DAY = date(2026, 11, 20)


def test_archiving_keeps_the_day_and_restoring_clears_it():
    c = Committee(id=3, name="AK", seats=[Seat(key="s", label="S")])
    archived = c.archived_as_of(DAY)
    assert (archived.archived, archived.archived_on) == (True, DAY)
    restored = archived.restored()
    assert (restored.archived, restored.archived_on) == (False, None)
    assert restored.seats == c.seats and restored.name == "AK"


def test_a_file_from_before_the_day_was_kept_opens_and_archives_with_the_day(empty_store: Store):
    store = empty_store
    saved = store.save(Committee(name="AK Alt", archived=True))
    raw = store.path.read_bytes()
    assert b'"archived_on":null' in raw
    store.path.write_bytes(raw.replace(b',"archived_on":null', b""))  # as an older version wrote it
    old = Store(store.path).open()
    committee = old.snapshot().committees[saved.id]  # fast and general path agree (HERFORD_TUI_VERIFY)
    assert committee.archived and committee.archived_on is None
    old.save(committee.restored())
    again = old.save(old.snapshot().committees[saved.id].archived_as_of(DAY))
    assert Store(store.path).snapshot().committees[again.id].archived_on == DAY
    docs = json.loads(store.path.read_text(encoding="utf-8"))["committees"]
    assert docs[str(saved.id)]["archived_on"] == "2026-11-20"


def test_oparl_end_date_is_the_archive_day(empty_store: Store):
    store = empty_store
    dated = store.save(Committee(name="AK Datum").archived_as_of(DAY))
    undated = store.save(Committee(name="AK Ohne", archived=True))
    active = store.save(Committee(name="AK Aktiv"))
    snap, stamps = snapshot_with_stamps(store.path)
    built = oparl.build(snap, stamps)
    urls = oparl.Urls(oparl.DEFAULT_BASE_URL)
    objects = {c.id: built.objects[urls.committee(c.id)] for c in (dated, undated, active)}
    assert objects[dated.id]["endDate"] == "2026-11-20"
    assert objects[dated.id]["keyword"] == ["archiviert"]
    assert "endDate" not in objects[undated.id] and objects[undated.id]["keyword"] == ["archiviert"]
    assert "endDate" not in objects[active.id] and "keyword" not in objects[active.id]
    for obj in objects.values():
        validate(json.loads(oparl.dumps(obj)))


def _reimport(store: Store, sheet: Sheet) -> None:
    table = parse_csv(decode_text(csv_bytes(sheet.header, sheet.rows)))
    plan = plan_import("gremiendaten", [table], store.snapshot())
    assert plan.ok, [str(p) for p in plan.problems]
    if not plan.nothing_to_do:
        store.save_import(plan.inserts, plan.updates, plan.base)


def test_the_sheet_carries_the_day_and_a_sheet_without_the_column_keeps_it(empty_store: Store, tmp_path: Path):
    store = empty_store
    dated = store.save(Committee(name="AK Datum").archived_as_of(DAY))
    sheet = exports.committees_sheet(store.snapshot())
    column = sheet.header.index("Archiviert am")
    assert [row[column] for row in sheet.rows] == [DAY]

    target = Store(tmp_path / "b.json", backups=0).open(seed={})
    _reimport(target, sheet)
    (imported,) = target.snapshot().committees.values()
    assert (imported.archived, imported.archived_on) == (True, DAY)

    # A sheet written before the column: the day stays as stored.
    old = Sheet(
        sheet.title,
        [h for h in sheet.header if h != "Archiviert am"],
        [r[:column] + r[column + 1 :] for r in sheet.rows],
    )
    _reimport(store, old)
    assert store.snapshot().committees[dated.id].archived_on == DAY

    # Restored through a sheet ("nein"): no archive day any more.
    archived_column = sheet.header.index("Archiviert")
    restored = [[*r[:archived_column], "nein", *r[archived_column + 1 :]] for r in old.rows]
    _reimport(store, Sheet(old.title, old.header, restored))
    committee = store.snapshot().committees[dated.id]
    assert (committee.archived, committee.archived_on) == (False, None)
