"""Reading an Excel 97–2003 workbook (``.xls``), which many offices still save, into the same rows as
a CSV file or an ``.xlsx`` (``calculators.workbook``).

xlrd (a kept, pure-Python library, loaded by the page only when such a file is picked) parses the
binary format; this module turns its cells into the text Excel shows, as ``workbook.cell_text`` does
for ``.xlsx``, fills cells merged down one column, counts hidden rows, and turns any failure of the
library on a damaged file into a refusal by name. The file itself is within the size limit before it
gets here, and every row passes the same limits as any other file's.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from . import messages
from .table import EXCEL_1900, EXCEL_1904, MAX_COLUMNS, MAX_ROWS, LimitCrossed, Row, Table
from .workbook import cell_text, labelled


def open_xls(data: bytes, sheet: str | None = None) -> Table:
    """The workbook's first visible sheet (or the one named ``sheet``), ready to be read row by row."""
    try:
        import xlrd
    except ImportError:
        return Table(problem=messages.file_problem("xls_unsupported"))
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=io.StringIO())
        sheets = [book.sheet_by_index(i) for i in range(book.nsheets)]
    except Exception as problem:  # noqa: BLE001 - any damage in a workbook is the file's problem, not a bug
        return Table(problem=messages.file_problem("workbook_unreadable", detail=type(problem).__name__))
    visible = labelled([(found.name, found) for found in sheets if found.visibility == 0])
    if not visible:
        return Table(problem=messages.file_problem("workbook_no_sheet"))
    name, chosen = next((pair for pair in visible if pair[0] == sheet), visible[0])
    table = Table(source="xls", date_epoch=EXCEL_1904 if book.datemode == 1 else EXCEL_1900,
                  sheets=[label for label, _ in visible], sheet=name)
    if len(sheets) > len(visible):
        table.notes.append(messages.file_problem("workbook_hidden_sheets", count=len(sheets) - len(visible)))
    table.merges = [(clo + 1, rlo + 1, chi, rhi) for rlo, rhi, clo, chi in chosen.merged_cells]
    table.pending = _rows(book, chosen, table)
    return table


def _rows(book: Any, sheet: Any, table: Table) -> Iterator[Row]:
    """Every row of the sheet, numbered as Excel numbers it, each cell as Excel shows it."""
    import xlrd
    if sheet.nrows > MAX_ROWS:
        raise LimitCrossed(messages.file_problem("too_many_rows", row=sheet.nrows, limit=MAX_ROWS))
    for index in range(sheet.nrows):
        width = sheet.row_len(index)
        if width > MAX_COLUMNS:
            raise LimitCrossed(messages.file_problem("too_many_columns", row=index + 1, count=width, limit=MAX_COLUMNS))
        cells, notes = [], []
        for column in range(width):
            cell = sheet.cell(index, column)
            value: Any = cell.value
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    value = xlrd.xldate_as_datetime(cell.value, book.datemode)
                except Exception:  # noqa: BLE001 - a damaged date is its row's problem
                    notes.append(messages.file_problem("workbook_bad_cell", column=column + 1))
                    value = None
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                value = None
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(cell.value)
            text, note = cell_text(value, column + 1)
            cells.append(text)
            if note:
                notes.append(note)
        info = sheet.rowinfo_map.get(index)
        table.hidden += bool(info is not None and info.hidden)
        yield Row(index + 1, cells, notes)
    if table.hidden:
        table.notes.append(messages.file_problem("workbook_hidden_rows", count=table.hidden))
