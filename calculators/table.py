"""Reading whatever a spreadsheet saves into rows of text, without losing a row or crashing.

HR offices export from Excel and WPS on Windows and Mac: UTF-8 with or without a BOM,
GB18030 (Excel's "CSV" on Chinese Windows), UTF-16 ("Unicode Text", tab-separated), CR-only
line ends (Excel for Mac), commas, tabs or semicolons, and real ``.xlsx`` workbooks. Every
file either becomes a header and one ``Row`` per record, each knowing its place in the file,
or a ``problem`` that says what is wrong with it and where, in both languages. A row that
could not be read cleanly carries a note; it is never dropped.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from . import messages

SEPARATORS = (",", "\t", ";")
ZIP_MAGIC = b"PK\x03\x04"
UTF8_BOM = b"\xef\xbb\xbf"
# The csv module refuses cells over 128 KiB; a file is at most a few megabytes, so its own length
# bounds every cell (2**31 - 1 is the largest limit a 32-bit build such as Pyodide accepts).
CELL_LIMIT = 2**31 - 1
EXCEL_1900 = _dt.date(1900, 1, 1) - _dt.timedelta(days=2)
EXCEL_1904 = _dt.date(1904, 1, 1)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Row:
    """One record of the file: where it is (the spreadsheet's row number), its cells, what was odd about it."""

    number: int
    cells: list[str]
    notes: list[dict[str, str]] = field(default_factory=list)
    broken: dict[str, str] | None = None


@dataclass
class Table:
    """A file read as rows (which of them is the header is for ``calculators.columns`` to find),
    or the reason it could not be read."""

    rows: list[Row] = field(default_factory=list)
    problem: dict[str, str] | None = None
    source: str = ""
    # Excel's day 0 of its 1900 date system (two days before 1900-01-01: it counts a 29 February
    # 1900 that never was), or 1904-01-01 in a workbook that says it uses the 1904 system.
    date_epoch: _dt.date = EXCEL_1900


def read(data: bytes) -> Table:
    """Any spreadsheet export as a table; never raises."""
    if data.startswith(ZIP_MAGIC):
        return _read_workbook(data)
    text, bad_lines, encoding = _decode(data)
    if text is None:
        return Table(problem=messages.file_problem("not_text"))
    if "\x00" in text or len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        return Table(problem=messages.file_problem("not_text"))
    return _read_text(text, bad_lines, encoding)


def _decode(data: bytes) -> tuple[str | None, set[int], str]:
    """The file as text, the physical lines that held undecodable bytes, and the encoding used.

    A file that is UTF-8 except for a stray byte stays UTF-8: only the lines holding such bytes
    are marked (and their bytes replaced), instead of reading the whole file as GB18030 mojibake.
    """
    while data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace").lstrip("\ufeff"), set(), "UTF-16"
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        odd_zeros = sample[1::2].count(0)
        even_zeros = sample[0::2].count(0)
        if max(odd_zeros, even_zeros) >= len(sample) // 4 and min(odd_zeros, even_zeros) == 0:
            return data.decode("utf-16-le" if odd_zeros else "utf-16-be", errors="replace"), set(), "UTF-16"
        return None, set(), ""
    try:
        return data.decode("utf-8"), set(), "UTF-8"
    except UnicodeDecodeError:
        pass
    lines = re.split(rb"\r\n|\r|\n", data)
    undecodable = set()
    utf8_text = False
    for number, line in enumerate(lines, start=1):
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            undecodable.add(number)
            continue
        utf8_text = utf8_text or not decoded.isascii()
    if utf8_text:
        return data.decode("utf-8", errors="replace"), undecodable, "UTF-8"
    try:
        return data.decode("gb18030"), set(), "GB18030"
    except UnicodeDecodeError:
        pass
    undecodable = set()
    for number, line in enumerate(lines, start=1):
        try:
            line.decode("gb18030")
        except UnicodeDecodeError:
            undecodable.add(number)
    return data.decode("gb18030", errors="replace"), undecodable, "GB18030"


def separator(text: str) -> str:
    """The separator of the first line that has one: comma, tab or semicolon, outside quotes."""
    for line in text.splitlines()[:20]:
        unquoted = re.sub(r'"[^"]*"', "", line)
        counts = {sep: unquoted.count(sep) for sep in SEPARATORS}
        best = max(SEPARATORS, key=lambda sep: counts[sep])
        if counts[best]:
            return best
    return ","


def _read_text(text: str, undecodable: set[int], encoding: str) -> Table:
    csv.field_size_limit(CELL_LIMIT)
    sep = separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    records: list[Row] = []
    line = 0
    try:
        for number, cells in enumerate(reader, start=1):
            first, line = line + 1, reader.line_num
            row = Row(number, cells)
            spans = [cell for cell in cells if "\n" in cell or "\r" in cell]
            if any(sep in cell for cell in spans):
                row.broken = messages.file_problem("merged_lines", first=first, last=line)
            if undecodable.intersection(range(first, line + 1)):
                row.notes.append(messages.file_problem("undecodable", encoding=encoding))
            records.append(row)
    except csv.Error as problem:
        return Table(problem=messages.file_problem("unreadable", line=reader.line_num, detail=str(problem)))
    return Table(rows=records, source=f"{encoding}, {_SEPARATOR_NAMES[sep]}")


_SEPARATOR_NAMES = {",": "comma", "\t": "tab", ";": "semicolon"}


def _cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_workbook(data: bytes) -> Table:
    """The first sheet of an .xlsx workbook, read with openpyxl where it is installed (the page loads it)."""
    try:
        import openpyxl
    except ImportError:
        return Table(problem=messages.file_problem("workbook_unsupported"))
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        records = [Row(number, [_cell_text(value) for value in values])
                   for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
        epoch = EXCEL_1904 if book.epoch.year == EXCEL_1904.year else EXCEL_1900
        book.close()
    except Exception as problem:  # noqa: BLE001 - any damage in a workbook is the file's problem, not a bug
        return Table(problem=messages.file_problem("workbook_unreadable", detail=type(problem).__name__))
    while records and not any(cell.strip() for cell in records[-1].cells):
        records.pop()
    return Table(rows=records, source="xlsx", date_epoch=epoch)
