"""Reading and writing tables: CSV (any of the encodings and separators German offices use) and XLSX.

Reading gives every row with the line number a person sees in the file (the header is line 1),
so an import report can say "Zeile 4, Kommune: …". It streams and stops at the first limit it
passes (``Limits``: bytes, uncompressed size, rows, cells, one cell), and refuses what it cannot
read for sure: NUL bytes and broken quoting. Every sheet of a workbook is read.

Writing makes what German Excel opens without asking: CSV in UTF-8 with a byte order mark and
``;`` as separator; XLSX with a bold, frozen header row with an autofilter, real date and time
cells in German formats and columns wide enough for their content. Text is safe to open:

- a cell that starts with ``=``, ``+``, ``-``, ``@``, Tab or CR is neutralised (spreadsheet
  formula injection): CSV puts an apostrophe before it, XLSX writes it as a text cell with the
  quote prefix (shown and edited as text, never computed); phone numbers stay text;
- so is a text a spreadsheet would turn into a number and change: digits with a leading zero
  (a phone number 0522112345, a postcode 01234) and more digits than a number keeps (16);
- control characters (which XML cannot hold and a terminal would obey) are written as their
  visible Unicode pictures (ESC → ␛).

Reading undoes exactly what writing added (``import_text``): an exported ``'=…`` comes back as
``=…``, a user's own leading apostrophe stays.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from herford_tui.domain.labels import format_date, format_moment, format_time
from herford_tui.domain.labels import number as _number
from herford_tui.store.errors import os_reason
from herford_tui.store.written import write_recorded

FILE_MODE = 0o660
"""Exports hold personal data: the group may read them, others not (as the database)."""

XLSX_MAGIC = b"PK\x03\x04"
MAX_WIDTH = 60
XLSX_CELL_LIMIT = 32_767
"""The most characters Excel keeps in one cell."""
SHEET_TITLE_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
DATE_FORMAT = "DD.MM.YYYY"
TIME_FORMAT = "HH:MM"

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to a spreadsheet (OWASP: CSV injection)."""
NEUTRALISER = "'"

_CONTROLS = [c for c in range(0x20) if chr(c) not in "\t\n\r"]
TO_PICTURE = str.maketrans({c: 0x2400 + c for c in _CONTROLS})
"""Control characters → their visible pictures (U+2400 …); tab, line feed and CR are text."""
XLSX_TO_PICTURE = str.maketrans({c: 0x2400 + c for c in [*_CONTROLS, 0x0D]})
"""XLSX also pictures CR: XML reads every CR as a line feed."""
FROM_PICTURE = str.maketrans({0x2400 + c: c for c in [*_CONTROLS, 0x0D]})

Value = str | int | date | time | None
"""A cell as exports build it: text, a number, a date or a time of day."""


class TableError(ValueError):
    """The file cannot be read as a table; the message is German and names the file."""


@dataclass(frozen=True)
class Limits:
    """What an import reads at most; past any of them the file is refused in German."""

    bytes: int = 50_000_000
    uncompressed: int = 200_000_000
    """XLSX: the sum of the sizes its zip members unpack to (a zip bomb is refused before)."""
    rows: int = 100_000
    cells: int = 3_000_000
    columns: int = 200
    cell_chars: int = 100_000


LIMITS = Limits()


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    """(line number in the file, the row's cells as text)."""
    encoding: str = ""
    title: str = ""
    """The sheet's name (XLSX), empty for CSV."""


@dataclass
class Sheet:
    title: str
    header: list[str]
    rows: Sequence[Sequence[Value]] = field(default_factory=list)


# -- the text of one cell ------------------------------------------------------------------------
def export_text(text: str) -> str:
    """A text as written to a CSV cell: control characters visible, a formula neutralised."""
    text = text.translate(TO_PICTURE)
    return NEUTRALISER + text if needs_neutraliser(text) else text


NUMBER_LIKE = re.compile(r"0[0-9]+|[0-9]{16,}")
"""Digits a spreadsheet reads as a number and so changes: the leading zero of a phone number or
a postcode goes, and past 15 digits the rest become zeros."""


def needs_neutraliser(text: str) -> bool:
    """True for a formula-like start or a text that would become a changed number, and for a
    user's own apostrophe before one (so that reading, which takes one apostrophe off such a
    cell, gives the user's text back)."""
    text = text.lstrip(NEUTRALISER)
    return text.startswith(FORMULA_START) or NUMBER_LIKE.fullmatch(text) is not None


def import_text(text: str, *, neutralised: bool = True) -> str:
    """Undo ``export_text``: the one apostrophe an export put before a formula-like start, and the
    pictures of control characters. ``neutralised`` False for XLSX, which needs no apostrophe."""
    if neutralised and text.startswith(NEUTRALISER) and needs_neutraliser(text[1:]):
        text = text[1:]
    return text.translate(FROM_PICTURE)


# -- reading -------------------------------------------------------------------------------------
def read_table(path: Path, limits: Limits = LIMITS) -> Table:
    """The first table of ``path`` (see ``read_tables``)."""
    return read_tables(path, limits)[0]


def read_tables(path: Path, limits: Limits = LIMITS) -> list[Table]:
    """Every table of ``path``: each sheet of an XLSX workbook, otherwise the CSV text."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.bytes:
                raise TableError(_too_big(path, size, limits.bytes))
            raw = handle.read(limits.bytes + 1)
    except OSError as exc:
        raise TableError(f"{path} ist nicht lesbar ({os_reason(exc)}).") from None
    if len(raw) > limits.bytes:  # grew while being read
        raise TableError(_too_big(path, len(raw), limits.bytes))
    if raw.startswith(XLSX_MAGIC):
        return read_xlsx(raw, path, limits)
    kind = _not_a_table(raw)
    if kind:  # read as CSV it named "BEGIN:VCALENDAR" an unknown column and every column missing
        raise TableError(
            f"{path} ist {kind} und lässt sich nicht importieren. Importieren lassen sich CSV- und "
            "XLSX-Dateien (wie sie „export csv“ und „export xlsx“ schreiben). Nichts wurde importiert."
        )
    return [parse_csv(decode_text(raw), limits)]


_OTHER_FORMATS = {
    b"BEGIN:VCALENDAR": "eine Kalenderdatei (ICS)",
    b"BEGIN:VCARD": "eine Visitenkarten-Datei (vCard)",
    b"%PDF": "ein PDF",
    b"<?xml": "eine XML-Datei",
}
"""What the app's own exports also write, or is often picked by mistake: said by name, not read as CSV."""


def _not_a_table(raw: bytes) -> str:
    head = raw[:64].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    return next((name for magic, name in _OTHER_FORMATS.items() if head.startswith(magic.upper())), "")


def _too_big(path: Path, size: int, limit: int) -> str:
    return (
        f"{path} ist zu groß ({_number(size)} Bytes; höchstens {_number(limit)} Bytes werden eingelesen). "
        "Bitte die Datei teilen."
    )


def decode_text(raw: bytes) -> tuple[str, str]:
    """Text and the encoding found: UTF-8 (with or without BOM), else Windows-1252 (Excel's "CSV").

    A NUL byte is refused: no text file holds one, and a part of the file behind it would be lost.
    """
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise TableError(
            f"Zeile {line}: Die Datei enthält ein NUL-Zeichen (Byte 0) – keine Textdatei "
            "(UTF-16? dann bitte als UTF-8 oder XLSX speichern). Nichts wurde importiert."
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8 mit BOM"
    with contextlib.suppress(UnicodeDecodeError):
        return raw.decode("utf-8"), "UTF-8"
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte, so nothing is refused
        return raw.decode("latin-1"), "ISO-8859-1"


def parse_csv(decoded: tuple[str, str], limits: Limits = LIMITS) -> Table:
    text, encoding = decoded
    if not text.strip():
        raise TableError("Die Datei ist leer.")
    first = text.split("\n", 1)[0]
    # The header line decides the separator: the rows may hold JSON, full of commas.
    delimiter = max(";,\t", key=first.count) if any(c in first for c in ";,\t") else ";"
    dialect = _Semicolon if delimiter == ";" else (csv.excel if delimiter == "," else csv.excel_tab)
    old_limit = csv.field_size_limit(limits.cell_chars)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
        return _collect(_csv_rows(reader), limits, encoding, "")
    finally:
        csv.field_size_limit(old_limit)


def _csv_rows(reader) -> Iterator[tuple[int, list[str]]]:
    line = 0
    try:
        for cells in reader:
            line += 1
            yield line, [import_text(c) for c in cells]
    except csv.Error as exc:
        message = str(exc)
        if "unexpected end of data" in message or "EOF" in message:
            why = "ein Anführungszeichen wird nicht geschlossen"
        elif "field larger than field limit" in message:
            why = "eine Zelle ist zu lang"
        else:
            why = f"fehlerhafte Anführungszeichen ({message})"
        raise TableError(f"Zeile {reader.line_num}: kein gültiges CSV – {why}. Nichts wurde importiert.") from None


def _collect(rows: Iterable[tuple[int, list[str]]], limits: Limits, encoding: str, title: str) -> Table:
    """The header and the non-empty rows, refused as soon as a limit is passed."""
    table: Table | None = None
    cells_total = 0
    where = f"Blatt „{title}“, " if title else ""
    for line, cells in rows:
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) > limits.columns:
            raise TableError(
                f"{where}Zeile {line}: {_number(len(cells))} Spalten; höchstens {limits.columns} werden eingelesen."
            )
        for cell in cells:
            if len(cell) > limits.cell_chars:
                raise TableError(
                    f"{where}Zeile {line}: eine Zelle hat {_number(len(cell))} Zeichen; "
                    f"höchstens {_number(limits.cell_chars)} werden eingelesen."
                )
        if table is None:
            table = Table(header=[c.strip() for c in cells], encoding=encoding, title=title)
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(table.rows) >= limits.rows:
            raise TableError(
                f"{where}Mehr als {_number(limits.rows)} Zeilen: höchstens {_number(limits.rows)} werden "
                "eingelesen. Bitte die Datei teilen. Nichts wurde importiert."
            )
        cells_total += len(cells)
        if cells_total > limits.cells:
            raise TableError(
                f"{where}Mehr als {_number(limits.cells)} Zellen: so viele werden nicht eingelesen. "
                "Bitte die Datei teilen. Nichts wurde importiert."
            )
        table.rows.append((line, cells))
    if table is None:
        raise TableError(f"{where}Die Tabelle ist leer." if title else "Die Datei ist leer.")
    return table


class _Semicolon(csv.excel):
    delimiter = ";"


def read_xlsx(raw: bytes, path: Path | str = "", limits: Limits = LIMITS) -> list[Table]:
    _check_zip(raw, path, limits)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise TableError(f"{path} ist keine lesbare Excel-Datei ({exc}).") from None
    try:
        if not book.worksheets:
            raise TableError(f"{path} enthält kein Tabellenblatt.")
        tables = []
        for sheet in book.worksheets:
            declared = getattr(sheet, "max_row", None)  # from the sheet's <dimension>: refused unread
            if isinstance(declared, int) and declared > limits.rows + 1:
                raise TableError(
                    f"Blatt „{sheet.title}“: {_number(declared)} Zeilen; höchstens {_number(limits.rows)} werden "
                    "eingelesen. Bitte die Datei teilen. Nichts wurde importiert."
                )
            try:
                tables.append(_collect(_xlsx_rows(sheet), limits, "XLSX", sheet.title))
            except TableError as exc:
                if "Die Tabelle ist leer" not in str(exc):
                    raise
        if not tables:
            raise TableError("Die Tabellenblätter sind leer.")
        return tables
    finally:
        book.close()


def _xlsx_rows(sheet) -> Iterator[tuple[int, list[str]]]:
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [import_text(cell_text(v), neutralised=False) for v in values]
    except TableError:
        raise
    except Exception as exc:  # a broken sheet inside a readable zip
        raise TableError(f"Blatt „{sheet.title}“ ist nicht lesbar ({exc}).") from None


def _check_zip(raw: bytes, path: Path | str, limits: Limits) -> None:
    """Refuse a workbook that would unpack to more than the limit, before anything is unpacked
    (the zip reader stops at each member's declared size, so the declared sizes are the bound)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TableError(f"{path} ist keine lesbare Excel-Datei ({exc}).") from None
    if total > limits.uncompressed:
        raise TableError(
            f"{path} würde entpackt {_number(total)} Bytes groß; höchstens {_number(limits.uncompressed)} "
            "Bytes werden eingelesen (gepackte Bombe?). Nichts wurde importiert."
        )
    _count_rows(raw, path, limits)


ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _count_rows(raw: bytes, path: Path | str, limits: Limits) -> None:
    """Refuse a sheet with too many rows by counting its row tags in the unpacked XML (a fast
    scan), before openpyxl parses 100,000 rows of a sheet that hides its height."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for info in archive.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            rows, tail = 0, b""
            with archive.open(info) as part:
                while chunk := part.read(1 << 20):
                    data = tail + chunk
                    rows += len(ROW_TAG.findall(data))
                    cut = max(0, len(data) - 16)  # a tag cut in two is counted in the next round
                    rows -= len(ROW_TAG.findall(data[cut:]))
                    tail = data[cut:]
            rows += len(ROW_TAG.findall(tail))
            if rows > limits.rows + 1:
                raise TableError(
                    f"{path}: ein Tabellenblatt hat {_number(rows)} Zeilen; höchstens {_number(limits.rows)} werden "
                    "eingelesen. Bitte die Datei teilen. Nichts wurde importiert."
                )


def cell_text(value: object) -> str:
    """An Excel cell as the text a person would type: dates as 28.11.2026, 12.0 as 12."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_date(value.date()) if value.time() == time(0) else format_moment(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return format_time(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- writing -------------------------------------------------------------------------------------
def csv_text(value: Value) -> str:
    """A cell for CSV: dates and times in German, text made safe (``export_text``)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return export_text(value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, time):
        return format_time(value)
    return format_date(value)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Value]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([export_text(h) for h in header])
    writer.writerows([csv_text(v) for v in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook; ``ValueError`` in German when a text is longer than a cell holds.

    Written in openpyxl's write-only mode (rows streamed out, about three times faster): the
    column widths are worked out first, as they go before the rows in the file.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for sheet in sheets:  # all of them before the first row is streamed out (see _fits)
        for number, row in enumerate(sheet.rows, start=2):
            for column, value in enumerate(row):
                _fits(value, (sheet.title, number, sheet.header[column] if column < len(sheet.header) else ""))
    book = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)
    for sheet in sheets or [Sheet("Leer", [])]:
        ws = book.create_sheet(_sheet_title(sheet.title, used))
        widths = [len(h) for h in sheet.header]
        for row in sheet.rows:
            for column, value in enumerate(row[: len(widths)]):
                widths[column] = max(widths[column], len(csv_text(value)))
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
        ws.freeze_panes = "A2"
        if sheet.header:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.header))}{max(1, len(sheet.rows) + 1)}"
        header = []
        for text in sheet.header:
            cell = WriteOnlyCell(ws, value=text.translate(XLSX_TO_PICTURE))
            cell.data_type, cell.font = "s", bold
            header.append(cell)
        ws.append(header)
        for row in sheet.rows:
            ws.append([_cell(ws, WriteOnlyCell, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fits(value: Value, where: tuple[str, int, str]) -> None:
    """Refuse a text longer than an Excel cell holds, in German, before the workbook is begun
    (openpyxl's streamed sheets cannot be left half-written cleanly). Not cut or split: a cut text
    would come back shorter from an import, a split one in two cells no import reads as one. CSV
    has no such limit, so the message points there."""
    if isinstance(value, str) and len(value) > XLSX_CELL_LIMIT:
        title, row, column = where
        raise ValueError(
            f"Blatt „{title}“, Zeile {row}{f', Spalte „{column}“' if column else ''}: ein Text hat "
            f"{_number(len(value))} Zeichen, eine Excel-Zelle fasst {_number(XLSX_CELL_LIMIT)}. "
            "Nichts geschrieben; bitte als CSV ausgeben (ohne diese Grenze)."
        )


def _cell(ws, make, value: Value):
    """One cell: text never a formula, dates and times with German formats, numbers as numbers."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.translate(XLSX_TO_PICTURE)
        cell = make(ws, value=text)
        cell.data_type = "s"  # never a formula, whatever it starts with
        if needs_neutraliser(text):
            cell.quotePrefix = True  # Excel and LibreOffice keep it text when it is edited
        return cell
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int):
        return value
    cell = make(ws, value=value)
    cell.number_format = TIME_FORMAT if isinstance(value, time) else DATE_FORMAT
    return cell


def _sheet_title(title: str, used: set[str]) -> str:
    base = (title.translate(TO_PICTURE).translate(SHEET_TITLE_FORBIDDEN).strip("'") or "Tabelle")[:31]
    candidate, n = base, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.casefold())
    return candidate


def write_file(path: Path, payload: bytes, *, db: Path | None, overwrite: bool = False) -> str | None:
    """Write ``payload`` to ``path`` in one step; an existing file only with ``overwrite``. Noted
    as written for the database ``db`` (``store/written.py``); returns the note's warning."""
    return write_recorded(db, path, payload, mode=FILE_MODE, overwrite=overwrite)
