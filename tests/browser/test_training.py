"""The training kit in Chromium: presenter mode driven by the keyboard, decks as links, QR codes
decoded from what the screen and the printed page show, the handout and the answer sheet in
print, the common questions' worked examples, and the presenter offline."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect
from reader import (
    LANGS,
    READY,
    SHARP,
    answered,
    axe_violations,
    decoded,
    on_slide,
    open_calculator,
    stays_on,
    type_into,
    until,
)

import calculators
from calculators.wording import format_day
from macros import faq
from macros.addresses import clause_url
from macros.notice import clauses

IDS = [clause.id for clause in clauses()]


@pytest.fixture
def page_errors(page):
    """Console errors and uncaught exceptions of the page; none may happen."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield errors
    assert errors == []


# ---- presenter ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_the_keyboard_drives_the_presenter(page, site_url, requests_seen, page_errors, lang):
    page.goto(f"{site_url}{lang}present/")
    total = len(IDS)
    on_slide(page, 1, total, IDS[0])
    for key, position in (("ArrowRight", 2), ("PageDown", 3), ("ArrowDown", 4), ("PageUp", 3), ("ArrowLeft", 2),
                          ("End", total), ("ArrowRight", total), ("Home", 1), ("ArrowLeft", 1)):
        page.keyboard.press(key)
        on_slide(page, position, total, IDS[position - 1])
    page.keyboard.type("16")
    expect(page.locator("[data-present-counter]")).to_contain_text("16")
    page.keyboard.press("Enter")
    on_slide(page, 16, total, IDS[15])
    page.keyboard.type("999")
    page.keyboard.press("Enter")
    on_slide(page, total, total, IDS[-1])
    page.reload()
    on_slide(page, total, total, IDS[-1])
    assert page.title()


@pytest.mark.parametrize("lang", LANGS)
def test_a_deck_is_a_link(page, site_url, requests_seen, page_errors, lang):
    page.goto(f"{site_url}{lang}present/?c=s4-2,s5-5,nope,s2-3#s5-5")
    on_slide(page, 2, 3, "s5-5")
    expect(page.locator("[data-present-problem]")).to_be_visible()
    expect(page.locator("[data-present-problem]")).to_contain_text("nope")
    page.keyboard.press("ArrowRight")
    on_slide(page, 3, 3, "s2-3")
    page.keyboard.press("Home")
    on_slide(page, 1, 3, "s4-2")
    second = page.locator('[data-slide="s4-2"] .slide-second')
    expect(second).to_be_hidden()
    page.keyboard.press("l")
    expect(second).to_be_visible()
    expect(second).to_have_attribute("lang", "en" if lang == "" else "zh")
    expect(page.locator("[data-present-second]")).to_have_attribute("aria-pressed", "true")
    assert "dual=1" in page.url
    page.locator("[data-present-next]").click()
    on_slide(page, 2, 3, "s5-5")
    page.locator("[data-present-other]").click()
    on_slide(page, 2, 3, "s5-5")
    assert ("/en/present/" in page.url) is (lang == "")
    expect(page.locator('[data-slide="s5-5"] .slide-second')).to_be_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_no_accessibility_violation_in_the_presenter_and_the_handout(page, site_url, requests_seen, lang):
    page.goto(f"{site_url}{lang}present/?c=s2-3,s5-5&dual=1")
    on_slide(page, 1, 2, "s2-3")
    assert axe_violations(page) == []
    page.goto(f"{site_url}{lang}handout/?c=s2-3,s5-5&en=1")
    expect(page.locator('[data-handout-clause="s2-3"]')).to_be_visible()
    assert axe_violations(page) == []


def test_the_presenter_works_offline_once_opened(page, own_server, context):
    seen: list = []
    context.on("request", lambda request: seen.append(request))
    _, url, server = own_server
    page.goto(f"{url}present/?c=s4-2,s5-5#s5-5")
    on_slide(page, 2, 2, "s5-5")
    until(page, "navigator.serviceWorker.controller !== null")
    until(page, r"""(async () => {
      const site = (await caches.keys()).find((n) => n.startsWith("site-"));
      const kept = site ? (await (await caches.open(site)).keys()).map((r) => r.url) : [];
      return kept.some((u) => u.endsWith("/present/")) && kept.some((u) => /\/present\.[0-9a-f]{12}\.js$/.test(u));
    })()""")
    server.shutdown()
    server.server_close()
    page.reload()
    on_slide(page, 2, 2, "s5-5")
    page.keyboard.press("Home")
    on_slide(page, 1, 2, "s4-2")
    stays_on(seen, url)


# ---- QR codes, decoded ----------------------------------------------------------------------------
@SHARP
@pytest.mark.parametrize("lang", LANGS)
def test_slide_qr_codes_open_their_clauses(page, site_url, requests_seen, lang):
    for clause_id in ("title", "s4-2", "s5-5", "annex-3"):
        page.goto(f"{site_url}{lang}present/?c={clause_id}")
        address = clause_url(clause_id, LANGS[lang], site_url)  # where the page is open, not the build's default
        expect(page.locator(f'[data-slide="{clause_id}"] .slide-ref-url')).to_have_text(address)
        assert decoded(page.locator(f'[data-slide="{clause_id}"] svg.qr').screenshot()) == [address]


@SHARP
@pytest.mark.parametrize("lang", LANGS)
def test_the_printed_notice_and_handout_qr_codes_open_their_clauses(page, site_url, requests_seen, lang):
    page.goto(f"{site_url}{lang}notice/")
    page.emulate_media(media="print")
    for clause_id in ("preamble", "s2-3", "s5-5"):
        reference = page.locator(f'[data-print-ref="{clause_id}"]')
        expect(reference).to_be_visible()
        expect(reference).to_contain_text(clause_url(clause_id, LANGS[lang], site_url))
        assert decoded(reference.locator("svg.qr").screenshot()) == [clause_url(clause_id, LANGS[lang], site_url)]
    page.goto(f"{site_url}{lang}handout/?c=s1-2,signature")
    expect(page.locator('[data-handout-clause="signature"] .handout-ref-url')).to_have_text(
        clause_url("signature", LANGS[lang], site_url))
    code = page.locator('[data-handout-clause="signature"] svg.qr')
    assert decoded(code.screenshot()) == [clause_url("signature", LANGS[lang], site_url)]


# ---- printing -------------------------------------------------------------------------------------
def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("lang", LANGS)
def test_the_handout_builder_prints_the_chosen_clauses_on_a4(page, context, site_url, requests_seen, page_errors,
                                                             lang):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}{lang}handout/?c=s4-2,s5-5")
    expect(page.locator('input[name="c"][value="s4-2"]')).to_be_checked()
    page.locator('input[name="c"][value="s2-3"]').check()
    title = page.locator('[name="title"]')
    title.fill("")
    title.press_sequentially("七星关区 2023 职称培训")
    assert "c=s4-2%2Cs5-5%2Cs2-3" in page.url  # in the order ticked
    expect(page.locator("[data-handout-present]")).to_have_attribute("href", re.compile(r"present/\?c=s4-2%2Cs5-5%2Cs2-3"))
    english = page.locator('[name="en"]')
    if lang == "en/":
        expect(english).to_be_checked()
    else:
        english.check()
    copy = page.locator("[data-copy-address]")
    label = copy.inner_text()
    copy.click()
    expect(copy).not_to_have_text(label)
    expect(copy).to_have_text(label)
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    page.reload()
    expect(title).to_have_value("七星关区 2023 职称培训")
    expect(english).to_be_checked()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", "[data-handout-form]",
                   "article > h1", '[data-handout-clause="s1-1"]', "[data-handout-empty]"):
        assert page.locator(hidden).count() >= 1, f"{hidden} matched nothing"
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("[data-handout-title]")).to_have_text("七星关区 2023 职称培训")
    for clause_id in ("s2-3", "s4-2", "s5-5"):
        part = page.locator(f'[data-handout-clause="{clause_id}"]')
        expect(part).to_be_visible()
        expect(part.locator(".handout-zh")).to_be_visible()
        expect(part.locator(".handout-en")).to_be_visible()
        expect(part.locator("svg.qr")).to_be_visible()
        expect(part.locator(".handout-ref-url")).to_have_text(clause_url(clause_id, LANGS[lang], site_url))
    expect(page.locator("[data-printed-date]")).to_have_text(format_day(dt.date.today(), LANGS[lang]))
    page.emulate_media(media="screen")
    english.uncheck()
    page.emulate_media(media="print")
    expect(page.locator('[data-handout-clause="s4-2"] .handout-en')).to_be_hidden()
    pdf = page.pdf(prefer_css_page_size=True)
    width, height = map(float, re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups())
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert pdf_pages(pdf) >= 1


def test_a_handout_of_long_clauses_with_english_fills_its_pages(page, site_url, requests_seen):
    """Four clauses with both texts: a clause may run on to the next page, so none starts a page of its own
    after leaving most of the last one blank (kept whole, these took three sheets)."""
    page.goto(f"{site_url}handout/?c=s2-3,s5-5,s4-2,s2-1&en=1")
    expect(page.locator('[data-handout-clause="s2-1"] .handout-en')).to_be_attached()
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) <= 2


SHEETS = {"tenure": "qualified_on=2019-05-07&unqualified_years=2021&required_years=4&apply_year=2023&review_year=2021",
          "ce-hours": "public_hours=20&professional_hours=50&digital_hours=10",
          "quota": 'enterprise_level=national&nominees=[{"name":"A","leader_signed":true},{"name":"B"},'
                   '{"name":"C","leader_signed":true}]'}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", SHEETS)
def test_every_calculators_answer_sheet_prints_on_one_a4_page(page, site_url, requests_seen, lang, name):
    page.goto(f"{site_url}{lang}calculators/{name}/?{SHEETS[name]}")
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ok", timeout=READY)
    expect(page.locator("[data-answer-sheet] [data-sheet-qr] svg.qr")).to_be_attached(timeout=READY)
    page.emulate_media(media="print")
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) == 1
    title = page.locator("[data-answer-sheet] h2").first.inner_text()
    assert ("：" in title) == (lang == "") and (": " in title) == (lang == "en/")


def shared_link(page: Page) -> str:
    return page.url.split("?")[0] + "?" + page.locator("form[data-calculator]").get_attribute("data-query")


@SHARP
@pytest.mark.parametrize("lang", LANGS)
def test_a_printed_answer_sheet(page, site_url, requests_seen, page_errors, lang):
    answered(page, f"{site_url}{lang}calculators/tenure/", qualified_on="2018-12-31", unqualified_years="2020",
             required_years="5")
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-verdict", "no")
    sheet = page.locator("[data-answer-sheet]")
    expect(sheet.locator("[data-sheet-qr] svg.qr")).to_be_attached(timeout=READY)
    expect(page.locator("[data-print-sheet]")).to_be_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", "form[data-calculator]", "article > h1",
                   ".calc-batch"):
        assert page.locator(hidden).count() >= 1, f"{hidden} matched nothing"
        expect(page.locator(hidden).first).to_be_hidden()
    expect(sheet).to_be_visible()
    expect(sheet.locator("[data-sheet-inputs]")).to_contain_text("2018-12-31")
    expect(sheet.locator("[data-sheet-inputs]")).to_contain_text("2020")
    expect(sheet.locator(".calc-verdict")).to_have_text("任职年限尚未满足要求" if lang == "" else "Years in the title not met")
    clause = sheet.locator('[data-sheet-clause="s5-5"]')
    expect(clause).to_be_visible()
    expect(clause).to_contain_text("其任职年限（工作年限）终算时间为2023年12月31日")
    expect(sheet).to_contain_text("不是认定结论" if lang == "" else "information, not a decision")
    expect(sheet.locator("[data-printed-date]")).to_have_text(format_day(dt.date.today(), LANGS[lang]))
    link = shared_link(page)
    expect(sheet.locator("[data-sheet-url]")).to_have_text(link)
    assert decoded(sheet.locator("[data-sheet-qr] svg.qr").screenshot()) == [link]
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) == 1
    page.emulate_media(media="screen")
    page.locator("[data-print-sheet]").click()
    page.goto(link)
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-verdict", "no", timeout=READY)


def test_an_answer_with_errors_prints_no_sheet(page, site_url, requests_seen):
    open_calculator(page, f"{site_url}calculators/ce-hours/")
    type_into(page, "public_hours", "-3")
    page.locator('[name="public_hours"]').press("Enter")
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "error")
    page.emulate_media(media="print")
    expect(page.locator("[data-answer-sheet]")).to_be_hidden()
    expect(page.locator("article > h1")).to_be_visible()


# ---- common questions -----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_every_worked_example_answers_by_itself(page, site_url, requests_seen, lang):
    page.goto(f"{site_url}{lang}faq/")
    examples = {q["id"]: q["example"] for q in faq.questions() if "example" in q}
    links = {qid: page.locator(f'#{qid} a[data-faq-example]').evaluate("a => a.href") for qid in examples}
    for qid, href in links.items():
        page.goto(href)
        result = page.locator("[data-calculator-result]")
        expect(result).to_have_attribute("data-state", "ok", timeout=READY)
        expected = examples[qid]
        assert result.get_attribute("data-verdict") == ("yes" if expected["expect"] else "no"), qid
        engine = calculators.run(expected["calculator"], expected["inputs"])
        assert page.evaluate("JSON.parse(document.querySelector('[data-calculator-result]').dataset.json).result") \
            == engine["result"]
