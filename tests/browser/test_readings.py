"""Where the notice is silent, the page says the answer rests on the site's reading: the verdict line is
qualified when another reading would change it, the readings are listed with the answer and on its
printed sheet, a count-only quota says the signatures were not checked, and a roster's reason column
carries the same qualified verdict."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect
from reader import LANGS, READY, open_calculator

import calculators

MOVED_START = {"qualified_on": "2018-06-30", "unqualified_years": "2018", "required_years": "5"}


def shared(site_url: str, lang_dir: str, page_name: str, inputs: dict[str, str]) -> str:
    query = "&".join(f"{key}={value}" for key, value in inputs.items())
    return f"{site_url}{lang_dir}calculators/{page_name}/?{query}"


@pytest.mark.parametrize("lang_dir", LANGS)
def test_a_verdict_a_reading_decides_says_so_on_the_page_and_the_sheet(page, site_url, requests_seen, lang_dir):
    lang = LANGS[lang_dir]
    page.goto(shared(site_url, lang_dir, "tenure", MOVED_START))
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "ok", timeout=READY)
    answer = json.loads(result.get_attribute("data-json"))
    assert answer["result"]["depends_on_reading"] is True
    verdict = {"zh": "任职年限已满足要求（按本站的理解；如按整年扣除，计入4年，不满足）",
               "en": "Years in the title met (on this site's reading; deducting the whole year, 4 years count: not met)"}
    expect(result.locator(".calc-verdict")).to_have_text(verdict[lang])
    readings = result.locator(".calc-readings li")
    expect(readings).to_have_count(2)
    expect(readings.nth(1)).to_have_text(answer["rests_on"][lang][1])
    expect(result.locator(".calc-explanation")).not_to_contain_text("因此" if lang == "zh" else "So the part")
    sheet = page.locator("[data-answer-sheet]")
    expect(sheet).to_have_attribute("data-ready", "")
    expect(sheet.locator(".calc-verdict")).to_have_text(verdict[lang])
    expect(sheet.locator(".calc-readings li")).to_have_count(2)


def test_the_english_sheet_prints_the_chinese_first_as_the_authority(page, site_url, requests_seen):
    page.goto(shared(site_url, "en/", "tenure", MOVED_START))
    expect(page.locator("[data-calculator-result]")).to_have_attribute("data-state", "ok", timeout=READY)
    labels = page.locator('[data-sheet-clause="s5-5"] .sheet-text-label')
    expect(labels).to_have_text(["Chinese text (authoritative)", "Unofficial English translation"])
    paragraphs = page.locator('[data-sheet-clause="s5-5"] p[lang]')
    assert [paragraphs.nth(i).get_attribute("lang") for i in range(paragraphs.count())] == ["zh", "en"]


@pytest.mark.parametrize("lang_dir", LANGS)
def test_a_head_count_alone_is_within_the_quota_with_the_signatures_not_checked(page, site_url, requests_seen,
                                                                                   lang_dir):
    lang = LANGS[lang_dir]
    open_calculator(page, f"{site_url}{lang_dir}calculators/quota/")
    page.select_option('[name="enterprise_level"]', "national")
    page.locator('[name="nominee_count"]').fill("2")
    page.locator('[name="nominee_count"]').press("Enter")
    result = page.locator("[data-calculator-result]")
    expect(result).to_have_attribute("data-state", "ok")
    expect(result.locator(".calc-verdict")).to_have_text(
        "在名额内（未核对署名）" if lang == "zh" else "Within the quota (signatures not checked)")
    expected = calculators.run("quota", {"enterprise_level": "national", "nominee_count": "2"})
    expect(result).to_contain_text(expected["explanation"][lang][3])
    expect(result).not_to_contain_text("名额和署名符合要求" if lang == "zh" else "signatures in order")


def test_a_rosters_reason_column_carries_the_qualified_verdict(page, site_url, requests_seen, tmp_path):
    open_calculator(page, f"{site_url}calculators/tenure/")
    roster = tmp_path / "roster.csv"
    roster.write_text("姓名,取得现资格时间,年度考核“不合格”的年份,申报上一级职称要求的年限\r\n"
                      "张三,2018-06-30,2018,5\r\n李四,2018-12-31,,5\r\n", encoding="utf-8")
    page.locator("[data-batch-file]").set_input_files(str(roster))
    done = page.locator('[data-batch-result][data-state="done"]')
    expect(done).to_be_visible(timeout=READY)
    rows = done.locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("任职年限已满足要求（按本站的理解；如按整年扣除，计入4年，不满足）")
    expect(rows.nth(1)).not_to_contain_text("按本站的理解")
    expect(done.locator("[data-batch-readings]")).to_have_text(
        "本站的理解：整年按周年计算；取得资格当年考核不合格的，只扣除该年中取得资格之后的部分。")
