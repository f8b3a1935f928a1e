"""Every message an answer can carry, in Chinese and English.

Messages are templates keyed by code so that tests can check that every code
exists in both languages, and so that the page never has to translate anything
itself. The generic ones live here; a calculator's own codes live in its module,
which adds them with ``declare``.
"""

from __future__ import annotations

from typing import Any

from . import rules
from .wording import format_day, inner_quotes

ERRORS: dict[str, tuple[str, str]] = {
    "required": ("请填写“{label_zh}”。", "Please enter “{label_en}”."),
    "invalid_date": (
        "“{label_zh}”不是有效日期：请写成 2018-12-31 或 2018年12月31日 这样的形式。",
        "“{label_en}” is not a valid date: write it like 2018-12-31 or 2018年12月31日.",
    ),
    "invalid_number": (
        "“{label_zh}”须为学时数，可带最多两位小数，例如 12.5。",
        "“{label_en}” must be a number of hours, with at most two decimals, e.g. 12.5.",
    ),
    "not_integer": ("“{label_zh}”须为整数，例如 5。", "“{label_en}” must be a whole number, e.g. 5."),
    "out_of_range": (
        "“{label_zh}”须在 {low} 至 {high} 之间。",
        "“{label_en}” must be between {low} and {high}.",
    ),
    "invalid_choice": (
        "“{label_zh}”的取值无效，可选：{choices_zh}。",
        "“{label_en}” has an invalid value; choose one of: {choices_en}.",
    ),
    "invalid_list": (
        "“{label_zh}”须为列表。",
        "“{label_en}” must be a list.",
    ),
    "invalid_text": ("“{label_zh}”须为文字。", "“{label_en}” must be text."),
    "invalid_input": (
        "输入须为一个 JSON 对象（字段名与取值）。",
        "The input must be one JSON object (field names and values).",
    ),
    "unknown_calculator": (
        "没有名为“{name}”的计算器；可用的计算器：{names}。",
        "There is no calculator named “{name}”; the calculators are: {names}.",
    ),
    "internal_error": (
        "计算器内部出错，未能给出答案。这是本站的问题，不是您的输入有误；请按条款原文核对，并告知本站。",
        "The calculator failed inside and gave no answer. This is the site's fault, not your input's: check the "
        "clause text, and tell the site.",
    ),
}

# The same problem worded for what the field holds: a list of years is not "a number
# with two decimals", and a head-count is not hours.
KIND_ERRORS: dict[tuple[str, str], tuple[str, str]] = {
    ("invalid_number", "years"): (
        "“{label_zh}”须为四位数的年份，多个年份用逗号或顿号分隔，例如 2019、2020。",
        "“{label_en}” must be years of four digits, separated by commas, e.g. 2019, 2020.",
    ),
    ("out_of_range", "years"): (
        "“{label_zh}”中的年份须在 {low} 至 {high} 之间。",
        "The years in “{label_en}” must be between {low} and {high}.",
    ),
    ("invalid_number", "year"): (
        "“{label_zh}”须为四位数的年份。",
        "“{label_en}” must be a year of four digits.",
    ),
    ("out_of_range", "year"): (
        "“{label_zh}”须为 {low} 至 {high} 之间的年份。",
        "“{label_en}” must be a year between {low} and {high}.",
    ),
    ("invalid_number", "integer"): (
        "“{label_zh}”须为整数，例如 5。",
        "“{label_en}” must be a whole number, e.g. 5.",
    ),
    ("invalid_number", "count"): (
        "“{label_zh}”须为人数（整数），例如 1。",
        "“{label_en}” must be a number of people (a whole number), e.g. 1.",
    ),
    ("out_of_range", "count"): (
        "“{label_zh}”须在 {low} 至 {high} 人之间。",
        "“{label_en}” must be between {low} and {high} people.",
    ),
    ("out_of_range", "hours"): (
        "“{label_zh}”须在 {low} 至 {high} 学时之间（一年最多 {high} 学时）。",
        "“{label_en}” must be between {low} and {high} hours (a year holds at most {high}).",
    ),
}
KIND_ERRORS[("invalid_list", "records")] = (
    "“{label_zh}”无法读取（如果来自分享的链接，链接可能不完整）。请重新逐一填写。",
    "“{label_en}” cannot be read (if it came from a shared link, the link may be cut short). Enter them again.",
)
KIND_ERRORS[("out_of_range", "records")] = (
    "“{label_zh}”最多填写 {high} 人。",
    "“{label_en}” holds at most {high} people.",
)
KIND_ERRORS[("not_integer", "count")] = KIND_ERRORS[("invalid_number", "count")]
KIND_ERRORS[("not_integer", "years")] = KIND_ERRORS[("invalid_number", "years")]
KIND_ERRORS[("not_integer", "year")] = KIND_ERRORS[("invalid_number", "year")]

NOTES: dict[str, tuple[str, str]] = {
    "unknown_field": (
        "已忽略未知字段：{fields}。",
        "Unknown fields were ignored: {fields}.",
    ),
    "year_assumed": (
        "通知规定的是 {notice_year} 年的要求；{year} 年按相同要求推算，请以当年通知为准。",
        "The notice states the requirements for {notice_year}; for {year} the same are assumed: check that year's notice.",
    ),
}

# What can be wrong with a spreadsheet file or one of its rows (calculators.table, calculators.batch).
FILE_PROBLEMS: dict[str, tuple[str, str]] = {
    "not_text": (
        "这不是可以读取的表格文件。请在 Excel 或 WPS 中把表格另存为 CSV（逗号分隔）或 Excel 工作簿（.xlsx）后再选择。",
        "This is not a spreadsheet file that can be read. Save the sheet from Excel or WPS as CSV "
        "(comma-separated) or as an Excel workbook (.xlsx) and choose it again.",
    ),
    "unreadable": (
        "文件第 {line} 行无法按表格读取（{detail}）。请在 Excel 或 WPS 中打开并重新另存为 CSV。",
        "Line {line} of the file cannot be read as a table ({detail}). Open it in Excel or WPS and save it "
        "as CSV again.",
    ),
    "no_header": (
        "文件中没有任何内容：应有一行列名（可使用下载的模板），其后每行一人。",
        "The file holds nothing: it needs a row of column names (see the template), then one row per person.",
    ),
    "no_rows": (
        "文件中只有列名，没有数据行：列名之后每行填写一人。",
        "The file has column names but no data rows: add one row per person below them.",
    ),
    "duplicate_column": (
        "{columns_zh}都是“{label_zh}”（第 {row} 行被读作列名）。每个字段只能有一列，请删去多余的一列或改名。",
        "{columns_en} all name “{label_en}” (row {row} was read as the column names). Give each field one column: "
        "delete or rename the others.",
    ),
    "no_known_column": (
        "在前 {rows} 个非空行中没有找到列名行：没有一个单元格是表单上的名称。第一个非空行是“{first}”。"
        "列名应为表单上的名称（如“{example_zh}”），或使用下载的模板。",
        "No row of column names was found in the first {rows} non-blank rows: no cell names a field of the form. "
        "The first non-blank row reads “{first}”. Name the columns as the form's fields (such as “{example_en}”), "
        "or use the template.",
    ),
    "ambiguous_column": (
        "{column_zh}可能是“{fields_zh}”，无法确定是哪一项（第 {row} 行被读作列名）。请把列名改为其中之一，或使用模板。",
        "{column_en} could be “{fields_en}”, and which one cannot be told (row {row} was read as the column names). "
        "Rename it to one of them, or use the template.",
    ),
    "resembling_column": (
        "{column_zh}与“{label_zh}”相近，但不能确定是同一项，文件中也没有“{label_zh}”列（第 {row} 行被读作列名）。"
        "如这一列就是“{label_zh}”，请把列名改为“{label_zh}”；如不是，请改用其他列名。未按这一列计算，以免结果有误。",
        "{column_en} resembles “{label_en}”, but it cannot be told that it is the same, and the file has no "
        "“{label_en}” column (row {row} was read as the column names). If it is that field, rename it “{label_en}”; "
        "if not, give it another name. Nothing was calculated, so that no answer is wrong.",
    ),
    "missing_column": (
        "没有找到“{label_zh}”列（第 {row} 行被读作列名；文件中的列：{headers_zh}）。请把对应的列名改为“{label_zh}”，"
        "或使用下载的模板。",
        "No “{label_en}” column was found (row {row} was read as the column names; the file's columns: "
        "{headers_en}). Rename the matching column “{label_en}”, or use the template.",
    ),
    "excel_serial": (
        "“{label_zh}”中的 {serial} 是 Excel 的日期序号，已按 Excel 显示的日期读作 {day}。",
        "{serial} in “{label_en}” is an Excel date number; it was read as the date Excel shows, {day}.",
    ),
    "merged_lines": (
        "文件第 {first} 至 {last} 行被并入了同一个单元格，多半是某个单元格里多了一个引号，请检查这几行。",
        "Lines {first} to {last} of the file ran into one cell, most likely because of a stray quotation mark: "
        "check these lines.",
    ),
    "undecodable": (
        "这一行有无法按 {encoding} 识别的字符，已显示为 �，请核对这一行的文字。",
        "This row holds bytes that are not valid {encoding}; they are shown as �. Check its text.",
    ),
    "extra_cells": (
        "这一行在列名以外还有 {count} 个单元格，已原样保留在“列名以外的单元格”一列，未参与计算。",
        "This row has cells beyond the named columns ({count} extra); they are kept as they are in the column “Cells "
        "beyond the named columns” and not used.",
    ),
    "empty_row": ("空行，未计算。", "Empty row, not calculated."),
    "too_big": (
        "文件超过 {limit} MB 的上限，没有核对：请分成几个文件。",
        "The file is over the limit of {limit} MB; nothing was checked. Split it into several files.",
    ),
    "too_many_rows": (
        "文件超过了 {limit} 行的上限（读到第 {row} 行时停止），没有核对。请分成几个文件，或删去多余的空行。",
        "The file goes past the limit of {limit} rows (reading stopped at row {row}); nothing was checked. Split it "
        "into several files, or delete the surplus blank rows.",
    ),
    "too_many_columns": (
        "第 {row} 行有 {count} 个单元格，超过每行 {limit} 个的上限，没有核对。请删去表格右侧多余的列。",
        "Row {row} has {count} cells, over the limit of {limit} a row; nothing was checked. Delete the surplus "
        "columns on the right of the table.",
    ),
    "too_many_cells": (
        "文件中有内容的单元格超过 {limit} 个（读到第 {row} 行时停止），没有核对。请分成几个文件。",
        "The file holds more than {limit} filled cells (reading stopped at row {row}); nothing was checked. "
        "Split it into several files.",
    ),
    "cell_too_long": (
        "这一行第 {column} 列有 {count} 个字符，超过单元格 {limit} 个字符的上限，未计算。",
        "Column {column} of this row holds {count} characters, over the limit of {limit} for one cell; not "
        "calculated.",
    ),
    "encoding_doubt": (
        "文件按 {chosen} 编码读取（也能按 {other} 读取，但读出的文字不像中文名单）。如姓名显示不对，请在 Excel 或 WPS 中另存为“CSV UTF-8”。",
        "The file was read as {chosen} (it also reads as {other}, but that gives text unlike a Chinese roster). "
        "If names look wrong, save it from Excel or WPS as “CSV UTF-8”.",
    ),
    "control_characters": (
        "这一行有不可见的控制字符，已删去后再读取。",
        "This row held invisible control characters; they were removed before reading.",
    ),
    "workbook_too_many_parts": (
        "这个 Excel 文件由 {count} 个部分组成，超过 {limit} 个的上限，不像普通的工作簿，没有核对。",
        "This Excel file has {count} parts, over the limit of {limit}: it is not an ordinary workbook, and "
        "nothing was checked.",
    ),
    "workbook_part_too_big": (
        "这个 Excel 文件中的“{part}”解压后有 {size} MB，超过 {limit} MB 的上限，没有核对。请另存为 CSV，或分成几个文件。",
        "The part “{part}” of this Excel file unpacks to {size} MB, over the limit of {limit} MB; nothing was "
        "checked. Save it as CSV, or split it into several files.",
    ),
    "workbook_no_sheet": (
        "这个工作簿没有可见的工作表。请在 Excel 或 WPS 中取消隐藏要核对的工作表后再选择。",
        "This workbook has no visible sheet. Unhide the sheet to check in Excel or WPS and choose it again.",
    ),
    "workbook_hidden_sheets": (
        "工作簿中有 {count} 个隐藏的工作表，未读取。",
        "The workbook has {count} hidden sheet(s); they were not read.",
    ),
    "workbook_sheet_read": (
        "读取的是工作表“{sheet}”（可见的工作表：{sheets}）。",
        "The sheet read is “{sheet}” (visible sheets: {sheets}).",
    ),
    "workbook_rows_out_of_order": (
        "这个工作簿的第 {row} 行出现在第 {after} 行之后（行号重复或倒序），Excel 不会这样保存，没有核对，以免漏行。"
        "请在 Excel 或 WPS 中打开并重新保存。",
        "Row {row} of this workbook comes after row {after} (a repeated or backward row number), which Excel never "
        "saves; nothing was checked, so that no row is lost. Open it in Excel or WPS and save it again.",
    ),
    "workbook_duplicate_cell": (
        "这个工作簿第 {row} 行第 {column} 列出现了两次，没有核对，以免读错。请在 Excel 或 WPS 中打开并重新保存。",
        "Row {row}, column {column} of this workbook appears twice; nothing was checked, so that nothing is misread. "
        "Open it in Excel or WPS and save it again.",
    ),
    "workbook_bad_cell": (
        "这一行第 {column} 列的单元格无法读取（数值或日期已损坏），未计算。",
        "Column {column} of this row cannot be read (a damaged number or date); not calculated.",
    ),
    "workbook_formula_without_value": (
        "第 {column} 列是没有计算结果的公式：请在 Excel 或 WPS 中打开并保存后再选择。",
        "Column {column} is a formula without a calculated value: open the file in Excel or WPS, save it and "
        "choose it again.",
    ),
    "workbook_time_dropped": (
        "第 {column} 列的 {value} 带有时间，只取日期。",
        "Column {column} holds {value}, a date with a time; only the date was read.",
    ),
    "workbook_float_shown": (
        "第 {column} 列的 {value} 按 Excel 显示读作 {shown}。",
        "Column {column} holds {value}; it was read as Excel shows it, {shown}.",
    ),
    "workbook_format_hides_value": (
        "第 {column} 列的数字格式（{format}）显示的是固定文字，不是单元格里的数值，未计算：请把这一列的格式改为“常规”后再选择。",
        "Column {column} has a number format ({format}) that shows fixed text instead of the cell's value; not "
        "calculated. Set the column's format to General and choose the file again.",
    ),
    "workbook_merged_hidden": (
        "第 {column} 列被第 {row} 行开始的合并单元格遮住，Excel 不显示其中的值，按合并后显示的内容读取。",
        "Column {column} lies under a merged cell that starts in row {row}; Excel does not show its own value, so it "
        "was read as the merged cell shows.",
    ),
    "workbook_merged_filled": (
        "第 {column} 列是与第 {row} 行合并的单元格，按合并后显示的内容读取。",
        "Column {column} is merged with row {row}; it was read as the merged cell shows.",
    ),
    "eight_digit_date": (
        "“{label_zh}”的 {value} 按“年月日”八位数字读作 {day}。",
        "{value} in “{label_en}” was read as year, month and day: {day}.",
    ),
    "month_only_date": (
        "“{label_zh}”只填到月份（{value}）：终算时间为12月31日，所填月份中的哪一天不影响计入年限和结论，按该月1日计算；"
        "最早满足年限的日期因此只精确到月。",
        "“{label_en}” gives only the month ({value}): with a 31 December cutoff, the day in that month changes "
        "neither the years counted nor the verdict, so the 1st was taken; the earliest date is then known only "
        "to the month.",
    ),
    "day_month_order": (
        "“{label_zh}”的 {value} 中有一个数大于 12，只能是日，按 {day} 读取。",
        "{value} in “{label_en}” has a number above 12, which can only be the day: read as {day}.",
    ),
    "ambiguous_day_month": (
        "“{label_zh}”的 {value} 既可能是“日/月/年”，也可能是“月/日/年”，无法确定，未计算。请写成 2018-06-28 这样的形式。",
        "{value} in “{label_en}” could be day/month/year or month/day/year, which cannot be told; not calculated. "
        "Write it like 2018-06-28.",
    ),
    "joined_years": (
        "“{label_zh}”的 {value} 多半是 Excel 把“{years}”并成了一个数，已按每四位一个年份读作 {years}。",
        "{value} in “{label_en}” is most likely “{years}” that Excel joined into one number; it was read as "
        "those years, four digits each.",
    ),
    "unknown_grade": (
        "{column_zh}的“{value}”不是年度考核等次（{grades}），不能确定这一年是否“不合格”，未计算。",
        "“{value}” in {column_en} is not an annual assessment grade (优秀, 合格, 基本合格, 不合格), so whether "
        "that year was “unsatisfactory” cannot be told; not calculated.",
    ),
    "years_twice": (
        "文件中既有{columns_zh}，又有逐年考核等次的{years_zh}，两处都可能给出“{label_zh}”：请只保留一种。未计算。",
        "The file has {columns_en} and also a column per year's assessment ({years_en}): both could give "
        "“{label_en}”. Keep only one of them; nothing was calculated.",
    ),
    "impostor_column": (
        "{column_zh}是{why_zh}，不能当作“{label_zh}”，文件中也没有“{label_zh}”列（第 {row} 行被读作列名）。"
        "请增加一列“{label_zh}”（可使用下载的模板）。未计算，以免结果有误。",
        "{column_en} is {why_en}, which cannot stand for “{label_en}”, and the file has no “{label_en}” column "
        "(row {row} was read as the column names). Add a “{label_en}” column (see the template). Nothing was "
        "calculated, so that no answer is wrong.",
    ),
    "not_a_person": (
        "“{first}”行是合计、说明或签名行，不是人员，已跳过。",
        "The row “{first}” is a total, a note or a signature, not a person: skipped.",
    ),
    "workbook_hidden_rows": (
        "工作表中有 {count} 行被隐藏或筛选掉，也一并核对了。",
        "{count} rows of the sheet are hidden or filtered out; they were checked too.",
    ),
    "workbook_other_sheets": (
        "第一个可见的工作表“{first}”中没有列名行，读取的是有列名的工作表“{sheet}”。",
        "The first visible sheet, “{first}”, has no row of column names; the sheet read is “{sheet}”, which has.",
    ),
    "workbook_unsupported": (
        "这里无法读取 Excel 工作簿（需要 openpyxl）：请另存为 CSV，或在网页的批量核对中选择该工作簿。",
        "Excel workbooks cannot be read here (openpyxl is needed): save the sheet as CSV, or choose the workbook "
        "in the web page's batch check.",
    ),
    "xls_unsupported": (
        "这里无法读取 Excel 97–2003 工作簿（.xls，需要 xlrd）：请另存为 .xlsx 或 CSV，或在网页的批量核对中选择该文件。",
        "Excel 97–2003 workbooks (.xls) cannot be read here (xlrd is needed): save the sheet as .xlsx or CSV, or "
        "choose the file in the web page's batch check.",
    ),
    "out_of_memory": (
        "核对这个文件需要的内存超过了本机可用的内存，没有核对。请分成几个较小的文件。",
        "Checking this file needs more memory than the limit this device allows; nothing was checked. Split it "
        "into smaller files.",
    ),
    "result_too_big": (
        "这个文件的核对结果会超过 {limit} MB（远大于文件本身，多半是合并单元格或很长的单元格被重复），没有核对。"
        "请取消多余的合并单元格，或分成几个文件。",
        "The results of this file would pass {limit} MB (far more than the file itself, most likely merged or very "
        "long cells repeated); nothing was checked. Undo the surplus merged cells, or split the file.",
    ),
    "workbook_duplicate_part": (
        "这个 Excel 文件中有两个名为“{part}”的部分，Excel 不会打开这样的文件，没有核对。请在 Excel 或 WPS 中重新保存。",
        "This Excel file holds two parts named “{part}”, which Excel would not open; nothing was checked. Save it "
        "again from Excel or WPS.",
    ),
    "workbook_rows_outside_data": (
        "这个工作表的数据区之外还有行，Excel 不会这样保存，没有核对，以免读错。请在 Excel 或 WPS 中打开并重新保存。",
        "This sheet has rows outside its data, which Excel never saves; nothing was checked, so that nothing is "
        "misread. Open it in Excel or WPS and save it again.",
    ),
    "workbook_doctype": (
        "这个 Excel 文件的“{part}”带有文档类型声明（DOCTYPE），真正的工作簿没有，没有核对。请在 Excel 或 WPS 中重新保存。",
        "The part “{part}” of this Excel file declares a document type (DOCTYPE), which real workbooks never do; "
        "nothing was checked. Save it again from Excel or WPS.",
    ),
    "workbook_number_format": (
        "这个 Excel 文件中有一个 {count} 个字符的数字格式，超过 Excel 本身 {limit} 个字符的上限，不像普通的工作簿，没有核对。",
        "This Excel file holds a number format of {count} characters, over Excel's own limit of {limit}: it is "
        "not an ordinary workbook, and nothing was checked.",
    ),
    "workbook_unreadable": (
        "无法读取这个 Excel 工作簿（{detail}）。请在 Excel 或 WPS 中重新保存，或另存为 CSV。",
        "This Excel workbook cannot be read ({detail}). Save it again from Excel or WPS, or save it as CSV.",
    ),
}



def declare(errors: dict[str, tuple[str, str]] | None = None, notes: dict[str, tuple[str, str]] | None = None) -> None:
    """A calculator's own error and note codes, kept in its module beside the rule they word and added
    here, where ``error`` and ``note`` find them; a code is one message, never two."""
    for table, own in ((ERRORS, errors or {}), (NOTES, notes or {})):
        if taken := sorted(set(own) & set(table)):
            raise ValueError(f"message codes declared twice: {', '.join(taken)}")
        table.update(own)


def error(field: str | None, code: str, kind: str = "", **params: Any) -> dict[str, Any]:
    """One error of an answer, with both messages filled in, worded for the field's kind."""
    zh, en = KIND_ERRORS.get((code, kind), ERRORS[code])
    for key in ("label_zh", "label_en"):
        if key in params:
            params[key] = inner_quotes(params[key])
    return {"field": field, "code": code, "zh": zh.format(**params), "en": en.format(**params)}


def file_problem(code: str, **params: Any) -> dict[str, str]:
    """What is wrong with a file or one of its rows, in both languages."""
    zh, en = FILE_PROBLEMS[code]
    for name in ("label_zh", "label_en"):
        if name in params:
            params[name] = inner_quotes(params[name])
    return {"code": code, "zh": zh.format(**params), "en": en.format(**params)}


def note(code: str, **params: Any) -> dict[str, str]:
    """One note of an answer, with both messages filled in."""
    zh, en = NOTES[code]
    cutoff = rules.value("cutoff")
    params = {"notice_year": rules.NOTICE_YEAR, "cutoff_zh": format_day(cutoff, "zh"),
              "cutoff_en": format_day(cutoff, "en"), **params}
    return {"code": code, "zh": zh.format(**params), "en": en.format(**params)}
