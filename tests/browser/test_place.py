"""Never lose the reader's place across the two languages (newcomer walk-through problems 2, 3, 5 and
the smaller slips), at desktop and phone sizes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from reader import READY, answered, open_calculator, search_box, type_into

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def search(page: Page, query: str) -> None:
    page.wait_for_load_state("networkidle")
    box = search_box(page)
    box.press_sequentially(query)
    box.press("End")  # Chinese arrives without key events (as from an IME); the theme searches on keyup


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("start", ["", "notice/", "en/", "en/notice/"])
@pytest.mark.parametrize(("query", "target", "clause"), [("继续教育", "notice/", "s4-2"),
                                                         ("continuing education", "en/notice/", "s4-3")])
def test_a_search_result_in_either_language_opens_its_clause(page, site_url, requests_seen, size, start, query,
                                                               target, clause):
    page.set_viewport_size(SIZES[size])
    page.goto(site_url + start)
    search(page, query)
    hit = page.locator(f'.md-search-result__link[href*="/bijie/{target}"][href$="#{clause}"]').first
    expect(hit).to_be_attached(timeout=15000)
    hit.click()
    page.wait_for_url(f"**/bijie/{target}*#{clause}")
    expect(page.locator(f'[data-clause="{clause}"]')).to_be_in_viewport()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("start", "other", "clause"), [("notice/", "en/notice/", "s4-2"),
                                                         ("en/notice/", "notice/", "s5-5"),
                                                         ("side-by-side/", "en/side-by-side/", "s3-2")])
def test_the_language_switch_keeps_the_clause_in_view_without_a_fragment(page, site_url, requests_seen, size,
                                                                          start, other, clause):
    page.set_viewport_size(SIZES[size])
    page.goto(site_url + start)
    page.locator(f'[data-clause="{clause}"]').evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top "
                                                       "+ window.scrollY - 90)")
    page.wait_for_timeout(200)
    assert "#" not in page.url
    switch = page.locator(f'.md-select__link[hreflang="{"zh" if other.startswith("notice") or other.startswith("side") else "en"}"]')
    switch.dispatch_event("click")
    page.wait_for_url(f"**/bijie/{other}#{clause}")
    expect(page.locator(f'[data-clause="{clause}"]')).to_be_in_viewport()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_language_switch_keeps_a_calculators_inputs_and_answers_again(page, site_host, site_url, requests_seen,
                                                                          lang):
    """The inputs reach the other page without ever being in an address: the host's access log and the
    browser's history never hold them."""
    prefix, other = ("", "en/") if lang == "zh" else ("en/", "")
    before = len(site_host.requested)
    answered(page, f"{site_url}{prefix}calculators/tenure/", qualified_on="2019-06-30", unqualified_years="2020",
             required_years="5")
    page.locator(f'.md-select__link[hreflang="{"en" if lang == "zh" else "zh"}"]').dispatch_event("click")
    page.wait_for_url(f"**/bijie/{other}calculators/tenure/")
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "ok", timeout=READY)
    expect(page.locator('[name="qualified_on"]')).to_have_value("2019-06-30")
    expect(result).to_contain_text("Years counted in the current title: 3" if lang == "zh" else "计入任职年限：3年")
    assert not [target for target in site_host.requested[before:] if "2019-06-30" in target or "qualified_on" in target]
    assert "?" not in page.url and page.evaluate("sessionStorage.length") == 0


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_shared_answer_is_brought_into_view(page, site_url, requests_seen, size, lang):
    page.set_viewport_size(SIZES[size])
    page.goto(f'{site_url}{lang}calculators/quota/?enterprise_level=national'
              f'&nominees=[{{"name":"A","leader_signed":true}},{{"name":"B"}}]')
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "ok", timeout=READY)
    heading = result.locator(".calc-answer-heading")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    note = page.locator("[data-shared-note]")
    expect(note).to_contain_text("shared link" if lang else "分享的链接")
    note.locator("button").click()
    expect(note).to_have_count(0)
    assert "?" not in page.url
    expect(page.locator("[data-row]")).to_have_count(0)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_errors_take_focus_and_the_summary_links_each_field(page, site_url, requests_seen, lang):
    answered(page, f"{site_url}{lang}calculators/tenure/", "error", qualified_on="2019-02-30", required_years="x")
    expect(page.locator('[name="qualified_on"]')).to_be_focused()
    links = page.locator(".calc-errors a")
    expect(links).to_have_count(2)
    links.nth(1).click()
    expect(page.locator('[name="required_years"]')).to_be_focused()


def test_copy_link_leaves_the_address_as_it_was(page, context, site_url, requests_seen):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_calculator(page, f"{site_url}calculators/ce-hours/")
    type_into(page, "public_hours", "30")
    before = page.url
    page.locator("[data-copy-calc-link]").click()
    expect(page.locator("[data-copy-calc-link]")).to_have_attribute("data-copied", "true")
    assert "public_hours=30" in page.evaluate("navigator.clipboard.readText()")
    assert page.url == before


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_telephone_number_can_be_tapped(page, site_url, requests_seen, lang):
    page.goto(f"{site_url}{lang}notice/")
    expect(page.locator('[data-clause="closing"] a[href="tel:08578222283"]')).to_have_text("0857-8222283")


def test_the_english_menu_entry_for_chinese_is_marked_chinese(page, site_url, requests_seen):
    page.goto(f"{site_url}en/notice/")
    assert page.locator('.md-select__link[hreflang="zh"]').get_attribute("lang") == "zh"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_table_of_contents_marks_the_section_in_view(page, site_url, requests_seen, size, lang):
    """A link to a part lands with its heading just under the header; the contents mark that part,
    not the one before it."""
    page.set_viewport_size(SIZES[size])
    page.goto(f"{site_url}{lang}notice/#s4")
    expect(page.locator('[id="s4"]')).to_be_in_viewport()
    active = page.locator(".md-nav--secondary .md-nav__link--active")
    expect(active.first).to_have_attribute("href", "#s4")


@pytest.mark.parametrize("path", ["handout//", "/present/#s5-5", "calculators//tenure/", "en//notice/#s4-2"])
def test_an_address_with_doubled_slashes_lands_on_the_canonical_page_which_works(page, site_url, requests_seen, path):
    """A host that merges slashes without redirecting would leave every relative link pointing under a folder
    that does not exist; the site's host answers with its canonical address instead."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + path)
    canonical = site_url + path.replace("//", "/").lstrip("/")
    page.wait_for_url(canonical)
    if "calculators" in path:
        expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ready", timeout=READY)
    if "#" in path:
        expect(page.locator(f'[id="{path.split("#")[1]}"]').first).to_be_in_viewport()
    page.wait_for_load_state("networkidle")
    assert errors == []


@pytest.mark.parametrize(("start", "other", "lang"), [("", "en/", "en"), ("en/", "", "zh")])
def test_the_home_pages_language_links_work_under_a_sub_path_the_build_never_heard_of(page, site_url, requests_seen,
                                                                                     start, other, lang):
    """The site is built without SITE_URL and served under /bijie/: the home page's switch stays under it."""
    page.goto(site_url + start)
    page.locator(f'.md-select__link[hreflang="{lang}"]').dispatch_event("click")
    page.wait_for_url(site_url + other)
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator("h1").first).to_be_visible()
