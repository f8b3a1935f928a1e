"""Rosters checked in the page: CSV and workbooks as offices save them, the templates, a file that
cannot be read, Stop, 100,000 rows; the file never leaves the page and the download is the CLI's output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from reader import (
    READY,
    axe_violations,
    batch_done,
    open_calculator,
    pick,
    submitted_answer,
    type_into,
)

from calculators import batch
from calculators.clauses import named

ROOT = Path(__file__).resolve().parents[2]

CE_CSV = ("category,public_hours,professional_hours,digital_hours\n"
          "grassroots,15,30,0\ngeneral,abc,60,0\ngeneral,30,50,10\n")
TENURE_CSV = "qualified_on,unqualified_years,required_years\n2018-12-31,,5\n2023-02-30,,5\n2019-06-01,2020,5\n"


def no_request_carries(requests: list, text: str) -> None:
    """The file's content is in no request: no body, no URL."""
    needle = text.splitlines()[1]
    for request in requests:
        assert request.method == "GET", request.url
        assert needle not in request.url and (request.post_data or "") == ""


@pytest.mark.parametrize(("lang", "name", "path", "csv"), [
    ("zh", "ce_hours", "calculators/ce-hours/", CE_CSV), ("en", "ce_hours", "calculators/ce-hours/", CE_CSV),
    ("en", "tenure", "calculators/tenure/", TENURE_CSV), ("zh", "tenure", "calculators/tenure/", TENURE_CSV)])
def test_batch_check_of_a_csv_file(page: Page, site_url, requests_seen, lang, name, path, csv):
    requests: list = []
    page.on("request", lambda request: requests.append(request))
    open_calculator(page, f"{site_url}{'en/' if lang == 'en' else ''}{path}")
    expected = batch.run_file(name, csv.encode("gb18030"), lang)
    pick(page, name, "unit.csv", csv.encode("gb18030"))
    result = batch_done(page, name)
    rows = result.locator("tbody tr")
    expect(rows).to_have_count(3)
    summary = expected.summary()
    expect(result.locator("thead th")).to_have_text(summary["header"])
    expect(result.locator("[data-batch-mapping]")).to_have_text(expected.mapping)
    assert summary["clauses"]
    cited = result.locator("[data-batch-clauses] a")  # as the notice names them, linked; ids in addresses only
    expect(cited).to_have_text(named(summary["clauses"], lang))
    assert [link.get_attribute("href").rsplit("/", 2)[-2:] for link in cited.all()] == [
        ["notice", f"#{clause}"] for clause in summary["clauses"]]
    rejected = rows.nth(1)
    expect(rejected).to_have_class("calc-batch-row--rejected")
    expect(rejected.locator("td").nth(2)).to_have_text(summary["rows"][1]["cells"][2])  # the reason, after the verdict
    expect(rejected.locator("td").nth(2)).to_have_class("calc-batch-reason")
    expect(result).to_contain_text("3 rows: 2 calculated, 1 rejected, 0 empty, 0 totals, notes or signatures (skipped)." if lang == "en"
                                   else "共 3 行：2 行已计算，1 行被退回，0 行为空行，0 行为合计、说明或签名行（已跳过）。")
    result.locator("[data-batch-only-rejected]").check()
    expect(result.locator("tbody tr")).to_have_count(1)
    with page.expect_download() as download:
        result.locator("[data-batch-download]").click()
    # The page's file is the command line's output, byte for byte.
    cli = subprocess.run([sys.executable, "-m", "calculators", name, "--csv", "-", "--lang", lang], cwd=ROOT,
                         input=csv.encode("gb18030"), capture_output=True, check=True)
    assert download.value.path().read_bytes() == cli.stdout == expected.download_bytes()
    assert download.value.suggested_filename == ("unit-results.csv" if lang == "en" else "unit-结果.csv")
    no_request_carries(requests, csv)
    assert axe_violations(page) == []


@pytest.mark.parametrize(("label", "data"), [
    ("Chinese labels, GB18030", "姓名,取得现资格时间,年度考核“不合格”的年份,申报上一级职称要求的年限\r\n张三,2018年12月31日,,5\r\n"
                                "李四,2019/6/30,2020,5\r\n".encode("gb18030")),
    ("Unicode Text: UTF-16, tab-separated", "Name\tDate the current title was obtained\tYears the next title requires\r\n"
                                            "Zhang\t2018-12-31\t5\r\nLi\t2019-06-30\t5\r\n".encode("utf-16")),
])
def test_spreadsheet_exports_as_hr_offices_save_them(page, site_url, requests_seen, label, data):
    open_calculator(page, f"{site_url}calculators/tenure/")
    pick(page, "tenure", "unit.txt", data)
    result = batch_done(page, "tenure")
    expect(result).to_contain_text("共 2 行：2 行已计算，0 行被退回，0 行为空行，0 行为合计、说明或签名行（已跳过）。")
    expect(result.locator("tbody tr").first.locator("td").first).to_have_text("已计算")


def test_a_real_roster_with_title_rows_and_the_officers_own_headers(page, site_url, requests_seen):
    """UTF-16 tab text as WPS saves it: title and unit rows above the header, the office's own words."""
    roster = ("XX县人民医院2023年职称申报人员名单\r\n单位：XX县人民医院\t\t填报日期：2023年5月\r\n"
              "序号\t姓名\t现职称取得时间\t年度考核不合格年份\t申报职称要求年限\r\n"
              "1\t郝敏倩\t2018-09-03\t2020\t5\r\n2\t石云\t43281\t\t5\r\n")
    open_calculator(page, f"{site_url}calculators/tenure/")
    pick(page, "tenure", "名单.txt", roster.encode("utf-16"))
    result = batch_done(page, "tenure")
    mapping = result.locator("[data-batch-mapping]")
    expect(mapping).to_contain_text("第 1–2 行在列名之上（标题或空行），已跳过；列名在第 3 行。")
    expect(mapping).to_contain_text("年度考核“不合格”的年份 ← 第 4 列“年度考核不合格年份”")
    first = result.locator("tbody tr").first.locator("td")
    expect(first.nth(0)).to_have_text("已计算")
    expect(first.nth(1)).to_have_text("不符合")  # 2020 deducted: 4 of the 5 years
    second = result.locator("tbody tr").nth(1).locator("td")
    expect(second.nth(2)).to_contain_text("Excel 的日期序号")
    with page.expect_download() as download:
        result.locator("[data-batch-download]").click()
    assert download.value.suggested_filename == "名单-结果.csv"


def test_a_header_that_only_resembles_a_field_is_refused_as_an_error(page, site_url, requests_seen):
    open_calculator(page, f"{site_url}calculators/tenure/")
    pick(page, "tenure", "名单.csv", "姓名,取得现资格时间,年度考核不合格年\r\n张三,2018-01-01,2020\r\n".encode())
    result = page.locator('[data-batch="tenure"] [data-batch-result]')
    expect(result).to_have_attribute("data-state", "error", timeout=READY)
    expect(result).to_contain_text("第 3 列“年度考核不合格年”与“年度考核‘不合格’的年份”相近")
    expect(result).to_contain_text("第 1 行被读作列名")
    assert result.evaluate("node => getComputedStyle(node).borderLeftStyle") == "solid"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_excel_template_round_trip(page, site_url, requests_seen, lang):
    """Download the .xlsx template, pick it as it is: the worker loads the self-hosted openpyxl and answers."""
    prefix = "en/" if lang == "en" else ""
    open_calculator(page, f"{site_url}{prefix}calculators/ce-hours/")
    with page.expect_download() as download:
        page.locator('[data-batch="ce_hours"] a[href$=".xlsx"]').click()
    workbook = download.value.path().read_bytes()
    assert workbook.startswith(b"PK\x03\x04") and download.value.suggested_filename == f"ce_hours-template.{lang}.xlsx"
    pick(page, "ce_hours", "unit.xlsx", workbook)
    result = batch_done(page, "ce_hours")
    expect(result).to_contain_text("1 rows: 1 calculated" if lang == "en" else "共 1 行：1 行已计算")
    assert any("/assets/wheels/bytecode-" in url and "/openpyxl-" in url for url in requests_seen)


def test_csv_template_is_offered_in_the_page_language(page, site_url, requests_seen):
    page.goto(f"{site_url}en/calculators/tenure/")
    with page.expect_download() as download:
        page.locator('[data-batch="tenure"] a[href$=".csv"]').click()
    assert download.value.path().read_bytes().decode("utf-8") == "\ufeff" + batch.template_csv("tenure", "en")


def test_a_bad_file_is_not_a_broken_engine(page, site_url, requests_seen):
    """A file that cannot be read says so, and the calculator keeps answering."""
    open_calculator(page, f"{site_url}en/calculators/tenure/")
    pick(page, "tenure", "photo.csv", bytes(range(256)) * 8)
    result = page.locator('[data-batch="tenure"] [data-batch-result]')
    expect(result).to_have_attribute("data-state", "error", timeout=READY)
    expect(result).to_contain_text("not a spreadsheet file")
    expect(result).not_to_contain_text("could not start")
    type_into(page, "qualified_on", "2018-12-31")
    page.locator('[name="qualified_on"]').press("Enter")
    assert submitted_answer(page)["ok"] is True


def test_a_long_check_can_be_stopped(page, site_url, requests_seen):
    open_calculator(page, f"{site_url}calculators/tenure/")
    pick(page, "tenure", "big.csv", ("qualified_on,required_years\n" + "2018-12-31,5\n" * 190_000).encode())
    progress = page.locator('[data-batch="tenure"] [data-batch-progress]')
    expect(progress).to_be_visible(timeout=READY)
    expect(progress.locator("[data-batch-progress-label]")).to_contain_text("正在核对", timeout=READY)  # read, now checked
    page.locator('[data-batch="tenure"] [data-batch-cancel]').click()
    result = page.locator('[data-batch="tenure"] [data-batch-result]')
    expect(result).to_have_attribute("data-state", "cancelled", timeout=READY)
    expect(result).to_contain_text("已停止核对")
    type_into(page, "qualified_on", "2018-12-31")
    page.locator('[name="qualified_on"]').press("Enter")
    assert submitted_answer(page)["ok"] is True


def test_a_whole_unit_of_100000_rows(page, site_url, requests_seen):
    """100,000 rows (1.3 MB): progress shown, the summary counts every row, the download holds every row,
    and the page shows only the first rows (how long it takes is measured by make bench)."""
    open_calculator(page, f"{site_url}calculators/tenure/")
    rows = "".join(f"2018-{1 + i % 12:02d}-{1 + i % 28:02d},{1 + i % 9}\n" for i in range(100_000))
    pick(page, "tenure", "unit.csv", ("qualified_on,required_years\n" + rows).encode())
    label = page.locator('[data-batch="tenure"] [data-batch-progress-label]')
    expect(label).to_contain_text("100000", timeout=READY)
    result = batch_done(page, "tenure", timeout=120_000)
    expect(result).to_contain_text("共 100000 行：100000 行已计算，0 行被退回，0 行为空行，0 行为合计、说明或签名行（已跳过）。")
    expect(result.locator("tbody tr")).to_have_count(batch.PREVIEW_ROWS)
    with page.expect_download() as download:
        result.locator("[data-batch-download]").click()
    lines = download.value.path().read_bytes().decode("utf-8").splitlines()
    assert len(lines) == 100_002 and "已识别的列：取得现资格时间 ← 第 1 列“qualified_on”" in lines[0]
    assert lines[1].startswith("结果,退回原因或说明,表格行号")


def test_a_workbook_with_a_merged_title_row_and_real_date_cells(page, site_url, requests_seen):
    """The usual Excel roster: a merged title cell above the header, dates as real date cells, an Excel
    date number in the date column."""
    import datetime as dt

    from workbooks import roster_workbook
    rows = [["姓名", "现职称取得时间", "年度考核不合格年份", "申报职称要求年限"],
            ["郝敏倩", dt.date(2018, 9, 3), 2020, 5], ["石云", dt.date(2016, 6, 30), None, 5], ["李四", 43281, None, 5]]
    open_calculator(page, f"{site_url}calculators/tenure/")
    pick(page, "tenure", "名单.xlsx", roster_workbook(rows, merged_title=True))
    result = batch_done(page, "tenure")
    expect(result.locator("[data-batch-mapping]")).to_contain_text("第 1 行在列名之上（标题或空行），已跳过；列名在第 2 行。")
    expected = batch.run_file("tenure", roster_workbook(rows, merged_title=True)).summary()
    for index, row in enumerate(expected["rows"]):
        expect(result.locator("tbody tr").nth(index).locator("td")).to_have_text(row["cells"])
    expect(result.locator("tbody tr").nth(2)).to_contain_text("Excel 的日期序号")
