"""Quality gates in the real browser: accessibility (axe-core), keyboard use, untrusted input, print.

Every test here also runs under the site's Content-Security-Policy (meta tag and the
``_headers`` the test server applies) and fails on any violation (see conftest).
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from conftest import SITE
from playwright.sync_api import Page, expect
from reader import READY, axe_violations, open_calculator, submitted_answer, type_into

PAGES = sorted(p.parent.relative_to(SITE).as_posix().removeprefix(".") + "/" for p in SITE.rglob("index.html"))
CALCULATOR_PAGES = ("calculators/tenure/", "calculators/ce-hours/", "calculators/quota/")
# Inputs that give an answer, and inputs that give an error, for each calculator page.
ANSWERED = {"calculators/tenure/": "?qualified_on=2018-12-31&required_years=5",
            "calculators/ce-hours/": "?public_hours=30&professional_hours=60",
            "calculators/quota/": '?enterprise_level=national&nominees=[{"name":"A","leader_signed":true}]'}
REFUSED = {"calculators/tenure/": "?qualified_on=2023-02-30&required_years=x",
           "calculators/ce-hours/": "?public_hours=-3",
           "calculators/quota/": "?enterprise_level=nowhere"}


def test_every_page_is_listed():
    assert "/" in PAGES and "en/notice/" in PAGES and "en/side-by-side/" in PAGES and len(PAGES) == 28


@pytest.mark.parametrize("path", PAGES)
def test_every_page_finds_every_file_it_asks_for_and_has_no_axe_violation(page, site_url, requests_seen, path):
    failed: list[str] = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.goto(site_url + path.lstrip("/"))
    page.wait_for_load_state("networkidle")
    assert failed == []
    assert axe_violations(page) == []
    assert page.locator("html").get_attribute("lang") == ("en" if path.startswith("en/") else "zh")


@pytest.mark.parametrize("path", ["notice/", "en/calculators/tenure/"])
def test_the_page_is_styled_for_javascript_before_the_theme_runs(page, site_url, path):
    """Our head script switches "no-js" to "js" before the first layout (overrides/main.html), so that the
    theme's bundle does not restyle the page and lay it out again inside its own task. With the bundle
    never arriving, only that script can have made the switch."""
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(site_url + path)
    assert page.locator("html").get_attribute("class") == "js"
    assert page.locator(".md-search").is_visible()


@pytest.mark.parametrize(("path", "lang", "heading", "home"), [
    ("no/such/page/", "zh", "404 - 找不到该页面", "/notice/"),
    ("en/no/such/page/", "en", "404 - Page not found", "/en/notice/")])
def test_the_not_found_page_speaks_the_paths_language(page, root_url, path, lang, heading, home):
    """MkDocs gives 404.html root-absolute paths (a host serves it for any missing URL, at any
    depth), so it is checked at the root of a host, as a root deployment serves it."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    response = page.goto(root_url + path)
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == lang
    expect(page.locator("h1:visible")).to_have_text(heading)
    assert page.title().startswith(heading.removeprefix("404 - "))
    expect(page.locator(f'.md-content a[href="{home}"]')).to_be_visible()
    assert axe_violations(page) == []
    assert [url for url in seen if not url.startswith(root_url)] == []


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("path", CALCULATOR_PAGES)
def test_no_axe_violation_with_answer_and_errors_shown(page, site_url, requests_seen, lang, path):
    page.goto(site_url + lang + path + ANSWERED[path])
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ok", timeout=READY)
    assert axe_violations(page) == []
    page.goto(site_url + lang + path + REFUSED[path])
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "error", timeout=READY)
    expect(page.locator("[data-error-for]:visible").first).to_be_visible()
    assert axe_violations(page) == []


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


@pytest.mark.parametrize("path", ["calculators/tenure/", "en/calculators/ce-hours/", "calculators/quota/"])
def test_tab_reaches_every_control(page, site_url, requests_seen, path):
    open_calculator(page, site_url + path)
    # Visible ones: the Retry button shows only after a failed start.
    controls = page.locator(".calc input, .calc select, .calc button, .calc-batch input, .calc-batch a").filter(
        visible=True)
    count = controls.evaluate_all("nodes => nodes.map((n, i) => n.setAttribute('data-tab-key', i)).length")
    assert count >= 5, "the selector matched no controls"
    wanted = {str(i) for i in range(count)}
    reached = set()
    for _ in range(200):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement?.getAttribute('data-tab-key')"))
        if wanted <= reached:
            break
    assert wanted - reached == set()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_keyboard_only(page, site_url, requests_seen, lang):
    open_calculator(page, f"{site_url}{'en/' if lang == 'en' else ''}calculators/tenure/")
    tab_to(page, '[name="qualified_on"]')
    focused = page.locator('[name="qualified_on"]')
    assert focused.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    page.keyboard.type("2018-12-31")
    tab_to(page, '[name="required_years"]')
    page.keyboard.type("5")
    page.keyboard.press("Enter")
    answer = submitted_answer(page)
    assert answer["result"]["counted_years"] == 5
    result = page.locator("[data-calculator-result]")
    assert result.get_attribute("aria-live") == "polite" and result.get_attribute("role") == "status"
    controls = page.locator("form[data-calculator] [name]").all()
    assert len(controls) >= 5, "the selector matched no controls"
    for control in controls:
        control_id = control.get_attribute("id")
        assert page.locator(f'label[for="{control_id}"]').count() == 1
        for described in control.get_attribute("aria-describedby").split():
            assert page.locator(f"#{described}").count() == 1


def test_keyboard_adds_nominees(page, site_url, requests_seen):
    open_calculator(page, f"{site_url}en/calculators/quota/")
    tab_to(page, '[name="enterprise_level"]')
    page.keyboard.press("ArrowDown")
    tab_to(page, "[data-add-row]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "nominees[0].name"
    page.keyboard.type("Wang")
    page.keyboard.press("Enter")
    answer = submitted_answer(page)
    assert answer["result"]["nominee_checks"][0]["name"] == "Wang"
    assert answer["result"]["quota"] == 2


PAYLOADS = ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>",
            '"><svg onload="window.__pwned=1">']


@pytest.mark.parametrize("payload", PAYLOADS)
def test_query_string_is_data_not_markup(page, site_url, requests_seen, payload):
    nominees = json.dumps([{"name": payload, "expert_title": payload}])
    page.goto(f"{site_url}calculators/quota/?enterprise_level={quote(payload)}&nominees={quote(nominees)}")
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "error", timeout=READY)
    expect(page.locator('[name="nominees[0].name"]')).to_have_value(payload)
    expect(page.locator('[name="enterprise_level"] option').last).to_have_text(payload)
    page.goto(f"{site_url}en/calculators/tenure/?qualified_on={quote(payload)}&unqualified_years={quote(payload)}")
    expect(result).to_have_attribute("data-state", "error", timeout=READY)
    expect(page.locator('[name="qualified_on"]')).to_have_value(payload)
    assert page.evaluate("window.__pwned") is None
    expect(page.locator("form[data-calculator]")).to_have_count(1)  # so that the count below looks somewhere
    expect(page.locator("[data-calculator-result] li").first).to_be_visible()
    assert page.locator("form[data-calculator] img, form[data-calculator] svg[onload], "
                        "[data-calculator-result] img, [data-calculator-result] script").count() == 0


@pytest.mark.parametrize("payload", PAYLOADS)
def test_typed_input_is_data_not_markup(page, site_url, requests_seen, payload):
    open_calculator(page, f"{site_url}calculators/quota/")
    page.locator("[data-add-row]").click()
    type_into(page, "nominees[0].name", payload)
    type_into(page, "already_nominated", payload)
    page.get_by_role("button", name="计算", exact=True).click()
    answer = submitted_answer(page, "error")
    assert answer["errors"]
    expect(page.locator('[name="nominees[0].name"]')).to_have_value(payload)
    assert page.evaluate("window.__pwned") is None
    expect(page.locator("[data-calculator-result] li").first).to_be_visible()
    assert page.locator("[data-calculator-result] img, [data-calculator-result] svg, "
                        "[data-calculator-result] script").count() == 0


@pytest.mark.parametrize("lang", ["", "en/"])
def test_print_handout(page, site_url, requests_seen, lang):
    page.goto(f"{site_url}{lang}notice/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".clause-copy", ".clause-anchor"):
        assert page.locator(hidden).count() >= 1, f"{hidden} matched nothing"
        expect(page.locator(hidden).first).to_be_hidden()
    reference = page.locator('[data-print-ref="s4-2"]')
    expect(reference).to_be_visible()
    expect(reference).to_have_text(f"s4-2 · {site_url}{lang}notice/#s4-2")  # where the page is open
    expect(reference.locator("svg.qr")).to_be_visible()
