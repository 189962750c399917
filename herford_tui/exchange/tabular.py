"""Reading and writing tables: CSV (any of the encodings and separators German offices use) and XLSX.

Reading gives every row with the line number a person sees in the file (the header is line 1),
so an import report can say "Zeile 4, Kommune: …". Writing makes what German Excel opens without
asking: CSV in UTF-8 with a byte order mark and ``;`` as separator; XLSX with a bold, frozen
header row and columns wide enough for their content.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from herford_tui.domain.labels import format_date, format_time
from herford_tui.store.files import write_atomic

FILE_MODE = 0o660
"""Exports hold personal data: the group may read them, others not (as the database)."""

XLSX_MAGIC = b"PK\x03\x04"
MAX_WIDTH = 60
SHEET_TITLE_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


class TableError(ValueError):
    """The file cannot be read as a table; the message is German and names the file."""


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    """(line number in the file, the row's cells as text)."""
    encoding: str = ""


@dataclass
class Sheet:
    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


# -- reading -----------------------------------------------------------------------------------
def read_table(path: Path) -> Table:
    """The first table of ``path``: an XLSX workbook's first sheet, otherwise CSV text."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TableError(f"{path} ist nicht lesbar ({exc.strerror}).") from None
    if raw.startswith(XLSX_MAGIC):
        return read_xlsx(raw, path)
    return parse_csv(decode_text(raw))


def decode_text(raw: bytes) -> tuple[str, str]:
    """Text and the encoding found: UTF-8 (with or without BOM), else Windows-1252 (Excel's "CSV")."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8 mit BOM"
    with contextlib.suppress(UnicodeDecodeError):
        return raw.decode("utf-8"), "UTF-8"
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte, so nothing is refused
        return raw.decode("latin-1"), "ISO-8859-1"


def parse_csv(decoded: tuple[str, str]) -> Table:
    text, encoding = decoded
    if not text.strip():
        raise TableError("Die Datei ist leer.")
    sample = text[:65536]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        dialect = _Semicolon if first.count(";") >= first.count(",") else csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    table: Table | None = None
    last_line = 0
    try:
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if table is None:
                table = Table(header=[c.strip() for c in cells], encoding=encoding)
            elif any(c.strip() for c in cells):
                table.rows.append((line, cells))
    except csv.Error as exc:
        raise TableError(f"Zeile {reader.line_num}: kein gültiges CSV ({exc}).") from None
    assert table is not None
    return table


class _Semicolon(csv.excel):
    delimiter = ";"


def read_xlsx(raw: bytes, path: Path | str = "") -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise TableError(f"{path} ist keine lesbare Excel-Datei ({exc}).") from None
    try:
        if not book.worksheets:
            raise TableError(f"{path} enthält kein Tabellenblatt.")
        table: Table | None = None
        for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            if table is None:
                table = Table(header=[c.strip() for c in cells], encoding="XLSX")
            elif any(c.strip() for c in cells):
                table.rows.append((number, cells))
    finally:
        book.close()
    if table is None:
        raise TableError("Das erste Tabellenblatt ist leer.")
    while table.header and not table.header[-1]:
        table.header.pop()
    return table


def cell_text(value: object) -> str:
    """An Excel cell as the text a person would type: dates as 28.11.2026, 12.0 as 12."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_date(value.date()) if value.time() == time(0) else value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return format_time(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- writing -----------------------------------------------------------------------------------
def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for sheet in sheets or [Sheet("Leer", [])]:
        ws = book.create_sheet(_sheet_title(sheet.title, used))
        ws.append(list(sheet.header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            ws.append([_xlsx_safe(v) for v in row])
        ws.freeze_panes = "A2"
        for index, name in enumerate(sheet.header, start=1):
            longest = max([len(name), *(len(r[index - 1]) for r in sheet.rows if index - 1 < len(r))])
            ws.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, longest + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_safe(value: str) -> str:
    """A text cell, never a formula: a leading = would make Excel compute it."""
    return "'" + value if value.startswith("=") else value


def _sheet_title(title: str, used: set[str]) -> str:
    base = (title.translate(SHEET_TITLE_FORBIDDEN).strip("'") or "Tabelle")[:31]
    candidate, n = base, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.casefold())
    return candidate


def write_file(path: Path, payload: bytes, *, overwrite: bool = False) -> None:
    """Write ``payload`` to ``path`` in one step; an existing file only with ``overwrite``."""
    write_atomic(path, payload, mode=FILE_MODE, overwrite=overwrite)
