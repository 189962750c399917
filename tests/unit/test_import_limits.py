"""Bounded, strict imports: a zip bomb, a full-height XLSX and a 200k-row CSV are refused quickly
and in little memory (measured on a separate process), NUL bytes and broken quoting are refused,
the check is linear (no copy of the data per row), and a colleague saves while a large import
is checked: the file lock is held only for the short write at the end."""

from __future__ import annotations

import os
import resource
import struct
import subprocess
import sys
import threading
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herford_tui.domain import Person, Snapshot
from herford_tui.exchange.importing import plan_import
from herford_tui.exchange.tabular import Limits, TableError, decode_text, parse_csv
from herford_tui.store import Store

SECONDS = 10.0
MEGABYTES = 300

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Tabelle1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"


PARTS = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": ROOT_RELS,
    "xl/workbook.xml": WORKBOOK,
    "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
}
SHEET = "xl/worksheets/sheet1.xml"


def _workbook(path: Path, rows, *, dimension: str = "") -> None:
    """A minimal XLSX written part by part (the sheet streamed: no big string in memory).

    Packed at zlib's fastest level: how small the file is is not under test, and level 9 spent
    2 of the 3 s of CPU that the full-height workbook took to write (issue 20.7)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write(SHEET_HEAD.format(dimension=dimension).encode())
            for chunk in rows:
                sheet.write(chunk)
            sheet.write(SHEET_TAIL.encode())


# The child reports its own peak from /proc/self/status (VmHWM belongs to the address space the
# exec created). ru_maxrss from wait4 is no measure: Linux carries the parent's high-water mark
# across fork and exec, so a child of a 350 MB pytest worker "peaks" at 350 MB before it starts.
_MEASURED = """
import atexit, os, runpy, sys

def report():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["HERFORD_TEST_PEAK"], "w") as out:
        out.write(peak)

atexit.register(report)
sys.argv = ["herford-tui", *sys.argv[1:]]
runpy.run_module("herford_tui", run_name="__main__", alter_sys=True)
"""


def _import_in_a_process(db: Path, file: Path) -> tuple[int, str, float, float]:
    """(exit code, output, CPU seconds, peak memory in MB) of ``herford-tui import`` on its own.

    CPU seconds (user + system of the child), not wall time: on a loaded machine (a CI run, the
    suite with -n 3 beside other work) the same refusal took 12 s of wall time, a wait for the
    processor that says nothing about reading too much."""
    peak = file.with_name(file.name + ".peak")
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, "import", "organisationen", str(file), "--db", str(db), "--ja"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "HERFORD_TEST_PEAK": str(peak)},
    )
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime
    return done.returncode, done.stdout, seconds, int(peak.read_text()) / 1024


def _bomb(path: Path, megabytes: int) -> None:
    """The workbook with a sheet of ``megabytes`` MiB of blanks, packed as tight as deflate packs.

    The sheet's deflate stream is one packed MiB of blanks over and over: each piece ends with a
    full flush (no reference back into the one before), so all pieces are the same bytes and are
    packed once (zlib spent 1.6 s of CPU packing the 300 MiB; issue 20.7). The zip's records are
    written here: zipfile packs whatever it is given itself."""
    head = (
        SHEET_HEAD.format(dimension="").encode() + b'<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>'
    )
    blank = b" " * (1 << 20)
    tail = SHEET_TAIL.encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_head = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    packed_blank = packer.compress(blank) + packer.flush(zlib.Z_FULL_FLUSH)
    assert packer.compress(blank) + packer.flush(zlib.Z_FULL_FLUSH) == packed_blank  # the same bytes each time
    packed_tail = packer.compress(tail) + packer.flush()
    crc = zlib.crc32(head)
    for _ in range(megabytes):
        crc = zlib.crc32(blank, crc)
    crc = zlib.crc32(tail, crc)
    sheet = (
        crc,
        len(head) + megabytes * len(blank) + len(tail),
        [packed_head, *[packed_blank] * megabytes, packed_tail],
    )
    entries = {
        name: (zlib.crc32(text.encode()), len(text.encode()), [_deflate(text.encode())]) for name, text in PARTS.items()
    }
    entries[SHEET] = sheet
    central = b""
    with path.open("wb") as out:
        for name, (crc, size, pieces) in entries.items():
            offset, packed = out.tell(), sum(map(len, pieces))
            fields = struct.pack("<HHHHHIII", 20, 0, zipfile.ZIP_DEFLATED, 0, 0x21, crc, packed, size)
            out.write(b"PK\x03\x04" + fields + struct.pack("<HH", len(name), 0) + name.encode())
            out.writelines(pieces)
            central += b"PK\x01\x02" + struct.pack("<H", 20) + fields
            central += struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, offset) + name.encode()
        start = out.tell()
        out.write(central)
        out.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(central), start, 0))


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(empty_store: Store, tmp_path: Path):
    bomb = tmp_path / "bombe.xlsx"
    _bomb(bomb, 300)
    with zipfile.ZipFile(bomb) as archive:  # a workbook that zipfile reads (unpacking it all took 1.5 s)
        assert archive.read("xl/workbook.xml").decode() == WORKBOOK and archive.getinfo(SHEET).file_size > 300 << 20
        assert archive.open(SHEET).read(len(SHEET_HEAD) + 100).startswith(b'<?xml version="1.0"')
    assert 200_000 < bomb.stat().st_size < 400_000  # about 300 KB that unpack to 300 MB
    code, output, seconds, megabytes = _import_in_a_process(empty_store.path, bomb)
    assert code == 2 and "würde entpackt" in output and "höchstens 200.000.000 Bytes" in output, output
    assert seconds < SECONDS and megabytes < MEGABYTES, (seconds, megabytes)


def test_a_workbook_of_1048576_rows_is_refused(empty_store: Store, tmp_path: Path):
    full = tmp_path / "voll.xlsx"
    rows = 1_048_576

    def chunks():
        for start in range(1, rows + 1, 10_000):
            yield "".join(
                f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Org {n}</t></is></c></row>'
                for n in range(start, min(start + 10_000, rows + 1))
            ).encode()

    _workbook(full, chunks())  # without the <dimension> Excel writes: counted, not trusted
    code, output, seconds, megabytes = _import_in_a_process(empty_store.path, full)
    assert code == 2 and "1.048.576 Zeilen; höchstens 100.000" in output, output
    assert seconds < SECONDS and megabytes < MEGABYTES, (seconds, megabytes)


def test_a_workbook_that_hides_its_height_is_refused_while_reading(tmp_path: Path):
    from herford_tui.exchange.tabular import read_tables

    tall = tmp_path / "hoch.xlsx"
    _workbook(
        tall,
        [
            "".join(
                f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x{n}</t></is></c></row>' for n in range(1, 2001)
            ).encode()
        ],
    )
    with pytest.raises(TableError, match=r"ein Tabellenblatt hat 2\.000 Zeilen; höchstens 1\.000"):
        read_tables(tall, Limits(rows=1000))


def test_a_csv_of_200000_rows_is_refused(empty_store: Store, tmp_path: Path):
    big = tmp_path / "gross.csv"
    with big.open("w", encoding="utf-8") as out:
        out.write("Name;Kommune\n")
        for n in range(200_000):
            out.write(f"Organisation {n};Herford\n")
    code, output, seconds, megabytes = _import_in_a_process(empty_store.path, big)
    assert code == 2 and "Mehr als 100.000 Zeilen" in output, output
    assert seconds < SECONDS and megabytes < MEGABYTES, (seconds, megabytes)


def test_nul_bytes_and_broken_quoting_are_refused(empty_store: Store, tmp_path: Path):
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"Name;Kommune\nSchule\x00;Herford\n")
    code, output, _, _ = _import_in_a_process(empty_store.path, nul)
    assert code == 2 and "Zeile 2: Die Datei enthält ein NUL-Zeichen" in output, output
    quote = tmp_path / "quote.csv"
    quote.write_text('Name;Kommune\n"Schule am Wall;Herford\nKita;Enger\n', encoding="utf-8")
    code, output, _, _ = _import_in_a_process(empty_store.path, quote)
    assert code == 2 and "ein Anführungszeichen wird nicht geschlossen" in output, output
    with pytest.raises(TableError, match="fehlerhafte Anführungszeichen"):
        parse_csv(decode_text(b'Name;Kommune\n"Schule" am Wall;Herford\n'))
    assert empty_store.snapshot().organisations == {}


def test_other_limits_are_named(tmp_path: Path):
    with pytest.raises(TableError, match="höchstens 3 werden eingelesen"):
        parse_csv(("a;b;c;d\n1;2;3;4\n", "UTF-8"), Limits(columns=3))
    with pytest.raises(TableError, match="Mehr als 5 Zellen"):
        parse_csv(("a;b\n1;2\n3;4\n5;6\n", "UTF-8"), Limits(cells=5))
    with pytest.raises(TableError, match="eine Zelle ist zu lang"):
        parse_csv(("a;b\n" + "x" * 50 + ";2\n", "UTF-8"), Limits(cell_chars=10))
    big = tmp_path / "big.csv"
    big.write_text("Name\n" + "x\n" * 100, encoding="utf-8")
    from herford_tui.exchange.tabular import read_tables

    with pytest.raises(TableError, match="höchstens 50 Bytes werden eingelesen"):
        read_tables(big, Limits(bytes=50))


def test_checking_does_not_copy_the_data_per_row(store: Store, monkeypatch: pytest.MonkeyPatch):
    """Linear time: the plan grows one private view in place (the old way copied it per row)."""
    rows = "".join(f"Person {n};Muster{n};Vlotho\n" for n in range(300))
    table = parse_csv(("Vorname;Nachname;Funktion\n" + rows, "UTF-8"))
    copies = []
    original = Snapshot.with_changes
    monkeypatch.setattr(Snapshot, "with_changes", lambda self, *a, **k: copies.append(1) or original(self, *a, **k))
    plan = plan_import("personen", table, store.snapshot())
    assert plan.ok and len(plan.inserts) == 300 and copies == []


WORKERS = 2_000

# ``herford-tui import`` as the command line runs it, with two things to see: it stops at the
# first row of its check until told to go on (a line on stdin), and it says each time it takes
# the database's lock ("#sperrt").
_PAUSED_IN_THE_CHECK = """
import runpy, sys
from herford_tui.exchange import importing
from herford_tui.store import files

plan_import, locked, paused = importing.plan_import, files.DatabaseFile.locked, []

def plan_paused(kind, tables, snapshot, progress=None):
    def row(n):
        if not paused:
            paused.append(True)
            print("#prüft", flush=True)
            sys.stdin.readline()
        if progress:
            progress(n)
    return plan_import(kind, tables, snapshot, row)

def announced(self, **kwargs):
    print("#sperrt", flush=True)
    return locked(self, **kwargs)

importing.plan_import, files.DatabaseFile.locked = plan_paused, announced
sys.argv = ["herford-tui", *sys.argv[1:]]
runpy.run_module("herford_tui", run_name="__main__", alter_sys=True)
"""


def test_a_colleague_saves_while_a_2000_person_import_is_checked(store: Store, tmp_path: Path):
    """The import checks its rows without the lock and takes it once, for its one write at the
    end: a colleague's save in the middle of the check goes through (with the lock held by the
    check it would wait the lock's 30 s and fail), and every save of the colleague while the
    import runs is kept beside the imported persons."""
    persons = tmp_path / "personen.csv"
    persons.write_text(
        "Vorname;Nachname;E-Mail\n" + "".join(f"P{n};Import{n};p{n}@example.org\n" for n in range(WORKERS)),
        encoding="utf-8",
    )
    command = ["import", "personen", str(persons), "--db", str(store.path), "--ja"]
    proc = subprocess.Popen(
        [sys.executable, "-c", _PAUSED_IN_THE_CHECK, *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    assert proc.stdout.readline().startswith("Lese ")  # the import has read the file
    assert proc.stdout.readline() == "#prüft\n"  # and stands at the first row of its check
    colleague = Store(store.path)
    colleague.save(Person(given_name="Kollegin", family_name="Während0"))
    assert not any(p.family_name.startswith("Import") for p in Store(store.path).snapshot().persons.values())
    proc.stdin.write("weiter\n")
    proc.stdin.close()
    told: list[str] = []
    stop = threading.Event()

    def drain() -> None:
        assert proc.stdout is not None
        told.append(proc.stdout.read())
        stop.set()

    reader = threading.Thread(target=drain)
    reader.start()
    n = 1
    while not stop.is_set():  # saving on while the import checks the rest and writes
        colleague.save(Person(given_name="Kollegin", family_name=f"Während{n}"))
        n += 1
    reader.join(timeout=120)
    assert proc.wait(timeout=120) == 0, told
    assert told[0].count("#sperrt") == 1 and told[0].index("#sperrt") < told[0].index("neu angelegt"), told
    snapshot = Store(store.path).snapshot()
    assert sum(1 for p in snapshot.persons.values() if p.family_name.startswith("Import")) == WORKERS
    assert sum(1 for p in snapshot.persons.values() if p.given_name == "Kollegin") == n


@settings(max_examples=150, deadline=None)
@given(raw=st.binary(max_size=400), zipped=st.booleans())
def test_any_bytes_are_read_or_refused_in_german(tmp_path_factory, raw: bytes, zipped: bool):
    """Strict reading: whatever the file holds, the result is tables or a ``TableError``."""
    from herford_tui.exchange.tabular import read_tables

    path = tmp_path_factory.mktemp("fuzz") / "f"
    path.write_bytes((b"PK\x03\x04" + raw) if zipped else raw)
    try:
        tables = read_tables(path)
    except TableError as exc:
        assert str(exc)
    else:
        assert tables and all(isinstance(t.header, list) for t in tables)
