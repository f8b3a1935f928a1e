"""Beyond the notice, in the browser: side-by-side reading, batch checks of a CSV file that
never leaves the page, the calendar link, and offline use through the service worker."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PREFIX
from playwright.sync_api import Page, expect
from test_calculators import READY, open_calculator, submitted_answer, type_into
from test_quality import axe_violations

from calculators import batch
from calculators.clauses import named

ROOT = Path(__file__).resolve().parents[2]

CE_CSV = ("category,public_hours,professional_hours,digital_hours\n"
          "grassroots,15,30,0\ngeneral,abc,60,0\ngeneral,30,50,10\n")
TENURE_CSV = "qualified_on,unqualified_years,required_years\n2018-12-31,,5\n2023-02-30,,5\n2019-06-01,2020,5\n"


@pytest.mark.parametrize("lang", ["", "en/"])
def test_side_by_side_columns_then_stacked_on_a_phone(page, site_url, requests_seen, lang):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}{lang}side-by-side/#s4-2")
    row = page.locator("#s4-2")
    expect(row).to_be_in_viewport()
    zh, en = row.locator(".pair-zh").bounding_box(), row.locator(".pair-en").bounding_box()
    assert en["x"] > zh["x"] + zh["width"] - 1 and abs(en["y"] - zh["y"]) < 2
    assert row.evaluate("e => getComputedStyle(e).backgroundColor") != page.locator("#s4-3").evaluate(
        "e => getComputedStyle(e).backgroundColor")
    expect(row.locator(".pair-zh")).to_contain_text("继续教育")
    expect(row.locator(".pair-en")).to_contain_text("continuing education")
    page.set_viewport_size({"width": 390, "height": 844})
    zh, en = row.locator(".pair-zh").bounding_box(), row.locator(".pair-en").bounding_box()
    assert en["y"] >= zh["y"] + zh["height"] - 1 and abs(en["x"] - zh["x"]) < 2


def no_request_carries(requests: list, text: str) -> None:
    """The file's content is in no request: no body, no URL."""
    needle = text.splitlines()[1]
    for request in requests:
        assert request.method == "GET", request.url
        assert needle not in request.url and (request.post_data or "") == ""


def pick(page: Page, name: str, filename: str, data: bytes) -> None:
    page.locator(f'[data-batch="{name}"] [data-batch-file]').set_input_files(
        files=[{"name": filename, "mimeType": "application/octet-stream", "buffer": data}])


def batch_done(page: Page, name: str, timeout: int = READY):
    result = page.locator(f'[data-batch="{name}"] [data-batch-result]')
    expect(result).to_have_attribute("data-state", "done", timeout=timeout)
    return result


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
    """Review finding F13: a file that cannot be read says so, and the calculator keeps answering."""
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


def test_a_shared_link_with_a_broken_nominee_list_gets_the_engines_error(page, site_url, requests_seen):
    """Review finding F7: a link cut short must not answer "met" for nobody."""
    page.goto(f"{site_url}calculators/quota/?enterprise_level=national&nominees=%5B%7B%22name%22%3A+%22x%22")
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "error", timeout=READY)
    expect(page.locator('[data-error-for="nominees"]')).to_contain_text("无法读取")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_dates_calendar_downloads(page, site_url, requests_seen, lang):
    page.goto(f"{site_url}{'en/' if lang == 'en' else ''}key-dates/")
    with page.expect_download() as download:
        page.locator(f'a[href$="key-dates.{lang}.ics"]').click()
    assert download.value.path().read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def until(page: Page, expression: str, tries: int = 600) -> None:
    """Poll ``expression`` in the page (``wait_for_function`` would need 'unsafe-eval', which the policy refuses)."""
    for _ in range(tries):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def wait_until_kept(page: Page, runtime_files: int = 3) -> None:
    """Until the service worker controls the page and holds the runtime's scripts and lock file, and the
    worker has kept the WebAssembly and the standard library plain."""
    until(page, "navigator.serviceWorker.controller !== null")
    until(page, f"""(async () => {{
      const runtime = (await caches.keys()).find((n) => n.startsWith("runtime-"));
      return runtime && (await (await caches.open(runtime)).keys()).length >= {runtime_files};
    }})()""")
    until(page, "caches.open('python-files').then((c) => c.keys()).then((k) => k.length === 2)")


def stays_on(seen: list, url: str) -> None:
    origin = url.split(PREFIX)[0]
    outside = [r.url for r in seen if not (r.url.startswith(origin + "/") or r.url.startswith(("data:", "blob:")))]
    assert seen and outside == []
    assert any(r.service_worker for r in seen), "the service worker's own requests were not seen"


@pytest.mark.parametrize("lang", ["", "en/"])
def test_second_visit_works_offline(page, own_server, context_requests, lang):
    """The second visit starts Python from the snapshot the first one kept, with no network."""
    root, url, server = own_server
    open_calculator(page, f"{url}{lang}calculators/ce-hours/")
    wait_until_kept(page)
    until(page, "caches.open('python-snapshot').then((c) => c.keys()).then((k) => k.length === 1)")
    server.shutdown()
    server.server_close()
    page.reload()
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ready", timeout=READY)
    type_into(page, "public_hours", "5")
    type_into(page, "professional_hours", "95")
    page.locator('[name="professional_hours"]').press("Enter")
    assert submitted_answer(page)["result"]["meets"] is True
    page.locator(".calc-clauses a").first.click()  # the clause an answer cites, never opened before
    expect(page.locator('[data-clause="s4-2"]')).to_be_in_viewport()
    stays_on(context_requests, url)


def test_a_page_is_asked_for_while_the_service_worker_starts(page, own_server, context_requests):
    """Navigation preload: once the service worker controls the site, a page's request goes out with the
    navigation (marked by the browser's preload header), not after the worker has started, and is answered
    from it online; offline the kept copy still answers."""
    _, url, server = own_server
    page.goto(f"{url}notice/")
    until(page, "navigator.serviceWorker.controller !== null")
    until(page, "navigator.serviceWorker.ready.then((r) => r.navigationPreload.getState()).then((s) => s.enabled)")
    until(page, "caches.match(location.href).then((hit) => Boolean(hit))")  # the first visit's own copy, kept
    context_requests.clear()
    page.reload()
    expect(page.locator("#s5-5")).to_be_attached()
    # The navigation as the page sees it, and the one request that went out for it: the preload (a
    # service worker's own fetch would carry no preload header, and would ask a second time).
    asked = sorted((bool(r.service_worker), r.headers.get("service-worker-navigation-preload"))
                   for r in context_requests if r.url == f"{url}notice/")
    assert asked == [(False, None), (True, "true")], asked
    server.shutdown()
    server.server_close()
    page.reload()
    expect(page.locator("#s5-5")).to_be_attached()


def test_new_build_replaces_the_old_cache(page, own_server, context_requests):
    root, url, _ = own_server
    open_calculator(page, f"{url}calculators/ce-hours/")
    wait_until_kept(page)
    old = page.evaluate("caches.keys()")
    assert [name for name in old if name.startswith("site-")]
    worker = root / "sw.js"
    text = worker.read_text(encoding="utf-8")
    build = text.split('const BUILD = "')[1].split('"')[0]
    worker.write_text(text.replace(build, "0" * len(build)), encoding="utf-8")
    notice = root / "calculators" / "ce-hours" / "index.html"
    notice.write_text(notice.read_text(encoding="utf-8").replace("<h1", "<p id=new-build>new</p><h1", 1),
                      encoding="utf-8")
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    until(page, f"caches.keys().then((k) => !k.includes('site-{build}'))")
    page.reload()
    expect(page.locator("#new-build")).to_be_attached()
    until(page, "caches.keys().then((k) => k.includes('site-' + '0'.repeat(16)))")
    runtime = [name for name in old if name.startswith("runtime-")]
    assert len(runtime) == 1 and runtime[0] in page.evaluate("caches.keys()")
    stays_on(context_requests, url)


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


def test_a_calculator_page_registers_the_service_worker_once_its_engine_is_ready(page, context, site_url):
    """Installing it and keeping the page's files took the two cores from Python's start."""
    held = []
    context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    with page.expect_request(lambda request: request.url.endswith("/pyodide.asm.wasm")):
        page.goto(f"{site_url}calculators/tenure/")
    until(page, "document.readyState === 'complete'")
    page.wait_for_timeout(500)
    assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r === undefined)")
    for route in held:
        route.continue_()
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ready", timeout=READY)
    until(page, "navigator.serviceWorker.getRegistration().then((r) => r !== undefined)")


def test_a_second_visit_rewrites_only_what_changed(page, own_server):
    """The service worker keeps a fresh copy of what the network gave (pages and files without a version
    in their name), but writes it again only when the server's version of it (date and length) differs
    from the copy's: the search index is unchanged and keeps a copy the test marked, the page changed and
    is written anew."""
    root, url, _ = own_server
    page.goto(f"{url}notice/")
    kept = """(async (path, text) => {
      const name = (await caches.keys()).find((n) => n.startsWith("site-"));
      const hit = name && await (await caches.open(name)).match(new URL(path, location.href).href);
      return Boolean(hit) && (text === null || (await hit.text()).includes(text));
    })"""
    until(page, f"{kept}('../search/search_index.json', null)")
    until(page, f"{kept}('./', null)")
    page.evaluate("""(async () => {
      const name = (await caches.keys()).find((n) => n.startsWith("site-"));
      const cache = await caches.open(name);
      const address = new URL("../search/search_index.json", location.href).href;
      const kept = await cache.match(address);
      await cache.put(address, new Response('{"marked": true}', { headers: kept.headers }));
    })()""")
    notice = root / "notice" / "index.html"
    notice.write_text(notice.read_text(encoding="utf-8") + "\n<!-- changed -->\n", encoding="utf-8")
    page.evaluate("""(async () => {
      for (const path of ["../search/search_index.json", "./"]) await fetch(path, { cache: "no-cache" });
    })()""")  # asked of the server again (a reload would take both from the browser's own cache)
    until(page, f"{kept}('./', '<!-- changed -->')")
    assert page.evaluate(f"{kept}('../search/search_index.json', 'marked')")


def test_our_scripts_and_styles_are_kept_cache_first_under_their_content_names(page, own_server):
    """Named by a hash of their content, our scripts and styles never change under one name: once kept,
    the service worker answers from its copy and asks the network nothing (hosts serve them immutable)."""
    root, url, _ = own_server
    page.goto(f"{url}notice/")
    until(page, "navigator.serviceWorker.controller !== null")
    style = page.evaluate("[...document.styleSheets].map((s) => s.href).find((h) => h && /site\\.[0-9a-f]{12}\\.css$/.test(h))")
    assert style, "the page's own stylesheet has no content name"
    until(page, f"caches.match({style!r}).then(Boolean)")
    served = root / style.removeprefix(url)
    served.write_text("/* the server's copy changed under the same name */", encoding="utf-8")
    text = page.evaluate(f"fetch({style!r}, {{ cache: 'no-cache' }}).then((r) => r.text())")
    assert "changed under the same name" not in text and text.strip()


def test_search_works_offline_for_a_reader_who_never_searched_online(page, own_server):
    """The search worker asks for its language files only when the reader searches; the service worker
    keeps them with the first page the reader opens."""
    _, url, server = own_server
    page.goto(f"{url}notice/")
    until(page, "navigator.serviceWorker.controller !== null")
    until(page, "caches.match(new URL('../assets/javascripts/lunr/min/lunr.zh.min.js', location.href).href)"
                ".then(Boolean)")
    server.shutdown()
    server.server_close()
    page.reload()
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.fill("继续教育")
    box.press("End")
    expect(page.locator('.md-search-result__link[href$="#s4-2"]').first).to_be_attached()


def test_the_offline_copy_keeps_no_query_string(page, own_server, context_requests):
    """Review finding F14: a shared link's inputs (names included) never go into Cache Storage."""
    _, url, _ = own_server
    shared = f"{url}calculators/tenure/?qualified_on=2018-12-31&required_years=5"
    page.goto(shared)
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ok", timeout=READY)
    wait_until_kept(page)
    page.reload()
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ok", timeout=READY)
    until(page, "caches.keys().then((k) => k.some((n) => n.startsWith('site-')))")
    kept = page.evaluate("""(async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const r of await cache.keys()) urls.push(r.url, (await cache.match(r)).url);
      }
      return urls;
    })()""")
    assert [u for u in kept if u.endswith("/calculators/tenure/")], kept
    assert [u for u in kept if "?" in u or "2018-12-31" in u] == []  # neither the key nor the stored response's
    stays_on(context_requests, url)


def test_a_workbook_with_a_merged_title_row_and_real_date_cells(page, site_url, requests_seen):
    """The usual Excel roster: a merged title cell above the header, dates as real date cells, an Excel
    date number in the date column."""
    import datetime as dt
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "engine"))
    from test_rosters import _workbook
    rows = [["姓名", "现职称取得时间", "年度考核不合格年份", "申报职称要求年限"],
            ["郝敏倩", dt.date(2018, 9, 3), 2020, 5], ["石云", dt.date(2016, 6, 30), None, 5], ["李四", 43281, None, 5]]
    open_calculator(page, f"{site_url}calculators/tenure/")
    pick(page, "tenure", "名单.xlsx", _workbook(rows, merged_title=True))
    result = batch_done(page, "tenure")
    expect(result.locator("[data-batch-mapping]")).to_contain_text("第 1 行在列名之上（标题或空行），已跳过；列名在第 2 行。")
    expected = batch.run_file("tenure", _workbook(rows, merged_title=True)).summary()
    for index, row in enumerate(expected["rows"]):
        expect(result.locator("tbody tr").nth(index).locator("td")).to_have_text(row["cells"])
    expect(result.locator("tbody tr").nth(2)).to_contain_text("Excel 的日期序号")
