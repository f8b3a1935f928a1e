"""The notice in the browser: clause links land highlighted, survive a language switch, copy; search finds."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from reader import search_box


def test_clause_link_lands_highlighted(page, site_url, requests_seen):
    page.goto(f"{site_url}notice/#s4-2")
    section = page.locator('[data-clause="s4-2"]')
    expect(section).to_be_in_viewport()
    other = page.locator('[data-clause="s4-3"]')
    assert section.evaluate("e => getComputedStyle(e).backgroundColor") != other.evaluate(
        "e => getComputedStyle(e).backgroundColor")


def test_language_switch_keeps_the_clause(page, site_url, requests_seen):
    page.goto(f"{site_url}notice/#s5-5")
    page.locator('a[hreflang="en"]').first.dispatch_event("click")
    page.wait_for_url("**/en/notice/#s5-5")
    expect(page.locator("#s5-5")).to_contain_text("Calculate the years reasonably")
    page.locator('a[hreflang="zh"]').first.dispatch_event("click")
    page.wait_for_url("**/bijie/notice/#s5-5")


@pytest.mark.parametrize(("lang", "citation"), [
    ("en/", "Bijie Municipal HRSS Bureau, Notice on the 2023 Professional Title Work, Part IV(2)"),
    ("", "《毕节市人力资源和社会保障局关于做好2023年职称工作的通知》第四部分第（二）项")])
def test_copy_link_and_citation(page, context, site_url, requests_seen, lang, citation):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}{lang}notice/")
    button = page.locator('[data-clause="s4-2"] [data-copy-link]')
    button.click()
    expect(button).to_have_text("Copied" if lang else "已复制")  # written: the label changes after writeText
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}{lang}notice/#s4-2"
    cite = page.locator('[data-clause="s4-2"] [data-copy-citation]')
    cite.click()
    expect(cite).to_have_text("Copied" if lang else "已复制")
    assert page.evaluate("navigator.clipboard.readText()") == f"{citation} {site_url}{lang}notice/#s4-2"


def test_search_in_both_languages(page, site_url, requests_seen):
    for query, page_path, clause in (("继续教育", "bijie/notice/", "s4-2"), ("专精特新", "bijie/notice/", "s2-3"),
                                     ("cutoff", "bijie/en/notice/", "s5-5"), ("nomination", "bijie/en/notice/", "s2-3")):
        page.goto(f"{site_url}notice/")
        page.wait_for_load_state("networkidle")
        box = search_box(page)
        box.press_sequentially(query)
        box.press("End")  # Chinese arrives without key events (as from an IME); the theme searches on keyup
        hit = page.locator(f'.md-search-result__link[href*="/{page_path}"][href$="#{clause}"]').first
        expect(hit).to_be_attached(timeout=15000)


LANGUAGE_FILES = "/assets/javascripts/lunr/min/lunr.stemmer.support.min.js"
THEME_WORKER = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")


def test_the_search_index_is_built_when_the_reader_comes_to_the_search_box(page, site_url, requests_seen):
    """Not as every page loads: the theme's worker spent a core on it while the page (and a calculator's
    Python) started. Only then is the theme's own search script loaded, and it imports the search's
    language files."""
    page.goto(f"{site_url}notice/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in requests_seen if url.endswith(LANGUAGE_FILES) or THEME_WORKER.search(url)]
    with page.expect_request(lambda request: request.url.endswith(LANGUAGE_FILES)):
        page.keyboard.press("/")
    assert [url for url in requests_seen if THEME_WORKER.search(url)]
    expect(page.locator("input.md-search__input")).to_be_focused()


@pytest.mark.parametrize(("query", "clause"), [("继续教育", "s4-2"), ("continuing education", "s4-3")])
def test_a_first_query_builds_the_index_and_finds(page, site_url, requests_seen, query, clause):
    """A browser without broadcast channels, where focusing the box tells the worker nothing: the one query
    the theme sends builds the index, and is answered from it."""
    page.add_init_script("delete window.BroadcastChannel")
    page.goto(f"{site_url}notice/")
    page.wait_for_load_state("networkidle")
    box = search_box(page)
    box.fill(query)
    box.press("End")  # one keyup: one query
    expect(page.locator(f'.md-search-result__link[href$="#{clause}"]').first).to_be_attached()


def test_notice_page_loads_no_pyodide(page, site_url, requests_seen):
    page.goto(f"{site_url}notice/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests_seen if "pyodide" in url or url.endswith(".whl")]
