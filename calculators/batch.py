"""Many rows at once: a unit's HR officer checks a whole department from one spreadsheet.

Used by the CLI (``--csv``) and by the page's batch check, which runs this same code in
the reader's browser, a slice of rows at a time so that the page can show progress and
stop. The promise: one output row per input row, in order, each with its result or the
reason it was not calculated, or one clear message saying why the file cannot be used.
The answers are written in the reader's language, and every cell that a spreadsheet could
run as a formula is neutralised (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from . import CALCULATORS, messages, rules, run, table
from .inputs import normalise

RESULTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "tenure": (
        ("start", "起算日期", "Start date"), ("cutoff", "终算时间", "Cutoff"), ("full_years", "满整年数", "Full years"),
        ("start_moved_by", "起算移至年末的不合格年度", "Unsatisfactory year that moved the start"),
        ("deducted_years", "扣除的年度", "Years deducted"), ("ignored_years", "未扣除的年度", "Years not deducted"),
        ("counted_years", "计入年限", "Years counted"), ("meets", "年限是否满足要求", "Years requirement met"),
        ("shortfall_years", "还差年数", "Years short"),
        ("earliest_apply_year", "年限最早满足的申报年度", "Earliest application year (years only)"),
    ),
    "ce_hours": (
        ("required_total", "应达总学时", "Hours required"), ("total", "总学时", "Total hours"),
        ("professional_total", "专业科目学时", "Professional hours"),
        ("meets_public", "有无公需科目学时", "Public-subject hours recorded"),
        ("meets", "学时是否达到要求（本站口径）", "Hours met (this site's reading)"),
        ("shortfall_total", "总学时差额", "Total hours short"),
        ("shortfall_professional", "专业科目差额", "Professional hours short"),
        ("hours_still_needed", "还需学时", "Hours still needed"), ("professional_share", "专业科目占比", "Professional share"),
    ),
    "quota": (
        ("quota", "名额", "Quota"), ("used", "已用", "Used"), ("remaining", "尚余", "Remaining"),
        ("within_quota", "是否在名额内", "Within the quota"), ("excess", "超出", "Excess"),
        ("ok", "名额和署名是否符合要求", "Quota and signatures in order"),
    ),
}
HEAD = {"status": ("结果", "Result"), "reason": ("退回原因或说明", "Reason or note"), "row": ("表格行号", "Row in file")}
STATUS = {"ok": ("已计算", "calculated"), "rejected": ("退回", "rejected"), "empty": ("空行", "empty")}
VERDICT_KEYS = ("meets", "ok")
PREVIEW_ROWS = 200
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKS = re.compile(r"[\s“”\"'‘’*:]|\(必填\)|\(required\)")  # after NFKC: （必填） is (必填)


def _key(text: str) -> str:
    return _MARKS.sub("", normalise(text).lower())


def _say(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def columns_for(name: str) -> dict[str, str]:
    """Every header a column may carry for a field (its name, Chinese label or English label), normalised."""
    found: dict[str, str] = {}
    for f in CALCULATORS[name].FIELDS:
        if f.kind != "records":
            for text in (f.name, f.label_zh, f.label_en):
                found[_key(text)] = f.name
    return found


def safe_cell(text: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value}"


def show(key: str, value: Any, lang: str) -> str:
    """One result as a reader writes it: 是/否, 符合/不符合, 90 not 90.0, 62.5%, 2019、2020."""
    if value is None:
        return ""
    if isinstance(value, bool):
        if key in VERDICT_KEYS:
            return ("符合" if value else "不符合") if lang == "zh" else ("met" if value else "not met")
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, list):
        return ("、" if lang == "zh" else ", ").join(str(item) for item in value)
    if key == "professional_share":
        return f"{_number(round(value * 100, 2))}%"
    if isinstance(value, (int, float)):
        return _number(value)
    return str(value)


class _Utf8Chunks:
    """Where the CSV writer puts each row, already UTF-8: a hundred thousand rows stay a few
    megabytes (a StringIO would hold four bytes a character)."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def write(self, text: str) -> None:
        self.chunks.append(text.encode("utf-8", errors="backslashreplace"))


class BatchRun:
    """One file being checked: read at once, calculated a slice at a time, written as CSV as it goes."""

    def __init__(self, name: str, data: bytes, lang: str = "zh") -> None:
        self.name, self.lang = name, lang
        self.table = table.read(data)
        self.problem = self.table.problem
        self.position = 0
        self.counts = {"rows": 0, "ok": 0, "rejected": 0, "empty": 0}
        self.preview: list[dict[str, Any]] = []
        self.rejected_preview: list[dict[str, Any]] = []
        self._out = _Utf8Chunks()
        self._writer = csv.writer(self._out, lineterminator="\r\n")
        if self.problem is None:
            self._plan()

    @property
    def total(self) -> int:
        return len(self.table.rows) if self.problem is None else 0

    @property
    def done(self) -> bool:
        return self.problem is not None or self.position >= len(self.table.rows)

    def _plan(self) -> None:
        """Which column holds which field, what the output columns are; or why the file cannot be used."""
        known = columns_for(self.name)
        self.fields = [known.get(_key(column)) for column in self.table.header]
        seen: dict[str, list[int]] = {}
        for index, field_name in enumerate(self.fields):
            if field_name:
                seen.setdefault(field_name, []).append(index + 1)
        twice = next(((f, cols) for f, cols in seen.items() if len(cols) > 1), None)
        if twice:
            self.problem = messages.file_problem(
                "duplicate_column", column=self.table.header[twice[1][0] - 1],
                columns_zh="、".join(map(str, twice[1])), columns_en=", ".join(map(str, twice[1])))
            return
        if not seen:
            first = next(f for f in CALCULATORS[self.name].FIELDS if f.required or f.kind == "hours")
            self.problem = messages.file_problem("no_known_column", example_zh=first.label_zh, example_en=first.label_en)
            return
        if not self.table.rows:
            self.problem = messages.file_problem("no_rows")
            return
        width = len(self.table.header)
        self.extra = max(0, max(len(row.cells) for row in self.table.rows) - width)
        unnamed = "第 {} 列（无列名）" if self.lang == "zh" else "column {} (no name)"
        inputs = [column or unnamed.format(i + 1) for i, column in enumerate(self.table.header)]
        inputs += [unnamed.format(width + i + 1) for i in range(self.extra)]
        self.header = [_say(HEAD[key], self.lang) for key in ("status", "reason", "row")] + inputs
        self.header += [_say((zh, en), self.lang) for _, zh, en in RESULTS[self.name]]
        self._writer.writerow([safe_cell(cell) for cell in self.header])

    def step(self, limit: int = 2000) -> int:
        """Calculate up to ``limit`` more rows; the number of rows done so far."""
        stop = min(len(self.table.rows), self.position + limit) if self.problem is None else self.position
        while self.position < stop:
            self._one(self.table.rows[self.position])
            self.position += 1
        return self.position

    def _one(self, row: table.Row) -> None:
        width = len(self.table.header)
        cells = row.cells + [""] * (width + self.extra - len(row.cells))
        notes = [note[self.lang] for note in row.notes]
        extra = sum(1 for cell in row.cells[width:] if cell.strip())
        if extra:
            notes.append(messages.file_problem("extra_cells", count=extra)[self.lang])
        results = [""] * len(RESULTS[self.name])
        if not any(cell.strip() for cell in row.cells):
            status, notes = "empty", [messages.file_problem("empty_row")[self.lang], *notes]
        elif row.broken:
            status, notes = "rejected", [row.broken[self.lang], *notes]
        else:
            inputs = {f: cells[i] for i, f in enumerate(self.fields) if f}
            answer = run(self.name, inputs, explain=False)
            if answer["ok"]:
                status = "ok"
                results = [show(key, answer["result"][key], self.lang) for key, _, _ in RESULTS[self.name]]
                notes += [note[self.lang] for note in answer["notes"]]
            else:
                status = "rejected"
                notes = [error[self.lang] for error in answer["errors"]] + notes
        self.counts["rows"] += 1
        self.counts[status] += 1
        reason = ("" if self.lang == "zh" else " ").join(notes)
        out = [_say(STATUS[status], self.lang), reason, str(row.number), *cells, *results]
        self._writer.writerow([safe_cell(cell) for cell in out])
        if len(self.preview) < PREVIEW_ROWS:
            self.preview.append({"status": status, "cells": out})
        if status == "rejected" and len(self.rejected_preview) < PREVIEW_ROWS:
            self.rejected_preview.append({"status": status, "cells": out})

    def csv(self) -> str:
        """Every row answered so far, as CSV text (CRLF line ends, as spreadsheets expect)."""
        return self.csv_bytes().decode("utf-8")

    def csv_bytes(self) -> bytes:
        """The same as UTF-8 bytes: what the page hands to the download without another copy."""
        return b"".join(self._out.chunks)

    def summary(self) -> dict[str, Any]:
        """What the page shows: the counts, the first rows and the first rejected rows, and the file's problem."""
        if self.problem is not None:
            return {"problem": self.problem, "counts": self.counts}
        return {"problem": None, "header": self.header, "rows": self.preview, "rejected": self.rejected_preview,
                "counts": self.counts, "total": self.total, "source": self.table.source}


def run_file(name: str, data: bytes, lang: str = "zh") -> BatchRun:
    """A whole file, every row calculated (the CLI, and tests)."""
    batch = BatchRun(name, data, lang)
    batch.step(len(batch.table.rows))
    return batch


def example_row(name: str, lang: str) -> list[str]:
    """One filled-in row for the template, which the calculator accepts (hours from the rules table)."""
    year = str(rules.NOTICE_YEAR)
    hours = rules.value("ce_hours_grassroots")
    professional = int(hours * rules.value("professional_share_min"))
    examples = {"tenure": {"qualified_on": "2019-06-28", "unqualified_years": "2020", "required_years": "5",
                           "apply_year": year},
                "ce_hours": {"category": _say(("在基层工作", "grassroots"), lang), "public_hours": str(hours - professional),
                             "professional_hours": str(professional), "digital_hours": "0", "year": year},
                "quota": {"enterprise_level": _say(("国家级", "national"), lang), "already_nominated": "0",
                          "nominee_count": "1", "year": year}}[name]
    return [_say(("张三", "Zhang San"), lang)] + [examples.get(f.name, "") for f in template_fields(name)]


def template_fields(name: str) -> list[Any]:
    return [f for f in CALCULATORS[name].FIELDS if f.kind != "records"]


def template_rows(name: str, lang: str) -> list[list[str]]:
    """The template's header (a name column, then the form's labels in the reader's language) and its example."""
    header = [_say(("姓名", "Name"), lang)] + [f.label_zh if lang == "zh" else f.label_en for f in template_fields(name)]
    return [header, example_row(name, lang)]


def template_csv(name: str, lang: str) -> str:
    """The template as CSV text, to fill in with a spreadsheet and upload."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(template_rows(name, lang))
    return out.getvalue()

