"""The project's tables tied to the notice's own words, not to themselves.

Each rule of ``calculators/rules.py`` and each key date is looked for in the Chinese
text of the clause it cites, so that changing the table alone, or the source alone,
fails. The source file itself is pinned by its hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import icalendar
import pytest
from conftest import ROOT

import calculators
from calculators import quota, rules
from macros.dates import KEY_DATES
from macros.notice import by_id, clauses

SOURCE_SHA256 = "2f7efea87f60670d4b7eefc695b8d7fee6682783e84ab0f14959afa836ab9fc2"
SITE = ROOT / "site"
ZH_NUMERALS = "零一二三四五六七八九十"


def test_the_chinese_source_is_the_pinned_file():
    digest = hashlib.sha256((ROOT / "source" / "notice.zh.txt").read_bytes()).hexdigest()
    assert digest == SOURCE_SHA256, (
        "source/notice.zh.txt changed. The Chinese notice is the authority and must stay the untouched PDF "
        "extraction: a changed source needs a human decision (is it a new notice? re-check every rule, date "
        "and translation) before this hash is updated.")


def clause_text(clause_id: str) -> str:
    return "".join(by_id()[clause_id].zh)


def ymd(day: dt.date, with_year: bool = True) -> str:
    return (f"{day.year}年" if with_year else "") + f"{day.month}月{day.day}日"


# What each rule's value looks like in the Chinese of its clause. Every key of the table needs one.
RULE_WORDING = {
    "notice_year": lambda v: f"关于做好{v}年职称工作",
    "cutoff": lambda v: f"任职年限（工作年限）终算时间为{ymd(v)}",
    "review_years_covered": lambda v: "、".join(f"{y}年度" for y in v) + "通过职称评审",
    "ce_hours_general": lambda v: f"每年累计应不少于{v}学时",
    "ce_hours_grassroots": lambda v: f"在基层和民营经济组织工作的专业技术人员每年不少于{v}学时",
    "ce_hours_private": lambda v: f"在基层和民营经济组织工作的专业技术人员每年不少于{v}学时",
    "professional_share_min": lambda v: f"专业科目一般不少于总学时的{ZH_NUMERALS[v.denominator]}分之{ZH_NUMERALS[v.numerator]}",
    "digital_training_counts": lambda v: "培训学时可记入参训人员当年继续教育学时" if v is True else "(not counted)",
    "quota_national": lambda v: f"国家级的专精特新“小巨人”企业每年度最多可举荐{v}人",
    "quota_provincial": lambda v: f"省级专精特新“小巨人”企业每年度最多可举荐{v}人",
    "expert_min_title": lambda v: f"1名同行业专家（{next(c.zh for c in quota.TITLE_LEVELS if c.value == v)}以上）",
}


def test_every_rule_has_its_wording():
    assert set(RULE_WORDING) == set(rules.RULES)


@pytest.mark.parametrize("key", sorted(rules.RULES))
def test_each_rule_is_found_in_the_clause_it_cites(key):
    words = RULE_WORDING[key](rules.value(key))
    assert words in clause_text(rules.clause(key)), f"{key}={rules.value(key)!r}: “{words}” not in {rules.clause(key)}"


@pytest.mark.parametrize("key_date", KEY_DATES, ids=[k.uid for k in KEY_DATES])
def test_each_key_date_is_in_its_clause(key_date):
    text = clause_text(key_date.clause)
    assert ymd(key_date.day, with_year=False) in text, key_date
    assert ymd(key_date.day) in text or f"{key_date.day.year}年" in text, key_date


def test_every_full_date_of_the_notice_is_a_key_date():
    found = {dt.date(int(y), int(m), int(d)) for c in clauses() if c.kind != "annex"
             for y, m, d in re.findall(r"(\d{4})年(\d{1,2})月(\d{1,2})日", "".join(c.zh))}
    assert found and found <= {k.day for k in KEY_DATES}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_calendar_dates_are_in_the_clauses_they_name(lang):
    calendar = icalendar.Calendar.from_ical((SITE / "data" / f"key-dates.{lang}.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) >= 4
    for event in events:
        day = event.decoded("DTSTART")
        clause_id = str(event.get("X-CLAUSE"))
        assert f"({clause_id})" not in str(event.get("DESCRIPTION"))
        assert ymd(day, with_year=False) in clause_text(clause_id), (day, clause_id)


# English completeness, clause by clause: no sentence, number, date or address lost.
SENTENCE_END_EN = re.compile(r"(?<=[.!?])[”\"]?\s+(?=[(“\"A-Z0-9])")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# Where the English has more sentences than the Chinese, and why.
SPLIT_IN_ENGLISH = {
    "preamble": "the addressee line, which has no 。, is its own English sentence",
    "s4-3": "one long Chinese sentence joined by a comma is two English sentences",
}


def sentences_zh(text: str) -> int:
    return len([s for s in re.split(r"[。！？]", text) if s.strip()])


def sentences_en(text: str) -> int:
    return len([s for s in SENTENCE_END_EN.split(text) if s.strip()])


@pytest.mark.parametrize("clause", [c for c in clauses() if c.kind not in ("annex", "part")], ids=lambda c: c.id)
def test_english_has_every_sentence(clause):
    zh, en = sentences_zh("".join(clause.zh)), sentences_en(" ".join(clause.en))
    assert en == zh + (1 if clause.id in SPLIT_IN_ENGLISH else 0), (clause.id, zh, en)


@pytest.mark.parametrize("clause", [c for c in clauses() if c.kind != "annex"], ids=lambda c: c.id)
def test_english_keeps_every_number_date_and_address(clause):
    zh = "".join(clause.zh)
    en = " ".join((clause.heading_en, *clause.en))
    urls = re.findall(r"https?://[\w./:~-]+", zh)
    zh = re.sub(r"https?://[\w./:~-]+", "", zh)
    dates = re.findall(r"(?:\d{4}年)?(\d{1,2})月(\d{1,2})日", zh)
    zh = re.sub(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日", r"\1", zh)
    missing = [u for u in urls if u not in en]
    missing += [f"{int(d)} {MONTHS[int(m) - 1]}" for m, d in dates if f"{int(d)} {MONTHS[int(m) - 1]}" not in en]
    missing += [n for n in re.findall(r"\d+", zh) if not re.search(rf"(?<!\d){n}(?!\d)", en)]
    assert missing == []


def test_the_sentence_counter_counts():
    assert sentences_en("(1) One. Two “three”. Four items. five") == 3 and sentences_zh("一。二；三。") == 2


# data-search-exclude: the calculator widget stays out of search.
def test_calculator_forms_stay_out_of_search():
    docs = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    # The widget sits in each page's first section; the method section may name the fields on purpose.
    pages = [d for d in docs if "calculators/" in d["location"] and d["location"].endswith("/")]
    assert len(pages) >= 8
    words = [h for m in calculators.CALCULATORS.values() for f in m.fields for h in (f.help_zh, f.help_en) if h]
    words += ["正在加载计算引擎", "Loading the calculator engine"]
    leaks = [(d["location"], w) for d in pages for w in words
             if w in re.sub(r"[\u200b\s]", "", d["text"]) or w in d["text"].replace("\u200b", "")]
    assert leaks == []


READINGS = [reading for calc in calculators.CALCULATORS.values() for reading in calc.readings]


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r.id)
def test_each_reading_quotes_the_notice_word_for_word_in_the_clause_it_names(reading):
    """A reading is set beside the notice's own words, so those words must be the notice's, in its clause
    (the Chinese without the layout's spaces; the English as the translation has it)."""
    clause = by_id()[reading.clause]
    assert reading.notice[0] in re.sub(r"\s", "", "".join(clause.zh)), reading.id
    assert reading.notice[1].lower() in " ".join(clause.en).lower(), reading.id
    assert "本站的理解" in reading.site[0] and "This site's reading" in reading.site[1], reading.id
