"""Office rosters through the real page: an Excel 97-2003 workbook with one column per assessment year,
and a workbook whose first sheet is its instructions, read as the CLI reads them (the same mapping, the
same rows), in the reader's browser."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import xlwt
from playwright.sync_api import expect
from reader import batch_done, open_calculator, pick

from calculators import batch

YEARS = [2019, 2020, 2021]


def old_workbook() -> bytes:
    book = xlwt.Workbook()
    sheet = book.add_sheet("花名册")
    day = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, text in enumerate(["姓名", "取得现资格时间", "要求年限", *(f"{y}年度考核结果" for y in YEARS)]):
        sheet.write(0, c, text)
    people = [("孙悦", dt.date(2018, 6, 30), 5, ["不合格", "合格", "合格"]), ("钱七", dt.date(2016, 1, 1), 8, ["合格"] * 3)]
    for r, (name, obtained, required, grades) in enumerate(people, 1):
        sheet.write(r, 0, name)
        sheet.write(r, 1, obtained, day)
        sheet.write(r, 2, required)
        for c, grade in enumerate(grades, 3):
            sheet.write(r, c, grade)
    sheet.write(3, 0, "合计")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def instructions_first() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "填表说明"
    book.active.append(["每人一行"])
    roster = book.create_sheet("花名册")
    roster.append(["姓名", "取得现资格时间", "2019年度", "2020年度"])
    roster.append(["张三", dt.date(2018, 6, 30), "不合格", "合格"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def assert_page_reads_as_the_cli(page, data: bytes) -> None:
    result = batch_done(page, "tenure")
    expected = batch.run_file("tenure", data).summary()
    expect(result.locator("[data-batch-mapping]")).to_have_text(expected["mapping"])
    for index, row in enumerate(expected["rows"]):
        expect(result.locator("tbody tr").nth(index).locator("td")).to_have_text(row["cells"])


def test_an_excel_97_2003_roster_with_a_column_per_assessment_year(page, site_url, requests_seen):
    open_calculator(page, f"{site_url}calculators/tenure/")
    assert ".xls," in page.locator("[data-batch-file]").get_attribute("accept")
    data = old_workbook()
    pick(page, "tenure", "花名册.xls", data)
    assert_page_reads_as_the_cli(page, data)
    result = page.locator('[data-batch="tenure"] [data-batch-result]')
    expect(result).to_contain_text("年度考核“不合格”的年份 ← 第 4–6 列")
    expect(result).to_contain_text("共 3 行：2 行已计算，0 行被退回，0 行为空行，1 行为合计、说明或签名行（已跳过）。")


def test_a_workbook_whose_first_sheet_is_its_instructions(page, site_url, requests_seen):
    open_calculator(page, f"{site_url}calculators/tenure/")
    data = instructions_first()
    pick(page, "tenure", "名单.xlsx", data)
    assert_page_reads_as_the_cli(page, data)
    expect(page.locator("[data-batch-mapping]")).to_contain_text("读取的是有列名的工作表“花名册”")
    expect(page.locator("[data-batch-sheet]")).to_have_value("花名册")
