"""Which row of a roster holds the column names, and which column holds which field.

Real rosters are not our template: a title row above the header (often a merged cell), the
office's own words for a field (现职称取得时间), a header one character off (年度考核不合格年份).
A column is read as a field only when its header *names* that field: its label in either
language, its field name, or one of the ways offices write it (``Field.headers``), once
spacing, punctuation, quotes, 的, full-width forms and word order are set aside. A header
that only *resembles* a field (close by ``difflib``, or holding one of the field's words,
``Field.hints``) is never guessed at: when that field has no column of its own, the file is
refused, naming the header and the field. A wrong 符合 that nobody notices is the worst thing
a batch can produce; a refusal that names the column costs the officer one rename.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from dataclasses import dataclass

from . import CALCULATORS, messages
from .fields import Field
from .inputs import normalise
from .wording import inner_quotes, join_list, pick

# Rows read while looking for the column names (blank rows are not counted).
HEADER_SCAN = 10
# difflib's ratio from which a header is taken to resemble a field's name (one character off
# in a four-character header is 0.86; 取得现资格时间 against 申报年度 is 0.18).
RESEMBLANCE = 0.75
# No field is named in more characters than this: a longer header is compared by its words only.
LONGEST_NAME = 40
# Word order is set aside in Chinese headers only (取得现职称时间 = 现职称取得时间); in English,
# the same letters in another order are another word.
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MARKS = re.compile(r"[\s\"'“”‘’「」『』《》〈〉*:：,，、;；.。·_\-/\\()\[\]（）【】{}<>?？!！#＃]|的|必填")
# One column per assessment year: 2019, 2019年, 2019年度, 2019年度考核结果, 2019年考核等次 (as ``key`` leaves them).
_YEAR_COLUMN = re.compile(r"((?:19|20)\d\d)(?:年度?)?(?:年度)?(?:考核)?(?:结果|等次|情况|等级)?")
# What makes a header a date's: an appointment's post (聘任岗位) is not an appointment's date.
_DATE_WORDS = ("时间", "日期", "年月", "date", "time", "when")
# A group header over such columns, or the word that marks a header row's group row as one.
_ASSESSMENT = ("考核", "assessment")


def key(text: str) -> str:
    """A header with what offices vary set aside: case, spacing, punctuation, quotes, 的, full width,
    and characters that show nothing (zero-width spaces, soft hyphens, direction marks)."""
    shown = "".join(ch for ch in normalise(text) if unicodedata.category(ch) != "Cf")
    return _MARKS.sub("", shown.lower())


def batch_fields(name: str) -> list[Field]:
    """The fields a roster's columns can hold (every field but lists of records)."""
    return [f for f in CALCULATORS[name].fields if f.kind != "records"]


def yearly_field(fields: list[Field]) -> Field | None:
    """The field a roster may give as one column per year, graded (``Field.grades``), if any."""
    return next((f for f in fields if f.grades), None)


def needed_fields(name: str) -> list[Field]:
    """Fields without which every row would be answered from a default: a file-level cause."""
    needs = CALCULATORS[name].roster_needs
    return [f for f in batch_fields(name) if f.required or f.name in needs]


_NAMES: dict[int, list[str]] = {}


def _names(f: Field) -> list[str]:
    """Every header that names the field, as ``key`` leaves it (fields are module constants: kept by id)."""
    if id(f) not in _NAMES:
        _NAMES[id(f)] = sorted(k for k in {key(text) for text in (f.name, f.label_zh, f.label_en, *f.headers)} if k)
    return _NAMES[id(f)]


def _names_field(header: str, f: Field) -> bool:
    """The header is one of the field's names, or the same characters in another order."""
    own = _names(f)
    if header in own:
        return True
    if not _CJK.search(header) or not 4 <= len(header) <= LONGEST_NAME:
        return False
    return any(sorted(header) == sorted(name) for name in own)


def _resembles(header: str, f: Field) -> bool:
    if any(hint in header for hint in (key(h) for h in f.hints) if hint):
        return True
    return len(header) <= LONGEST_NAME and any(difflib.SequenceMatcher(None, header, name).ratio() >= RESEMBLANCE for name in _names(f))


@dataclass
class Column:
    """One column of the header row: where it is, what it says, what it was read as."""

    index: int
    header: str
    field: Field | None = None
    resembles: list[Field] = dataclasses.field(default_factory=list)
    year: int | None = None  # one year's assessment grade, for the field that reads them (``Field.grades``)
    impostor: Field | None = None  # means something else kept beside that field (``Field.impostors``)


@dataclass
class Plan:
    """Where the header is, what each column is, or why the file cannot be read (``problem``)."""

    header_row: int = 0
    group_row: int | None = None  # a row of group names above the header (年度考核情况 over 2019年度 …)
    yearly: Field | None = None  # the field a roster may give as one column per year (``Field.grades``)
    skipped: list[int] = dataclasses.field(default_factory=list)
    columns: list[Column] = dataclasses.field(default_factory=list)
    problem: dict[str, str] | None = None

    def years(self) -> tuple[Field | None, list[Column]]:
        """The field read from one column per year, and those columns (none: no such field)."""
        found = [c for c in self.columns if c.year is not None]
        return (self.yearly, found) if found else (None, [])


def read_columns(name: str, header: list[str], ours: frozenset[str] = frozenset()) -> list[Column]:
    """What each column of one header row names, or resembles (``ours``: the keys of columns a
    results file of this site adds, which resemble nothing)."""
    fields = batch_fields(name)
    yearly = yearly_field(fields)
    columns = []
    for index, text in enumerate(header):
        k = key(text)
        column = Column(index, text.strip())
        year = _YEAR_COLUMN.fullmatch(k) if yearly else None
        impostor = next((f for f in fields if any(key(word) in k for word in f.impostors)
                         and (f.kind != "date" or any(word in k for word in _DATE_WORDS))), None) if k else None
        if year:
            column.year = int(year.group(1))
        elif impostor is not None and k not in ours:
            column.impostor = impostor
        elif k:
            named = [f for f in fields if _names_field(k, f)]
            column.field = named[0] if len(named) == 1 else None
            if len(named) > 1:
                column.resembles = named
            elif not named and k not in ours:
                column.resembles = [f for f in fields if _resembles(k, f)]
        columns.append(column)
    return columns


def _with_group(header: list[str], group: list[str]) -> list[str]:
    """A header row under a row of group names, read as one: a cell left blank under a group (a name
    merged down from the row above) takes the group's name."""
    width = max(len(header), len(group))
    header = header + [""] * (width - len(header))
    return [cell if cell.strip() or i >= len(group) else group[i] for i, cell in enumerate(header)]


def _years_under(cells: list[str], below: list[str]) -> bool:
    """The next row holds a year under each of two or more columns of an assessment group in this one."""
    group = ""
    years = 0
    for i, cell in enumerate(below):
        group = cells[i] if i < len(cells) and cells[i].strip() else group
        if _YEAR_COLUMN.fullmatch(key(cell)) and any(word in key(group) for word in _ASSESSMENT):
            years += 1
    return years >= 2


def _is_group_row(cells: list[str]) -> bool:
    """A row of group names over the header, not a title: it names two groups or more, or the assessment."""
    filled = [c for c in cells if c.strip()]
    if any(mark in c for c in filled for mark in ("：", ":")):
        return False  # a line of the form's own (单位：…, 填报日期：…), not names of columns
    return len(filled) >= 2 or any(word in key(c) for c in filled for word in _ASSESSMENT)


def cell_said(column: Column, lang: str) -> str:
    """A column as a message names it: 第 3 列“现职称取得时间” / column 3 “…”."""
    number = column.index + 1
    if lang == "zh":
        return f"第 {number} 列“{column.header}”" if column.header else f"第 {number} 列（无列名）"
    return f"column {number} “{column.header}”" if column.header else f"column {number} (no name)"


def _span(columns: list[Column], lang: str) -> str:
    """Year columns as a reader finds them: 第 5–9 列（2019年度、…、2023年度）."""
    numbers = [c.index + 1 for c in columns]
    contiguous = numbers == list(range(numbers[0], numbers[-1] + 1))
    where = (f"{numbers[0]}–{numbers[-1]}" if len(numbers) > 1 and contiguous else
             join_list(lang, map(str, numbers)))
    names = join_list(lang, (c.header for c in columns))
    return pick((f"第 {where} 列（{names}）", f"columns {where} ({names})"), lang)


def _label(f: Field, lang: str) -> str:
    return pick((f.label_zh, f.label_en), lang)


def plan(name: str, rows: list[list[str]], numbers: list[int], ours: frozenset[str] = frozenset()) -> Plan:
    """Find the header among the first rows and read its columns; or the file-level reason to refuse.

    ``rows`` are the first rows' cells and ``numbers`` their row numbers in the file; ``ours`` as
    for ``read_columns``, so that a results file can be checked again."""
    result = Plan()
    result.yearly = yearly_field(batch_fields(name))
    seen = 0
    resembling: tuple[int, list[Column]] | None = None
    above: tuple[int, list[str]] | None = None
    for position, (cells, number) in enumerate(zip(rows, numbers, strict=True)):
        if not any(cell.strip() for cell in cells):
            above = None
            continue
        seen += 1
        columns = read_columns(name, cells, ours)
        # Year columns alone make a header only when there are two or more: a title row "2023年" is not one.
        if any(c.field or c.impostor for c in columns) or sum(c.year is not None for c in columns) >= 2:
            below = rows[position + 1] if position + 1 < len(rows) else []
            if result.yearly and _years_under(cells, below) and numbers[position + 1] == number + 1:
                # The names merged down sit in this row; the years of the assessment group in the next.
                result.group_row, number = number, number + 1
                columns = read_columns(name, _with_group(below, cells), ours)
            elif above is not None and above[0] == number - 1 and _is_group_row(above[1]) and \
                    _with_group(cells, above[1])[:len(cells)] != cells:
                result.group_row = above[0]
                columns = read_columns(name, _with_group(cells, above[1]), ours)
            return _found(name, result, number, columns, numbers)
        above = (number, cells)
        # A row of near misses only is the header if no later row names a field: a unit line such as
        # "单位：… | 申报年度：2023" above the real header must not be taken for it.
        if resembling is None and sum(1 for c in columns if c.header) >= 2 and any(c.resembles for c in columns):
            resembling = (number, columns)
        if seen >= HEADER_SCAN:
            break
    if resembling is not None:
        return _found(name, result, *resembling, numbers)
    first = next((cells for cells in rows if any(c.strip() for c in cells)), None)
    if first is None:
        result.problem = messages.file_problem("no_header")
        return result
    example = next(f for f in batch_fields(name) if f.required or f.kind == "hours")
    shown = "、".join(c.strip() for c in first if c.strip())[:80]
    result.problem = messages.file_problem(
        "no_known_column", rows=seen, first=shown, example_zh=example.label_zh, example_en=example.label_en)
    return result


def _found(name: str, result: Plan, number: int, columns: list[Column], numbers: list[int]) -> Plan:
    result.header_row, result.columns = number, columns
    result.skipped = [n for n in numbers if n < number and n != result.group_row]
    result.problem = _check(name, result)
    return result


def _check(name: str, found: Plan) -> dict[str, str] | None:
    """The first thing about the columns that would make a row's answer a guess, as a refusal."""
    by_field: dict[str, list[Column]] = {}
    for column in found.columns:
        if column.field:
            by_field.setdefault(column.field.name, []).append(column)
    row = found.header_row
    yearly, years = found.years()
    present = set(by_field) | ({yearly.name} if yearly is not None else set())
    if yearly is not None:
        if yearly.name in by_field:
            return messages.file_problem(
                "years_twice", label_zh=yearly.label_zh, label_en=yearly.label_en,
                columns_zh="、".join(cell_said(c, "zh") for c in by_field[yearly.name]),
                columns_en=", ".join(cell_said(c, "en") for c in by_field[yearly.name]),
                years_zh=_span(years, "zh"), years_en=_span(years, "en"))
        seen_years: dict[int, list[Column]] = {}
        for column in years:
            seen_years.setdefault(column.year, []).append(column)
        twice = next((cols for cols in seen_years.values() if len(cols) > 1), None)
        if twice:
            return messages.file_problem(
                "duplicate_column", row=row, label_zh=f"{twice[0].year}年度", label_en=str(twice[0].year),
                columns_zh="、".join(cell_said(c, "zh") for c in twice),
                columns_en=", ".join(cell_said(c, "en") for c in twice))
    for column in found.columns:
        f = column.impostor
        if f is not None and f.name not in present:
            return messages.file_problem(
                "impostor_column", row=row, column_zh=cell_said(column, "zh"), column_en=cell_said(column, "en"),
                label_zh=f.label_zh, label_en=f.label_en, why_zh=f.impostor_why[0], why_en=f.impostor_why[1])
    for columns in by_field.values():
        if len(columns) > 1:
            return messages.file_problem(
                "duplicate_column", row=row, label_zh=columns[0].field.label_zh, label_en=columns[0].field.label_en,
                columns_zh="、".join(cell_said(c, "zh") for c in columns),
                columns_en=", ".join(cell_said(c, "en") for c in columns))
    for column in found.columns:
        if column.field is None and len(column.resembles) > 1 and \
                sum(1 for f in column.resembles if f.name not in present) > 1:
            options = [f for f in column.resembles if f.name not in present]
            return messages.file_problem(
                "ambiguous_column", row=row, column_zh=cell_said(column, "zh"), column_en=cell_said(column, "en"),
                fields_zh="”或“".join(inner_quotes(f.label_zh) for f in options),
                fields_en="” or “".join(inner_quotes(f.label_en) for f in options))
    for column in found.columns:
        missing = [f for f in column.resembles if f.name not in present]
        if column.field is None and missing:
            f = missing[0]
            return messages.file_problem(
                "resembling_column", row=row, column_zh=cell_said(column, "zh"), column_en=cell_said(column, "en"),
                label_zh=f.label_zh, label_en=f.label_en)
    for f in needed_fields(name):
        if f.name not in present:
            headers = [c.header for c in found.columns if c.header]
            return messages.file_problem(
                "missing_column", row=row, label_zh=f.label_zh, label_en=f.label_en,
                headers_zh="、".join(headers) or "（无）", headers_en=", ".join(headers) or "(none)")
    return None


def describe(found: Plan, lang: str) -> str:
    """The mapping as a reader checks it: where the header is, which column is which field, what was left."""
    zh = lang == "zh"
    parts = []
    if found.skipped:
        first, last = found.skipped[0], found.skipped[-1]
        span = f"{first}" if first == last else (f"{first}–{last}")
        parts.append(f"第 {span} 行在列名之上（标题或空行），已跳过；列名在第 {found.header_row} 行。" if zh else
                     f"Row{'s' if first != last else ''} {span}, above the column names (a title or blank), "
                     f"{'were' if first != last else 'was'} skipped; the column names are in row {found.header_row}.")
    if found.group_row is not None:
        parts.append(f"列名占两行（第 {found.group_row}–{found.header_row} 行），合并读取。" if zh else
                     f"The column names take two rows ({found.group_row}–{found.header_row}), read as one.")
    read = [f"{_label(c.field, lang)} ← {cell_said(c, lang)}" for c in found.columns if c.field]
    yearly, years = found.years()
    if yearly is not None:
        read.append(f"{_label(yearly, lang)} ← {_span(years, lang)}" +
                    ("，取考核等次为“不合格”的年份" if zh else ", the years graded “unsatisfactory”"))
    unused = [cell_said(c, lang) + (("（" + c.impostor.impostor_why[0] + "）") if zh else
                                     (" (" + c.impostor.impostor_why[1] + ")")) if c.impostor else cell_said(c, lang)
              for c in found.columns if not c.field and c.year is None and c.header]
    parts.append(("已识别的列：" + "；".join(read) + "。") if zh else ("Columns read: " + "; ".join(read) + "."))
    if unused:
        parts.append(("未使用的列（原样保留）：" + "、".join(unused) + "。") if zh else
                     ("Columns not used (kept as they are): " + ", ".join(unused) + "."))
    return "".join(parts) if zh else " ".join(parts)
