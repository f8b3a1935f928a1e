"""Reading an ``.xlsx`` workbook a cell at a time, in time and memory proportional to what it holds.

openpyxl parses the workbook (sheets, shared strings, date formats) and its streaming sheet
parser reads each cell; this module walks the sheet's XML itself so that nothing is taken on
the sheet's word: a declared ``<dimension>`` is ignored, a row is never padded to the widest,
a row number far below the data is refused by the row limit rather than filled, and a cell is
dropped from memory as soon as it is read. Before anything is parsed, every part's
uncompressed size (which ``zipfile`` never exceeds when reading) is checked, so that a zip bomb
is refused by name. The first visible sheet is read unless another is asked for.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from . import messages
from .table import EXCEL_1900, EXCEL_1904, MAX_COLUMNS, MAX_ROWS, LimitCrossed, Row, Table

MAX_PART_BYTES = 64 * 1024 * 1024  # one sheet, uncompressed: read a slice of rows at a time
# Every other part (shared strings, styles) is parsed whole before the first row, where a reader
# cannot stop it: a smaller limit keeps that first step short.
MAX_WHOLE_PART_BYTES = 16 * 1024 * 1024
MAX_PARTS = 1000
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _DATA, _MERGE, _FORMULA, _VALUE, _INLINE, _TEXT, _RUN, _STRING = (
    f"{_NS}{t}" for t in ("row", "c", "sheetData", "mergeCells", "f", "v", "is", "t", "r", "si"))
_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_INDEX = re.compile(r"\d{1,9}")
# What a number format shows besides the number: quoted text, escaped characters, [colours and
# conditions], the width of a character (_x) and a fill (*x). What is left must place the number.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_PLACES_NUMBER = re.compile(r"[0#?@]|general|[ymdhs]", re.I)


def _column(ref: str | None) -> int | None:
    match = _REF.fullmatch(ref or "")
    if not match:
        return None
    number = 0
    for letter in match.group(1):
        number = number * 26 + ord(letter) - 64
    return number


def _check_parts(data: bytes) -> dict[str, str] | None:
    """A zip whose parts, unpacked, would exceed the limits is refused before anything is unpacked; then
    what no library should be the first to meet: a document type (entities) in any part, and a number
    format longer than Excel itself allows (openpyxl's date-format test takes time quadratic in it). A zip
    too damaged to read raises, which ``table.open_file`` turns into its refusal."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            return messages.file_problem("workbook_too_many_parts", count=len(parts), limit=MAX_PARTS)
        # Two parts of one name: a reader takes one of them, Excel refuses the file.
        seen: set[str] = set()
        for part in parts:
            if part.filename.lower() in seen:
                return messages.file_problem("workbook_duplicate_part", part=part.filename)
            seen.add(part.filename.lower())
        # Each part's prolog is a bounded read (64 KB), so this comes before the parts are sized by role.
        for part in parts:
            if part.filename.endswith((".xml", ".rels")) and _declares_doctype(archive, part):
                return messages.file_problem("workbook_doctype", part=part.filename)
        sheets = _sheet_parts(archive, parts)
        for part in parts:
            limit = MAX_PART_BYTES if part.filename in sheets else MAX_WHOLE_PART_BYTES
            if part.file_size > limit:
                return messages.file_problem("workbook_part_too_big", part=part.filename,
                                             size=part.file_size // 1024 // 1024, limit=limit // 1024 // 1024)
        return _number_formats(archive, parts)


_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_PROLOG_BYTES = 64 * 1024
_PROLOG_ITEM = re.compile(rb"<\?.*?\?>|<!--.*?-->", re.S)  # the XML declaration, processing instructions, comments
_ELEMENT = re.compile(rb"<[A-Za-z_]")
# Excel refuses a number format over 255 characters; a longer one is not a real workbook's.
MAX_FORMAT_CHARS = 255


def _sheet_parts(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> set[str]:
    """The parts [Content_Types].xml declares to be worksheets, by role and not by folder: only they get
    the larger limit, read a slice at a time; shared strings or styles put in xl/worksheets/ do not."""
    types = next((p for p in parts if p.filename == "[Content_Types].xml"), None)
    if types is None or types.file_size > MAX_WHOLE_PART_BYTES:
        return set()
    from xml.etree.ElementTree import iterparse  # noqa: S405 - no document type: checked before
    found = set()
    with archive.open(types) as source:
        for _, element in iterparse(source):
            if element.tag.endswith("Override") and element.get("ContentType") == _WORKSHEET:
                found.add((element.get("PartName") or "").lstrip("/"))
            element.clear()
    return found


def _declares_doctype(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether an XML part has a document type (the door to entity expansion) before its root element.
    Real workbooks have none; a prolog padded past 64 KB, which could hide one, counts as having one."""
    with archive.open(part) as source:
        head = source.read(_PROLOG_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode()
    rest = head.removeprefix(b"\xef\xbb\xbf")
    while True:
        rest = rest.lstrip()
        skipped = _PROLOG_ITEM.match(rest)
        if skipped is None:
            break
        rest = rest[skipped.end():]
    if rest[:9].upper() == b"<!DOCTYPE":
        return True
    return bool(rest) and _ELEMENT.match(rest) is None


def _number_formats(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> dict[str, str] | None:
    """A number format over Excel's own limit refuses the file before openpyxl tests it as a date format."""
    styles = next((p for p in parts if p.filename == "xl/styles.xml"), None)
    if styles is None:
        return None
    from xml.etree.ElementTree import iterparse  # noqa: S405 - no document type: checked before
    with archive.open(styles) as source:
        for _, element in iterparse(source):
            if element.tag.endswith("}numFmt") and len(element.get("formatCode") or "") > MAX_FORMAT_CHARS:
                return messages.file_problem("workbook_number_format", count=len(element.get("formatCode")),
                                             limit=MAX_FORMAT_CHARS)
            if not element.tag.endswith("}numFmts"):
                element.clear()
    return None


def open_workbook(data: bytes, sheet: str | None = None) -> Table:
    """The workbook's first visible sheet (or the one named ``sheet``), ready to be read row by row."""
    problem = _check_parts(data)
    if problem:
        return Table(problem=problem)
    try:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet
    except ImportError:
        return Table(problem=messages.file_problem("workbook_unsupported"))
    try:
        # openpyxl's own reader, its steps up to the sheets: its read-only sheets would each parse the
        # whole sheet once to size it when the workbook opens, before a reader could stop anything.
        # External links are never read: the calculators use none, and each is one more part to parse.
        book = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        book.read_manifest()
        _read_strings(book)
        book.read_workbook()
        apply_stylesheet(book.archive, book.wb)
        sheets = [(found.name, found.state, rel.target) for found, rel in book.parser.find_sheets()
                  if rel.target in book.valid_files and "chartsheet" not in rel.Type]
    except Exception as problem:  # noqa: BLE001 - any damage in a workbook is the file's problem, not a bug
        return Table(problem=messages.file_problem("workbook_unreadable", detail=type(problem).__name__))
    visible = labelled([(name, target) for name, state, target in sheets if state in (None, "visible")])
    if not visible:
        return Table(problem=messages.file_problem("workbook_no_sheet"))
    name, target = next((pair for pair in visible if pair[0] == sheet), visible[0])
    epoch = EXCEL_1904 if book.wb.epoch.year == EXCEL_1904.year else EXCEL_1900
    table = Table(source="xlsx", date_epoch=epoch, sheets=[n for n, _ in visible], sheet=name,
                  unpacked=sum(part.file_size for part in book.archive.infolist()))
    if len(sheets) > len(visible):
        table.notes.append(messages.file_problem("workbook_hidden_sheets", count=len(sheets) - len(visible)))
    table.pending = _rows(book, target, table)
    return table


def labelled(sheets: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Sheets as the reader chooses them: two of one name (Excel refuses that, a hand-made file need not)
    are told apart by their place among those of that name, "名单 (2)", so that each can be chosen."""
    names = [name for name, _ in sheets]
    seen: dict[str, int] = {}
    out = []
    for name, target in sheets:
        seen[name] = seen.get(name, 0) + 1
        out.append((f"{name} ({seen[name]})" if names.count(name) > 1 else name, target))
    return out


def shows_no_number(code: str, value: float) -> bool:
    """Whether a number format shows fixed text instead of the number (a format of "6" shows 6 whatever
    the cell holds): the section for the value's sign places no digit, date part or the text itself."""
    sections = code.split(";")
    section = sections[0]
    if value < 0 and len(sections) > 1:
        section = sections[1]
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    left = _FORMAT_LITERALS.sub("", section)
    return bool(section) and not _PLACES_NUMBER.search(left)


def _hiding_styles(book: Any) -> dict[int, str]:
    """The cell styles whose number format shows fixed text for some numbers, by style id, with the format
    (Excel's built-in formats never do)."""
    found = {}
    custom = book.wb._number_formats
    for style_id, style in enumerate(book.wb._cell_styles):
        number = style.numFmtId - 164
        code = custom[number] if 0 <= number < len(custom) else ""
        if any(shows_no_number(section, 1) for section in code.split(";")):
            found[style_id] = code
    return found


def _string_text(node: Any) -> str:
    """A string's text as Excel shows it: its one text, or its runs' texts in order, their formatting
    left unparsed (openpyxl builds an object for every run's font, seconds for a cell of thousands);
    both at once is no string Excel writes, and rejects its row."""
    plain = node.find(_TEXT)
    runs = [run.findtext(_TEXT) or "" for run in node.iterfind(_RUN)]
    if plain is not None and runs:
        raise ValueError("a string that is both one text and runs")
    return (plain.text or "") if plain is not None else "".join(runs)


def _read_strings(book: Any) -> None:
    """The shared strings, read as ``_string_text`` reads a cell's own (and as openpyxl reads them,
    which drops "x005F_"); a damaged one is the file's problem."""
    from xml.etree.ElementTree import iterparse  # noqa: S405 - no document type: checked before

    from openpyxl.xml.constants import SHARED_STRINGS
    found = book.package.find(SHARED_STRINGS)
    strings: list[str] = []
    if found is not None:
        with book.archive.open(found.PartName[1:]) as source:
            for _, node in iterparse(source):
                if node.tag == _STRING:
                    strings.append(_string_text(node).replace("x005F_", ""))
                    node.clear()
    book.shared_strings = strings


def _parser(book: Any, source: Any) -> Any:
    from openpyxl.worksheet._reader import WorkSheetParser
    return WorkSheetParser(source, book.shared_strings, data_only=True, epoch=book.wb.epoch,
                           date_formats=book.wb._date_formats, timedelta_formats=book.wb._timedelta_formats)


def _rows(book: Any, target: str, table: Table) -> Iterator[Row]:
    """Every row of the sheet, numbered as Excel numbers it, gaps as blank rows; merged cells filled at the end."""
    from xml.etree.ElementTree import iterparse  # noqa: S405 - expat refuses entity expansion attacks
    last = 0
    cells: dict[int, Any] = {}
    notes: list[dict[str, str]] = []
    broken: dict[str, str] | None = None
    holder = row_element = None
    data_parts = 0
    hiding = _hiding_styles(book)
    try:
        with book.archive.open(target) as source:
            parser = _parser(book, source)
            for event, element in iterparse(source, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == _ROW and holder is None:
                        raise LimitCrossed(messages.file_problem("workbook_rows_outside_data"))
                    if tag == _ROW:
                        number = _row_number(element.get("r"), parser.row_counter)
                        if number <= last:
                            raise LimitCrossed(messages.file_problem("workbook_rows_out_of_order", row=number,
                                                                     after=last))
                        if number > MAX_ROWS:
                            raise LimitCrossed(messages.file_problem("too_many_rows", row=number, limit=MAX_ROWS))
                        parser.row_counter, parser.col_counter = number, 0
                        table.hidden += element.get("hidden") in ("1", "true")
                        cells, notes, broken, row_element = {}, [], None, element
                    elif tag == _DATA:
                        data_parts += 1
                        if data_parts > 1:
                            raise LimitCrossed(messages.file_problem("workbook_rows_outside_data"))
                        holder = element
                    continue
                if tag == _DATA:
                    holder = None
                elif tag == _CELL:
                    broken = _read_cell(parser, element, cells, notes, hiding) or broken
                    # A cell is dropped as soon as it is read, so that one row of a million cells is not
                    # held; a filled cell past the column limit refuses the file at once.
                    element.clear()
                    if row_element is not None and len(row_element):
                        del row_element[-1]
                    if cells and next(reversed(cells)) > MAX_COLUMNS:  # the cell just read, if filled
                        raise LimitCrossed(messages.file_problem("too_many_columns", row=parser.row_counter,
                                                                 count=max(cells), limit=MAX_COLUMNS))
                elif tag == _ROW:
                    number = parser.row_counter
                    for gap in range(last + 1, number):
                        yield Row(gap, [])
                    width = max(cells, default=0)
                    if width > MAX_COLUMNS:
                        raise LimitCrossed(messages.file_problem("too_many_columns", row=number, count=width,
                                                                 limit=MAX_COLUMNS))
                    yield Row(number, [cells.get(i, "") for i in range(1, width + 1)], notes, broken)
                    last = number
                    element.clear()
                    if holder is not None and len(holder):
                        del holder[-1]
                elif tag == _MERGE:
                    table.merges = _merged_areas(element)
                    element.clear()
    except LimitCrossed:
        raise
    except Exception as problem:  # noqa: BLE001 - a damaged sheet is the file's problem, not a bug
        raise LimitCrossed(messages.file_problem("workbook_unreadable", detail=type(problem).__name__)) from None
    if table.hidden:
        table.notes.append(messages.file_problem("workbook_hidden_rows", count=table.hidden))


def _row_number(raw: str | None, previous: int) -> int:
    if raw is None:
        return previous + 1
    try:
        return int(float(raw))
    except (ValueError, OverflowError):
        raise LimitCrossed(messages.file_problem("workbook_unreadable", detail=f"row {raw!r}")) from None


def _read_cell(parser: Any, element: Any, cells: dict[int, Any], notes: list[dict[str, str]],
               hiding: dict[int, str]) -> dict[str, str] | None:
    """One cell into ``cells`` as text, as Excel shows it; a cell that cannot be read so rejects its row,
    not the file: a shared string's index that is not a plain number (openpyxl would read -1 as the last
    string, "0_5" as 5), an inline string that is both one text and runs of it."""
    column = _column(element.get("r")) or parser.col_counter + 1
    try:
        if element.get("t") == "s" and not _INDEX.fullmatch((element.findtext(_VALUE) or "").strip()):
            raise ValueError("shared string index")
        inline = element.find(_INLINE) if element.get("t") == "inlineStr" else None
        if inline is not None:
            element.remove(inline)
        parsed = parser.parse_cell(element)
        value = parsed["value"] if inline is None else _string_text(inline)
    except Exception:  # noqa: BLE001 - one damaged cell is its row's problem
        parser.col_counter = column
        return messages.file_problem("workbook_bad_cell", column=column)
    code = hiding.get(parsed["style_id"] or 0)
    if code and isinstance(value, (int, float)) and not isinstance(value, bool) and shows_no_number(code, value):
        notes.append({**messages.file_problem("workbook_format_hides_value", column=column, format=code[:40]),
                      "column": column})
    if column in cells:
        raise LimitCrossed(messages.file_problem("workbook_duplicate_cell", row=parser.row_counter, column=column))
    if value is None and element.find(_FORMULA) is not None and element.find(_VALUE) is None:
        notes.append({**messages.file_problem("workbook_formula_without_value", column=column), "column": column})
    text, note = cell_text(value, column)
    if note:
        notes.append(note)
    if text:
        cells[column] = text
    return None


def cell_text(value: Any, column: int) -> tuple[str, dict[str, str] | None]:
    """A workbook cell as the text a CSV export would hold, as Excel shows it, with a note where it was read so."""
    import datetime as _dt
    if value is None:
        return "", None
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time():
            return value.date().isoformat(), None
        return value.date().isoformat(), messages.file_problem("workbook_time_dropped", column=column,
                                                               value=value.isoformat(sep=" "))
    if isinstance(value, (_dt.date, _dt.time, _dt.timedelta)):
        return value.isoformat() if not isinstance(value, _dt.timedelta) else str(value), None
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value), None
        shown = f"{value:.15g}"
        if "e" in shown:
            return repr(value), None
        if float(shown) != value:
            return shown, messages.file_problem("workbook_float_shown", column=column, value=repr(value), shown=shown)
        return (str(int(value)) if value.is_integer() else shown), None
    return str(value), None


def _merged_areas(element: Any) -> list[tuple[int, int, int, int]]:
    """The merged areas: first column, first row, last column, last row."""
    found = []
    for merge in element:
        match = re.fullmatch(r"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)", merge.get("ref", ""))
        if match:
            first, last = _column(match.group(1) + "1") or 0, _column(match.group(3) + "1") or 0
            found.append((first, int(match.group(2)), last, int(match.group(4))))
    return found
