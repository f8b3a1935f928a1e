"""Rosters as HR offices keep them: title rows, their own headers, near misses, Excel date numbers.

Every row must get the single answer for its data, or the file must be refused naming the column
at fault; a column is never silently left out or guessed at.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from workbooks import roster_workbook

import calculators
from calculators import batch, columns

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TITLE = "XX县人民医院2023年职称申报人员名单"


def cli(*args: str, data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "calculators", *args], input=data, capture_output=True, cwd=ROOT)


def rows_of(run: batch.BatchRun) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run.csv())))


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", sep: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


STAFF = [
    ["1", "郝敏倩", "2018-09-03", "2020", "5"],
    ["2", "张超杰", "2018-05-17", "2020、2021", "5"],
    ["3", "石云", "2016-06-30", "", "5"],
    ["4", "王芳", "2019.9.30", "2021", "3"],
]


def single(row: list[str]) -> dict:
    return calculators.run("tenure", {"qualified_on": row[2], "unqualified_years": row[3], "required_years": row[4]})


def assert_each_row_is_its_single_answer(run: batch.BatchRun, staff: list[list[str]]) -> None:
    assert run.problem is None, run.problem
    out = rows_of(run)
    assert len(out) == len(staff)
    for got, row in zip(out, staff, strict=True):
        answer = single(row)
        assert got["计入年限"] == str(answer["result"]["counted_years"]), row
        assert got["年限是否满足要求（本站计算方法）"] == ("符合" if answer["result"]["meets"] else "不符合"), row


def test_a_title_row_above_the_header_is_skipped_and_said():
    header = ["序号", "姓名", "取得现资格时间", "年度考核“不合格”的年份", "申报上一级职称要求的年限"]
    run = batch.run_file("tenure", csv_bytes([[TITLE], ["单位：XX县人民医院", "", "申报年度：2023"], header, *STAFF]))
    assert_each_row_is_its_single_answer(run, STAFF)
    assert run.mapping.startswith("第 1–2 行在列名之上（标题或空行），已跳过；列名在第 3 行。")
    assert [r["表格行号"] for r in rows_of(run)] == ["4", "5", "6", "7"]


def test_the_officers_own_headers_and_near_misses_are_read_and_shown():
    header = [" 序号 ", "姓名", "现职称取得时间", "年度考核不合格年份", "申报职称要求年限"]
    run = batch.run_file("tenure", csv_bytes([header, *STAFF]))
    assert_each_row_is_its_single_answer(run, STAFF)
    assert "取得现资格时间 ← 第 3 列“现职称取得时间”" in run.mapping
    assert "年度考核“不合格”的年份 ← 第 4 列“年度考核不合格年份”" in run.mapping
    assert "未使用的列（原样保留）：第 1 列“序号”、第 2 列“姓名”。" in run.mapping
    reordered = ["序号", "姓名", "取得现职称时间", "考核不合格年度", "要求年限"]
    assert_each_row_is_its_single_answer(batch.run_file("tenure", csv_bytes([reordered, *STAFF])), STAFF)
    english = ["No.", "Name", "Date obtained", "Unsatisfactory years", "Required years"]
    assert_each_row_is_its_single_answer(batch.run_file("tenure", csv_bytes([english, *STAFF])), STAFF)


def test_a_header_that_only_resembles_a_field_refuses_the_file_naming_both():
    header = ["序号", "姓名", "取得现资格时间", "年度考核不合格年", "申报上一级职称要求的年限"]
    proc = cli("tenure", "--csv", "-", data=csv_bytes([header, *STAFF]))
    assert proc.returncode == 2 and not proc.stdout
    said = proc.stderr.decode()
    assert "第 4 列“年度考核不合格年”与“年度考核‘不合格’的年份”相近" in said and "row 1 was read" in said
    assert "Traceback" not in said


def test_a_header_that_could_be_two_fields_is_refused_not_guessed():
    run = batch.run_file("tenure", csv_bytes([["姓名", "现职称取得时间", "评审年度"], ["张三", "2018-01-01", "2021"]]))
    assert run.problem["code"] == "ambiguous_column"
    assert "“评审年度”" in run.problem["zh"] and "未能在当年度完成评审的评审年度" in run.problem["zh"]
    assert "申报年度" in run.problem["zh"]


def test_a_missing_required_column_is_said_once_for_the_file():
    run = batch.run_file("tenure", csv_bytes([["姓名", "备注", "申报年度"], ["张三", "", "2023"]] * 1))
    assert run.problem["code"] == "missing_column"
    assert "没有找到“取得现资格时间”列" in run.problem["zh"] and "姓名、备注、申报年度" in run.problem["zh"]
    ce = batch.run_file("ce_hours", csv_bytes([["姓名", "专业科目学时"], ["张三", "90"]]))
    assert ce.problem["code"] == "missing_column" and "公需科目学时" in ce.problem["zh"]


def test_a_field_word_in_an_unread_column_is_never_silence():
    run = batch.run_file("tenure", csv_bytes([["姓名", "取得现资格时间", "2022年度考核结果"], ["张三", "2018-01-01", "不合格"]]))
    assert run.problem is None and rows_of(run)[0]["扣除的年度"] == "2022"
    assert "年度考核“不合格”的年份 ← 第 3 列（2022年度考核结果）" in run.mapping
    near = batch.run_file("tenure", csv_bytes([["姓名", "取得现资格时间", "年度考核情况说明"], ["张三", "2018-01-01", "2022"]]))
    assert near.problem["code"] == "resembling_column" and "年度考核情况说明" in near.problem["zh"]


def test_no_header_row_says_what_the_first_row_holds():
    run = batch.run_file("tenure", csv_bytes([[TITLE], ["张三", "2018-01-01"]]))
    assert run.problem["code"] == "no_known_column" and TITLE in run.problem["zh"]


def test_excel_date_numbers_in_a_date_column_are_read_as_excel_shows_them():
    run = batch.run_file("tenure", csv_bytes([["姓名", "取得现资格时间", "申报上一级职称要求的年限"],
                                              ["张三", "43281", "5"], ["李四", "44902.0", "1"], ["王五", "12345", "1"]]))
    out = rows_of(run)
    assert out[0]["起算日期"] == "2018-06-30" and "43281 是 Excel 的日期序号" in out[0]["退回原因或说明"]
    assert out[1]["起算日期"] == "2022-12-07"
    assert out[2]["结果"] == "退回" and "不是有效日期" in out[2]["退回原因或说明"]


def test_a_workbook_with_a_merged_title_row_and_real_date_cells():
    rows = [["姓名", "现职称取得时间", "年度考核不合格年份", "申报职称要求年限"],
            ["郝敏倩", dt.date(2018, 9, 3), 2020, 5], ["石云", dt.date(2016, 6, 30), None, 5], ["李四", 43281, None, 5]]
    run = batch.run_file("tenure", roster_workbook(rows, merged_title=True))
    assert run.problem is None, run.problem
    assert run.mapping.startswith("第 1 行在列名之上（标题或空行），已跳过；列名在第 2 行。")
    out = rows_of(run)
    assert [r["计入年限"] for r in out] == ["4", "7", "5"] and out[2]["起算日期"] == "2018-06-30"
    mac = batch.run_file("tenure", roster_workbook([["取得现资格时间"], [43281 - 1462]], merged_title=False, epoch_1904=True))
    assert rows_of(mac)[0]["起算日期"] == "2018-06-30"


def test_a_utf16_tab_export_with_title_rows():
    header = ["序号", "姓名", "取得现资格时间", "年度考核“不合格”的年份", "申报上一级职称要求的年限"]
    data = b"\xff\xfe" + csv_bytes([[TITLE], [""], header, *STAFF], "utf-16-le", "\t")
    proc = cli("tenure", "--csv", "-", data=data)
    assert proc.returncode == 0, proc.stderr.decode()
    assert "第 1–2 行在列名之上" in proc.stderr.decode() and "已识别的列" in proc.stderr.decode()
    first, _, table = proc.stdout.decode("utf-8-sig").partition("\r\n")
    assert first.startswith(batch.WHO_SPEAKS[0])
    out = list(csv.DictReader(io.StringIO(table)))
    assert [r["计入年限"] for r in out] == [str(single(row)["result"]["counted_years"]) for row in STAFF]


def test_the_download_carries_the_mapping_and_a_results_file_can_be_checked_again():
    run = batch.run_file("tenure", csv_bytes([["姓名", "现职称取得时间"], ["张三", "2018-01-01"]]))
    download = run.download_bytes().decode("utf-8-sig")
    first = next(csv.reader(io.StringIO(download)))[0]
    assert first.startswith(batch.WHO_SPEAKS[0]) and run.mapping in first
    assert first.endswith("依据条款：第五部分第（五）项。本站的理解：整年按周年计算。")
    again = batch.run_file("tenure", download.encode("utf-8"))
    assert again.problem is None and again.mapping.startswith("第 1 行在列名之上")
    assert rows_of(again)[0]["计入年限"] == "5"


def test_the_preview_shows_result_verdict_and_reason_first():
    summary = batch.run_file("tenure", csv_bytes([["取得现资格时间", "申报上一级职称要求的年限"], ["2018-01-01", "5"]])).summary()
    assert summary["header"][:4] == ["结果", "年限是否满足要求（本站计算方法）", "退回原因或说明", "表格行号"]
    assert summary["rows"][0]["cells"][:2] == ["已计算", "符合"] and summary["reason_column"] == 2


# The property: any roster under any way of writing its headers is answered row by row as the
# single answer would be, or refused naming a column.
VARIANTS = {
    "qualified_on": ["取得现资格时间", " 取得现资格时间 ", "现职称取得时间", "取得现职称时间", "任现职时间", "取得现资格的时间",
                     "取得现资格时", "现职称取得", "qualified_on", "Date the current title was obtained", "取得资格时间（必填）"],
    "unqualified_years": ["年度考核“不合格”的年份", "年度考核不合格年份", "年度考核不合格的年份", "考核不合格年度",
                          "年度考核\"不合格\"年份", "年度考核不合格年", "考核不合格情况", "ｕｎｑｕａｌｉｆｉｅｄ＿ｙｅａｒｓ", "不合格"],
    "required_years": ["申报上一级职称要求的年限", "要求年限", "申报职称要求年限", "要求的年限", "年限", "required_years"],
}
DATES = st.dates(dt.date(1990, 1, 1), dt.date(2023, 12, 31)).map(dt.date.isoformat)
YEARS = st.lists(st.integers(1990, 2024), max_size=3).map(lambda ys: "、".join(map(str, ys)))
ROWS = st.lists(st.tuples(DATES, YEARS, st.integers(1, 10).map(str)), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None)
@given(ROWS, st.fixed_dictionaries({k: st.sampled_from(v) for k, v in VARIANTS.items()}),
       st.permutations(["qualified_on", "unqualified_years", "required_years", "name"]), st.booleans())
def test_every_row_is_its_single_answer_or_the_file_names_a_column(staff, headers, order, title):
    header = [headers.get(key, "姓名") for key in order]
    lines = ([[TITLE]] if title else []) + [header]
    for date, years, required in staff:
        values = {"qualified_on": date, "unqualified_years": years, "required_years": required, "name": "张三"}
        lines.append([values[key] for key in order])
    run = batch.run_file("tenure", csv_bytes(lines))
    if run.problem is not None:
        assert any(f"“{text.strip()}”" in run.problem["zh"] for text in header) or \
            run.problem["code"] == "missing_column", run.problem
        return
    for got, (date, years, required) in zip(rows_of(run), staff, strict=True):
        answer = calculators.run("tenure", {"qualified_on": date, "unqualified_years": years, "required_years": required})
        assert got["结果"] == ("已计算" if answer["ok"] else "退回"), (header, got)
        if answer["ok"]:
            assert got["计入年限"] == str(answer["result"]["counted_years"]), (header, got)
            assert got["年限是否满足要求（本站计算方法）"] == ("符合" if answer["result"]["meets"] else "不符合"), (header, got)


def test_every_field_name_and_header_maps_to_its_own_field_only():
    for name in calculators.CALCULATORS:
        for f in columns.batch_fields(name):
            for text in (f.name, f.label_zh, f.label_en, *f.headers):
                found = columns.read_columns(name, [text])[0]
                assert found.field is f, (name, text, found.field and found.field.name)
