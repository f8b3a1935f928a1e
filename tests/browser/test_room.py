"""The training kit in a real room (issue "room"): every printed and projected address and QR code opens
where the site is open, a loopback or private address is said so, dual-language slides fit the screens
of a room with the bar in view, the citation is readable from the back, a deck is chosen and ordered in
the presenter, the handout keeps that order, and the not-found page speaks the path's language."""

from __future__ import annotations

import mimetypes
import re
from urllib.parse import urlsplit

import pytest
from conftest import SITE
from playwright.sync_api import Page, expect
from reader import LANGS, SHARP, decoded, on_slide, until

from macros.addresses import clause_url
from macros.notice import clauses

IDS = [clause.id for clause in clauses()]
ROOM_SIZES = [(1024, 768), (1366, 768), (1920, 1080)]
PUBLISHED = "https://training.example.org/bijie/"  # a public origin, served from site/ by the test itself


def serve_at(page: Page, base: str) -> None:
    """The built site answered at ``base`` (an address no server holds) from site/, as a host would."""
    prefix = urlsplit(base).path

    def answer(route):
        path = urlsplit(route.request.url).path
        file = SITE / path[len(prefix):] if path.startswith(prefix) else SITE / "__missing__"
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            route.fulfill(status=404, body="not found")
            return
        kind = "text/javascript" if file.suffix == ".mjs" else (mimetypes.guess_type(file.name)[0] or "application/octet-stream")
        route.fulfill(status=200, body=file.read_bytes(), content_type=kind)

    page.route(f"{base.split(prefix)[0]}/**", answer)


def addresses_drawn(page: Page, base: str) -> None:
    """Waits until every printed or projected address of the page points under base."""
    until(page, f"[...document.querySelectorAll('[data-address]')].every((e) => e.textContent.startsWith({base!r}))")


# ---- codes open where the site is -----------------------------------------------------------------
@SHARP
@pytest.mark.parametrize("lang", LANGS)
def test_every_code_and_address_points_at_the_site_the_page_is_open_at(page, site_url, requests_seen, lang):
    """site_url is a port and a sub-path the build never heard of (it was built for 127.0.0.1:8000/)."""
    page.goto(f"{site_url}{lang}present/?c=s4-2,s5-5")
    addresses_drawn(page, site_url)
    code = page.locator('[data-slide="s4-2"] svg.qr')
    assert decoded(code.screenshot()) == [clause_url("s4-2", LANGS[lang], site_url)]
    expect(page.locator('[data-slide="s4-2"] .slide-ref-url')).to_have_text(clause_url("s4-2", LANGS[lang], site_url))
    page.goto(f"{site_url}{lang}handout/?c=s5-5,s2-3")
    addresses_drawn(page, site_url)
    page.emulate_media(media="print")
    for clause_id in ("s5-5", "s2-3"):
        part = page.locator(f'[data-handout-clause="{clause_id}"]')
        expect(part.locator(".handout-ref-url")).to_have_text(clause_url(clause_id, LANGS[lang], site_url))
        assert decoded(part.locator("svg.qr").screenshot()) == [clause_url(clause_id, LANGS[lang], site_url)]
    page.goto(f"{site_url}{lang}notice/")
    addresses_drawn(page, site_url)
    reference = page.locator('[data-print-ref="s5-5"]')
    expect(reference).to_contain_text(clause_url("s5-5", LANGS[lang], site_url))
    assert decoded(reference.locator("svg.qr").screenshot()) == [clause_url("s5-5", LANGS[lang], site_url)]
    page.goto(f"{site_url}{lang}side-by-side/")
    addresses_drawn(page, site_url)


@pytest.mark.parametrize("path", ["present/", "handout/?c=s4-2", "notice/", "en/present/", "en/handout/?c=s4-2"])
def test_a_loopback_address_is_said_so_on_screen_and_in_print(page, site_url, requests_seen, path):
    page.goto(site_url + path)
    warning = page.locator("[data-address-warning]").first
    expect(warning).to_be_visible()
    expect(warning).to_contain_text(urlsplit(site_url).netloc)
    if path.startswith(("handout", "en/handout")):
        page.emulate_media(media="print")
        expect(warning).to_be_visible()


@pytest.mark.parametrize("base", ["http://0.0.0.0:8123/bijie/", "http://[::]:8123/bijie/", "http://localhost:8123/bijie/"])
def test_an_address_only_this_computer_opens_is_warned_of_everywhere(page, base):
    """0.0.0.0, as `make serve` listening on every interface once printed it: no phone opens its codes."""
    serve_at(page, base)
    for path in ("present/", "notice/", "en/handout/?c=s4-2"):
        page.goto(base + path)
        warning = page.locator("[data-address-warning]").first
        expect(warning).to_be_visible()
        expect(warning).to_have_attribute("data-level", "nowhere")
        expect(warning).to_contain_text(urlsplit(base).netloc)
        page.emulate_media(media="print")
        expect(warning).to_be_visible()
        page.emulate_media(media="screen")


@pytest.mark.parametrize("base", ["http://room.local:8000/bijie/", "http://192.168.10.5:8000/bijie/"])
def test_a_rooms_network_address_is_said_calmly_and_on_the_notice_only_in_print(page, base):
    """The room's address is what `make serve` is for: phones on that network open it."""
    serve_at(page, base)
    page.goto(base + "present/")
    note = page.locator("[data-address-warning]").first
    expect(note).to_be_visible()
    expect(note).to_have_attribute("data-level", "local")
    expect(note).to_contain_text("连接同一网络")
    assert "多半打不开" not in note.inner_text()
    page.goto(base + "en/notice/")
    note = page.locator("[data-address-warning]").first
    expect(note).to_be_hidden()
    page.emulate_media(media="print")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Phones on the same network")


@SHARP
@pytest.mark.parametrize("lang", LANGS)
def test_a_public_address_gets_codes_for_it_and_no_warning(page, lang):
    serve_at(page, PUBLISHED)
    page.goto(f"{PUBLISHED}{lang}present/?c=s2-3")
    addresses_drawn(page, PUBLISHED)
    assert decoded(page.locator('[data-slide="s2-3"] svg.qr').screenshot()) == [clause_url("s2-3", LANGS[lang], PUBLISHED)]
    expect(page.locator("[data-address-warning]")).to_be_hidden()


# ---- slides in a room ------------------------------------------------------------------------------
# Every slide of the deck in turn: the bar in view; a slide taller than the screen has its type at the
# smallest size (0.5) and ↓ brings its end into view before it moves on. Gives back the ones that scroll.
EVERY_SLIDE = """() => {
  const deck = document.querySelector(".present-deck");
  const bar = document.querySelector(".present-bar");
  const shown = () => document.querySelector("[data-slide]:not([hidden])");
  const press = (key) => window.dispatchEvent(new KeyboardEvent("keydown", { key }));
  const problems = [];
  const scrolling = [];
  const total = document.querySelectorAll("[data-slide]").length;
  for (let i = 0; i < total; i++) {
    const slide = shown();
    const box = bar.getBoundingClientRect();
    if (box.bottom > innerHeight + 1 || box.top < 0) problems.push(`${slide.dataset.slide}: bar out of view`);
    if (deck.scrollHeight <= deck.clientHeight + 1) { press("ArrowRight"); continue; }
    scrolling.push(slide.dataset.slide);
    if (slide.style.getPropertyValue("--fit") !== "0.5") problems.push(`${slide.dataset.slide}: scrolls before its type is smallest`);
    let bottom = false;
    for (let n = 0; n < 40 && shown() === slide; n++) {
      bottom ||= deck.scrollTop + deck.clientHeight >= deck.scrollHeight - 1;
      press("ArrowDown");
    }
    if (!bottom && i < total - 1) problems.push(`${slide.dataset.slide}: its end was never in view`);
    if (i === total - 1) break;
  }
  return { problems, scrolling };
}"""


LAYOUT_SHIFTS = """
window.__shifted = [];
new PerformanceObserver((list) => {
  for (const shift of list.getEntries()) if (!shift.hadRecentInput) window.__shifted.push(shift.value);
}).observe({ type: "layout-shift", buffered: true });
"""
PHONE = {"width": 412, "height": 823}  # Lighthouse's phone


@pytest.mark.parametrize("path", ["notice/", "en/notice/", "present/", "en/present/", "handout/?c=s4-2,s5-5"])
def test_a_page_opened_at_this_computers_address_does_not_move_under_a_phones_reader(page, site_url, requests_seen, path):
    """Opened at a loopback address, the page learns where it is after its first paint: its warning and
    redrawn codes appear without moving what is already shown (the audit's layout shift), with the CPU
    slowed as Lighthouse slows a phone's; presenter mode keeps its bar on the screen."""
    page.set_viewport_size(PHONE)
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.add_init_script(LAYOUT_SHIFTS)
    page.goto(site_url + path)
    addresses_drawn(page, site_url)
    expect(page.locator('.address-warning[data-level="nowhere"]').first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert sum(page.evaluate("window.__shifted")) < 0.01
    if "present" in path:
        bar = page.locator(".present-bar").bounding_box()
        assert bar["y"] + bar["height"] <= PHONE["height"] + 1


@pytest.mark.parametrize("size", ROOM_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_every_dual_language_slide_fits_the_screen_with_the_bar_in_view(page, site_url, requests_seen, lang, size):
    """Both languages side by side: every slide fits a 16:9 screen (1366×768, 1920×1080) whole; on a 4:3
    one (1024×768) the longest English-first ones scroll inside the slide at the smallest type."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{site_url}{lang}present/?dual=1")
    on_slide(page, 1, len(IDS), IDS[0])
    addresses_drawn(page, site_url)  # the slide is fitted again once they are (a longer address is taller)
    seen = page.evaluate(EVERY_SLIDE)
    assert seen["problems"] == []
    if size != (1024, 768):
        assert seen["scrolling"] == []
    else:
        assert len(seen["scrolling"]) <= 6


# Whether an address, as drawn, breaks a line inside its host and port, or inside any part between slashes.
BROKEN_INSIDE = """(place) => {
  const text = place.textContent;
  const range = document.createRange();
  const parts = [];
  let at = 0;
  for (const node of place.childNodes) {
    if (node.nodeType !== Node.TEXT_NODE) continue;
    range.selectNodeContents(node);
    if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) parts.push(node.textContent);
    at += node.textContent.length;
  }
  return { parts, whole: at === text.length };
}"""


@pytest.mark.parametrize("size", ROOM_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_a_projected_address_breaks_only_between_its_parts(page, site_url, requests_seen, size):
    """At 1024×768 the address broke inside its port ("…:342 / 18/…"); it breaks after a "/" or not at all."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{site_url}present/?c=s4-2,s2-3&dual=1")
    addresses_drawn(page, site_url)
    for clause in ("s4-2", "s2-3"):
        place = page.locator(f'[data-slide="{clause}"] .slide-ref-url')
        seen = place.evaluate(BROKEN_INSIDE)
        assert seen == {"parts": [], "whole": True}, seen
        expect(place).to_have_text(clause_url(clause, "zh", site_url))


@pytest.mark.parametrize("lang", LANGS)
def test_the_citation_and_address_are_readable_from_the_room(page, site_url, requests_seen, lang):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{site_url}{lang}present/?c=s5-5&dual=1")
    for part in (".slide-ref-cite", ".slide-ref-url", ".slide-ref-id"):
        size = page.locator(f'[data-slide="s5-5"] {part}').evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 18, part
    box = page.locator('[data-slide="s5-5"] svg.qr').bounding_box()
    assert box["width"] >= 160  # about a fifth of the screen's height: 35-40 cm on a 1.8 m projection


def test_a_slide_too_long_even_at_its_smallest_type_scrolls_before_the_next(page, site_url, requests_seen):
    page.set_viewport_size({"width": 800, "height": 480})  # smaller than any room's screen
    page.goto(f"{site_url}present/?c=s2-3,s4-2&dual=1")
    deck = page.locator(".present-deck")
    assert deck.evaluate("(d) => d.scrollHeight > d.clientHeight")
    page.keyboard.press("ArrowDown")
    until(page, "document.querySelector('.present-deck').scrollTop > 0")
    on_slide(page, 1, 2, "s2-3")
    for _ in range(20):
        page.keyboard.press("ArrowDown")
    on_slide(page, 2, 2, "s4-2")


# ---- a deck chosen and ordered ---------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_a_deck_is_chosen_and_ordered_in_the_presenter_by_keyboard(page, site_url, requests_seen, lang):
    page.goto(f"{site_url}{lang}present/")
    page.keyboard.press("c")
    picker = page.locator("[data-present-picker]")
    expect(picker).to_be_visible()
    for clause_id in ("s5-5", "s4-2", "s2-3"):
        box = picker.locator(f'[data-pick][value="{clause_id}"]')
        box.focus()
        page.keyboard.press("Space")
    order = picker.locator("[data-pick-order] li")
    expect(order).to_have_count(3)
    order.nth(2).locator("[data-pick-up]").focus()  # s2-3 up twice: first
    page.keyboard.press("Enter")
    expect(picker.locator("[data-pick-order] li").nth(1).locator("[data-pick-up]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(picker.locator("[data-pick-order] li").first).to_have_attribute("data-id", "s2-3")
    picker.locator("[data-pick-order] li").nth(2).locator("[data-pick-remove]").click()  # s4-2 out, by mouse
    expect(picker.locator("[data-pick-order] li")).to_have_count(2)
    picker.locator("[data-pick-apply]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/present/?c=s2-3%2Cs5-5#s2-3")
    on_slide(page, 1, 2, "s2-3")
    page.keyboard.press("ArrowRight")
    on_slide(page, 2, 2, "s5-5")


@pytest.mark.parametrize("lang", LANGS)
def test_the_handout_prints_and_presents_in_the_order_ticked(page, site_url, requests_seen, lang):
    page.goto(f"{site_url}{lang}handout/")
    for clause_id in ("s5-5", "s4-2", "s2-3"):
        page.locator(f'input[name="c"][value="{clause_id}"]').check()
    assert "c=s5-5%2Cs4-2%2Cs2-3" in page.url
    expect(page.locator("[data-handout-present]")).to_have_attribute("href", re.compile(r"present/\?c=s5-5%2Cs4-2%2Cs2-3"))
    shown = page.locator("[data-handout-clause]:not([hidden])")
    assert [shown.nth(i).get_attribute("data-handout-clause") for i in range(3)] == ["s5-5", "s4-2", "s2-3"]
    page.reload()
    shown = page.locator("[data-handout-clause]:not([hidden])")
    assert [shown.nth(i).get_attribute("data-handout-clause") for i in range(3)] == ["s5-5", "s4-2", "s2-3"]
    expect(page.locator("label.handout-choice", has=page.locator('[value="preamble"]'))).to_have_text(
        "主送及开头" if lang == "" else "Addressees and opening")


# ---- the not-found page ----------------------------------------------------------------------------
@pytest.mark.parametrize(("path", "lang"), [("no/such/page/", "zh"), ("en/no/such/page/", "en")])
def test_the_not_found_page_is_in_the_paths_language_throughout(page, root_url, path, lang):
    response = page.goto(root_url + path)
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == lang
    tabs = page.locator(".md-tabs__link").all_inner_texts()
    assert ("通知全文" in tabs) == (lang == "zh") and ("The notice" in tabs) == (lang == "en")
    switch = sorted(page.locator(".md-select__link").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))"))
    assert switch == ["/", "/en/"]


def test_a_host_with_one_not_found_page_sends_english_paths_to_the_english_one(page, root_404_url):
    page.goto(root_404_url + "en/no/such/page/")
    page.wait_for_url("**/en/404.html")
    expect(page.locator("h1:visible")).to_have_text("404 - Page not found")
    assert page.locator("html").get_attribute("lang") == "en"
