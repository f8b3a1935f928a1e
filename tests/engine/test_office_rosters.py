"""Rosters as county offices make them, read right or refused by name, never silently wrong: one column
per assessment year, two header rows, the appointment date beside the date obtained, dates and words as
offices write them, total and signature rows, an instructions sheet first, hidden rows, Excel 97-2003.
Every row read is checked against the single calculator given the intended inputs."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import batch

YEARS = [2019, 2020, 2021, 2022, 2023]
GRADES = ["优秀", "合格", "基本合格", "不合格", ""]


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def rows_of(run: batch.BatchRun) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run.csv())))


def single(qualified_on: str, unqualified: list[int], required: int) -> dict:
    return calculators.run("tenure", {"qualified_on": qualified_on, "unqualified_years": unqualified,
                                      "required_years": required})


def assert_rows_are_single_answers(run: batch.BatchRun, intended: list[tuple[str, list[int], int]]) -> None:
    assert run.problem is None, run.problem
    out = [row for row in rows_of(run) if row["结果"] != "跳过"]
    assert len(out) == len(intended)
    for got, (qualified_on, unqualified, required) in zip(out, intended, strict=True):
        answer = single(qualified_on, unqualified, required)
        assert got["结果"] == "已计算", got
        assert got["计入年限"] == str(answer["result"]["counted_years"]), (got, qualified_on, unqualified)
        assert got["年限是否满足要求（本站计算方法）"] == ("符合" if answer["result"]["meets"] else "不符合")


def yearly_row(name: str, qualified_on: str, required: int, grades: list[str]) -> list[str]:
    return [name, qualified_on, str(required), *grades]


def unsatisfactory(grades: list[str]) -> list[int]:
    return [year for year, grade in zip(YEARS, grades, strict=True) if grade == "不合格"]


# ---- one column per assessment year ---------------------------------------------------------------
def test_per_year_assessment_columns_are_read_as_the_unsatisfactory_years():
    people = [("孙悦", "2018-06-30", 5, ["不合格", "合格", "合格", "优秀", "合格"]),
              ("王五", "2017-03-01", 5, ["合格", "基本合格", "不合格", "", "合格"]),
              ("赵六", "2018-12-31", 5, ["合格"] * 5)]
    for header in (["姓名", "取得现资格时间", "要求年限", *(f"{y}年度考核结果" for y in YEARS)],
                   ["姓名", "取得现资格时间", "要求年限", *(f"{y}年度" for y in YEARS)],
                   ["姓名", "取得现资格时间", "要求年限", *(f"{y}年" for y in YEARS)],
                   ["姓名", "取得现资格时间", "要求年限", *(str(y) for y in YEARS)]):
        run = batch.run_file("tenure", csv_bytes([header, *(yearly_row(n, q, r, g) for n, q, r, g in people)]))
        assert_rows_are_single_answers(run, [(q, unsatisfactory(g), r) for _, q, r, g in people])
        assert "年度考核“不合格”的年份 ← 第 4–8 列" in run.mapping and "未使用的列（原样保留）：第 1 列“姓名”。" in run.mapping
    assert rows_of(run)[0]["计入年限"] == "4"  # 2019 unsatisfactory: deducted, the verdict turns


def test_a_group_header_over_the_year_columns_in_two_header_rows():
    group = ["序号", "姓名", "现职称情况", "", "近五年考核", "", "", "", ""]
    names = ["", "", "取得现资格时间", "要求年限", *(f"{y}年度" for y in YEARS)]
    data = [["1", "孙悦", "2018-06-30", "5", "不合格", "合格", "合格", "合格", "合格"],
            ["2", "钱七", "2016-01-01", "8", "合格", "不合格", "不合格", "合格", "合格"]]
    run = batch.run_file("tenure", csv_bytes([["XX县2023年职称申报花名册"], group, names, *data]))
    assert_rows_are_single_answers(run, [("2018-06-30", [2019], 5), ("2016-01-01", [2020, 2021], 8)])
    assert "列名占两行（第 2–3 行），合并读取。" in run.mapping


def test_a_workbook_with_merged_group_headers_over_the_years():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "取得现资格时间", "要求年限", "年度考核情况", None, None, None, None])
    sheet.append([None, None, None, *(f"{y}年度" for y in YEARS)])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    sheet.merge_cells("C1:C2")
    sheet.merge_cells("D1:H1")
    sheet.append(["孙悦", dt.date(2018, 6, 30), 5, "不合格", "合格", "合格", "优秀", "合格"])
    out = io.BytesIO()
    book.save(out)
    run = batch.run_file("tenure", out.getvalue())
    assert_rows_are_single_answers(run, [("2018-06-30", [2019], 5)])


def test_a_grade_that_is_not_one_refuses_its_row_by_name():
    header = ["姓名", "取得现资格时间", "要求年限", *(f"{y}年度" for y in YEARS)]
    run = batch.run_file("tenure", csv_bytes([header, ["孙悦", "2018-06-30", "5", "称职", "合格", "合格", "合格", "合格"]]))
    row = rows_of(run)[0]
    assert row["结果"] == "退回" and "第 4 列“2019年度”的“称职”不是年度考核等次" in row["退回原因或说明"]


def test_a_years_column_and_year_columns_together_are_refused():
    header = ["取得现资格时间", "年度考核不合格年份", "2019年度", "2020年度"]
    run = batch.run_file("tenure", csv_bytes([header, ["2018-06-30", "2020", "合格", "不合格"]]))
    assert run.problem["code"] == "years_twice" and "2019年度" in run.problem["zh"]


# ---- the appointment is not the date obtained ---------------------------------------------------------
def test_an_appointment_column_is_never_the_date_obtained():
    header = ["姓名", "出生日期", "参加工作时间", "现职称聘任时间", "职称取得时间", "要求年限"]
    run = batch.run_file("tenure", csv_bytes([header, ["张三", "1980-01-01", "2000-07-01", "2020-01-01", "2018-06-30", "5"]]))
    assert_rows_are_single_answers(run, [("2018-06-30", [], 5)])
    assert "第 4 列“现职称聘任时间”（聘任时间，不是取得现资格的时间）" in run.mapping
    for appointment in ("现职称聘任时间", "任现职时间", "聘任时间"):
        alone = batch.run_file("tenure", csv_bytes([["姓名", appointment, "要求年限"], ["张三", "2020-01-01", "5"]]))
        assert alone.problem["code"] == "impostor_column" and appointment in alone.problem["zh"], appointment
        assert "不是取得现资格的时间" in alone.problem["zh"] and "not the date the title was obtained" in alone.problem["en"]


def test_the_offices_own_words_for_the_date_obtained_and_the_years_required_are_read():
    for obtained in ("职称取得时间", "证书取得时间", "取得现职称年月", "取得专业技术资格时间", "任职资格取得时间", "现职称评定时间"):
        for required in ("规定年限", "申报所需任职年限", "要求年限"):
            run = batch.run_file("tenure", csv_bytes([[obtained, required], ["2018-06-30", "5"]]))
            assert_rows_are_single_answers(run, [("2018-06-30", [], 5)])


def test_near_misses_of_a_field_a_row_can_do_without_are_refused_by_name():
    for near in ("扣除年度", "扣除的年度", "不计入任职年限的年度", "不称职年度", "Years deducted", "Years not counted",
                 "参评年度", "申报时间", "Years", "任职年限"):
        run = batch.run_file("tenure", csv_bytes([["取得现资格时间", near], ["2018-06-30", "2020"]]))
        assert run.problem is not None and run.problem["code"] in ("resembling_column", "ambiguous_column"), near
        assert near in run.problem["zh"], near
    for near in ("单位性质", "所在单位属性"):
        run = batch.run_file("ce_hours", csv_bytes([["公需科目学时", "专业科目学时", near], ["30", "60", "基层"]]))
        assert run.problem["code"] == "resembling_column" and near in run.problem["zh"], near


def test_invisible_characters_in_a_header_are_dropped():
    run = batch.run_file("tenure", csv_bytes([["取得现\u200b资格\u00ad时间", "\u200e要求年限"], ["2018-06-30", "5"]]))
    assert_rows_are_single_answers(run, [("2018-06-30", [], 5)])


# ---- cells as offices write them ------------------------------------------------------------------------
def test_dates_as_offices_write_them():
    written = [("20180630", "2018-06-30"), ("2018年6月30号", "2018-06-30"), ("'2018-06-30", "2018-06-30"),
               ("31.12.2017", "2017-12-31"), ("6/30/2018", "2018-06-30"), ("2018年6月", "2018-06-01"),
               ("2018.06", "2018-06-01"), ("2018-06", "2018-06-01")]
    run = batch.run_file("tenure", csv_bytes([["取得现资格时间", "要求年限"], *([w, "5"] for w, _ in written)]))
    assert_rows_are_single_answers(run, [(day, [], 5) for _, day in written])
    notes = [row["退回原因或说明"] for row in rows_of(run)]
    assert "按“年月日”八位数字读作 2018-06-30" in notes[0] and "只填到月份" in notes[5]
    ambiguous = batch.run_file("tenure", csv_bytes([["取得现资格时间"], ["6/7/2018"]]))
    assert rows_of(ambiguous)[0]["结果"] == "退回" and "无法确定" in rows_of(ambiguous)[0]["退回原因或说明"]


def test_words_for_none_and_for_numbers_and_excels_joined_years():
    rows = [["2018-06-30", "无", "5年"], ["2018-06-30", "—", "五年"], ["2018-06-30", "/", "满5年"],
            ["2016-06-30", "20192021", "5 年"], ["2016-06-30", "20,192,021", "十"]]
    run = batch.run_file("tenure", csv_bytes([["取得现资格时间", "年度考核不合格年份", "要求年限"], *rows]))
    assert_rows_are_single_answers(run, [("2018-06-30", [], 5)] * 3 + [("2016-06-30", [2019, 2021], 5),
                                                                       ("2016-06-30", [2019, 2021], 10)])
    assert "Excel 把“2019、2021”并成了一个数" in rows_of(run)[3]["退回原因或说明"]
    dated = batch.run_file("tenure", csv_bytes([["取得现资格时间", "年度考核不合格年份"], ["2016-06-30", "20190930"]]))
    assert rows_of(dated)[0]["结果"] == "退回"  # never a date


def test_total_note_and_signature_rows_are_skipped_not_people():
    rows = [["张三", "2018-06-30"], ["合计", "1人"], ["注：本表由人事科填写"], ["填表人：李四", "制表日期：2023年5月"]]
    run = batch.run_file("tenure", csv_bytes([["姓名", "取得现资格时间"], *rows]))
    assert run.counts == {"rows": 4, "ok": 1, "rejected": 0, "empty": 0, "skipped": 3}
    assert [row["结果"] for row in rows_of(run)] == ["已计算", "跳过", "跳过", "跳过"]


# ---- workbooks as offices save them ---------------------------------------------------------------------
def test_an_instructions_sheet_first_and_hidden_rows():
    book = openpyxl.Workbook()
    book.active.title = "填表说明"
    book.active.append(["1. 每人一行；2. 无则填“无”"])
    roster = book.create_sheet("花名册")
    roster.append(["姓名", "取得现资格时间", "要求年限"])
    for name in ("张三", "李四", "王五"):
        roster.append([name, dt.date(2018, 6, 30), 5])
    roster.row_dimensions[3].hidden = True
    book.create_sheet("下拉选项").sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    run = batch.run_file("tenure", out.getvalue())
    assert_rows_are_single_answers(run, [("2018-06-30", [], 5)] * 3)
    assert "第一个可见的工作表“填表说明”中没有列名行，读取的是有列名的工作表“花名册”" in run.mapping
    assert "1 行被隐藏或筛选掉，也一并核对了" in run.mapping
    chosen = batch.run_file("tenure", out.getvalue(), sheet="填表说明")
    assert chosen.problem["code"] == "no_known_column"


def test_an_excel_97_2003_workbook_is_read():
    book = xlwt.Workbook()
    sheet = book.add_sheet("花名册")
    day = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, text in enumerate(["姓名", "取得现资格时间", "要求年限", "2019年度", "2020年度"]):
        sheet.write(0, c, text)
    for r, (name, obtained, required, grades) in enumerate([("张三", dt.date(2018, 6, 30), 5, ["不合格", "合格"]),
                                                             ("李四", dt.date(2017, 1, 1), 5, ["合格", "合格"])], 1):
        sheet.write(r, 0, name)
        sheet.write(r, 1, obtained, day)
        sheet.write(r, 2, required)
        for c, grade in enumerate(grades, 3):
            sheet.write(r, c, grade)
    sheet.row(2).hidden = True
    out = io.BytesIO()
    book.save(out)
    run = batch.run_file("tenure", out.getvalue())
    assert_rows_are_single_answers(run, [("2018-06-30", [2019], 5), ("2017-01-01", [], 5)])
    assert run.table.source == "xls" and "1 行被隐藏或筛选掉" in run.mapping
    assert batch.run_file("tenure", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600).problem["code"] == "workbook_unreadable"


# ---- generated layouts against the single calculator ---------------------------------------------------
DATE_WRITINGS = [lambda d: d.isoformat(), lambda d: d.strftime("%Y%m%d"), lambda d: f"{d.year}年{d.month}月{d.day}日",
                 lambda d: f"{d.year}年{d.month}月{d.day}号", lambda d: f"'{d.isoformat()}", lambda d: f"{d.year}.{d.month}.{d.day}"]
HEADERS = [lambda y: f"{y}年度", lambda y: f"{y}年度考核结果", lambda y: f"{y}年", lambda y: str(y), lambda y: f"{y}年考核等次"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.dates(dt.date(2005, 1, 1), dt.date(2023, 12, 31)), st.integers(1, 12),
                          st.lists(st.sampled_from(GRADES), min_size=5, max_size=5),
                          st.integers(0, len(DATE_WRITINGS) - 1)), min_size=1, max_size=8),
       st.integers(0, len(HEADERS) - 1), st.booleans())
def test_generated_per_year_rosters_agree_with_the_single_calculator(people, heading, grouped):
    names = ["姓名", "取得现资格时间", "要求年限", *(HEADERS[heading](y) for y in YEARS)]
    rows = [[f"P{i}", DATE_WRITINGS[writing](day), str(required), *grades]
            for i, (day, required, grades, writing) in enumerate(people)]
    layout = ([["", "", "", "年度考核情况", "", "", "", ""], ["姓名", "取得现资格时间", "要求年限", *names[3:]]] if grouped
              else [names])
    run = batch.run_file("tenure", csv_bytes([*layout, *rows]))
    assert_rows_are_single_answers(run, [(day.isoformat(), unsatisfactory(grades), required)
                                         for day, required, grades, _ in people])
