"""Reading whatever a spreadsheet saves into rows of text, in bounded time and memory.

HR offices export from Excel and WPS on Windows and Mac: UTF-8 with or without a BOM,
GB18030 (Excel's "CSV" on Chinese Windows), UTF-16 ("Unicode Text", tab-separated), CR-only
line ends (Excel for Mac), commas, tabs or semicolons, and real ``.xlsx`` workbooks
(``calculators.workbook``). Every file either becomes one ``Row`` per record, each knowing its
place in the file, or a ``problem`` that says what is wrong with it and where, in both
languages. A row that could not be read cleanly carries a note; it is never dropped.

A file is read a slice of rows at a time (``Table.read_more``), so that the page can show
progress and stop, and the work is bounded by what the file holds: every limit below is
checked as the rows come, and crossing one refuses the file by name, with the limit.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import messages

# The limits, stated in the README (and dev/CALCULATORS.md). A file over one is refused, naming the limit crossed.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 200_000  # records, blank ones included
MAX_COLUMNS = 256  # cells in one row, once trailing empty cells are set aside
MAX_CELLS = 2_000_000  # non-empty cells in the whole file
MAX_CELL_CHARS = 1_000_000  # one cell; a longer one rejects its row (Excel itself stops at 32,767)

SEPARATORS = (",", "\t", ";")
ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound document every Excel 97-2003 .xls is stored in
UTF8_BOM = b"\xef\xbb\xbf"
EXCEL_1900 = _dt.date(1900, 1, 1) - _dt.timedelta(days=2)
EXCEL_1904 = _dt.date(1904, 1, 1)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DATE_LIKE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}")
# What GB18030 bytes look like when they happen to be valid UTF-8 (郑小平 reads ֣Сƽ): two-byte UTF-8
# sequences past Latin-1, that is Latin Extended, Greek, Cyrillic, Hebrew or Arabic, which a Chinese
# roster does not hold. Latin-1 is left out so that an accented name (Müller) in UTF-8 stays UTF-8: only
# the few hanzi whose GB18030 lead byte is C2 or C3 (眉) read as Latin-1, and a roster has other names.
_MOJIBAKE = re.compile(r"[\u0100-\u07ff]")


class LimitCrossed(Exception):
    """A file crossed one of the limits; ``problem`` says which, in both languages."""

    def __init__(self, problem: dict[str, str]) -> None:
        super().__init__(problem["en"])
        self.problem = problem


@dataclass
class Row:
    """One record of the file: where it is (the spreadsheet's row number), its cells, what was odd about it."""

    number: int
    cells: list[str]
    notes: list[dict[str, str]] = field(default_factory=list)
    broken: dict[str, str] | None = None
    people: int = 1  # the records it stands for: a row that swallowed others counts them too


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
    notes: list[dict[str, str]] = field(default_factory=list)  # about the whole file
    sheets: list[str] = field(default_factory=list)  # a workbook's visible sheets
    sheet: str = ""  # the one read
    pending: Iterator[Row] | None = None
    cells: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # first column, row, last column, row
    hidden: int = 0  # a workbook's rows hidden or filtered out (read all the same, and said)
    unpacked: int = 0  # what a workbook holds unpacked: a results file's budget follows it, not the zip

    @property
    def finished(self) -> bool:
        return self.problem is not None or self.pending is None

    def read_more(self, limit: int) -> int:
        """Read up to ``limit`` more records; the number read so far. A limit crossed becomes ``problem``."""
        if self.pending is None or self.problem is not None:
            return len(self.rows)
        try:
            for _ in range(limit):
                row = next(self.pending, None)
                if row is None:
                    self.pending = None
                    self.finish()
                    break
                self._keep(row)
        except LimitCrossed as crossed:
            self.problem, self.pending, self.rows = crossed.problem, None, []
        return len(self.rows)

    def _keep(self, row: Row) -> None:
        if row.number > MAX_ROWS:
            raise LimitCrossed(messages.file_problem("too_many_rows", row=row.number, limit=MAX_ROWS))
        while row.cells and not row.cells[-1].strip():
            row.cells.pop()
        if len(row.cells) > MAX_COLUMNS:
            raise LimitCrossed(messages.file_problem("too_many_columns", row=row.number, count=len(row.cells),
                                                     limit=MAX_COLUMNS))
        self.cells += sum(1 for cell in row.cells if cell)
        if self.cells > MAX_CELLS:
            raise LimitCrossed(messages.file_problem("too_many_cells", row=row.number, limit=MAX_CELLS))
        longest = max(range(len(row.cells)), key=lambda i: len(row.cells[i]), default=None)
        if longest is not None and len(row.cells[longest]) > MAX_CELL_CHARS and row.broken is None:
            row.broken = messages.file_problem("cell_too_long", column=longest + 1, count=len(row.cells[longest]),
                                               limit=MAX_CELL_CHARS)
        self.rows.append(row)

    def finish(self) -> None:
        """What can only be done once every row is in: a workbook's trailing blank rows dropped, and its
        merged cells read as Excel shows them, with a note: the merged value down its first column, and
        nothing of what lies hidden under the rest of the area."""
        while self.rows and not any(cell.strip() for cell in self.rows[-1].cells) and self.source in ("xlsx", "xls"):
            self.rows.pop()
        by_number = {row.number: row for row in self.rows} if self.merges else {}
        budget = MAX_CELLS  # overlapping or sheet-wide areas cannot make this quadratic
        for first_column, first_row, last_column, last_row in self.merges:
            top = by_number.get(first_row)
            shown = top.cells[first_column - 1] if top is not None and len(top.cells) >= first_column else ""
            for number in range(first_row, min(last_row, first_row + MAX_ROWS) + 1):
                row = by_number.get(number)
                budget -= 1
                if row is None or budget < 0:
                    break
                for column in range(first_column, min(last_column, MAX_COLUMNS) + 1):
                    if (number, column) != (first_row, first_column):
                        budget -= _show_merged(row, column, shown if column == first_column else "", first_row)


def _show_merged(row: Row, column: int, shown: str, first_row: int) -> int:
    """One cell of a merged area as Excel shows it; how many cells it cost (for the budget)."""
    own = row.cells[column - 1] if len(row.cells) >= column else ""
    if own == shown:
        return 0
    row.cells += [""] * (column - len(row.cells))
    row.cells[column - 1] = shown
    key = "workbook_merged_hidden" if own.strip() else "workbook_merged_filled"
    row.notes.append(messages.file_problem(key, column=column, row=first_row))
    return 1


def too_big(size: int) -> dict[str, str] | None:
    """The refusal of a file over the size limit, before it is read."""
    if size > MAX_FILE_BYTES:
        return messages.file_problem("too_big", limit=MAX_FILE_BYTES // 1024 // 1024)
    return None


def open_file(data: bytes, sheet: str | None = None) -> Table:
    """A table ready to be read with ``read_more``, or the reason the file cannot be read; never raises:
    whatever a library raises on a damaged file (a zip cut inside a part raises EOFError), or a file that
    needs more memory than there is, is a refusal that names it, as in ``BatchRun.step``."""
    try:
        return _opened(data, sheet)
    except MemoryError:
        return Table(problem=messages.file_problem("out_of_memory"))
    except Exception as fault:  # noqa: BLE001 - a library's failure on a file is the file's refusal
        return Table(problem=messages.file_problem("workbook_unreadable", detail=type(fault).__name__))


def is_workbook(head: bytes) -> bool:
    """Whether a file (its first 8 bytes will do) is a workbook, which the workbook reader's wheels read:
    the page's worker asks before it loads them."""
    return head.startswith((ZIP_MAGIC, OLE_MAGIC))


def _opened(data: bytes, sheet: str | None) -> Table:
    problem = too_big(len(data))
    if problem:
        return Table(problem=problem)
    if data.startswith(ZIP_MAGIC):
        from .workbook import open_workbook
        return open_workbook(data, sheet)
    if data.startswith(OLE_MAGIC):
        from .oldexcel import open_xls
        return open_xls(data, sheet)
    decoded = _decode(data)
    if decoded is None:
        return Table(problem=messages.file_problem("not_text"))
    text, undecodable, encoding, notes = decoded
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        return Table(problem=messages.file_problem("not_text"))
    sep = separator(text)
    table = Table(source=f"{encoding}, {_SEPARATOR_NAMES[sep]}", notes=notes)
    table.pending = _text_rows(text, sep, undecodable, encoding)
    return table


def read(data: bytes, sheet: str | None = None) -> Table:
    """A whole file at once (the CLI and tests); never raises."""
    table = open_file(data, sheet)
    while not table.finished:
        table.read_more(10_000)
    return table


def _lines(data: bytes) -> list[bytes]:
    return re.split(rb"\r\n|\r|\n", data)


def _decode(data: bytes) -> tuple[str, set[int], str, list[dict[str, str]]] | None:
    """The file as text, the physical lines holding undecodable bytes, the encoding, and any doubt.

    The encoding is decided on the whole file, never on one line: a GB18030 roster in which one
    name happens to be valid UTF-8 (郑小平) is still GB18030, and a UTF-8 file with a stray byte is
    still UTF-8, with only that line marked.
    """
    marked = data.startswith(UTF8_BOM)
    while data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    if marked:  # the file says it is UTF-8: a stray byte marks its line, it does not change the encoding
        lines = _lines(data)
        bad = {n for n, line in enumerate(lines, 1) if _strict(line, "utf-8") is None}
        return data.decode("utf-8", errors="replace"), bad, "UTF-8", []
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace").lstrip("\ufeff"), set(), "UTF-16", []
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        odd_zeros = sample[1::2].count(0)
        even_zeros = sample[0::2].count(0)
        if max(odd_zeros, even_zeros) >= len(sample) // 4 and min(odd_zeros, even_zeros) == 0:
            return data.decode("utf-16-le" if odd_zeros else "utf-16-be", errors="replace"), set(), "UTF-16", []
        return None
    utf8 = _strict(data, "utf-8")
    gb = _strict(data, "gb18030")
    if utf8 is not None and (gb is None or utf8 == gb or not _MOJIBAKE.search(utf8)):
        return utf8, set(), "UTF-8", []
    if utf8 is not None and gb is not None:
        return gb, set(), "GB18030", [messages.file_problem("encoding_doubt", chosen="GB18030", other="UTF-8")]
    lines = _lines(data)
    as_utf8 = [_strict(line, "utf-8") for line in lines]
    bad_utf8 = {n for n, text in enumerate(as_utf8, 1) if text is None}
    good_utf8 = sum(1 for text in as_utf8 if text is not None and not text.isascii() and not _MOJIBAKE.search(text))
    if good_utf8 and len(bad_utf8) <= good_utf8:  # a Chinese header in UTF-8 outweighs one stray byte
        return data.decode("utf-8", errors="replace"), bad_utf8, "UTF-8", []
    if gb is not None and len(bad_utf8) >= good_utf8:
        doubt = [messages.file_problem("encoding_doubt", chosen="GB18030", other="UTF-8")] if good_utf8 else []
        return gb, set(), "GB18030", doubt
    if len(bad_utf8) < good_utf8:
        return data.decode("utf-8", errors="replace"), bad_utf8, "UTF-8", []
    bad_gb = {n for n, line in enumerate(lines, 1) if _strict(line, "gb18030") is None}
    return data.decode("gb18030", errors="replace"), bad_gb, "GB18030", []


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def separator(text: str) -> str:
    """The separator of the first line that has one: comma, tab or semicolon, outside quotes."""
    for line in text.splitlines()[:20]:
        unquoted = re.sub(r'"[^"]*"', "", line)
        counts = {sep: unquoted.count(sep) for sep in SEPARATORS}
        best = max(SEPARATORS, key=lambda sep: counts[sep])
        if counts[best]:
            return best
    return ","


def _swallowed_rows(cell: str, sep: str) -> bool:
    """Whether a cell with line breaks holds further rows (a stray quotation mark), not one Alt+Enter cell:
    a later line of it has the separator and a date, or two separators, or (in a file of one or two
    columns, whose rows hold few separators) is a date by itself."""
    for line in re.split(r"\r\n|\r|\n", cell)[1:]:
        count = line.count(sep)
        if count >= 2 or (count and _DATE_LIKE.search(line)) or _DATE_LIKE.fullmatch(line.strip()[:7]):
            return True
    return False


def _text_rows(text: str, sep: str, undecodable: set[int], encoding: str) -> Iterator[Row]:
    csv.field_size_limit(MAX_FILE_BYTES * 4)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    line = 0
    try:
        for number, cells in enumerate(reader, start=1):
            first, line = line + 1, reader.line_num
            row = Row(number, cells)
            if any(_CONTROL.search(cell) for cell in cells):
                row.cells = [_CONTROL.sub("", cell) for cell in cells]
                row.notes.append(messages.file_problem("control_characters"))
            if any(("\n" in cell or "\r" in cell) and _swallowed_rows(cell, sep) for cell in cells):
                row.broken = messages.file_problem("merged_lines", first=first, last=line)
                row.people = line - first + 1  # each line swallowed was most likely a person
            if undecodable and undecodable.intersection(range(first, line + 1)):
                row.notes.append(messages.file_problem("undecodable", encoding=encoding))
            yield row
    except csv.Error as problem:
        raise LimitCrossed(messages.file_problem("unreadable", line=reader.line_num, detail=str(problem))) from None


_SEPARATOR_NAMES = {",": "comma", "\t": "tab", ";": "semicolon"}
