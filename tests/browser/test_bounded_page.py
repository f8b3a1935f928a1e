"""The page with files and links of unusual shape (adversarial review, 5 December 2026): reading can be
stopped, a workbook's sheet can be chosen, a damaged kept engine repairs itself, long links and many
nominees neither freeze the page nor lose the QR code silently."""

from __future__ import annotations

import json
from urllib.parse import quote

from playwright.sync_api import expect
from reader import READY, batch_done, open_calculator, pick, submitted_answer, type_into, until, wait_until_kept
from workbooks import HEAD, two_visible_sheets, xlsx


def test_reading_a_large_workbook_can_be_stopped_and_the_calculator_answers_at_once(page, site_url, requests_seen):
    open_calculator(page, f"{site_url}calculators/tenure/")
    pick(page, "tenure", "big.xlsx", xlsx(HEAD, streamed_rows=80_000))
    label = page.locator('[data-batch="tenure"] [data-batch-progress-label]')
    expect(label).to_contain_text("正在读取文件：已读", timeout=READY)
    page.locator('[data-batch="tenure"] [data-batch-cancel]').click()
    result = page.locator('[data-batch="tenure"] [data-batch-result]')
    expect(result).to_have_attribute("data-state", "cancelled", timeout=5_000)
    expect(result).to_contain_text("已停止读取文件")
    type_into(page, "qualified_on", "2018-12-31")
    page.locator('[name="qualified_on"]').press("Enter")
    assert submitted_answer(page)["ok"] is True


def test_stop_ends_a_check_at_once_inside_one_long_step_and_the_calculator_answers_meanwhile(page, site_url,
                                                                                              requests_seen):
    """Shared strings are parsed whole before the first row: one step of seconds, which no message between
    slices could interrupt. The roster's own worker is ended instead, and the calculator's never waits."""
    open_calculator(page, f"{site_url}calculators/tenure/")
    row = '<row r="2"><c r="A2" t="inlineStr"><is><t>2018-12-31</t></is></c><c r="B2"><v>5</v></c></row>'
    pick(page, "tenure", "strings.xlsx", xlsx(HEAD + row, shared_strings=500_000))
    label = page.locator('[data-batch="tenure"] [data-batch-progress-label]')
    expect(label).to_have_text("正在读取文件…", timeout=READY)
    type_into(page, "qualified_on", "2018-12-31")
    page.locator('[name="qualified_on"]').press("Enter")
    assert submitted_answer(page)["ok"] is True
    expect(label).to_have_text("正在读取文件…")
    page.locator('[data-batch="tenure"] [data-batch-cancel]').click()
    result = page.locator('[data-batch="tenure"] [data-batch-result]')
    expect(result).to_have_attribute("data-state", "cancelled", timeout=1_000)
    expect(result).to_contain_text("已停止读取文件")


def test_a_wide_row_neither_pads_the_table_nor_freezes_the_page(page, site_url, requests_seen):
    open_calculator(page, f"{site_url}en/calculators/tenure/")
    data = ("qualified_on,required_years\n2018-12-31,5" + ",x" * 200 + "\n" + "2018-12-31,5\n" * 199).encode()
    pick(page, "tenure", "wide.csv", data)
    result = batch_done(page, "tenure")
    assert result.locator("td").count() < 200 * 20
    pick(page, "tenure", "wider.csv", ("qualified_on,required_years\n2018-12-31,5" + ",x" * 20_000 + "\n").encode())
    expect(result).to_have_attribute("data-state", "error", timeout=READY)
    expect(result).to_contain_text("over the limit of 256 a row")


def test_the_visible_sheet_is_read_and_another_can_be_chosen(page, site_url, requests_seen):
    open_calculator(page, f"{site_url}calculators/tenure/")
    pick(page, "tenure", "名单.xlsx", two_visible_sheets(("旧表", "2000-01-01", "张旧"), ("新表", "2018-12-31", "李新")))
    result = batch_done(page, "tenure")
    expect(result.locator("[data-batch-mapping]")).to_contain_text("读取的是工作表“旧表”")
    expect(result.locator("tbody")).to_contain_text("张旧")
    picker = result.locator("[data-batch-sheet]")
    picker.focus()
    picker.select_option("新表")
    expect(result.locator("tbody")).to_contain_text("李新", timeout=READY)
    expect(result.locator("[data-batch-sheet]")).to_have_value("新表")


def test_a_thousand_nominees_in_a_link_answer_and_one_more_is_the_engines_error(page, site_url, requests_seen):
    nominees = json.dumps([{"name": f"N{i}", "leader_signed": True} for i in range(1000)], separators=(",", ":"))
    page.goto(f"{site_url}en/calculators/quota/?enterprise_level=national&nominees={quote(nominees)}")
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "ok", timeout=READY)
    expect(page.locator("[data-row]")).to_have_count(1000)
    expect(page.locator('[name="nominees[999].name"]')).to_have_value("N999")
    more = json.dumps([{"name": "x"}] * 1001, separators=(",", ":"))
    page.goto(f"{site_url}en/calculators/quota/?enterprise_level=national&nominees={quote(more)}")
    expect(result).to_have_attribute("data-state", "error", timeout=READY)
    expect(page.locator('[data-error-for="nominees"]')).to_contain_text("at most 1000")
    objects = quote('[{"name":{"toString":1}}]')
    page.goto(f"{site_url}en/calculators/quota/?enterprise_level=national&nominees={objects}")
    expect(result).to_have_attribute("data-state", "error", timeout=READY)


def test_an_answer_sheet_says_when_its_link_is_too_long_for_a_qr_code(page, site_url, requests_seen):
    nominees = json.dumps([{"name": f"被举荐人{i}", "leader_signed": True} for i in range(200)], ensure_ascii=False)
    page.goto(f"{site_url}calculators/quota/?enterprise_level=national&nominees={quote(nominees)}")
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ok", timeout=READY)
    sheet = page.locator("[data-answer-sheet]")
    expect(sheet.locator(".sheet-no-qr")).to_contain_text("太长，无法做成二维码", timeout=READY)


def test_the_presenter_survives_a_broken_escape_in_its_address(page, site_url, requests_seen):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}present/?dual=1#%")
    expect(page.locator(".slide:not([hidden])")).to_have_count(1)
    assert errors == []


def test_a_failed_workbook_reader_download_says_so(page, context, site_url, requests_seen):
    context.route("**/*openpyxl*.whl", lambda route: route.abort())
    open_calculator(page, f"{site_url}calculators/tenure/")
    pick(page, "tenure", "名单.xlsx", xlsx(HEAD + '<row r="2"><c r="A2" t="inlineStr"><is><t>2018-12-31</t></is></c></row>'))
    result = page.locator('[data-batch="tenure"] [data-batch-result]')
    expect(result).to_have_attribute("data-state", "error", timeout=READY)
    expect(result).to_contain_text("Excel 读取组件没有下载完成")
    expect(result).not_to_contain_text("openpyxl")


def test_each_result_file_is_given_up_when_the_next_is_made(page, site_url, requests_seen):
    page.add_init_script("""window.__revoked = [];
      const revoke = URL.revokeObjectURL.bind(URL);
      URL.revokeObjectURL = (url) => { window.__revoked.push(url); revoke(url); };""")
    open_calculator(page, f"{site_url}calculators/tenure/")
    pick(page, "tenure", "a.csv", b"qualified_on\n2018-12-31\n")
    first = batch_done(page, "tenure").locator("[data-batch-download]").get_attribute("href")
    pick(page, "tenure", "b.csv", b"qualified_on\n2019-12-31\n")
    expect(page.locator("[data-batch-download]")).not_to_have_attribute("href", first, timeout=READY)
    assert page.evaluate("window.__revoked") == [first]


def test_a_damaged_kept_engine_is_dropped_and_downloaded_again(page, own_server, context_requests):
    _, url, _ = own_server
    open_calculator(page, f"{url}calculators/ce-hours/")
    wait_until_kept(page)
    until(page, "caches.open('python-files').then((c) => c.keys()).then((k) => k.length === 2)")
    page.evaluate("""async () => {
      for (const name of ["python-files"]) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          if (request.url.includes("pyodide.asm.wasm")) await cache.put(request, new Response("<html>not wasm</html>"));
        }
      }
      const snapshots = await caches.open("python-snapshot");
      for (const request of await snapshots.keys()) await snapshots.put(request, new Response(new Uint8Array(64)));
    }""")
    page.reload()
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "ready", timeout=READY * 2)
    type_into(page, "public_hours", "10")
    type_into(page, "professional_hours", "90")
    page.locator('[name="professional_hours"]').press("Enter")
    assert submitted_answer(page)["result"]["meets"] is True
