"""The slow phone's minute (issue "wait"): a shared link shows itself at once and keeps what the reader
changes while the engine downloads; the wait says how much is left and how long it takes; a visit that
downloads nothing says nothing of a download."""

from __future__ import annotations

import json

import pytest
from conftest import SITE
from playwright.sync_api import Page, expect
from reader import READY, axe_violations, until

import calculators
from devkit.host import Host, Link
from macros.ui import t

SHARED = "calculators/tenure/?qualified_on=2018-06-30&required_years=5&apply_year=2023"


@pytest.fixture
def phone():
    served = Host(SITE, Link(750e3, 0.150))  # the acceptance check's phone: 750 kbit/s
    yield served
    served.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_shared_link_shows_its_inputs_at_once_and_keeps_what_the_reader_changes(page: Page, phone, lang):
    """"At once" is before the engine: the inputs show while the minute's download has barely begun (no
    clock in the assertion: on a busy machine the page itself can take seconds to arrive)."""
    page.goto(f"{phone.url}{'en/' if lang == 'en' else ''}{SHARED}", wait_until="commit")
    expect(page.locator('[name="qualified_on"]')).to_have_value("2018-06-30")
    expect(page.locator('[name="required_years"]')).to_have_value("5")
    runtime_bytes = float(page.locator("script[data-runtime]").get_attribute("data-bytes-slow"))
    assert phone.transferred.runtime < runtime_bytes / 2, "the inputs waited for the engine's download"
    note = page.locator("[data-shared-note]")
    expect(note).to_be_in_viewport()
    expect(note.locator("[data-shared-waiting]")).to_contain_text(t("shared_waiting", lang))
    expect(note.locator("[data-shared-progress]")).to_contain_text("MB", timeout=15_000)
    result = page.locator("[data-calculator-result]")
    assert result.get_attribute("data-state") == "loading"
    method = result.locator('.calc-wait-method a[href="#method"]')
    method.focus()
    page.wait_for_timeout(1500)  # the status changes several times a second: the link stays, and the focus
    expect(method).to_be_focused()
    years = page.locator('[name="required_years"]')
    years.fill("6")  # the reader changes a field while the engine downloads
    expect(result).to_have_attribute("data-state", "ok", timeout=240_000)
    expect(years).to_have_value("6")
    answer = json.loads(result.get_attribute("data-json"))
    expected = calculators.run("tenure", {"qualified_on": "2018-06-30", "required_years": 6, "apply_year": 2023})
    assert answer["result"] == expected["result"] and answer["result"]["meets"] is False
    expect(note.locator("[data-shared-waiting]")).to_have_count(0)
    cited = result.locator(".calc-clauses a")
    expect(cited).to_have_text("第五部分第（五）项" if lang == "zh" else "Part V(5)")  # as the notice names it
    assert cited.get_attribute("href").endswith("notice/#s5-5")


STATUS_SEEN = """
window.__statuses = [];
new MutationObserver(() => {
  const status = document.querySelector("[data-calculator-result] .calc-status");
  if (status && window.__statuses.at(-1) !== status.textContent) window.__statuses.push(status.textContent);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def test_a_visit_that_downloads_nothing_says_nothing_of_a_download(page: Page, site_url, requests_seen):
    page.goto(f"{site_url}calculators/tenure/")
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "ready", timeout=READY)
    page.wait_for_timeout(3000)  # what the first visit keeps is written
    page.add_init_script(STATUS_SEEN)
    page.reload()
    expect(result).to_have_attribute("data-state", "ready", timeout=READY)
    seen = page.evaluate("window.__statuses")
    assert seen and not any("MB" in text or "%" in text for text in seen), seen
    assert set(seen) <= {t("loading", "zh"), t("loading_kept", "zh"), t("ready", "zh")}


def test_offline_a_page_never_opened_is_the_sites_own_page_in_the_paths_language(page: Page, own_server):
    _, url, server = own_server
    page.goto(f"{url}notice/")
    until(page, "navigator.serviceWorker.controller !== null")
    until(page, "caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith('site-'))"
                ".map((n) => caches.open(n).then((c) => c.match(location.href))))).then((hits) => hits.some(Boolean))")
    notice_title = page.title()
    server.shutdown()
    server.server_close()
    page.goto(f"{url}glossary/")
    expect(page.locator("h1")).to_have_text(t("offline_title", "zh"))
    assert page.locator("html").get_attribute("lang") == "zh"
    kept = page.locator("[data-offline] li a")
    expect(kept).to_have_text([notice_title])
    kept.click()
    expect(page.locator("#s5-5")).to_be_attached()  # the kept page opens offline
    page.goto(f"{url}en/glossary/")
    expect(page.locator("h1")).to_have_text(t("offline_title", "en"))
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("[data-offline]")).to_contain_text(t("offline_none", "en"))


SAVE_DATA = "Object.defineProperty(navigator.connection, 'saveData', { get: () => true });"


@pytest.mark.parametrize(("lang", "said_by"), [("zh", "browser"), ("en", "browser"), ("zh", "host")])
def test_data_saver_downloads_the_engine_only_once_the_reader_starts_on_the_form(page: Page, site_url, lang, said_by):
    """Said by the browser (navigator.connection.saveData), or by the host that saw the request's
    Save-Data header (devkit's host answers as the nginx snippet does)."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    if said_by == "browser":
        page.add_init_script(SAVE_DATA)
    else:
        page.set_extra_http_headers({"Save-Data": "on"})
    page.goto(f"{site_url}{'en/' if lang == 'en' else ''}calculators/tenure/")
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "deferred")
    expect(result.locator(".calc-status")).to_contain_text(" MB")
    page.wait_for_timeout(1500)
    assert not [url for url in asked if "/assets/pyodide/" in url or "calculator-worker" in url]
    page.locator('[name="qualified_on"]').focus()
    expect(result).to_have_attribute("data-state", "ready", timeout=READY)
    page.locator('[name="qualified_on"]').fill("2018-06-30")
    page.locator('[name="required_years"]').fill("5")
    page.locator('[name="required_years"]').press("Enter")
    expect(result).to_have_attribute("data-state", "ok")


def test_without_save_data_the_engine_starts_at_once_even_after_a_visit_that_asked_to_save(page: Page, site_url):
    """A page revalidated after a Save-Data visit hears "off" from the host, not the earlier "on"."""
    page.set_extra_http_headers({"Save-Data": "on"})
    page.goto(f"{site_url}calculators/tenure/")
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "deferred")
    page.set_extra_http_headers({})
    page.goto(f"{site_url}calculators/tenure/")
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ready", timeout=READY)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_audits_accessibility_findings(page: Page, site_url, lang):
    """Code blocks scroll from the keyboard; the calculator is a named region; data tables have captions;
    the answer's heading, focused, does not look like a field."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}{lang}developers/")
    blocks = page.locator(".md-typeset pre > code").all()
    assert blocks
    for code in blocks:  # the theme scrolls the <code>: that element takes the focus
        assert code.get_attribute("tabindex") == "0"
        assert code.evaluate("(c) => getComputedStyle(c).overflowX") in ("auto", "scroll")
    assert axe_violations(page) == []  # scrollable-region-focusable, at a phone's width
    page.goto(f"{site_url}{lang}glossary/")
    expect(page.locator("table.glossary caption")).not_to_be_empty()
    page.goto(f"{site_url}{lang}key-dates/")
    expect(page.locator("table.key-dates caption")).not_to_be_empty()
    page.goto(f"{site_url}{lang}calculators/tenure/?qualified_on=2018-06-30&required_years=5")
    expect(page.get_by_role("region", name=page.locator("form[data-calculator]").get_attribute("aria-label"))).to_be_visible()
    heading = page.locator(".calc-answer-heading")
    expect(heading).to_be_focused(timeout=READY)
    style = heading.evaluate("(h) => { const s = getComputedStyle(h); return [s.outlineStyle, s.borderTopStyle]; }")
    assert style == ["none", "none"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_data_saver_with_a_shared_link_says_at_the_top_what_one_press_does(page: Page, site_url, lang):
    """The note at the top, where a shared link opens, says that nothing will happen by itself and offers the
    one press that downloads the engine and answers."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.add_init_script(SAVE_DATA)
    page.goto(f"{site_url}{'en/' if lang == 'en' else ''}{SHARED}")
    line = page.locator("[data-shared-note] [data-shared-waiting]")
    expect(line).to_contain_text(t("shared_save_data", lang).split("{mb}")[0])
    expect(line).not_to_contain_text(t("shared_waiting", lang))
    press = line.locator("[data-shared-action]")
    expect(press).to_be_in_viewport()
    press.click()
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "ok", timeout=READY)
    assert json.loads(result.get_attribute("data-json"))["result"]["meets"] is True


def test_after_a_failed_download_the_top_note_says_so_with_retry_and_a_retry_without_signal_says_it_tried(
        page: Page):
    """The walk-through's phone (844 px high), opened from a shared link: a stalled download first says that
    nothing is arriving, then fails; the note at the top says so with its own Retry (not the estimate it
    showed before); a Retry while the signal is still lost says that it tried; with the signal back it
    answers."""
    served = Host(SITE, Link(None, 0.300))
    try:
        page.set_viewport_size({"width": 390, "height": 844})
        served.link.stall = ".zip.zst"
        page.goto(f"{served.url}{SHARED}")
        result = page.locator("[data-calculator-result]")
        expect(result.locator(".calc-status")).to_contain_text("秒没有收到数据", timeout=30_000)
        line = page.locator("[data-shared-note] [data-shared-waiting]")
        expect(line).to_contain_text("秒没有收到数据")
        expect(result).to_have_attribute("data-state", "failed", timeout=60_000)
        expect(line).to_contain_text(t("shared_failed", "zh"))
        expect(line).to_contain_text(t("failed_network", "zh"))
        expect(line).not_to_contain_text("约需")
        retry = line.locator("[data-shared-action]")
        expect(retry).to_be_in_viewport()
        served.link.down = True
        served.link.release()
        retry.click()
        expect(line).to_contain_text(t("retried", "zh").replace("{n}", "1"), timeout=15_000)
        expect(result.locator(".calc-status")).to_contain_text(t("retried", "zh").replace("{n}", "1"))
        served.link.down = False
        line.locator("[data-shared-action]").click()
        expect(result).to_have_attribute("data-state", "ok", timeout=READY)
    finally:
        served.close()
