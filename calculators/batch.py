"""Many rows at once: a unit's HR officer checks a whole department from one spreadsheet.

Used by the CLI (``--csv``) and by the page's batch check, which runs this same code in
the reader's browser, a slice of rows at a time so that the page can show progress and
stop. The promise: one output row per input row, in order, each with its result or the
reason it was not calculated, or one clear message saying why the file cannot be used.
The answers are written in the reader's language, and every cell that a spreadsheet could
run as a formula is neutralised (OWASP "CSV injection").
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io
import re
from typing import Any

from . import CALCULATORS, columns, messages, office, readings, run, table
from .clauses import cited
from .wording import join_list, pick

HEAD = {"status": ("结果", "Result"), "reason": ("退回原因或说明", "Reason or note"), "row": ("表格行号", "Row in file")}
BEYOND = ("列名以外的单元格", "Cells beyond the named columns")
WHO_SPEAKS = ("计算结果仅供参考，不是认定结论，由用人单位和评委会认定；本站不是毕节市人力资源和社会保障局的网站。",
              "The results are information, not a decision: the employer and the evaluation committee decide. This "
              "site is not the Bijie Municipal Human Resources and Social Security Bureau's.")
STATUS = {"ok": ("已计算", "calculated"), "rejected": ("退回", "rejected"), "empty": ("空行", "empty"),
          "skipped": ("跳过", "skipped")}
# What the first filled cell of a row below the people says when the row is not a person: a total, a
# note, a signature or a date line of the form (合计, 注：, 填表人, 制表日期). Such a row is skipped, said.
NOT_A_PERSON = re.compile(r"(合计|总计|小计|共计|注[:：]|备注[:：]|说明[:：]|填表说明|填表人|填报人|制表人|制表日期|"
                          r"填表日期|填报日期|审核人|经办人|负责人|单位负责人|total|subtotal|note[:：])", re.IGNORECASE)
PREVIEW_ROWS = 200
RESULT_MULTIPLE, RESULT_SLACK = 40, 2 * 1024 * 1024
CLIPPED = 200  # characters of a cell a row that was not calculated keeps in the results
# Their full-width forms too: a spreadsheet may fold them to the ASCII ones before it looks.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# An Excel date number in a date column: whole days, 1949-01-01 (17899) to 2100-12-31 (73415).
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
SERIAL_RANGE = (17899, 73415)


def safe_cell(text: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


_STATUS_KEYS = frozenset(columns.key(text) for key in ("status", "reason") for text in HEAD[key])


def own_columns(name: str) -> frozenset[str]:
    """The columns a results file of this calculator adds, in both languages, as ``columns.key`` reads them."""
    titles = [*HEAD.values(), BEYOND, *((c.zh, c.en) for c in CALCULATORS[name].columns)]
    return frozenset(columns.key(text) for pair in titles for text in pair)


class _Utf8Chunks:
    """Where the CSV writer puts each row, already UTF-8: a hundred thousand rows stay a few
    megabytes (a StringIO would hold four bytes a character)."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.size = 0

    def write(self, text: str) -> None:
        chunk = text.encode("utf-8", errors="backslashreplace")
        self.chunks.append(chunk)
        self.size += len(chunk)


class BatchRun:
    """One file being checked, a slice at a time so that the page can show progress and stop at any
    point: first its rows are read (``reading``), then the header is found and each row calculated,
    written as CSV as it goes."""

    def __init__(self, name: str, data: bytes, lang: str = "zh", sheet: str | None = None) -> None:
        self.name, self.lang = name, lang
        self.calc = CALCULATORS[name]
        self.data, self.chosen = data, sheet
        self.table = table.open_file(data, sheet)
        # A results file is at most a small multiple of its input: cells merged down a whole sheet, or
        # one long cell repeated, must not make a few kilobytes into a hundred megabytes.
        self.result_limit = RESULT_MULTIPLE * max(len(data), self.table.unpacked) + RESULT_SLACK
        self.problem = self.table.problem
        self.passed_over: list[str] = []  # visible sheets before the one read, which had no header row
        self.mapping = ""
        self.planned = False
        self.first = self.position = 0
        self.counts = {"rows": 0, "ok": 0, "rejected": 0, "empty": 0, "skipped": 0}
        self.clauses: list[str] = []  # what the rows answered rest on, in the order first cited
        self.readings: list[str] = []  # the site's readings they rest on, likewise
        self.preview: list[dict[str, Any]] = []
        self.rejected_preview: list[dict[str, Any]] = []
        self._out = _Utf8Chunks()
        self._writer = csv.writer(self._out, lineterminator="\r\n")

    @property
    def reading(self) -> bool:
        return self.problem is None and not self.planned

    @property
    def total(self) -> int:
        return len(self.table.rows) - self.first if self.problem is None and self.planned else 0

    @property
    def done(self) -> bool:
        return self.problem is not None or (self.planned and self.position >= len(self.table.rows))

    def _plan(self) -> None:
        """Which row is the header, which column holds which field, what the output columns are;
        or the one file-level reason why the rows cannot be answered."""
        rows, numbers, filled = [], [], 0
        for row in self.table.rows:
            rows.append(row.cells)
            numbers.append(row.number)
            filled += any(cell.strip() for cell in row.cells)
            if filled >= columns.HEADER_SCAN:
                break
        found = columns.plan(self.name, rows, numbers)
        if any(columns.key(c.header) in _STATUS_KEYS for c in found.columns):
            # A results file of this site, checked again: its own result columns resemble nothing. In any
            # other file a title of its results (扣除的年度) names the field it came from.
            found = columns.plan(self.name, rows, numbers, own_columns(self.name))
        self.plan = found
        if found.problem:
            self.problem = found.problem
            return
        self.mapping = " ".join([columns.describe(found, self.lang), *self._file_notes()])
        self.first = self.position = numbers.index(found.header_row) + 1
        if self.first >= len(self.table.rows):
            self.problem = messages.file_problem("no_rows")
            return
        self.header = [c.header for c in found.columns]
        self.read_fields = [(c.index, c.field) for c in found.columns if c.field]
        self.yearly, year_columns = found.years()
        self.year_columns = [(c.index, c.year, (columns.cell_said(c, "zh"), columns.cell_said(c, "en")))
                             for c in year_columns]
        self.deciding = {index + 1 for index, _ in self.read_fields} | {c.index + 1 for c in year_columns}
        self.dates = [i for i, c in enumerate(found.columns) if c.field and c.field.kind == "date"]
        width = len(self.header)
        self.extra = any(len(self.table.rows[i].cells) > width for i in range(self.first, len(self.table.rows)))
        unnamed = pick(("第 {} 列（无列名）", "column {} (no name)"), self.lang)
        inputs = [column or unnamed.format(i + 1) for i, column in enumerate(self.header)]
        inputs += [pick(BEYOND, self.lang)] if self.extra else []
        self.out_header = [pick(HEAD[key], self.lang) for key in ("status", "reason", "row")] + inputs
        self.out_header += [pick((c.zh, c.en), self.lang) for c in self.calc.columns]
        self._writer.writerow([safe_cell(cell) for cell in self.out_header])

    def _next_sheet_if_no_header(self) -> None:
        """A workbook whose first sheet holds no header row (填表说明 before 花名册): the next visible sheet
        is read instead, unless the reader chose the sheet. Where none has one, the refusal names them."""
        if self.chosen is not None or self.problem is None or self.problem["code"] not in ("no_known_column", "no_header"):
            return
        later = self.table.sheets[self.table.sheets.index(self.table.sheet) + 1:] if self.table.sheet else []
        if not later:
            if self.passed_over or len(self.table.sheets) > 1:
                others = join_list(self.lang, self.table.sheets)
                self.problem = {key: self.problem[key] + (f"（工作簿中的工作表：{others}，均没有列名行。）" if key == "zh"
                                                          else f" (The workbook's sheets, {others}, all lack one.)")
                                for key in ("zh", "en")} | {"code": self.problem["code"]}
            return
        self.passed_over.append(self.table.sheet)
        self.table = table.open_file(self.data, later[0])
        self.problem, self.planned = self.table.problem, False

    def _file_notes(self) -> list[str]:
        notes = [note[self.lang] for note in self.table.notes]
        if self.passed_over:
            notes.insert(0, messages.file_problem("workbook_other_sheets", first=self.passed_over[0],
                                                  sheet=self.table.sheet)[self.lang])
        if len(self.table.sheets) > 1:
            shown = join_list(self.lang, self.table.sheets)
            notes.insert(0, messages.file_problem("workbook_sheet_read", sheet=self.table.sheet, sheets=shown)[self.lang])
        return notes

    def step(self, limit: int = 2000) -> int:
        """Read, then calculate, up to ``limit`` more rows: while reading, the number of records read;
        then the number of rows (below the header) calculated so far.

        The one boundary of a file's check: whatever a library raises on a file, or a file that needs
        more memory than there is, ends as a refusal that names it, never as a traceback."""
        try:
            return self._step(limit)
        except MemoryError:
            self.problem = messages.file_problem("out_of_memory")
        except Exception as fault:  # noqa: BLE001 - a library's failure on a file is the file's refusal
            self.problem = messages.file_problem("workbook_unreadable", detail=type(fault).__name__)
        self._out = _Utf8Chunks()
        return 0

    def _step(self, limit: int) -> int:
        if self.reading:
            read = self.table.read_more(limit)
            self.problem = self.table.problem
            if self.table.finished and self.problem is None:
                self.planned = True
                self._plan()
                self._next_sheet_if_no_header()
            return read
        stop = min(len(self.table.rows), self.position + limit) if self.problem is None else self.position
        while self.position < stop:
            self._one(self.table.rows[self.position])
            self.position += 1
            if self._out.size > self.result_limit:
                self.problem = messages.file_problem("result_too_big", limit=self.result_limit // 1024 // 1024)
                self._out = _Utf8Chunks()
                break
        return self.position - self.first

    def _excel_dates(self, cells: list[str], notes: list[str]) -> list[str]:
        """Date cells holding Excel's day numbers, read as the date Excel shows, each with a note."""
        read = cells
        for index in self.dates:
            text = cells[index].strip()
            if _SERIAL.fullmatch(text) and SERIAL_RANGE[0] <= int(float(text)) <= SERIAL_RANGE[1]:
                day = (self.table.date_epoch + _dt.timedelta(days=int(float(text)))).isoformat()
                read = read if read is not cells else list(cells)
                read[index] = day
                label = self.plan.columns[index].field
                notes.append(messages.file_problem("excel_serial", serial=text, day=day,
                                                   label_zh=label.label_zh, label_en=label.label_en)[self.lang])
        return read

    def _inputs(self, read: list[str], notes: list[str]) -> dict[str, str]:
        """A row's inputs as the calculator reads them, from what the office wrote (``calculators.office``):
        each writing read by a rule adds its note; one that could mean two things refuses the row."""
        inputs = {}
        for index, f in self.read_fields:
            text = read[index]
            if text.startswith("'"):
                text = text[1:]  # Excel's mark for "keep this as text"
            kind = f.kind
            if kind == "date":
                text, note = office.date_cell(text, (f.label_zh, f.label_en))
            elif kind == "years":
                text, note = office.years_cell(text, (f.label_zh, f.label_en))
            else:
                text, note = (office.count_cell(text) if kind in ("integer", "count") else text), None
            if note:
                notes.append(note[self.lang])
            inputs[f.name] = text
        if self.yearly is not None:
            grades = self.yearly.grades
            inputs[self.yearly.name] = ",".join(str(year) for index, year, said in self.year_columns
                                                if office.grade(read[index], grades, said))
        return inputs

    def _one(self, row: table.Row) -> None:
        width = len(self.header)
        cells = row.cells[:width] + [""] * (width - len(row.cells))
        notes = [note[self.lang] for note in row.notes]
        extra = sum(1 for cell in row.cells[width:] if cell.strip())
        if self.extra:
            cells.append(" | ".join(cell for cell in row.cells[width:] if cell.strip()))
        if extra:
            notes.append(messages.file_problem("extra_cells", count=extra)[self.lang])
        results = [""] * len(self.calc.columns)
        if not any(cell.strip() for cell in row.cells):
            status, notes = "empty", [messages.file_problem("empty_row")[self.lang], *notes]
        elif row.broken:
            status, notes = "rejected", [row.broken[self.lang], *notes]
        elif any(note.get("column") in self.deciding for note in row.notes):
            # A formula with no value saved, or a number its format hides, in a column the answer rests
            # on: never read as blank, or as a figure the reader does not see.
            status = "rejected"
        elif NOT_A_PERSON.match(first := next(cell for cell in row.cells if cell.strip()).strip()):
            status, notes = "skipped", [messages.file_problem("not_a_person", first=first[:40])[self.lang], *notes]
        else:
            read = self._excel_dates(cells, notes)
            try:
                inputs = self._inputs(read, notes)
            except office.Refused as refused:
                inputs, notes = None, [refused.problem[self.lang], *notes]
            answer = run(self.name, inputs, explain=False) if inputs is not None else {"ok": False, "errors": []}
            if answer["ok"]:
                status = "ok"
                results = self.calc.cells(answer, self.lang)
                self.clauses += [clause for clause in answer["clauses"] if clause not in self.clauses]
                self.readings += [r["id"] for r in answer["result"]["readings"] if r["id"] not in self.readings]
                if answer["result"]["depends_on_reading"]:
                    notes.insert(0, answer["verdict"][self.lang])
                else:
                    notes[:0] = answer["rests_on"][self.lang]
                notes += [note[self.lang] for note in answer["notes"]]
            else:
                status = "rejected"
                notes = [error[self.lang] for error in answer["errors"]] + notes
        self.counts["rows"] += row.people
        self.counts[status] += row.people
        reason = pick(("", " "), self.lang).join(notes)
        if status != "ok":
            cells = [cell if len(cell) <= CLIPPED else cell[:CLIPPED] + "…" for cell in cells]
        out = [pick(STATUS[status], self.lang), reason, str(row.number), *cells, *results]
        self._writer.writerow([safe_cell(cell) for cell in out])
        if len(self.preview) < PREVIEW_ROWS:
            self.preview.append({"status": status, "cells": out})
        if status == "rejected" and len(self.rejected_preview) < PREVIEW_ROWS:
            self.rejected_preview.append({"status": status, "cells": out})

    def csv(self) -> str:
        """Every row answered so far, as CSV text (CRLF line ends, as spreadsheets expect)."""
        return self.csv_bytes().decode("utf-8")

    def csv_bytes(self) -> bytes:
        """The same as UTF-8 bytes."""
        return b"".join(self._out.chunks)

    def about(self) -> str:
        """What a result file says of itself: who speaks, the column mapping, the clauses and the site's
        readings the answered rows rest on."""
        stop = pick(("。", "."), self.lang)
        parts = [pick(WHO_SPEAKS, self.lang), self.mapping]
        if self.clauses:
            parts.append(cited(self.clauses, self.lang) + stop)
        parts.append(self._readings_line())
        return pick(("", " "), self.lang).join(part for part in parts if part)

    def _readings_line(self) -> str:
        """The site's readings the answered rows rest on, in a few words each ("" when none)."""
        if not self.readings:
            return ""
        stop = pick(("。", "."), self.lang)
        return readings.short_names(self.calc.readings, self.readings, self.lang) + stop

    def download_bytes(self) -> bytes:
        """The result file, as the page's download and the CLI's ``--csv`` write it, byte for byte: a UTF-8
        byte order mark (Excel on Chinese Windows reads a file without one as GBK), what the file is
        (``about``) as a first line, one cell that Excel and WPS show above the table (a later upload of
        the file skips it as a title row), then the table."""
        line = _Utf8Chunks()
        csv.writer(line, lineterminator="\r\n").writerow([safe_cell(self.about())])
        return b"".join([codecs.BOM_UTF8, *line.chunks, *self._out.chunks])

    def _preview_order(self) -> list[int]:
        """The preview's columns: result, verdict and reason first, then the row number, the input and the rest."""
        first_result = len(self.out_header) - len(self.calc.columns)
        lead = [0, first_result + self.calc.verdict_column, 1]
        return lead + [i for i in range(len(self.out_header)) if i not in lead]

    def summary(self) -> dict[str, Any]:
        """What the page shows: the counts, the first rows and the first rejected rows, and the file's problem."""
        if self.problem is not None:
            return {"problem": self.problem, "counts": self.counts}
        order = self._preview_order()

        def reorder(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [{"status": row["status"], "cells": [row["cells"][i] for i in order]} for row in rows]

        return {"problem": None, "header": [self.out_header[i] for i in order], "rows": reorder(self.preview),
                "rejected": reorder(self.rejected_preview), "counts": self.counts, "total": self.total,
                "source": self.table.source, "mapping": self.mapping, "clauses": self.clauses,
                "readings": self._readings_line(),
                "reason_column": order.index(1),
                "sheets": self.table.sheets, "sheet": self.table.sheet}


def run_file(name: str, data: bytes, lang: str = "zh", sheet: str | None = None) -> BatchRun:
    """A whole file, every row calculated (the CLI, and tests)."""
    batch = BatchRun(name, data, lang, sheet)
    while not batch.done:
        batch.step(50_000)
    return batch


def example_row(name: str, lang: str) -> list[str]:
    """One filled-in row for the template, from the calculator's own example (a pair is Chinese, English)."""
    examples = CALCULATORS[name].template_example
    cells = [examples.get(f.name, "") for f in columns.batch_fields(name)]
    return [pick(("张三", "Zhang San"), lang)] + [pick(c, lang) if isinstance(c, tuple) else c for c in cells]


def template_rows(name: str, lang: str) -> list[list[str]]:
    """The template's header (a name column, then the form's labels in the reader's language) and its example."""
    header = [pick(("姓名", "Name"), lang)] + [pick((f.label_zh, f.label_en), lang) for f in columns.batch_fields(name)]
    return [header, example_row(name, lang)]


def template_csv(name: str, lang: str) -> str:
    """The template as CSV text, to fill in with a spreadsheet and upload."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(template_rows(name, lang))
    return out.getvalue()

