"""Each calculator through the real page: typed and clicked as a person would, in both languages."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from playwright.sync_api import expect
from reader import READY, answered, open_calculator, submitted_answer, type_into

import calculators
from calculators import share
from macros.ui import t


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tenure_typed(page, site_url, requests_seen, lang):
    answer = answered(page, f"{site_url}{'en/' if lang == 'en' else ''}calculators/tenure/",
                      qualified_on="2018年12月31日", unqualified_years="2020，2017", required_years="5")
    expected = calculators.run("tenure", {"qualified_on": "2018年12月31日", "unqualified_years": "2020，2017",
                                          "required_years": "5", "review_year": "", "apply_year": "2023"})
    assert answer == expected
    assert answer["result"]["counted_years"] == 4
    result = page.locator("[data-calculator-result]")
    expect(result).to_contain_text(expected["explanation"][lang][2])
    expect(result.locator('.calc-clauses a[href$="notice/#s5-5"]')).to_be_visible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ce_hours_typed(page, site_url, requests_seen, lang):
    open_calculator(page, f"{site_url}{'en/' if lang == 'en' else ''}calculators/ce-hours/")
    page.select_option('[name="category"]', "grassroots")
    type_into(page, "public_hours", "１５")
    type_into(page, "professional_hours", "20.5")
    type_into(page, "digital_hours", "10")
    page.get_by_role("button", name="计算" if lang == "zh" else "Calculate", exact=True).click()
    answer = submitted_answer(page)
    assert answer["result"]["total"] == 45.5 and answer["result"]["meets"] is True
    assert answer["clauses"] == ["s4-2", "s4-1"]
    expect(page.locator("[data-calculator-result]")).to_contain_text(answer["explanation"][lang][1])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_quota_with_nominees_added_and_removed(page, site_url, requests_seen, lang):
    open_calculator(page, f"{site_url}{'en/' if lang == 'en' else ''}calculators/quota/")
    page.select_option('[name="enterprise_level"]', "provincial")
    add = page.locator("[data-add-row]")
    add.click()
    add.click()
    add.click()
    page.locator("[data-remove-row]").nth(1).click()
    assert page.locator("[data-row]").count() == 2
    type_into(page, "nominees[0].name", "张三")
    for box in ("leader_signed", "expert_signed", "expert_same_industry"):
        page.check(f'[name="nominees[0].{box}"]')
    page.select_option('[name="nominees[0].expert_title"]', "deputy_senior")
    type_into(page, "nominees[1].name", "Li")
    page.get_by_role("button", name="计算" if lang == "zh" else "Calculate", exact=True).click()
    answer = submitted_answer(page)
    r = answer["result"]
    assert (r["quota"], r["used"], r["excess"], r["ok"]) == (1, 2, 1, False)
    assert r["nominee_checks"][0]["ok"] is True and r["nominee_checks"][1]["name"] == "Li"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_input_shown_beside_the_field(page, site_url, requests_seen, lang):
    answer = answered(page, f"{site_url}{'en/' if lang == 'en' else ''}calculators/tenure/", "error",
                      qualified_on="2023-02-30", required_years="abc")
    assert {e["code"] for e in answer["errors"]} == {"invalid_date", "invalid_number"}
    beside = page.locator('[data-error-for="qualified_on"]')
    expect(beside).to_be_visible()
    expect(beside).to_have_text(answer["errors"][0][lang])
    expect(page.locator('[name="qualified_on"]')).to_have_attribute("aria-invalid", "true")


def test_shared_link_answers_by_itself(page, site_url, requests_seen):
    page.goto(f"{site_url}en/calculators/tenure/?qualified_on=2022-03-15&review_year=2021&required_years=2")
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "ok", timeout=READY)
    answer = json.loads(result.get_attribute("data-json"))
    assert answer["result"]["start_basis"] == "review_year_end"
    expect(page.locator('[name="review_year"]')).to_have_value("2021")


@pytest.mark.parametrize("word", ["是", "ＹＥＳ", " on "])
def test_a_shared_link_ticks_a_box_with_every_word_the_engine_reads_as_true(page, site_url, requests_seen, word):
    """A hand-written link says 是 or yes: the page ticks the box, and answers as the engine reads the link."""
    nominees = json.dumps([{"name": "A", "leader_signed": word, "expert_signed": "1", "expert_title": "senior",
                            "expert_same_industry": True}], ensure_ascii=False)
    query = urlencode({"enterprise_level": "national", "disqualified": word, "nominees": nominees})
    page.goto(f"{site_url}calculators/quota/?{query}")
    expect(page.locator('[name="disqualified"]')).to_be_checked(timeout=READY)
    expect(page.locator('[name="nominees[0].leader_signed"]')).to_be_checked()
    answer = submitted_answer(page)
    expected = calculators.run("quota", {"enterprise_level": "national", "disqualified": word,
                                         "nominees": json.loads(nominees)})
    assert answer["result"] == expected["result"] and answer["result"]["quota"] == 0


def test_copy_link_reproduces_the_calculation(page, context, site_url, requests_seen):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_calculator(page, f"{site_url}calculators/ce-hours/")
    type_into(page, "public_hours", "30")
    type_into(page, "professional_hours", "50")
    page.locator("[data-copy-calc-link]").click()
    expect(page.locator("[data-copy-calc-link]")).to_have_attribute("data-copied", "true")
    link = page.evaluate("navigator.clipboard.readText()")
    assert "public_hours=30" in link and "professional_hours=50" in link
    page.goto(link)
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ok", timeout=READY)


def test_the_pages_link_reads_back_as_the_engines_query_for_the_same_inputs(page, context, site_url, requests_seen):
    """The shared link both ways: what the page's "copy link" writes is what calculators.share.query writes
    for the inputs the page sent (a ticked box, a list of nominees, words with spaces), pair for pair."""
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_calculator(page, f"{site_url}calculators/quota/")
    page.select_option('[name="enterprise_level"]', "national")
    type_into(page, "already_nominated", "1")
    page.locator("[data-add-row]").click()
    type_into(page, "nominees[0].name", "张 三&Co")
    page.check('[name="nominees[0].leader_signed"]')
    page.select_option('[name="nominees[0].expert_title"]', "senior")
    page.get_by_role("button", name="计算", exact=True).click()
    sent = submitted_answer(page)
    page.locator("[data-copy-calc-link]").click()
    expect(page.locator("[data-copy-calc-link]")).to_have_attribute("data-copied", "true")
    link = page.evaluate("navigator.clipboard.readText()")
    inputs = {"enterprise_level": "national", "already_nominated": "1", "nominees": [
        {"name": "张 三&Co", "leader_signed": True, "expert_signed": False, "expert_title": "senior",
         "expert_same_industry": False}], "year": str(sent["inputs"]["year"])}
    assert sorted(parse_qsl(urlsplit(link).query)) == sorted(parse_qsl(share.query(inputs)))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_broken_runtime_fails_clearly(page, context, site_url, requests_seen, lang):
    """A runtime file that cannot be downloaded is a network failure, said once, with the clause and Retry.
    The WebAssembly is refused as served either way: plain on a fast link, as .zst on a slow one (which a
    busy machine's first byte can make this link look like)."""
    context.route(re.compile(r"\.wasm(\.zst)?$"), lambda route: route.abort())
    page.goto(f"{site_url}{'en/' if lang == 'en' else ''}calculators/tenure/")
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "failed", timeout=READY + 30_000)
    expect(result.locator(".calc-status")).to_have_text(t("failed_network", lang))
    expect(result.locator('.calc-fallback a[href$="notice/#s5-5"]')).to_be_visible()
    expect(result.locator("[data-calc-retry]")).to_be_visible()


@pytest.mark.parametrize(("lang", "breakage", "key"), [
    ("zh", "wasm", "no_wasm"), ("en", "wasm", "no_wasm"), ("zh", "worker", "no_worker"), ("en", "worker", "no_worker")])
def test_a_browser_that_cannot_run_the_engine_is_told_so(page, context, site_url, requests_seen, lang, breakage, key):
    """No WebAssembly, or a worker that cannot run (its script arrives but does not start): the browser is
    named as the cause, not the network."""
    if breakage == "wasm":
        page.add_init_script("delete globalThis.WebAssembly;")
    else:
        context.unroute("**/assets/js/calculator-worker.*.js")
        context.route("**/assets/js/calculator-worker.*.js", lambda route: route.fulfill(
            status=200, content_type="text/javascript", body="this is not a module worker ("))
    page.goto(f"{site_url}{'en/' if lang == 'en' else ''}calculators/tenure/")
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "failed", timeout=READY)
    expect(result.locator(".calc-status")).to_have_text(t(key, lang))


def test_widgets_work_after_navigating(page, site_url, requests_seen):
    open_calculator(page, f"{site_url}calculators/tenure/")
    page.locator(".md-nav__link", has_text="继续教育学时").first.click()
    expect(page.locator('form[data-calculator="ce_hours"]')).to_be_visible()
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ready", timeout=READY)
    type_into(page, "public_hours", "10")
    type_into(page, "professional_hours", "90")
    page.locator('[name="professional_hours"]').press("Enter")
    assert submitted_answer(page)["result"]["meets"] is True
    page.go_back()
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ready", timeout=READY)
    type_into(page, "qualified_on", "2019-01-01")
    page.locator('[name="qualified_on"]').press("Enter")
    assert submitted_answer(page)["result"]["counted_years"] == 4


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_not_met_verdict_is_not_shown_in_green(page, site_url, requests_seen, lang):
    """Only a met verdict is green: a "not met" answer is shown in red."""
    prefix = "en/" if lang == "en" else ""
    page.goto(f"{site_url}{prefix}calculators/ce-hours/?public_hours=90&professional_hours=0")
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-verdict", "no", timeout=READY)
    not_met = result.evaluate("e => getComputedStyle(e).backgroundColor")
    expect(result.locator(".calc-verdict--no")).to_be_visible()
    page.goto(f"{site_url}{prefix}calculators/ce-hours/?public_hours=30&professional_hours=60")
    expect(result).to_have_attribute("data-verdict", "yes", timeout=READY)
    met = result.evaluate("e => getComputedStyle(e).backgroundColor")
    red, green, _ = (int(v) for v in re.findall(r"\d+", not_met)[:3])
    assert not_met != met and red > green, (not_met, met)
    expect(page.locator(".calc-disclaimer")).to_be_visible()


def test_a_policy_violation_inside_the_worker_is_caught(page, site_url, no_csp_violation):
    """Proof that the suite sees the worker: a request the header policy refuses, planted in the worker."""
    no_csp_violation.planted = '\nfetch("https://example.invalid/planted").catch(() => {});\n'
    open_calculator(page, f"{site_url}calculators/tenure/")
    for _ in range(50):
        if no_csp_violation.refused:
            break
        page.wait_for_timeout(100)
    assert no_csp_violation.refused == [
        "Content Security Policy violation in worker: connect-src https://example.invalid/planted"]
    no_csp_violation.refused.clear()


def test_a_shared_link_with_a_broken_nominee_list_gets_the_engines_error(page, site_url, requests_seen):
    """A link cut short must not answer "met" for nobody."""
    page.goto(f"{site_url}calculators/quota/?enterprise_level=national&nominees=%5B%7B%22name%22%3A+%22x%22")
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "error", timeout=READY)
    expect(page.locator('[data-error-for="nominees"]')).to_contain_text("无法读取")
