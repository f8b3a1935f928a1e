"""Beyond the notice, in the browser: side-by-side reading, batch checks of a CSV file that
never leaves the page, the calendar link, and offline use through the service worker."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import ThreadingHTTPServer

import pytest
from conftest import PREFIX, SITE, SubPathHandler
from playwright.sync_api import Page, expect
from test_calculators import READY, open_calculator, submitted_answer, type_into
from test_quality import axe_violations

from calculators import batch

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


@pytest.mark.parametrize(("lang", "name", "path", "csv"), [
    ("zh", "ce_hours", "calculators/ce-hours/", CE_CSV), ("en", "ce_hours", "calculators/ce-hours/", CE_CSV),
    ("en", "tenure", "calculators/tenure/", TENURE_CSV), ("zh", "tenure", "calculators/tenure/", TENURE_CSV)])
def test_batch_check_of_a_csv_file(page: Page, site_url, requests_seen, lang, name, path, csv):
    requests: list = []
    page.on("request", lambda request: requests.append(request))
    open_calculator(page, f"{site_url}{'en/' if lang == 'en' else ''}{path}")
    expected_header, expected_rows = batch.run_rows(name, csv, lang)
    section = page.locator(f'[data-batch="{name}"]')
    section.get_by_label("CSV").set_input_files(files=[{"name": "unit.csv", "mimeType": "text/csv",
                                                        "buffer": csv.encode("gb18030")}])
    result = section.locator("[data-batch-result]")
    expect(result).to_have_attribute("data-state", "done", timeout=READY)
    rows = result.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(result.locator("thead th")).to_have_text(expected_header)
    rejected = rows.nth(1)
    expect(rejected).to_have_class("calc-batch-row--rejected")
    expect(rejected.locator("td").last).to_have_text(expected_rows[1][-1])
    expect(result).to_contain_text("3 rows: 2 calculated, 1 rejected" if lang == "en" else "共 3 行：2 行已计算，1 行被退回")
    with page.expect_download() as download:
        result.locator("[data-batch-download]").click()
    content = download.value.path().read_bytes().decode("utf-8")
    assert content == "\ufeff" + batch.run_csv(name, csv, lang)
    no_request_carries(requests, csv)
    assert axe_violations(page) == []


def test_batch_template_is_offered(page, site_url, requests_seen):
    page.goto(f"{site_url}en/calculators/tenure/")
    with page.expect_download() as download:
        page.locator('[data-batch="tenure"] a[download]').click()
    assert download.value.path().read_text().strip() == batch.template("tenure").strip()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_dates_calendar_downloads(page, site_url, requests_seen, lang):
    page.goto(f"{site_url}{'en/' if lang == 'en' else ''}key-dates/")
    with page.expect_download() as download:
        page.locator(f'a[href$="key-dates.{lang}.ics"]').click()
    assert download.value.path().read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


@pytest.fixture
def own_server(tmp_path):
    """A copy of the site on its own server, which the test can change or switch off."""
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubPathHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}{PREFIX}", server
    server.shutdown()
    server.server_close()


def until(page: Page, expression: str, tries: int = 600) -> None:
    """Poll ``expression`` in the page (``wait_for_function`` would need 'unsafe-eval', which the policy refuses)."""
    for _ in range(tries):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def wait_until_kept(page: Page, runtime_files: int = 5) -> None:
    """Until the service worker controls the page and holds the runtime."""
    until(page, "navigator.serviceWorker.controller !== null")
    until(page, f"""(async () => {{
      const runtime = (await caches.keys()).find((n) => n.startsWith("runtime-"));
      return runtime && (await (await caches.open(runtime)).keys()).length >= {runtime_files};
    }})()""")


@pytest.fixture
def context_requests(context):
    """Every request of the browser context, the service worker's own included."""
    seen: list = []
    context.on("request", lambda request: seen.append(request))
    return seen


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
    type_into(page, "professional_hours", "95")
    page.locator('[name="professional_hours"]').press("Enter")
    assert submitted_answer(page)["result"]["meets"] is True
    stays_on(context_requests, url)


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
