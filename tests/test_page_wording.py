"""The built pages say the right words: who speaks, the privacy wording, the readings, plain Chinese.

These read ``site/`` as built by ``make test`` (``site/.built``) and fail on an empty build.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT

from macros.asset_names import import_closure
from macros.notice import by_id
from macros.pages import clauses_using, glossary_terms

SITE = ROOT / "site"
ZH_PAGES = sorted(p for p in SITE.rglob("index.html") if not p.relative_to(SITE).as_posix().startswith("en/"))
EN_PAGES = sorted((SITE / "en").rglob("index.html"))
CLAUSE_ID_WORDS = re.compile(r"\b(signature|closing|preamble|title)\b")
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'-]*(?:[ ,]+[A-Za-z][A-Za-z'-]*){3,}")


def page(path: str) -> str:
    """A built page's HTML, entities decoded and typographic apostrophes made plain."""
    return html.unescape((SITE / path).read_text(encoding="utf-8")).replace("’", "'")


def test_the_build_is_there():
    assert len(ZH_PAGES) >= 10 and len(EN_PAGES) == len(ZH_PAGES), "site/ is missing or empty: run make build"


class ReaderText(HTMLParser):
    """The text a reader sees, without the places meant to hold English or code.

    Left out: elements marked lang="en" (the English column of the glossary and the
    English side of the side-by-side page), the language menu, scripts, styles, code,
    templates and noscript.
    """

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "base", "col", "embed"}
    SKIP = {"script", "style", "code", "pre", "template", "noscript"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        skip = (tag in self.SKIP or (attrs.get("lang") or "").startswith("en")
                or "md-select" in (attrs.get("class") or ""))
        self.stack.append((tag, skip or bool(self.stack and self.stack[-1][1])))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.parts.append(data)


def reader_text(path) -> str:
    parser = ReaderText()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


@pytest.mark.parametrize("path", ZH_PAGES, ids=lambda p: p.relative_to(SITE).as_posix())
def test_chinese_pages_hold_no_code_words_and_no_english_sentences(path):
    """A printed address keeps its fragment (…/notice/#signature): an address is not a word to read."""
    text = re.sub(r"https?://\S+", "", reader_text(path))
    assert not CLAUSE_ID_WORDS.search(text), CLAUSE_ID_WORDS.search(text).group(0)
    assert ENGLISH_RUN.findall(text) == []


def test_the_english_checker_finds_english():
    parser = ReaderText()
    parser.feed('<p>这是 <span>the closing words of it</span></p><p lang="en">Allowed English sentence here.</p>')
    text = " ".join(parser.parts)
    assert CLAUSE_ID_WORDS.search(text) and ENGLISH_RUN.findall(text) == ["the closing words of it"]


# T1 (MATERIAL): 以及 joins the conditions of s2-3.
def test_little_giant_nominees_meet_all_three_conditions():
    text = " ".join(by_id()["s2-3"].en)
    assert "have achieved original scientific and technological results and have made major contributions" in text
    assert "results, or have made major contributions" not in text
    assert "may fill in a nomination report" not in text  # T5: the report is the route, not an option


@pytest.mark.parametrize(("clause", "wording"), [
    ("s1-3", "Support the Bijie Hospital"), ("s1-3", "principal role"),
    ("s5-4", "Within the same review year"), ("s5-4", "2022 review year"),
    ("s3-2", "proactively accept"), ("s2-2", "used uniformly"), ("s4-1", "engineer (intermediate level)"),
    ("preamble", "Issues concerning Carrying Out the 2023"),
    ("s1-3", "《贵州省职称评审委员会备案管理暂行办法》"), ("s5-4", "《贵州省职称申报评审工作规则（试行）》"),
    ("s3-1", "《毕节市事业单位专业技术人员按岗推荐评聘职称审核情况表》"),
])
def test_translation_corrections(clause, wording):
    assert wording in " ".join(by_id()[clause].en)


def test_support_is_not_turned_into_an_obligation():
    assert "it shall apply" not in " ".join(by_id()["s1-3"].en)


def test_glossary_used_in_finds_every_term():
    unused = [term["zh"] for term in glossary_terms() if not clauses_using(term["zh"])]
    assert unused == []
    for lang_dir in ("", "en/"):
        assert "<td>—</td>" not in page(f"{lang_dir}glossary/index.html")


def test_two_thirds_in_chinese_words():
    for path in ("index.html", "calculators/ce-hours/index.html"):
        assert "3分之2" not in page(path) and "三分之二" in page(path)


def test_no_doubled_full_stop_after_a_clause_title():
    for path in EN_PAGES:
        assert not re.search(r"\.</a>\.", path.read_text(encoding="utf-8")), path


def test_noscript_points_below():
    assert "页面下方" in page("calculators/tenure/index.html")
    assert "explained below" in page("en/calculators/tenure/index.html")


def test_one_unofficial_notice_on_the_english_notice():
    content = page("en/notice/index.html").split("<footer")[0]  # the footer says it on every page
    assert content.lower().count("unofficial translation") == 2  # its title and its text


@pytest.mark.parametrize("path", ["notice/index.html", "key-dates/index.html", "side-by-side/index.html",
                                  "faq/index.html", "present/index.html", "index.html", "calculators/tenure/index.html"])
def test_every_chinese_page_says_the_site_is_not_the_bureaus(path):
    """S1: readers arrive by deep links and projected slides, not through the home page."""
    content = page(path)
    assert "不是毕节市人力资源和社会保障局的网站" in content.split("<footer")[0]
    assert "（非官方整理）" in content.split("</title>")[0]


@pytest.mark.parametrize(("zh", "en"), [
    ("本站不是毕节市人力资源和社会保障局的网站", "not the Bijie HRSS Bureau's"),
    ("以通知中文原文为准", "Chinese text of the notice is the authority"),
    ("不是认定结论", "information, not a decision"),
])
def test_who_speaks_on_home_and_about(zh, en):
    assert zh in page("index.html") and zh in page("about/index.html")
    assert en in page("en/index.html") and en in page("en/about/index.html")


@pytest.mark.parametrize("name", ["tenure", "ce-hours", "quota"])
def test_who_speaks_and_link_privacy_beside_every_calculator(name):
    zh, en = page(f"calculators/{name}/index.html"), page(f"en/calculators/{name}/index.html")
    assert 'class="calc-disclaimer"' in zh and "由用人单位和评委会" in zh and "本站不是" in zh
    assert 'class="calc-disclaimer"' in en and "information, not a decision" in en
    assert "写在网址里" in zh and "carries what you typed" in en
    for text in (zh, en):
        assert re.findall(r'<input type="text" id="calc-[^>]*placeholder=', text) == []


def test_method_pages_state_the_readings_as_the_sites():
    zh, en = page("calculators/ce-hours/index.html"), page("en/calculators/ce-hours/index.html")
    assert "本计算器的理解" in zh and "不是通知的规定" in zh and "可记入参训人员当年继续教育学时" in zh
    assert "this calculator's reading" in en and "not the notice's rule" in en


def test_review_years_are_alternatives():
    assert "2021 or 2022 review year" in page("en/calculators/tenure/index.html")
    assert "2021 and 2022 review year" not in page("en/calculators/tenure/index.html")


def test_developers_page_tells_the_truth():
    assert "截止日期" not in page("developers/index.html") and "终算时间" in page("developers/index.html")
    for path in ("developers/index.html", "en/developers/index.html"):
        assert "numerator" in page(path) and "deputy_senior" in page(path)


def test_annex_2_full_title_on_about():
    assert "for Professional Title Evaluation and Appointment" in page("en/about/index.html")


def test_key_dates_wording():
    assert "成文日期" in page("key-dates/index.html") and "印发本通知" not in page("key-dates/index.html")
    assert "later than the province-wide time points" in page("en/key-dates/index.html")


PAGE_MODULES = [ROOT / "docs" / path for path in import_closure(ROOT / "docs", "assets/js/calculator.js")]


def test_every_word_the_page_script_asks_for_is_on_the_page():
    """The page's modules show words the widget renders as data attributes; a key it asks for and the
    widget does not render would show as the key itself (it did: "batch_title" as a table's name)."""
    from macros.widgets import BATCH_KEYS, STATUS_KEYS

    script = "".join(path.read_text(encoding="utf-8") for path in PAGE_MODULES)
    asked_form = set(re.findall(r'(?:msg|say)\(form, "([a-z_]+)"', script))
    asked_section = set(re.findall(r'(?:msg|say)\(section, "([a-z_]+)"', script))
    assert asked_form and asked_section
    assert asked_form - set(STATUS_KEYS) == set()
    assert asked_section - set(BATCH_KEYS) == set()
