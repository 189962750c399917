"""Reading only the part of the file a look-up needs (``termine``, ``suche``): never writes.

At x10 the meetings table is 50 of the file's 78 MB, and decoding every record costs seconds;
``herford-tui termine`` needs the committees and the meetings of a few weeks. Here the file is
cut into its tables without decoding them (msgspec skips over the bytes), only the needed
tables are decoded, and of the meetings first only their dates (a struct of two fields: the
rest of each record is skipped in C), then the chosen meetings whole.

Taken only for a compact file of the current schema, as the store's own fast path
(``store.py:_fast_load``); anything else returns None and the caller opens the store as
always, which reads every record and says in German what is wrong. A damaged record in a
table the look-up does not read is not reported here (the app and ``check`` do).

With ``HERFORD_TUI_VERIFY=1`` (the tests) every partial read is compared with the records the
whole store reads.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from herford_tui.domain import Committee, Meeting, Snapshot
from herford_tui.store import migrations
from herford_tui.store.files import KNOWN_TABLES, DatabaseFile, gc_paused, structure_problem
from herford_tui.store.image import FileImage, load
from herford_tui.store.migrations import META
from herford_tui.store.typed import GeneralPath, decode_record, decode_table


class _Dated(msgspec.Struct):
    """What choosing meetings by date needs of a stored meeting; its other fields are skipped."""

    committee_id: int = 0
    date: date | None = None


_DATES = msgspec.json.Decoder(dict[int, _Dated])


def upcoming_meetings(path: Path, first: date, last: date) -> Snapshot | None:
    """Every committee and the meetings dated ``first``..``last`` of a committee, or None (see above)."""
    image = _image(path, ("committees", "meetings"))
    if image is None:
        return None
    try:
        with gc_paused():
            committees: dict[int, Committee] = decode_table("committees", image.tables["committees"])
            dates = _DATES.decode(image.tables["meetings"])
            slices = image.records("meetings")
            meetings: dict[int, Meeting] = {}
            for doc_id, head in dates.items():
                if head.date is not None and first <= head.date <= last and head.committee_id in committees:
                    meetings[doc_id] = decode_record("meetings", doc_id, slices[str(doc_id)])  # type: ignore[assignment]
    except (GeneralPath, msgspec.DecodeError, RecursionError, KeyError):
        return None
    found = Snapshot(committees=committees, meetings=meetings)
    if os.environ.get("HERFORD_TUI_VERIFY") == "1":
        whole = _whole(path)
        assert found.committees == whole.committees, "a partial read decoded other committees"
        expected = {
            i: m
            for i, m in whole.meetings.items()
            if m.date and first <= m.date <= last and m.committee_id in whole.committees
        }
        assert found.meetings == expected, "a partial read chose other meetings"
    return found


def _image(path: Path, needed: tuple[str, ...]) -> FileImage | None:
    """The file cut into tables, with ``needed`` checked as the store's fast path checks every
    table; None for anything that must take the general way."""
    raw, _ = DatabaseFile(path, backups=0).read_bytes()
    # the same refusals as ``FileImage.read`` and ``store._fast_load``, for the tables read here
    if b"\\" in raw and (b"\\ud" in raw or b"\\uD" in raw):
        return None
    try:
        tables = msgspec.json.decode(raw, type=dict[str, msgspec.Raw])
    except (msgspec.DecodeError, RecursionError):
        return None
    if META not in tables or set(tables) - KNOWN_TABLES - {META, "_default"}:
        return None
    if bytes(tables.get("_default", b"{}")) != b"{}":
        return None
    image = FileImage(dict(tables))
    try:
        meta: dict[str, Any] = {META: load(tables[META])}
        if not isinstance(meta[META], dict) or structure_problem(meta):
            return None
        if migrations.version_of(meta) != migrations.SCHEMA_VERSION:
            return None
        for name in needed:
            if name in tables and not image.compact(name):
                return None
            image.tables.setdefault(name, b"{}")
    except (msgspec.DecodeError, RecursionError, ValueError, TypeError, AttributeError):
        return None
    return image


def _whole(path: Path) -> Snapshot:
    from herford_tui.store.store import Store

    return Store(path, backups=0, read_only=True).open().snapshot()
