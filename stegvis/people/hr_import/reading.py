"""Read an uploaded HR export (CSV or XLSX) into a header and rows of text cells.

CSV: `;`, `,` or tab separated (sniffed from the header line), UTF-8 with or without BOM or
Windows-1252 (detected, and reported so the page can show which). XLSX: the first sheet, via
openpyxl in read-only mode; date cells stay dates. A file that cannot be read gives a
``Problem`` with a line number, never an exception.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

Cell = str | datetime.date

#: Longest cell we accept; a longer one is an error for that cell (and csv's own limit is set
#: above it so that a runaway quoted field is reported rather than crashing the reader).
MAX_CELL = 1000
_CSV_FIELD_LIMIT = 1_000_000
_DELIMITERS = (";", ",", "\t")
_XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Problem:
    """Something wrong with one line of the file (line 0: the file as a whole)."""

    line: int
    message: str


@dataclass(frozen=True)
class Row:
    line: int
    cells: list[Cell]


@dataclass
class Sheet:
    """What was read: headers, data rows, and how (``encoding`` is "xlsx" for workbooks)."""

    file_name: str
    headers: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    problems: list[Problem] = field(default_factory=list)


def read_upload(data: bytes, file_name: str, *, delimiter: str = "", encoding: str = "") -> Sheet:
    """Read ``data`` (the uploaded bytes); ``delimiter``/``encoding`` override the detection."""
    if data.startswith(_XLSX_MAGIC) or file_name.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(data, file_name)
    return read_csv(data, file_name, delimiter=delimiter, encoding=encoding)


def decode(data: bytes, encoding: str = "") -> tuple[str, str] | Problem:
    """The text and the encoding it was read with, or a Problem saying why it cannot be read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        return Problem(0, _("The file is UTF-16 or binary: export it as CSV in UTF-8."))
    if not encoding:
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else ""
    for candidate in [encoding] if encoding else ["utf-8", "cp1252"]:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError as exc:
            failure = exc
            line = data.count(b"\n", 0, exc.start) + 1
        except LookupError:
            return Problem(0, _("Unknown character encoding “%(name)s”.") % {"name": encoding})
    return Problem(
        line,
        _("The file is not readable as %(encoding)s (byte 0x%(byte)02X): choose another encoding.")
        % {"encoding": failure.encoding, "byte": failure.object[failure.start]},
    )


def sniff_delimiter(text: str) -> str:
    """The separator used most in the header line: `;`, `,` or tab."""
    first = text.split("\n", 1)[0]
    return max(_DELIMITERS, key=first.count)


def read_csv(data: bytes, file_name: str, *, delimiter: str = "", encoding: str = "") -> Sheet:
    sheet = Sheet(file_name=file_name)
    decoded = decode(data, encoding)
    if isinstance(decoded, Problem):
        sheet.problems.append(decoded)
        return sheet
    text, sheet.encoding = decoded
    sheet.delimiter = delimiter or sniff_delimiter(text)
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sheet.delimiter, strict=True)
    start = [1]  # where the record being read begins, for the error message
    try:
        _collect(sheet, _csv_rows(reader, start))
    except csv.Error as exc:
        sheet.problems.append(_csv_problem(start[0], exc))
    return sheet


def _csv_rows(reader: Any, start: list[int]) -> Iterator[Row]:
    for cells in reader:
        yield Row(start[0], cells)
        start[0] = reader.line_num + 1


def _csv_problem(line: int, exc: csv.Error) -> Problem:
    if "unexpected end of data" in str(exc):
        return Problem(
            line,
            _('The file ends inside a quoted cell: a quote (") is not closed, or it is cut off.'),
        )
    return Problem(line, _("The file cannot be read as CSV here: %(error)s") % {"error": exc})


def read_xlsx(data: bytes, file_name: str) -> Sheet:
    from openpyxl import load_workbook  # imported here: only workbook uploads need it

    sheet = Sheet(file_name=file_name, encoding="xlsx")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        sheet.problems.append(
            Problem(0, _("The file is not an Excel workbook (.xlsx): %(error)s") % {"error": exc})
        )
        return sheet
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        _collect(
            sheet,
            (Row(n, [_xlsx_cell(v) for v in values]) for n, values in enumerate(rows, start=1)),
            fit=True,
        )
    finally:
        workbook.close()
    return sheet


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _collect(sheet: Sheet, rows: Iterator[Row], *, fit: bool = False) -> None:
    """The first non-empty row is the header; the rest are data (empty rows skipped).

    CSV rows keep their cells as written, so the planner can tell a short or long row; a
    workbook has no such thing, so with ``fit`` its rows are padded or cut to the header.
    """
    for row in rows:
        if not any(cell != "" for cell in row.cells):
            continue
        if not sheet.headers:
            sheet.headers = [str(cell).strip() for cell in _trim(row.cells)]
            continue
        cells = row.cells
        if fit:
            cells = _trim(cells)
            cells = cells + [""] * (len(sheet.headers) - len(cells))
        sheet.rows.append(Row(row.line, cells))
    if not sheet.headers and not sheet.problems:
        sheet.problems.append(Problem(0, _("The file is empty.")))


def _trim(cells: list[Cell]) -> list[Cell]:
    """Without trailing empty cells (many exports end each line with a separator)."""
    end = len(cells)
    while end and cells[end - 1] == "":
        end -= 1
    return cells[:end]
